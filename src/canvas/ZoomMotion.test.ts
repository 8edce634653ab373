import { describe, expect, it } from 'vitest';
import { FAR_ZOOM, farZoom, holdsDuringZoom, MOTION_EDGES, SETTLE_FRAMES, SETTLE_MS, settled, SMALL_DIAGRAM_NODES, SMALL_FAR_ZOOM } from './ZoomMotion';

describe('zoom-dependent styles', () => {
  it('Given a diagram below the size threshold, when it is zoomed, then its styles follow every step', () => {
    expect(holdsDuringZoom(MOTION_EDGES - 1)).toBe(false);
    expect(holdsDuringZoom(5)).toBe(false);
  });

  it('Given a large diagram, when it is zoomed, then its styles hold until the zoom rests', () => {
    expect(holdsDuringZoom(MOTION_EDGES)).toBe(true);
    expect(holdsDuringZoom(2000)).toBe(true);
  });

  it('Given a zoom that stopped long ago but only one slow frame was drawn since, then the styles do not catch up yet', () => {
    expect(settled(SETTLE_MS * 4, 1)).toBe(false);
  });

  it('Given many fast frames but too little time since the last zoom step, then the styles do not catch up yet', () => {
    expect(settled(SETTLE_MS - 1, SETTLE_FRAMES * 10)).toBe(false);
  });

  it('Given enough time and enough frames since the last zoom step, then the styles catch up', () => {
    expect(settled(SETTLE_MS, SETTLE_FRAMES)).toBe(true);
  });

  it('Given a small diagram, then labels are hidden only further out than on a large one', () => {
    expect(farZoom(SMALL_DIAGRAM_NODES)).toBe(SMALL_FAR_ZOOM);
    expect(farZoom(SMALL_DIAGRAM_NODES + 1)).toBe(FAR_ZOOM);
    expect(SMALL_FAR_ZOOM).toBeLessThan(FAR_ZOOM);
  });
});
