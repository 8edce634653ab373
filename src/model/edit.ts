import { setDrawn } from './drawn';
import { RESOURCE_TYPES, type ResourceType } from './resourceTypes';
import { ACCOUNT_ID_PATTERN } from './constants';
import type { AccessEdge, Account, Edge, EventRule, IamGroup, Layout, ManagedPolicy, Organization, PolicyDocument, Principal, Resource, Scenario } from './schema';

/**
 * Pure editing operations on a scenario: each takes a scenario and returns the next one, sharing every
 * object it does not change (so incremental evaluation and undo stay cheap). The store calls these; they
 * never touch the UI.
 */

type Position = { readonly x: number; readonly y: number };
export type PrincipalKind = Principal['type'];

/** A new account's box: room for one column of cards; the editor grows it as things are added. */
export const DEFAULT_ACCOUNT_SIZE = { width: 340, height: 200 };
const DEFAULT_REGION = 'us-east-1';

/** `list.map(f)`, but the same array when `f` changed nothing (keeps references stable for re-evaluation). */
function mapSame<T>(list: readonly T[], f: (item: T) => T): T[] {
  let changed = false;
  const out = list.map((item) => {
    const next = f(item);
    if (next !== item) changed = true;
    return next;
  });
  return changed ? out : (list as T[]);
}

/** Every id in use (entities and layout keys). */
export function usedIds(s: Scenario): Set<string> {
  const ids = new Set<string>();
  s.accounts.forEach((a) => ids.add(a.id));
  s.principals.forEach((p) => ids.add(p.id));
  s.groups.forEach((g) => ids.add(g.id));
  s.managedPolicies.forEach((m) => ids.add(m.id));
  s.resources.forEach((r) => ids.add(r.id));
  s.edges.forEach((e) => ids.add(e.id));
  s.rules.forEach((r) => {
    ids.add(r.id);
    r.targets.forEach((t) => ids.add(t.id));
  });
  s.organizations.forEach((o) => {
    ids.add(o.id);
    ids.add(o.rootId);
    o.ous.forEach((ou) => ids.add(ou.id));
    o.policies.forEach((p) => ids.add(p.id));
  });
  return ids;
}

/** A fresh id `prefix-N` not used in `s`. */
export function freshId(s: Scenario, prefix: string, taken: Set<string> = usedIds(s)): string {
  for (let n = 1; ; n++) {
    const id = `${prefix}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** A readable name not used by any entity of the same kind: "alice", "alice-2", ... */
function freshName(base: string, names: readonly string[]): string {
  if (!names.includes(base)) return base;
  for (let n = 2; ; n++) if (!names.includes(`${base}-${n}`)) return `${base}-${n}`;
}

/** The next unused account id: 111111111111, 222222222222, ... then counting up. */
export function nextAccountId(s: Scenario): string {
  const used = new Set(s.accounts.map((a) => a.id));
  for (let d = 1; d <= 9; d++) {
    const id = String(d).repeat(12);
    if (!used.has(id)) return id;
  }
  for (let n = 100000000000; ; n++) if (!used.has(String(n))) return String(n);
}

/**
 * The stored position (and size) of a node, if it has one. Only the layout's own entries count: an entity
 * may be called "constructor", "toString" or "__proto__", and reading those from a plain object would give
 * Object.prototype's members (drawn at NaN, or not at all).
 */
export function layoutOf(layout: Layout, id: string): Layout['nodes'][string] | undefined {
  return Object.hasOwn(layout.nodes, id) ? layout.nodes[id] : undefined;
}

/** Sets a layout entry as an own property: `nodes[id] = …` with the id "__proto__" would set the prototype. */
export function putLayout(nodes: Layout['nodes'], id: string, entry: Layout['nodes'][string]): void {
  Object.defineProperty(nodes, id, { value: entry, enumerable: true, writable: true, configurable: true });
}

function withLayout(s: Scenario, id: string, entry: Layout['nodes'][string]): Layout {
  return { ...s.layout, nodes: { ...s.layout.nodes, [id]: entry } };
}

export function addAccount(s: Scenario, at: Position, name?: string): { scenario: Scenario; id: string } {
  const id = nextAccountId(s);
  const letter = String.fromCharCode(65 + (s.accounts.length % 26));
  const account: Account = { id, name: name ?? freshName(`Account ${letter}`, s.accounts.map((a) => a.name)) };
  return { id, scenario: { ...s, accounts: [...s.accounts, account], layout: withLayout(s, id, { ...at, ...DEFAULT_ACCOUNT_SIZE }) } };
}

const EMPTY_POLICY = { Version: '2012-10-17', Statement: [] as Record<string, unknown>[] };

export function addPrincipal(s: Scenario, kind: PrincipalKind, accountId: string | undefined, at: Position): { scenario: Scenario; id: string } {
  const taken = usedIds(s);
  const names = s.principals.map((p) => p.name);
  let principal: Principal;
  if (kind === 'service') {
    principal = { id: freshId(s, 'service', taken), type: 'service', name: 'EventBridge', service: 'events.amazonaws.com', tags: {} };
  } else {
    const acct = accountId ?? s.accounts[0]?.id ?? '111111111111';
    if (kind === 'iam-user') {
      principal = { id: freshId(s, 'user', taken), type: 'iam-user', name: freshName('alice', names), accountId: acct, path: '/', tags: {}, policies: [] };
    } else if (kind === 'iam-role') {
      principal = {
        id: freshId(s, 'role', taken),
        type: 'iam-role',
        name: freshName('AppRole', names),
        accountId: acct,
        path: '/',
        tags: {},
        policies: [],
        trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct}:root` }, Action: 'sts:AssumeRole' }] },
      };
    } else {
      principal = { id: freshId(s, 'root', taken), type: 'account-root', name: 'root', accountId: acct, tags: {} };
    }
  }
  return { id: principal.id, scenario: { ...s, principals: [...s.principals, principal], layout: withLayout(s, principal.id, at) } };
}

