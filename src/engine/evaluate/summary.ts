import type { Decision, StatementRef } from '../trace';

/** What the summary needs beyond the decision itself. */
export interface SummaryExtras {
  readonly resourcePolicyName: string;
  /** The principal's identity side allows nothing (mentioned when a cross-account request fails on both sides). */
  readonly identityMissing: boolean;
  readonly failedLevel?: string;
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
  const prefix = kind[ref.source.kind];
  const policy = prefix ? `${prefix} "${ref.source.name}"` : ref.source.name;
  return `${which} of ${policy}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * One plain-English sentence for a decision: what decided it and, for a denial, what would have to change.
 */
export function summarize(d: Pick<Decision, 'reason' | 'deciding' | 'crossAccount' | 'request'>, extras: SummaryExtras): string {
  const { request: r } = d;
  const who = r.principalType === 'service' ? r.principal : `${r.principalLabel}${r.principalAccount ? ` (${r.principalAccount})` : ''}`;
  const what = r.action;
  const on = r.resourceLabel;
  const rpName = lowerFirst(extras.resourcePolicyName);
  const first = d.deciding[0];
  switch (d.reason) {
    case 'explicit-deny':
      return `Denied explicitly: ${first ? statementName(first) : 'a Deny statement'} denies ${what} — an explicit Deny overrides every Allow, so that statement must be removed or narrowed (or its condition must not hold).`;
    case 'rcp-no-allow':
      return `Denied: the resource control policies of ${r.resourceAccount} do not allow ${what}${extras.failedLevel ? ` at level ${extras.failedLevel}` : ''}; an RCP must allow it at every level of the organization.`;
    case 'scp-no-allow':
      return `Denied: the service control policies of ${r.principalAccount} do not allow ${what}${extras.failedLevel ? ` at level ${extras.failedLevel}` : ''}; an SCP must allow it at every level, even for administrators.`;
    case 'trust-no-allow':
      return `Denied: the trust policy of ${on} does not allow ${who} to ${what} — add ${r.principalType === 'service' ? r.principal : r.principalType === 'assumed-role' ? 'the session\'s role' : r.principalLabel} (or ${r.principalAccount ? `account ${r.principalAccount}` : 'its account'}) to the trust policy's Principal.`;
    case 'key-policy-no-allow':
      return `Denied: the key policy of ${on} does not allow ${who} to ${what}; a KMS key policy must allow access explicitly, even for the account's own principals.`;
    case 'kms-operation-not-cross-account':
      return `Denied: ${what} cannot be used across accounts — only cryptographic operations and a few grant and describe operations work on another account's KMS key, so this call must come from ${r.resourceAccount ?? 'the key\'s account'}.`;
    case 'root-cannot-assume-role':
      return `Denied: the root user of ${r.principalAccount} cannot assume a role — AssumeRole must be called with an IAM user's or role's credentials, so add a user or role in ${r.principalAccount} and use it instead.`;
    case 'service-not-allowed':
      return `Denied: the ${rpName} of ${on} does not allow ${r.principal} to ${what}${r.context['aws:SourceArn'] ? ` for source ${String(r.context['aws:SourceArn'])}` : ''}; add a statement for the service principal, scoped with aws:SourceArn.`;
    case 'resource-policy-no-allow':
      return `Denied: a cross-account request needs the ${rpName} of ${on} in ${r.resourceAccount ?? 'the resource account'} to allow ${who} to ${what}${extras.identityMissing ? `, and an identity policy in ${r.principalAccount} that allows it too` : ''}.`;
    case 'cross-account-identity-missing':
      return `Denied: a cross-account request also needs an identity policy in ${r.principalAccount} that allows ${what} for ${r.principalLabel}.`;
    case 'account-grant-needs-identity':
      return `Denied: the ${rpName} grants account ${r.principalAccount}, which only delegates to IAM — ${r.principalLabel} also needs an identity policy that allows ${what}.`;
    case 'identity-no-allow':
      return `Denied: no policy allows ${who} to ${what} on ${on} — add an identity policy that allows it${d.crossAccount ? '' : ` or name ${r.principalLabel} in the ${rpName}`}.`;
    case 'boundary-no-allow':
      return `Denied: the permissions boundary of ${r.principalLabel} does not allow ${what} — a boundary caps what the other policies can grant, so it must allow ${what} too.`;
    case 'session-no-allow':
      return `Denied: the session policy does not allow ${what} — a session policy caps what the role's policies can grant for this session, so it must allow ${what} too.`;
    case 'allowed-root':
      return `Allowed: ${who} is the root user of the account that owns ${on} and has full access to it.`;
    case 'allowed-identity':
      return `Allowed: ${first ? statementName(first) : 'an identity policy'} allows ${who} to ${what} on ${on}.`;
    case 'allowed-resource':
      return `Allowed: ${first ? statementName(first) : `the ${rpName}`} of ${on} allows ${who} to ${what}.`;
    case 'allowed-both':
      return d.crossAccount
        ? `Allowed: both accounts agree — ${r.principalType === 'root' ? `the root user has all of ${r.principalAccount}'s permissions` : `an identity policy in ${r.principalAccount} allows ${what}`} and the ${rpName} of ${on} in ${r.resourceAccount} admits ${who}.`
        : `Allowed: the ${rpName} of ${on} delegates to IAM and ${r.principalType === 'root' ? 'the root user has every permission' : `an identity policy of ${r.principalLabel} allows ${what}`}.`;
  }
}
