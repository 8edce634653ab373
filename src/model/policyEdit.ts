import type { NamedPolicy, OrgPolicy, PolicyDocument, Scenario } from './schema';

/**
 * Where a policy document lives in a scenario, addressed so that a proposed change (a fix for a denied edge,
 * a least-privilege policy, ...) can be checked against what is there now and applied as one pure edit.
 * Every policy of the model has exactly one address.
 */
export type PolicyAddress =
  /** An inline identity policy of a user or role, by name (absent before a change that creates it). */
  | { readonly kind: 'inline'; readonly principalId: string; readonly name: string }
  /** The inline permissions boundary document of a user or role. */
  | { readonly kind: 'boundary'; readonly principalId: string }
  /** A role's trust policy. */
  | { readonly kind: 'trust'; readonly principalId: string }
  /** An inline policy of an IAM group. */
  | { readonly kind: 'group'; readonly groupId: string; readonly name: string }
  /** A managed policy (customer or AWS managed): every user, group and role it is attached to follows. */
  | { readonly kind: 'managed'; readonly managedPolicyId: string }
  /** The resource-based policy of a resource (the key policy of a KMS key). */
  | { readonly kind: 'resource'; readonly resourceId: string }
  /** An SCP or RCP of an organization. */
  | { readonly kind: 'org'; readonly organizationId: string; readonly policyId: string }
  /** The session policy of an access or AssumeRole edge. */
  | { readonly kind: 'session'; readonly edgeId: string };

/** A stable string for an address (a map key; equal addresses give equal keys). */
export function addressKey(a: PolicyAddress): string {
  switch (a.kind) {
    case 'inline':
      return `inline:${a.principalId}:${a.name}`;
    case 'boundary':
    case 'trust':
      return `${a.kind}:${a.principalId}`;
    case 'group':
      return `group:${a.groupId}:${a.name}`;
    case 'managed':
      return `managed:${a.managedPolicyId}`;
    case 'resource':
      return `resource:${a.resourceId}`;
    case 'org':
      return `org:${a.organizationId}:${a.policyId}`;
    case 'session':
      return `session:${a.edgeId}`;
  }
}

/** The document at `address`, or undefined when there is none (no such policy, no resource policy yet). */
export function policyAt(s: Scenario, address: PolicyAddress): PolicyDocument | undefined {
  switch (address.kind) {
    case 'inline': {
      const p = s.principals.find((x) => x.id === address.principalId);
      return p && (p.type === 'iam-user' || p.type === 'iam-role') ? p.policies.find((np) => np.name === address.name)?.document : undefined;
    }
    case 'boundary': {
      const p = s.principals.find((x) => x.id === address.principalId);
      return p && (p.type === 'iam-user' || p.type === 'iam-role') ? p.permissionsBoundary : undefined;
    }
    case 'trust': {
      const p = s.principals.find((x) => x.id === address.principalId);
      return p?.type === 'iam-role' ? p.trustPolicy : undefined;
    }
    case 'group':
      return s.groups.find((g) => g.id === address.groupId)?.policies.find((np) => np.name === address.name)?.document;
    case 'managed':
      return s.managedPolicies.find((m) => m.id === address.managedPolicyId)?.document;
    case 'resource':
      return s.resources.find((r) => r.id === address.resourceId)?.policy;
    case 'org':
      return s.organizations.find((o) => o.id === address.organizationId)?.policies.find((p) => p.id === address.policyId)?.document;
    case 'session':
      return s.edges.find((e) => e.id === address.edgeId)?.sessionPolicy;
  }
}

/** Replaces a named policy in a list, appends it when absent, or removes it (`doc` undefined). */
function setNamed(list: readonly NamedPolicy[], name: string, doc: PolicyDocument | undefined): NamedPolicy[] {
  const at = list.findIndex((np) => np.name === name);
  if (doc === undefined) return list.filter((np) => np.name !== name);
  if (at < 0) return [...list, { name, document: doc }];
  return list.map((np, i) => (i === at ? { ...np, document: doc } : np));
}

/**
 * Sets (or, with `doc` undefined, removes) the document at `address`. Returns undefined when the address
 * names nothing in `s` (an entity deleted since the change was proposed). Every other object is shared.
 */
