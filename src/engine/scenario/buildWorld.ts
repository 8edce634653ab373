import type { Account, Organization, Principal, Resource, Scenario } from '../../model';
import { principalArn, resourceArn } from '../../model';
import { RESOURCE_TYPES } from '../../model';
import { expandExecuteApiShorthand } from '../policy/executeApi';
import { sourced } from '../policy/normalize';
import type { SourcedPolicy } from '../policy/types';
import { principalEntity as makePrincipal, resourceEntity as makeResource } from '../entities';
import type { OrganizationEntity, OrgLevel, PrincipalEntity, ResourceEntity, World } from '../world';

/** The engine's world for a scenario, plus the lookups request building needs. */
export interface ScenarioWorld extends World {
  readonly principalsById: ReadonlyMap<string, { readonly model: Principal; readonly entity: PrincipalEntity }>;
  readonly resourcesById: ReadonlyMap<string, { readonly model: Resource; readonly entity: ResourceEntity }>;
  readonly accountsById: ReadonlyMap<string, Account>;
  readonly orgsById: ReadonlyMap<string, Organization>;
  /** The organization entities, by organization id. */
  readonly orgEntities: ReadonlyMap<string, OrganizationEntity>;
  /** The scenario arrays the world was built from (compared by reference on rebuild). */
  readonly accounts: readonly Account[];
  readonly principalList: readonly Principal[];
  readonly resourceList: readonly Resource[];
  readonly byArn: ReadonlyMap<string, PrincipalEntity>;
  readonly rolesByName: ReadonlyMap<string, PrincipalEntity>;
  readonly resourcesByArn: ReadonlyMap<string, ResourceEntity>;
  /** No two resources share an ARN: a resource's ARN resolves to its own entity. */
  readonly resourceArnsUnique: boolean;
}

type PrincipalEntry = { readonly model: Principal; readonly entity: PrincipalEntity };
type ResourceEntry = { readonly model: Resource; readonly entity: ResourceEntity };

/**
 * The principal lookups. With a previous world whose principal list has the same ids in the same order,
 * its maps are copied and only the changed principals are patched in.
 */
function principalMaps(list: readonly Principal[], previous: ScenarioWorld | undefined) {
  if (previous && previous.principalList === list) {
    return { principalsById: previous.principalsById, byArn: previous.byArn, rolesByName: previous.rolesByName };
  }
  const roleKey = (p: Principal): string | undefined => (p.type === 'iam-role' ? `${p.accountId}/${p.name}` : undefined);
  const prevList = previous?.principalList;
  if (previous && prevList && prevList.length === list.length && list.every((p, i) => p.id === prevList[i]?.id)) {
    const principalsById = new Map(previous.principalsById as ReadonlyMap<string, PrincipalEntry>);
    const byArn = new Map(previous.byArn);
    const rolesByName = new Map(previous.rolesByName);
    for (let i = 0; i < list.length; i++) {
      const p = list[i] as Principal;
      const old = prevList[i] as Principal;
      if (p === old) continue;
      const before = principalsById.get(old.id);
      if (before) {
        if (byArn.get(before.entity.arn) === before.entity) byArn.delete(before.entity.arn);
        const k = roleKey(old);
        if (k !== undefined && rolesByName.get(k) === before.entity) rolesByName.delete(k);
      }
      const entry = { model: p, entity: principalEntity(p) };
      principalsById.set(p.id, entry);
      byArn.set(entry.entity.arn, entry.entity);
      const k = roleKey(p);
      if (k !== undefined) rolesByName.set(k, entry.entity);
    }
    return { principalsById, byArn, rolesByName };
  }
  const principalsById = new Map<string, PrincipalEntry>();
  const byArn = new Map<string, PrincipalEntity>();
  const rolesByName = new Map<string, PrincipalEntity>();
  for (const p of list) {
    const before = previous?.principalsById.get(p.id);
    const entry = before && before.model === p ? before : { model: p, entity: principalEntity(p) };
    principalsById.set(p.id, entry);
    byArn.set(entry.entity.arn, entry.entity);
    const k = roleKey(p);
    if (k !== undefined) rolesByName.set(k, entry.entity);
  }
  return { principalsById, byArn, rolesByName };
}

