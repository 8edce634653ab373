import type { PolicyAddress, ScenarioChange } from '../../model';
import type { EdgeStatus } from '../scenario/evaluateScenario';
import type { ReasonCode, StageName, StatementRef } from '../trace';

/**
 * The typed results of the fix analyses (src/engine/fix): proposals for a denied edge and for an edge that
 * should be denied, side-effect previews, least-privilege policies and what-if comparisons. Plain data
 * (no Map, class or function), so they cross from the evaluation worker as they are.
 */

/** One line of a side-by-side diff. `left`/`right` are absent where that side has no line. */
export interface DiffRow {
  readonly kind: 'same' | 'removed' | 'added' | 'changed';
  readonly left?: { readonly n: number; readonly text: string };
  readonly right?: { readonly n: number; readonly text: string };
}

/** A policy document before and after, as the editor shows it, with the side-by-side diff. */
export interface PolicyDiff {
  /** "Bucket policy of reports-b", "Identity policy ExportResults of alice", "SCP DenyS3 of o-exampleorg1". */
  readonly title: string;
  readonly address: PolicyAddress;
  /** The account whose administrators make the change (an organization's management account for SCPs/RCPs). */
  readonly account?: string;
  readonly beforeText: string;
  readonly afterText: string;
  readonly rows: readonly DiffRow[];
}

/** A gate that fails for a request: which policy stage, on which account's side, and why. */
export interface FailingGate {
  /** The step (action, or "EventBridge assumes ExportRole") of the edge. */
  readonly step: string;
  readonly stage: StageName;
  readonly side: 'principal' | 'resource';
  readonly account?: string;
  readonly reason: ReasonCode;
  /** "Bucket policy of reports-b allows nothing for alice", "Deny "NoS3" in SCP DenyS3". */
  readonly text: string;
  /** The Deny statements that decide, for an explicit deny. */
  readonly statements: readonly StatementRef[];
}

/** Something no change inside the scenario can fix, said plainly. */
export interface Blocker {
  readonly step: string;
  readonly stage?: StageName;
  readonly text: string;
  /** Where the rule comes from: an AWS page. */
  readonly source?: string;
}

/** How far a change reaches beyond the request it is for. */
export type ProposalScope = 'exact' | 'wider';

/** One policy a proposal changes, with why. */
export interface ProposedChange {
  readonly change: ScenarioChange;
  readonly diff: PolicyDiff;
  /** What the change does, in one sentence. */
  readonly what: string;
  /** The gate it answers. */
  readonly stage: StageName;
  readonly scope: ProposalScope;
}

/** An edge whose colour (or one of whose actions) would change: what a preview lists. */
export interface EdgeChange {
  readonly id: string;
  readonly kind: 'access' | 'assume' | 'target';
  /** "alice → reports-b", "rule export-done → jobs". */
  readonly label: string;
  readonly before: EdgeStatus | 'absent';
  readonly after: EdgeStatus | 'absent';
  /** The actions whose decision changes (multi-action access edges). */
  readonly actions: readonly { readonly label: string; readonly before: boolean; readonly after: boolean }[];
}

/** One complete proposal: its changes, checked by the engine over the whole scenario. */
export interface Proposal {
  readonly id: string;
  /** "Add a statement to the bucket policy of reports-b", "Exempt alice from "DenyAll"". */
  readonly title: string;
  readonly strategy: string;
  readonly scope: ProposalScope;
  readonly changes: readonly ProposedChange[];
  /** What the edge becomes once applied (the engine's answer). */
  readonly edgeAfter: EdgeStatus;
  /** Every other edge whose decision changes. */
  readonly sideEffects: readonly EdgeChange[];
  /** Things to know: who must make the change, what else the statement reaches. */
  readonly notes: readonly string[];
}

/** What the analysis says about one edge: the gates, the proposals (best first), what cannot be fixed. */
export interface EdgeProposals {
  readonly edgeId: string;
  readonly direction: 'allow' | 'deny';
  readonly status: EdgeStatus;
  readonly label: string;
  readonly gates: readonly FailingGate[];
  readonly proposals: readonly Proposal[];
  readonly blockers: readonly Blocker[];
  /** "Every proposal changes another edge too", "The edge is already allowed", ... */
  readonly notes: readonly string[];
}

/** One statement of a generated least-privilege policy, with the drawn edges it serves. */
export interface LeastPrivilegeStatement {
  readonly sid: string;
  readonly service: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly condition?: Readonly<Record<string, unknown>>;
  /** Edge and rule-target ids. */
  readonly edges: readonly string[];
}

/** Something the current identity policies allow that the least-privilege policy does not. */
export interface Excess {
  /** The statement that grants it. */
  readonly statement: StatementRef;
  /** "Action * (every action of every service)", "s3:DeleteObject on reports-b". */
  readonly text: string;
  readonly kind: 'wildcard-action' | 'wildcard-resource' | 'unused-action' | 'unused-resource' | 'drawn-request';
}

/** The identity policy that allows exactly a principal's allowed drawn edges, beside the current one. */
export interface LeastPrivilege {
  readonly principalId: string;
  readonly principalName: string;
  readonly ok: boolean;
  /** Why there is none (a service principal, the root user, ...). */
  readonly reason?: string;
  readonly policyName: string;
  readonly document?: Readonly<Record<string, unknown>>;
  readonly statements: readonly LeastPrivilegeStatement[];
  /** The current identity policies, in one text (each captioned), and the generated one. */
  readonly diff?: PolicyDiff;
  readonly excess: readonly Excess[];
  /** Allowed edges that need no identity permission (a resource policy admits the principal alone). */
  readonly notNeeded: readonly { readonly id: string; readonly label: string; readonly why: string }[];
  /** Policies that stay after the replacement (a user's groups): what they still grant is not replaced. */
  readonly kept: readonly string[];
  /** The change that replaces the current policies, and what it would do to every edge. */
  readonly replace?: ScenarioChange;
  readonly sideEffects: readonly EdgeChange[];
}

/** Two versions of a scenario compared: which edges change decision, and each changed policy. */
export interface WhatIf {
  /** What the current scenario is compared with ("Saved: Copy results", "3 edits ago", ...). */
  readonly baseline: string;
  readonly baselineName: string;
  readonly currentName: string;
  /** Edges in both whose decision differs, then edges only in one. */
  readonly changed: readonly EdgeChange[];
  /** How many edges were compared and kept their decision. */
  readonly unchanged: number;
  readonly policies: readonly PolicyDiff[];
  /** Entities only in one version ("role ExportRole added"). */
  readonly entities: readonly { readonly text: string; readonly change: 'added' | 'removed' }[];
}
