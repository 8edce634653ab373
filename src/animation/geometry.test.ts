import { describe, expect, it } from 'vitest';
import { edgePath } from '../graph/edgeRoute';
import { boxOf, flattenPath, hopLine, pointAt, pointsBetween } from './geometry';

describe('path geometry', () => {
  it('Given a straight path, when asked for fractions of its length, then points fall on the line in proportion', () => {
    const line = flattenPath('M0,0 L100,0');
    expect(line.length).toBe(100);
    expect(pointAt(line, 0)).toEqual({ x: 0, y: 0 });
    expect(pointAt(line, 0.25)).toEqual({ x: 25, y: 0 });
    expect(pointAt(line, 1)).toEqual({ x: 100, y: 0 });
  });

  it('Given a fraction outside 0–1, then it is clamped to the ends', () => {
    const line = flattenPath('M0,0 L10,0');
    expect(pointAt(line, -1)).toEqual({ x: 0, y: 0 });
    expect(pointAt(line, 2)).toEqual({ x: 10, y: 0 });
  });

  it('Given a bezier path as React Flow writes it, then its ends are exact and its middle is the curve midpoint', () => {
    // getBezierPath for (0,0) → (200,100), Right → Left: control points at half the horizontal distance.
    const line = flattenPath('M0,0 C100,0 100,100 200,100');
    expect(pointAt(line, 0)).toEqual({ x: 0, y: 0 });
    expect(pointAt(line, 1)).toEqual({ x: 200, y: 100 });
    const mid = pointAt(line, 0.5);
    expect(mid.x).toBeCloseTo(100, 0);
    expect(mid.y).toBeCloseTo(50, 0);
  });

  it('Given a smooth-step path with rounded corners, then it is followed through its quadratic corners', () => {
    const line = flattenPath('M0 0L45 0Q 50,0 50,5L50 95Q 50,100 55,100L100 100');
    expect(pointAt(line, 1)).toEqual({ x: 100, y: 100 });
    expect(line.length).toBeGreaterThan(190);
    expect(line.length).toBeLessThan(200);
  });

  it('Given a range, then evenly spaced points run from one fraction to the other', () => {
    const pts = pointsBetween(flattenPath('M0,0 L100,0'), 0.2, 0.6, 4);
    expect(pts.map((p) => Math.round(p.x))).toEqual([20, 30, 40, 50, 60]);
  });

  it('Given an empty or unknown path, then the origin is returned rather than NaN', () => {
    expect(pointAt(flattenPath(''), 0.5)).toEqual({ x: 0, y: 0 });
    expect(pointAt(flattenPath('A 1 1 0 0 0 2 2'), 0.5)).toEqual({ x: 0, y: 0 });
  });
});

describe('journey hops follow the edges as drawn', () => {
  const node = (x: number, y: number, width = 208, height = 64) => ({ internals: { positionAbsolute: { x, y } }, measured: { width, height } });

  it('Given a node as React Flow holds it, then its box is its absolute position and measured size', () => {
    expect(boxOf(node(100, 50, 188, 60))).toEqual({ x: 100, y: 50, w: 188, h: 60 });
  });

  it('Given a hop along a drawn edge, then it follows the edge path the canvas draws, from the side the edge leaves to the side it enters', () => {
    const from = boxOf(node(600, 40));
    const to = boxOf(node(40, 300));
    const line = hopLine(from, to, 'access');
    expect(line).toEqual(flattenPath(edgePath(from, to)[0]));
    // The target is to the left: the edge leaves the source's left side and enters the target's right side.
    expect(pointAt(line, 0)).toEqual({ x: 600, y: 72 });
    expect(pointAt(line, 1)).toEqual({ x: 248, y: 332 });
  });

  it('Given an event matching a rule docked on its bus, then the hop runs straight down from the bus header to the rule', () => {
    const line = hopLine({ x: 0, y: 0, w: 208, h: 180 }, { x: 12, y: 64, w: 184, h: 48 }, 'match');
    expect(pointAt(line, 0)).toEqual({ x: 104, y: 32 });
    expect(pointAt(line, 1)).toEqual({ x: 104, y: 64 });
  });
});
