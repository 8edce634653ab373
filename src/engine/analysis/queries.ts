import type { StatementRef } from '../trace';
import { compiledOf } from '../policy/normalize';
import type { AccessAnalysis, Grant } from './analyze';
import type { AnalysisSubject, ContextValue, Finding, FindingKind, MatrixCell, MatrixFilter, MatrixView, NarrowingCondition, ReachEntry, ReachHop, ReachResult, ZoneOfTrust } from './types';

/**
 * The questions asked of a finished analysis: who can reach a resource, what a principal can reach (through
 * the roles it can assume, transitively, each role once by its shortest chain), the access matrix, and the
 * findings of a zone of trust. Pure functions of the analysis; nothing here decides a request.
 */

/** The default number of AssumeRole hops followed. */
export const DEFAULT_MAX_DEPTH = 5;

function contextValues(extra: Grant['extra']): ContextValue[] {
  if (!extra) return [];
  return Object.keys(extra).map((key) => {
    const v = extra[key] as string | readonly string[];
    return { key, values: typeof v === 'string' ? [v] : [...v] };
  });
}

const byName = (a: string, b: string): number => a.localeCompare(b, 'en', { sensitivity: 'base' });

function allowedActions(grants: readonly Grant[]): string[] {
  return grants.filter((g) => g.decision === 'allowed').flatMap((g) => g.cls.actions);
}

function deniedActions(grants: readonly Grant[]): string[] {
  return grants.filter((g) => g.decision === 'explicit-deny').flatMap((g) => g.cls.actions);
}

/** The resource ARNs by key, per analysis (for the sub-path of a last hop). */
const arns = new WeakMap<AccessAnalysis, Map<string, string>>();
function arnOf(analysis: AccessAnalysis, resource: string): string | undefined {
  let m = arns.get(analysis);
  if (!m) {
    m = new Map(analysis.prepared.resources.map((r) => [r.resource.key, r.resource.arn]));
    arns.set(analysis, m);
  }
  return m.get(resource);
}

/** The last hop of a path: the request on the resource, with the context the analysis found for it. */
function lastHop(analysis: AccessAnalysis, from: string, resource: string, grants: readonly Grant[], wanted?: string): ReachHop {
  const g = (wanted !== undefined ? grants.find((x) => x.decision === 'allowed' && x.cls.actions.some((a) => a.toLowerCase() === wanted)) : undefined) ?? grants.find((x) => x.decision === 'allowed') ?? grants[0];
  const action = wanted !== undefined ? (g?.cls.actions.find((a) => a.toLowerCase() === wanted) ?? g?.cls.rep) : g?.cls.rep;
  const whole = arnOf(analysis, resource);
  const sub = g && whole !== undefined && g.arn.startsWith(`${whole}/`) ? g.arn.slice(whole.length + 1) : undefined;
  return { from, to: resource, action: action ?? '', context: contextValues(g?.extra), ...(sub !== undefined ? { resourcePath: sub } : {}) };
}

interface Acc {
  actions: Set<string>;
  denied: Set<string>;
  path: ReachHop[];
  throughRoles: boolean;
}

function entriesOf(map: Map<string, Acc>, kind: 'who' | 'what', focus: string, relevant: (resource: string) => number, limit: number): ReachEntry[] {
  const out: ReachEntry[] = [];
  for (const [key, acc] of map) {
    if (acc.actions.size === 0 && acc.denied.size === 0) continue;
    for (const a of acc.actions) acc.denied.delete(a);
    const subject = kind === 'who' ? key : focus;
    const resource = kind === 'who' ? focus : key;
    out.push({ subject, resource, actions: [...acc.actions].sort(byName), denied: [...acc.denied].sort(byName), relevant: relevant(resource), path: acc.path, throughRoles: acc.throughRoles });
    if (out.length >= limit) break;
  }
  return out;
}

