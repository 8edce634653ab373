import type { Point } from './geometry';

/**
 * Where the journey's gate labels go so that none covers another or the token's badge: each label hangs
 * below its point on the path if there is room, else further down, beside the point, or above it, in that
 * order of preference. Greedy in the order given (the order the journey reaches the gates), so a label
 * moves only when an earlier one or the badge takes its place. Pure geometry in flow coordinates, unit
 * tested (labelPlacement.test.ts).
 */

/** A box: top-left corner and size. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface LabelToPlace {
  /** The gate's point on the path. */
  readonly at: Point;
  readonly w: number;
  readonly h: number;
}

export interface PlacementOptions {
  /** How far below its point a label hangs by default (the token rides above the path). */
  readonly drop: number;
  /** Space kept between two labels, or a label and an obstacle. */
  readonly gap: number;
}

export function intersects(a: Rect, b: Rect, gap = 0): boolean {
  return a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** The places tried for one label, best first. */
function candidates(l: LabelToPlace, { drop, gap }: PlacementOptions): Rect[] {
  const { at, w, h } = l;
  const row = h + gap;
  const below = (k: number): Rect => ({ x: at.x - w / 2, y: at.y + drop + k * row, w, h });
  const right = (k: number): Rect => ({ x: at.x + drop, y: at.y - h / 2 + k * row, w, h });
  const left = (k: number): Rect => ({ x: at.x - drop - w, y: at.y - h / 2 + k * row, w, h });
  const above = (k: number): Rect => ({ x: at.x - w / 2, y: at.y - drop - h - k * row, w, h });
  // Sideways places shifted half a label along, so a label can slip past its neighbour.
  const belowShifted = (k: number, dir: 1 | -1): Rect => ({ ...below(k), x: at.x - w / 2 + (dir * w) / 2 });
  const first = [below(0), below(1), belowShifted(0, 1), belowShifted(0, -1), right(0), left(0), below(2), belowShifted(1, 1), belowShifted(1, -1), right(1), left(1), below(3), right(-1), left(-1), above(0), below(4), above(1), below(5)];
  // Further out, when the neighbourhood is crowded (cards and labels count as obstacles too).
  const further: Rect[] = [];
  for (let k = 2; k <= 6; k++) further.push(right(k), left(k), right(-k), left(-k), above(k), belowShifted(k, 1), belowShifted(k, -1), below(k + 4));
  return [...first, ...further];
}

/**
 * A box for every label, none intersecting another or an obstacle when any such place is among the
 * candidates; otherwise the candidate that covers the least.
 */
export function placeLabels(labels: readonly LabelToPlace[], obstacles: readonly Rect[], options: PlacementOptions): Rect[] {
  const placed: Rect[] = [];
  for (const l of labels) {
    const taken = [...obstacles, ...placed];
    const options$ = candidates(l, options);
    const free = options$.find((c) => !taken.some((t) => intersects(c, t, options.gap)));
    const chosen =
      free ??
      options$.reduce((best, c) => {
        const cover = (r: Rect): number => taken.reduce((n, t) => n + overlapArea(r, t), 0);
        return cover(c) < cover(best) ? c : best;
      });
    placed.push(chosen);
  }
  return placed;
}

/**
 * The first of `candidates` (best first) that meets no obstacle, or failing that the one that covers the
 * least — for a box with places of its own, such as the token's badges.
 */
export function placeBox(candidates: readonly Rect[], obstacles: readonly Rect[], gap: number): Rect {
  const free = candidates.find((c) => !obstacles.some((t) => intersects(c, t, gap)));
  if (free) return free;
  const cover = (r: Rect): number => obstacles.reduce((n, t) => n + overlapArea(r, t), 0);
  return candidates.reduce((best, c) => (cover(c) < cover(best) ? c : best));
}

/**
 * Where the token's badges go around the token at `at`: above it by default, else below, beside, or
 * further up — clear of the cards, headers and labels it passes.
 */
export function badgeCandidates(at: Point, w: number, h: number, lift: number): Rect[] {
  const above = (k: number): Rect => ({ x: at.x - w / 2, y: at.y - lift - h - k * (h / 2), w, h });
  const below = (k: number): Rect => ({ x: at.x - w / 2, y: at.y + lift + k * (h / 2), w, h });
  const side = (dir: 1 | -1, dy: number): Rect => ({ x: dir === 1 ? at.x + lift : at.x - lift - w, y: at.y + dy, w, h });
  const near = [above(0), { ...above(0), x: at.x - lift }, { ...above(0), x: at.x + lift - w }, below(0), { ...below(0), x: at.x - lift }, { ...below(0), x: at.x + lift - w }, side(1, -h - lift), side(-1, -h - lift), side(1, lift), side(-1, lift), above(1), below(1), above(2), below(2), above(4), below(4)];
  // Further out, on crowded ground (the token inside a bus, between close cards).
  const far: Rect[] = [];
  for (let k = 1; k <= 4; k++) {
    const d = k * 48;
    far.push({ ...above(0), y: at.y - lift - h - d }, { ...below(0), y: at.y + lift + d }, { ...side(1, -h / 2), x: at.x + lift + d }, { ...side(-1, -h / 2), x: at.x - lift - w - d });
    far.push({ ...above(0), x: at.x + lift + d, y: at.y - lift - h - d / 2 }, { ...above(0), x: at.x - lift - w - d, y: at.y - lift - h - d / 2 });
  }
  return [...near, ...far];
}
