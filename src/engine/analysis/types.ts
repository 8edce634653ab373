import type { ResourceType } from '../../model';
import type { ConditionClause } from '../policy/types';
import type { Decision, DecisionKind, ReasonCode, StatementRef } from '../trace';
import type { PrincipalType } from '../world';

/**
 * The data an access analysis returns: plain objects (no Map, class or function), safe to post from the
 * evaluation worker. Every "can reach" in it is a decision of the engine (`decideRequest` /
 * `evaluateRequest`) on the same compiled world the canvas's edges are decided in.
 */

/**
 * The zone of trust, as IAM Access Analyzer has it: one account, or an organization. Principals and
 * resources inside it are trusted; a resource-based policy that lets a principal outside it in is a
 * finding (IAM User Guide, "IAM Access Analyzer findings":
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html).
 */
export type ZoneOfTrust = { readonly kind: 'account'; readonly accountId: string } | { readonly kind: 'organization'; readonly organizationId: string };

/**
 * Who a row of the analysis is:
 * - `drawn`: a principal on the canvas (a role acts as a session of itself, as its drawn edges do);
 * - `account`: any principal of an account named in a policy, drawn or not ("account 222222222222");
 * - `principal`: a user, role or role session named by ARN in a policy but not drawn;
 * - `organization`: any principal of an organization named in `aws:PrincipalOrgID` / `aws:PrincipalOrgPaths`,
 *   in an account that is not drawn;
 * - `public`: anyone (`"Principal": "*"`), in an account that is not drawn and in no organization;
 * - `service`: an AWS service principal named in a policy, acting for a resource of one source account
 *   (`aws:SourceAccount`), or of an account that is not drawn.
 */
export type SubjectKind = 'drawn' | 'account' | 'principal' | 'organization' | 'public' | 'service';

export interface AnalysisSubject {
  /** Stable across edits: `p:<node id>`, `account:<id>`, `arn:<ARN>`, `org:<id>`, `public`, `service:<name>@<account or *>`. */
  readonly key: string;
  readonly kind: SubjectKind;
  /** "alice", "Any principal of 222222222222", "Anyone (Principal \"*\")", "events.amazonaws.com for 111111111111". */
  readonly label: string;
  /** What the row stands for and how it is decided, in one sentence. */
  readonly description: string;
  /** The canvas node, for drawn principals (and a drawn service principal). */
  readonly nodeId?: string;
  readonly principalType: PrincipalType;
  /** Its account, when known (never a stand-in id). */
  readonly account?: string;
  /** Its organization, when known. */
  readonly organizationId?: string;
  readonly service?: string;
  /** For a service: the account of the resource it acts for (`aws:SourceAccount`), when named. */
  readonly sourceAccount?: string;
  /**
   * The principal's own side is not drawn: it is decided as if its own account allows it (identity policy
   * `Allow *`), the way IAM Access Analyzer, which "does not consider the state of any external accounts",
   * reports access (IAM User Guide, "How IAM Access Analyzer findings work":
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-concepts.html).
   */
  readonly assumedIdentity: boolean;
}

/** A resource of the analysis: a drawn resource, or a drawn role as the resource of `sts:AssumeRole`. */
export interface AnalysisResource {
  /** The node id (resources and roles have distinct ids in a scenario). */
  readonly key: string;
  readonly label: string;
  readonly type: ResourceType | 'iam-role';
  readonly account: string;
  /** The service prefix of its actions (`s3`, `sts` for a role). */
  readonly service: string;
  readonly arn: string;
  /** How many actions are relevant to it (what any policy in play could allow on it). */
  readonly relevantActions: number;
}

/** A condition key and the values the analysis set in the request to find an allowed one. */
export interface ContextValue {
  readonly key: string;
  readonly values: readonly string[];
}

/** One way a principal reaches a resource: a direct request, or a chain of AssumeRole hops then a request. */
export interface ReachHop {
  /** The principal acting at this hop (a subject key). */
  readonly from: string;
  /** The role assumed (a subject key of a drawn role), or the resource reached (a resource key) at the last hop. */
  readonly to: string;
  /** `sts:AssumeRole`, or an action of the last hop. */
  readonly action: string;
  /** Context keys the analysis set for this hop's request (an external id, MFA, ...). */
  readonly context: readonly ContextValue[];
  /** At the last hop: the part of the resource asked about, when not the whole (an S3 object key, an API stage/method/path). */
  readonly resourcePath?: string;
}

/** The allowed actions of one principal on one resource, and how. */
export interface ReachEntry {
  readonly subject: string;
  readonly resource: string;
  /** Allowed action names (sorted). */
  readonly actions: readonly string[];
  /** Relevant actions of the resource explicitly denied to this principal (and not allowed another way). */
  readonly denied: readonly string[];
  /** Relevant actions of the resource. */
  readonly relevant: number;
  /** The shortest way in: the AssumeRole hops (none for direct access) and the last request. */
  readonly path: readonly ReachHop[];
  /** True when the access is only through roles. */
  readonly throughRoles: boolean;
}

