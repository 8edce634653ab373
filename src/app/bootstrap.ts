import { loadDoor } from '../share/doorLoader';
import { startLibrarySync, useLibrary } from '../store/library';
import { hasWorkToRestore, restoreWork, startAutosave } from '../store/persistence';
import { useStorageStatus } from '../store/storageStatus';
import { useAppStore } from '../store/store';
import { handleShortcut } from './shortcuts';

/**
 * What start-up must load before `bootstrap`: the door (`parseScenario` and the file reader), only when
 * there is stored work to read. A first visit draws its empty canvas without it (README, "Initial
 * JavaScript"). When it cannot be loaded, the stored work is left as it is — `bootstrap` then opens
 * nothing and starts no autosave that could overwrite it — and the notice under the header says so.
 */
export async function loadWhatStartNeeds(): Promise<void> {
  let needed: boolean;
  try {
    needed = hasWorkToRestore();
  } catch {
    return; // Storage that cannot even be asked has nothing to restore; bootstrap says why.
  }
  if (!needed) return;
  try {
    await loadDoor();
  } catch (error) {
    console.error('Crossaccount could not load the code that reads your saved work:', error);
    useStorageStatus.getState().set({
      message: { kind: 'error', text: 'Your saved work could not be opened: the part of the app that reads it did not load (offline, or the app was updated). It is kept as it was and nothing is saved over it; reload the page to open it.' },
    });
  }
}

/**
 * Runs once before the first render: opens the work to start with (this tab's own on a reload, else the
 * latest autosave, if it parses), clears the undo history so the first undo cannot empty the canvas, and
 * starts autosave, the library's sync with other tabs, and shortcuts. Other sources (a share link) are tried
 * after it by their own modules, so unsaved work is kept before a link replaces it.
 */
export function bootstrap(): () => void {
  const outcome = restoreWork();
  if (outcome.scenario) useAppStore.getState().replace(outcome.scenario);
  useAppStore.temporal.getState().clear();
  if (outcome.message) useStorageStatus.getState().set({ message: outcome.message });
  useLibrary.getState().refresh();
  const stopSync = startLibrarySync();
  const stop = startAutosave();
  window.addEventListener('keydown', handleShortcut);
  return () => {
    stop();
    stopSync();
    window.removeEventListener('keydown', handleShortcut);
  };
}

/**
 * After the first picture, when the browser is idle: loads the door, which opening the example, a lesson,
 * a file or a saved scenario needs, so the first of them does not wait for it. Failing here changes
 * nothing: each of them loads it again and says so if it cannot.
 */
export function prefetchAfterFirstPicture(): void {
  const later = (run: () => void): void => {
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(run, { timeout: 2000 });
    else setTimeout(run, 200);
  };
  later(() => void loadDoor().catch(() => undefined));
}
