import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labelScale } from './LabelScale';

describe('labelScale', () => {
  it('Given 100% zoom or more, when labels are drawn, then they keep their size', () => {
    expect(labelScale(1)).toBe(1);
    expect(labelScale(2)).toBe(1);
  });

  it('Given the zoom a fit picks for the seed example, when labels are drawn, then they are at least 11 px on screen', () => {
    for (const zoom of [0.55, 0.63, 0.7, 0.85]) expect(12 * zoom * labelScale(zoom)).toBeGreaterThanOrEqual(11);
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