/** What a subject can reach: directly, and as every role it can assume within `maxDepth` hops. */
export function whatCanReach(analysis: AccessAnalysis, subjectKey: string, maxDepth = DEFAULT_MAX_DEPTH, limit = 5000): ReachResult {
  const chains = analysis.chainsFrom(subjectKey, maxDepth);
  const acc = new Map<string, Acc>();
  const actors: Array<{ key: string; hops: ReachHop[] }> = [{ key: subjectKey, hops: [] }];
  for (const role of [...chains.keys()].sort((a, b) => (chains.get(a)?.depth ?? 0) - (chains.get(b)?.depth ?? 0))) actors.push({ key: role, hops: analysis.hopsTo(chains, role) });
  for (const { key, hops } of actors) {
    const direct = key === subjectKey;
    for (const [resource, grants] of analysis.row(key)) {
      const allowed = allowedActions(grants);
      let a = acc.get(resource);
      if (!a) {
        if (allowed.length === 0 && !direct) continue;
        a = { actions: new Set(), denied: new Set(), path: [...hops, lastHop(analysis, key, resource, grants)], throughRoles: !direct };
        acc.set(resource, a);
      } else if (a.actions.size === 0 && allowed.length > 0) {
        // Denied directly but allowed through a role: the path shown is the one that works.
        a.path = [...hops, lastHop(analysis, key, resource, grants)];
        a.throughRoles = !direct;
      }
      for (const x of allowed) a.actions.add(x);
      if (direct) for (const x of deniedActions(grants)) a.denied.add(x);
    }
  }
  const relevant = (r: string): number => analysis.prepared.resourceByKey.get(r)?.resource.relevantActions ?? 0;
  const entries = entriesOf(acc, 'what', subjectKey, relevant, limit);
  return { kind: 'what', focus: subjectKey, entries, maxDepth, truncated: entries.length >= limit };
}

/** Who can reach a resource: directly, or by assuming, within `maxDepth` hops, a role that can. */
export function whoCanReach(analysis: AccessAnalysis, resourceKey: string, maxDepth = DEFAULT_MAX_DEPTH, limit = 5000): ReachResult {
  const acc = new Map<string, Acc>();
  const direct = analysis.column(resourceKey);
  for (const [subject, grants] of direct) {
    acc.set(subject, { actions: new Set(allowedActions(grants)), denied: new Set(deniedActions(grants)), path: [lastHop(analysis, subject, resourceKey, grants)], throughRoles: false });
  }
  // Backwards from the roles that reach the resource: who can assume them, and who can assume those, ...
  // Roles that reach it with the same actions are walked back together (one breadth-first search each).
  const groups = new Map<string, { actions: string[]; roles: Array<{ role: string; grants: readonly Grant[] }> }>();
  for (const [accessor, grants] of direct) {
    const allowed = allowedActions(grants).sort(byName);
    if (allowed.length === 0 || !accessor.startsWith('p:') || analysis.assumersOf(accessor).length === 0) continue;
    const key = allowed.join(' ');
    const g = groups.get(key) ?? groups.set(key, { actions: allowed, roles: [] }).get(key);
    g?.roles.push({ role: accessor, grants });
  }
  for (const { actions, roles } of groups.values()) {
    const sources = new Map(roles.map((x) => [x.role, x.grants]));
    const next = new Map<string, { to: string; grant: Grant }>();
    let frontier = [...sources.keys()];
    for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
      const upcoming: string[] = [];
      for (const node of frontier) {
        for (const { subject, grant } of analysis.assumersOf(node)) {
          if (sources.has(subject) || next.has(subject)) continue;
          next.set(subject, { to: node, grant });
          upcoming.push(subject);
        }
      }
      frontier = upcoming;
    }
    for (const subject of next.keys()) {
      const hops: ReachHop[] = [];
      let at = subject;
      for (let guard = 0; guard < 64 && !sources.has(at); guard++) {
        const step = next.get(at);
        if (!step) break;
        hops.push({ from: at, to: step.to, action: 'sts:AssumeRole', context: contextValues(step.grant.extra) });
        at = step.to;
      }
      const path = [...hops, lastHop(analysis, at, resourceKey, sources.get(at) ?? [])];
      const a = acc.get(subject);
      if (!a) acc.set(subject, { actions: new Set(actions), denied: new Set(), path, throughRoles: true });
      else {
        const had = a.actions.size;
        for (const x of actions) a.actions.add(x);
        if (had === 0 || (a.throughRoles && path.length < a.path.length)) {
          a.path = path;
          a.throughRoles = true;
        }
      }
    }
  }
  const relevant = (r: string): number => analysis.prepared.resourceByKey.get(r)?.resource.relevantActions ?? 0;
  const entries = entriesOf(acc, 'who', resourceKey, relevant, limit);
  return { kind: 'who', focus: resourceKey, entries, maxDepth, truncated: entries.length >= limit };
}

