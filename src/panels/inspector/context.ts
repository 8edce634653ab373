import { principalArn, resourceArn, ruleArn, RESOURCE_TYPES, type Scenario } from '../../model';
import type { TemplateContext } from '../policy/templates';

/** The inspector's heading: focus moves there when the keyboard creates the thing it now shows. */
export const INSPECTOR_TITLE_ID = 'inspector-title';

/**
 * What policy templates are filled in with, taken from the drawing: for a resource, the account and
 * principal that call it; for a principal, what it calls and the role it assumes.
 */
export function templateContext(s: Scenario, id: string): TemplateContext {
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
    return {
      accountId,
      resourceArn: resourceArn(resource),
      resourceType: resource.type,
      actions: RESOURCE_TYPES[resource.type].commonActions,
      ...(otherAccountId ? { otherAccountId } : {}),
      ...(caller && caller.type !== 'service' ? { principalArn: principalArn(caller) } : {}),
      ...(rule && bus ? { ruleArn: ruleArn(rule, bus) } : {}),
      ...(orgId ? { orgId } : {}),
    };
  }
  if (principal) {
    const out = s.edges.filter((e) => e.from === id);
    const access = out.find((e) => e.kind === 'access');
    const target = access ? s.resources.find((r) => r.id === access.to) : undefined;
    const assumed = out.find((e) => e.kind === 'assume');
    const role = assumed ? principalsById.get(assumed.to) : undefined;
    // For a role's trust policy: who assumes it.
    const assumer = s.edges.filter((e) => e.kind === 'assume' && e.to === id).map((e) => principalsById.get(e.from)).find((p) => p !== undefined);
    const otherAccountId = assumer && assumer.type !== 'service' && assumer.accountId !== accountId ? assumer.accountId : (target && target.accountId !== accountId ? target.accountId : someOther);
    return {
      accountId,
      ...(target ? { resourceArn: resourceArn(target), resourceType: target.type } : {}),
      ...(access && access.kind === 'access' ? { actions: access.actions } : {}),
      ...(role ? { roleArn: principalArn(role) } : {}),
      ...(assumer ? { principalArn: principalArn(assumer) } : {}),
      ...(otherAccountId ? { otherAccountId } : {}),
      ...(orgId ? { orgId } : {}),
    };
  }
  return { accountId, ...(someOther ? { otherAccountId: someOther } : {}), ...(orgId ? { orgId } : {}) };
}
