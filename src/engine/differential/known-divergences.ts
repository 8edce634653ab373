import type { ConformanceCase } from '../conformance/caseFormat';
import type { Decision } from '../trace';

/**
 * Known divergences between this engine and the independent evaluator used by the differential test
 * (@cloud-copilot/iam-simulate). Each class names the AWS documentation that shows our answer is right.
 * Any divergence outside these classes fails the test.
 *
 * Not a divergence class: the account root user. The oracle gives root no implicit permissions, so the
 * adapter (`oracle.ts`) hands it an allow-everything identity policy — "all requests are implicitly denied
 * with the exception of the AWS account root user, which has full access" (How AWS enforcement code logic
 * evaluates requests) — and root requests are then compared like any other.
 */
export interface DivergenceClass {
  readonly id: string;
  readonly description: string;
  /** The AWS page and statement our answer follows. */
  readonly source: string;
  readonly matches: (c: ConformanceCase, ours: Decision, theirsAllowed: boolean) => boolean;
}

const req = (c: ConformanceCase) => c.request ?? c.steps?.[0];
const resourcePolicyStatements = (c: ConformanceCase): Record<string, unknown>[] => {
  const r = c.resources.find((x) => x.arn === req(c)?.resource);
  const st = r?.resourcePolicy?.['Statement'];
  return Array.isArray(st) ? (st as Record<string, unknown>[]) : st ? [st as Record<string, unknown>] : [];
};

export const KNOWN_DIVERGENCES: readonly DivergenceClass[] = [
  {
    id: 'same-account-session-arn-grant',
    description: 'A same-account resource policy that names the role session ARN itself is not capped by the session policy or boundary.',
    source:
      'Session policies — https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session — "A resource-based policy can specify the ARN of the user or role as a principal ... If the resource-based policy specifies the ARN of the session ... the permissions from the resource-based policy are added after the session is created ... the session policy does not limit them."',
    matches: (_c, ours, theirs) => ours.allowed && !theirs && !ours.crossAccount && ours.request.principalType === 'assumed-role' && ours.deciding.some((r) => r.source.kind !== 'identity' && r.principalMatch === 'direct'),
  },
  {
    id: 'same-account-wildcard-principal-grant',
    description:
      'A same-account resource policy that grants "Principal": "*" (usually narrowed by aws:PrincipalArn) is not capped by the role session\'s permissions boundary or session policy; the oracle caps it for role sessions.',
    source:
      'AWS JSON policy elements: Principal — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles — "Identity-based policy types, such as permissions boundaries or session policies, do not limit permissions granted using the aws:PrincipalArn condition key with a wildcard(*) in the Principal element, unless the identity-based policies contain an explicit deny." | same page, All principals — "For resource-based policies, using a wildcard (*) with an Allow effect grants access to all users ... For IAM users and role principals within your account, no other permissions are required." | How AWS enforcement code logic evaluates requests — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html — the same sentence under "IAM role".',
    matches: (_c, ours, theirs) =>
      ours.allowed &&
      !theirs &&
      !ours.crossAccount &&
      ours.reason === 'allowed-resource' &&
      ours.deciding.length > 0 &&
      ours.deciding.every((r) => r.principalMatch === 'wildcard') &&
      ours.stages.some((s) => (s.stage === 'boundary' || s.stage === 'session') && s.outcome === 'no-allow'),
  },
  {
    id: 'notprincipal-chain',
    description: 'A Deny with NotPrincipal spares a requester only when every link of its chain (user or session, role, account) is listed.',
    source:
      'AWS JSON policy elements: NotPrincipal — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html — "If the NotPrincipal element contained only Bob\'s ARN, the effect of the policy might be to explicitly deny access to the AWS account that contains the user Bob ... include both the ARN for a role and the ARN for the account containing that role."',
    // Only when every deciding Deny is a resource-policy Deny + NotPrincipal statement.
    matches: (c, ours, theirs) => {
      if (ours.decision !== 'explicit-deny' || !theirs || ours.deciding.length === 0) return false;
      const statements = resourcePolicyStatements(c);
      return ours.deciding.every((r) => (r.source.kind === 'resource' || r.source.kind === 'key' || r.source.kind === 'trust') && statements[r.index]?.['NotPrincipal'] !== undefined);
    },
  },
  {
    id: 'root-cannot-assume-role',
    description: 'The account root user cannot call sts:AssumeRole, whatever the trust policy says; the oracle (given root an allow-everything identity policy) lets it.',
    source:
      'Switch to an IAM role (AWS API) — https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-api.html — "The calls to AWS STS AssumeRole must be signed with the access key ID and secret access key of an existing IAM user or by using existing temporary credentials such as those from another role. (You cannot call AssumeRole with the access key for the root account.)" | AWS STS API Reference: AssumeRole — https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html — "You must use credentials for an IAM user or an IAM role to call AssumeRole"',
    matches: (_c, ours, theirs) => !ours.allowed && theirs && ours.reason === 'root-cannot-assume-role',
  },
  {
    id: 'trust-policy-needs-boundary',
    description: 'Same-account AssumeRole by a user named in the trust policy still needs its permissions boundary to allow sts:AssumeRole.',
    source:
      'Update a role trust policy — https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html — "If a user is listed as the principal in a role\'s trust policy but cannot assume the role, check the user\'s permissions boundary. If a permissions boundary is set for the user, then it must allow the sts:AssumeRole action."',
    matches: (_c, ours, theirs) => !ours.allowed && theirs && ours.reason === 'boundary-no-allow' && ours.request.action.toLowerCase() === 'sts:assumerole',
  },
];

/** The class a divergence belongs to, if any. */
export function classifyDivergence(c: ConformanceCase, ours: Decision, theirsAllowed: boolean): DivergenceClass | undefined {
  return KNOWN_DIVERGENCES.find((k) => k.matches(c, ours, theirsAllowed));
}
