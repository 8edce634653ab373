import { layoutOf, putLayout, type Account, type Scenario } from '../model';
import type { JourneyRoute } from './routes';

/**
 * What a design's small canvas in the comparison draws: only the nodes and edges its journey uses (the
 * caller, the role, the resources, the edges between them, and the accounts holding them), laid out on
 * their own so the journey's badge and gates have room. Pure: the comparison view draws the result; the
 * engine decided the design on the whole scenario, so nothing left out here changes a decision.
 *
 * Layout: a grid. Who acts (the caller, a role it assumes: the sources of the journey's edges) stands in
 * the left column, what is acted on (the resources) in the right one, as on the main canvas; each account
 * is a band across both columns, stacked in the order the journey enters them. Both designs of the
 * comparison then put every node they share in the same place; an AssumeRole hop runs down the left
 * column, a call on a resource across or diagonally to the right, so the badge riding above a hop and the
 * gates hung below it have room.
 */

/** Card size, as the canvas draws principals and resources (src/graph/toFlow.ts). */
const CARD = { width: 208, height: 64 };
/** Inside an account: its padding and its header. */
const PAD = 16;
const HEADER = 40;
/** From one column to the next: room for a hop's gates between two cards. */
const STEP_X = CARD.width + 200;
/** Between two cards of one account in one column. */
const ROW_GAP = 40;
/** Between two account bands: room for the gates hung below a hop in the band above. */
const BAND_GAP = 56;

export interface StageBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The node ids a set of routes passes through, in the order they are first reached, each with its column:
 * 0 for a node the routes act from (a principal), 1 for one they only act on (a resource).
 */
export function routeColumns(scenario: Scenario, routes: readonly JourneyRoute[]): Map<string, 0 | 1> {
  const edges = new Map(scenario.edges.map((e) => [e.id, e]));
  const used = routes.flatMap((r) => r.edges.flatMap((id) => edges.get(id) ?? []));
  const sources = new Set(used.map((e) => e.from));
  const out = new Map<string, 0 | 1>();
  for (const e of used) {
    for (const id of [e.from, e.to]) if (!out.has(id)) out.set(id, sources.has(id) ? 0 : 1);
  }
  return out;
}

/**
 * The design's scenario cut down to what its routes use and laid out for a small canvas: the same ids,
 * accounts and policies (so the verdicts decided on the whole design still apply), no organization frame,
 * no rules (comparisons are made of principals, roles and resources), and a layout of its own.
 */
export function designStage(scenario: Scenario, routes: readonly JourneyRoute[]): Scenario {
  const edgeIds = new Set(routes.flatMap((r) => r.edges));
  const columns = routeColumns(scenario, routes);
  const order = [...columns.keys()];
  const principals = scenario.principals.filter((p) => columns.has(p.id));
  const resources = scenario.resources.filter((r) => columns.has(r.id));
  const accountOf = new Map<string, string>([...principals.flatMap((p) => (p.type === 'service' ? [] : [[p.id, p.accountId] as const])), ...resources.map((r) => [r.id, r.accountId] as const)]);
  const accountIds: string[] = [];
  for (const id of order) {
    const a = accountOf.get(id);
    if (a !== undefined && !accountIds.includes(a)) accountIds.push(a);
  }
  const byId = new Map(scenario.accounts.map((a) => [a.id, a]));
  const accounts = accountIds.flatMap((id) => {
    const a = byId.get(id);
    if (!a) return [];
    // The organization is not drawn: an account shows no frame it is not inside.
    const { organizationId: _org, ...rest } = a;
    return [rest as Account];
  });
  const nodes: Record<string, { x: number; y: number; width?: number; height?: number }> = {};
  const colX = (c: number): number => c * STEP_X;
  let y = 0;
  // A service principal belongs to no account: it stands on its own, in a band above the accounts.
  const loose = order.filter((id) => !accountOf.has(id));
  if (loose.length > 0) {
    loose.forEach((id) => {
      putLayout(nodes, id, { x: colX(columns.get(id) ?? 0) + PAD, y: 0 });
    });
    y += CARD.height + BAND_GAP;
  }
  for (const account of accounts) {
    const members = order.filter((id) => accountOf.get(id) === account.id);
    const cols = members.map((id) => columns.get(id) ?? 0);
    const first = Math.min(...cols);
    const last = Math.max(...cols);
    // Two cards in one column stack in rows.
    const rowsUsed = new Map<number, number>();
    let rows = 1;
    members.forEach((id, k) => {
      const c = cols[k] ?? 0;
      const row = rowsUsed.get(c) ?? 0;
      rowsUsed.set(c, row + 1);
      rows = Math.max(rows, row + 1);
      putLayout(nodes, id, { x: PAD + colX(c - first), y: HEADER + row * (CARD.height + ROW_GAP) });
    });
    const width = PAD * 2 + CARD.width + colX(last - first);
    const height = HEADER + rows * CARD.height + (rows - 1) * ROW_GAP + PAD;
    putLayout(nodes, account.id, { x: colX(first), y, width, height });
    y += height + BAND_GAP;
  }
  return {
    ...scenario,
    organizations: [],
    accounts,
    principals,
    resources,
    rules: [],
    edges: scenario.edges.filter((e) => edgeIds.has(e.id)),
    layout: { ...scenario.layout, nodes },
  };
}

/** The boxes `designStage` gives its accounts and cards, in flow coordinates (cards are relative to their account). */
export function stageBoxes(stage: Scenario): Map<string, StageBox> {
  const out = new Map<string, StageBox>();
  const accountAt = new Map(stage.accounts.map((a) => [a.id, layoutOf(stage.layout, a.id)]));
  for (const a of stage.accounts) {
    const p = accountAt.get(a.id);
    if (p) out.set(a.id, { x: p.x, y: p.y, width: p.width ?? 0, height: p.height ?? 0 });
  }
  for (const n of [...stage.principals, ...stage.resources]) {
    const p = layoutOf(stage.layout, n.id);
    const parent = 'accountId' in n ? accountAt.get(n.accountId) : undefined;
    if (p) out.set(n.id, { x: (parent?.x ?? 0) + p.x, y: (parent?.y ?? 0) + p.y, ...CARD });
  }
  return out;
}