/** The shortest way a subject reaches a resource (for `action`, or any allowed action), if it does. */
export function pathTo(analysis: AccessAnalysis, subjectKey: string, resourceKey: string, action?: string, maxDepth = DEFAULT_MAX_DEPTH): ReachHop[] | undefined {
  const wanted = action?.toLowerCase();
  const fits = (grants: readonly Grant[]): boolean => grants.some((g) => g.decision === 'allowed' && (wanted === undefined || g.cls.actions.some((a) => a.toLowerCase() === wanted)));
  const direct = analysis.grants(subjectKey, resourceKey);
  if (fits(direct)) return [lastHop(analysis, subjectKey, resourceKey, direct, wanted)];
  const chains = analysis.chainsFrom(subjectKey, maxDepth);
  let best: ReachHop[] | undefined;
  for (const [role, step] of chains) {
    const grants = analysis.grants(role, resourceKey);
    if (!fits(grants)) continue;
    if (best && best.length <= step.depth + 1) continue;
    best = [...analysis.hopsTo(chains, role), lastHop(analysis, role, resourceKey, grants, wanted)];
  }
  return best;
}

// ------------------------------------------------------------------------------------------------
// Matrix

const SUBJECT_ORDER: Record<AnalysisSubject['kind'], number> = { drawn: 0, principal: 1, account: 2, organization: 3, public: 4, service: 5 };

/**
 * The access matrix: principals × resources, each cell all / some / none / explicitly denied with its
 * allowed-action count, through roles unless asked otherwise.
 *
 * Through roles, a principal reaches what every role it can assume within `maxDepth` hops reaches. On a
 * large scenario nearly every principal reaches hundreds of roles, so the union is not walked per cell: each
 * cell's action classes are one bit of a row's bit set, and what each role reaches within k hops is its own
 * bits OR the (k−1)-hop sets of the roles it can assume, computed once per depth for every role (the same
 * set as walking each role once by its shortest chain: a role within k hops is reached by some walk of at
 * most k hops, and every such walk's roles are within k hops).
 */
