import type { ElkLike } from '../graph/layout';
import { catalogueLayout, hasNoDrawnEdges } from '../graph/catalogue';
import { drawnPart, hasHidden, setLayout, type Scenario } from '../model';
import { useAppStore } from '../store/store';

/**
 * Auto-layout on demand: elkjs (about 1.5 MB) is loaded the first time it is used and runs in its own
 * worker, so neither the initial bundle nor the main thread pays for it.
 */
let elk: Promise<ElkLike> | undefined;

function loadElk(): Promise<ElkLike> {
  elk ??= Promise.all([import('elkjs/lib/elk-api.js'), import('elkjs/lib/elk-worker.min.js?url')]).then(([api, worker]) => new api.default({ workerUrl: worker.default }));
  return elk;
}

/**
 * The layout entries ELK gives the drawn part of a scenario (what is not drawn is not laid out: a large
 * import draws a few cards of thousands).
 */
async function drawnLayout(scenario: Scenario, options: LayoutOptions = {}): Promise<Scenario['layout']['nodes']> {
  // A scenario that draws part of itself (a large import) is always a catalogue: what the user picks is
  // many cards of a few kinds, which ELK's layers stack in one column per rank. Imported data drawn whole
  // is a catalogue until it has an edge, and then ELK's layers follow the edges.
  if (hasHidden(scenario) || (options.catalogue && hasNoDrawnEdges(scenario))) return catalogueLayout(scenario);
  const [{ autoLayout }, engine] = await Promise.all([import('../graph/layout'), loadElk()]);
  return autoLayout(drawnPart(scenario), engine);
}

export interface LayoutOptions {
  /** Lay a drawn part without edges out as a catalogue (`catalogueLayout`) rather than with ELK (imported data). */
  readonly catalogue?: boolean;
}

/** The scenario with its drawn part laid out automatically (for a scenario about to be opened: no edit). */
export async function withLayout(scenario: Scenario, options: LayoutOptions = {}): Promise<Scenario> {
  return setLayout(scenario, await drawnLayout(scenario, options));
}

/**
 * Applies `change` and lays out what is then drawn, as one edit (one undo step). The layout is computed on
 * the changed scenario; should the scenario change while ELK works, `change` is applied to the new one and
 * only the positions of what still exists are taken.
 */
export async function editWithLayout(change: (s: Scenario) => Scenario): Promise<void> {
  const before = useAppStore.getState().scenario;
  const after = change(before);
  if (after === before) return;
  let entries: Scenario['layout']['nodes'] = {};
  try {
    entries = await drawnLayout(after);
  } catch (error) {
    useAppStore.getState().notify({ kind: 'error', text: `Auto-layout failed: ${error instanceof Error ? error.message : String(error)}` });
  }
  useAppStore.getState().edit((s) => {
    const next = s === before ? after : change(s);
    const known = new Set([...next.accounts.map((a) => a.id), ...next.principals.map((p) => p.id), ...next.resources.map((r) => r.id)]);
    return setLayout(next, Object.fromEntries(Object.entries(entries).filter(([id]) => known.has(id))));
  });
}

/** Lays out the scenario (one undo step) and resolves when the new layout is in the store. */
export async function runAutoLayout(): Promise<void> {
  const { scenario, notify } = useAppStore.getState();
  try {
    const entries = await drawnLayout(scenario);
    // The scenario may have changed while ELK worked: apply the positions of what still exists.
    useAppStore.getState().edit((s) => setLayout(s, Object.fromEntries(Object.entries(entries).filter(([id]) => s.accounts.some((a) => a.id === id) || s.principals.some((p) => p.id === id) || s.resources.some((r) => r.id === id)))));
    notify({ kind: 'info', text: 'Laid out automatically. Undo (Ctrl+Z) puts everything back.' });
  } catch (error) {
    notify({ kind: 'error', text: `Auto-layout failed: ${error instanceof Error ? error.message : String(error)}` });
  }
}
