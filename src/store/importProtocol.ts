import type { ImportDefaults, ImportProgress } from '../import';
import type { ImportRun } from './importRun';

/**
 * What crosses between the page and the import worker. The page hands over the dropped or picked `File`s
 * (structured-cloneable: the worker reads them, so a 100 MB file is never read on the main thread); the
 * worker answers with progress and then the result of the import door (`src/import`). `id` pairs replies
 * with their import: the worker is kept for the next import, and a reply to an earlier one is ignored.
 */
export type ImportRequest = { readonly type: 'import'; readonly id: number; readonly files: readonly File[]; readonly defaults?: ImportDefaults };

export type ImportReply =
  | { readonly type: 'progress'; readonly id: number; readonly progress: ImportProgress }
  | { readonly type: 'done'; readonly id: number; readonly result: ImportRun }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
