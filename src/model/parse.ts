import type { z } from 'zod';
import { MAX_JSON_DEPTH } from './jsonDepth';
import { migrate } from './migrations';
import { CURRENT_SCENARIO_VERSION, MAX_STRING_LENGTH } from './constants';
import { ScenarioSchema, type Scenario } from './schema';

/** A problem found in untrusted scenario data, located by JSON path (`$.principals[2].accountId`). */
export interface ScenarioError {
  readonly path: string;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly migratedFrom?: number }
  | { readonly ok: false; readonly errors: readonly ScenarioError[] };

/** Most entities (accounts, principals, groups, managed policies, resources, rules, edges, org parts) a scenario may hold. */
export const MAX_ENTITIES = 20_000;
/** Deepest nesting of arrays and objects accepted (policies are shallow; this only stops hostile input). */
const MAX_DEPTH = MAX_JSON_DEPTH;
/** Most JSON values accepted in one document. */
const MAX_VALUES = 2_000_000;

function pathOf(parts: ReadonlyArray<PropertyKey>): string {
  return '$' + parts.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(String(p)) ? `.${String(p)}` : `[${JSON.stringify(String(p))}]`)).join('');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rejects input too large or too deep to be a real scenario before anything else looks at it. Also
 * notes whether any object has an own `__proto__` key (see {@link withoutProtoKeys}). */
function checkSize(input: unknown, seen: { protoKeys: number }): ScenarioError | undefined {
  let values = 0;
  const stack: Array<[unknown, number, ReadonlyArray<PropertyKey>]> = [[input, 0, []]];
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop() as [unknown, number, ReadonlyArray<PropertyKey>];
    if (++values > MAX_VALUES) return { path: '$', message: `The scenario is too large (more than ${MAX_VALUES.toLocaleString('en-US')} values).` };
    // `depth` counts the arrays and objects around a value; an array or object opens one level more (the
    // same count as the text check in jsonDepth.ts).
    const container = typeof value === 'object' && value !== null;
    if (depth + (container ? 1 : 0) > MAX_DEPTH) return { path: pathOf(path), message: `The scenario is nested deeper than ${MAX_DEPTH} levels here.` };
    if (typeof value === 'string' && value.length > MAX_STRING_LENGTH) {
      return { path: pathOf(path), message: `Text is longer than ${MAX_STRING_LENGTH.toLocaleString('en-US')} characters.` };
    }
    if (Array.isArray(value)) value.forEach((v, i) => stack.push([v, depth + 1, [...path, i]]));
    else if (isObject(value)) {
      for (const k of Object.keys(value)) {
        if (k === '__proto__') seen.protoKeys++;
        stack.push([value[k], depth + 1, [...path, k]]);
      }
    }
  }
  return undefined;
}

/**
 * A copy of `value` without `__proto__` keys. `JSON.parse` makes them plain own properties, harmless
 * until some code copies one with `target[key] = value` or `Object.assign` and so replaces the copy's
 * prototype. zod drops them from records but passes them through inside loose objects (policy
 * statements, conditions), so they are removed here. Depth is already bounded by `checkSize`.
 */
function withoutProtoKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutProtoKeys);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    if (k !== '__proto__') Object.defineProperty(out, k, { value: withoutProtoKeys(value[k]), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function zodMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    return issue.message.includes('received undefined') ? 'This field is required.' : `Expected ${issue.expected}.`;
  }
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator) {
    return `Unknown ${String(issue.discriminator)}.`;
  }
  if (issue.code === 'invalid_value') return `Must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
  if (issue.code === 'unrecognized_keys') return `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`;
  return issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
}

/** Reference and invariant checks zod's shape checks cannot express. */
function checkReferences(s: Scenario): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const err = (path: ReadonlyArray<PropertyKey>, message: string): void => {
    errors.push({ path: pathOf(path), message });
  };

  const entityCount =
    s.accounts.length + s.principals.length + s.groups.length + s.managedPolicies.length + s.resources.length + s.rules.length + s.edges.length + s.organizations.length +
    s.rules.reduce((n, r) => n + r.targets.length, 0) + s.organizations.reduce((n, o) => n + o.ous.length + o.policies.length, 0);
  if (entityCount > MAX_ENTITIES) {
    return [{ path: '$', message: `The scenario has ${entityCount.toLocaleString('en-US')} entities; at most ${MAX_ENTITIES.toLocaleString('en-US')} are supported.` }];
  }

  // Every id is unique across all kinds of entity: ids also key the layout and the canvas.
  const seen = new Map<string, string>();
  const claim = (id: string, path: ReadonlyArray<PropertyKey>): void => {
    const before = seen.get(id);
    if (before !== undefined) err(path, `The id "${id}" is already used at ${before}.`);
    else seen.set(id, pathOf(path));
  };
  s.organizations.forEach((o, i) => {
    claim(o.id, ['organizations', i, 'id']);
    claim(o.rootId, ['organizations', i, 'rootId']);
    o.ous.forEach((ou, j) => claim(ou.id, ['organizations', i, 'ous', j, 'id']));
    o.policies.forEach((p, j) => claim(p.id, ['organizations', i, 'policies', j, 'id']));
  });
  s.accounts.forEach((a, i) => claim(a.id, ['accounts', i, 'id']));
  s.principals.forEach((p, i) => claim(p.id, ['principals', i, 'id']));
  s.groups.forEach((g, i) => claim(g.id, ['groups', i, 'id']));
  s.managedPolicies.forEach((m, i) => claim(m.id, ['managedPolicies', i, 'id']));
  s.resources.forEach((r, i) => claim(r.id, ['resources', i, 'id']));
  s.rules.forEach((r, i) => {
    claim(r.id, ['rules', i, 'id']);
    r.targets.forEach((t, j) => claim(t.id, ['rules', i, 'targets', j, 'id']));
  });
  s.edges.forEach((e, i) => claim(e.id, ['edges', i, 'id']));

  const orgs = new Map(s.organizations.map((o) => [o.id, o]));
  // Looked up per account and per organization: built once, so the checks stay linear in the scenario's size.
  const ouIdsByOrg = new Map(s.organizations.map((o) => [o.id, new Set(o.ous.map((ou) => ou.id))]));
  const membersByOrg = new Map<string, Set<string>>();
  for (const a of s.accounts) {
    if (a.organizationId === undefined) continue;
    let set = membersByOrg.get(a.organizationId);
    if (!set) membersByOrg.set(a.organizationId, (set = new Set()));
    set.add(a.id);
  }
  const accounts = new Map(s.accounts.map((a) => [a.id, a]));
  const principals = new Map(s.principals.map((p) => [p.id, p]));
  const resources = new Map(s.resources.map((r) => [r.id, r]));

  s.organizations.forEach((o, i) => {
    const mgmt = accounts.get(o.managementAccountId);
    if (!mgmt) err(['organizations', i, 'managementAccountId'], `The management account ${o.managementAccountId} is not one of the scenario's accounts.`);
    else if (mgmt.organizationId !== o.id) err(['organizations', i, 'managementAccountId'], `The management account ${o.managementAccountId} must be a member of ${o.id}.`);
    const ouIds = ouIdsByOrg.get(o.id) ?? new Set<string>();
    // Parents by id, and each OU's fate once known, so the whole tree is checked in linear time (a chain
    // of 2,000 OUs walked up from every OU with a search per step was cubic: seconds of frozen page).
    const parentOf = new Map<string, string>();
    for (const ou of o.ous) if (!parentOf.has(ou.id)) parentOf.set(ou.id, ou.parentId);
    const fate = new Map<string, 'rooted' | 'cycle'>();
    o.ous.forEach((ou, j) => {
      if (ou.parentId !== o.rootId && !ouIds.has(ou.parentId)) err(['organizations', i, 'ous', j, 'parentId'], `The parent "${ou.parentId}" is neither the root nor an OU of ${o.id}.`);
      // Walk up until the root, a missing parent, or an OU already decided; a walk that meets itself is a
      // cycle. Every OU on the walk shares its fate, so each OU is walked through once.
      const walk: string[] = [];
      const onWalk = new Set<string>();
      let current: string | undefined = ou.id;
      let result: 'rooted' | 'cycle' = 'rooted';
      while (current !== undefined && current !== o.rootId) {
        const known = fate.get(current);
        if (known) {
          result = known;
          break;
        }
        if (onWalk.has(current)) {
          result = 'cycle';
          break;
        }
        onWalk.add(current);
        walk.push(current);
        current = parentOf.get(current);
      }
      for (const id of walk) fate.set(id, result);
      if (result === 'cycle') err(['organizations', i, 'ous', j, 'parentId'], `The OU "${ou.name}" is inside itself (a cycle of parents).`);
    });
    const members = membersByOrg.get(o.id) ?? new Set<string>();
    o.policies.forEach((p, j) =>
      p.targets.forEach((t, k) => {
        if (t !== o.rootId && !ouIds.has(t) && !members.has(t)) err(['organizations', i, 'policies', j, 'targets', k], `"${t}" is not the root, an OU or a member account of ${o.id}.`);
      }),
    );
  });

  s.accounts.forEach((a, i) => {
    if (a.organizationId === undefined) {
      if (a.parentId !== undefined) err(['accounts', i, 'parentId'], 'An account outside an organization has no parent.');
      return;
    }
    const org = orgs.get(a.organizationId);
    if (!org) err(['accounts', i, 'organizationId'], `No organization has the id "${a.organizationId}".`);
    else if (a.parentId !== undefined && a.parentId !== org.rootId && !ouIdsByOrg.get(org.id)?.has(a.parentId)) {
      err(['accounts', i, 'parentId'], `"${a.parentId}" is neither the root nor an OU of ${org.id}.`);
    }
  });

  s.principals.forEach((p, i) => {
    if (p.type !== 'service' && !accounts.has(p.accountId)) err(['principals', i, 'accountId'], `The account ${p.accountId} is not one of the scenario's accounts.`);
  });
  s.resources.forEach((r, i) => {
    if (!accounts.has(r.accountId)) err(['resources', i, 'accountId'], `The account ${r.accountId} is not one of the scenario's accounts.`);
  });
  checkIdentityLinks(s, accounts, err);

  s.rules.forEach((rule, i) => {
    const bus = resources.get(rule.busId);
    if (!bus) err(['rules', i, 'busId'], `No resource has the id "${rule.busId}".`);
    else if (bus.type !== 'events-bus') err(['rules', i, 'busId'], `A rule sits on an EventBridge event bus, not on a ${bus.type}.`);
    rule.targets.forEach((t, j) => {
      const target = resources.get(t.resourceId);
      if (!target) err(['rules', i, 'targets', j, 'resourceId'], `No resource has the id "${t.resourceId}".`);
      else if (t.resourcePath !== undefined && target.type !== 'apigateway-rest-api') err(['rules', i, 'targets', j, 'resourcePath'], 'A stage/METHOD/path applies only to an API Gateway target.');
      if (t.roleId !== undefined) {
        const role = principals.get(t.roleId);
        if (!role) err(['rules', i, 'targets', j, 'roleId'], `No principal has the id "${t.roleId}".`);
        else if (role.type !== 'iam-role') err(['rules', i, 'targets', j, 'roleId'], 'A rule target\'s role must be an IAM role.');
      }
    });
  });

  s.edges.forEach((e, i) => {
    const from = principals.get(e.from);
    if (!from) err(['edges', i, 'from'], resources.has(e.from) ? 'An edge starts at a principal, not at a resource.' : `No principal has the id "${e.from}".`);
    if (e.kind === 'access') {
      if (!resources.has(e.to)) err(['edges', i, 'to'], principals.has(e.to) ? 'An access edge ends at a resource; to reach a role, use an AssumeRole edge.' : `No resource has the id "${e.to}".`);
    } else {
      const to = principals.get(e.to);
      if (!to) err(['edges', i, 'to'], `No principal has the id "${e.to}".`);
      else if (to.type !== 'iam-role') err(['edges', i, 'to'], 'An AssumeRole edge must end at an IAM role.');
    }
  });
  return errors;
}

