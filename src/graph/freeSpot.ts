import { DEFAULT_ACCOUNT_SIZE, drawnPart, layoutOf, type Scenario } from '../model';
import { edgeSides, type Box } from './edgeRoute';
import { pointOnEdge } from './labelLayout';
import { busSize, cardWidth, NODE_HEIGHT, principalName, RULE_GAP, RULE_HEIGHT, RULE_WIDTH } from './toFlow';

/**
 * Free space for a card inside an account: the place nearest to where it was wanted that is clear of every
 * other card (by at least `CARD_GAP`) and of every drawn edge line and the label riding on it (by
 * `LINE_GAP`), and below the account's header. Used for a new card (dropped or added from the palette) and
 * for a card whose drag ended on top of something. Pure geometry on the scenario's layout; positions are
 * relative to the account, as the layout stores them.
 */

const CARD_GAP = 16;
/** Half the height of an edge's label, and some: a card kept this far from a line is clear of its label. */
const LINE_GAP = 22;
const HEADER = 52;
const SIDE = 12;
const STEP = 8;

interface Sized {
  readonly id: string;
  readonly account: string | undefined;
  readonly w: number;
  readonly h: number;
}

/** Every card of the scenario with the account it sits in and its size. */
function cardsOf(s: Scenario): Sized[] {
  const accountIds = new Set(s.accounts.map((a) => a.id));
  const rules = new Map<string, number>();
  for (const r of s.rules) rules.set(r.busId, (rules.get(r.busId) ?? 0) + 1);
  return [
    ...s.principals.map((p) => ({ id: p.id, account: p.type !== 'service' && accountIds.has(p.accountId) ? p.accountId : undefined, w: cardWidth(principalName(p)), h: NODE_HEIGHT })),
    ...s.resources.map((r) => {
      const size = r.type === 'events-bus' ? busSize(rules.get(r.id) ?? 0) : { width: cardWidth(r.name), height: NODE_HEIGHT };
      return { id: r.id, account: accountIds.has(r.accountId) ? r.accountId : undefined, w: size.width, h: size.height };
    }),
  ];
}

/** The absolute boxes of every card (rules included, docked on their bus), from the scenario's layout. */
export function cardBoxes(s: Scenario): Map<string, Box> {
  const out = new Map<string, Box>();
  for (const c of cardsOf(s)) {
    const at = layoutOf(s.layout, c.id);
    if (!at) continue;
    const a = c.account ? layoutOf(s.layout, c.account) : undefined;
    out.set(c.id, { x: at.x + (a?.x ?? 0), y: at.y + (a?.y ?? 0), w: c.w, h: c.h });
  }
  const order = new Map<string, number>();
  for (const r of s.rules) {
    const bus = out.get(r.busId);
    const i = order.get(r.busId) ?? 0;
    order.set(r.busId, i + 1);
    if (bus) out.set(r.id, { x: bus.x + (bus.w - RULE_WIDTH) / 2, y: bus.y + NODE_HEIGHT + i * (RULE_HEIGHT + RULE_GAP), w: RULE_WIDTH, h: RULE_HEIGHT });
  }
  return out;
}

/** Points along every drawn edge that does not touch `except` (absolute coordinates). */
function linePoints(s: Scenario, boxes: ReadonlyMap<string, Box>, except: string): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  const lines: [string, string][] = [...s.edges.map((e) => [e.from, e.to] as [string, string]), ...s.rules.flatMap((r) => r.targets.map((t) => [r.id, t.resourceId] as [string, string]))];
  for (const [from, to] of lines) {
    if (from === except || to === except) continue;
    const a = boxes.get(from);
    const b = boxes.get(to);
    if (!a || !b) continue;
    const sides = edgeSides(a, b);
    for (let k = 0; k <= 32; k++) out.push(pointOnEdge(sides, k / 32));
  }
  return out;
}

