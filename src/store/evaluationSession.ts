// Deep imports, not the engine's index: the worker's code reaches only what it runs (the policy checks and
// their action lists stay out of its first load; the analysis loads the lists on demand).
import type { ActionLists, AnalysisSummary, ScenarioEvaluation, ZoneOfTrust } from '../engine';
import { AnalysisJob, type AccessAnalysis } from '../engine/analysis/analyze';
import { accessMatrix, findingsFor, matrixCsv, pathTo, whatCanReach, whoCanReach } from '../engine/analysis/queries';
import { evaluateScenario, explainStep, impliedEdges, type ImpliedEdges, type ImpliedOptions } from '../engine/scenario';
import { compareScenarios, leastPrivilege, proposeFixes, type EdgeProposals, type LeastPrivilege, type WhatIf } from '../engine/fix';
import { toVerdict, type EdgeVerdict } from '../graph/verdict';
import { chainScenario } from '../journey/chain';
import { compareDesigns } from '../journey/compare';
import { buildJourney, type JourneyResult } from '../journey/journey';
import type { JourneyRoute } from '../journey/routes';
import { emptyScenario, type Scenario } from '../model';
import {
  DECISION_BUDGET_MS,
  MODEL_PARTS,
  type AnalysisAnswer,
  type AnalysisQuery,
  PROGRESS_EVERY_MS,
  type ComparisonPlay,
  type DesignPlay,
  type EvaluationDelta,
  type EvaluationProgress,
  type PartDelta,
  type ScenarioPatch,
  type SlowDecision,
  type StepExplanation,
} from './evaluationProtocol';

export { MODEL_PARTS, type EvaluationDelta, type ScenarioPatch, type StepExplanation };

/**
 * Keeps one scenario and its evaluation, and re-evaluates incrementally as parts of the scenario change.
 * It runs in the evaluation worker (or in-process where workers are unavailable, e.g. unit tests).
 *
 * The engine reuses an edge's previous result when its inputs are the same objects. Data that crossed a
 * worker boundary is a fresh copy, so patches carry only the items that changed and the session keeps the
 * objects it has for every other id (see `PartDelta`).
 */

export class EvaluationSession {
  private scenario: Scenario = emptyScenario('');
  private evaluation: ScenarioEvaluation | undefined;
  /** The last finished access analysis (of this evaluation or an earlier one). */
  private analysis: AccessAnalysis | undefined;

  /** The scenario a patch makes of the one held: the items it does not carry are the objects already here. */
  private materialize(patch: ScenarioPatch): Scenario {
    const next: Record<string, unknown> = { ...this.scenario };
    for (const part of MODEL_PARTS) {
      const delta = patch[part] as PartDelta<{ readonly id: string }> | undefined;
      if (!delta) continue;
      const before = new Map((this.scenario[part] as readonly { id: string }[]).map((x) => [x.id, x]));
      const changed = new Map(delta.items.map((x) => [x.id, x]));
      next[part] = delta.ids.map((id) => {
        const item = changed.get(id) ?? before.get(id);
        if (!item) throw new Error(`The evaluation worker has no ${part} item "${id}"; the scenario must be sent again.`);
        return item;
      });
    }
    return next as unknown as Scenario;
  }

  /**
   * Applies the changed parts and re-evaluates what they affect. `onProgress` hears, while it runs, where
   * the evaluation is (every {@link PROGRESS_EVERY_MS}) and at once of any decision that ran past
   * {@link DECISION_BUDGET_MS}: a worker busy with a long evaluation reports instead of going silent.
   */
  update(patch: ScenarioPatch, onProgress?: (progress: EvaluationProgress) => void, now: () => number = () => performance.now()): EvaluationDelta {
    const scenario = this.materialize(patch);
    const start = now();
    const slow: SlowDecision[] = [];
    const total = scenario.edges.length + scenario.rules.reduce((n, r) => n + r.targets.length, 0);
    let done = 0;
    let current: string | undefined;
    let started = start;
    let reported = start;
    let slowest: SlowDecision | undefined;
    const finish = (t: number): void => {
      if (current === undefined) return;
      const took = t - started;
      if (took > DECISION_BUDGET_MS) {
        const s = { id: current, ms: Math.round(took) };
        slow.push(s);
        if (!slowest || s.ms > slowest.ms) slowest = s;
        onProgress?.({ done, total, elapsedMs: Math.round(t - start), slowest });
        reported = t;
      }
    };
    const onDecide = (id: string): void => {
      const t = now();
      finish(t);
      current = id;
      started = t;
      done++;
      if (t - reported >= PROGRESS_EVERY_MS) {
        reported = t;
        onProgress?.({ done, total, elapsedMs: Math.round(t - start), ...(slowest ? { slowest } : {}) });
      }
    };
    const evaluation = evaluateScenario(scenario, this.evaluation, { onDecide });
    const end = now();
    finish(end);
    const ms = end - start;
    const before = this.evaluation?.edges;
    const changed: EdgeVerdict[] = [];
    for (const [id, e] of evaluation.edges) if (before?.get(id) !== e) changed.push(toVerdict(e));
    const removed: string[] = [];
    if (before) for (const id of before.keys()) if (!evaluation.edges.has(id)) removed.push(id);
    this.scenario = scenario;
    this.evaluation = evaluation;
    return { changed, removed, ms, evaluated: evaluation.stats.evaluated, reused: evaluation.stats.reused, slow: slow.sort((a, b) => b.ms - a.ms).slice(0, 5) };
  }