/** The resource lookups, built the same way as the principal lookups. */
function resourceMaps(list: readonly Resource[], previous: ScenarioWorld | undefined) {
  if (previous && previous.resourceList === list) return { resourcesById: previous.resourcesById, resourcesByArn: previous.resourcesByArn };
  const prevList = previous?.resourceList;
  if (previous && prevList && prevList.length === list.length && list.every((r, i) => r.id === prevList[i]?.id)) {
    const resourcesById = new Map(previous.resourcesById as ReadonlyMap<string, ResourceEntry>);
    const resourcesByArn = new Map(previous.resourcesByArn);
    for (let i = 0; i < list.length; i++) {
      const r = list[i] as Resource;
      const old = prevList[i] as Resource;
      if (r === old) continue;
      const before = resourcesById.get(old.id);
      if (before && resourcesByArn.get(before.entity.arn) === before.entity) resourcesByArn.delete(before.entity.arn);
      const entry = { model: r, entity: resourceEntity(r) };
      resourcesById.set(r.id, entry);
      resourcesByArn.set(entry.entity.arn, entry.entity);
    }
    return { resourcesById, resourcesByArn };
  }
  const resourcesById = new Map<string, ResourceEntry>();
  const resourcesByArn = new Map<string, ResourceEntity>();
  for (const r of list) {
    const before = previous?.resourcesById.get(r.id);
    const entry = before && before.model === r ? before : { model: r, entity: resourceEntity(r) };
    resourcesById.set(r.id, entry);
    resourcesByArn.set(entry.entity.arn, entry.entity);
  }
  return { resourcesById, resourcesByArn };
}

function principalEntity(p: Principal): PrincipalEntity {
  const arn = principalArn(p);
  switch (p.type) {
    case 'service':
      return makePrincipal({ arn, type: 'service', label: p.service, nodeId: p.id, identityPolicies: [], tags: {} });
    case 'account-root':
      return makePrincipal({ arn, type: 'root', account: p.accountId, label: p.name || `root of ${p.accountId}`, nodeId: p.id, identityPolicies: [], tags: p.tags });
    case 'iam-user':
    case 'iam-role': {
      const identityPolicies: SourcedPolicy[] = p.policies.map((np) => sourced(np.document, { kind: 'identity', ownerId: p.id, name: np.name }));
      return makePrincipal({
        arn,
        type: p.type === 'iam-user' ? 'user' : 'role',
        account: p.accountId,
        label: p.name,
        nodeId: p.id,
        identityPolicies,
        permissionsBoundary: p.permissionsBoundary ? sourced(p.permissionsBoundary, { kind: 'boundary', ownerId: p.id, name: 'Permissions boundary' }) : undefined,
        trustPolicy: p.type === 'iam-role' ? sourced(p.trustPolicy, { kind: 'trust', ownerId: p.id, name: 'Trust policy' }) : undefined,
        tags: p.tags,
        roleArn: p.type === 'iam-role' ? arn : undefined,
      });
    }
  }
}

function resourceEntity(r: Resource): ResourceEntity {
  const info = RESOURCE_TYPES[r.type];
  const flavor = r.type === 'kms-key' ? 'key' : 'resource';
  const policyName = info.policyName ?? 'Resource policy';
  const arn = resourceArn(r);
  // An API's policy may write its resources as execute-api:/… (API Gateway expands them on save).
  const document = r.policy && r.type === 'apigateway-rest-api' ? expandExecuteApiShorthand(r.policy, arn) : r.policy;
  return makeResource({
    arn,
    type: r.type,
    account: r.accountId,
    label: r.name,
    nodeId: r.id,
    resourcePolicy: document ? sourced(document, { kind: flavor, ownerId: r.id, name: policyName }) : undefined,
    flavor,
    policyName,
  });
}

