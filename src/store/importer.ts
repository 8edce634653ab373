import type { ImportProgress } from '../import';
import type { ImportReply } from './importProtocol';
import type { ImportRun } from './importRun';

/**
 * Runs an import in its own worker (one per import: it is dropped when done or cancelled), or in the page
 * where workers are unavailable. The import code (src/import) loads only with the worker, never in the
 * main bundle.
 */
export interface ImportJob {
  readonly done: Promise<ImportRun>;
  /** Stops the import: the worker is terminated and `done` rejects with an AbortError. */
  cancel(): void;
}

export function startImportJob(files: readonly File[], onProgress: (p: ImportProgress) => void): ImportJob {
  let worker: Worker | undefined;
  try {
    worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'crossaccount-import' });
  } catch {
    worker = undefined;
  }
  if (!worker) {
    let cancelled = false;
    const done = import('./importRun').then(({ runImport }) =>
      runImport(files, (p) => {
        if (!cancelled) onProgress(p);
      }),
    ).then((r) => {
      if (cancelled) throw new DOMException('The import was cancelled.', 'AbortError');
      return r;
    });
    return { done, cancel: () => void (cancelled = true) };
  }
  const w = worker;
  let reject: (e: unknown) => void = () => undefined;
  const done = new Promise<ImportRun>((resolve, fail) => {
    reject = fail;
    w.onmessage = (event: MessageEvent<ImportReply>) => {
      const reply = event.data;
      if (reply.type === 'progress') onProgress(reply.progress);
      else {
        w.terminate();
        if (reply.type === 'done') resolve(reply.result);
        else fail(new Error(reply.message));
      }
    };
    w.onerror = (event) => {
      w.terminate();
      fail(new Error(event.message || 'The import worker stopped.'));
    };
  });
  w.postMessage({ type: 'import', files: [...files] });
  return {
    done,
    cancel: () => {
      w.terminate();
      reject(new DOMException('The import was cancelled.', 'AbortError'));
    },
  };
}
