import { AnalysisRunner } from './analysisRunner';
import { EvaluationSession } from './evaluationSession';
import type { WorkerReply, WorkerRequest } from './evaluationProtocol';

/**
 * What the evaluation worker does with each message: one session (the scenario and its evaluation) and one
 * analysis runner. Used by the worker itself and, where there is no worker (unit tests, a blocked worker), by
 * the in-process stand-in, so both answer exactly alike.
 */
export function createHandler(post: (reply: WorkerReply) => void, schedule?: (run: () => void) => void): (message: WorkerRequest) => void {
  const session = new EvaluationSession();
  const analysis = new AnalysisRunner(session, post, schedule);
  return (message) => {
    let reply: WorkerReply | undefined;
    try {
      switch (message.type) {
        case 'evaluate':
          // The running analysis describes the scenario before this change: it stops (the store asks again).
          if (analysis.running) analysis.cancel();
          reply = { type: 'evaluated', id: message.id, delta: session.update(message.patch, (progress) => post({ type: 'progress', id: message.id, progress })) };
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
        case 'analyze':
          analysis.start(message.id, message.zone);
          break;
        case 'cancel-analysis':
          analysis.cancel();
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
        case 'ask':
          reply = { type: 'answered', id: message.id, answer: session.ask(message.query) };
          break;
      }
    } catch (error) {
      reply = { type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) };
    }
    if (reply) post(reply);
  };
}