export function accessMatrix(analysis: AccessAnalysis, filter: MatrixFilter = {}): MatrixView {
  const { principalAccounts = [], resourceAccounts = [], services = [], action, outsiders = true, throughRoles = true, hideEmpty = true, maxDepth = DEFAULT_MAX_DEPTH, limit = 200 } = filter;
  const wanted = action?.toLowerCase();
  const p = analysis.prepared;
  const inScope = p.resources.filter((r) => (resourceAccounts.length === 0 || resourceAccounts.includes(r.account)) && (services.length === 0 || services.includes(r.service)));
  const actions = new Set<string>();
  for (const r of inScope) for (const c of r.classes) for (const a of c.actions) actions.add(a);
  const columns = inScope
    .filter((r) => wanted === undefined || r.classes.some((c) => c.actions.some((a) => a.toLowerCase() === wanted)))
    .sort((a, b) => byName(a.account, b.account) || byName(a.resource.label, b.resource.label));
  const rows = p.subjects
    .filter((s) => (outsiders || s.subject.kind === 'drawn') && (principalAccounts.length === 0 || s.subject.account === undefined || principalAccounts.includes(s.subject.account)))
    .sort((a, b) => SUBJECT_ORDER[a.subject.kind] - SUBJECT_ORDER[b.subject.kind] || byName(a.subject.account ?? '', b.subject.account ?? '') || byName(a.subject.label, b.subject.label));

  // One slot per (column, action class); a class's actions all map to its slot.
  const slotOf = new Map<string, Map<string, number>>();
  const slotSize: number[] = [];
  const firstSlot: number[] = [];
  columns.forEach((r) => {
    const m = new Map<string, number>();
    firstSlot.push(slotSize.length);
    for (const c of r.classes) {
      const hit = wanted === undefined || c.actions.some((a) => a.toLowerCase() === wanted);
      if (!hit) continue;
      const slot = slotSize.length;
      slotSize.push(wanted === undefined ? c.actions.length : 1);
      for (const a of c.actions) m.set(a.toLowerCase(), slot);
    }
    slotOf.set(r.resource.key, m);
  });
  firstSlot.push(slotSize.length);
  const words = Math.ceil(slotSize.length / 32) || 1;
  const bitsOf = (key: string, effect: Grant['decision']): Uint32Array => {
    const bits = new Uint32Array(words);
    for (const [resource, grants] of analysis.row(key)) {
      const m = slotOf.get(resource);
      if (!m) continue;
      for (const g of grants) {
        if (g.decision !== effect) continue;
        const slot = m.get(g.cls.rep.toLowerCase());
        if (slot !== undefined) bits[slot >>> 5] = (bits[slot >>> 5] as number) | (1 << (slot & 31));
      }
    }
    return bits;
  };
  const or = (into: Uint32Array, from: Uint32Array): void => {
    for (let i = 0; i < words; i++) into[i] = (into[i] as number) | (from[i] as number);
  };

  // What each role reaches within maxDepth − 1 further hops.
  let reach = new Map<string, Uint32Array>();
  if (throughRoles && maxDepth >= 1) {
    const roles = p.resources.filter((r) => r.resource.type === 'iam-role').map((r) => `p:${r.resource.key}`);
    const own = new Map(roles.map((k) => [k, bitsOf(k, 'allowed')]));
    reach = own;
    for (let k = 1; k < maxDepth; k++) {
      const next = new Map<string, Uint32Array>();
      let changed = false;
      for (const role of roles) {
        const bits = Uint32Array.from(own.get(role) as Uint32Array);
        for (const { role: to } of analysis.assumable(role)) {
          const theirs = reach.get(to);
          if (theirs) or(bits, theirs);
        }
        const before = reach.get(role) as Uint32Array;
        for (let i = 0; i < words && !changed; i++) if (bits[i] !== before[i]) changed = true;
        next.set(role, bits);
      }
      reach = next;
      // Nothing grew: deeper hops add nothing more.
      if (!changed) break;
    }
  }

  const columnKeys = columns.map((r) => r.resource.key);
  const relevantOf = columns.map((_, i) => {
    let n = 0;
    for (let slot = firstSlot[i] as number; slot < (firstSlot[i + 1] as number); slot++) n += slotSize[slot] as number;
    return n;
  });
  const has = (bits: Uint32Array, slot: number): boolean => ((bits[slot >>> 5] as number) & (1 << (slot & 31))) !== 0;
  const outRows: string[] = [];
  const cells: MatrixCell[][] = [];
  const used = new Array<boolean>(columns.length).fill(!hideEmpty);
  let total = 0;
  let truncated = false;
  for (const s of rows) {
    const key = s.subject.key;
    const direct = bitsOf(key, 'allowed');
    const denied = bitsOf(key, 'explicit-deny');
    const all = Uint32Array.from(direct);
    if (throughRoles && maxDepth >= 1) {
      for (const { role } of analysis.assumable(key)) {
        const theirs = reach.get(role);
        if (theirs) or(all, theirs);
      }
    }
    const row: MatrixCell[] = columnKeys.map((_, i) => {
      let n = 0;
      let viaOnly = true;
      let d = 0;
      for (let slot = firstSlot[i] as number; slot < (firstSlot[i + 1] as number); slot++) {
        if (has(all, slot)) {
          n += slotSize[slot] as number;
          if (has(direct, slot)) viaOnly = false;
        } else if (has(denied, slot)) d++;
      }
      const relevant = relevantOf[i] as number;
      const state = n > 0 ? (n >= relevant ? 'all' : 'some') : d > 0 ? 'denied' : 'none';
      return { state, allowed: n, relevant, throughRoles: n > 0 && viaOnly };
    });
    if (hideEmpty && row.every((c) => c.state === 'none')) continue;
    total++;
    if (outRows.length >= limit) {
      truncated = true;
      continue;
    }
    row.forEach((c, i) => {
      if (c.state !== 'none') used[i] = true;
    });
    outRows.push(key);
    cells.push(row);
  }
  let kept = used.map((k, i) => (k ? i : -1)).filter((i) => i >= 0);
  const totalColumns = kept.length;
  if (kept.length > limit) {
    kept = kept.slice(0, limit);
    truncated = true;
  }
  return {
    rows: outRows,
    columns: kept.map((i) => columnKeys[i] as string),
    cells: cells.map((row) => kept.map((i) => row[i] as MatrixCell)),
    totalRows: total,
    totalColumns,
    truncated,
    actions: [...actions].sort(byName),
  };
}