/** The OU path from the root down to `parentId` (root first). */
export function ouPath(org: Organization, parentId: string | undefined): string[] {
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

/**
 * The AWS Organizations entity path of an account's parent: `o-id/r-root/ou-1/ou-2/`, the value of
 * `aws:PrincipalOrgPaths` / `aws:ResourceOrgPaths` ("o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/",
 * IAM User Guide, "AWS global condition context keys":
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgpaths).
 */
export function orgPathOf(org: Organization, parentId: string | undefined): string {
  return `${[org.id, org.rootId, ...ouPath(org, parentId)].join('/')}/`;
}

function organizationEntity(org: Organization, accounts: readonly Account[]): OrganizationEntity {
  const members = accounts.filter((a) => a.organizationId === org.id);
  // Levels per account, one map per policy type: looked up for every request, so no key is built. The root
  // and OU levels are the same objects in every account's list.
  const caches = { scp: new Map<string, readonly OrgLevel[]>(), rcp: new Map<string, readonly OrgLevel[]>() };
  const shared = { scp: new Map<string, OrgLevel>(), rcp: new Map<string, OrgLevel>() };
  const level = (type: 'scp' | 'rcp', target: string, label: string): OrgLevel => {
    const name = target === org.rootId ? 'root' : target;
    return {
      target: name,
      label,
      policies: org.policies.filter((p) => p.type === type && p.targets.includes(target)).map((p) => sourced(p.document, { kind: type, ownerId: p.id, name: p.name, target: name })),
    };
  };
  const sharedLevel = (type: 'scp' | 'rcp', target: string): OrgLevel => {
    let l = shared[type].get(target);
    if (!l) {
      l = level(type, target, target === org.rootId ? 'root' : `OU ${org.ous.find((o) => o.id === target)?.name ?? target}`);
      shared[type].set(target, l);
    }
    return l;
  };
  const levels = (type: 'scp' | 'rcp', account: string): readonly OrgLevel[] => {
    const cache = caches[type];
    const hit = cache.get(account);
    if (hit) return hit;
    const acct = members.find((a) => a.id === account);
    const result = [org.rootId, ...ouPath(org, acct?.parentId)].map((target) => (target === account ? level(type, target, `account ${account}`) : sharedLevel(type, target)));
    result.push(level(type, account, account === org.rootId ? 'root' : `account ${account}`));
    cache.set(account, result);
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

/**
 * Translates a scenario into the engine's world. Policy normalization is cached per document object, and
 * with `previous` the entities of unchanged principals, resources and organizations (same objects) are
 * reused, so a one-policy edit rebuilds almost nothing.
 */
export function buildWorld(scenario: Scenario, previous?: ScenarioWorld): ScenarioWorld {
  const { principalsById, byArn, rolesByName } = principalMaps(scenario.principals, previous);
  const { resourcesById, resourcesByArn } = resourceMaps(scenario.resources, previous);
  const accountsById = new Map(scenario.accounts.map((a) => [a.id, a]));
  const orgsById = new Map(scenario.organizations.map((o) => [o.id, o]));
  // An organization entity depends on the organization and on the accounts (membership, OU placement).
  const sameAccounts = previous !== undefined && previous.accounts === scenario.accounts;
  const orgEntities = new Map(
    scenario.organizations.map((o) => {
      const before = sameAccounts && previous.orgsById.get(o.id) === o ? previous.orgEntities.get(o.id) : undefined;
      return [o.id, before ?? organizationEntity(o, scenario.accounts)];
    }),
  );
  return {
    principalList: scenario.principals,
    resourceList: scenario.resources,
    byArn,
    rolesByName,
    resourcesByArn,
    resourceArnsUnique: resourcesByArn.size === resourcesById.size,
    principalsById,
    resourcesById,
    accountsById,
    orgsById,
    orgEntities,
    accounts: scenario.accounts,
    principal: (arn) => byArn.get(arn),
    resource: (arn) => resourcesByArn.get(arn),
    organizationOf: (account) => {
      const orgId = accountsById.get(account)?.organizationId;
      return orgId ? orgEntities.get(orgId) : undefined;
    },
    roleByName: (account, name) => rolesByName.get(`${account}/${name}`),
  };
}
