import type { Decision, LevelTrace, StageName, StageTrace, StatementRef } from '../engine';

/**
 * The checks a request passes, as gates on its path, taken from the engine's `Decision.stages` in the
 * engine's order. The gate states only restate the engine's result: a gate is `denied` exactly when it is
 * one of the decision's failing stages (`failedSides`; the `failedStage` when the decision has no list).
 */

/**
 * - `passed`: the stage allows;
 * - `denied`: the stage fails the request (one of the engine's failing stages: a cross-account request that
 *   neither account allows fails in both);
 * - `not-needed`: the stage allows nothing, but the request did not need it (e.g. a same-account request
 *   admitted by the identity policy alone);
 * - `skipped`: the stage does not apply (no policy of that kind, or not for this request);
 * - `unreached`: a later stage of a request that an explicit Deny ended. An implicit deny ends nothing:
 *   AWS "evaluates all policies that are applicable to the request context" (IAM: Policy evaluation logic,
 *   "How AWS enforcement code logic evaluates requests"), so later gates keep their own outcome.
 */
export type GateState = 'passed' | 'denied' | 'not-needed' | 'skipped' | 'unreached';

/** A statement in play at a gate: the Allow statements that admitted, or the Deny statements that denied. */
export interface GateStatement {
  readonly ref: StatementRef;
  /** The statement as written, indented (filled in by the journey builder from the scenario). */
  readonly json?: string;
}

export interface Gate {
  /** `${requestIndex}.${stage}`: unique within a journey. */
  readonly id: string;
  readonly stage: StageName;
  /** Short name on the canvas: "SCP", "Trust policy", "Bucket policy", "Identity policy", ... */
  readonly label: string;
  /** The engine's stage title: "Bucket policy of bucket-b", "Service control policies of 111111111111". */
  readonly title: string;
  readonly outcome: StageTrace['outcome'];
  readonly state: GateState;
  /** Denied by an explicit Deny statement. */
  readonly explicit: boolean;
  readonly note?: string;
  readonly side: 'principal' | 'resource';
  readonly account?: string;
  readonly statements: readonly GateStatement[];
  readonly levels?: readonly LevelTrace[];
}

const SHORT: Record<Exclude<StageName, 'explicit-deny' | 'resource'>, string> = {
  // A rule outside the policy documents: sts:GetCallerIdentity needs no permission, or AWS refuses the request.
  'aws-rule': 'AWS rule',
  rcp: 'RCP',
  scp: 'SCP',
  identity: 'Identity policy',
  boundary: 'Boundary',
  session: 'Session policy',
};

/** The resource stage is named after the policy: "Trust policy", "Key policy", "Bucket policy", ... */
function resourceLabel(title: string): string {
  const i = title.indexOf(' of ');
  return i > 0 ? title.slice(0, i) : title;
}

function statementsIn(stage: StageTrace, effect: 'Allow' | 'Deny', deciding: readonly StatementRef[]): GateStatement[] {
  const out: GateStatement[] = [];
  const seen = new Set<string>();
  const push = (ref: StatementRef): void => {
    // An SCP attached at several levels is one statement: shown once.
    const key = `${ref.source.kind}:${ref.source.ownerId ?? ''}:${ref.source.name}:${ref.index}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ ref });
  };
  const same = (a: StatementRef['source'], b: StatementRef['source']): boolean => a.kind === b.kind && a.ownerId === b.ownerId && a.name === b.name && a.target === b.target;
  // The engine's own deciding statements first, then (from a traced decision) every statement of the stage
  // whose effect applied, so SCP and boundary allows are shown too.
  for (const ref of deciding) if (ref.effect === effect && stage.policies.some((p) => same(p.source, ref.source))) push(ref);
  for (const p of stage.policies) {
    for (const st of p.statements) {
      if (st.applies && st.effect === effect) push({ source: p.source, index: st.index, effect: st.effect, ...(st.sid !== undefined ? { sid: st.sid } : {}) });
    }
  }
  return out;
}

/**
 * The gates of one decision, in the engine's stage order (the summary stage "explicit deny anywhere" is
 * folded into the stage that holds the Deny, which is the engine's `failedStage`).
 */
export function gatesOf(decision: Decision, requestIndex: number): Gate[] {
  let stopped = false;
  const gates: Gate[] = [];
  const failing = new Set<StageName>(decision.failedSides?.map((f) => f.stage) ?? (decision.failedStage !== undefined ? [decision.failedStage] : []));
  const explicitDeny = decision.decision === 'explicit-deny';
  for (const stage of decision.stages) {
    if (stage.stage === 'explicit-deny') continue;
    const failed = failing.has(stage.stage);
    let state: GateState;
    if (stopped) state = stage.outcome === 'not-applicable' ? 'skipped' : 'unreached';
    else if (failed) state = 'denied';
    else if (stage.outcome === 'allow') state = 'passed';
    else if (stage.outcome === 'not-applicable') state = 'skipped';
    else state = 'not-needed';
    // Only an explicit Deny ends the evaluation.
    if (failed && explicitDeny) stopped = true;
    const explicit = failed && explicitDeny;
    gates.push({
      id: `${requestIndex}.${stage.stage}`,
      stage: stage.stage,
      label: stage.stage === 'resource' ? resourceLabel(stage.title) : SHORT[stage.stage],
      title: stage.title,
      outcome: stage.outcome,
      state,
      explicit,
      ...(stage.note !== undefined ? { note: stage.note } : {}),
      side: stage.side,
      ...(stage.account !== undefined ? { account: stage.account } : {}),
      statements: state === 'passed' ? statementsIn(stage, 'Allow', decision.deciding) : explicit ? statementsIn(stage, 'Deny', decision.deciding) : [],
      ...(stage.levels ? { levels: stage.levels } : {}),
    });
  }
  return gates;
}

/** Gates drawn on the path: every gate but those that do not apply. */
export function isShownOnPath(gate: Gate): boolean {
  return gate.state !== 'skipped';
}
