import type { ElkLike } from '../graph/layout';
import { setLayout } from '../model';
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

/** Lays out the scenario (one undo step) and resolves when the new layout is in the store. */
export async function runAutoLayout(): Promise<void> {
  const { scenario, notify } = useAppStore.getState();
  try {
    const [{ autoLayout }, engine] = await Promise.all([import('../graph/layout'), loadElk()]);
    const entries = await autoLayout(scenario, engine);
    // The scenario may have changed while ELK worked: apply the positions of what still exists.
    useAppStore.getState().edit((s) => setLayout(s, Object.fromEntries(Object.entries(entries).filter(([id]) => s.accounts.some((a) => a.id === id) || s.principals.some((p) => p.id === id) || s.resources.some((r) => r.id === id)))));
    notify({ kind: 'info', text: 'Laid out automatically. Undo (Ctrl+Z) puts everything back.' });
  } catch (error) {
    notify({ kind: 'error', text: `Auto-layout failed: ${error instanceof Error ? error.message : String(error)}` });
  }
}