/**
 * Where card `id` (of size `size`) goes in account `accountId`: the free place nearest to `wanted` (relative
 * to the account). The search covers the account and a band below it (the account then grows to hold the
 * card); if nothing there is free, `wanted` itself.
 */
export function freeSpot(s: Scenario, accountId: string, id: string, size: { readonly width: number; readonly height: number }, wanted: { readonly x: number; readonly y: number }): { x: number; y: number } {
  const account = layoutOf(s.layout, accountId);
  const origin = { x: account?.x ?? 0, y: account?.y ?? 0 };
  const width = account?.width ?? DEFAULT_ACCOUNT_SIZE.width;
  const height = account?.height ?? DEFAULT_ACCOUNT_SIZE.height;
  // What is drawn (entities kept but hidden, `layout.hidden`, take no room).
  const drawn = drawnPart(s);
  const boxes = cardBoxes(drawn);
  // Only what is near the searched region counts (a large scenario has thousands of cards elsewhere).
  const region = { x: origin.x - 400, y: origin.y - 400, x2: origin.x + width + 400, y2: origin.y + height + 800 };
  const near = (p: { x: number; y: number }): boolean => p.x >= region.x && p.x <= region.x2 && p.y >= region.y && p.y <= region.y2;
  const others = [...boxes].filter(([k, b]) => k !== id && near(b)).map(([, b]) => b);
  const points = linePoints(drawn, boxes, id).filter(near);
  const clear = (x: number, y: number): boolean => {
    const b = { x: origin.x + x, y: origin.y + y, w: size.width, h: size.height };
    if (others.some((o) => o.x < b.x + b.w + CARD_GAP && b.x < o.x + o.w + CARD_GAP && o.y < b.y + b.h + CARD_GAP && b.y < o.y + o.h + CARD_GAP)) return false;
    return !points.some((p) => p.x > b.x - LINE_GAP && p.x < b.x + b.w + LINE_GAP && p.y > b.y - LINE_GAP && p.y < b.y + b.h + LINE_GAP);
  };
  const maxX = Math.max(SIDE, width - size.width - SIDE);
  const maxY = Math.max(HEADER, height - size.height - 20) + 3 * (size.height + CARD_GAP);
  const start = { x: Math.min(maxX, Math.max(SIDE, wanted.x)), y: Math.max(HEADER, wanted.y) };
  // Rings of growing distance around the wanted place, nearest first; a ring's places sorted by distance.
  const snap = (v: number): number => Math.round(v / STEP) * STEP;
  for (let r = 0; r <= Math.max(maxX, maxY); r += STEP) {
    const ring: { x: number; y: number; d: number }[] = [];
    for (let dx = -r; dx <= r; dx += STEP) {
      for (const dy of Math.abs(dx) === r ? range(-r, r) : [-r, r]) {
        const x = snap(start.x + dx);
        const y = snap(start.y + dy);
        if (x < SIDE || x > maxX || y < HEADER || y > maxY) continue;
        ring.push({ x, y, d: dx * dx + dy * dy });
      }
    }
    ring.sort((p, q) => p.d - q.d);
    const found = ring.find((p) => clear(p.x, p.y));
    if (found) return { x: found.x, y: found.y };
  }
  return { x: Math.round(wanted.x), y: Math.round(wanted.y) };
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += STEP) out.push(v);
  return out;
}

/** Whether card `id`, where the layout has it, is on top of another card or of an edge line or its label. */
export function crowded(s: Scenario, id: string): boolean {
  const drawn = drawnPart(s);
  const boxes = cardBoxes(drawn);
  const b = boxes.get(id);
  if (!b) return false;
  if ([...boxes].some(([k, o]) => k !== id && o.x < b.x + b.w && b.x < o.x + o.w && o.y < b.y + b.h && b.y < o.y + o.h)) return true;
  return linePoints(drawn, boxes, id).some((p) => p.x > b.x && p.x < b.x + b.w && p.y > b.y && p.y < b.y + b.h);
}
