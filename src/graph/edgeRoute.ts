import { getBezierPath, Position } from '@xyflow/react';

/**
 * The line a decision edge is drawn as, between its two end nodes' boxes (flow coordinates). Shared by the
 * canvas's edges (src/canvas/edges/DecisionEdge.tsx) and the journey overlay (src/animation), so a journey's
 * token and gates ride exactly on the edges as drawn.
 */

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface EdgeSides {
  readonly sx: number;
  readonly sy: number;
  readonly sp: Position;
  readonly tx: number;
  readonly ty: number;
  readonly tp: Position;
}

const mid = (b: Box) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });

/**
 * Which sides an edge leaves and enters by: right to left when the target is to the right (the usual
 * reading direction), left to right when it is to the left, and top/bottom when the boxes overlap
 * horizontally — so an edge never loops around its own endpoints.
 */
export function edgeSides(s: Box, t: Box): EdgeSides {
  if (t.x >= s.x + s.w) return { sx: s.x + s.w, sy: mid(s).y, sp: Position.Right, tx: t.x, ty: mid(t).y, tp: Position.Left };
  if (t.x + t.w <= s.x) return { sx: s.x, sy: mid(s).y, sp: Position.Left, tx: t.x + t.w, ty: mid(t).y, tp: Position.Right };
  if (t.y >= s.y + s.h) return { sx: mid(s).x, sy: s.y + s.h, sp: Position.Bottom, tx: mid(t).x, ty: t.y, tp: Position.Top };
  return { sx: mid(s).x, sy: s.y, sp: Position.Top, tx: mid(t).x, ty: t.y + t.h, tp: Position.Bottom };
}

/** The SVG path of an edge between the chosen sides, and where its label sits: `[path, labelX, labelY]`. */
export function sidesPath(e: EdgeSides): [string, number, number] {
  const [path, labelX, labelY] = getBezierPath({ sourceX: e.sx, sourceY: e.sy, sourcePosition: e.sp, targetX: e.tx, targetY: e.ty, targetPosition: e.tp });
  return [path, labelX, labelY];
}

/** The path of an edge drawn between two boxes. */
export function edgePath(s: Box, t: Box): [string, number, number] {
  return sidesPath(edgeSides(s, t));
}
