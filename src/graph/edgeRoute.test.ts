import { Position } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { edgePath, edgeSides } from './edgeRoute';

const box = (x: number, y: number, w = 208, h = 64) => ({ x, y, w, h });

describe('an edge picks its sides from where its ends are', () => {
  it('Given a target to the right, then the edge leaves the right side and enters the left side, at mid-height', () => {
    expect(edgeSides(box(0, 0), box(400, 100))).toEqual({ sx: 208, sy: 32, sp: Position.Right, tx: 400, ty: 132, tp: Position.Left });
  });

  it('Given a target to the left, then the edge leaves the left side and enters the right side', () => {
    expect(edgeSides(box(400, 0), box(0, 100))).toEqual({ sx: 400, sy: 32, sp: Position.Left, tx: 208, ty: 132, tp: Position.Right });
  });

  it('Given boxes that overlap horizontally, then the edge runs bottom to top (or top to bottom) between their centres', () => {
    expect(edgeSides(box(0, 0), box(50, 200))).toMatchObject({ sx: 104, sy: 64, sp: Position.Bottom, tx: 154, ty: 200, tp: Position.Top });
    expect(edgeSides(box(0, 200), box(50, 0))).toMatchObject({ sx: 104, sy: 200, sp: Position.Top, tx: 154, ty: 64, tp: Position.Bottom });
  });

  it('Given two boxes, then the path starts and ends on the chosen sides', () => {
    const [d] = edgePath(box(400, 0), box(0, 100));
    expect(d.startsWith('M400,32')).toBe(true);
    expect(d.endsWith('208,132')).toBe(true);
  });
});
