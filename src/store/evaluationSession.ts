import { evaluateScenario, explainStep, type Decision, type ScenarioEvaluation } from '../engine';
import { toVerdict, type EdgeVerdict } from '../graph/verdict';
import type { Scenario } from '../model';

/**
 * Keeps one scenario and its evaluation, and re-evaluates incrementally as parts of the scenario change.
 * It runs in the evaluation worker (or in-process where workers are unavailable, e.g. unit tests).
 *
 * The engine reuses an edge's previous result when its inputs are the same objects. Data that crossed a
 * worker boundary is a fresh copy, so `reconcile` first puts back the previous object for every entity
 * that is structurally unchanged; without it every message would re-evaluate every edge.
 */

/** The parts of a scenario the engine reads. Layout and names of the scenario do not affect decisions. */
export const MODEL_PARTS = ['organizations', 'accounts', 'principals', 'resources', 'rules', 'edges'] as const;
export type ModelPart = (typeof MODEL_PARTS)[number];
export type ScenarioPatch = { -readonly [K in ModelPart]?: Scenario[K] };

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

/** Structural equality for JSON-shaped data (key order does not matter). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], bb[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** `next`, with every item structurally equal to the previous item of the same id replaced by that item. */
export function reconcile<T extends { readonly id: string }>(previous: readonly T[] | undefined, next: readonly T[]): readonly T[] {
  if (!previous || previous === next) return next;
  const byId = new Map(previous.map((item) => [item.id, item]));
  let changed = previous.length !== next.length;
  const out = next.map((item, i) => {
    const before = byId.get(item.id);
    const kept = before !== undefined && sameJson(before, item) ? before : item;
    if (kept !== previous[i]) changed = true;
    return kept;
  });
  return changed ? out : previous;
}

export class EvaluationSession {
  private scenario: Scenario = { version: 1, name: '', organizations: [], accounts: [], principals: [], resources: [], rules: [], edges: [], layout: { nodes: {} } };
  private evaluation: ScenarioEvaluation | undefined;

  /** Applies the changed parts and re-evaluates what they affect. */
  update(patch: ScenarioPatch): EvaluationDelta {
    const next: Record<string, unknown> = { ...this.scenario };
    for (const part of MODEL_PARTS) {
      const items = patch[part];
      if (items) next[part] = reconcile(this.scenario[part] as readonly { id: string }[], items as readonly { id: string }[]);
    }
    const scenario = next as unknown as Scenario;
    const start = performance.now();
    const evaluation = evaluateScenario(scenario, this.evaluation);
    const ms = performance.now() - start;
    const before = this.evaluation?.edges;
    const changed: EdgeVerdict[] = [];
    for (const [id, e] of evaluation.edges) if (before?.get(id) !== e) changed.push(toVerdict(e));
    const removed: string[] = [];
    if (before) for (const id of before.keys()) if (!evaluation.edges.has(id)) removed.push(id);
    this.scenario = scenario;
    this.evaluation = evaluation;
    return { changed, removed, ms, evaluated: evaluation.stats.evaluated, reused: evaluation.stats.reused };
  }

  /** The full, statement-level trace of every step of one edge, or undefined when it does not exist. */
  explain(edgeId: string): StepExplanation[] | undefined {
    const evaluation = this.evaluation;
    const edge = evaluation?.edges.get(edgeId);
    if (!evaluation || !edge) return undefined;
    return edge.steps.map((s) => ({ label: s.label, decision: explainStep(evaluation, s) }));
  }
}
