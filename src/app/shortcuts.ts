import { duplicate, removeIds } from '../model';
import { redo, undo, useAppStore } from '../store/store';

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || !!target.closest('.cm-editor');
}

/**
 * Editor shortcuts: undo (Ctrl/⌘+Z), redo (Ctrl/⌘+Shift+Z or Ctrl+Y), duplicate (Ctrl/⌘+D), select all
 * (Ctrl/⌘+A), escape (clear the selection). Delete/Backspace are React Flow's. Ignored while typing.
 */
export function handleShortcut(event: KeyboardEvent): void {
  if (typingIn(event.target)) return;
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
      return r.scenario;
    });
    if (created.length > 0) state.select(created);
  } else if (mod && key === 'a') {
    event.preventDefault();
    const s = state.scenario;
    state.select([...s.principals.map((p) => p.id), ...s.resources.map((r) => r.id), ...s.rules.map((r) => r.id)]);
  } else if (key === 'escape') {
    state.select([]);
    state.setFocus(undefined);
  } else if ((key === 'delete' || key === 'backspace') && state.selected.length > 0 && !(event.target instanceof HTMLElement && event.target.closest('.react-flow'))) {
    // React Flow deletes when it has focus; elsewhere (after selecting from the inspector) do it here.
    state.edit((s) => removeIds(s, new Set(state.selected)));
  }
}
