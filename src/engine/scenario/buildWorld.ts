import type { Account, IamGroup, ManagedPolicy, Organization, Principal, Resource, Scenario } from '../../model';
import { managedPolicyArn, principalArn, resourceArn } from '../../model';
import { RESOURCE_TYPES } from '../../model';
import { expandExecuteApiShorthand } from '../policy/executeApi';
import { sourced } from '../policy/normalize';
import type { SourcedPolicy } from '../policy/types';
import { principalEntity as makePrincipal, resourceEntity as makeResource } from '../entities';
import { derivedEntities, type OrganizationEntity, type OrgLevel, type PrincipalEntity, type ResourceEntity, type World } from '../world';

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
  readonly groupList: readonly IamGroup[];
  readonly managedList: readonly ManagedPolicy[];
  /**
   * Principals whose entity was rebuilt although their own object is unchanged, because a group they are in
   * or a managed policy attached to them (directly or through a group) changed.
   */
  readonly relinked: readonly string[];
  readonly byArn: ReadonlyMap<string, PrincipalEntity>;
  readonly rolesByName: ReadonlyMap<string, PrincipalEntity>;
  readonly resourcesByArn: ReadonlyMap<string, ResourceEntity>;
  /** No two resources share an ARN: a resource's ARN resolves to its own entity. */
  readonly resourceArnsUnique: boolean;
}

type PrincipalEntry = { readonly model: Principal; readonly entity: PrincipalEntity };
type ResourceEntry = { readonly model: Resource; readonly entity: ResourceEntity };

/** Groups and managed policies by id: where a principal's attached and inherited policies come from. */
interface Links {
  readonly groups: ReadonlyMap<string, IamGroup>;
  readonly managed: ReadonlyMap<string, ManagedPolicy>;
}

/** The ids of items that are new, gone or changed (by object) between two lists. */
function changedItems<T extends { readonly id: string }>(before: readonly T[], after: readonly T[]): Set<string> {
  const out = new Set<string>();
  if (before === after) return out;
  const old = new Map(before.map((x) => [x.id, x]));
  for (const x of after) {
    if (old.get(x.id) !== x) out.add(x.id);
    old.delete(x.id);
  }
  for (const id of old.keys()) out.add(id);
  return out;
}

/**
 * The principals whose inherited policies changed: attached to a changed managed policy (directly, as a
 * boundary, or through a group), or members of a changed group.
 */
function relinkedPrincipals(list: readonly Principal[], previous: ScenarioWorld | undefined, groups: readonly IamGroup[], managed: readonly ManagedPolicy[]): string[] {
  if (!previous || (previous.groupList === groups && previous.managedList === managed)) return [];
  const changedManaged = changedItems(previous.managedList, managed);
  const changedGroups = changedItems(previous.groupList, groups);
  for (const g of [...groups, ...previous.groupList]) if (g.managedPolicyIds?.some((id) => changedManaged.has(id))) changedGroups.add(g.id);
  const out: string[] = [];
  for (const p of list) {
    if (p.type !== 'iam-user' && p.type !== 'iam-role') continue;
    const hit =
      (p.boundaryPolicyId !== undefined && changedManaged.has(p.boundaryPolicyId)) ||
      (p.managedPolicyIds?.some((id) => changedManaged.has(id)) ?? false) ||
      (p.type === 'iam-user' && (p.groupIds?.some((id) => changedGroups.has(id)) ?? false));
    if (hit) out.push(p.id);
  }
  return out;
}

/**
 * The principal lookups. With a previous world whose principal list has the same ids in the same order,
 * its maps are copied and only the changed principals (and the `relinked` ones) are patched in.
 */