export function setPolicyAt(s: Scenario, address: PolicyAddress, doc: PolicyDocument | undefined): Scenario | undefined {
  switch (address.kind) {
    case 'inline':
    case 'boundary':
    case 'trust': {
      const p = s.principals.find((x) => x.id === address.principalId);
      if (!p || (p.type !== 'iam-user' && p.type !== 'iam-role')) return undefined;
      let next: typeof p;
      if (address.kind === 'inline') next = { ...p, policies: setNamed(p.policies, address.name, doc) };
      else if (address.kind === 'boundary') {
        const { permissionsBoundary: _old, ...rest } = p;
        next = doc === undefined ? rest : { ...rest, permissionsBoundary: doc };
      } else {
        if (p.type !== 'iam-role' || doc === undefined) return undefined;
        next = { ...p, trustPolicy: doc };
      }
      return { ...s, principals: s.principals.map((x) => (x === p ? next : x)) };
    }
    case 'group': {
      const g = s.groups.find((x) => x.id === address.groupId);
      if (!g) return undefined;
      const next = { ...g, policies: setNamed(g.policies, address.name, doc) };
      return { ...s, groups: s.groups.map((x) => (x === g ? next : x)) };
    }
    case 'managed': {
      const m = s.managedPolicies.find((x) => x.id === address.managedPolicyId);
      if (!m || doc === undefined) return undefined;
      return { ...s, managedPolicies: s.managedPolicies.map((x) => (x === m ? { ...m, document: doc } : x)) };
    }
    case 'resource': {
      const r = s.resources.find((x) => x.id === address.resourceId);
      if (!r) return undefined;
      const { policy: _old, ...rest } = r;
      const next = doc === undefined ? rest : { ...rest, policy: doc };
      return { ...s, resources: s.resources.map((x) => (x === r ? next : x)) };
    }
    case 'org': {
      const o = s.organizations.find((x) => x.id === address.organizationId);
      const p = o?.policies.find((x) => x.id === address.policyId);
      if (!o || !p || doc === undefined) return undefined;
      const next = { ...o, policies: o.policies.map((x) => (x === p ? { ...p, document: doc } : x)) };
      return { ...s, organizations: s.organizations.map((x) => (x === o ? next : x)) };
    }
    case 'session': {
      const e = s.edges.find((x) => x.id === address.edgeId);
      if (!e) return undefined;
      const { sessionPolicy: _old, ...rest } = e;
      const next = doc === undefined ? rest : { ...rest, sessionPolicy: doc };
      return { ...s, edges: s.edges.map((x) => (x === e ? next : x)) };
    }
  }
}

/**
 * One change a proposal makes, with what it expects to find, so applying it never overwrites work done
 * since it was proposed.
 *
 * - `policy`: the document at `address` goes from `before` (undefined: there was none) to `after`
 *   (undefined: removed).
 * - `attach-org-policy`: an SCP/RCP is attached to one more target (root, OU or account).
 * - `add-org-policy`: a new SCP/RCP is added to an organization (with its attachments).
 * - `identity`: a user's or role's inline policies and managed policy attachments are replaced at once
 *   (least privilege).
 */
export type ScenarioChange =
  | { readonly type: 'policy'; readonly address: PolicyAddress; readonly before: PolicyDocument | undefined; readonly after: PolicyDocument | undefined }
  | { readonly type: 'attach-org-policy'; readonly organizationId: string; readonly policyId: string; readonly target: string }
  | { readonly type: 'add-org-policy'; readonly organizationId: string; readonly policy: OrgPolicy }
  | {
      readonly type: 'identity';
      readonly principalId: string;
      readonly before: { readonly policies: readonly NamedPolicy[]; readonly managedPolicyIds: readonly string[] };
      readonly after: { readonly policies: readonly NamedPolicy[]; readonly managedPolicyIds: readonly string[] };
    };

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Applies changes in order, as one edit. Refuses (with the reason) when something a change expects is no
 * longer there as it was: the policy was edited, or its owner deleted, since the change was proposed.
 */
export function applyChanges(s: Scenario, changes: readonly ScenarioChange[]): { readonly scenario: Scenario } | { readonly error: string } {
  let next = s;
  for (const c of changes) {
    if (c.type === 'policy') {
      if (!same(policyAt(next, c.address), c.before)) return { error: 'The policy has changed since this was proposed: look at the proposals again.' };
      const applied = setPolicyAt(next, c.address, c.after);
      if (!applied) return { error: 'What this change edits is no longer in the scenario.' };
      next = applied;
    } else if (c.type === 'attach-org-policy') {
      const o = next.organizations.find((x) => x.id === c.organizationId);
      const p = o?.policies.find((x) => x.id === c.policyId);
      if (!o || !p) return { error: 'The organization policy is no longer in the scenario.' };
      if (p.targets.includes(c.target)) continue;
      const org = { ...o, policies: o.policies.map((x) => (x === p ? { ...p, targets: [...p.targets, c.target] } : x)) };
      next = { ...next, organizations: next.organizations.map((x) => (x === o ? org : x)) };
    } else if (c.type === 'add-org-policy') {
      const o = next.organizations.find((x) => x.id === c.organizationId);
      if (!o) return { error: 'The organization is no longer in the scenario.' };
      if (o.policies.some((x) => x.id === c.policy.id)) return { error: 'The organization already has a policy with that id: look again.' };
      const org = { ...o, policies: [...o.policies, c.policy] };
      next = { ...next, organizations: next.organizations.map((x) => (x === o ? org : x)) };
    } else {
      const p = next.principals.find((x) => x.id === c.principalId);
      if (!p || (p.type !== 'iam-user' && p.type !== 'iam-role')) return { error: 'The principal is no longer in the scenario.' };
      if (!same({ policies: p.policies, managedPolicyIds: p.managedPolicyIds ?? [] }, c.before)) return { error: 'The principal’s policies have changed since this was proposed: look again.' };
      const { managedPolicyIds: _m, ...rest } = p;
      const updated = { ...rest, policies: [...c.after.policies], ...(c.after.managedPolicyIds.length > 0 ? { managedPolicyIds: [...c.after.managedPolicyIds] } : {}) };
      next = { ...next, principals: next.principals.map((x) => (x === p ? updated : x)) };
    }
  }
  return { scenario: next };
}
