import type { OrgPolicy, Scenario } from '../model';

/** Changes the targets of one organization policy; the same scenario back when nothing changes. */
export function updateOrganizationPolicyTargets(s: Scenario, orgId: string, policyId: string, f: (targets: readonly string[]) => string[]): Scenario {
  let changed = false;
  const organizations = s.organizations.map((o) => {
    if (o.id !== orgId) return o;
    const policies = o.policies.map((p): OrgPolicy => {
      if (p.id !== policyId) return p;
      const next = f(p.targets);
      if (next.length === p.targets.length && next.every((t, i) => t === p.targets[i])) return p;
      changed = true;
      return { ...p, targets: next };
    });
    return changed ? { ...o, policies } : o;
  });
  return changed ? { ...s, organizations } : s;
}
