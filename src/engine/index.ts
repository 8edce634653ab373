/**
 * The policy engine: pure, synchronous TypeScript. It decides requests the way AWS does and explains
 * every decision as typed data. No React, React Flow, zustand or DOM here.
 */
export { decideRequest, evaluateRequest, type EvaluateOptions, type Verdict } from './evaluate/evaluate';
export type { ConditionMiss, Decision, DecisionKind, EvaluatedRequest, FailedSide, LevelTrace, PolicyTrace, ReasonCode, StageName, StageTrace, StatementRef } from './trace';
export type { Request, World, PrincipalEntity, ResourceEntity, OrganizationEntity } from './world';
export type { PolicySource, PolicyKind, SourcedPolicy, Policy, Statement } from './policy/types';
export type { StatementTrace } from './policy/statement';
export { normalizePolicy } from './policy/normalize';
export * from './scenario';
export { checkPolicyText, statementRanges, type CheckOptions, type PolicyContextKind, type PolicyFix, type PolicyProblem } from './check';
export { judgeAction, serviceActions, type ActionVerdict, type ServiceActions } from './check/actions';
export * from './analysis';
