import type { ConditionMiss, Decision, FailedSide, MalformedPrincipal, StatementRef } from '../trace';

/** What the summary needs beyond the decision itself. */
export interface SummaryExtras {
  readonly resourcePolicyName: string;
  /**
   * The resource that carries the resource policy: the bucket of an object, the API of a method. The
   * policy is named after it; the request's own resource (`request.resourceLabel`) only where it is meant.
   */
  readonly policyOwner?: string;
  /** Whether the resource has a resource policy at all. */
  readonly hasResourcePolicy?: boolean;
  readonly failedLevel?: string | undefined;
  /** The levels where the RCPs / SCPs allow nothing (for a request that neither account allows). */
  readonly rcpFailedLevel?: string | undefined;
  readonly scpFailedLevel?: string | undefined;
  /** The resource policy's statement for this requester whose condition does not hold. */
  readonly conditionMiss?: ConditionMiss;
  /** Or its statement that would cover the request but whose Principal names no one as written. */
  readonly malformedPrincipal?: MalformedPrincipal;
  /**
   * When an explicit Deny decided a request that AWS refuses anyway (a rule outside the policies): why, in
   * a few words, so the summary does not suggest that removing the Deny would be enough.
   */
  readonly refusedAnyway?: string;
}

function statementName(ref: StatementRef): string {
  const which = ref.sid ? `statement "${ref.sid}"` : `statement ${ref.index + 1}`;
  const kind: Record<string, string> = {
    identity: 'identity policy',
    boundary: 'permissions boundary',
    session: 'session policy',
    resource: '',
    trust: '',
    key: '',
    scp: 'SCP',
    rcp: 'RCP',
  };
  // A managed policy says so ("managed policy "ReadOnlyAccess""), and a group's policy names the group its
  // member has it through ("… via group Admins").
  const prefix = ref.source.managed && ref.source.kind === 'identity' ? `${ref.source.managed.aws ? 'AWS ' : ''}managed policy` : kind[ref.source.kind];
  const policy = prefix ? `${prefix} "${ref.source.name}"` : ref.source.name;
  return `${which} of ${policy}${ref.source.via ? ` via group ${ref.source.via.groupName}` : ''}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Operators whose failure reads "the policy requires VALUE" (the request's value must be one of the policy's). */
const REQUIRES = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike', 'numericequals', 'dateequals', 'bool', 'binaryequals', 'ipaddress']);

function values(v: readonly string[]): string {
  return v.length === 1 ? String(v[0]) : `one of ${v.join(', ')}`;
}

/** `aws:SourceArn is arn:…:rule/harvest, the policy requires arn:…:rule/orders-to-queue` */
function conditionText(m: ConditionMiss): string {
  const got = m.requestValues === undefined ? `${m.key} is absent from the request` : m.requestValues.length === 0 ? `${m.key} is empty` : `${m.key} is ${m.requestValues.join(', ')}`;
  const base = m.operator.toLowerCase().replace(/ifexists$/, '');
  if (base === 'null' && m.policyValues.length === 1) return `${got}, the policy requires it to be ${m.policyValues[0] === 'true' ? 'absent' : 'present'}`;
  const want = m.policyValues.length === 0 ? `the policy's ${m.operator} condition on ${m.key} matches no value` : REQUIRES.has(base) ? `the policy requires ${values(m.policyValues)}` : `the policy requires ${m.operator} ${m.policyValues.join(', ')}`;
  return `${got}, ${want}`;
}

/**
 * One plain-English sentence for a decision: what decided it and, for a denial, what would have to change.
 */
