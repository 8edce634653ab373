import { RESOURCE_TYPES, addressKey, type PolicyAddress, type PolicyDocument, type Scenario } from '../../model';
import type { PolicySource } from '../policy/types';

/**
 * Where the engine's policies live in the scenario: from a statement's `PolicySource` to the address of the
 * document that holds it, and how each document is named when a change is shown.
 */

/** The address of the document a `PolicySource` came from, or undefined when the scenario has no such place. */
export function addressOf(s: Scenario, source: PolicySource): PolicyAddress | undefined {
  const owner = source.ownerId;
  if (owner === undefined) return undefined;
  switch (source.kind) {
    case 'identity':
      if (source.managed) return { kind: 'managed', managedPolicyId: owner };
      if (source.via) return { kind: 'group', groupId: source.via.groupId, name: source.name };
      return { kind: 'inline', principalId: owner, name: source.name };
    case 'boundary':
      return source.managed ? { kind: 'managed', managedPolicyId: owner } : { kind: 'boundary', principalId: owner };
    case 'trust':
      return { kind: 'trust', principalId: owner };
    case 'resource':
    case 'key':
      return { kind: 'resource', resourceId: owner };
    case 'scp':
    case 'rcp': {
      const org = s.organizations.find((o) => o.policies.some((p) => p.id === owner));
      return org ? { kind: 'org', organizationId: org.id, policyId: owner } : undefined;
    }
    case 'session':
      return { kind: 'session', edgeId: owner };
  }
}

const nameOf = (s: Scenario, id: string): string => s.principals.find((p) => p.id === id)?.name ?? s.resources.find((r) => r.id === id)?.name ?? s.rules.find((r) => r.id === id)?.name ?? id;

/** "alice → reports-b", "rule export-done → jobs": how an edge or rule target is named in lists. */
export function edgeLabel(s: Scenario, id: string): string {
  const edge = s.edges.find((e) => e.id === id);
  if (edge) return `${nameOf(s, edge.from)} → ${nameOf(s, edge.to)}${edge.kind === 'assume' ? ' (AssumeRole)' : ''}`;
  for (const rule of s.rules) {
    const target = rule.targets.find((t) => t.id === id);
    if (target) return `rule ${rule.name} → ${nameOf(s, target.resourceId)}`;
  }
  return id;
}

/** How a document is named: "Bucket policy of reports-b", "Identity policy ExportResults of alice", ... */
export function policyTitle(s: Scenario, a: PolicyAddress): string {
  switch (a.kind) {
    case 'inline':
      return `Identity policy ${a.name} of ${nameOf(s, a.principalId)}`;
    case 'boundary':
      return `Permissions boundary of ${nameOf(s, a.principalId)}`;
    case 'trust':
      return `Trust policy of ${nameOf(s, a.principalId)}`;
    case 'group':
      return `Policy ${a.name} of group ${s.groups.find((g) => g.id === a.groupId)?.name ?? a.groupId}`;
    case 'managed': {
      const m = s.managedPolicies.find((x) => x.id === a.managedPolicyId);
      return `Managed policy ${m?.name ?? a.managedPolicyId}${m && m.accountId === undefined ? ' (AWS managed)' : ''}`;
    }
    case 'resource': {
      const r = s.resources.find((x) => x.id === a.resourceId);
      return `${(r && RESOURCE_TYPES[r.type].policyName) ?? 'Resource policy'} of ${r?.name ?? a.resourceId}`;
    }
    case 'org': {
      const o = s.organizations.find((x) => x.id === a.organizationId);
      const p = o?.policies.find((x) => x.id === a.policyId);
      return `${p?.type === 'rcp' ? 'RCP' : 'SCP'} ${p?.name ?? a.policyId} of ${o?.name ?? a.organizationId}`;
    }
    case 'session':
      return `Session policy of ${edgeLabel(s, a.edgeId)}`;
  }
}

/**
 * The account whose administrators change a document: the owner's account, an organization's management
 * account for its SCPs and RCPs (Organizations: only the management account manages policies), the caller's
 * for a session policy (it is passed when the caller assumes the role). Undefined for an AWS managed policy.
 */
