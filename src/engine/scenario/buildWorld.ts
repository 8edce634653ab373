import type { Account, Organization, Principal, Resource, Scenario } from '../../model';
import { principalArn, resourceArn } from '../../model';
import { RESOURCE_TYPES } from '../../model';
import { sourced } from '../policy/normalize';
import type { SourcedPolicy } from '../policy/types';
import type { OrganizationEntity, OrgLevel, PrincipalEntity, ResourceEntity, World } from '../world';

/** The engine's world for a scenario, plus the lookups request building needs. */
export interface ScenarioWorld extends World {
  readonly principalsById: ReadonlyMap<string, { readonly model: Principal; readonly entity: PrincipalEntity }>;
  readonly resourcesById: ReadonlyMap<string, { readonly model: Resource; readonly entity: ResourceEntity }>;
  readonly accountsById: ReadonlyMap<string, Account>;
  readonly orgsById: ReadonlyMap<string, Organization>;
}

function principalEntity(p: Principal): PrincipalEntity {
  const arn = principalArn(p);
  switch (p.type) {
    case 'service':
      return { arn, type: 'service', label: p.service, nodeId: p.id, identityPolicies: [], tags: {} };
    case 'account-root':
      return { arn, type: 'root', account: p.accountId, label: p.name || `root of ${p.accountId}`, nodeId: p.id, identityPolicies: [], tags: p.tags };
    case 'iam-user':
    case 'iam-role': {
      const identityPolicies: SourcedPolicy[] = p.policies.map((np) => sourced(np.document, { kind: 'identity', ownerId: p.id, name: np.name }));
      return {
        arn,
        type: p.type === 'iam-user' ? 'user' : 'role',
        account: p.accountId,
        label: p.name,
        nodeId: p.id,
        identityPolicies,
        ...(p.permissionsBoundary ? { permissionsBoundary: sourced(p.permissionsBoundary, { kind: 'boundary', ownerId: p.id, name: 'Permissions boundary' }) } : {}),
        ...(p.type === 'iam-role' ? { trustPolicy: sourced(p.trustPolicy, { kind: 'trust', ownerId: p.id, name: 'Trust policy' }), roleArn: arn } : {}),
        tags: p.tags,
      };
    }
  }
}

function resourceEntity(r: Resource): ResourceEntity {
  const info = RESOURCE_TYPES[r.type];
  const flavor = r.type === 'kms-key' ? 'key' : 'resource';
  const policyName = info.policyName ?? 'Resource policy';
  return {
    arn: resourceArn(r),
    type: r.type,
    account: r.accountId,
    label: r.name,
    nodeId: r.id,
    ...(r.policy ? { resourcePolicy: sourced(r.policy, { kind: flavor, ownerId: r.id, name: policyName }) } : {}),
    flavor,
    policyName,
  };
}

/** The OU path from the root down to `parentId` (root first). */
function ouPath(org: Organization, parentId: string | undefined): string[] {
  const path: string[] = [];
  const seen = new Set<string>();
  let current = parentId;
  while (current && current !== org.rootId && !seen.has(current)) {
    seen.add(current);
    path.unshift(current);
    current = org.ous.find((ou) => ou.id === current)?.parentId;
  }
  return path;
}

function organizationEntity(org: Organization, accounts: readonly Account[]): OrganizationEntity {
  const members = accounts.filter((a) => a.organizationId === org.id);
  const cache = new Map<string, OrgLevel[]>();
  const levels = (type: 'scp' | 'rcp', account: string): OrgLevel[] => {
    const key = `${type}:${account}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const acct = members.find((a) => a.id === account);
    const targets = [org.rootId, ...ouPath(org, acct?.parentId), account];
    const result = targets.map((target): OrgLevel => ({
      target: target === org.rootId ? 'root' : target,
      label: target === org.rootId ? 'root' : target === account ? `account ${account}` : `OU ${org.ous.find((o) => o.id === target)?.name ?? target}`,
      policies: org.policies
        .filter((p) => p.type === type && p.targets.includes(target))
        .map((p) => sourced(p.document, { kind: type, ownerId: p.id, name: p.name, target: target === org.rootId ? 'root' : target })),
    }));
    cache.set(key, result);
    return result;
  };
  return {
    id: org.id,
    managementAccount: org.managementAccountId,
    accounts: new Set(members.map((a) => a.id)),
    scpEnabled: org.policies.some((p) => p.type === 'scp'),
    rcpEnabled: org.policies.some((p) => p.type === 'rcp'),
    scpLevels: (account) => levels('scp', account),
    rcpLevels: (account) => levels('rcp', account),
  };
}

/** Translates a scenario into the engine's world. Policy normalization is cached per document object. */
export function buildWorld(scenario: Scenario): ScenarioWorld {
  const principalsById = new Map<string, { model: Principal; entity: PrincipalEntity }>();
  const byArn = new Map<string, PrincipalEntity>();
  const rolesByName = new Map<string, PrincipalEntity>();
  for (const p of scenario.principals) {
    const entity = principalEntity(p);
    principalsById.set(p.id, { model: p, entity });
    byArn.set(entity.arn, entity);
    if (p.type === 'iam-role') rolesByName.set(`${p.accountId}/${p.name}`, entity);
  }
  const resourcesById = new Map<string, { model: Resource; entity: ResourceEntity }>();
  const resourcesByArn = new Map<string, ResourceEntity>();
  for (const r of scenario.resources) {
    const entity = resourceEntity(r);
    resourcesById.set(r.id, { model: r, entity });
    resourcesByArn.set(entity.arn, entity);
  }
  const accountsById = new Map(scenario.accounts.map((a) => [a.id, a]));
  const orgsById = new Map(scenario.organizations.map((o) => [o.id, o]));
  const orgEntities = new Map(scenario.organizations.map((o) => [o.id, organizationEntity(o, scenario.accounts)]));
  return {
    principalsById,
    resourcesById,
    accountsById,
    orgsById,
    principal: (arn) => byArn.get(arn),
    resource: (arn) => resourcesByArn.get(arn),
    organizationOf: (account) => {
      const orgId = accountsById.get(account)?.organizationId;
      return orgId ? orgEntities.get(orgId) : undefined;
    },
    roleByName: (account, name) => rolesByName.get(`${account}/${name}`),
  };
}
