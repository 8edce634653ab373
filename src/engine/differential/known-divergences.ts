import { caseSchema, type ConformanceCase } from '../conformance/caseFormat';
import { caseRequest, caseWorld } from '../conformance/caseWorld';
import { decideRequest } from '../evaluate/evaluate';
import { RCP_SERVICES } from '../evaluate/rules';
import type { Decision } from '../trace';

/**
 * Known divergences between this engine and the independent evaluator used by the differential test
 * (@cloud-copilot/iam-simulate). Each class names the AWS documentation that shows our answer is right, or
 * says plainly where the documentation is silent and which reading we chose. Any divergence outside these
 * classes fails the test.
 *
 * How a class is recognised. Where the oracle reads one documented rule differently, the class says how it
 * reads it, as a rewrite of the case (`explainedBy`): the case is rewritten so that, under our rules, it
 * means what the oracle took it to mean, and decided again; the divergence belongs to the class only when
 * that one rewrite makes our answer the oracle's. Where the rule is a service rule the engine applies with a
 * reason of its own (a KMS operation that does not work across accounts, a service-linked role AWS refuses to
 * change), the reason identifies it.
 *
 * Not a divergence class: the account root user. The oracle gives root no implicit permissions, so the
 * adapter (`oracle.ts`) hands it an allow-everything identity policy — "all requests are implicitly denied
 * with the exception of the AWS account root user, which has full access" (How AWS enforcement code logic
 * evaluates requests) — and root requests are then compared like any other.
 */
export interface DivergenceClass {
  readonly id: string;
  readonly description: string;
  /** The AWS page and statement our answer follows (and, where they are silent, that they are). */
  readonly source: string;
  readonly matches: (c: ConformanceCase, ours: Decision, theirsAllowed: boolean) => boolean;
}

type Json = Record<string, unknown>;

const req = (c: ConformanceCase) => c.request ?? c.steps?.[0];
const statementsOf = (doc: unknown): Json[] => {
  const st = (doc as Json | null | undefined)?.['Statement'];
  return Array.isArray(st) ? (st as Json[]) : st ? [st as Json] : [];
};
const resourcePolicyStatements = (c: ConformanceCase): Json[] => statementsOf(c.resources.find((x) => x.arn === req(c)?.resource)?.resourcePolicy);

/** Every policy document of a case but the organization's, rewritten by `fn` (principal and resource policies, the session policy). */
function mapPolicies(c: ConformanceCase, fn: (doc: Json, where: 'identity' | 'resource') => Json): ConformanceCase {
  const r = req(c);
  return {
    ...c,
    principals: c.principals.map((p) => ({
      ...p,
      identityPolicies: p.identityPolicies.map((d) => fn(d, 'identity')),
      ...(p.permissionsBoundary ? { permissionsBoundary: fn(p.permissionsBoundary, 'identity') } : {}),
      ...(p.trustPolicy ? { trustPolicy: fn(p.trustPolicy, 'resource') } : {}),
    })),
    resources: c.resources.map((x) => (x.resourcePolicy ? { ...x, resourcePolicy: fn(x.resourcePolicy, 'resource') } : x)),
    ...(r && c.request ? { request: { ...r, ...(r.sessionPolicy ? { sessionPolicy: fn(r.sessionPolicy, 'identity') } : {}) } } : {}),
  };
}

/** Every statement of the case's policies (not the organization's) rewritten by `fn`. */
function mapStatements(c: ConformanceCase, fn: (s: Json, where: 'identity' | 'resource') => Json): ConformanceCase {
  return mapPolicies(c, (doc, where) => {
    const body = doc['Statement'];
    return { ...doc, Statement: Array.isArray(body) ? (body as Json[]).map((s) => fn(s, where)) : body && typeof body === 'object' ? fn(body as Json, where) : body };
  });
}

/**
 * Whether the oracle's reading of one rule, written into the case by `rewrite`, makes our answer the
 * oracle's: the divergence is then that rule's, and nothing else's.
 */
function explainedBy(c: ConformanceCase, ours: Decision, theirsAllowed: boolean, rewrite: (c: ConformanceCase) => ConformanceCase): boolean {
  if (ours.allowed === theirsAllowed) return false;
  const r = rewrite(c);
  if (JSON.stringify(r) === JSON.stringify(c)) return false;
  const decide = (x: ConformanceCase): boolean | undefined => {
    const parsed = caseSchema.parse(x);
    const request = req(parsed);
    return request ? decideRequest(caseWorld(parsed), caseRequest(request)).allowed : undefined;
  };
  // The decision given must be the case's own (a decision from elsewhere explains nothing).
  return decide(c) === ours.allowed && decide(r) === theirsAllowed;
}

