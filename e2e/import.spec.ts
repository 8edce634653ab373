/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, so this file is checked with DOM types too.
import { expect, test } from '@playwright/test';
import { Editor } from './support/editor';
import { dropFiles, fixtureFiles } from './support/importFiles';

test.describe('Importing AWS exports', () => {
  test('Given the example organization’s exports dropped on the canvas, then a new scenario opens with a report per file, its edges can be added from its policies, and each is decided', async ({ page }) => {
    const editor = await Editor.fresh(page);
    await dropFiles(page, fixtureFiles());
    const report = page.getByTestId('import-report');
    await expect(report).toBeVisible({ timeout: 30_000 });
    await expect(report.getByTestId('import-report.summary')).toContainText('“AWS organization o-a1b2c3d4e5 (3 accounts)”');
    await page.screenshot({ path: 'e2e/screenshots/import-report.png' });
    await report.getByTestId('import-report.implied').click();
    const implied = page.getByTestId('implied-edges');
    await expect(implied.getByTestId('implied-edges.summary')).toContainText('edges');
    await page.screenshot({ path: 'e2e/screenshots/import-implied.png' });
    await implied.getByTestId('implied-edges.apply').click();
    await expect(page.locator('.react-flow__edge')).toHaveCount(12, { timeout: 30_000 });
    await editor.settled();
    await editor.viewSettled();
    await page.screenshot({ path: 'e2e/screenshots/import-canvas.png' });
  });
});

test.describe('A large estate', () => {
  test('Given 5,000 roles and 2,000 users in 20 accounts dropped at once, then the accounts are drawn, the picker draws what is searched for, and it is decided', async ({ page }) => {
    test.setTimeout(240_000);
    const { estateText } = await import('../bench/estate');
    const editor = await Editor.fresh(page);
    await dropFiles(page, [{ name: 'estate.json', text: estateText() }]);
    const report = page.getByTestId('import-report');
    await expect(report).toBeVisible({ timeout: 120_000 });
    await page.screenshot({ path: 'e2e/screenshots/import-estate-report.png' });
    await report.getByTestId('import-report.draw').click();
    const picker = page.getByTestId('draw-picker');
    await picker.getByTestId('draw-picker.search').fill('Role3x1');
    await page.screenshot({ path: 'e2e/screenshots/import-estate-picker.png' });
    await picker.getByTestId('draw-picker.draw-matches').click();
    await picker.getByTestId('draw-picker.apply').click();
    await expect(page.locator('.react-flow__node-principal')).toHaveCount(111, { timeout: 60_000 });
    await editor.settled();
    await editor.viewSettled();
    await page.screenshot({ path: 'e2e/screenshots/import-estate-drawn.png' });
  });
});
