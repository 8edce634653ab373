import { parseScenario, type Scenario } from '../model';
import { autosaveCurrentEntry, keepUnreadableAutosave } from './library';
import { useAppStore } from './store';

/**
 * Autosave to local storage, and restore on load through the one door (`parseScenario`). Stored data that
 * no longer parses is kept under a backup key, never overwritten, and the user is told.
 */
export const AUTOSAVE_KEY = 'crossaccount:autosave';
export const BACKUP_KEY = 'crossaccount:autosave-unreadable';

export function restoreAutosave(): Scenario | undefined {
  let raw: string | null;
  try {
    raw = localStorage.getItem(AUTOSAVE_KEY);
  } catch {
    return undefined;
  }
  if (!raw) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const result = json === undefined ? undefined : parseScenario(json);
  if (result?.ok) return result.scenario;
  try {
    localStorage.setItem(BACKUP_KEY, raw);
  } catch {
    // Storage full or blocked: the original stays under AUTOSAVE_KEY until the next save.
  }
  // Also kept where the user can reach it, by name: Saved scenarios lists it, and can download it to repair.
  const kept = keepUnreadableAutosave(raw);
  const first = result && !result.ok ? result.errors[0] : undefined;
  useAppStore.getState().notify({
    kind: 'error',
    text: `Your autosaved scenario could not be opened${first ? ` (${first.path}: ${first.message})` : ''}. ${
      kept.ok ? `It is kept in Saved scenarios as “${kept.value.name}”: download it there to repair it.` : `It is kept in this browser's local storage under "${BACKUP_KEY}".`
    }`,
  });
  return undefined;
}

/** Writes the autosave at once (after a link, file or lesson replaced the scenario: a reload must not bring back what it replaced). */
export function saveAutosaveNow(scenario: Scenario): void {
  try {
    localStorage.setItem(AUTOSAVE_KEY, JSON.stringify(scenario));
  } catch {
    // Reported by the regular autosave, which retries on the next change.
  }
}

/** Starts autosaving; returns a function that stops it. */
export function startAutosave(delayMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = (scenario: Scenario): void => {
    try {
      localStorage.setItem(AUTOSAVE_KEY, JSON.stringify(scenario));
    } catch {
      useAppStore.getState().notify({ kind: 'error', text: 'Autosave failed: local storage is full or blocked.' });
    }
    // The saved scenario the user is working on (if any) follows too.
    const entry = autosaveCurrentEntry(scenario);
    if (!entry.ok) useAppStore.getState().notify({ kind: 'error', text: `Autosave of the saved scenario failed. ${entry.message}` });
  };
  const unsubscribe = useAppStore.subscribe((state, previous) => {
    if (state.scenario === previous.scenario) return;
    clearTimeout(timer);
    timer = setTimeout(() => save(state.scenario), delayMs);
  });
  const flush = (): void => {
    clearTimeout(timer);
    save(useAppStore.getState().scenario);
  };
  window.addEventListener('beforeunload', flush);
  return () => {
    unsubscribe();
    clearTimeout(timer);
    window.removeEventListener('beforeunload', flush);
  };
}
