import type { DecisionKind, EdgeStatus } from '../engine';

/**
 * What `lessonStatus` reads of an edge: the engine's `EdgeEvaluation` (steps carry a `Decision`) and the
 * canvas's `EdgeVerdict` (steps carry the decision kind) both fit.
 */
export interface LessonEdgeResult {
  readonly status: EdgeStatus;
  readonly steps: readonly { readonly label: string; readonly decision: DecisionKind | { readonly decision: DecisionKind } }[];
}

/**
 * The decision a lesson talks about: the whole edge's status, or one action's decision on a multi-action
 * edge (so "User2 may read but not write" is one edge labelled s3:GetObject ✓ s3:PutObject ✕).
 */
export function lessonStatus(edges: ReadonlyMap<string, LessonEdgeResult>, edgeId: string, action?: string): EdgeStatus | undefined {
  const edge = edges.get(edgeId);
  if (!edge) return undefined;
  if (action === undefined) return edge.status;
  const d = edge.steps.find((s) => s.label === action)?.decision;
  return d === undefined ? undefined : typeof d === 'string' ? d : d.decision;
}