/** A condition that never holds: a key no request carries, required to be present. */
const NEVER = { Null: { 'aws:DifferentialNeverPresent': 'false' } };

/** The condition context keys of the request, lower-cased. */
const contextKeys = (c: ConformanceCase): Set<string> => new Set(Object.keys(req(c)?.context ?? {}).map((k) => k.toLowerCase()));

/** Whether a policy value holds a `${key}` variable with no default whose key the request lacks. */
function hasMissingVariable(value: unknown, keys: Set<string>): boolean {
  if (typeof value !== 'string') return false;
  for (const m of value.matchAll(/\$\{([^}]*)\}/g)) {
    const inner = m[1] ?? '';
    if (inner === '*' || inner === '?' || inner === '$' || inner.includes(',')) continue;
    if (!keys.has(inner.trim().toLowerCase())) return true;
  }
  return false;
}

/**
 * Rewrites each statement's Condition: every operator/key entry `drop(operator, key, values)` selects is
 * removed, and the statement then never holds (it would not, under the oracle's reading).
 */
function conditionsNeverHold(c: ConformanceCase, drop: (operator: string, key: string, values: unknown) => boolean): ConformanceCase {
  return mapStatements(c, (s) => {
    const cond = s['Condition'];
    if (!cond || typeof cond !== 'object') return s;
    let hit = false;
    const next: Json = {};
    for (const [operator, block] of Object.entries(cond as Json)) {
      if (!block || typeof block !== 'object') {
        next[operator] = block;
        continue;
      }
      const kept: Json = {};
      for (const [key, values] of Object.entries(block as Json)) {
        if (drop(operator, key, values)) hit = true;
        else kept[key] = values;
      }
      if (Object.keys(kept).length > 0) next[operator] = kept;
    }
    return hit ? { ...s, Condition: { ...next, ...NEVER } } : s;
  });
}

const valuesOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
const isNegated = (operator: string): boolean => /(^|:)(StringNot|ArnNot|NumericNot|DateNot|NotIpAddress)/.test(operator);

/** A Resource / NotResource entry that ends a segment with `*` before the ARN has all its segments (`arn:aws:sqs:us-east-1:*`). */
const isShortWildcardArn = (v: unknown): boolean => typeof v === 'string' && v.startsWith('arn:') && v.endsWith('*') && v.split(':').length < 6 && !v.includes('${');

/** The Resource element of a statement that matches nothing (the oracle's reading of an entry it cannot parse). */
const INERT = 'arn:aws:differential:::never';

/**
 * Statements whose Resource / NotResource holds an entry `bad` selects, as the oracle reads them: a NotResource
 * holding one makes the statement apply to nothing, and (with `inResource`) such a Resource entry matches
 * nothing. `where` limits it to one kind of policy.
 */
function entriesReadAsNothing(c: ConformanceCase, bad: (v: unknown) => boolean, inResource: boolean, where?: 'resource'): ConformanceCase {
  return mapStatements(c, (s, kind) => {
    if (where && kind !== where) return s;
    if (s['NotResource'] !== undefined && valuesOf(s['NotResource']).some(bad)) {
      const { NotResource: _dropped, ...rest } = s;
      return { ...rest, Resource: INERT };
    }
    if (inResource && s['Resource'] !== undefined && valuesOf(s['Resource']).some(bad)) {
      const kept = valuesOf(s['Resource']).filter((v) => !bad(v));
      return { ...s, Resource: kept.length > 0 ? kept : INERT };
    }
    return s;
  });
}

