import { describe, expect, it } from 'vitest';
import { anchorOf, flattenPath, pointAt, pointsBetween } from './geometry';

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

describe('edge anchors', () => {
  const node = {
    internals: {
      positionAbsolute: { x: 100, y: 50 },
      handleBounds: {
        source: [{ x: 183, y: 25, width: 10, height: 10, position: 'right' }],
        target: [{ x: -5, y: 25, width: 10, height: 10, position: 'left' }],
      },
    },
    measured: { width: 188, height: 60 },
  };

  it('Given a node with handles, then the source anchor is the outer midpoint of its right handle and the target that of its left handle', () => {
    expect(anchorOf(node, 'source')).toEqual({ x: 293, y: 80 });
    expect(anchorOf(node, 'target')).toEqual({ x: 95, y: 80 });
  });

  it('Given a node without handles of that type, then the box side midpoint is used', () => {
    const bare = { internals: { positionAbsolute: { x: 0, y: 0 }, handleBounds: null }, measured: { width: 100, height: 40 } };
    expect(anchorOf(bare, 'source')).toEqual({ x: 100, y: 20 });
    expect(anchorOf(bare, 'target')).toEqual({ x: 0, y: 20 });
  });
});
