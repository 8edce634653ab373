import type { Scenario } from './schema';

/**
 * What is drawn. A scenario may hold far more than a readable picture (an imported estate has thousands of
 * roles): `layout.hidden` lists the accounts, principals and resources that stay in the scenario, and are
 * evaluated like everything else, but are not drawn. It is a view setting, kept with the layout and apart
 * from the model the engine reads, so showing or hiding never changes a decision.
 *
 * Rules of the view: an account is drawn unless it is hidden; a principal or resource is drawn unless it is
 * hidden or sits in an account that is not drawn; a rule is drawn with its bus; an edge or rule target is
 * drawn when both its ends are.
 */

/** The ids in `layout.hidden`. */
export function hiddenIds(s: Scenario): ReadonlySet<string> {
  return new Set(s.layout.hidden ?? []);
}

/** Whether anything is hidden at all (the common case is no). */
export function hasHidden(s: Scenario): boolean {
  return (s.layout.hidden?.length ?? 0) > 0;
}

/** The ids of every drawn account, principal and resource. */
export function drawnIds(s: Scenario): Set<string> {
  const hidden = hiddenIds(s);
  const out = new Set<string>();
  for (const a of s.accounts) if (!hidden.has(a.id)) out.add(a.id);
  const accountIds = new Set(s.accounts.map((a) => a.id));
  const inDrawnAccount = (accountId: string | undefined): boolean => accountId === undefined || !accountIds.has(accountId) || out.has(accountId);
  for (const p of s.principals) if (!hidden.has(p.id) && inDrawnAccount(p.type === 'service' ? undefined : p.accountId)) out.add(p.id);
  for (const r of s.resources) if (!hidden.has(r.id) && inDrawnAccount(r.accountId)) out.add(r.id);
  return out;
}

/**
 * The drawn part of a scenario: only drawn accounts, principals and resources, the rules on drawn buses, and
 * the edges and rule targets between drawn ends. The same scenario back when nothing is hidden; otherwise
 * the entities are the same objects, so memoized views of them are kept. For drawing and laying out only:
 * the engine always evaluates the whole scenario.
 */
export function drawnPart(s: Scenario): Scenario {
  if (!hasHidden(s)) return s;
  const drawn = drawnIds(s);
  const rules = s.rules.filter((r) => drawn.has(r.busId));
  return {
    ...s,
    accounts: s.accounts.filter((a) => drawn.has(a.id)),
    principals: s.principals.filter((p) => drawn.has(p.id)),
    resources: s.resources.filter((r) => drawn.has(r.id)),
    rules: rules.map((r) => (r.targets.every((t) => drawn.has(t.resourceId)) ? r : { ...r, targets: r.targets.filter((t) => drawn.has(t.resourceId)) })),
    edges: s.edges.filter((e) => drawn.has(e.from) && drawn.has(e.to)),
  };
}

/**
 * Draws `show` and stops drawing `hide` (ids of accounts, principals and resources), as one edit. Drawing
 * a principal or resource also draws its account. The rest of the list is kept in its order; an empty list
 * is removed, so a scenario with everything drawn looks as it did before hiding existed. Returns the same
 * scenario when nothing changes.
 */
export function setDrawn(s: Scenario, show: Iterable<string>, hide: Iterable<string> = []): Scenario {
  const before = s.layout.hidden ?? [];
  const hidden = new Set(before);
  const accountOf = new Map<string, string>();
  for (const p of s.principals) if (p.type !== 'service') accountOf.set(p.id, p.accountId);
  for (const r of s.resources) accountOf.set(r.id, r.accountId);
  for (const id of hide) hidden.add(id);
  for (const id of show) {
    hidden.delete(id);
    const account = accountOf.get(id);
    if (account !== undefined) hidden.delete(account);
  }
  if (hidden.size === before.length && before.every((id) => hidden.has(id))) return s;
  const had = new Set(before);
  const list = [...before.filter((id) => hidden.has(id)), ...[...hidden].filter((id) => !had.has(id))];
  const { hidden: _old, ...layout } = s.layout;
  return { ...s, layout: list.length > 0 ? { ...layout, hidden: list } : layout };
}

/** Draws only `ids` (and the accounts they are in); everything else is hidden. One edit. */
export function drawOnly(s: Scenario, ids: ReadonlySet<string>): Scenario {
  const keep = new Set(ids);
  for (const p of s.principals) if (p.type !== 'service' && ids.has(p.id)) keep.add(p.accountId);
  for (const r of s.resources) if (ids.has(r.id)) keep.add(r.accountId);
  const all = [...s.accounts.map((a) => a.id), ...s.principals.map((p) => p.id), ...s.resources.map((r) => r.id)];
  return setDrawn(s, all.filter((id) => keep.has(id)), all.filter((id) => !keep.has(id)));
}
