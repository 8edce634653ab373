import { expect, test, type Page } from '@playwright/test';
import { generateScenario } from '../bench/ui/scenario';
import { serializeScenario } from '../src/share/file';
import { Editor } from './support/editor';

/**
 * Large diagrams: what the canvas does differently to stay fast (see src/canvas/Canvas.tsx FAR_ZOOM and
 * src/canvas/ZoomMotion.tsx) must not change what it shows.
 */

async function openGenerated(page: Page, nodes: number, edges: number, accounts?: number): Promise<Editor> {
  const editor = await Editor.fresh(page);
  const text = serializeScenario(generateScenario({ nodes, edges, ...(accounts ? { accounts } : {}) }));
  await page.getByTestId('file.input').setInputFiles({ name: 'large.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('share-toast')).toContainText('Opened “large.json”.');
  await editor.settled();
  await editor.viewSettled();
  return editor;
}

/** For a sample of edges: how far (in screen pixels) each path's ends are from the outline of its cards. */
async function endGaps(page: Page, ends: Record<string, { from: string; to: string }>): Promise<{ id: string; source: number; target: number }[]> {
  return page.evaluate((ends) => {
    const out: { id: string; source: number; target: number }[] = [];
    const ids = Object.keys(ends).filter((_, i) => i % 20 === 0);
    for (const id of ids) {
      const path = document.querySelector<SVGPathElement>(`.react-flow__edge[data-id="${id}"] path.react-flow__edge-path`);
      const m = path?.getScreenCTM();
      const end = ends[id];
      const from = document.querySelector(`.react-flow__node[data-id="${end?.from}"]`)?.getBoundingClientRect();
      const to = document.querySelector(`.react-flow__node[data-id="${end?.to}"]`)?.getBoundingClientRect();
      if (!path || !m || !from || !to) continue;
      const at = (len: number) => new DOMPoint(path.getPointAtLength(len).x, path.getPointAtLength(len).y).matrixTransform(m);
      const a = at(0);
      const b = at(path.getTotalLength());
      // Distance from the card's outline (the edge router picks the sides that face each other).
      const gap = (p: DOMPoint, r: DOMRect) => {
        const dx = Math.max(r.left - p.x, 0, p.x - r.right);
        const dy = Math.max(r.top - p.y, 0, p.y - r.bottom);
        return dx || dy ? Math.hypot(dx, dy) : Math.min(p.x - r.left, r.right - p.x, p.y - r.top, r.bottom - p.y);
      };
      out.push({ id, source: gap(a, from), target: gap(b, to) });
    }
    return out;
  }, ends);
}

test.describe('large diagrams', () => {
  test('A large scenario opened at far zoom draws every edge from its source card to its target card', async ({ page }) => {
    const scenario = generateScenario({ nodes: 300, edges: 600 });
    await openGenerated(page, 300, 600);
    // Opened zoomed far out: labels and card details are not drawn, handles are hidden.
    await expect(page.locator('.react-flow')).toHaveClass(/lod-far/);
    const gaps = await endGaps(page, Object.fromEntries(scenario.edges.map((e) => [e.id, { from: e.from, to: e.to }])));
    expect(gaps.length).toBeGreaterThan(10);
    // Each end touches a card side (a handle is 14 px wide, drawn half outside the card); before the
    // handles were kept in layout at far zoom, ends were hundreds of pixels away.
    for (const g of gaps) {
      expect.soft(g.source, `edge ${g.id} starts at its source`).toBeLessThan(6);
      expect.soft(g.target, `edge ${g.id} ends at its target`).toBeLessThan(6);
    }
  });

  test('While the zoom moves on a large diagram the line patterns rest, and they are back once it stops', async ({ page }) => {
    await openGenerated(page, 300, 600);
    const flow = page.locator('.react-flow');
    const dashed = page.locator('.react-flow__edge[data-decision="implicit-deny"] path.react-flow__edge-path').first();
    const dash = () => dashed.evaluate((p) => getComputedStyle(p).strokeDasharray);
    expect(await dash()).not.toBe('none');

    // Read the pattern the moment the attribute comes and goes (a timer removes it: reading later races it).
    const seen = page.evaluate(
      () =>
        new Promise<{ during: string; after: string }>((resolve) => {
          const flow = document.querySelector('.react-flow');
          const path = document.querySelector('.react-flow__edge[data-decision="implicit-deny"] path.react-flow__edge-path');
          if (!flow || !path) throw new Error('no canvas or no implicitly denied edge');
          let during = '';
          new MutationObserver(() => {
            const dash = getComputedStyle(path).strokeDasharray;
            if (flow.hasAttribute('data-zooming')) during = dash;
            else resolve({ during, after: dash });
          }).observe(flow, { attributes: true, attributeFilter: ['data-zooming'] });
        }),
    );
    const pane = await page.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no pane');
    await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
    await page.mouse.wheel(0, -100);
    const { during, after } = await seen;
    expect(during).toBe('none');
    // Without the pattern the decision is still told: data-decision and the decision's colour stay.
    await expect(page.locator('.react-flow__edge[data-decision="implicit-deny"]').first()).toBeAttached();
    expect(after).not.toBe('none');
    await expect(flow).not.toHaveAttribute('data-zooming');
    expect(await dash()).not.toBe('none');
  });

  test('Small diagrams keep their line patterns while zooming', async ({ page }) => {
    const editor = await openGenerated(page, 40, 60, 2);
    const pane = await page.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no pane');
    await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
    const seen = page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const flow = document.querySelector('.react-flow');
          if (!flow) return resolve(false);
          const observer = new MutationObserver(() => resolve(true));
          observer.observe(flow, { attributes: true, attributeFilter: ['data-zooming'] });
          setTimeout(() => resolve(false), 1500);
        }),
    );
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -100);
    expect(await seen).toBe(false);
    await editor.viewSettled();
  });
});
