import { startLibrarySync, useLibrary } from '../store/library';
import { restoreWork, startAutosave } from '../store/persistence';
import { useStorageStatus } from '../store/storageStatus';
import { useAppStore } from '../store/store';
import { handleShortcut } from './shortcuts';

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
