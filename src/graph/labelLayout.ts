import { sidesPath, type Box, type EdgeSides } from './edgeRoute';

/**
 * Where each edge's label goes on a small diagram: on its own line, at the first place along it (from
 * the middle outwards) where it covers no card, no container's header and no label placed before it;
 * where the line offers none — parallel edges whose middles meet, a short edge between two close cards —
 * the label is stacked beside the line's middle, above or below, at the first free place. Greedy in the
 * order given. Pure geometry in flow coordinates, unit tested (labelLayout.test.ts); the canvas measures
 * the labels and applies the result (src/canvas/edges/EdgeLabelLayout.tsx).
 */

export interface LabelToLay {
  readonly id: string;
  /** The sides the edge is drawn between (edgeSides of its two ends' boxes). */
  readonly sides: EdgeSides;
  /** The label's size as drawn, its scale included. */
  readonly w: number;
  readonly h: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Fractions along the line tried for a label, best first. */
const ALONG = [0.5, 0.42, 0.58, 0.34, 0.66, 0.27, 0.73, 0.2, 0.8];
/** Rows above and below the middle tried when the line offers no free place. */
const STACK_ROWS = 6;

/** The point at parameter `t` of the cubic Bézier curve the edge is drawn as. */
export function pointOnEdge(sides: EdgeSides, t: number): Point {
  const [path] = sidesPath(sides);
  const n = (path.match(/-?\d*\.?\d+(?:e[-+]?\d+)?/g) ?? []).map(Number);
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0, x2 = 0, y2 = 0, x3 = 0, y3 = 0] = n;
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * x0 + b * x1 + c * x2 + d * x3, y: a * y0 + b * y1 + c * y2 + d * y3 };
}

const meets = (a: Box, b: Box, gap: number): boolean => a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;

function covered(r: Box, taken: readonly Box[]): number {
  let area = 0;
  for (const t of taken) {
    const w = Math.min(r.x + r.w, t.x + t.w) - Math.max(r.x, t.x);
    const h = Math.min(r.y + r.h, t.y + t.h) - Math.max(r.y, t.y);
    if (w > 0 && h > 0) area += w * h;
  }
  return area;
}

/** The centre of every label, keyed by edge id. */
export function layEdgeLabels(labels: readonly LabelToLay[], obstacles: readonly Box[], gap = 6): Map<string, Point> {
  const out = new Map<string, Point>();
  const placed: Box[] = [];
  for (const l of labels) {
    const box = (p: Point): Box => ({ x: p.x - l.w / 2, y: p.y - l.h / 2, w: l.w, h: l.h });
    const middle = pointOnEdge(l.sides, 0.5);
    const tries: Point[] = ALONG.map((t) => pointOnEdge(l.sides, t));
    for (let k = 1; k <= STACK_ROWS; k++) for (const dir of [-1, 1]) tries.push({ x: middle.x, y: middle.y + dir * k * (l.h + gap) });
    const free = (p: Point): boolean => {
      const r = box(p);
      return !obstacles.some((o) => meets(r, o, gap)) && !placed.some((o) => meets(r, o, gap));
    };
    const chosen = tries.find(free) ?? tries.reduce((best, p) => (covered(box(p), [...obstacles, ...placed]) < covered(box(best), [...obstacles, ...placed]) ? p : best));
    out.set(l.id, chosen);
    placed.push(box(chosen));
  }
  return out;
}
