import { describe, expect, it } from 'vitest';
import { clearAlong, intersects, placeLabels, type Rect } from './labelPlacement';

const OPTIONS = { drop: 14, gap: 4 };

function noneIntersect(boxes: readonly Rect[]): boolean {
  return boxes.every((a, i) => boxes.every((b, j) => i === j || !intersects(a, b)));
}

describe('placeLabels', () => {
  it('Given one label and nothing in the way, then it hangs centred below its point', () => {
    expect(placeLabels([{ at: { x: 100, y: 50 }, w: 60, h: 20 }], [], OPTIONS)).toEqual([{ x: 70, y: 64, w: 60, h: 20 }]);
  });

  it('Given labels far apart along a path, then each keeps its place below its point', () => {
    const boxes = placeLabels(
      [
        { at: { x: 0, y: 0 }, w: 60, h: 20 },
        { at: { x: 200, y: 0 }, w: 60, h: 20 },
      ],
      [],
      OPTIONS,
    );
    expect(boxes.map((b) => b.y)).toEqual([14, 14]);
  });

  it('Given five wide labels crowded on a short path, then no two of them intersect', () => {
    const labels = [0, 1, 2, 3, 4].map((k) => ({ at: { x: k * 30, y: k * 12 }, w: 110, h: 20 }));
    const boxes = placeLabels(labels, [], OPTIONS);
    expect(noneIntersect(boxes)).toBe(true);
  });

  it('Given labels on a vertical path, then no two of them intersect', () => {
    const labels = [0, 1, 2, 3].map((k) => ({ at: { x: 0, y: k * 24 }, w: 90, h: 20 }));
    expect(noneIntersect(placeLabels(labels, [], OPTIONS))).toBe(true);
  });

  it('Given the badge where a label would hang, then the label goes elsewhere and clear of the badge', () => {
    const badge: Rect = { x: 60, y: 60, w: 80, h: 30 };
    const [box] = placeLabels([{ at: { x: 100, y: 50 }, w: 60, h: 20 }], [badge], OPTIONS);
    expect(box).toBeDefined();
    expect(intersects(box as Rect, badge)).toBe(false);
  });

  it('Given no free place at all, then the label takes the place that covers least', () => {
    const wall: Rect = { x: -1000, y: -1000, w: 2000, h: 2000 };
    const [box] = placeLabels([{ at: { x: 0, y: 0 }, w: 10, h: 10 }], [wall], OPTIONS);
    expect(box).toEqual({ x: -5, y: 14, w: 10, h: 10 });
  });
});

describe('a point kept clear of labels along a path', () => {
  const along = (t: number) => ({ x: t * 100, y: 0 });

  it('Given an edge label over the middle of the path, when the token would stop there, then it stops at the nearest place beside the label', () => {
    const label: Rect = { x: 40, y: -10, w: 20, h: 20 };
    const t = clearAlong(along, 0.5, [label], 6);
    const p = along(t);
    expect(p.x <= 34 || p.x >= 66).toBe(true);
    expect(Math.abs(t - 0.5)).toBeLessThan(0.2);
  });

  it('Given a clear place, then the point stays where it is', () => {
    expect(clearAlong(along, 0.3, [{ x: 40, y: -10, w: 20, h: 20 }], 6)).toBe(0.3);
  });

  it('Given a label covering the whole path, then the point stays where it is (nothing better in range)', () => {
    expect(clearAlong(along, 0.5, [{ x: -10, y: -10, w: 120, h: 20 }], 6)).toBe(0.5);
  });
});
