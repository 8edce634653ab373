import type { ImportProgress } from '../import';
import type { ImportRun } from './importRun';

/**
 * What crosses between the page and the import worker. The page hands over the dropped or picked `File`s
 * (structured-cloneable: the worker reads them, so a 100 MB file is never read on the main thread); the
 * worker answers with progress and then the result of the import door (`src/import`).
 */
export type ImportRequest = { readonly type: 'import'; readonly files: readonly File[] };

export type ImportReply =
  | { readonly type: 'progress'; readonly progress: ImportProgress }
  | { readonly type: 'done'; readonly result: ImportRun }
  | { readonly type: 'failed'; readonly message: string };