export const KNOWN_DIVERGENCES: readonly DivergenceClass[] = [
  {
    id: 'same-account-session-arn-grant',
    description: 'A same-account resource policy that names the role session ARN itself is not capped by the session policy or boundary.',
    source:
      'Session policies — https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session — "A resource-based policy can specify the ARN of the user or role as a principal ... If the resource-based policy specifies the ARN of the session ... the permissions from the resource-based policy are added after the session is created ... the session policy does not limit them."',
    matches: (_c, ours, theirs) => ours.allowed && !theirs && !ours.crossAccount && ours.request.principalType === 'assumed-role' && ours.deciding.some((r) => r.source.kind !== 'identity' && r.principalMatch === 'direct'),
  },
  {
    id: 'same-account-principal-arn-wildcard-grant',
    description:
      'A same-account resource policy that grants "Principal": "*" narrowed by an aws:PrincipalArn condition is not capped by the role session\'s permissions boundary or session policy; the oracle caps it for role sessions.',
    source:
      'AWS JSON policy elements: Principal — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles — "Identity-based policy types, such as permissions boundaries or session policies, do not limit permissions granted using the aws:PrincipalArn condition key with a wildcard(*) in the Principal element, unless the identity-based policies contain an explicit deny." | How AWS enforcement code logic evaluates requests — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html — the same sentence under "IAM role".',
    matches: (c, ours, theirs) => wildcardGrantNotCapped(ours, theirs) && decidingResourceStatements(c, ours).every(namesPrincipalArn),
  },
  {
    id: 'same-account-plain-wildcard-principal-grant',
    description:
      'A same-account resource policy that grants a plain "Principal": "*" (no aws:PrincipalArn condition) is not capped by the role session\'s permissions boundary or session policy either. The pages state this for the aws:PrincipalArn form only; we read the plain form the same way because the condition only narrows whom the wildcard admits — a statement without it admits at least as much — and because "*" also names the session\'s own ARN, whose grants a session policy does not limit. The documentation does not state the plain form outright.',
    source:
      'AWS JSON policy elements: Principal — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles — "permissions boundaries or session policies, do not limit permissions granted using the aws:PrincipalArn condition key with a wildcard(*) in the Principal element" (the aws:PrincipalArn form) | same page, All principals — "For resource-based policies, using a wildcard (*) with an Allow effect grants access to all users ... For IAM users and role principals within your account, no other permissions are required." | Session policies — https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session — a grant to the session ARN is "added after the session is created" and the session policy "does not limit them". Silent: a plain "*" and a role session\'s boundary.',
    matches: (c, ours, theirs) => wildcardGrantNotCapped(ours, theirs) && !decidingResourceStatements(c, ours).every(namesPrincipalArn),
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
  {
    id: 'kms-operation-not-cross-account',
    description: 'A KMS operation outside the cross-account list (kms:PutKeyPolicy, kms:GetKeyPolicy, kms:ScheduleKeyDeletion, ...) is denied on another account\'s key even when the key policy and the caller\'s IAM policy both allow it; the oracle allows it.',
    source:
      'AWS KMS: Allowing users in other accounts to use a KMS key — https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html — cross-account permission is effective only for cryptographic operations, CreateGrant, DescribeKey, GetKeyRotationStatus, GetPublicKey, ListGrants, RetireGrant and RevokeGrant.',
    matches: (_c, ours, theirs) => !ours.allowed && theirs && ours.reason === 'kms-operation-not-cross-account',
  },
  {
    id: 'service-linked-role-org-policies',
    description:
      'SCPs and RCPs do not restrict a service-linked role\'s session, and RCPs do not restrict a service assuming its service-linked role; the oracle applies them. (Recognised by reading the role as an ordinary one: then our answer is the oracle\'s.)',
    source:
      'Service control policies (SCPs) — https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html — "SCPs don\'t affect service-linked roles" | Resource control policies (RCPs) — https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html — "RCPs do not impact the effective permissions of any service-linked role" and "RCPs also do not impact AWS services\' ability to assume a service-linked role; that is, the service-linked role\'s trust policy is also not impacted by RCPs."',
    matches: (c, ours, theirs) => ours.allowed && !theirs && JSON.stringify(c).includes(':role/aws-service-role/') && explainedBy(c, ours, theirs, ordinaryRoles),
  },
  {
    id: 'rcp-exempt-retiregrant',
    description: 'RCPs never restrict kms:RetireGrant; the oracle applies them. (Recognised by asking the same of kms:RevokeGrant, which RCPs do restrict: then our answer is the oracle\'s.)',
    source: 'Resource control policies (RCPs) — https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html — "RCPs do not impact the kms:RetireGrant permission"',
    matches: (c, ours, theirs) => ours.allowed && !theirs && req(c)?.action.toLowerCase() === 'kms:retiregrant' && explainedBy(c, ours, theirs, retireAsRevoke),
  },
  {
    id: 'rcp-unsupported-service',
    description: 'RCPs apply only to the services on Organizations\' list (Amazon SNS and AWS Lambda are not on it); the oracle applies them to every service. (Recognised by asking the same of Amazon SQS, which is on the list: then our answer is the oracle\'s.)',
    source:
      'Resource control policies (RCPs) — https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html — "List of AWS services that support RCPs": RCPs apply to actions of the services listed there only.',
    matches: (c, ours, theirs) => {
      const service = req(c)?.action.split(':')[0]?.toLowerCase() ?? '';
      return ours.allowed && !theirs && !RCP_SERVICES.has(service) && explainedBy(c, ours, theirs, (x) => asService(x, service, 'sqs'));
    },
  },
  {
    id: 'variables-need-2012-10-17',
    description: 'In a policy whose Version is 2008-10-17 or absent, ${...} is literal text, not a policy variable; the oracle substitutes it in every policy. (Recognised by writing every policy under 2012-10-17.)',
    source:
      'IAM policy elements: Variables and tags — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html — policy variables are supported only under "Version": "2012-10-17"; before it they "are treated as literal strings" | IAM JSON policy elements: Version — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html — "If you do not include a Version element, the value defaults to 2008-10-17"',
    matches: (c, ours, theirs) => explainedBy(c, ours, theirs, allAt2012),
  },
  {
    id: 'negated-operator-missing-variable',
    description: 'A negated operator (StringNotEquals, StringNotLike, ArnNotLike, ...) whose policy value is a variable the request lacks matches; the oracle treats the condition as never matching. (Recognised by making such conditions never hold.)',
    source:
      'IAM policy elements: Variables and tags — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html — "Policy variables with no value": "Inverted condition operators like StringNotEquals or StringNotLike do match against a null value"',
    matches: (c, ours, theirs) => {
      const keys = contextKeys(c);
      return explainedBy(c, ours, theirs, (x) => conditionsNeverHold(x, (operator, _key, values) => isNegated(operator) && valuesOf(values).some((v) => hasMissingVariable(v, keys))));
    },
  },
  {
    id: 'foranyvalue-ifexists-absent-key',
    description:
      'ForAnyValue:…IfExists on a key the request lacks: we apply the IfExists rule (the key is absent, so the condition is true); the oracle applies the ForAnyValue rule (no key, so false). Each page states its own rule; neither addresses the two together. A re:Post thread ("ForAnyValue:StringEqualsIfExists behaving unexpectedly") reports AWS answering false for aws:TagKeys, which would be the oracle\'s reading: this is the class to revisit if AWS documents it. (Recognised by making such conditions false.)',
    source:
      'IAM JSON policy elements: Condition operators — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists — "If the key is not present, evaluate the condition element as true" | Single-valued vs. multivalued context keys — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html — ForAnyValue "If there is no matching context key or the dataset is null, the condition returns false". Silent: the two together.',
    matches: (c, ours, theirs) => {
      const keys = contextKeys(c);
      return explainedBy(c, ours, theirs, (x) => conditionsNeverHold(x, (operator, key) => /^ForAnyValue:.*IfExists$/i.test(operator) && !keys.has(key.toLowerCase())));
    },
  },
  {
    id: 'notresource-segment-ending-wildcard',
    description:
      'In NotResource, a * that ends an ARN segment may match past the colons, so arn:aws:sns:us-west-2:* leaves out the us-west-2 topics only and the statement applies to a us-east-1 topic; the oracle reads it in Resource as we do, but in NotResource as leaving out every resource. (Recognised by making such NotResource statements apply to nothing.)',
    source:
      'IAM JSON policy elements: Resource — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html — "If the * wildcard is the last character of a resource ARN segment, it can expand to match beyond the colon boundaries."',
    matches: (c, ours, theirs) => explainedBy(c, ours, theirs, (x) => entriesReadAsNothing(x, isShortWildcardArn, false)),
  },
  {
    id: 'execute-api-shorthand',
    description: 'An API Gateway API\'s resource policy may write its resources as execute-api:/stage/METHOD/path, which API Gateway expands against the API\'s ARN; the oracle reads execute-api:/… as a malformed ARN. (Recognised by leaving the shorthand unexpanded.)',
    source:
      'API Gateway resource policy examples — https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html — "you can specify the resource execute-api:/stage-name/GET/pets in a resource policy. API Gateway converts the resource to arn:aws:execute-api:us-east-2:123456789012:aabbccddee/stage-name/GET/pets when you save the resource policy … You can use execute-api:/* to represent all stages, methods, and paths in the current API."',
    matches: (c, ours, theirs) => explainedBy(c, ours, theirs, (x) => entriesReadAsNothing(x, (v) => typeof v === 'string' && v.startsWith('execute-api:/'), true, 'resource')),
  },
  {
    id: 'service-linked-role-protected',
    description: 'AWS refuses to modify or delete a service-linked role except through its service (iam:DeleteRole, iam:UpdateAssumeRolePolicy, iam:PutRolePolicy, iam:AttachRolePolicy, ...), whatever the policies allow; the oracle allows what the policies allow.',
    source:
      'IAM API Reference: DeleteRole (and UpdateAssumeRolePolicy, PutRolePolicy, DeleteRolePolicy, AttachRolePolicy, DetachRolePolicy, PutRolePermissionsBoundary, DeleteRolePermissionsBoundary) — https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html — error UnmodifiableEntity: "The request was rejected because service-linked roles are protected AWS resources. Only the service that depends on the service-linked role can modify or delete the role on your behalf." | IAM API Reference: CreateServiceLinkedRole — https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateServiceLinkedRole.html — "The service controls the attached policies and when the role can be deleted."',
    matches: (_c, ours, theirs) => !ours.allowed && theirs && ours.reason === 'service-linked-role-protected',
  },
];

/**
 * The common shape of the two wildcard-principal classes: an allowed same-account grant whose strongest
 * naming of the requester is "*" (no statement names its own ARN), while its boundary or session policy
 * allows nothing.
 */
function wildcardGrantNotCapped(ours: Decision, theirs: boolean): boolean {
  return (
    ours.allowed &&
    !theirs &&
    !ours.crossAccount &&
    ours.reason === 'allowed-resource' &&
    ours.deciding.some((r) => r.principalMatch === 'wildcard') &&
    !ours.deciding.some((r) => r.principalMatch === 'direct') &&
    ours.stages.some((s) => (s.stage === 'boundary' || s.stage === 'session') && s.outcome === 'no-allow')
  );
}

/** The resource-policy statements that decided by naming everyone (as written in the case). */
function decidingResourceStatements(c: ConformanceCase, ours: Decision): Json[] {
  const statements = resourcePolicyStatements(c);
  return ours.deciding.filter((r) => r.principalMatch === 'wildcard').map((r) => statements[r.index] ?? {});
}

/** Whether a statement narrows its principal with an aws:PrincipalArn condition. */
function namesPrincipalArn(s: Json): boolean {
  const cond = s['Condition'];
  if (!cond || typeof cond !== 'object') return false;
  return Object.values(cond as Json).some((block) => block !== null && typeof block === 'object' && Object.keys(block as Json).some((k) => k.toLowerCase() === 'aws:principalarn'));
}

/** The case with its service-linked roles read as ordinary roles (their path dropped everywhere). */
function ordinaryRoles(c: ConformanceCase): ConformanceCase {
  return JSON.parse(JSON.stringify(c).replace(/role\/aws-service-role\/[^/"]+\//g, 'role/')) as ConformanceCase;
}

/** The case asking kms:RevokeGrant where it asked kms:RetireGrant (every spelling in its policies too). */
function retireAsRevoke(c: ConformanceCase): ConformanceCase {
  const swap = (m: string): string => (m === m.toUpperCase() ? 'REVOKE' : m === m.toLowerCase() ? 'revoke' : 'Revoke');
  return JSON.parse(JSON.stringify(c).replace(/retire(?=gra)/gi, swap)) as ConformanceCase;
}

/** The case asking `to`'s actions on `to`'s resources where it asked `from`'s (actions and ARNs; any spelling). */
function asService(c: ConformanceCase, from: string, to: string): ConformanceCase {
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return JSON.parse(JSON.stringify(c).replace(new RegExp(`(?<=["\\[,\\s]|arn:aws:)${escaped}(?=:)`, 'gi'), to)) as ConformanceCase;
}

/** The case with every principal and resource policy written under 2012-10-17. */
function allAt2012(c: ConformanceCase): ConformanceCase {
  return mapPolicies(c, (doc) => ({ ...doc, Version: '2012-10-17' }));
}

/** The class a divergence belongs to, if any. */
export function classifyDivergence(c: ConformanceCase, ours: Decision, theirsAllowed: boolean): DivergenceClass | undefined {
  return KNOWN_DIVERGENCES.find((k) => k.matches(c, ours, theirsAllowed));
}
