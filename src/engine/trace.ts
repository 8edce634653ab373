import type { PrincipalMatchKind } from './policy/principal';
import type { StatementTrace } from './policy/statement';
import type { PolicySource } from './policy/types';
import type { PrincipalType } from './world';

/** The three outcomes AWS distinguishes (Policy evaluation logic). */
export type DecisionKind = 'allowed' | 'explicit-deny' | 'implicit-deny';

/**
 * Evaluation stages in AWS's documented order. `aws-rule` comes before them all and is present in a
 * decision's stages only when a rule outside the policy documents decides it: an operation that needs no
 * permission (sts:GetCallerIdentity) or one AWS refuses whatever the policies say (changing a
 * service-linked role, an AWS managed policy or an `alias/aws/` KMS alias). See `AwsRule`.
 */
export type StageName = 'aws-rule' | 'explicit-deny' | 'rcp' | 'scp' | 'resource' | 'identity' | 'boundary' | 'session';

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
   * For the `aws-rule` stage: `allow` when the operation needs no permission, `deny` when AWS refuses it
   * whatever the policies say (the `note` quotes the AWS page).
   */
  readonly outcome: 'allow' | 'deny' | 'no-allow' | 'not-applicable';
  readonly note?: string;
  readonly policies: readonly PolicyTrace[];
  readonly levels?: readonly LevelTrace[];
  /** Resource stage: the strongest way an Allow statement named the requester. */
  readonly principalMatch?: PrincipalMatchKind;
}

/**
 * Why a decision came out as it did: a stable code the UI and tests can rely on.
 *
 * Most codes name the policy stage that decided. Four name a rule outside the policy documents (the
 * decision's `aws-rule` stage): `allowed-no-permission-needed` (sts:GetCallerIdentity), and the refusals
 * `service-linked-role-protected`, `aws-managed-policy-protected` and `aws-managed-alias-reserved`, which no
 * policy can lift. `root-cannot-assume-role` and `kms-operation-not-cross-account` are service rules that
 * apply on top of the policies.
 */
export type ReasonCode =
  | 'explicit-deny'
  | 'rcp-no-allow'
  | 'scp-no-allow'
  | 'trust-no-allow'
  | 'key-policy-no-allow'
  | 'kms-operation-not-cross-account'
  | 'root-cannot-assume-role'
  | 'service-linked-role-protected'
  | 'aws-managed-policy-protected'
  | 'aws-managed-alias-reserved'
  | 'resource-policy-no-allow'
  | 'service-not-allowed'
  | 'identity-no-allow'
  | 'cross-account-identity-missing'
  | 'account-grant-needs-identity'
  | 'boundary-no-allow'
  | 'session-no-allow'
  | 'neither-account-allows'
  | 'allowed-no-permission-needed'
  | 'allowed-root'
  | 'allowed-identity'
  | 'allowed-resource'
  | 'allowed-both';

/**
 * A rule outside the policy documents that decides a request (see `ReasonCode`): which one, for the
 * explanation and the tests.
 */
export type AwsRule = 'no-permission-needed' | 'service-linked-role' | 'aws-managed-policy' | 'aws-managed-alias';

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

/**
 * A statement of the resource policy whose `Principal` (or `NotPrincipal`) is written in a form AWS rejects
 * — a plain string other than `"*"`, such as `"arn:aws:iam::111122223333:user/x"` — so it names no one. The
 * grammar allows only `"*"` or a map: `<principal_block> = ("Principal" | "NotPrincipal") : ("*" |
 * <principal_map>)` (IAM User Guide: Grammar of the IAM JSON policy language,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html). Reported when such a
 * statement would otherwise cover the request.
 */
export interface MalformedPrincipal {
  readonly statement: StatementRef;
  readonly element: 'Principal' | 'NotPrincipal';
  /** The element's value as written, in JSON. */
  readonly written: string;
  /** The object form that says what was meant (`{"AWS": "arn:…"}`), when it can be told. */
  readonly suggestion?: string;
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
