import type { Scenario } from '../../model';
import { fileNameFor, serializeScenario } from '../../share/file';
import { openScenario, type OpenRequest } from '../../store/library';
import { saveAutosaveNow } from '../../store/persistence';
import { useAppStore } from '../../store/store';
import { downloadText } from './download';
import { useShareUi } from './shareUi';

/** Downloads a scenario as a .json file. */
export function downloadScenario(scenario: Scenario = useAppStore.getState().scenario): void {
  downloadText(fileNameFor(scenario, 'json'), serializeScenario(scenario));
}

/**
 * Opens a scenario (link, file, lesson, saved entry) the safe way: unsaved work is kept in Saved
 * scenarios first, and the user is told where; if it cannot be kept, the user is asked before anything
 * changes.
 */
export function openSafely(request: OpenRequest, opened: string, onOpened?: () => void): boolean {
  const ui = useShareUi.getState();
  const result = openScenario(request);
  if (!result.ok) {
    ui.setPending({ request, message: result.message, ...(onOpened ? { onOpened } : {}) });
    return false;
  }
  saveAutosaveNow(request.scenario);
  onOpened?.();
  ui.fitView?.();
  ui.notify({
    kind: 'info',
    text: result.backup ? `${opened} Your previous work was kept in Saved scenarios as “${result.backup.name}”.` : opened,
    ...(result.backup ? { action: { label: 'Show saved scenarios', run: () => useShareUi.getState().show('library') } } : {}),
  });
  return true;
}

/** The user's answer when unsaved work could not be kept. */
export function resolvePending(choice: 'download-then-open' | 'open' | 'cancel'): void {
  const ui = useShareUi.getState();
  const pending = ui.pending;
  ui.setPending(undefined);
  if (!pending || choice === 'cancel') return;
  if (choice === 'download-then-open') downloadScenario();
  openSafely({ ...pending.request, discardUnsaved: true }, `Opened ${pending.request.what}.`, pending.onOpened);
}
