import type { Scenario } from '../../model';
import { loadDoor, loadedDoor } from '../../share/doorLoader';
import { describeProblem, fileNameFor } from '../../share/problem';
import { library, openScenario, type OpenRequest } from '../../store/library';
import { saveAutosaveNow } from '../../store/persistence';
import { useAppStore } from '../../store/store';
import { downloadText } from './download';
import { useShareUi } from './shareUi';

/** Downloads a scenario as a .json file; returns the file's name. */
export function downloadScenario(scenario: Scenario = useAppStore.getState().scenario): string {
  const name = fileNameFor(scenario, 'json');
  // The file writer leaves defaults out; before the door is loaded (nothing opened yet, work drawn on this
  // page) the scenario is written whole, which opens the same.
  const door = loadedDoor();
  downloadText(name, door ? door.serializeScenario(scenario) : `${JSON.stringify(scenario, null, 2)}\n`);
  return name;
}

/**
 * Opens a scenario (link, file, lesson, saved entry) the safe way: unsaved work is kept in Saved
 * scenarios first, and the user is told where; if it cannot be kept, the user is asked before anything
 * changes.
 */
export function openSafely(request: OpenRequest, opened: string, onOpened?: (result: { readonly backup?: { readonly name: string } }) => void, downloaded?: string): boolean {
  const ui = useShareUi.getState();
  const result = openScenario(request);
  if (!result.ok) {
    ui.setPending({ request, message: result.message, ...(onOpened ? { onOpened } : {}) });
    return false;
  }
  saveAutosaveNow(request.scenario);
  // The canvas fits the opened scenario by itself (the store's replace asks it to), clear of the lesson
  // panel that opens with a lesson.
  const backup = result.backup;
  onOpened?.(backup ? { backup } : {});
  ui.notify({
    kind: result.keepFailed ? 'error' : 'info',
    // Where everything is kept, by the name it has in Saved scenarios.
    text: [
      opened,
      result.unchanged ? 'It is the same as what you had open, so nothing needed keeping.' : '',
      result.current ? `It stays in Saved scenarios as “${result.current.name}”.` : '',
      result.kept ? `It is kept in Saved scenarios as “${result.kept.name}”.` : '',
      result.keepFailed ? `It could not be kept in Saved scenarios (${result.keepFailed})` : '',
      backup ? `Your previous work was kept there as “${backup.name}”.` : '',
      downloaded ? `Your previous work was downloaded as “${downloaded}”.` : '',
    ]
      .filter(Boolean)
      .join(' '),
    ...(backup ? { action: { label: 'Back to my previous work', run: () => void reopenEntry(backup.id, backup.name) } } : {}),
  });
  return true;
}

/** Opens a saved entry (the way back to work that was kept before something else was opened). */
export async function reopenEntry(id: string, name: string): Promise<void> {
  try {
    await loadDoor();
  } catch {
    useShareUi.getState().report({ title: `“${name}” could not be opened`, message: 'The part of the app that reads saved scenarios could not be loaded (offline, or the app was updated). Reload the page and try again.', details: [], testId: 'entry-error' });
    return;
  }
  const loaded = library().load(id);
  if (!loaded.ok) {
    useShareUi.getState().report({ title: `“${name}” could not be opened`, message: 'It is kept as it is in Saved scenarios.', details: loaded.problems.map(describeProblem), testId: 'entry-error' });
    return;
  }
  openSafely({ scenario: loaded.scenario, origin: 'saved', what: `“${name}”`, entryId: id, entryFingerprint: loaded.fingerprint }, `Opened “${name}”.`);
}

/** The user's answer when unsaved work could not be kept. */
export function resolvePending(choice: 'download-then-open' | 'open' | 'cancel'): void {
  const ui = useShareUi.getState();
  const pending = ui.pending;
  ui.setPending(undefined);
  if (!pending || choice === 'cancel') return;
  const downloaded = choice === 'download-then-open' ? downloadScenario() : undefined;
  openSafely({ ...pending.request, discardUnsaved: true }, `Opened ${pending.request.what}.`, pending.onOpened, downloaded);
}

/**
 * Opens the seed example (from the empty state or File ▾) through the same door as a lesson or a file:
 * whatever the canvas holds is kept in Saved scenarios first (or the user is asked), and the example counts
 * as "opened" (unchanged, it needs no backup when something else is opened over it).
 */
export async function openExample(): Promise<void> {
  let seedCrossAccount: Scenario;
  try {
    // Loaded with the door on first use (README, "Initial JavaScript").
    [{ seedCrossAccount }] = await Promise.all([import('../../model/fixtures/seedCrossAccount'), loadDoor()]);
  } catch {
    useShareUi.getState().notify({ kind: 'error', text: 'The example could not be loaded (offline, or the app was updated). Reload the page to try again; your work is as it was.' });
    return;
  }
  openSafely({ scenario: seedCrossAccount, origin: 'example', what: 'the example' }, 'Opened the example: alice in account A writes to bucket-b in account B.');
}
