import { expect, test, type Page } from '@playwright/test';

/**
 * The seed example's two designs side by side: as a new user would open them from the example, step
 * through both, and read why the role session lost the DynamoDB table.
 */

async function openCompare(page: Page): Promise<void> {
  await page.goto('/');
  // As a new user: the empty canvas offers the example.
  await page.getByTestId('empty.example').click();
  await page.getByTestId('journey.compare').click();
  await expect(page.getByRole('dialog', { name: /Two designs, one task/ })).toBeVisible();
}

async function stepBothToEnd(page: Page): Promise<void> {
  const forward = page.getByTestId('compare.forward');
  while (await forward.isEnabled()) await forward.click();
  await expect(page.getByTestId('compare.progress')).toHaveAttribute('data-status', 'finished');
}

test('Given the seed example, when both designs are played side by side, then the bucket-policy design keeps alice and the role design loses the table', async ({ page }) => {
  await openCompare(page);
  const keep = page.getByTestId('compare.keep');
  const role = page.getByTestId('compare.role');
  await expect(keep.getByRole('heading', { name: 'Bucket policy: alice keeps its identity' })).toBeVisible();
  await expect(role.getByRole('heading', { name: 'AssumeRole: alice becomes ExportRole' })).toBeVisible();
  await expect(page.getByTestId('compare.keep.acting')).toHaveText(/alice @ 111111111111/);
  await expect(page.getByTestId('compare.role.acting')).toHaveText(/alice @ 111111111111/);
  await expect(page.getByTestId('compare.keep.leg.0')).toHaveAttribute('data-outcome', 'pending');
  await page.screenshot({ path: 'e2e/screenshots/journey-compare-start.png' });

  // Step both until the role design has swapped identities.
  const forward = page.getByTestId('compare.forward');
  for (let i = 0; i < 30 && !(await page.getByTestId('compare.role.acting').textContent())?.includes('ExportRole'); i++) await forward.click();
  await expect(page.getByTestId('compare.role.acting')).toHaveText(/ExportRole\/alice @ 222222222222/);
  await expect(page.getByTestId('compare.keep.acting')).toHaveText(/alice @ 111111111111/);
  await expect(page.getByTestId('compare.role.badge.previous')).toHaveText(/alice @ 111111111111/);
  await page.screenshot({ path: 'e2e/screenshots/journey-compare-swap.png' });

  await stepBothToEnd(page);
  // Decisions come from the engine: the table scan is allowed as alice and denied as the session.
  await expect(page.getByTestId('compare.keep.leg.0')).toHaveAttribute('data-outcome', 'allowed');
  await expect(page.getByTestId('compare.keep.leg.1')).toHaveAttribute('data-outcome', 'allowed');
  await expect(page.getByTestId('compare.role.leg.0')).toHaveAttribute('data-outcome', 'denied');
  await expect(page.getByTestId('compare.role.leg.0')).toContainText('dynamodb:Scan');
  await expect(page.getByTestId('compare.role.leg.0')).toContainText('neither account allows it — results-source in 111111111111 has no resource policy');
  await expect(page.getByTestId('compare.role.leg.1')).toHaveAttribute('data-outcome', 'allowed');
  await expect(page.getByTestId('compare.keep.acting')).toHaveText(/alice @ 111111111111/);
  await expect(page.getByTestId('compare.role.acting')).toHaveText(/ExportRole\/alice @ 222222222222/);
  await expect(page.getByTestId('compare.takeaway')).toContainText('no longer apply');
  await expect(page.getByTestId('compare.lost')).toContainText('dynamodb:Scan on results-source, allowed to alice, is denied to the session');
  await page.screenshot({ path: 'e2e/screenshots/journey-compare-end.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'e2e/screenshots/journey-compare-end-dark.png' });
});

test('Given the comparison dialog, when Escape is pressed, then it closes and focus returns to the button that opened it', async ({ page }) => {
  await openCompare(page);
  await expect(page.getByTestId('compare.play')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('journey.compare')).toBeFocused();
});

test('Given the comparison, when an edge label on a design canvas is clicked, then nothing is selected in the scenario behind it', async ({ page }) => {
  await openCompare(page);
  await expect(page.getByTestId('inspector.title')).toHaveText('Inspector');
  // The designs' labels are text, not buttons: they are not the scenario's edges.
  const label = page.getByTestId('compare.keep').getByTestId('edge-label.alice-put');
  await expect(label).toBeVisible();
  await expect(page.getByTestId('compare.keep').getByRole('button', { name: /alice → bucket-b/ })).toHaveCount(0);
  await label.dispatchEvent('click');
  await page.getByTestId('compare.role').getByTestId('edge-label.alice-assume').dispatchEvent('click');
  await page.getByTestId('compare.close').click();
  await expect(page.getByTestId('inspector.title')).toHaveText('Inspector');
  await expect(page.getByTestId('edge-label.alice-put')).toHaveAttribute('aria-pressed', 'false');
});

test('Given the example and its two designs on screen, then every edge of the three canvases points at an arrowhead of its own canvas in the colour of its decision', async ({ page }) => {
  await openCompare(page);
  // (The diagonal write: a level edge's box has no height, which Playwright counts as hidden.)
  await expect(page.getByTestId('compare.keep').locator('.react-flow__edge[data-id="alice-put"]')).toBeVisible();
  const arrows = await page.evaluate(() =>
    [...document.querySelectorAll('.react-flow')].flatMap((canvas) =>
      [...canvas.querySelectorAll('.react-flow__edge')].map((edge) => {
        const id = /url\(["']?#([^"')]+)["']?\)/.exec(edge.querySelector('.react-flow__edge-path')?.getAttribute('marker-end') ?? '')?.[1] ?? '';
        const marker = id ? document.getElementById(id) : null;
        const look = edge.getAttribute('data-decision') ?? '';
        const expected = getComputedStyle(document.documentElement).getPropertyValue(`--decision-${look}`).trim();
        const probe = document.createElement('span');
        probe.style.color = expected;
        document.body.append(probe);
        const want = getComputedStyle(probe).color;
        probe.remove();
        return { edge: edge.getAttribute('data-id'), inCanvas: !!marker && canvas.contains(marker), colourMatches: !!marker?.firstElementChild && getComputedStyle(marker.firstElementChild).fill === want };
      }),
    ),
  );
  // The main canvas's 4 edges and each design's own.
  expect(arrows.length).toBeGreaterThan(4);
  expect(arrows.filter((a) => !a.inCanvas || !a.colourMatches)).toEqual([]);
});

test('Given the two designs at 1280×800, then each canvas shows only what its design uses and no gate or badge covers another at any step', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openCompare(page);
  const ids = async (pane: string): Promise<string[]> => (await page.getByTestId(pane).locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''))).sort();
  await expect.poll(() => ids('compare.keep')).toEqual(['111111111111', '222222222222', 'alice', 'bucket', 'table']);
  await expect.poll(() => ids('compare.role')).toEqual(['111111111111', '222222222222', 'alice', 'bucket', 'export-role', 'table']);

  const overlaps = (pane: string) =>
    page.getByTestId(pane).evaluate((root) => {
      const boxes = [...root.querySelectorAll<HTMLElement>('[data-gate-label], [data-measure]')].map((el) => ({ name: el.textContent ?? '', r: el.getBoundingClientRect() }));
      const hits: string[] = [];
      boxes.forEach((a, i) =>
        boxes.slice(i + 1).forEach((b) => {
          if (a.r.left < b.r.right && b.r.left < a.r.right && a.r.top < b.r.bottom && b.r.top < a.r.bottom) hits.push(`${a.name} × ${b.name}`);
        }),
      );
      return { hits, count: boxes.length };
    });
  const forward = page.getByTestId('compare.forward');
  for (let step = 0; ; step++) {
    for (const pane of ['compare.keep', 'compare.role']) {
      // Placed once the labels are measured (the frame after they are drawn).
      await expect.poll(async () => (await overlaps(pane)).hits, { message: `${pane} at step ${step + 1}` }).toEqual([]);
      expect((await overlaps(pane)).count).toBeGreaterThan(0);
    }
    if (!(await forward.isEnabled())) break;
    await forward.click();
  }
  await page.screenshot({ path: 'e2e/screenshots/journey-compare-1280.png' });
});
