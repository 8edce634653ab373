import type { Decision } from '../engine';
import type { EdgeVerdict } from '../graph/verdict';
import type { Scenario } from '../model';

/**
 * What crosses between the store and the evaluation worker. This module holds no engine code, so the
 * main bundle does not carry the engine: only the worker (and the lazily loaded policy editor) does.
 */

/** The parts of a scenario the engine reads. Layout and the scenario's name do not affect decisions. */
export const MODEL_PARTS = ['organizations', 'accounts', 'principals', 'resources', 'rules', 'edges'] as const;
export type ModelPart = (typeof MODEL_PARTS)[number];

/**
 * A changed part, sent as a delta: the ids in their new order, and only the items that are new or changed.
 * Scenario updates are immutable, so "changed" is decided by identity on the main thread; the worker keeps
 * every other item as the object it already has, which is what lets the engine reuse their results.
 */
export interface PartDelta<T> {
  readonly ids: readonly string[];
  readonly items: readonly T[];
}
export type ScenarioPatch = { -readonly [K in ModelPart]?: PartDelta<Scenario[K][number]> };

export interface EvaluationDelta {
  /** Verdicts that are new or differ from the previous evaluation. */
  readonly changed: EdgeVerdict[];
  /** Edge ids that no longer exist. */
  readonly removed: string[];
  /** Milliseconds the engine took. */
  readonly ms: number;
  readonly evaluated: number;
  readonly reused: number;
}

export interface StepExplanation {
  readonly label: string;
  readonly decision: Decision;
}

/** Messages between the store and the evaluation worker. `id` pairs a reply with its request. */
export type WorkerRequest =
  | { readonly type: 'evaluate'; readonly id: number; readonly patch: ScenarioPatch }
  | { readonly type: 'explain'; readonly id: number; readonly edgeId: string };

export type WorkerReply =
  | { readonly type: 'evaluated'; readonly id: number; readonly delta: EvaluationDelta }
  | { readonly type: 'explained'; readonly id: number; readonly steps: StepExplanation[] | undefined }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
