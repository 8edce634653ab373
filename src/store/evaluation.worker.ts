/// <reference lib="webworker" />
import { EvaluationSession } from './evaluationSession';
import type { WorkerReply, WorkerRequest } from './evaluationProtocol';

/**
 * The evaluation worker: decides edges off the main thread so editing stays responsive on large
 * scenarios. It holds the scenario between messages and receives only the parts that changed.
 */
const session = new EvaluationSession();
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const message = event.data;
  let reply: WorkerReply;
  try {
    reply =
      message.type === 'evaluate'
        ? { type: 'evaluated', id: message.id, delta: session.update(message.patch) }
        : { type: 'explained', id: message.id, steps: session.explain(message.edgeId) };
  } catch (error) {
    reply = { type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(reply);
};
