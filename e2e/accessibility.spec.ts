import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { Editor } from './support/editor';

/** Tabs until `predicate` holds for the focused element (at most `limit` presses). */
async function tabUntil(page: Page, predicate: (el: { label: string; testId: string; tag: string }) => boolean, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return { label: a?.getAttribute('aria-label') ?? a?.textContent ?? '', testId: a?.getAttribute('data-testid') ?? '', tag: a?.tagName ?? '' };
    });
    if (predicate(el)) return;
  }
  throw new Error('Tab never reached the element');
}

async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    if (!a || a === document.body) return false;
    const style = getComputedStyle(a);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  });
}

test('Everything needed to draw and read a decision works from the keyboard, with visible focus', async ({ page }) => {
  const editor = await Editor.fresh(page);

  // Add an account, a user and a bucket from the palette with Enter
  await tabUntil(page, (el) => el.testId === 'palette.account');
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.locator('.react-flow__node-account')).toHaveCount(1);
  await tabUntil(page, (el) => el.testId === 'palette.iam-user');
  await page.keyboard.press('Enter');
  await tabUntil(page, (el) => el.testId === 'palette.s3-bucket');
  await page.keyboard.press('Enter');
  await expect(page.locator('.react-flow__node-principal')).toHaveCount(1);
  await expect(page.locator('.react-flow__node-resource')).toHaveCount(1);

  // Select the user by keyboard: Tab to its node and press Enter
  await tabUntil(page, (el) => el.label.startsWith('IAM user'));
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.press('Enter');
  await expect(editor.inspector.getByTestId('inspector.title')).toHaveText('IAM user');

  // Connect it to the bucket through the inspector's "Connect to"
  await tabUntil(page, (el) => el.testId === 'inspector.connect-target');
  await page.keyboard.press('ArrowDown');
  await expect(editor.inspector.getByTestId('inspector.connect-target')).not.toHaveValue('');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(editor.inspector.getByTestId('inspector.title')).toHaveText('Access edge');
  const edge = await editor.selectedId();
  await editor.expectDecision(edge, 'implicit-deny');

  // Clear the selection, then reach the edge's label by Tab and open its explanation with Enter
  await page.keyboard.press('Escape');
  await expect(editor.inspector.getByTestId('inspector.title')).toHaveText('Inspector');
  await page.getByTestId('palette.account').focus();
  await tabUntil(page, (el) => el.testId === `edge-label.${edge}`);
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.press('Enter');
  await expect(editor.inspector.getByTestId('explanation.decision')).toHaveAttribute('data-decision', 'implicit-deny');

  // Delete removes the selected edge; undo restores it
  await page.keyboard.press('Delete');
  await expect(editor.edge(edge)).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(editor.edge(edge)).toHaveCount(1);
});

test('Decisions are never told by colour alone: each has its own line style, icon and words', async ({ page }) => {
  const editor = await Editor.fresh(page);
  await page.getByTestId('empty.example').click();
  await editor.settled();
  const legend = page.getByTestId('legend');
  for (const word of ['Allowed', 'Explicitly denied', 'Implicitly denied', 'Mixed']) await expect(legend).toContainText(word);
  const dashes = await legend.locator('line').evaluateAll((lines) => lines.map((l) => l.getAttribute('stroke-dasharray') ?? 'solid'));
  expect(new Set(dashes).size).toBeGreaterThanOrEqual(3);
  // Every edge's label carries its decision in text for screen readers.
  for (const label of await page.locator('[data-testid^="edge-label."]').all()) await expect(label).toHaveAttribute('aria-label', /Allowed|Denied|denied|Mixed/);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`No WCAG 2 A/AA violations (axe) on the drawn example with an edge explained, ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const editor = await Editor.fresh(page);
    const empty = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(empty.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
    await page.getByTestId('empty.example').click();
    await editor.openEdge('alice-put');
    await expect(editor.inspector.getByTestId('explanation.decision')).toHaveAttribute('data-decision', 'allowed');
    await expect(editor.inspector.locator('[data-stage]').first()).toBeVisible();
    const drawn = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(drawn.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);

    // With a policy open in its CodeMirror editor
    await editor.select('alice');
    await expect(editor.policyEditor('alice', 'identity', 'ExportResults')).toBeVisible();
    const editing = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(editing.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
    await page.screenshot({ path: `e2e/screenshots/policy-editor-${scheme}.png` });
  });
}
