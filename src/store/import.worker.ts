/// <reference lib="webworker" />
import type { ImportReply, ImportRequest } from './importProtocol';
import { runImport } from './importRun';

/**
 * The import worker: reads and imports files off the main thread, so dropping a 50 MB export never
 * freezes the page, and reports progress as it goes. It stays for the next import (cancelling one ends it).
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<ImportRequest>) => {
  const { id, files, defaults } = event.data;
  const post = (reply: ImportReply): void => scope.postMessage(reply);
  runImport(files, (progress) => post({ type: 'progress', id, progress }), defaults).then(
    (result) => post({ type: 'done', id, result }),
    (error: unknown) => post({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) }),
  );
};
