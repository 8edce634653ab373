import { describe, expect, it } from 'vitest';
import { MOTION_EDGES, restsPatterns, SETTLE_FRAMES, SETTLE_MS, settled } from './ZoomMotion';

describe('line patterns while the zoom moves', () => {
  it('Given a diagram below the size threshold, when it is zoomed, then its patterns stay', () => {
    expect(restsPatterns(MOTION_EDGES - 1)).toBe(false);
    expect(restsPatterns(5)).toBe(false);
  });

  it('Given a large diagram, when it is zoomed, then its patterns rest', () => {
    expect(restsPatterns(MOTION_EDGES)).toBe(true);
    expect(restsPatterns(2000)).toBe(true);
  });

  it('Given a zoom that stopped long ago but only one slow frame was drawn since, then the patterns do not come back yet', () => {
    expect(settled(SETTLE_MS * 4, 1)).toBe(false);
  });

  it('Given many fast frames but too little time since the last zoom step, then the patterns do not come back yet', () => {
    expect(settled(SETTLE_MS - 1, SETTLE_FRAMES * 10)).toBe(false);
  });

  it('Given enough time and enough frames since the last zoom step, then the patterns come back', () => {
    expect(settled(SETTLE_MS, SETTLE_FRAMES)).toBe(true);
  });
});
