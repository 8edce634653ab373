/// <reference lib="webworker" />
import type { ImportReply, ImportRequest } from './importProtocol';
import { runImport } from './importRun';

/**
 * The import worker: reads and imports files off the main thread, so dropping a 50 MB export never
 * freezes the page, and reports progress as it goes.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<ImportRequest>) => {
  const post = (reply: ImportReply): void => scope.postMessage(reply);
  runImport(event.data.files, (progress) => post({ type: 'progress', progress })).then(
    (result) => post({ type: 'done', result }),
    (error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
};
