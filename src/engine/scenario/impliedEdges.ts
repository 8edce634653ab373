import {
  accountRootArn,
  drawnIds,
  hasHidden,
  principalArn,
  RESOURCE_TYPES,
  usedIds,
  type AccessEdge,
  type Account,
  type AssumeEdge,
  type Principal,
  type Resource,
  type Scenario,
} from '../../model';
import { arnMatch, wildcardMatch } from '../policy/wildcard';
import { buildWorld } from './buildWorld';

/**
 * The edges a scenario's policies imply, for data that has none (an import): every principal a role's trust
 * policy allows to call sts:AssumeRole gives an AssumeRole edge to the role; every principal a resource
 * policy's Allow statement names gives an access edge to the resource with the actions the statement names.
 * The engine then decides each edge as usual — an implied edge says "this policy names them", not "allowed":
 * the other side (the caller's identity policy, an SCP, a condition) may still refuse it.
 *
 * What a statement grants to everyone (`"*"`), to federated users, or through `NotPrincipal` gives no edge
 * (there is no one caller to draw) and is counted. Principals named that are not in the scenario are listed
 * (`outside`), and may be added as accounts of their own (`includeOutside`).
 *
 * Conditions the calls must satisfy are filled in where they say who is calling, not whether the call may
 * be made: `sts:ExternalId` on an AssumeRole edge, and `aws:SourceArn` / `aws:SourceAccount` on a service
 * principal's access edge (a service always calls on behalf of a source). Every other condition is left for
 * the engine to decide, and the decision says which one failed.
 */

/** Why an edge is implied: the policy and statement that name its caller. */
export interface ImpliedProvenance {
  readonly policy: 'trust' | 'resource';
  /** The role or resource whose policy it is. */
  readonly ownerId: string;
  readonly statementIndex: number;
  readonly sid?: string;
}

export interface ImpliedEdge {
  readonly edge: AccessEdge | AssumeEdge;
  readonly provenance: readonly ImpliedProvenance[];
  /** Actions named by patterns (`s3:*`) that the edge shows as the resource type's common actions, or left out beyond the first few. */
  readonly note?: string;
}

/** A principal named by a policy that is not in the scenario. */
export interface OutsidePrincipal {
  readonly arn: string;
  readonly account: string;
  readonly kind: 'account' | 'user' | 'role';
  readonly namedBy: readonly string[];
}

export interface ImpliedEdges {
  readonly edges: readonly ImpliedEdge[];
  /** Principals the edges start from that are not in the scenario yet: account root users and service principals (and, with `includeOutside`, outside users and roles). */
  readonly principals: readonly Principal[];
  /** Accounts added for outside principals (`includeOutside`). */
  readonly accounts: readonly Account[];
  /** Ids the new principals are added under as not drawn (when the scenario draws only part of itself). */
  readonly hidden: readonly string[];
  readonly outside: readonly OutsidePrincipal[];
  /**
   * Roles whose trust policy names a whole account in which no user or role has an identity policy allowing
   * sts:AssumeRole on the role (or an account outside the scenario): anyone there may be given that
   * permission later, so this is worth knowing although there is no caller to draw.
   */
  readonly trustedAccounts: readonly { readonly roleId: string; readonly account: string }[];
  /** Statements that imply no edge, by why. */
  readonly skipped: {
    readonly everyone: number;
    readonly federated: number;
    readonly notPrincipal: number;
    readonly session: number;
    readonly noAction: number;
    readonly existing: number;
  };
}

