import type { DecisionKind, EdgeEvaluation, EdgeStatus, ReasonCode, StageName } from '../engine';

/**
 * The part of an edge's evaluation the canvas and the inspector show: status, summary and each step's
 * decision, without the request or the stage-by-stage trace. It is small enough to post from the
 * evaluation worker for thousands of edges; the full trace is asked for one edge at a time.
 */
export interface StepVerdict {
  /** The action, or "EventBridge assumes ExportRole". */
  readonly label: string;
  readonly decision: DecisionKind;
  readonly allowed: boolean;
  readonly reason: ReasonCode;
  readonly summary: string;
  readonly crossAccount: boolean;
  readonly failedAccount?: string;
  readonly failedStage?: StageName;
}

export interface EdgeVerdict {
  readonly id: string;
  readonly kind: EdgeEvaluation['kind'];
  readonly status: EdgeStatus;
  readonly summary: string;
  readonly steps: readonly StepVerdict[];
}

/** How an edge is drawn: the engine's status, or `pending` while its first decision is on its way. */
export type EdgeLook = EdgeStatus | 'pending';

export function toVerdict(e: EdgeEvaluation): EdgeVerdict {
  return {
    id: e.id,
    kind: e.kind,
    status: e.status,
    summary: e.summary,
    steps: e.steps.map((s) => {
      const d = s.decision;
      return {
        label: s.label,
        decision: d.decision,
        allowed: d.allowed,
        reason: d.reason,
        summary: d.summary,
        crossAccount: d.crossAccount,
        ...(d.failedAccount !== undefined ? { failedAccount: d.failedAccount } : {}),
        ...(d.failedStage !== undefined ? { failedStage: d.failedStage } : {}),
      };
    }),
  };
}

/** The status of one step as an edge status (for per-action marks). */
export function stepStatus(s: Pick<StepVerdict, 'allowed' | 'decision'>): 'allowed' | 'explicit-deny' | 'implicit-deny' {
  return s.allowed ? 'allowed' : s.decision === 'explicit-deny' ? 'explicit-deny' : 'implicit-deny';
}
