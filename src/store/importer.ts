import type { ImportDefaults, ImportProgress } from '../import';
import type { ImportReply } from './importProtocol';
import type { ImportRun } from './importRun';

/**
 * Runs an import in the import worker, or in the page where workers are unavailable. The worker is made on
 * the first import and kept for the next ones (so importing again loads nothing); cancelling an import
 * terminates it, which stops the work at once, and the next import makes a new one. The import code
 * (src/import) loads only with the worker, never in the main bundle.
 */
export interface ImportJob {
  readonly done: Promise<ImportRun>;
  /** Stops the import: `done` rejects with an AbortError. */
  cancel(): void;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { onProgress: (p: ImportProgress) => void; resolve: (r: ImportRun) => void; reject: (e: unknown) => void }>();

function importWorker(): Worker | undefined {
  if (worker) return worker;
  try {
    worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'crossaccount-import' });
  } catch {
    return undefined;
  }
  worker.onmessage = (event: MessageEvent<ImportReply>) => {
    const reply = event.data;
    const job = pending.get(reply.id);
    if (!job) return;
    if (reply.type === 'progress') return job.onProgress(reply.progress);
    pending.delete(reply.id);
    if (reply.type === 'done') job.resolve(reply.result);
    else job.reject(new Error(reply.message));
  };
  worker.onerror = (event) => {
    // The worker itself stopped (not an importer's error, which comes back as `failed`).
    const error = new Error(event.message || 'The import worker stopped.');
    for (const job of pending.values()) job.reject(error);
    pending.clear();
    worker?.terminate();
    worker = undefined;
  };
  return worker;
}

/** Imports files in the worker; `defaults` give the account and Region of plans and templates that do not say. */
export function startImportJob(files: readonly File[], onProgress: (p: ImportProgress) => void, defaults?: ImportDefaults): ImportJob {
  const w = importWorker();
  if (!w) {
    let cancelled = false;
    const done = import('./importRun')
      .then(({ runImport }) =>
        runImport(
          files,
          (p) => {
            if (!cancelled) onProgress(p);
          },
          defaults,
        ),
      )
      .then((r) => {
        if (cancelled) throw new DOMException('The import was cancelled.', 'AbortError');
        return r;
      });
    return { done, cancel: () => void (cancelled = true) };
  }
  const id = nextId++;
  const done = new Promise<ImportRun>((resolve, reject) => pending.set(id, { onProgress, resolve, reject }));
  w.postMessage({ type: 'import', id, files: [...files], ...(defaults ? { defaults } : {}) });
  return {
    done,
    cancel: () => {
      const job = pending.get(id);
      if (!job) return;
      pending.delete(id);
      // The work stops only with the worker: it is ended, and the next import makes a new one.
      w.terminate();
      if (worker === w) worker = undefined;
      for (const other of pending.values()) other.reject(new DOMException('The import was cancelled.', 'AbortError'));
      pending.clear();
      job.reject(new DOMException('The import was cancelled.', 'AbortError'));
    },
  };
}