export interface ImpliedOptions {
  /** Add accounts (with their root user, or the named user or role) for principals outside the scenario. */
  readonly includeOutside?: boolean;
  /**
   * What is not drawn (`layout.hidden`), when the scenario passed does not carry its layout (the evaluation
   * worker holds only the model).
   */
  readonly hidden?: readonly string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const statements = (doc: { Statement: unknown } | undefined): Json[] => (!doc ? [] : Array.isArray(doc.Statement) ? (doc.Statement as Json[]) : [doc.Statement as Json]);

const ACCOUNT = /^\d{12}$/;
const IAM_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):(root|user\/.+|role\/.+)$/;
const SESSION_ARN = /^arn:aws[a-z-]*:sts::\d{12}:assumed-role\//;
/** Actions shown on one edge at most; more are summarised in its note. */
const MAX_ACTIONS = 4;

/** The value a condition pins a key to, when it names exactly one concrete value with an equality operator. */
function pinned(st: Json, key: string): string | undefined {
  const condition = st['Condition'];
  if (!isObject(condition)) return undefined;
  for (const [op, block] of Object.entries(condition)) {
    if (!/^(StringEquals|StringLike|ArnEquals|ArnLike)$/i.test(op) || !isObject(block)) continue;
    for (const [k, v] of Object.entries(block)) {
      if (k.toLowerCase() !== key.toLowerCase()) continue;
      const values = strings(v);
      if (values.length === 1 && !/[*?]/.test(values[0] as string)) return values[0];
    }
  }
  return undefined;
}

/** Whether a statement's Action allows `action` (Action only: a NotAction statement names no action to draw). */
function allowsAction(st: Json, action: string): boolean {
  return strings(st['Action']).some((a) => wildcardMatch(a, action, true));
}

/**
 * The actions an access edge shows for a statement on a resource: concrete actions of the resource's service
 * as written (service prefix in lower case), and for a pattern (`s3:*`, `s3:Get*`) the resource type's common
 * actions it covers.
 */
function edgeActions(st: Json, resource: Resource): { actions: string[]; patterns: string[] } {
  const info = RESOURCE_TYPES[resource.type];
  const service = info.service.toLowerCase();
  const actions: string[] = [];
  const patterns: string[] = [];
  for (const a of strings(st['Action'])) {
    const i = a.indexOf(':');
    const prefix = i < 0 ? a : a.slice(0, i).toLowerCase();
    if (a === '*' || (prefix === service && /[*?]/.test(a))) {
      patterns.push(a);
      for (const c of info.commonActions) if (wildcardMatch(a, c, true) && !actions.some((x) => x.toLowerCase() === c.toLowerCase())) actions.push(c);
    } else if (prefix === service && /^[A-Za-z0-9-]+$/.test(a.slice(i + 1))) {
      const action = `${service}:${a.slice(i + 1)}`;
      if (!actions.some((x) => x.toLowerCase() === action.toLowerCase())) actions.push(action);
    }
  }
  return { actions, patterns };
}