/**
 * Groups, managed policies and their attachments. IAM's own rules: a user belongs only to groups of its
 * account, and a customer managed policy can be attached only within its account (IAM User Guide, "IAM
 * user groups" and "Managed policies and inline policies"); an AWS managed policy can be attached anywhere.
 */
function checkIdentityLinks(s: Scenario, accounts: ReadonlyMap<string, unknown>, err: (path: ReadonlyArray<PropertyKey>, message: string) => void): void {
  const groups = new Map(s.groups.map((g) => [g.id, g]));
  const managed = new Map(s.managedPolicies.map((m) => [m.id, m]));
  s.managedPolicies.forEach((m, i) => {
    if (m.accountId !== undefined && !accounts.has(m.accountId)) err(['managedPolicies', i, 'accountId'], `The account ${m.accountId} is not one of the scenario's accounts.`);
  });
  const attachments = (ids: readonly string[] | undefined, accountId: string, at: ReadonlyArray<PropertyKey>): void => {
    const seen = new Set<string>();
    ids?.forEach((id, k) => {
      const m = managed.get(id);
      if (seen.has(id)) err([...at, k], `The managed policy "${id}" is attached twice.`);
      else if (!m) err([...at, k], `No managed policy has the id "${id}".`);
      else if (m.accountId !== undefined && m.accountId !== accountId) err([...at, k], `The customer managed policy ${m.name} belongs to account ${m.accountId}; it can be attached only in that account.`);
      seen.add(id);
    });
  };
  s.groups.forEach((g, i) => {
    if (!accounts.has(g.accountId)) err(['groups', i, 'accountId'], `The account ${g.accountId} is not one of the scenario's accounts.`);
    attachments(g.managedPolicyIds, g.accountId, ['groups', i, 'managedPolicyIds']);
  });
  s.principals.forEach((p, i) => {
    if (p.type !== 'iam-user' && p.type !== 'iam-role') return;
    attachments(p.managedPolicyIds, p.accountId, ['principals', i, 'managedPolicyIds']);
    if (p.boundaryPolicyId !== undefined) {
      const m = managed.get(p.boundaryPolicyId);
      if (!m) err(['principals', i, 'boundaryPolicyId'], `No managed policy has the id "${p.boundaryPolicyId}".`);
      else if (m.accountId !== undefined && m.accountId !== p.accountId) err(['principals', i, 'boundaryPolicyId'], `The customer managed policy ${m.name} belongs to account ${m.accountId}; it can be a boundary only in that account.`);
      if (p.permissionsBoundary !== undefined) err(['principals', i, 'boundaryPolicyId'], 'A principal has one permissions boundary: either a managed policy or a document, not both.');
    }
    if (p.type === 'iam-user') {
      const seen = new Set<string>();
      p.groupIds?.forEach((id, k) => {
        const g = groups.get(id);
        if (seen.has(id)) err(['principals', i, 'groupIds', k], `The user is in the group "${id}" twice.`);
        else if (!g) err(['principals', i, 'groupIds', k], `No group has the id "${id}".`);
        else if (g.accountId !== p.accountId) err(['principals', i, 'groupIds', k], `The group ${g.name} is in account ${g.accountId}; a user can be a member only of groups in its own account.`);
        seen.add(id);
      });
    }
  });
}

