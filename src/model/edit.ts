import { RESOURCE_TYPES, type ResourceType } from './resourceTypes';
import type { AccessEdge, Account, Edge, EventRule, Layout, Principal, Resource, Scenario } from './schema';

/**
 * Pure editing operations on a scenario: each takes a scenario and returns the next one, sharing every
 * object it does not change (so incremental evaluation and undo stay cheap). The store calls these; they
 * never touch the UI.
 */

type Position = { readonly x: number; readonly y: number };
export type PrincipalKind = Principal['type'];

export const DEFAULT_ACCOUNT_SIZE = { width: 520, height: 360 };
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

function withLayout(s: Scenario, id: string, entry: Layout['nodes'][string]): Layout {
  return { nodes: { ...s.layout.nodes, [id]: entry } };
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
  const gone = new Set(ids);
  // Removing an account removes everything in it.
  for (const a of s.accounts) if (gone.has(a.id)) {
    s.principals.forEach((p) => p.type !== 'service' && p.accountId === a.id && gone.add(p.id));
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
    principals: s.principals.filter((p) => !gone.has(p.id)),
    resources: s.resources.filter((r) => !gone.has(r.id)),
    rules: s.rules
      .filter((r) => !gone.has(r.id))
      .map((r) => {
        const targets = r.targets.filter((t) => !gone.has(t.id) && !gone.has(t.resourceId));
        const cleaned = targets.map((t) => (t.roleId !== undefined && gone.has(t.roleId) ? { id: t.id, resourceId: t.resourceId } : t));
        return cleaned.length === r.targets.length && cleaned.every((t, i) => t === r.targets[i]) ? r : { ...r, targets: cleaned };
      }),
    edges: s.edges.filter((e) => !gone.has(e.id) && !gone.has(e.from) && !gone.has(e.to)),
    layout: { nodes: layout },
  };
}

/** Moves a principal or resource into another account: its ARN follows. */
export function moveToAccount(s: Scenario, id: string, accountId: string, at: Position): Scenario {
  return {
    ...s,
    principals: mapSame(s.principals, (p) => (p.id === id && p.type !== 'service' && p.accountId !== accountId ? { ...p, accountId } : p)),
    resources: mapSame(s.resources, (r) => (r.id === id && r.accountId !== accountId ? { ...r, accountId } : r)),
    layout: withLayout(s, id, { ...s.layout.nodes[id], ...at }),
  };
}

export function setPosition(s: Scenario, id: string, at: Position, size?: { width: number; height: number }): Scenario {
  const before = s.layout.nodes[id];
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
    const pos = s.layout.nodes[p.id];
    next = { ...next, principals: [...next.principals, copy], layout: withLayout(next, id, { x: (pos?.x ?? 0) + 24, y: (pos?.y ?? 0) + 24 }) };
    created.push(id);
  }
  for (const r of s.resources) {
    if (!ids.has(r.id)) continue;
    const id = freshId(next, r.id.replace(/-\d+$/, ''));
    const copy: Resource = { ...r, id, name: freshName(r.name, next.resources.filter((x) => x.type === r.type).map((x) => x.name)) };
    const pos = s.layout.nodes[r.id];
    next = { ...next, resources: [...next.resources, copy], layout: withLayout(next, id, { x: (pos?.x ?? 0) + 24, y: (pos?.y ?? 0) + 24 }) };
    created.push(id);
  }
  return { scenario: next, ids: created };
}

export { EMPTY_POLICY };
