import { fitAccounts } from '../canvas/palette';
import { duplicate, removeIds } from '../model';
import { redo, undo, useAppStore } from '../store/store';

/** The shortcuts, as shown in the status line's "Keyboard" list. */
export const SHORTCUTS: ReadonlyArray<readonly [string, string]> = [
  ['Ctrl/⌘+Z', 'Undo'],
  ['Ctrl/⌘+Shift+Z, Ctrl+Y', 'Redo'],
  ['Delete, Backspace', 'Remove the selection'],
  ['Ctrl/⌘+D', 'Duplicate selected principals and resources'],
  ['Ctrl/⌘+A', 'Select everything on the canvas'],
  ['Escape', 'Clear the selection'],
  ['Shift+1', 'Fit the scenario in view'],
  ['Shift+click, Shift+drag', 'Add to the selection, select an area'],
  ['Tab, Enter', 'Move between nodes and edge labels, select one'],
  ['Arrow keys', 'Move the selected nodes'],
  ['Space, ←, →, Home', 'In a journey: play or pause, step back or forward, replay'],
];

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || !!target.closest('.cm-editor');
}

/**
 * Editor shortcuts: undo (Ctrl/⌘+Z), redo (Ctrl/⌘+Shift+Z or Ctrl+Y), duplicate (Ctrl/⌘+D), select all
 * (Ctrl/⌘+A), escape (clear the selection), fit view (Shift+1). Delete/Backspace inside the canvas are
 * React Flow's; elsewhere (after selecting from the inspector) they are handled here. Ignored while typing.
 */
export function handleShortcut(event: KeyboardEvent): void {
  if (typingIn(event.target) || event.defaultPrevented) return;
  // A modal dialog holds the keyboard: Escape closes it (not the selection behind it), and no edit reaches
  // the scenario it covers.
  if (event.target instanceof Element && event.target.closest('dialog[open]')) return;
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  const state = useAppStore.getState();
  if (mod && key === 'z' && !event.shiftKey) {
    event.preventDefault();
    undo();
  } else if ((mod && key === 'z' && event.shiftKey) || (mod && key === 'y')) {
    event.preventDefault();
    redo();
  } else if (mod && key === 'd') {
    event.preventDefault();
    let created: string[] = [];
    state.edit((s) => {
      const r = duplicate(s, new Set(state.selected));
      created = r.ids;
      return fitAccounts(r.scenario, r.ids);
    });
    if (created.length > 0) state.select(created);
  } else if (mod && key === 'a') {
    event.preventDefault();
    const s = state.scenario;
    state.select([...s.accounts.map((a) => a.id), ...s.principals.map((p) => p.id), ...s.resources.map((r) => r.id), ...s.rules.map((r) => r.id), ...s.edges.map((e) => e.id)]);
  } else if (key === 'escape') {
    if (state.selected.length > 0 || state.focus) {
      state.select([]);
      state.setFocus(undefined);
    }
  } else if (event.shiftKey && (event.code === 'Digit1' || key === '!')) {
    state.requestFit();
  } else if ((key === 'delete' || key === 'backspace') && state.selected.length > 0 && !(event.target instanceof HTMLElement && event.target.closest('.react-flow'))) {
    event.preventDefault();
    state.edit((s) => removeIds(s, new Set(state.selected)));
  }
}
