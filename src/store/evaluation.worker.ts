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
    switch (message.type) {
      case 'evaluate':
        reply = { type: 'evaluated', id: message.id, delta: session.update(message.patch, (progress) => scope.postMessage({ type: 'progress', id: message.id, progress } satisfies WorkerReply)) };
        break;
      case 'explain':
        reply = { type: 'explained', id: message.id, steps: session.explain(message.edgeId) };
        break;
      case 'journey':
        reply = { type: 'journey', id: message.id, result: session.journey(message.routes) };
        break;
      case 'compare':
        reply = { type: 'compared', id: message.id, comparison: session.compare() };
        break;
      case 'fixes':
        reply = { type: 'fixes', id: message.id, result: session.fixes(message.edgeId, message.direction, message.action) };
        break;
      case 'leastPrivilege':
        reply = { type: 'leastPrivilege', id: message.id, result: session.leastPrivilege(message.principalId) };
        break;
      case 'whatIf':
        reply = { type: 'whatIf', id: message.id, result: session.whatIf(message.baseline, message.name, message.currentName, message.label) };
        break;
      case 'implied':
        reply = { type: 'implied', id: message.id, implied: session.implied(message.options) };
        break;
    }
  } catch (error) {
    reply = { type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(reply);
};