  /** The full, statement-level trace of every step of one edge, or undefined when it does not exist. */
  explain(edgeId: string): StepExplanation[] | undefined {
    const evaluation = this.evaluation;
    const edge = evaluation?.edges.get(edgeId);
    if (!evaluation || !edge) return undefined;
    return edge.steps.map((s) => ({ label: s.label, decision: explainStep(evaluation, s) }));
  }

  /**
   * The journey along drawn edges (src/journey), built on the evaluation the verdicts came from, so the
   * animation shows exactly the engine's decisions on the canvas. Plain data, safe to post.
   */
  journey(routes: readonly JourneyRoute[]): JourneyResult {
    if (!this.evaluation) return { ok: false, reason: 'Nothing has been decided yet.' };
    const chain = routes.length === 1 ? routes[0]?.chain : undefined;
    if (chain) {
      // A role chain of the access analysis: one scratch edge per hop, decided on this evaluation.
      const scratch = chainScenario(this.scenario, chain);
      if (!scratch) return { ok: false, reason: 'Only a chain that starts at a principal on the canvas can be played.' };
      const evaluation = evaluateScenario(scratch.scenario, this.evaluation);
      return buildJourney(scratch.scenario, evaluation, { edges: scratch.edges, ...(routes[0]?.action !== undefined ? { action: routes[0].action } : {}) });
    }
    return buildJourney(this.scenario, this.evaluation, routes);
  }

  /** The edges the scenario's trust and resource policies imply (the engine's `impliedEdges`), plain data. */
  implied(options: ImpliedOptions): ImpliedEdges {
    return impliedEdges(this.scenario, options);
  }

  /**
   * Starts an access analysis of the current evaluation (run it with `step`), reusing the last finished one
   * for what the changes since did not touch.
   */
  startAnalysis(actionLists: ActionLists, clock: () => number): AnalysisJob | undefined {
    if (!this.evaluation) return undefined;
    return new AnalysisJob(this.evaluation, { actionLists }, this.analysis, clock);
  }

  /** Keeps a finished analysis and returns what the UI shows of it for a zone of trust. */
  finishAnalysis(job: AnalysisJob, zone: ZoneOfTrust | undefined): AnalysisSummary {
    this.analysis = job.result();
    return this.summary(zone) as AnalysisSummary;
  }

  /** The last finished analysis, for a zone of trust. */
  summary(zone: ZoneOfTrust | undefined): AnalysisSummary | undefined {
    const a = this.analysis;
    if (!a) return undefined;
    const findings = zone ? findingsFor(a, zone) : [];
    return { subjects: a.subjects, resources: a.resources, zone, findings, exposedResources: new Set(findings.map((f) => f.resource)).size, stats: a.stats };
  }

  /** Answers a question about the last finished analysis. */
  ask(query: AnalysisQuery): AnalysisAnswer {
    const a = this.analysis;
    if (!a) return { kind: 'none', reason: 'The access analysis has not run yet.' };
    switch (query.kind) {
      case 'who':
        return { kind: 'reach', result: whoCanReach(a, query.resource, query.maxDepth) };
      case 'what':
        return { kind: 'reach', result: whatCanReach(a, query.subject, query.maxDepth) };
      case 'matrix':
        return { kind: 'matrix', view: accessMatrix(a, query.filter) };
      case 'csv':
        return { kind: 'csv', text: matrixCsv(a, query.filter) };
      case 'explain': {
        const path = pathTo(a, query.subject, query.resource, query.action, query.maxDepth) ?? [];
        return { kind: 'explain', explanation: a.explain(query.subject, query.resource, path, query.action) };
      }
    }
  }

  /**
   * Proposals that decide `edgeId` the other way, each checked over the whole scenario with the engine's
   * incremental re-evaluation (src/engine/fix).
   */
  fixes(edgeId: string, direction: 'allow' | 'deny', action?: string): EdgeProposals {
    const evaluation = this.evaluation ?? evaluateScenario(this.scenario);
    return proposeFixes(this.scenario, evaluation, edgeId, direction, action);
  }

  /** The identity policy that allows exactly a principal's allowed drawn edges, beside its current ones. */
  leastPrivilege(principalId: string): LeastPrivilege {
    const evaluation = this.evaluation ?? evaluateScenario(this.scenario);
    return leastPrivilege(this.scenario, evaluation, principalId);
  }

  /**
   * The current scenario compared with `baseline` (a patch against it: what the two share is decided once).
   * The held scenario and evaluation are not changed.
   */
  whatIf(baseline: ScenarioPatch, name: string, currentName: string, label: string): WhatIf {
    const current = this.evaluation ?? evaluateScenario(this.scenario);
    const other = { ...this.materialize(baseline), name };
    return compareScenarios({ ...this.scenario, name: currentName }, current, other, evaluateScenario(other, current), label);
  }

  /**
   * The seed example's two designs, each evaluated on its own scenario (reusing this evaluation's results
   * for the edges the designs share) and played as a tour; undefined when the scenario has no such pair.
   */
  compare(): ComparisonPlay | undefined {
    const comparison = compareDesigns(this.scenario);
    if (!comparison) return undefined;
    const play = (design: (typeof comparison.designs)[number]): DesignPlay => {
      const evaluation = evaluateScenario(design.scenario, this.evaluation);
      return { design, verdicts: [...evaluation.edges.values()].map(toVerdict), result: buildJourney(design.scenario, evaluation, design.routes) };
    };
    return { caller: comparison.caller, role: comparison.role, resource: comparison.resource, designs: [play(comparison.designs[0]), play(comparison.designs[1])] };
  }
}
