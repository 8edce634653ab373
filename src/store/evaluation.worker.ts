/// <reference lib="webworker" />
import { createHandler } from './workerHandler';
import type { WorkerRequest } from './evaluationProtocol';

/**
 * The evaluation worker: decides edges off the main thread so editing stays responsive on large
 * scenarios. It holds the scenario between messages and receives only the parts that changed. The access
 * analysis runs here too, in slices between messages (src/store/analysisRunner.ts).
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createHandler((reply) => scope.postMessage(reply));

scope.onmessage = (event: MessageEvent<WorkerRequest>) => handle(event.data);