/** A CSV field (RFC 4180: quoted when it holds a comma, a quote or a line break). */
function csvField(value: string): string {
  // A leading =, +, - or @ makes spreadsheets read a formula: prefix it so the text stays text.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The matrix as CSV: one line per principal × resource with access (or explicit denial). */
export function matrixCsv(analysis: AccessAnalysis, filter: MatrixFilter = {}): string {
  const view = accessMatrix(analysis, { ...filter, limit: Number.MAX_SAFE_INTEGER });
  const p = analysis.prepared;
  const lines = [['principal', 'principal kind', 'principal account', 'resource', 'resource type', 'resource account', 'resource ARN', 'access', 'allowed actions', 'relevant actions', 'through roles'].join(',')];
  view.rows.forEach((rowKey, i) => {
    const s = p.subjectByKey.get(rowKey)?.subject;
    view.columns.forEach((colKey, j) => {
      const c = view.cells[i]?.[j];
      const r = p.resourceByKey.get(colKey)?.resource;
      if (!s || !r || !c || c.state === 'none') return;
      lines.push([s.label, s.kind, s.account ?? '', r.label, r.type, r.account, r.arn, c.state === 'denied' ? 'explicitly denied' : c.state, String(c.allowed), String(c.relevant), c.throughRoles ? 'yes' : 'no'].map(csvField).join(','));
    });
  });
  return `${lines.join('\r\n')}\r\n`;
}

// ------------------------------------------------------------------------------------------------
// Zone of trust and findings

/** Whether an account is inside the zone. */
function accountInZone(analysis: AccessAnalysis, zone: ZoneOfTrust, account: string | undefined): boolean {
  if (account === undefined) return false;
  if (zone.kind === 'account') return account === zone.accountId;
  return analysis.prepared.evaluation.world.accountsById.get(account)?.organizationId === zone.organizationId;
}

/** Whether a principal is inside the zone of trust (trusted). */
export function subjectInZone(analysis: AccessAnalysis, zone: ZoneOfTrust, s: AnalysisSubject): boolean {
  switch (s.kind) {
    case 'public':
      return false;
    case 'organization':
      return zone.kind === 'organization' && s.organizationId === zone.organizationId;
    case 'service':
      // A service acting for a resource of the zone is the zone's own integration; for anyone else, it is not.
      return accountInZone(analysis, zone, s.sourceAccount);
    default:
      return accountInZone(analysis, zone, s.account);
  }
}

const BREADTH: Record<AnalysisSubject['kind'], number> = { public: 0, organization: 1, account: 2, principal: 3, drawn: 3, service: 9 };

/**
 * The broader subjects that could cover `b` in a finding, narrowest first: its account (for a principal of
 * it), its organization, and anyone.
 */
function coverersOf(b: AnalysisSubject): string[] {
  if (b.kind === 'service' || b.kind === 'public') return [];
  const out: string[] = [];
  if ((b.kind === 'drawn' || b.kind === 'principal') && b.account !== undefined) out.push(`account:${b.account}`);
  if (b.kind !== 'organization' && b.organizationId !== undefined) out.push(`org:${b.organizationId}`);
  out.push('public');
  return out;
}

const KIND: Record<AnalysisSubject['kind'], FindingKind> = { public: 'public', organization: 'organization', account: 'cross-account', principal: 'cross-account', drawn: 'cross-account', service: 'service' };

/**
 * The findings of a zone of trust: for every resource inside it (roles included, by their trust policy),
 * every principal outside it that the engine allows at least one relevant action, with the resource-policy
 * statements that admit it and their conditions — IAM Access Analyzer's external-access findings, decided
 * here by the engine with the zone's own SCPs and RCPs applied. Narrower findings of the same grant are
 * folded into the broader one (an account's principals into the account, accounts into "anyone") when they
 * have no more actions. Public findings come first.
 */
export function findingsFor(analysis: AccessAnalysis, zone: ZoneOfTrust): Finding[] {
  const p = analysis.prepared;
  const out: Finding[] = [];
  const zoneKey = zone.kind === 'account' ? `account:${zone.accountId}` : `org:${zone.organizationId}`;
  for (const r of p.resources) {
    if (!accountInZone(analysis, zone, r.account)) continue;
    const column = analysis.column(r.resource.key);
    // A column kept from the previous analysis (the same object) has the same findings.
    const cached = analysis.findingsCache.get(column as never)?.get(zoneKey) as Finding[] | undefined;
    if (cached) {
      out.push(...cached);
      continue;
    }
    const mineStart = out.length;
    const outside: Array<{ s: AnalysisSubject; grants: readonly Grant[]; actions: string[] }> = [];
    for (const [key, grants] of column) {
      const s = p.subjectByKey.get(key)?.subject;
      if (!s || subjectInZone(analysis, zone, s)) continue;
      const actions = allowedActions(grants).sort(byName);
      if (actions.length > 0) outside.push({ s, grants, actions });
    }
    // Each narrower finding folds into the broadest one that covers it with at least its actions.
    const byKey = new Map(outside.map((o) => [o.s.key, o]));
    const folded = new Map<string, Array<{ subject: string; actions: string[] }>>();
    const foldedInto = new Set<string>();
    for (const o of outside) {
      const mine = o.actions;
      const parent = coverersOf(o.s)
        .reverse()
        .map((k) => byKey.get(k))
        .find((c) => c !== undefined && c !== o && mine.every((a) => c.actions.includes(a)));
      if (!parent) continue;
      foldedInto.add(o.s.key);
      (folded.get(parent.s.key) ?? folded.set(parent.s.key, []).get(parent.s.key))?.push({ subject: o.s.key, actions: o.actions });
    }
    outside.sort((a, b) => BREADTH[a.s.kind] - BREADTH[b.s.kind] || byName(a.s.label, b.s.label));
    for (const top of outside) {
      if (foldedInto.has(top.s.key)) continue;
      // Principals folded into a finding that was itself folded go with it.
      const includes: Finding['includes'][number][] = [];
      const collect = (key: string): void => {
        for (const x of folded.get(key) ?? []) {
          includes.push(x);
          collect(x.subject);
        }
      };
      collect(top.s.key);
      const grant = top.grants.find((g) => g.decision === 'allowed') as Grant;
      const decision = analysis.decisionOf(top.s.key, r.resource.key, grant);
      const grantedBy: StatementRef[] = (decision?.deciding ?? []).filter((ref) => ref.effect === 'Allow' && (ref.source.kind === 'resource' || ref.source.kind === 'trust' || ref.source.kind === 'key'));
      const conditions: NarrowingCondition[] = [];
      if (r.policy) {
        const statements = compiledOf(r.policy).rules;
        for (const ref of grantedBy) {
          const st = statements.find((x) => x.index === ref.index);
          for (const c of st?.conditions ?? []) conditions.push({ operator: c.operator, key: c.key, values: c.values, statement: ref });
        }
      }
      out.push({
        id: `${r.resource.key}|${top.s.key}`,
        kind: KIND[top.s.kind],
        isPublic: top.s.kind === 'public',
        resource: r.resource.key,
        subject: top.s.key,
        actions: top.actions,
        grantedBy,
        conditions,
        context: contextValues(grant.extra),
        summary: decision?.summary ?? '',
        includes,
      });
    }
    const byZone = analysis.findingsCache.get(column as never) ?? new Map<string, unknown>();
    byZone.set(zoneKey, out.slice(mineStart));
    if (column.size > 0) analysis.findingsCache.set(column as never, byZone);
  }
  const order: Record<FindingKind, number> = { public: 0, organization: 1, 'cross-account': 2, service: 3 };
  const label = (key: string): string => p.resourceByKey.get(key)?.resource.label ?? key;
  return out.sort((a, b) => order[a.kind] - order[b.kind] || byName(label(a.resource), label(b.resource)) || byName(a.subject, b.subject));
}
