import type { EdgeStatus, ScenarioEvaluation } from '../engine';

/**
 * The decision a lesson talks about: the whole edge's status, or one action's decision on a multi-action
 * edge (so "User2 may read but not write" is one edge labelled s3:GetObject ✓ s3:PutObject ✕).
 */
export function lessonStatus(evaluation: ScenarioEvaluation, edgeId: string, action?: string): EdgeStatus | undefined {
  const edge = evaluation.edges.get(edgeId);
  if (!edge) return undefined;
  if (action === undefined) return edge.status;
  return edge.steps.find((s) => s.label === action)?.decision.decision;
}