/** "Who can reach this?" or "What can this reach?", with every path drawn from the analysis. */
export interface ReachResult {
  readonly kind: 'who' | 'what';
  /** The resource (who) or the subject (what) asked about. */
  readonly focus: string;
  readonly entries: readonly ReachEntry[];
  readonly maxDepth: number;
  /** True when the list was cut at the limit asked for. */
  readonly truncated: boolean;
}

/** A condition of the statement that grants a finding: what narrows who can use it. */
export interface NarrowingCondition extends ConditionClause {
  /** The statement it belongs to. */
  readonly statement: StatementRef;
}

export type FindingKind = 'public' | 'cross-account' | 'organization' | 'service';

/**
 * Access from outside the zone of trust to a resource inside it, granted by the resource's policy (a
 * bucket, queue, topic, function, key or event-bus policy, or a role's trust policy), as IAM Access Analyzer
 * reports it: the external principal, the actions, and the condition of the statement that grants it.
 */
export interface Finding {
  /** `resourceKey|subjectKey`: what an "intended" mark refers to. */
  readonly id: string;
  readonly kind: FindingKind;
  readonly isPublic: boolean;
  readonly resource: string;
  readonly subject: string;
  readonly actions: readonly string[];
  /** The resource-policy statements that admit it (the engine's deciding Allow statements). */
  readonly grantedBy: readonly StatementRef[];
  /** The conditions of those statements. */
  readonly conditions: readonly NarrowingCondition[];
  /** Context values the analysis set to find an allowed request (what the outsider has to present). */
  readonly context: readonly ContextValue[];
  /** The engine's one sentence for the first allowed action. */
  readonly summary: string;
  /**
   * Narrower findings of the same grant folded into this one: principals of an account granted as a whole,
   * accounts when anyone is admitted. Each has no more actions than this one.
   */
  readonly includes: readonly { readonly subject: string; readonly actions: readonly string[] }[];
}

/** The analysis as the UI reads it: principals, resources, findings and figures. */
export interface AnalysisSummary {
  readonly subjects: readonly AnalysisSubject[];
  readonly resources: readonly AnalysisResource[];
  readonly zone: ZoneOfTrust | undefined;
  readonly findings: readonly Finding[];
  /** Resources inside the zone with at least one finding. */
  readonly exposedResources: number;
  readonly stats: AnalysisStats;
}

export interface AnalysisStats {
  /** Engine decisions made by this run (reused results not counted). */
  readonly decisions: number;
  /** Principal × resource pairs decided by this run, and kept from the previous analysis. */
  readonly pairsDecided: number;
  readonly pairsReused: number;
  readonly ms: number;
  /** True when the previous analysis was reused for everything the edit did not touch. */
  readonly incremental: boolean;
}

/** One cell of the access matrix. */
export type MatrixState = 'all' | 'some' | 'none' | 'denied';

export interface MatrixCell {
  readonly state: MatrixState;
  readonly allowed: number;
  readonly relevant: number;
  /** Reached only through roles. */
  readonly throughRoles: boolean;
}

export interface MatrixFilter {
  /** Only principals of these accounts (empty or absent: all; outsiders without an account are kept). */
  readonly principalAccounts?: readonly string[];
  /** Only resources of these accounts (empty or absent: all). */
  readonly resourceAccounts?: readonly string[];
  /** Only resources of these services (empty or absent: all). */
  readonly services?: readonly string[];
  /** Only this action: a cell counts it alone. */
  readonly action?: string;
  /** Include principals that are not drawn (outsiders). Default true. */
  readonly outsiders?: boolean;
  /** Count access through roles. Default true. */
  readonly throughRoles?: boolean;
  /** Hide rows and columns with no access at all. Default true. */
  readonly hideEmpty?: boolean;
  readonly maxDepth?: number;
  /** At most this many rows and columns (the rest is counted, not listed). */
  readonly limit?: number;
}

export interface MatrixView {
  /** Subject keys. */
  readonly rows: readonly string[];
  /** Resource keys. */
  readonly columns: readonly string[];
  /** `cells[row][column]`. */
  readonly cells: readonly (readonly MatrixCell[])[];
  /** Rows and columns that pass the filters, before the limit (rows: counted among those decided). */
  readonly totalRows: number;
  readonly totalColumns: number;
  /** True when rows or columns were left out at the limit. */
  readonly truncated: boolean;
  /** Every action of the resources shown, for the action filter. */
  readonly actions: readonly string[];
}

/** The engine's traced decisions behind one principal's access to one resource. */
export interface AccessExplanation {
  readonly subject: string;
  readonly resource: string;
  readonly action: string;
  readonly path: readonly ReachHop[];
  /** One traced decision per hop (the AssumeRole calls, then the request on the resource). */
  readonly decisions: readonly Decision[];
  readonly allowed: boolean;
}

/** Progress of a running analysis. */
export interface AnalysisProgress {
  readonly done: number;
  readonly total: number;
  readonly phase: 'preparing' | 'deciding' | 'findings';
}

/** What one action class's decision came to (kept by the analysis for each principal and resource). */
export interface GrantOutcome {
  readonly decision: DecisionKind;
  readonly reason: ReasonCode;
}
