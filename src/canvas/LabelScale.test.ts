import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labelScale } from './LabelScale';
import { FAR_ZOOM } from './ZoomMotion';

describe('labelScale', () => {
  it('Given 100% zoom or more, when labels are drawn, then they keep their size', () => {
    expect(labelScale(1)).toBe(1);
    expect(labelScale(2)).toBe(1);
  });

  it('Given any zoom where labels are drawn, when they are scaled, then their smallest (11-px) line is at least 9.5 px on screen', () => {
    for (let zoom = FAR_ZOOM; zoom <= 1.2; zoom += 0.01) expect(11 * zoom * labelScale(zoom)).toBeGreaterThanOrEqual(9);
    for (const zoom of [0.55, 0.63, 0.7, 0.85]) expect(11 * zoom * labelScale(zoom)).toBeGreaterThanOrEqual(9.5);
  });

  it('Given a far zoom, when labels are drawn, then the scale stops at 1.75×', () => {
    expect(labelScale(0.3)).toBe(1.75);
  });

  it('Given a zoom gesture, when the zoom changes a little, then the scale moves in steps of 0.1', () => {
    expect(labelScale(0.7)).toBe(labelScale(0.69));
    expect(Math.round(labelScale(0.66) * 10)).toBe(labelScale(0.66) * 10);
  });

  it('Given every zoom down to far zoom, when the scale is set on the canvas, then the stylesheet has a rule for it', () => {
    const css = readFileSync(new URL('../index.css', import.meta.url), 'utf8');
    for (let zoom = 0.05; zoom <= 1.2; zoom += 0.005) {
      const scale = labelScale(zoom);
      if (scale !== 1) expect(css).toContain(`.react-flow[data-label-scale='${scale}'] .edge-label { scale: ${scale}; }`);
    }
  });
});
