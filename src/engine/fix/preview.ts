import type { Scenario } from '../../model';
import { evaluateScenario, type ScenarioEvaluation } from '../scenario/evaluateScenario';
import { edgeLabel } from './documents';
import type { EdgeChange } from './types';

/**
 * Every edge (and rule target) whose decision differs between two evaluations: its colour, or the decision
 * of one of its actions. Edges only in one of them are listed as `absent` on the other side.
 */
export function edgeChanges(beforeScenario: Scenario, before: ScenarioEvaluation, afterScenario: Scenario, after: ScenarioEvaluation): EdgeChange[] {
  const out: EdgeChange[] = [];
  for (const [id, a] of after.edges) {
    const b = before.edges.get(id);
    // A result the incremental evaluation kept is the same object: nothing changed.
    if (b === a) continue;
    const actions: { label: string; before: boolean; after: boolean }[] = [];
    if (b) {
      const n = Math.max(a.steps.length, b.steps.length);
      for (let i = 0; i < n; i++) {
        const x = b.steps[i];
        const y = a.steps[i];
        if (x && y && x.label === y.label && x.verdict.allowed !== y.verdict.allowed) actions.push({ label: y.label, before: x.verdict.allowed, after: y.verdict.allowed });
      }
    }
    if (b && b.status === a.status && actions.length === 0) continue;
    out.push({ id, kind: a.kind, label: edgeLabel(afterScenario, id), before: b ? b.status : 'absent', after: a.status, actions });
  }
  for (const [id, b] of before.edges) {
    if (!after.edges.has(id)) out.push({ id, kind: b.kind, label: edgeLabel(beforeScenario, id), before: b.status, after: 'absent', actions: [] });
  }
  return out;
}

/**
 * What a change would do to every edge: the changed scenario decided with the engine's incremental
 * re-evaluation (only what the change touches is decided again), compared with the current decisions.
 */
export function previewScenario(scenario: Scenario, evaluation: ScenarioEvaluation, next: Scenario): { readonly evaluation: ScenarioEvaluation; readonly changes: EdgeChange[] } {
  const after = evaluateScenario(next, evaluation);
  return { evaluation: after, changes: edgeChanges(scenario, evaluation, next, after) };
}
