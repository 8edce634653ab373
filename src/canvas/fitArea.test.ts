import { describe, expect, it } from 'vitest';
import { fitViewport, freeBox, type Box } from './fitArea';

const OPTIONS = { margin: 16, minZoom: 0.05, maxZoom: 1 };

/** The diagram's box on screen for a viewport. */
function onScreen(bounds: { x: number; y: number; width: number; height: number }, v: { x: number; y: number; zoom: number }): Box {
  return { left: bounds.x * v.zoom + v.x, top: bounds.y * v.zoom + v.y, right: (bounds.x + bounds.width) * v.zoom + v.x, bottom: (bounds.y + bounds.height) * v.zoom + v.y };
}
const clear = (a: Box, b: Box): boolean => a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;

describe('freeBox', () => {
  it('Given no panels, when fitting, then the whole canvas less the margin is free', () => {
    expect(freeBox(800, 600, [], { width: 100, height: 100 }, 16)).toEqual({ left: 16, top: 16, right: 784, bottom: 584 });
  });

  it('Given a lesson panel over the left of the canvas, when fitting, then the diagram goes to its right', () => {
    const lesson = { left: -200, top: 8, right: 140, bottom: 592 };
    const box = freeBox(800, 600, [lesson], { width: 400, height: 300 }, 16);
    expect(box.left).toBe(156);
    expect(box.right).toBe(784);
  });

  it('Given a legend strip at the top centre, when fitting a wide diagram, then it goes below the legend across the full width', () => {
    const legend = { left: 200, top: 12, right: 600, bottom: 52 };
    const box = freeBox(800, 600, [legend], { width: 1000, height: 200 }, 16);
    expect(box).toEqual({ left: 16, top: 68, right: 784, bottom: 584 });
  });

  it('Given a legend strip at the top centre, when fitting a tall diagram, then it goes beside the legend at full height', () => {
    const legend = { left: 300, top: 12, right: 700, bottom: 52 };
    const box = freeBox(800, 600, [legend], { width: 100, height: 1000 }, 16);
    expect(box.top).toBe(16);
    expect(box.bottom).toBe(584);
    expect(box.right).toBeLessThanOrEqual(284);
  });

  it('Given panels covering the whole canvas, when fitting, then the whole canvas is used rather than nothing', () => {
    const box = freeBox(800, 600, [{ left: 0, top: 0, right: 800, bottom: 600 }], { width: 100, height: 100 }, 16);
    expect(box).toEqual({ left: 16, top: 16, right: 784, bottom: 584 });
  });

  it('Given a panel entirely outside the canvas, when fitting, then it is ignored', () => {
    expect(freeBox(800, 600, [{ left: 900, top: 0, right: 1000, bottom: 600 }], { width: 100, height: 100 }, 16)).toEqual({ left: 16, top: 16, right: 784, bottom: 584 });
  });
});

describe('fitViewport', () => {
  const canvas = { width: 860, height: 780 };
  const panels: Box[] = [
    { left: 130, top: 12, right: 730, bottom: 52 }, // legend
    { left: -180, top: 8, right: 140, bottom: 772 }, // lesson panel
    { left: 160, top: 700, right: 840, bottom: 768 }, // journey strip
    { left: 15, top: 600, right: 47, bottom: 760 }, // zoom controls
  ];

  it('Given the floating panels, when a diagram is fitted, then it covers none of them and keeps the margin from the canvas edges', () => {
    const bounds = { x: -24, y: -44, width: 1200, height: 680 };
    const v = fitViewport(canvas.width, canvas.height, panels, bounds, OPTIONS);
    const shown = onScreen(bounds, v);
    for (const p of panels) expect(clear(shown, p)).toBe(true);
    expect(shown.left).toBeGreaterThanOrEqual(16 - 1e-6);
    expect(shown.right).toBeLessThanOrEqual(canvas.width - 16 + 1e-6);
    expect(shown.top).toBeGreaterThanOrEqual(16 - 1e-6);
    expect(shown.bottom).toBeLessThanOrEqual(canvas.height - 16 + 1e-6);
  });

  it('Given a small diagram, when fitted, then it is not zoomed in past 100% and sits in the middle of the free box', () => {
    const bounds = { x: 0, y: 0, width: 200, height: 100 };
    const v = fitViewport(800, 600, [], bounds, OPTIONS);
    expect(v.zoom).toBe(1);
    expect(v.x).toBe(300);
    expect(v.y).toBe(250);
  });

  it('Given a huge diagram, when fitted, then the zoom stops at the minimum', () => {
    const v = fitViewport(800, 600, [], { x: 0, y: 0, width: 1e6, height: 1e6 }, OPTIONS);
    expect(v.zoom).toBe(0.05);
  });

  it('Given a diagram that fits only below the readable zoom, when fitted, then it is shown at the readable zoom from its top-left corner', () => {
    const bounds = { x: 100, y: 50, width: 2000, height: 400 };
    const v = fitViewport(800, 600, [], bounds, { ...OPTIONS, readableZoom: 0.65 });
    expect(v.zoom).toBe(0.65);
    // Its left edge at the free box's left; its height fits, so it is centred vertically.
    expect(bounds.x * v.zoom + v.x).toBeCloseTo(16);
    expect((bounds.y + bounds.height / 2) * v.zoom + v.y).toBeCloseTo(300);
  });

  it('Given a diagram that fits above the readable zoom, when fitted, then the readable zoom changes nothing', () => {
    const bounds = { x: 0, y: 0, width: 400, height: 300 };
    expect(fitViewport(800, 600, [], bounds, { ...OPTIONS, readableZoom: 0.65 })).toEqual(fitViewport(800, 600, [], bounds, OPTIONS));
  });
});
