import { principalArn, resourceArn, ruleArn, RESOURCE_TYPES, type AccessEdge, type Scenario } from '../../model';
import type { TemplateContext, TemplateTarget } from '../policy/templates';

/** The inspector's heading: focus moves there when the keyboard creates the thing it now shows. */
export const INSPECTOR_TITLE_ID = 'inspector-title';

/** The resources some access edges reach, each once with every action asked of it, in drawing order. */
function targetsOf(s: Scenario, edges: readonly AccessEdge[]): TemplateTarget[] {
  const byId = new Map<string, { arn: string; type: string; name: string; actions: string[] }>();
  for (const e of edges) {
    const r = s.resources.find((x) => x.id === e.to);
    if (!r) continue;
    const t = byId.get(r.id) ?? { arn: resourceArn(r), type: r.type, name: r.name, actions: [] };
    for (const a of e.actions) if (!t.actions.includes(a)) t.actions.push(a);
    byId.set(r.id, t);
  }
  return [...byId.values()];
}

/**
 * What policy templates are filled in with, taken from the drawing: for a resource, the account and
 * principal that call it and the actions they ask for; for a principal, what its access edges reach (or,
 * for a session policy, what `edgeId` reaches) and the role it assumes.
 */
export function templateContext(s: Scenario, id: string, edgeId?: string): TemplateContext {
  const resource = s.resources.find((r) => r.id === id);
  const principal = s.principals.find((p) => p.id === id);
  const accountId = resource?.accountId ?? (principal && principal.type !== 'service' ? principal.accountId : s.accounts[0]?.id) ?? '111111111111';
  const orgId = s.accounts.find((a) => a.id === accountId)?.organizationId;
  const someOther = s.accounts.find((a) => a.id !== accountId)?.id;
  const principalsById = new Map(s.principals.map((p) => [p.id, p]));
  if (resource) {
    const callers = s.edges.filter((e) => e.to === id).flatMap((e) => (principalsById.get(e.from) ? [principalsById.get(e.from) as NonNullable<ReturnType<typeof principalsById.get>>] : []));
    const foreign = callers.find((p) => p.type !== 'service' && p.accountId !== accountId);
    const caller = foreign ?? callers[0];
    const rule = s.rules.find((r) => r.targets.some((t) => t.resourceId === id));
    const bus = rule ? s.resources.find((r) => r.id === rule.busId) : undefined;
    const otherAccountId = foreign && foreign.type !== 'service' ? foreign.accountId : someOther;
    // The actions drawn into this resource from the other account, and from the caller a grant would name;
    // the type's common ones until an edge is drawn.
    const into = s.edges.filter((e): e is AccessEdge => e.kind === 'access' && e.to === id);
    const accountOf = (pid: string): string | undefined => {
      const p = principalsById.get(pid);
      return p && p.type !== 'service' ? p.accountId : undefined;
    };
    const actions = [...new Set(into.filter((e) => otherAccountId !== undefined && accountOf(e.from) === otherAccountId).flatMap((e) => e.actions))];
    const principalActions = [...new Set(into.filter((e) => caller !== undefined && e.from === caller.id).flatMap((e) => e.actions))];
    return {
      accountId,
      resourceArn: resourceArn(resource),
      resourceType: resource.type,
      resourceName: resource.name,
      actions: actions.length > 0 ? actions : RESOURCE_TYPES[resource.type].commonActions,
      ...(principalActions.length > 0 ? { principalActions } : {}),
      ...(otherAccountId ? { otherAccountId } : {}),
      ...(caller && caller.type !== 'service' ? { principalArn: principalArn(caller) } : {}),
      ...(rule && bus ? { ruleArn: ruleArn(rule, bus) } : {}),
      ...(orgId ? { orgId } : {}),
    };
  }
  if (principal) {
    const out = s.edges.filter((e) => e.from === id);
    const accessEdges = out.filter((e): e is AccessEdge => e.kind === 'access' && (edgeId === undefined || e.id === edgeId));
    const targets = targetsOf(s, accessEdges);
    const access = accessEdges[0];
    const target = access ? s.resources.find((r) => r.id === access.to) : undefined;
    const assumed = out.find((e) => e.kind === 'assume');
    const role = assumed ? principalsById.get(assumed.to) : undefined;
    // For a role's trust policy: who assumes it.
    const assumer = s.edges.filter((e) => e.kind === 'assume' && e.to === id).map((e) => principalsById.get(e.from)).find((p) => p !== undefined);
    const otherAccountId = assumer && assumer.type !== 'service' && assumer.accountId !== accountId ? assumer.accountId : (target && target.accountId !== accountId ? target.accountId : someOther);
    return {
      accountId,
      ...(target ? { resourceArn: resourceArn(target), resourceType: target.type, resourceName: target.name } : {}),
      ...(access ? { actions: access.actions } : {}),
      ...(targets.length > 0 ? { targets } : {}),
      ...(role ? { roleArn: principalArn(role) } : {}),
      ...(assumer ? { principalArn: principalArn(assumer) } : {}),
      ...(otherAccountId ? { otherAccountId } : {}),
      ...(orgId ? { orgId } : {}),
    };
  }
  return { accountId, ...(someOther ? { otherAccountId: someOther } : {}), ...(orgId ? { orgId } : {}) };
}
