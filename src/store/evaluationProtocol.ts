import type { EvaluationDelta, ScenarioPatch, StepExplanation } from './evaluationSession';

/** Messages between the store and the evaluation worker. `id` pairs a reply with its request. */
export type WorkerRequest =
  | { readonly type: 'evaluate'; readonly id: number; readonly patch: ScenarioPatch }
  | { readonly type: 'explain'; readonly id: number; readonly edgeId: string };

export type WorkerReply =
  | { readonly type: 'evaluated'; readonly id: number; readonly delta: EvaluationDelta }
  | { readonly type: 'explained'; readonly id: number; readonly steps: StepExplanation[] | undefined }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
