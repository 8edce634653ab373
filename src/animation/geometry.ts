import { edgePath, type Box } from '../graph/edgeRoute';
import { BUS_HANDLE_Y } from '../graph/toFlow';

/**
 * Points along an SVG edge path, so the token and the gates sit exactly on the drawn edge. Handles the
 * absolute commands React Flow's path helpers emit (`getBezierPath`: M, C; `getSmoothStepPath`: M, L, Q;
 * `getStraightPath`: M, L). Pure: no DOM measurement, so it is unit-tested and cheap.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A path flattened to a polyline with cumulative lengths. */
export interface Polyline {
  readonly points: readonly Point[];
  /** `lengths[i]` is the distance from the start to `points[i]`. */
  readonly lengths: readonly number[];
  readonly length: number;
}

const SEGMENTS = 24;

function cubic(p0: Point, p1: Point, p2: Point, p3: Point, t: number): Point {
  const u = 1 - t;
  return {
    x: u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x,
    y: u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y,
  };
}

function quadratic(p0: Point, p1: Point, p2: Point, t: number): Point {
  const u = 1 - t;
  return { x: u * u * p0.x + 2 * u * t * p1.x + t * t * p2.x, y: u * u * p0.y + 2 * u * t * p1.y + t * t * p2.y };
}

/** Flattens a path. Unknown commands end the parse (what was read so far is kept). */
export function flattenPath(d: string): Polyline {
  const tokens = d.match(/[MLCQmlcq]|-?\d*\.?\d+(?:e[-+]?\d+)?/g) ?? [];
  const points: Point[] = [];
  let i = 0;
  let cmd = '';
  let current: Point = { x: 0, y: 0 };
  const num = (): number => Number(tokens[i++]);
  const pt = (): Point => ({ x: num(), y: num() });
  while (i < tokens.length) {
    const tok = tokens[i] as string;
    if (/[A-Za-z]/.test(tok)) {
      cmd = tok;
      i++;
      if (!'MLCQ'.includes(cmd)) break;
      continue;
    }
    if (cmd === 'M') {
      current = pt();
      points.push(current);
      cmd = 'L';
    } else if (cmd === 'L') {
      current = pt();
      points.push(current);
    } else if (cmd === 'C') {
      const [c1, c2, end] = [pt(), pt(), pt()];
      for (let k = 1; k <= SEGMENTS; k++) points.push(cubic(current, c1, c2, end, k / SEGMENTS));
      current = end;
    } else if (cmd === 'Q') {
      const [c, end] = [pt(), pt()];
      for (let k = 1; k <= SEGMENTS / 2; k++) points.push(quadratic(current, c, end, k / (SEGMENTS / 2)));
      current = end;
    } else {
      break;
    }
  }
  const lengths: number[] = [];
  let total = 0;
  points.forEach((p, k) => {
    const prev = points[k - 1];
    if (prev) total += Math.hypot(p.x - prev.x, p.y - prev.y);
    lengths.push(total);
  });
  return { points, lengths, length: total };
}

