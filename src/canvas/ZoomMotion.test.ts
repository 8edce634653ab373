import { describe, expect, it } from 'vitest';
import { DETAIL_ZOOM, FAR_ZOOM, hiddenDetail, holdsDuringZoom, MIN_TEXT_PX, MOTION_EDGES, NAME_ZOOM, SETTLE_FRAMES, SETTLE_MS, settled } from './ZoomMotion';

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

  it('Given a zoom where 11-px text would be under 9 px, then small text is hidden; where 14-px names would be, names are hidden too', () => {
    expect(hiddenDetail(1)).toBeUndefined();
    expect(hiddenDetail(DETAIL_ZOOM)).toBeUndefined();
    expect(11 * DETAIL_ZOOM).toBeGreaterThanOrEqual(MIN_TEXT_PX - 1e-9);
    expect(hiddenDetail(DETAIL_ZOOM - 0.01)).toBe('small');
    expect(14 * NAME_ZOOM).toBeGreaterThanOrEqual(MIN_TEXT_PX - 1e-9);
    expect(hiddenDetail(NAME_ZOOM - 0.01)).toBe('names');
    expect(FAR_ZOOM).toBeLessThan(NAME_ZOOM);
  });
});
