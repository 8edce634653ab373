import type { JourneyResult } from '../journey/journey';
import type { JourneyRoute } from '../journey/routes';
import type { EdgeProposals, LeastPrivilege, WhatIf } from '../engine/fix';
import type { ImpliedEdges, ImpliedOptions } from '../engine';
import type { ComparisonPlay, EvaluationDelta, EvaluationProgress, ScenarioPatch, StepExplanation, WorkerReply, WorkerRequest } from './evaluationProtocol';

/** Where edges are decided: a Web Worker in the browser, in-process where there is none (unit tests). */
export interface Evaluator {
  /** Decides the changed parts; `onProgress` hears from a long evaluation while it runs. */
  evaluate(patch: ScenarioPatch, onProgress?: (progress: EvaluationProgress) => void): Promise<EvaluationDelta>;
  explain(edgeId: string): Promise<StepExplanation[] | undefined>;
  journey(routes: readonly JourneyRoute[]): Promise<JourneyResult>;
  compare(): Promise<ComparisonPlay | undefined>;
  fixes(edgeId: string, direction: 'allow' | 'deny', action?: string): Promise<EdgeProposals>;
  leastPrivilege(principalId: string): Promise<LeastPrivilege>;
  whatIf(baseline: ScenarioPatch, name: string, currentName: string, label: string): Promise<WhatIf>;
  implied(options: ImpliedOptions): Promise<ImpliedEdges>;
  dispose(): void;
}

type Pending = { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void; progress?: (progress: EvaluationProgress) => void };

function workerEvaluator(worker: Worker): Evaluator {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  worker.onmessage = (event: MessageEvent<WorkerReply>) => {
    const p = pending.get(event.data.id);
    if (!p) return;
    if (event.data.type === 'progress') {
      p.progress?.(event.data.progress);
      return;
    }
    pending.delete(event.data.id);
    if (event.data.type === 'failed') p.reject(new Error(event.data.message));
    else p.resolve(event.data);
  };
  worker.onerror = (event) => {
    // A crash of the worker itself (not an engine exception, which comes back as `failed`).
    const error = new Error(event.message || 'The evaluation worker stopped.');
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  type Unsent = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;
  const send = (request: Unsent, progress?: (progress: EvaluationProgress) => void): Promise<WorkerReply> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject, ...(progress ? { progress } : {}) });
      worker.postMessage({ ...request, id } as WorkerRequest);
    });
  return {
    evaluate: async (patch, onProgress) => {
      const reply = await send({ type: 'evaluate', patch }, onProgress);
      if (reply.type !== 'evaluated') throw new Error('Unexpected reply from the evaluation worker.');
      return reply.delta;
    },
    explain: async (edgeId) => {
      const reply = await send({ type: 'explain', edgeId });
      if (reply.type !== 'explained') throw new Error('Unexpected reply from the evaluation worker.');
      return reply.steps;
    },
    journey: async (routes) => {
      const reply = await send({ type: 'journey', routes });
      if (reply.type !== 'journey') throw new Error('Unexpected reply from the evaluation worker.');
      return reply.result;
    },
    compare: async () => {
      const reply = await send({ type: 'compare' });
      if (reply.type !== 'compared') throw new Error('Unexpected reply from the evaluation worker.');
      return reply.comparison;
    },
    fixes: async (edgeId, direction, action) => {
      const reply = await send({ type: 'fixes', edgeId, direction, ...(action !== undefined ? { action } : {}) });
      if (reply.type !== 'fixes') throw new Error('Unexpected reply from the evaluation worker.');
      return reply.result;
    },
    leastPrivilege: async (principalId) => {
      const reply = await send({ type: 'leastPrivilege', principalId });
      if (reply.type !== 'leastPrivilege') throw new Error('Unexpected reply from the evaluation worker.');
      return reply.result;
    },
    whatIf: async (baseline, name, currentName, label) => {
      const reply = await send({ type: 'whatIf', baseline, name, currentName, label });
      if (reply.type !== 'whatIf') throw new Error('Unexpected reply from the evaluation worker.');
      return reply.result;
    },
    implied: async (options) => {
      const reply = await send({ type: 'implied', options });
      if (reply.type !== 'implied') throw new Error('Unexpected reply from the evaluation worker.');
      return reply.implied;
    },
    dispose: () => {
      worker.terminate();
      const error = new Error('The evaluation was stopped.');
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    },
  };
}

async function inProcessEvaluator(): Promise<Evaluator> {
  const { EvaluationSession } = await import('./evaluationSession');
  const session = new EvaluationSession();
  return {
    evaluate: async (patch, onProgress) => session.update(patch, onProgress),
    explain: async (edgeId) => session.explain(edgeId),
    // What crosses to a worker is a structured copy: in-process callers get one too, so they cannot come to
    // rely on anything a worker would not deliver.
    journey: async (routes) => structuredClone(session.journey(routes)),
    compare: async () => structuredClone(session.compare()),
    fixes: async (edgeId, direction, action) => structuredClone(session.fixes(edgeId, direction, action)),
    leastPrivilege: async (principalId) => structuredClone(session.leastPrivilege(principalId)),
    whatIf: async (baseline, name, currentName, label) => structuredClone(session.whatIf(baseline, name, currentName, label)),
    implied: async (options) => structuredClone(session.implied(options)),
    dispose: () => undefined,
  };
}

/** A worker when the platform has them, else the same session in-process. */
export async function createEvaluator(): Promise<Evaluator> {
  if (typeof Worker !== 'undefined') {
    try {
      return workerEvaluator(new Worker(new URL('./evaluation.worker.ts', import.meta.url), { type: 'module', name: 'crossaccount-evaluation' }));
    } catch {
      // Workers blocked (e.g. by a content security policy): evaluate on the main thread.
    }
  }
  return inProcessEvaluator();
}
