import { withLayout } from '../../canvas/autoLayout';
import type { ImportDefaults } from '../../import';
import { startImportJob } from '../../store/importer';
import { openSafely } from '../share/actions';
import { useShareUi } from '../share/shareUi';
import { useImportUi } from './importUi';

/**
 * Imports dropped or picked files into a new scenario: read and imported in a worker (with progress and
 * Cancel), the first picture laid out, then opened the safe way — the current work is kept in Saved
 * scenarios first and never overwritten — and the report of every file shown. Nothing changes when
 * nothing could be imported.
 */
export async function startImport(files: readonly File[], defaults?: ImportDefaults): Promise<void> {
  const ui = useImportUi.getState();
  if (ui.running || files.length === 0) return;
  const job = startImportJob(
    files,
    (progress) => {
      const running = useImportUi.getState().running;
      if (running) useImportUi.getState().set({ running: { ...running, progress } });
    },
    defaults,
  );
  ui.set({ running: { files: files.length, cancel: job.cancel }, report: undefined, picker: false, implied: false });
  const names = files.map((f) => f.name);
  let result;
  try {
    result = await job.done;
  } catch (error) {
    useImportUi.getState().set({ running: undefined });
    if (error instanceof DOMException && error.name === 'AbortError') {
      useShareUi.getState().notify({ kind: 'info', text: 'Import cancelled. Nothing was changed.' });
      return;
    }
    useImportUi.getState().set({ report: { result: { verdicts: [], notes: [], failure: `The import stopped: ${error instanceof Error ? error.message : String(error)}` }, files: names, opened: false } });
    return;
  }
  if (!result.scenario) {
    useImportUi.getState().set({ running: undefined, report: { result, files: names, opened: false } });
    return;
  }
  const running = useImportUi.getState().running;
  if (running) useImportUi.getState().set({ running: { ...running, stage: 'drawing' } });
  let scenario = result.scenario;
  // Exports hold no edges: the first picture is a catalogue of what is drawn (src/graph/catalogue.ts); a
  // scenario file with edges is laid out with ELK.
  // A scenario file imported on its own keeps its own picture.
  const ownPicture = result.verdicts.every((v) => v.status === 'skipped' || v.recognised?.format === 'crossaccount-scenario');
  if (!ownPicture) {
    try {
      scenario = await withLayout(scenario, { catalogue: true });
    } catch {
      // Not laid out: the canvas places what has no position.
    }
  }
  // Cancelled while the picture was being laid out.
  if (!useImportUi.getState().running) return;
  useImportUi.getState().set({ running: undefined });
  const what = files.length === 1 ? `“${names[0]}”` : `${files.length} files`;
  const { storedChars, ...rest } = result;
  const report = { result: { ...rest, scenario }, files: names, retry: { files, ...(defaults ? { defaults } : {}) }, ...(storedChars !== undefined ? { storedChars } : {}) };
  const opened = openSafely({ scenario, origin: 'import', what: `the import of ${what}` }, `Imported ${what} into a new scenario.`, ({ backup }) =>
    useImportUi.getState().set({ report: { ...report, opened: true, ...(backup ? { backup: backup.name } : {}) } }),
  );
  if (!opened) useImportUi.getState().set({ report: { ...report, opened: false } });
}