/** The point at fraction `t` (0–1) of the polyline's length. */
export function pointAt(line: Polyline, t: number): Point {
  const { points, lengths, length } = line;
  if (points.length === 0) return { x: 0, y: 0 };
  const target = Math.min(1, Math.max(0, t)) * length;
  let lo = 0;
  let hi = lengths.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((lengths[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  const b = points[lo] as Point;
  const a = points[lo - 1];
  if (!a) return b;
  const la = lengths[lo - 1] as number;
  const span = (lengths[lo] as number) - la;
  const f = span === 0 ? 0 : (target - la) / span;
  return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
}

/** `count + 1` evenly spaced points from fraction `from` to fraction `to` (either direction). */
export function pointsBetween(line: Polyline, from: number, to: number, count = 12): Point[] {
  const out: Point[] = [];
  for (let k = 0; k <= count; k++) out.push(pointAt(line, from + ((to - from) * k) / count));
  return out;
}

/** The minimal shape of a React Flow internal node the journey overlay needs. */
export interface NodeBox {
  readonly internals: { readonly positionAbsolute: Point };
  readonly measured?: { readonly width?: number; readonly height?: number };
  readonly width?: number;
  readonly height?: number;
}

/** A node's box in flow coordinates, as the canvas's edges see it (src/graph/edgeRoute.ts). */
export function boxOf(node: NodeBox): Box {
  const { x, y } = node.internals.positionAbsolute;
  return { x, y, w: node.measured?.width ?? node.width ?? 0, h: node.measured?.height ?? node.height ?? 0 };
}

/**
 * The line a journey hop follows: the drawn edge's own path between the two nodes (the same sides and
 * curve the canvas draws); for an event matching a rule, straight down from the bus's header to the rule
 * docked on it.
 */
export function hopLine(from: Box, to: Box, kind: 'match' | 'assume' | 'access'): Polyline {
  if (kind === 'match') return flattenPath(`M${from.x + from.w / 2},${from.y + BUS_HANDLE_Y} L${to.x + to.w / 2},${to.y}`);
  return flattenPath(edgePath(from, to)[0]);
}

/** The fraction of the polyline's length at point `i`. */
function fractionAt(line: Polyline, i: number): number {
  return line.length === 0 ? 0 : (line.lengths[i] ?? 0) / line.length;
}

const inside = (p: Point, b: Box): boolean => p.x >= b.x && p.x <= b.x + b.w && p.y >= b.y && p.y <= b.y + b.h;

/**
 * Where along a hop its gates sit (fractions of the line), when the hop crosses from one account to another:
 * the caller's checks (`principal` side: SCPs, identity policy, boundary, session policy) spread over the
 * part of the line inside the caller's account `from`, the resource's (`resource` side: the resource,
 * trust or key policy, RCPs) over the part inside the resource's account `to` — each gate is drawn in the
 * account whose policy it is. Without two accounts (a same-account hop), `undefined` for each: the builder's
 * places stand.
 */
export function gatePlaces(line: Polyline, from: Box | undefined, to: Box | undefined, sides: readonly ('principal' | 'resource')[]): (number | undefined)[] {
  if (!from || !to || line.points.length < 2) return sides.map(() => undefined);
  // Where the line crosses a box's border on the segment ending at point i (bisection on the segment, in
  // fractions of the whole line): leaving `from`, entering `to`.
  const crossing = (i: number, box: Box, wantInside: boolean): number => {
    const a = line.points[i - 1] as Point;
    const b = line.points[i] as Point;
    let lo = 0;
    let hi = 1;
    for (let k = 0; k < 16; k++) {
      const m = (lo + hi) / 2;
      if (inside({ x: a.x + (b.x - a.x) * m, y: a.y + (b.y - a.y) * m }, box) === wantInside) hi = m;
      else lo = m;
    }
    const fa = fractionAt(line, i - 1);
    return fa + (fractionAt(line, i) - fa) * hi;
  };
  const exitAt = line.points.findIndex((p, i) => i > 0 && !inside(p, from));
  const exit = exitAt > 0 ? crossing(exitAt, from, false) : 1;
  const enterAt = line.points.findIndex((p, i) => i > 0 && fractionAt(line, i) >= exit && inside(p, to));
  const enter = enterAt > 0 ? Math.max(exit, crossing(enterAt, to, true)) : exit;
  const spread = (lo: number, hi: number, count: number) => (k: number) => (hi > lo ? lo + ((hi - lo) * (k + 1)) / (count + 1) : (lo + hi) / 2);
  const principal = sides.filter((s) => s === 'principal').length;
  const resource = sides.length - principal;
  const inFrom = spread(0, exit, principal);
  const inTo = spread(enter, 1, resource);
  let p = 0;
  let r = 0;
  return sides.map((s) => (s === 'principal' ? inFrom(p++) : inTo(r++)));
}