function principalMaps(list: readonly Principal[], previous: ScenarioWorld | undefined, links: Links, relinked: ReadonlySet<string>) {
  if (previous && previous.principalList === list && relinked.size === 0) {
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
      if (p === old && !relinked.has(p.id)) continue;
      const before = principalsById.get(old.id);
      if (before) {
        if (byArn.get(before.entity.arn) === before.entity) byArn.delete(before.entity.arn);
        const k = roleKey(old);
        if (k !== undefined && rolesByName.get(k) === before.entity) rolesByName.delete(k);
      }
      const entry = { model: p, entity: principalEntity(p, links) };
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
    const entry = before && before.model === p && !relinked.has(p.id) ? before : { model: p, entity: principalEntity(p, links) };
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

/**
 * A user's or role's identity policies, in the order IAM lists them: its inline policies, the managed
 * policies attached to it, then for a user each group's inline and managed policies. A group's policies are
 * identity policies of each member (IAM User Guide, "IAM user groups":
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html). A managed policy reaching the principal
 * twice (attached directly and through a group, or through two groups) is evaluated once: the set of
 * policies is what counts (IAM User Guide, "Policy evaluation logic").
 */
function identityPolicies(p: Extract<Principal, { type: 'iam-user' | 'iam-role' }>, links: Links): SourcedPolicy[] {
  const out: SourcedPolicy[] = p.policies.map((np) => sourced(np.document, { kind: 'identity', ownerId: p.id, name: np.name }));
  const seen = new Set<string>();
  const attach = (ids: readonly string[] | undefined, via: { groupId: string; groupName: string } | undefined): void => {
    for (const id of ids ?? []) {
      const m = links.managed.get(id);
      if (!m || seen.has(id)) continue;
      seen.add(id);
      out.push(sourced(m.document, { kind: 'identity', ownerId: m.id, name: m.name, managed: { arn: managedPolicyArn(m), aws: m.accountId === undefined }, ...(via ? { via } : {}) }));
    }
  };
  attach(p.managedPolicyIds, undefined);
  if (p.type === 'iam-user') {
    for (const gid of p.groupIds ?? []) {
      const g = links.groups.get(gid);
      if (!g) continue;
      const via = { groupId: g.id, groupName: g.name };
      for (const np of g.policies) out.push(sourced(np.document, { kind: 'identity', ownerId: g.id, name: np.name, via }));
      attach(g.managedPolicyIds, via);
    }
  }
  return out;
}

/** The permissions boundary: the inline document a drawing gives, or the managed policy set as the boundary. */
function boundary(p: Extract<Principal, { type: 'iam-user' | 'iam-role' }>, links: Links): SourcedPolicy | undefined {
  if (p.permissionsBoundary) return sourced(p.permissionsBoundary, { kind: 'boundary', ownerId: p.id, name: 'Permissions boundary' });
  const m = p.boundaryPolicyId !== undefined ? links.managed.get(p.boundaryPolicyId) : undefined;
  return m ? sourced(m.document, { kind: 'boundary', ownerId: m.id, name: m.name, managed: { arn: managedPolicyArn(m), aws: m.accountId === undefined } }) : undefined;
}

function principalEntity(p: Principal, links: Links): PrincipalEntity {
  const arn = principalArn(p);
  switch (p.type) {
    case 'service':
      return makePrincipal({ arn, type: 'service', label: p.service, nodeId: p.id, identityPolicies: [], tags: {} });
    case 'account-root':
      return makePrincipal({ arn, type: 'root', account: p.accountId, label: p.name || `root of ${p.accountId}`, nodeId: p.id, identityPolicies: [], tags: p.tags });
    case 'iam-user':
    case 'iam-role': {
      return makePrincipal({
        arn,
        type: p.type === 'iam-user' ? 'user' : 'role',
        account: p.accountId,
        label: p.name,
        nodeId: p.id,
        identityPolicies: identityPolicies(p, links),
        permissionsBoundary: boundary(p, links),
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

/**
 * The OU path from the root down to `parentId` (root first), through a map of parents built once per
 * organization (a search per step made a deep chain of OUs quadratic per account). A cycle or a missing
 * parent ends the path (`parseScenario` refuses both).
 */
function ouPath(org: Organization, parents: ReadonlyMap<string, string>, parentId: string | undefined): string[] {
  const path: string[] = [];
  const seen = new Set<string>();
  let current = parentId;
  while (current && current !== org.rootId && !seen.has(current)) {
    seen.add(current);
    path.push(current);
    current = parents.get(current);
  }
  return path.reverse();
}

/** An organization for the engine; `members` are its member accounts. */
function organizationEntity(org: Organization, members: readonly Account[]): OrganizationEntity {
  const memberById = new Map(members.map((a) => [a.id, a]));
  const parents = new Map<string, string>();
  const ouNames = new Map<string, string>();
  for (const ou of org.ous) {
    if (!parents.has(ou.id)) parents.set(ou.id, ou.parentId);
    if (!ouNames.has(ou.id)) ouNames.set(ou.id, ou.name);
  }
  // Levels per account, one map per policy type: looked up for every request, so no key is built. The root
  // and OU levels are the same objects in every account's list.
  const caches = { scp: new Map<string, readonly OrgLevel[]>(), rcp: new Map<string, readonly OrgLevel[]>() };
  const shared = { scp: new Map<string, OrgLevel>(), rcp: new Map<string, OrgLevel>() };
  // The policies attached to each target, per type, in the organization's order.
  const attached = { scp: new Map<string, Organization['policies'][number][]>(), rcp: new Map<string, Organization['policies'][number][]>() };
  for (const p of org.policies) {
    const byTarget = attached[p.type];
    for (const t of new Set(p.targets)) {
      const list = byTarget.get(t);
      if (list) list.push(p);
      else byTarget.set(t, [p]);
    }
  }
  const level = (type: 'scp' | 'rcp', target: string, label: string): OrgLevel => {
    const name = target === org.rootId ? 'root' : target;
    return {
      target: name,
      label,
      policies: (attached[type].get(target) ?? []).map((p) => sourced(p.document, { kind: type, ownerId: p.id, name: p.name, target: name })),
    };
  };
  const sharedLevel = (type: 'scp' | 'rcp', target: string): OrgLevel => {
    let l = shared[type].get(target);
    if (!l) {
      l = level(type, target, target === org.rootId ? 'root' : `OU ${ouNames.get(target) ?? target}`);
      shared[type].set(target, l);
    }
    return l;
  };
  const levels = (type: 'scp' | 'rcp', account: string): readonly OrgLevel[] => {
    const cache = caches[type];
    const hit = cache.get(account);
    if (hit) return hit;
    const acct = memberById.get(account);
    const result = [org.rootId, ...ouPath(org, parents, acct?.parentId)].map((target) => (target === account ? level(type, target, `account ${account}`) : sharedLevel(type, target)));
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
  const groupList = scenario.groups;
  const managedList = scenario.managedPolicies;
  const links: Links = { groups: new Map(groupList.map((g) => [g.id, g])), managed: new Map(managedList.map((m) => [m.id, m])) };
  const relinked = relinkedPrincipals(scenario.principals, previous, groupList, managedList);
  const { principalsById, byArn, rolesByName } = principalMaps(scenario.principals, previous, links, new Set(relinked));
  const { resourcesById, resourcesByArn } = resourceMaps(scenario.resources, previous);
  const accountsById = new Map(scenario.accounts.map((a) => [a.id, a]));
  const orgsById = new Map(scenario.organizations.map((o) => [o.id, o]));
  // An organization entity depends on the organization and on the accounts (membership, OU placement).
  const sameAccounts = previous !== undefined && previous.accounts === scenario.accounts;
  // Members grouped once (a filter of every account per organization is quadratic in hostile scenarios).
  const membersOf = new Map<string, Account[]>();
  for (const a of scenario.accounts) {
    if (a.organizationId === undefined) continue;
    const list = membersOf.get(a.organizationId);
    if (list) list.push(a);
    else membersOf.set(a.organizationId, [a]);
  }
  const orgEntities = new Map(
    scenario.organizations.map((o) => {
      const before = sameAccounts && previous.orgsById.get(o.id) === o ? previous.orgEntities.get(o.id) : undefined;
      return [o.id, before ?? organizationEntity(o, membersOf.get(o.id) ?? [])];
    }),
  );
  return {
    principalList: scenario.principals,
    resourceList: scenario.resources,
    groupList,
    managedList,
    relinked,
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
    derived: derivedEntities(),
  };
}