export function summarize(d: Pick<Decision, 'reason' | 'deciding' | 'crossAccount' | 'request'> & { readonly failedSides?: readonly FailedSide[] | undefined }, extras: SummaryExtras): string {
  const { request: r } = d;
  const who = r.principalType === 'service' ? r.principal : `${r.principalLabel}${r.principalAccount ? ` (${r.principalAccount})` : ''}`;
  const what = r.action;
  // The request's resource (an object path, an API method) and the resource that carries the policy.
  const on = r.resourceLabel;
  const owner = extras.policyOwner ?? on;
  const rpName = lowerFirst(extras.resourcePolicyName);
  const first = d.deciding[0];
  const miss = extras.conditionMiss;
  /** "the queue policy's statement "EventBridgeForOurRuleOnly" for events.amazonaws.com does not apply: aws:SourceArn is …" */
  const bad = extras.malformedPrincipal;
  const missText = miss
    ? `the ${rpName}'s ${miss.statement.sid ? `statement "${miss.statement.sid}"` : `statement ${miss.statement.index + 1}`} for ${who} does not apply: ${conditionText(miss)}`
    : bad
      ? `the ${rpName}'s ${bad.statement.sid ? `statement "${bad.statement.sid}"` : `statement ${bad.statement.index + 1}`} names no one: its ${bad.element} is ${bad.written}, and only "*" may be written as a plain string${bad.suggestion ? ` — it must be ${bad.suggestion}` : ' — it must be an object such as {"AWS": "arn:…"}'}`
      : undefined;
  const resourceSide = (stage: FailedSide['stage'] | undefined): string =>
    stage === 'rcp'
      ? `the resource control policies of ${r.resourceAccount ?? 'the resource account'} do not allow ${what}${extras.rcpFailedLevel ? ` at level ${extras.rcpFailedLevel}` : ''}`
      : (missText ??
        (extras.hasResourcePolicy === false
          ? `${owner} in ${r.resourceAccount ?? 'the resource account'} has no ${rpName} to allow ${who} to ${what}`
          : `the ${rpName} of ${owner} in ${r.resourceAccount ?? 'the resource account'} does not allow ${who} to ${what}`));
  const principalSide = (stage: FailedSide['stage'] | undefined): string =>
    stage === 'scp'
      ? `the service control policies of ${r.principalAccount} do not allow it${extras.scpFailedLevel ? ` at level ${extras.scpFailedLevel}` : ''}`
      : stage === 'boundary'
        ? `the permissions boundary of ${r.principalLabel} does not allow it`
        : stage === 'session'
          ? 'the session policy does not allow it'
          : `no identity policy in ${r.principalAccount} allows it for ${r.principalLabel}`;
  switch (d.reason) {
    case 'explicit-deny':
      if (extras.refusedAnyway) return `Denied explicitly: ${first ? statementName(first) : 'a Deny statement'} denies ${what} — and even without it AWS refuses ${what} on ${on}, whatever the policies say: ${extras.refusedAnyway}.`;
      return `Denied explicitly: ${first ? statementName(first) : 'a Deny statement'} denies ${what} — an explicit Deny overrides every Allow, so that statement must be removed or narrowed (or its condition must not hold).`;
    case 'allowed-no-permission-needed':
      return `Allowed: ${what} needs no permission — STS answers it for ${who} whatever the policies say, even if one denies it explicitly.`;
    case 'service-linked-role-protected':
      return `Refused by AWS: ${on} is a service-linked role, which only the service that depends on it can modify or delete — no policy can allow ${what} on it; make the change through that service.`;
    case 'aws-managed-policy-protected':
      return `Refused by AWS: ${on} is an AWS managed policy, created and administered by AWS — nobody can change it, so no policy can allow ${what} on it; to change what it grants, copy it into a customer managed policy and change that.`;
    case 'aws-managed-alias-reserved':
      return `Refused by AWS: aliases that begin with alias/aws/ are reserved for AWS managed keys — no policy can allow ${what} on ${on}; choose an alias name that does not begin with alias/aws/.`;
    case 'neither-account-allows':
      return `Denied: neither account allows it — ${resourceSide(d.failedSides?.find((f) => f.side === 'resource')?.stage)}, and ${principalSide(d.failedSides?.find((f) => f.side === 'principal')?.stage)}; a cross-account request needs both accounts to allow it.`;
    case 'rcp-no-allow':
      return `Denied: the resource control policies of ${r.resourceAccount} do not allow ${what}${extras.failedLevel ? ` at level ${extras.failedLevel}` : ''}; an RCP must allow it at every level of the organization.`;
    case 'scp-no-allow':
      return `Denied: the service control policies of ${r.principalAccount} do not allow ${what}${extras.failedLevel ? ` at level ${extras.failedLevel}` : ''}; an SCP must allow it at every level, even for administrators.`;
    case 'trust-no-allow':
      if (missText) return `Denied: ${missText}.`;
      return `Denied: the trust policy of ${owner} does not allow ${who} to ${what} — add ${r.principalType === 'service' ? r.principal : r.principalType === 'assumed-role' ? 'the session\'s role' : r.principalLabel} (or ${r.principalAccount ? `account ${r.principalAccount}` : 'its account'}) to the trust policy's Principal.`;
    case 'key-policy-no-allow':
      if (missText) return `Denied: ${missText}; a KMS key policy must allow access explicitly.`;
      return `Denied: the key policy of ${owner} does not allow ${who} to ${what}; a KMS key policy must allow access explicitly, even for the account's own principals.`;
    case 'kms-operation-not-cross-account':
      return `Denied: ${what} cannot be used across accounts — only cryptographic operations and a few grant and describe operations work on another account's KMS key, so this call must come from ${r.resourceAccount ?? 'the key\'s account'}.`;
    case 'root-cannot-assume-role':
      return `Denied: the root user of ${r.principalAccount} cannot assume a role — AssumeRole must be called with an IAM user's or role's credentials, so add a user or role in ${r.principalAccount} and use it instead.`;
    case 'service-not-allowed':
      // A statement for the service exists but its condition (typically aws:SourceArn / aws:SourceAccount,
      // the confused-deputy guard) does not hold: that is the answer, not "add a statement".
      if (missText) return `Denied: ${missText}.`;
      return `Denied: the ${rpName} of ${owner} does not allow ${r.principal} to ${what}${r.context['aws:SourceArn'] ? ` for source ${String(r.context['aws:SourceArn'])}` : ''}; add a statement for the service principal, scoped with aws:SourceArn.`;
    case 'resource-policy-no-allow':
      if (missText) return `Denied: ${missText}; a cross-account request needs the ${rpName} to allow it.`;
      return `Denied: a cross-account request needs the ${rpName} of ${owner} in ${r.resourceAccount ?? 'the resource account'} to allow ${who} to ${what}.`;
    case 'cross-account-identity-missing':
      return `Denied: a cross-account request also needs an identity policy in ${r.principalAccount} that allows ${what} for ${r.principalLabel}.`;
    case 'account-grant-needs-identity':
      return `Denied: the ${rpName} grants account ${r.principalAccount}, which only delegates to IAM — ${r.principalLabel} also needs an identity policy that allows ${what}.`;
    case 'identity-no-allow':
      return `Denied: no policy allows ${who} to ${what} on ${on} — add an identity policy that allows it${d.crossAccount ? '' : ` or name ${r.principalLabel} in the ${rpName}`}${missText ? ` (${missText})` : ''}.`;
    case 'boundary-no-allow':
      return `Denied: the permissions boundary of ${r.principalLabel} does not allow ${what} — a boundary caps what the other policies can grant, so it must allow ${what} too.`;
    case 'session-no-allow':
      return `Denied: the session policy does not allow ${what} — a session policy caps what the role's policies can grant for this session, so it must allow ${what} too.`;
    case 'allowed-root':
      return `Allowed: ${who} is the root user of the account that owns ${on} and has full access to it.`;
    case 'allowed-identity':
      return `Allowed: ${first ? statementName(first) : 'an identity policy'} allows ${who} to ${what} on ${on}.`;
    case 'allowed-resource':
      return `Allowed: ${first ? statementName(first) : `the ${rpName}`} of ${owner} allows ${who} to ${what}${owner !== on ? ` on ${on}` : ''}.`;
    case 'allowed-both':
      return d.crossAccount
        ? `Allowed: both accounts agree — ${r.principalType === 'root' ? `the root user has all of ${r.principalAccount}'s permissions` : `an identity policy in ${r.principalAccount} allows ${what}`} and the ${rpName} of ${owner} in ${r.resourceAccount} admits ${who}${owner !== on ? ` to ${on}` : ''}.`
        : `Allowed: the ${rpName} of ${owner} delegates to IAM and ${r.principalType === 'root' ? 'the root user has every permission' : `an identity policy of ${r.principalLabel} allows ${what}`}.`;
  }
}
