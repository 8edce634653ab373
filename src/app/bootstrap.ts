import { restoreAutosave, startAutosave } from '../store/persistence';
import { useAppStore } from '../store/store';
import { handleShortcut } from './shortcuts';

/**
 * Runs once before the first render: opens the scenario to start with (the autosaved one, if it parses),
 * clears the undo history so the first undo cannot empty the canvas, and starts autosave and shortcuts.
 * Other sources (a share link) are tried before the autosave by their own modules.
 */
export function bootstrap(): () => void {
  const restored = restoreAutosave();
  if (restored) useAppStore.getState().replace(restored);
  useAppStore.temporal.getState().clear();
  const stop = startAutosave();
  window.addEventListener('keydown', handleShortcut);
  return () => {
    stop();
    window.removeEventListener('keydown', handleShortcut);
  };
}
