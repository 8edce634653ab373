import type { AccessExplanation, AnalysisProgress, AnalysisSummary, Decision, ImpliedEdges, ImpliedOptions, MatrixFilter, MatrixView, ReachResult, ZoneOfTrust } from '../engine';
import type { EdgeProposals, LeastPrivilege, WhatIf } from '../engine/fix';
import type { EdgeVerdict } from '../graph/verdict';
import type { Design } from '../journey/compare';
import type { JourneyResult } from '../journey/journey';
import type { JourneyRoute } from '../journey/routes';
import type { IamRole, Principal, Resource, Scenario } from '../model';

/**
 * What crosses between the store and the evaluation worker. This module holds no engine code, so the
 * main bundle does not carry the engine: only the worker (and the lazily loaded policy editor) does.
 */

/** The parts of a scenario the engine reads. Layout and the scenario's name do not affect decisions. */
export const MODEL_PARTS = ['organizations', 'accounts', 'principals', 'groups', 'managedPolicies', 'resources', 'rules', 'edges'] as const;
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
  /** Decisions that ran past {@link DECISION_BUDGET_MS}, slowest first (at most five). */
  readonly slow: readonly SlowDecision[];
}

/**
 * How long one decision (an edge or a rule target) may take before the worker reports it. It is still
 * finished: the report is so that a slow policy is named while the user waits, never silence.
 */
export const DECISION_BUDGET_MS = 500;
/** How often the worker reports progress while an evaluation runs. */
export const PROGRESS_EVERY_MS = 250;

/** One decision that ran past the budget: the edge or rule target, and how long it took. */
export interface SlowDecision {
  readonly id: string;
  readonly ms: number;
}

/** Where a long evaluation is, sent while it runs. */
export interface EvaluationProgress {
  /** Decisions made so far, of at most `total` (edges and rule targets; kept results are not counted). */
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
  /** The slowest decision so far that ran past the budget. */
  readonly slowest?: SlowDecision;
}

export interface StepExplanation {
  readonly label: string;
  readonly decision: Decision;
}

/** One design of the seed example's comparison, decided by the engine on its own scenario. */
export interface DesignPlay {
  readonly design: Design;
  /** Every edge of the design's scenario, for its read-only canvas. */
  readonly verdicts: readonly EdgeVerdict[];
  /** The design's tour: the caller's own work, then the cross-account write. */
  readonly result: JourneyResult;
}

/** The comparison of the two designs (src/journey/compare.ts), played by the engine in the worker. */
export interface ComparisonPlay {
  readonly caller: Principal;
  readonly role: IamRole;
  readonly resource: Resource;
  readonly designs: readonly [DesignPlay, DesignPlay];
}

/**
 * Messages between the store and the evaluation worker. `id` pairs a reply with its request. The worker
 * answers in the order it receives requests, so a journey asked for after an evaluation is built on it.
 */
/** A question asked of the last finished access analysis. */
export type AnalysisQuery =
  | { readonly kind: 'who'; readonly resource: string; readonly maxDepth: number }
  | { readonly kind: 'what'; readonly subject: string; readonly maxDepth: number }
  | { readonly kind: 'matrix'; readonly filter: MatrixFilter }
  | { readonly kind: 'csv'; readonly filter: MatrixFilter }
  | { readonly kind: 'explain'; readonly subject: string; readonly resource: string; readonly action?: string; readonly maxDepth: number };

export type AnalysisAnswer =
  | { readonly kind: 'reach'; readonly result: ReachResult }
  | { readonly kind: 'matrix'; readonly view: MatrixView }
  | { readonly kind: 'csv'; readonly text: string }
  | { readonly kind: 'explain'; readonly explanation: AccessExplanation | undefined }
  | { readonly kind: 'none'; readonly reason: string };

/**
 * Messages between the store and the evaluation worker. `id` pairs a reply with its request. The worker
 * answers in the order it receives requests, so a journey asked for after an evaluation is built on it.
 *
 * An `analyze` request runs in slices between other messages: it answers with `analysis-progress` (any
 * number, same id), then `analyzed`, or `analysis-cancelled` when a `cancel-analysis`, a newer `analyze` or an
 * `evaluate` (whose scenario the running analysis no longer describes) overtakes it.
 */
export type WorkerRequest =
  | { readonly type: 'evaluate'; readonly id: number; readonly patch: ScenarioPatch }
  | { readonly type: 'explain'; readonly id: number; readonly edgeId: string }
  | { readonly type: 'journey'; readonly id: number; readonly routes: readonly JourneyRoute[] }
  | { readonly type: 'compare'; readonly id: number }
  | { readonly type: 'analyze'; readonly id: number; readonly zone: ZoneOfTrust | undefined }
  | { readonly type: 'cancel-analysis'; readonly id: number }
  | { readonly type: 'ask'; readonly id: number; readonly query: AnalysisQuery }
  /** Proposals that decide an edge the other way (src/engine/fix), over the scenario the worker holds. */
  | { readonly type: 'fixes'; readonly id: number; readonly edgeId: string; readonly direction: 'allow' | 'deny'; readonly action?: string }
  | { readonly type: 'leastPrivilege'; readonly id: number; readonly principalId: string }
  /**
   * The current scenario compared with another version. The baseline is sent as a patch against what the
   * worker holds (like an evaluation), so the items both versions share are the same objects there and the
   * engine reuses their results.
   */
  | { readonly type: 'whatIf'; readonly id: number; readonly baseline: ScenarioPatch; readonly name: string; readonly currentName: string; readonly label: string }
  | { readonly type: 'implied'; readonly id: number; readonly options: ImpliedOptions };

export type WorkerReply =
  | { readonly type: 'evaluated'; readonly id: number; readonly delta: EvaluationDelta }
  | { readonly type: 'explained'; readonly id: number; readonly steps: StepExplanation[] | undefined }
  | { readonly type: 'journey'; readonly id: number; readonly result: JourneyResult }
  | { readonly type: 'compared'; readonly id: number; readonly comparison: ComparisonPlay | undefined }
  | { readonly type: 'analysis-progress'; readonly id: number; readonly progress: AnalysisProgress }
  | { readonly type: 'analyzed'; readonly id: number; readonly summary: AnalysisSummary }
  | { readonly type: 'analysis-cancelled'; readonly id: number }
  | { readonly type: 'answered'; readonly id: number; readonly answer: AnalysisAnswer }
  | { readonly type: 'fixes'; readonly id: number; readonly result: EdgeProposals }
  | { readonly type: 'leastPrivilege'; readonly id: number; readonly result: LeastPrivilege }
  | { readonly type: 'whatIf'; readonly id: number; readonly result: WhatIf }
  | { readonly type: 'implied'; readonly id: number; readonly implied: ImpliedEdges }
  | { readonly type: 'failed'; readonly id: number; readonly message: string }
  /** Not an answer: sent while the evaluation asked for by `id` runs (many per request). */
  | { readonly type: 'progress'; readonly id: number; readonly progress: EvaluationProgress };
