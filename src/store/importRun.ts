import { firstPicture, importFiles, type ImportDefaults, type ImportInput, type ImportProgress, type ImportResult } from '../import';

/**
 * One import, as the worker runs it (and the page itself where there is no worker): read every file's
 * text, pass them through the import door, and choose the first picture of what came in. A scenario file
 * imported on its own keeps its own layout; anything else starts from `firstPicture`.
 */
/** An import's result, with how many characters its scenario takes as JSON (what browser storage would hold). */
export type ImportRun = ImportResult & { readonly storedChars?: number };

export async function runImport(files: readonly File[], onProgress: (p: ImportProgress) => void, defaults?: ImportDefaults): Promise<ImportRun> {
  const inputs: ImportInput[] = [];
  for (let i = 0; i < files.length; i++) {
    const file = files[i] as File;
    onProgress({ phase: 'reading', done: i, total: files.length, file: file.name });
    // Files over the door's limit are not read at all: the door reports them by their size.
    const text = file.size > 512 * 1024 * 1024 ? '' : await file.text().catch(() => '');
    inputs.push({ name: file.name, text, bytes: file.size });
  }
  const result = importFiles(inputs, { onProgress, ...(defaults ? { defaults } : {}) });
  if (!result.scenario) return result;
  const onlyScenarioFiles = result.verdicts.every((v) => v.status === 'skipped' || v.recognised?.format === 'crossaccount-scenario');
  const scenario = onlyScenarioFiles ? result.scenario : firstPicture(result.scenario);
  return { ...result, scenario, storedChars: JSON.stringify(scenario).length };
}
