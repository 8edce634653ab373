import type { AnalysisProgress, AnalysisSummary, ImpliedEdges, ImpliedOptions, ZoneOfTrust } from '../engine';
import type { JourneyResult } from '../journey/journey';
import type { JourneyRoute } from '../journey/routes';
import type { AnalysisAnswer, AnalysisQuery, ComparisonPlay, EvaluationDelta, EvaluationProgress, ScenarioPatch, StepExplanation, WorkerReply, WorkerRequest } from './evaluationProtocol';
import type { EdgeProposals, LeastPrivilege, WhatIf } from '../engine/fix';

/** Where edges are decided: a Web Worker in the browser, in-process where there is none (unit tests). */
export interface Evaluator {
  /** Decides the changed parts; `onProgress` hears from a long evaluation while it runs. */
  evaluate(patch: ScenarioPatch, onProgress?: (progress: EvaluationProgress) => void): Promise<EvaluationDelta>;
  explain(edgeId: string): Promise<StepExplanation[] | undefined>;
  journey(routes: readonly JourneyRoute[]): Promise<JourneyResult>;
  compare(): Promise<ComparisonPlay | undefined>;
  /**
   * Runs the access analysis of the current scenario; resolves with its summary, or `undefined` when it was
   * cancelled or overtaken (by another analysis or an evaluation). `onProgress` hears each slice.
   */
  analyze(zone: ZoneOfTrust | undefined, onProgress: (progress: AnalysisProgress) => void): Promise<AnalysisSummary | undefined>;
  /** Stops the running analysis (its promise resolves with `undefined`). */
  cancelAnalysis(): void;
  /** Asks the last finished analysis a question. */
  ask(query: AnalysisQuery): Promise<AnalysisAnswer>;
  fixes(edgeId: string, direction: 'allow' | 'deny', action?: string): Promise<EdgeProposals>;
  leastPrivilege(principalId: string): Promise<LeastPrivilege>;
  whatIf(baseline: ScenarioPatch, name: string, currentName: string, label: string): Promise<WhatIf>;
  implied(options: ImpliedOptions): Promise<ImpliedEdges>;
  dispose(): void;
}

type Pending = { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void; progress?: (reply: ProgressReply) => void };
/** The replies that report on a request still running: an evaluation's or an analysis's progress. */
type ProgressReply = Extract<WorkerReply, { type: 'progress' | 'analysis-progress' }>;

/** What the evaluator needs of a worker (a real one, or the in-process stand-in). */
interface Port {
  postMessage(message: WorkerRequest): void;
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

function portEvaluator(worker: Port): Evaluator {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  worker.onmessage = (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    const p = pending.get(reply.id);
    if (!p) return;
    if (reply.type === 'analysis-progress' || reply.type === 'progress') {
      p.progress?.(reply);
      return;
    }
    pending.delete(reply.id);
    if (reply.type === 'failed') p.reject(new Error(reply.message));
    else p.resolve(reply);
  };
  worker.onerror = (event) => {
    // A crash of the worker itself (not an engine exception, which comes back as `failed`).
    const error = new Error(event.message || 'The evaluation worker stopped.');
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  type Unsent = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;
  const send = (request: Unsent, progress?: (reply: ProgressReply) => void): Promise<WorkerReply> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject, ...(progress ? { progress } : {}) });
      worker.postMessage({ ...request, id } as WorkerRequest);
    });
  const unexpected = (): never => {
    throw new Error('Unexpected reply from the evaluation worker.');
  };
  return {
    evaluate: async (patch, onProgress) => {
      const reply = await send({ type: 'evaluate', patch }, onProgress && ((r) => r.type === 'progress' && onProgress(r.progress)));
      return reply.type === 'evaluated' ? reply.delta : unexpected();
    },
    explain: async (edgeId) => {
      const reply = await send({ type: 'explain', edgeId });
      return reply.type === 'explained' ? reply.steps : unexpected();
    },
    journey: async (routes) => {
      const reply = await send({ type: 'journey', routes });
      return reply.type === 'journey' ? reply.result : unexpected();
    },
    compare: async () => {
      const reply = await send({ type: 'compare' });
      return reply.type === 'compared' ? reply.comparison : unexpected();
    },
    analyze: async (zone, onProgress) => {
      const reply = await send({ type: 'analyze', zone }, (r) => r.type === 'analysis-progress' && onProgress(r.progress));
      if (reply.type === 'analysis-cancelled') return undefined;
      return reply.type === 'analyzed' ? reply.summary : unexpected();
    },
    // Fire and forget: the analysis it stops answers for itself.
    cancelAnalysis: () => worker.postMessage({ type: 'cancel-analysis', id: nextId++ }),
    ask: async (query) => {
      const reply = await send({ type: 'ask', query });
      return reply.type === 'answered' ? reply.answer : unexpected();
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
      return reply.type === 'implied' ? reply.implied : unexpected();
    },
    dispose: () => {
      worker.terminate();
      const error = new Error('The evaluation was stopped.');
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    },
  };
}

/**
 * The worker's handler run in this thread, behind the same message interface: messages are structured
 * copies both ways, as a worker's are, so in-process callers cannot come to rely on anything a worker would
 * not deliver, and each is handled in a later task, as a worker's would be.
 */
async function inProcessPort(): Promise<Port> {
  const { createHandler } = await import('./workerHandler');
  const port: Port = {
    onmessage: null,
    onerror: null,
    postMessage: (message) => {
      const copy = structuredClone(message);
      setTimeout(() => handle(copy), 0);
    },
    terminate: () => undefined,
  };
  const handle = createHandler((reply) => {
    const copy = structuredClone(reply);
    setTimeout(() => port.onmessage?.({ data: copy } as MessageEvent<WorkerReply>), 0);
  });
  return port;
}

/** A worker when the platform has them, else the same handler in-process. */
export async function createEvaluator(): Promise<Evaluator> {
  if (typeof Worker !== 'undefined') {
    try {
      return portEvaluator(new Worker(new URL('./evaluation.worker.ts', import.meta.url), { type: 'module', name: 'crossaccount-evaluation' }) as unknown as Port);
    } catch {
      // Workers blocked (e.g. by a content security policy): evaluate on the main thread.
    }
  }
  return portEvaluator(await inProcessPort());
}