export function policyAccount(s: Scenario, a: PolicyAddress): string | undefined {
  const principalAccount = (id: string): string | undefined => {
    const p = s.principals.find((x) => x.id === id);
    return p && p.type !== 'service' ? p.accountId : undefined;
  };
  switch (a.kind) {
    case 'inline':
    case 'boundary':
    case 'trust':
      return principalAccount(a.principalId);
    case 'group':
      return s.groups.find((g) => g.id === a.groupId)?.accountId;
    case 'managed':
      return s.managedPolicies.find((m) => m.id === a.managedPolicyId)?.accountId;
    case 'resource':
      return s.resources.find((r) => r.id === a.resourceId)?.accountId;
    case 'org':
      return s.organizations.find((o) => o.id === a.organizationId)?.managementAccountId;
    case 'session': {
      const e = s.edges.find((x) => x.id === a.edgeId);
      return e ? principalAccount(e.from) : undefined;
    }
  }
}

/** Whether the document at `a` is an AWS managed policy, which no one but AWS can change. */
export function isAwsManaged(s: Scenario, a: PolicyAddress): boolean {
  return a.kind === 'managed' && s.managedPolicies.find((m) => m.id === a.managedPolicyId)?.accountId === undefined;
}

/**
 * The principals whose requests a shared document takes part in, by name: for a managed policy every user,
 * role and group it is attached to (as a policy or as a permissions boundary — IAM User Guide, "Managed
 * policies and inline policies": a managed policy is one document however many identities it is attached to),
 * a group's members for a group policy (IAM User Guide, "IAM user groups": a group's policies apply to every
 * user in it). Undefined for a document that belongs to one principal or resource.
 */
export function reachedBy(s: Scenario, a: PolicyAddress): { readonly principals: readonly string[]; readonly groups: readonly string[] } | undefined {
  if (a.kind === 'group') {
    const principals = s.principals.filter((p) => p.type === 'iam-user' && (p.groupIds ?? []).includes(a.groupId)).map((p) => p.name);
    return { principals, groups: [] };
  }
  if (a.kind !== 'managed') return undefined;
  const id = a.managedPolicyId;
  const groups = s.groups.filter((g) => (g.managedPolicyIds ?? []).includes(id));
  const viaGroup = new Set(groups.map((g) => g.id));
  const principals = s.principals
    .filter((p) => (p.type === 'iam-user' || p.type === 'iam-role') && ((p.managedPolicyIds ?? []).includes(id) || p.boundaryPolicyId === id || (p.type === 'iam-user' && (p.groupIds ?? []).some((g) => viaGroup.has(g)))))
    .map((p) => p.name);
  return { principals, groups: groups.map((g) => g.name) };
}

/** Every policy document of a scenario with its address (for comparing two versions). */
export function policiesOf(s: Scenario): Map<string, { readonly address: PolicyAddress; readonly document: PolicyDocument }> {
  const out = new Map<string, { address: PolicyAddress; document: PolicyDocument }>();
  const put = (address: PolicyAddress, document: PolicyDocument | undefined): void => {
    if (document !== undefined) out.set(addressKey(address), { address, document });
  };
  for (const p of s.principals) {
    if (p.type !== 'iam-user' && p.type !== 'iam-role') continue;
    for (const np of p.policies) put({ kind: 'inline', principalId: p.id, name: np.name }, np.document);
    put({ kind: 'boundary', principalId: p.id }, p.permissionsBoundary);
    if (p.type === 'iam-role') put({ kind: 'trust', principalId: p.id }, p.trustPolicy);
  }
  for (const g of s.groups) for (const np of g.policies) put({ kind: 'group', groupId: g.id, name: np.name }, np.document);
  for (const m of s.managedPolicies) put({ kind: 'managed', managedPolicyId: m.id }, m.document);
  for (const r of s.resources) put({ kind: 'resource', resourceId: r.id }, r.policy);
  for (const o of s.organizations) for (const p of o.policies) put({ kind: 'org', organizationId: o.id, policyId: p.id }, p.document);
  for (const e of s.edges) put({ kind: 'session', edgeId: e.id }, e.sessionPolicy);
  return out;
}