/** Computes the implied edges of a scenario. Pure: the scenario is not changed (see `applyImplied`). */
export function impliedEdges(given: Scenario, options: ImpliedOptions = {}): ImpliedEdges {
  const scenario: Scenario = options.hidden ? { ...given, layout: { ...given.layout, hidden: [...options.hidden] } } : given;
  const taken = usedIds(scenario);
  const byArn = new Map<string, Principal>();
  const roots = new Map<string, Principal>();
  const services = new Map<string, Principal>();
  for (const p of scenario.principals) {
    if (p.type === 'account-root') roots.set(p.accountId, p);
    else if (p.type === 'service') services.set(p.service.toLowerCase(), p);
    else byArn.set(principalArn(p), p);
  }
  const accounts = new Set(scenario.accounts.map((a) => a.id));
  const newPrincipals = new Map<string, Principal>();
  const newAccounts = new Map<string, Account>();
  const outside = new Map<string, { arn: string; account: string; kind: OutsidePrincipal['kind']; namedBy: Set<string> }>();
  const skipped = { everyone: 0, federated: 0, notPrincipal: 0, session: 0, noAction: 0, existing: 0 };
  const existing = new Set(scenario.edges.map((e) => `${e.kind}|${e.from}|${e.to}`));
  const planned = new Map<string, { edge: AccessEdge | AssumeEdge; provenance: ImpliedProvenance[]; patterns: Set<string> }>();
  let n = 0;
  const freshId = (prefix: string): string => {
    let id: string;
    do id = `${prefix}-${++n}`;
    while (taken.has(id));
    taken.add(id);
    return id;
  };

  const rootOf = (account: string): Principal | undefined => {
    const known = roots.get(account) ?? newPrincipals.get(accountRootArn(account));
    if (known) return known;
    if (!accounts.has(account) && !newAccounts.has(account)) return undefined;
    const id = taken.has(accountRootArn(account)) ? freshId(`root-${account}`) : accountRootArn(account);
    taken.add(id);
    const p: Principal = { id, type: 'account-root', name: 'root', accountId: account, tags: {} };
    newPrincipals.set(accountRootArn(account), p);
    roots.set(account, p);
    return p;
  };
  const serviceOf = (service: string): Principal | undefined => {
    const key = service.toLowerCase();
    if (!/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(key)) return undefined;
    const known = services.get(key);
    if (known) return known;
    const id = taken.has(`service:${key}`) ? freshId(`service-${key}`) : `service:${key}`;
    taken.add(id);
    const p: Principal = { id, type: 'service', name: key, service: key, tags: {} };
    services.set(key, p);
    newPrincipals.set(id, p);
    return p;
  };
  /** The principal an `AWS` value names, creating root users (and outside principals) as needed. */
  const awsPrincipal = (value: string, namedBy: string): Principal | 'everyone' | 'session' | undefined => {
    if (value === '*') return 'everyone';
    if (SESSION_ARN.test(value)) return 'session';
    const account = ACCOUNT.test(value) ? value : IAM_ARN.exec(value)?.[1];
    if (!account) return undefined;
    const isRoot = ACCOUNT.test(value) || value.endsWith(':root');
    if (isRoot) {
      const root = rootOf(account);
      if (root) return root;
    } else {
      const known = byArn.get(value) ?? newPrincipals.get(value);
      if (known) return known;
    }
    const kind: OutsidePrincipal['kind'] = isRoot ? 'account' : value.includes(':user/') ? 'user' : 'role';
    if (accounts.has(account) && !isRoot) {
      // A user or role of an account in the scenario that the scenario does not hold (deleted, or another file).
      const o = outside.get(value) ?? { arn: value, account, kind, namedBy: new Set<string>() };
      o.namedBy.add(namedBy);
      outside.set(value, o);
      return undefined;
    }
    const o = outside.get(value) ?? { arn: value, account, kind, namedBy: new Set<string>() };
    o.namedBy.add(namedBy);
    outside.set(value, o);
    if (!options.includeOutside) return undefined;
    if (!newAccounts.has(account)) newAccounts.set(account, { id: account, name: `Outside account ${account}` });
    if (isRoot) return rootOf(account);
    const m = /:(user|role)(\/(?:.*\/)?)([^/]+)$/.exec(value);
    if (!m) return undefined;
    const [, type, path = '/', name = ''] = m;
    const p: Principal =
      type === 'user'
        ? { id: value, type: 'iam-user', name, accountId: account, path, tags: {}, policies: [] }
        : { id: value, type: 'iam-role', name, accountId: account, path, tags: {}, policies: [], trustPolicy: { Version: '2012-10-17', Statement: [] } };
    taken.add(value);
    newPrincipals.set(value, p);
    return p;
  };

  /** Counts an Allow statement for federated users (SAML, OIDC) or an S3 canonical user: no IAM caller to draw. */
  const federated = (st: Json): void => {
    const block = st['Principal'];
    if (st['Effect'] === 'Allow' && isObject(block) && (block['Federated'] !== undefined || block['CanonicalUser'] !== undefined)) skipped.federated++;
  };

  /** The principals a statement's Principal element names; counts what names no one caller. */
  const namedPrincipals = (st: Json, namedBy: string): Principal[] => {
    if (st['NotPrincipal'] !== undefined) {
      skipped.notPrincipal++;
      return [];
    }
    const block = st['Principal'];
    if (block === '*') {
      skipped.everyone++;
      return [];
    }
    if (!isObject(block)) return [];
    const out: Principal[] = [];
    for (const v of strings(block['AWS'])) {
      const p = awsPrincipal(v, namedBy);
      if (p === 'everyone') skipped.everyone++;
      else if (p === 'session') skipped.session++;
      else if (p) out.push(p);
    }
    for (const v of strings(block['Service'])) {
      const p = serviceOf(v);
      if (p) out.push(p);
    }
    return out;
  };

  const plan = (kind: 'access' | 'assume', from: Principal, to: string, provenance: ImpliedProvenance, make: () => AccessEdge | AssumeEdge, extra?: { actions: string[]; patterns: string[]; context?: Record<string, string> }): void => {
    const key = `${kind}|${from.id}|${to}`;
    if (existing.has(key)) {
      skipped.existing++;
      return;
    }
    const before = planned.get(key);
    if (before) {
      before.provenance.push(provenance);
      if (before.edge.kind === 'access' && extra) {
        const actions = [...before.edge.actions];
        for (const a of extra.actions) if (!actions.some((x) => x.toLowerCase() === a.toLowerCase())) actions.push(a);
        before.edge = { ...before.edge, actions };
        for (const p of extra.patterns) before.patterns.add(p);
      }
      return;
    }
    planned.set(key, { edge: make(), provenance: [provenance], patterns: new Set(extra?.patterns ?? []) });
  };

  // A trust policy that names an account trusts whoever that account allows: its root user cannot call
  // AssumeRole (IAM User Guide, "Root user best practices": AssumeRole needs an IAM user's or role's
  // credentials), so the callers drawn are the account's users and roles whose identity policies allow
  // sts:AssumeRole on the role. The engine then decides each (SCPs, boundaries, conditions).
  const trustedAccounts: { roleId: string; account: string }[] = [];
  let assumers: Map<string, { principal: Principal; resources: string[] }[]> | undefined;
  const assumersIn = (account: string): { principal: Principal; resources: string[] }[] => {
    if (!assumers) {
      assumers = new Map();
      const world = buildWorld(scenario);
      for (const { model, entity } of world.principalsById.values()) {
        if (model.type !== 'iam-user' && model.type !== 'iam-role') continue;
        const resources: string[] = [];
        for (const sp of entity.identityPolicies) {
          for (const st of sp.policy.statements) {
            if (st.effect === 'Allow' && st.action?.some((a) => wildcardMatch(a, 'sts:AssumeRole', true))) resources.push(...(st.resource ?? []));
          }
        }
        if (resources.length === 0) continue;
        const list = assumers.get(model.accountId) ?? [];
        list.push({ principal: model, resources });
        assumers.set(model.accountId, list);
      }
    }
    return assumers.get(account) ?? [];
  };

  for (const role of scenario.principals) {
    if (role.type !== 'iam-role') continue;
    const roleArn = principalArn(role);
    statements(role.trustPolicy).forEach((st, index) => {
      federated(st);
      if (st['Effect'] !== 'Allow' || !allowsAction(st, 'sts:AssumeRole')) return;
      const provenance: ImpliedProvenance = { policy: 'trust', ownerId: role.id, statementIndex: index, ...(typeof st['Sid'] === 'string' && st['Sid'] ? { sid: st['Sid'] } : {}) };
      const externalId = pinned(st, 'sts:ExternalId');
      for (const from of namedPrincipals(st, `the trust policy of ${role.name}`)) {
        if (from.id === role.id) continue;
        const callers = from.type === 'account-root' ? assumersIn(from.accountId).filter((c) => c.principal.id !== role.id && c.resources.some((r) => r === '*' || arnMatch(r, roleArn))).map((c) => c.principal) : [from];
        if (from.type === 'account-root' && callers.length === 0) {
          if (!trustedAccounts.some((t) => t.roleId === role.id && t.account === from.accountId)) trustedAccounts.push({ roleId: role.id, account: from.accountId });
          continue;
        }
        for (const caller of callers) plan('assume', caller, role.id, provenance, () => ({ kind: 'assume', id: freshId('implied-assume'), from: caller.id, to: role.id, ...(externalId ? { externalId } : {}) }));
      }
    });
  }

  for (const resource of scenario.resources) {
    if (!resource.policy) continue;
    statements(resource.policy).forEach((st, index) => {
      federated(st);
      if (st['Effect'] !== 'Allow') return;
      const named = namedPrincipals(st, `the policy of ${resource.name}`);
      if (named.length === 0) return;
      const { actions, patterns } = edgeActions(st, resource);
      if (actions.length === 0) {
        skipped.noAction++;
        return;
      }
      const provenance: ImpliedProvenance = { policy: 'resource', ownerId: resource.id, statementIndex: index, ...(typeof st['Sid'] === 'string' && st['Sid'] ? { sid: st['Sid'] } : {}) };
      for (const from of named) {
        const context: Record<string, string> = {};
        if (from.type === 'service') {
          for (const key of ['aws:SourceArn', 'aws:SourceAccount']) {
            const v = pinned(st, key);
            if (v) context[key] = v;
          }
        }
        plan('access', from, resource.id, provenance, () => ({ kind: 'access', id: freshId('implied-access'), from: from.id, to: resource.id, actions: [...actions], ...(Object.keys(context).length > 0 ? { context } : {}) }), { actions, patterns });
      }
    });
  }

  const edges: ImpliedEdge[] = [...planned.values()].map(({ edge, provenance, patterns }) => {
    const notes: string[] = [];
    let e = edge;
    if (e.kind === 'access' && e.actions.length > MAX_ACTIONS) {
      notes.push(`${e.actions.length - MAX_ACTIONS} more action${e.actions.length - MAX_ACTIONS === 1 ? '' : 's'} named (${e.actions.slice(MAX_ACTIONS).join(', ')})`);
      e = { ...e, actions: e.actions.slice(0, MAX_ACTIONS) };
    }
    if (patterns.size > 0) notes.push(`${[...patterns].join(', ')} shown as the common actions it covers`);
    return { edge: e, provenance, ...(notes.length > 0 ? { note: notes.join('; ') } : {}) };
  });

  // In a scenario that draws only part of itself, a new caller is drawn only where its edge reaches something drawn.
  let hidden: string[] = [];
  if (hasHidden(scenario)) {
    const drawn = drawnIds(scenario);
    const reachesDrawn = new Set(edges.filter((x) => drawn.has(x.edge.to)).map((x) => x.edge.from));
    hidden = [...newPrincipals.values()].filter((p) => !reachesDrawn.has(p.id)).map((p) => p.id);
    hidden.push(...[...newAccounts.keys()].filter((a) => ![...newPrincipals.values()].some((p) => p.type !== 'service' && p.accountId === a && reachesDrawn.has(p.id))));
  }

  // Root users created only for account-level trust that found no caller are not needed.
  const used = new Set(edges.flatMap((x) => [x.edge.from]));
  for (const [key, p] of newPrincipals) if (p.type === 'account-root' && !used.has(p.id)) newPrincipals.delete(key);
  for (const [id] of newAccounts) if (![...newPrincipals.values()].some((p) => p.type !== 'service' && p.accountId === id)) newAccounts.delete(id);

  return {
    edges,
    trustedAccounts,
    principals: [...newPrincipals.values()],
    accounts: [...newAccounts.values()],
    hidden,
    outside: [...outside.values()].map((o) => ({ arn: o.arn, account: o.account, kind: o.kind, namedBy: [...o.namedBy] })),
    skipped,
  };
}
