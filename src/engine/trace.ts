import type { PrincipalMatchKind } from './policy/principal';
import type { StatementTrace } from './policy/statement';
import type { PolicySource } from './policy/types';
import type { PrincipalType } from './world';

/** The three outcomes AWS distinguishes (Policy evaluation logic). */
export type DecisionKind = 'allowed' | 'explicit-deny' | 'implicit-deny';

/** Evaluation stages in AWS's documented order. */
export type StageName = 'explicit-deny' | 'rcp' | 'scp' | 'resource' | 'identity' | 'boundary' | 'session';

/** Points at one statement of one policy: enough for the UI to select the node and highlight the statement. */
export interface StatementRef {
  readonly source: PolicySource;
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  /** For statements that name principals: how they named the requester. */
  readonly principalMatch?: PrincipalMatchKind;
}

/** One policy consulted in a stage. `statements` is filled only in traced evaluations. */
export interface PolicyTrace {
  readonly source: PolicySource;
  readonly allows: boolean;
  readonly denies: boolean;
  readonly statements: readonly StatementTrace[];
}

/** One SCP/RCP attachment level (root, OU, account): an action must be allowed at every level. */
export interface LevelTrace {
  readonly target: string;
  readonly label: string;
  readonly allowed: boolean;
  readonly policies: readonly PolicyTrace[];
}

/** Result of one stage. */
export interface StageTrace {
  readonly stage: StageName;
  /** Plain title: "Resource control policies of 222222222222", "Trust policy of ExportRole", ... */
  readonly title: string;
  /** Which account's evaluation the stage belongs to in a cross-account request. */
  readonly side: 'principal' | 'resource';
  readonly account?: string;
  /**
   * `allow`: the stage allows; `deny`: an explicit Deny matched here; `no-allow`: nothing allowed
   * (an implicit deny if the stage is required); `not-applicable`: the stage does not apply (see `note`).
   */
  readonly outcome: 'allow' | 'deny' | 'no-allow' | 'not-applicable';
  readonly note?: string;
  readonly policies: readonly PolicyTrace[];
  readonly levels?: readonly LevelTrace[];
  /** Resource stage: the strongest way an Allow statement named the requester. */
  readonly principalMatch?: PrincipalMatchKind;
}

/** Why a decision came out as it did: a stable code the UI and tests can rely on. */
export type ReasonCode =
  | 'explicit-deny'
  | 'rcp-no-allow'
  | 'scp-no-allow'
  | 'trust-no-allow'
  | 'key-policy-no-allow'
  | 'kms-operation-not-cross-account'
  | 'root-cannot-assume-role'
  | 'resource-policy-no-allow'
  | 'service-not-allowed'
  | 'identity-no-allow'
  | 'cross-account-identity-missing'
  | 'account-grant-needs-identity'
  | 'boundary-no-allow'
  | 'session-no-allow'
  | 'neither-account-allows'
  | 'allowed-root'
  | 'allowed-identity'
  | 'allowed-resource'
  | 'allowed-both';

/** One account's evaluation that fails: its first stage, in AWS's order, that does not allow. */
export interface FailedSide {
  readonly side: 'principal' | 'resource';
  readonly account?: string;
  readonly stage: StageName;
}

/**
 * An Allow statement of the resource policy that names the requester, action and resource but whose
 * condition does not hold: why the statement meant for this requester does not admit it.
 */
export interface ConditionMiss {
  readonly statement: StatementRef;
  readonly operator: string;
  readonly key: string;
  /** The request's values; `undefined` when the key is absent from the request. */
  readonly requestValues: readonly string[] | undefined;
  readonly policyValues: readonly string[];
}

/** The request as the engine saw it. */
export interface EvaluatedRequest {
  readonly principal: string;
  readonly principalType: PrincipalType;
  readonly principalLabel: string;
  readonly action: string;
  readonly resource: string;
  readonly resourceLabel: string;
  readonly context: Readonly<Record<string, string | readonly string[]>>;
  readonly principalAccount?: string;
  readonly resourceAccount?: string;
}

/** A decision with its explanation as data. */
export interface Decision {
  readonly decision: DecisionKind;
  readonly allowed: boolean;
  readonly reason: ReasonCode;
  /** One plain-English sentence: what decided, and for a denial what would have to change. */
  readonly summary: string;
  readonly crossAccount: boolean;
  /** Which account's evaluation failed (cross-account requests are evaluated in both): the first, in AWS's order. */
  readonly failedAccount?: string;
  readonly failedStage?: StageName;
  /**
   * Every evaluation that fails, first in AWS's order (its stage is `failedStage`). A cross-account request
   * that both accounts refuse has two: AWS "evaluates all policies that are applicable to the request
   * context" and the request needs both accounts to allow (IAM: Policy evaluation logic, "How AWS
   * enforcement code logic evaluates requests" and "Cross-account policy evaluation logic"). Present on
   * every denial the engine explains; an explicit Deny has one (it ends evaluation).
   */
  readonly failedSides?: readonly FailedSide[];
  /** The statements that decided: the matching Deny statements, or the Allow statements relied on. */
  readonly deciding: readonly StatementRef[];
  /** Every stage in AWS's order. Policies' statement detail is present when evaluated with `trace`. */
  readonly stages: readonly StageTrace[];
  readonly request: EvaluatedRequest;
}