const DEFAULT_NAMES: Record<ResourceType, string> = {
  's3-bucket': 'example-bucket',
  'sns-topic': 'alerts',
  'sqs-queue': 'jobs',
  'lambda-function': 'handler',
  'apigateway-rest-api': 'a1b2c3d4e5',
  'events-bus': 'default',
  'dynamodb-table': 'Orders',
  'kms-key': '1234abcd-12ab-34cd-56ef-1234567890ab',
  'kinesis-stream': 'clicks',
  'states-state-machine': 'Workflow',
  'ecs-task-definition': 'worker',
  'ssm-document': 'AWS-RunShellScript',
  'autoscaling-group': 'web-asg',
};

export function addResource(s: Scenario, type: ResourceType, accountId: string | undefined, at: Position): { scenario: Scenario; id: string } {
  const acct = accountId ?? s.accounts[0]?.id ?? '111111111111';
  const sameType = s.resources.filter((r) => r.type === type);
  // Bucket names are global; other names are per account and region.
  const names = type === 's3-bucket' ? sameType.map((r) => r.name) : sameType.filter((r) => r.accountId === acct).map((r) => r.name);
  const resource: Resource = {
    id: freshId(s, type.split('-')[0] ?? 'resource'),
    type,
    accountId: acct,
    region: DEFAULT_REGION,
    name: freshName(DEFAULT_NAMES[type], names),
    ...(type === 'kms-key'
      ? { policy: { Version: '2012-10-17', Statement: [{ Sid: 'EnableIAMPolicies', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct}:root` }, Action: 'kms:*', Resource: '*' }] } }
      : {}),
  };
  return { id: resource.id, scenario: { ...s, resources: [...s.resources, resource], layout: withLayout(s, resource.id, at) } };
}

/** Adds a rule on an event bus. */
export function addRule(s: Scenario, busId: string, at: Position): { scenario: Scenario; id: string } | { error: string } {
  const bus = s.resources.find((r) => r.id === busId);
  if (!bus || bus.type !== 'events-bus') return { error: 'A rule sits on an EventBridge event bus: add a bus first.' };
  const id = freshId(s, 'rule');
  const rule: EventRule = { id, name: freshName('on-event', s.rules.map((r) => r.name)), busId, eventPattern: { source: ['my.app'] }, targets: [] };
  return { id, scenario: { ...s, rules: [...s.rules, rule], layout: withLayout(s, id, at) } };
}

/**
 * Connects two nodes with the edge their types imply: principal → role is an AssumeRole edge, principal →
 * resource an access edge (with the resource type's first common action), rule → resource a rule target.
 */
export function connect(s: Scenario, sourceId: string, targetId: string): { scenario: Scenario; id: string } | { error: string } {
  if (sourceId === targetId) return { error: 'An edge needs two different ends.' };
  const source = s.principals.find((p) => p.id === sourceId);
  const rule = s.rules.find((r) => r.id === sourceId);
  const targetPrincipal = s.principals.find((p) => p.id === targetId);
  const targetResource = s.resources.find((r) => r.id === targetId);
  if (rule) {
    if (!targetResource) return { error: 'A rule delivers to a resource (a queue, topic, function, stream, ...).' };
    if (!RESOURCE_TYPES[targetResource.type].eventBridgeTarget) return { error: `${RESOURCE_TYPES[targetResource.type].label} is not an EventBridge target.` };
    const id = freshId(s, 'target');
    return { id, scenario: { ...s, rules: s.rules.map((r) => (r.id === rule.id ? { ...r, targets: [...r.targets, { id, resourceId: targetId }] } : r)) } };
  }
  if (!source) return { error: 'Edges start at a principal or an EventBridge rule.' };
  if (targetPrincipal) {
    if (targetPrincipal.type !== 'iam-role') return { error: 'Only a role can be assumed: connect to an IAM role, or to a resource.' };
    const id = freshId(s, 'assume');
    const edge: Edge = { kind: 'assume', id, from: sourceId, to: targetId };
    return { id, scenario: { ...s, edges: [...s.edges, edge] } };
  }
  if (targetResource) {
    const id = freshId(s, 'access');
    const action = RESOURCE_TYPES[targetResource.type].commonActions[0] ?? '*';
    const edge: AccessEdge = { kind: 'access', id, from: sourceId, to: targetId, actions: [action] };
    return { id, scenario: { ...s, edges: [...s.edges, edge] } };
  }
  return { error: 'Connect to a role or a resource.' };
}

/** Removes entities (and what hangs on them: edges, rules on a removed bus, targets, an account's content). */
export function removeIds(s: Scenario, ids: ReadonlySet<string>): Scenario {
  // Nothing to remove: the same scenario back, so a repeated delete records no undo step.
  const present = usedIds(s);
  if (![...ids].some((id) => present.has(id))) return s;
  const gone = new Set(ids);
  // Removing an account removes everything in it: its principals, groups, customer managed policies and resources.
  for (const a of s.accounts) if (gone.has(a.id)) {
    s.principals.forEach((p) => p.type !== 'service' && p.accountId === a.id && gone.add(p.id));
    s.groups.forEach((g) => g.accountId === a.id && gone.add(g.id));
    s.managedPolicies.forEach((m) => m.accountId === a.id && gone.add(m.id));
    s.resources.forEach((r) => r.accountId === a.id && gone.add(r.id));
  }
  for (const r of s.rules) if (gone.has(r.busId)) gone.add(r.id);
  const layout: Layout['nodes'] = {};
  for (const [k, v] of Object.entries(s.layout.nodes)) if (!gone.has(k)) layout[k] = v;
  // An organization whose management account goes is dissolved; removed accounts leave policy targets.
  const dissolved = new Set(s.organizations.filter((o) => gone.has(o.managementAccountId) || gone.has(o.id)).map((o) => o.id));
  const organizations = s.organizations
    .filter((o) => !dissolved.has(o.id))
    .map((o) => {
      const policies = mapSame(o.policies, (p) => (p.targets.some((t) => gone.has(t)) ? { ...p, targets: p.targets.filter((t) => !gone.has(t)) } : p));
      return policies === o.policies ? o : { ...o, policies };
    });
  return {
    ...s,
    organizations,
    accounts: s.accounts
      .filter((a) => !gone.has(a.id))
      .map((a) => (a.organizationId !== undefined && dissolved.has(a.organizationId) ? { id: a.id, name: a.name } : a)),
    principals: s.principals.filter((p) => !gone.has(p.id)).map((p) => withoutLinks(p, gone)),
    groups: s.groups.filter((g) => !gone.has(g.id)).map((g) => (g.managedPolicyIds?.some((id) => gone.has(id)) ? { ...g, managedPolicyIds: g.managedPolicyIds.filter((id) => !gone.has(id)) } : g)),
    managedPolicies: s.managedPolicies.filter((m) => !gone.has(m.id)),
    resources: s.resources.filter((r) => !gone.has(r.id)),
    rules: s.rules
      .filter((r) => !gone.has(r.id))
      .map((r) => {
        const targets = r.targets.filter((t) => !gone.has(t.id) && !gone.has(t.resourceId));
        const cleaned = targets.map((t) => (t.roleId !== undefined && gone.has(t.roleId) ? (({ roleId: _gone, ...rest }) => rest)(t) : t));
        return cleaned.length === r.targets.length && cleaned.every((t, i) => t === r.targets[i]) ? r : { ...r, targets: cleaned };
      }),
    edges: s.edges.filter((e) => !gone.has(e.id) && !gone.has(e.from) && !gone.has(e.to)),
    layout: withoutHidden({ ...s.layout, nodes: layout }, gone),
  };
}

/** The layout without hidden ids of entities that are gone. */
function withoutHidden(layout: Layout, gone: ReadonlySet<string>): Layout {
  if (!layout.hidden?.some((id) => gone.has(id))) return layout;
  const { hidden, ...rest } = layout;
  const kept = hidden.filter((id) => !gone.has(id));
  return kept.length > 0 ? { ...rest, hidden: kept } : rest;
}

/** A principal without its group memberships and managed policy attachments to `gone` ids (same object when none). */
function withoutLinks(p: Principal, gone: ReadonlySet<string>): Principal {
  if (p.type !== 'iam-user' && p.type !== 'iam-role') return p;
  return keepLinks(p, (id) => !gone.has(id));
}

type IamPrincipal = Extract<Principal, { type: 'iam-user' | 'iam-role' }>;

/** A principal keeping only the groups and managed policies `keep` accepts (same object when it keeps all). */
function keepLinks<P extends IamPrincipal>(p: P, keep: (id: string) => boolean): P {
  const groupIds = p.type === 'iam-user' ? p.groupIds : undefined;
  const dropGroups = groupIds?.some((id) => !keep(id)) ?? false;
  const dropManaged = p.managedPolicyIds?.some((id) => !keep(id)) ?? false;
  const dropBoundary = p.boundaryPolicyId !== undefined && !keep(p.boundaryPolicyId);
  if (!dropGroups && !dropManaged && !dropBoundary) return p;
  const next: P = { ...p };
  if (dropGroups && groupIds) (next as IamPrincipal & { groupIds?: string[] }).groupIds = groupIds.filter(keep);
  if (dropManaged && p.managedPolicyIds) next.managedPolicyIds = p.managedPolicyIds.filter(keep);
  if (dropBoundary) delete next.boundaryPolicyId;
  return next;
}

/**
 * Moves a principal or resource into another account: its ARN follows. A user leaves the groups of its old
 * account, and customer managed policies of the old account are detached (IAM allows neither across
 * accounts); AWS managed policies stay attached.
 */
export function moveToAccount(s: Scenario, id: string, accountId: string, at: Position): Scenario {
  const groupAccount = new Map(s.groups.map((g) => [g.id, g.accountId]));
  const policyAccount = new Map(s.managedPolicies.map((m) => [m.id, m.accountId]));
  const fits = (linkId: string): boolean => {
    const owner = groupAccount.get(linkId) ?? policyAccount.get(linkId);
    return owner === undefined || owner === accountId;
  };
  return {
    ...s,
    principals: mapSame(s.principals, (p) => (p.id === id && p.type !== 'service' && p.accountId !== accountId ? (p.type === 'account-root' ? { ...p, accountId } : keepLinks({ ...p, accountId }, fits)) : p)),
    resources: mapSame(s.resources, (r) => (r.id === id && r.accountId !== accountId ? { ...r, accountId } : r)),
    layout: withLayout(s, id, { ...layoutOf(s.layout, id), ...at }),
  };
}

export function setPosition(s: Scenario, id: string, at: Position, size?: { width: number; height: number }): Scenario {
  const before = layoutOf(s.layout, id);
  if (before && before.x === at.x && before.y === at.y && (!size || (before.width === size.width && before.height === size.height))) return s;
  return { ...s, layout: withLayout(s, id, { ...before, ...at, ...(size ?? {}) }) };
}

// The update* functions return the same scenario when the patch returns the same object, so a no-op edit
// records no undo step and re-evaluates nothing.
export function updatePrincipal(s: Scenario, id: string, patch: (p: Principal) => Principal): Scenario {
  const principals = mapSame(s.principals, (p) => (p.id === id ? patch(p) : p));
  return principals === s.principals ? s : { ...s, principals };
}
export function updateResource(s: Scenario, id: string, patch: (r: Resource) => Resource): Scenario {
  const resources = mapSame(s.resources, (r) => (r.id === id ? patch(r) : r));
  return resources === s.resources ? s : { ...s, resources };
}
export function updateEdge(s: Scenario, id: string, patch: (e: Edge) => Edge): Scenario {
  const edges = mapSame(s.edges, (e) => (e.id === id ? patch(e) : e));
  return edges === s.edges ? s : { ...s, edges };
}
export function updateAccount(s: Scenario, id: string, patch: (a: Account) => Account): Scenario {
  const accounts = mapSame(s.accounts, (a) => (a.id === id ? patch(a) : a));
  return accounts === s.accounts ? s : { ...s, accounts };
}
export function updateRule(s: Scenario, id: string, patch: (r: EventRule) => EventRule): Scenario {
  const rules = mapSame(s.rules, (r) => (r.id === id ? patch(r) : r));
  return rules === s.rules ? s : { ...s, rules };
}

/** Duplicates principals and resources (not accounts or edges), offset on the canvas. Returns the new ids. */
export function duplicate(s: Scenario, ids: ReadonlySet<string>): { scenario: Scenario; ids: string[] } {
  let next = s;
  const created: string[] = [];
  for (const p of s.principals) {
    if (!ids.has(p.id) || p.type === 'account-root') continue;
    const id = freshId(next, p.id.replace(/-\d+$/, ''));
    const copy = { ...p, id, name: freshName(p.name, next.principals.map((x) => x.name)) } as Principal;
    const pos = layoutOf(s.layout, p.id);
    next = { ...next, principals: [...next.principals, copy], layout: withLayout(next, id, { x: (pos?.x ?? 0) + 24, y: (pos?.y ?? 0) + 24 }) };
    created.push(id);
  }
  for (const r of s.resources) {
    if (!ids.has(r.id)) continue;
    const id = freshId(next, r.id.replace(/-\d+$/, ''));
    const copy: Resource = { ...r, id, name: freshName(r.name, next.resources.filter((x) => x.type === r.type).map((x) => x.name)) };
    const pos = layoutOf(s.layout, r.id);
    next = { ...next, resources: [...next.resources, copy], layout: withLayout(next, id, { x: (pos?.x ?? 0) + 24, y: (pos?.y ?? 0) + 24 }) };
    created.push(id);
  }
  return { scenario: next, ids: created };
}

/** Moves a rule onto another event bus (its ARN, and so the aws:SourceArn of its deliveries, follows). */
export function moveRule(s: Scenario, ruleId: string, busId: string): Scenario | { error: string } {
  const bus = s.resources.find((r) => r.id === busId);
  if (!bus || bus.type !== 'events-bus') return { error: 'A rule sits on an EventBridge event bus.' };
  return { ...s, rules: mapSame(s.rules, (r) => (r.id === ruleId && r.busId !== busId ? { ...r, busId } : r)) };
}

/** Sets many layout entries at once (auto-layout): one edit, one undo step. */
export function setLayout(s: Scenario, entries: Readonly<Layout['nodes']>): Scenario {
  return { ...s, layout: { ...s.layout, nodes: { ...s.layout.nodes, ...entries } } };
}

/** Changes one IAM group (same scenario back when the patch returns the same object). */
export function updateGroup(s: Scenario, id: string, patch: (g: IamGroup) => IamGroup): Scenario {
  const groups = mapSame(s.groups, (g) => (g.id === id ? patch(g) : g));
  return groups === s.groups ? s : { ...s, groups };
}

/** Changes one managed policy: every user, group and role it is attached to follows. */
export function updateManagedPolicy(s: Scenario, id: string, patch: (m: ManagedPolicy) => ManagedPolicy): Scenario {
  const managedPolicies = mapSame(s.managedPolicies, (m) => (m.id === id ? patch(m) : m));
  return managedPolicies === s.managedPolicies ? s : { ...s, managedPolicies };
}

const FULL_ACCESS_SCP = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/**
 * Creates an organization managed by `managementAccountId`, with FullAWSAccess attached to the root and
 * the account, as AWS Organizations does when SCPs are enabled (Organizations User Guide: "Service control
 * policies (SCPs)" — FullAWSAccess is attached by default to every root, OU and account).
 */
export function createOrganization(s: Scenario, managementAccountId: string, name?: string): { scenario: Scenario; id: string } | { error: string } {
  const account = s.accounts.find((a) => a.id === managementAccountId);
  if (!account) return { error: 'An organization is created from an account: add an account first.' };
  if (account.organizationId) return { error: `${account.name} is already in an organization.` };
  const taken = usedIds(s);
  let n = 1;
  while (taken.has(`o-example${String(n).padStart(3, '0')}`)) n++;
  const id = `o-example${String(n).padStart(3, '0')}`;
  const rootId = `r-${id.slice(-4)}`;
  const org: Organization = {
    id,
    name: name ?? freshName('Organization', s.organizations.map((o) => o.name)),
    rootId,
    managementAccountId,
    ous: [],
    policies: [{ id: `${id}-scp-full`, name: 'FullAWSAccess', type: 'scp', document: FULL_ACCESS_SCP, targets: [rootId, managementAccountId] }],
  };
  return { id, scenario: { ...s, organizations: [...s.organizations, org], accounts: s.accounts.map((a) => (a.id === managementAccountId ? { ...a, organizationId: id } : a)) } };
}

/** Joins an account to an organization; the default full-access policies attached to the root are attached to it too. */
export function joinOrganization(s: Scenario, accountId: string, orgId: string): Scenario {
  const org = s.organizations.find((o) => o.id === orgId);
  if (!org) return s;
  const organizations = s.organizations.map((o) =>
    o.id === orgId
      ? { ...o, policies: o.policies.map((p) => ((p.name === 'FullAWSAccess' || p.name === 'RCPFullAWSAccess') && p.targets.includes(o.rootId) && !p.targets.includes(accountId) ? { ...p, targets: [...p.targets, accountId] } : p)) }
      : o,
  );
  return { ...s, organizations, accounts: s.accounts.map((a) => (a.id === accountId ? { ...a, organizationId: orgId } : a)) };
}

/** Takes a member account out of its organization (the management account cannot leave; remove the organization instead). */
export function leaveOrganization(s: Scenario, accountId: string): Scenario {
  const account = s.accounts.find((a) => a.id === accountId);
  const orgId = account?.organizationId;
  if (!account || !orgId || s.organizations.some((o) => o.id === orgId && o.managementAccountId === accountId)) return s;
  const organizations = s.organizations.map((o) =>
    o.id === orgId ? { ...o, policies: mapSame(o.policies, (p) => (p.targets.includes(accountId) ? { ...p, targets: p.targets.filter((t) => t !== accountId) } : p)) } : o,
  );
  return { ...s, organizations, accounts: s.accounts.map((a) => (a.id === accountId ? { id: a.id, name: a.name } : a)) };
}

/** Adds an organizational unit under the root or another OU of an organization. */
export function addOrganizationalUnit(s: Scenario, orgId: string, name: string, parentId?: string): { scenario: Scenario; id: string } | { error: string } {
  const org = s.organizations.find((o) => o.id === orgId);
  if (!org) return { error: 'No such organization.' };
  const parent = parentId ?? org.rootId;
  if (parent !== org.rootId && !org.ous.some((ou) => ou.id === parent)) return { error: 'An OU sits under the root or another OU of its organization.' };
  const taken = usedIds(s);
  // OU ids look like ou-<root part>-<8+ characters> (Organizations API reference: OrganizationalUnit.Id).
  const prefix = `ou-${org.rootId.slice(2).padEnd(4, '0').slice(0, 32)}-`;
  let n = 1;
  while (taken.has(`${prefix}${String(n).padStart(8, '0')}`)) n++;
  const id = `${prefix}${String(n).padStart(8, '0')}`;
  return { id, scenario: updateOrganization(s, orgId, (o) => ({ ...o, ous: [...o.ous, { id, name, parentId: parent }] })) };
}

/** Removes an OU: its child OUs and accounts move up to its parent, and policies attached to it are detached. */
export function removeOrganizationalUnit(s: Scenario, orgId: string, ouId: string): Scenario {
  const org = s.organizations.find((o) => o.id === orgId);
  const ou = org?.ous.find((x) => x.id === ouId);
  if (!org || !ou) return s;
  const up = ou.parentId;
  const next = updateOrganization(s, orgId, (o) => ({
    ...o,
    ous: o.ous.filter((x) => x.id !== ouId).map((x) => (x.parentId === ouId ? { ...x, parentId: up } : x)),
    policies: mapSame(o.policies, (p) => (p.targets.includes(ouId) ? { ...p, targets: p.targets.filter((t) => t !== ouId) } : p)),
  }));
  return { ...next, accounts: mapSame(next.accounts, (a) => (a.parentId === ouId ? (up === org.rootId ? { id: a.id, name: a.name, organizationId: orgId } : { ...a, parentId: up }) : a)) };
}

/** Places a member account under the root (undefined) or an OU of its organization. */
export function placeAccount(s: Scenario, accountId: string, parentId: string | undefined): Scenario {
  const account = s.accounts.find((a) => a.id === accountId);
  const org = s.organizations.find((o) => o.id === account?.organizationId);
  if (!account || !org) return s;
  if (parentId !== undefined && parentId !== org.rootId && !org.ous.some((ou) => ou.id === parentId)) return s;
  const { parentId: _old, ...rest } = account;
  const placed = parentId === undefined || parentId === org.rootId ? rest : { ...rest, parentId };
  return { ...s, accounts: s.accounts.map((a) => (a.id === accountId ? placed : a)) };
}

export function updateOrganization(s: Scenario, id: string, patch: (o: Organization) => Organization): Scenario {
  return { ...s, organizations: mapSame(s.organizations, (o) => (o.id === id ? patch(o) : o)) };
}

// ---------------------------------------------------------------------------------------------------
// Changing an account's id: every reference follows.

/** One policy document in which references to the old account id were rewritten. */
export interface RewrittenPolicy {
  /**
   * Who carries the policy, as the canvas names it: "alice", "group Admins", "bucket-b", "Example org",
   * "alice → ExportRole"; empty for a customer managed policy (it stands on its own).
   */
  readonly owner: string;
  /** The policy's name: an identity policy's own name, "Trust policy", "Bucket policy", "Session policy", an SCP's name. */
  readonly policy: string;
  /** ARNs, Principal entries and condition values rewritten in it. */
  readonly references: number;
}

/** What `changeAccountId` rewrote besides the account itself, so the editor can say it. */
export interface AccountIdRewrite {
  readonly from: string;
  readonly to: string;
  /** Principals and resources whose `accountId` (and so whose ARN) followed. */
  readonly entities: number;
  /** IAM groups and customer managed policies of the account, whose `accountId` (and ARN) followed. */
  readonly groupsAndManagedPolicies: number;
  readonly policies: readonly RewrittenPolicy[];
  /** Access and AssumeRole edges whose request context named the account (`aws:SourceAccount`, an ARN). */
  readonly contexts: number;
  /** EventBridge rules whose event pattern named the account (its `account` field, an ARN). */
  readonly rules: number;
  /** Organizations that name the account: as their management account, or in SCP/RCP attachments (how many). */
  readonly organizations: readonly { readonly name: string; readonly management: boolean; readonly attachments: number }[];
  /**
   * References to the new id that policies already held before the change (an account that was not drawn,
   * or a mistake): from now on they name this account. Zero in the usual case.
   */
  readonly alreadyNamed: number;
}

/**
 * Condition keys whose value is an account id: AWS's global keys `aws:SourceAccount`, `aws:PrincipalAccount`
 * and `aws:ResourceAccount` ("AWS global condition context keys",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html), and the service
 * keys built the same way (`kms:CallerAccount`, `s3:ResourceAccount`); `aws:SourceOwner` is the older
 * account key SNS topic policies use. Condition key names are case-insensitive.
 */
function isAccountKey(key: string): boolean {
  const k = key.toLowerCase();
  return /:[a-z]*account$/.test(k) || k === 'aws:sourceowner';
}

/** Counts what one rewrite pass changed, and which references to the new id were there already. */
interface Pass {
  readonly from: string;
  readonly to: string;
  count: number;
  existing: number;
}

/**
 * An ARN whose account field is the old id, with the new one: `arn:PARTITION:SERVICE:REGION:ACCOUNT:…`
 * (IAM User Guide, "IAM identifiers": https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html).
 * Only the account field is read, so a bucket named after an account (`arn:aws:s3:::logs-111111111111`)
 * keeps its name, and a wildcard account (`arn:aws:iam::*:root`) is left as written.
 */
function rewriteArn(value: string, pass: Pass): string {
  if (!value.startsWith('arn:')) return value;
  const parts = value.split(':');
  if (parts.length < 6) return value;
  if (parts[4] === pass.to) pass.existing += 1;
  if (parts[4] !== pass.from) return value;
  parts[4] = pass.to;
  pass.count += 1;
  return parts.join(':');
}

/** A value that names an account: the bare id (`Principal: {"AWS": "111111111111"}` means its root) or an ARN. */
function rewriteAccountValue(value: string, pass: Pass): string {
  if (value === pass.to) pass.existing += 1;
  if (value !== pass.from) return rewriteArn(value, pass);
  pass.count += 1;
  return pass.to;
}

/** A string or a list of strings with `f` applied to each string; the same object when nothing changed. */
function mapStrings(value: unknown, f: (v: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (!Array.isArray(value)) return value;
  const out = value.map((v) => (typeof v === 'string' ? f(v) : v));
  return out.some((v, i) => v !== value[i]) ? out : value;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A record with each entry's value passed through `f(key, value)`; the same object when nothing changed. */
function mapEntries<T extends Record<string, unknown>>(record: T, f: (key: string, value: unknown) => unknown): T {
  let out: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(record)) {
    const next = f(key, value);
    if (next !== value) (out ??= { ...record })[key] = next;
  }
  return (out as T | undefined) ?? record;
}

/**
 * One statement: the `AWS` entries of `Principal`/`NotPrincipal` (account ids and ARNs), ARNs in
 * `Resource`/`NotResource`, and condition values — account ids under account keys, ARNs under any key.
 * `Action`, `Sid` and service or federated principals never name an account and are left alone.
 */
function rewriteStatement(statement: unknown, pass: Pass): unknown {
  if (!isRecord(statement)) return statement;
  return mapEntries(statement, (element, value) => {
    if ((element === 'Principal' || element === 'NotPrincipal') && isRecord(value)) {
      return mapEntries(value, (kind, v) => (kind === 'AWS' ? mapStrings(v, (x) => rewriteAccountValue(x, pass)) : v));
    }
    if (element === 'Resource' || element === 'NotResource') return mapStrings(value, (x) => rewriteArn(x, pass));
    if (element === 'Condition' && isRecord(value)) {
      return mapEntries(value, (_operator, block) =>
        isRecord(block) ? mapEntries(block, (key, v) => mapStrings(v, (x) => (isAccountKey(key) ? rewriteAccountValue(x, pass) : rewriteArn(x, pass)))) : block,
      );
    }
    return value;
  });
}

function rewritePolicy(doc: PolicyDocument, pass: Pass): PolicyDocument {
  const list: unknown[] = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  const next = mapSame(list, (st) => rewriteStatement(st, pass));
  if (next === list) return doc;
  return { ...doc, Statement: (Array.isArray(doc.Statement) ? next : next[0]) as PolicyDocument['Statement'] };
}

/** A request context: account keys by value, ARNs under any key. */
function rewriteContext<T extends Record<string, string | string[]>>(context: T, pass: Pass): T {
  return mapEntries(context, (key, v) => mapStrings(v, (x) => (isAccountKey(key) ? rewriteAccountValue(x, pass) : rewriteArn(x, pass))));
}

/** An event pattern: values of its `account` field, and ARNs anywhere (`resources`), at any depth. */
function rewritePattern(value: unknown, pass: Pass, key = ''): unknown {
  if (typeof value === 'string') return key === 'account' ? rewriteAccountValue(value, pass) : rewriteArn(value, pass);
  if (Array.isArray(value)) {
    const out = value.map((v) => rewritePattern(v, pass, key));
    return out.some((v, i) => v !== value[i]) ? out : value;
  }
  return isRecord(value) ? mapEntries(value, (k, v) => rewritePattern(v, pass, k)) : value;
}

/**
 * Gives an account a new id, and every reference follows in one edit (one undo step): its principals',
 * groups', customer managed policies' and resources' `accountId` (so their ARNs), an organization's `managementAccountId` and SCP/RCP attachments,
 * the layout entry (and `layout.hidden`), and inside every policy document of the scenario the ARNs, `Principal` entries and
 * condition values that name the old id (see `rewriteStatement`), edges' request contexts and rules' event
 * patterns. The new id must be 12 digits and not in use. The same id back changes nothing.
 */
export function changeAccountId(s: Scenario, from: string, to: string): { scenario: Scenario; rewrite: AccountIdRewrite } | { error: string } {
  const account = s.accounts.find((a) => a.id === from);
  if (!account) return { error: 'No such account.' };
  const empty: AccountIdRewrite = { from, to, entities: 0, groupsAndManagedPolicies: 0, policies: [], contexts: 0, rules: 0, organizations: [], alreadyNamed: 0 };
  if (to === from) return { scenario: s, rewrite: empty };
  if (!ACCOUNT_ID_PATTERN.test(to)) return { error: 'An account id is exactly 12 digits.' };
  const other = s.accounts.find((a) => a.id === to);
  if (other) return { error: `${other.name} already has the id ${to}.` };
  if (usedIds(s).has(to)) return { error: `${to} is already the id of something else in this scenario.` };

  const policies: RewrittenPolicy[] = [];
  let alreadyNamed = 0;
  /** Rewrites one document, noting it under its owner when anything changed. */
  const doc = (d: PolicyDocument, owner: string, policy: string): PolicyDocument => {
    const pass: Pass = { from, to, count: 0, existing: 0 };
    const next = rewritePolicy(d, pass);
    alreadyNamed += pass.existing;
    if (pass.count > 0) policies.push({ owner, policy, references: pass.count });
    return next;
  };
  let entities = 0;
  const principals = mapSame(s.principals, (p) => {
    if (p.type === 'service' || p.type === 'account-root') {
      if (p.type === 'account-root' && p.accountId === from) {
        entities += 1;
        return { ...p, accountId: to };
      }
      return p;
    }
    const label = p.name;
    const moved = p.accountId === from;
    if (moved) entities += 1;
    const policiesNext = mapSame(p.policies, (np) => {
      const d = doc(np.document, label, np.name);
      return d === np.document ? np : { ...np, document: d };
    });
    const boundary = p.permissionsBoundary ? doc(p.permissionsBoundary, label, 'Permissions boundary') : undefined;
    const trust = p.type === 'iam-role' ? doc(p.trustPolicy, label, 'Trust policy') : undefined;
    if (!moved && policiesNext === p.policies && boundary === p.permissionsBoundary && (p.type !== 'iam-role' || trust === p.trustPolicy)) return p;
    return {
      ...p,
      ...(moved ? { accountId: to } : {}),
      policies: policiesNext,
      ...(boundary ? { permissionsBoundary: boundary } : {}),
      ...(p.type === 'iam-role' && trust ? { trustPolicy: trust } : {}),
    } as Principal;
  });
  let owned = 0;
  const groups = mapSame(s.groups, (g): IamGroup => {
    const moved = g.accountId === from;
    if (moved) owned += 1;
    const policiesNext = mapSame(g.policies, (np) => {
      const d = doc(np.document, `group ${g.name}`, np.name);
      return d === np.document ? np : { ...np, document: d };
    });
    return !moved && policiesNext === g.policies ? g : { ...g, ...(moved ? { accountId: to } : {}), policies: policiesNext };
  });
  // Customer managed policies are the account's own (AWS managed ones belong to no account and are AWS's text).
  const managedPolicies = mapSame(s.managedPolicies, (m): ManagedPolicy => {
    if (m.accountId === undefined) return m;
    const moved = m.accountId === from;
    if (moved) owned += 1;
    const document = doc(m.document, '', m.name);
    return !moved && document === m.document ? m : { ...m, ...(moved ? { accountId: to } : {}), document };
  });
  const resources = mapSame(s.resources, (r) => {
    const moved = r.accountId === from;
    if (moved) entities += 1;
    const policy = r.policy ? doc(r.policy, r.name, RESOURCE_TYPES[r.type].policyName ?? 'Resource policy') : undefined;
    if (!moved && policy === r.policy) return r;
    return { ...r, ...(moved ? { accountId: to } : {}), ...(policy ? { policy } : {}) };
  });
  const names = new Map<string, string>([...s.principals.map((p) => [p.id, p.name] as const), ...s.resources.map((r) => [r.id, r.name] as const)]);
  let contexts = 0;
  const edges = mapSame(s.edges, (e) => {
    const owner = `${names.get(e.from) ?? e.from} → ${names.get(e.to) ?? e.to}`;
    const sessionPolicy = e.sessionPolicy ? doc(e.sessionPolicy, owner, 'Session policy') : undefined;
    let context = e.context;
    if (e.context) {
      const pass: Pass = { from, to, count: 0, existing: 0 };
      context = rewriteContext(e.context, pass);
      alreadyNamed += pass.existing;
      if (pass.count > 0) contexts += 1;
    }
    if (sessionPolicy === e.sessionPolicy && context === e.context) return e;
    return { ...e, ...(sessionPolicy ? { sessionPolicy } : {}), ...(context ? { context } : {}) };
  });
  let rulesChanged = 0;
  const rules = mapSame(s.rules, (rule) => {
    if (!rule.eventPattern) return rule;
    const pass: Pass = { from, to, count: 0, existing: 0 };
    const eventPattern = rewritePattern(rule.eventPattern, pass) as EventRule['eventPattern'];
    alreadyNamed += pass.existing;
    if (pass.count === 0) return rule;
    rulesChanged += 1;
    return { ...rule, eventPattern };
  });
  const orgNames: AccountIdRewrite['organizations'][number][] = [];
  const organizations = mapSame(s.organizations, (o) => {
    const management = o.managementAccountId === from;
    let attachments = 0;
    const orgPolicies = mapSame(o.policies, (p) => {
      const targets = p.targets.includes(from) ? p.targets.map((t) => (t === from ? to : t)) : p.targets;
      if (targets !== p.targets) attachments += 1;
      const document = doc(p.document, o.name, p.name);
      return targets === p.targets && document === p.document ? p : { ...p, targets, document };
    });
    if (management || attachments > 0) orgNames.push({ name: o.name, management, attachments });
    if (!management && orgPolicies === o.policies) return o;
    return { ...o, ...(o.managementAccountId === from ? { managementAccountId: to } : {}), policies: orgPolicies };
  });
  // The layout entry moves to the new key, in place, so the canvas keeps its order; a hidden account stays hidden.
  const nodes: Layout['nodes'] = {};
  for (const [k, v] of Object.entries(s.layout.nodes)) nodes[k === from ? to : k] = v;
  const layout: Layout = { ...s.layout, nodes, ...(s.layout.hidden ? { hidden: s.layout.hidden.map((id) => (id === from ? to : id)) } : {}) };
  return {
    scenario: {
      ...s,
      accounts: s.accounts.map((a) => (a.id === from ? { ...a, id: to } : a)),
      principals,
      groups,
      managedPolicies,
      resources,
      edges,
      rules,
      organizations,
      layout,
    },
    rewrite: { from, to, entities, groupsAndManagedPolicies: owned, policies, contexts, rules: rulesChanged, organizations: orgNames, alreadyNamed },
  };
}

export { EMPTY_POLICY };

/**
 * Adds accounts, principals and edges in one edit (the edges a scenario's policies imply, see the engine's
 * `impliedEdges`): entities whose id is taken and edges that already exist (same kind and ends) or whose
 * ends are missing are left out, so the additions can be computed on an earlier state of the scenario.
 * `hidden` ids are added to `layout.hidden` (new callers of a large scenario that reach nothing drawn).
 */
export function addEntities(s: Scenario, add: { readonly accounts?: readonly Account[]; readonly principals?: readonly Principal[]; readonly edges?: readonly Edge[]; readonly hidden?: readonly string[] }): Scenario {
  const taken = usedIds(s);
  const accounts = (add.accounts ?? []).filter((a) => !taken.has(a.id));
  for (const a of accounts) taken.add(a.id);
  const accountIds = new Set([...s.accounts, ...accounts].map((a) => a.id));
  const principals = (add.principals ?? []).filter((p) => !taken.has(p.id) && (p.type === 'service' || accountIds.has(p.accountId)));
  for (const p of principals) taken.add(p.id);
  const ends = new Set([...s.principals, ...principals].map((p) => p.id));
  const resources = new Set(s.resources.map((r) => r.id));
  const roles = new Set([...s.principals, ...principals].filter((p) => p.type === 'iam-role').map((p) => p.id));
  const existing = new Set(s.edges.map((e) => `${e.kind}|${e.from}|${e.to}`));
  const edges = (add.edges ?? []).filter((e) => {
    const key = `${e.kind}|${e.from}|${e.to}`;
    if (taken.has(e.id) || existing.has(key) || !ends.has(e.from) || (e.kind === 'access' ? !resources.has(e.to) : !roles.has(e.to))) return false;
    existing.add(key);
    taken.add(e.id);
    return true;
  });
  if (accounts.length + principals.length + edges.length === 0) return s;
  const hidden = (add.hidden ?? []).filter((id) => accounts.some((a) => a.id === id) || principals.some((p) => p.id === id));
  const next: Scenario = { ...s, accounts: accounts.length > 0 ? [...s.accounts, ...accounts] : s.accounts, principals: principals.length > 0 ? [...s.principals, ...principals] : s.principals, edges: edges.length > 0 ? [...s.edges, ...edges] : s.edges };
  return hidden.length > 0 ? setDrawn(next, [], hidden) : next;
}