/**
 * The one door for untrusted scenario data — files, share links, local storage, fixtures.
 *
 * Checks size, then the version (running migrations from older versions, refusing newer ones), then the
 * shape, then references and invariants. Never throws; every problem comes back with its JSON path and a
 * plain message. Hostile input is safe: `__proto__` keys are dropped everywhere (see `withoutProtoKeys`)
 * and zod builds fresh objects, so nothing reaches any prototype. Limits: {@link MAX_ENTITIES} entities, strings of at most 100,000 characters.
 */
export function parseScenario(input: unknown): ParseResult {
  if (!isObject(input)) {
    return { ok: false, errors: [{ path: '$', message: `A scenario must be a JSON object, not ${input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input}.` }] };
  }
  const seen = { protoKeys: 0 };
  const tooBig = checkSize(input, seen);
  if (tooBig) return { ok: false, errors: [tooBig] };
  const clean = seen.protoKeys > 0 ? withoutProtoKeys(input) : input;
  const doc = isObject(clean) ? clean : input;

  const rawVersion = doc['version'] ?? 0;
  if (typeof rawVersion !== 'number' || !Number.isInteger(rawVersion) || rawVersion < 0) {
    return { ok: false, errors: [{ path: '$.version', message: 'The version must be a whole number.' }] };
  }
  if (rawVersion > CURRENT_SCENARIO_VERSION) {
    return {
      ok: false,
      errors: [{ path: '$.version', message: `This scenario was made by a newer version of the app (version ${rawVersion}); this app reads up to version ${CURRENT_SCENARIO_VERSION}.` }],
    };
  }
  const migrated = rawVersion < CURRENT_SCENARIO_VERSION ? migrate(doc, rawVersion) : doc;

  const parsed = ScenarioSchema.safeParse(migrated);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((issue) => ({ path: pathOf(issue.path), message: zodMessage(issue) })) };
  }
  const errors = checkReferences(parsed.data);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, scenario: parsed.data, ...(rawVersion < CURRENT_SCENARIO_VERSION ? { migratedFrom: rawVersion } : {}) };
}
