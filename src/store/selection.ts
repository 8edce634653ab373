import { useAppStore } from './store';

/** Selects one canvas element; with `additive` (Shift/Ctrl/⌘) it toggles it within the selection. */
export function selectOnCanvas(id: string, additive: boolean): void {
  const { selected, select } = useAppStore.getState();
  if (!additive) {
    if (selected.length !== 1 || selected[0] !== id) select([id]);
    // Clicking what is already selected still shows it (the inspector's tab, while a comparison is open).
    else useAppStore.getState().showSideTab('inspector');
    return;
  }
  select(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);
}

/** Applies React Flow's select/deselect changes to the store's selection (one update for the batch). */
export function applySelectionChanges(changes: readonly { readonly id: string; readonly selected: boolean }[]): void {
  if (changes.length === 0) return;
  const { selected, select, scenario } = useAppStore.getState();
  const next = new Set(selected);
  // A group or managed policy open in the inspector is not on the canvas, so the canvas never deselects it:
  // a selection made on the canvas replaces it.
  if (changes.some((c) => c.selected)) for (const x of [...scenario.groups, ...scenario.managedPolicies]) next.delete(x.id);
  for (const c of changes) {
    if (c.selected) next.add(c.id);
    else next.delete(c.id);
  }
  if (next.size !== selected.length || selected.some((id) => !next.has(id))) select([...next]);
}
