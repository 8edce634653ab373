import { expect, test, type Page } from '@playwright/test';
import { openLesson } from './shareHelpers';

/**
 * A laptop-sized window (1024×768): the palette is an icon rail, the inspector docked narrow, and the
 * canvas keeps most of the window; both panels open and close from the keyboard, and the choice is kept.
 */

test.use({ viewport: { width: 1024, height: 768 } });

async function canvasShare(page: Page): Promise<number> {
  const box = await page.getByRole('main', { name: 'Scenario canvas' }).boundingBox();
  return (box?.width ?? 0) / 1024;
}

test('Given a 1024 px window, then the palette is an icon rail, the inspector is narrow and the canvas keeps at least 60% of the width', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('palette')).toHaveAttribute('data-mode', 'rail');
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-mode', 'narrow');
  expect(await canvasShare(page)).toBeGreaterThanOrEqual(0.6);
  // Every icon keeps its name, shown on keyboard focus.
  await page.getByTestId('palette.toggle').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Add AWS account' })).toBeFocused();
  await expect(page.getByTestId('tooltip')).toHaveText('AWS account');
  await page.screenshot({ path: 'e2e/screenshots/narrow-1024-rail.png' });
});

test('Given the rail, when an icon is activated by keyboard or click, then the entity is added to the canvas', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Add AWS account' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.react-flow__node-account')).toHaveCount(1);
  await page.getByRole('button', { name: 'Add IAM user' }).click();
  await expect(page.locator('.react-flow__node-principal')).toHaveCount(1);
  await expect(page.locator('.react-flow__node-principal')).toBeInViewport();
});

test('Given a 1024 px window, when the panels are expanded and collapsed by keyboard, then the canvas follows and the choice survives a reload', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('empty.example').click();
  const toggle = page.getByTestId('palette.toggle');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette')).toHaveAttribute('data-mode', 'full');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('button', { name: 'Add AWS account' })).toContainText('AWS account');

  await page.reload();
  await expect(page.getByTestId('palette')).toHaveAttribute('data-mode', 'full');

  await page.getByTestId('palette.toggle').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette')).toHaveAttribute('data-mode', 'rail');

  const before = await canvasShare(page);
  await page.getByTestId('inspector.toggle').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-mode', 'rail');
  expect(await canvasShare(page)).toBeGreaterThan(before);
  // The diagram is refitted into the wider canvas: all of it is in view.
  await expect(page.locator('.react-flow__node[data-id="bucket"]')).toBeInViewport();
  await expect(page.getByTestId('inspector.toggle')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-mode', 'narrow');
});

test('Given a lesson open in a 1024 px window, then the legend is drawn beside the lesson panel, not under it', async ({ page }) => {
  await page.goto('/');
  await openLesson(page, 'copy-both-ways');
  const panel = await page.getByTestId('lesson-panel').boundingBox();
  const legend = await page.getByTestId('legend').boundingBox();
  if (!panel || !legend) throw new Error('lesson panel or legend not drawn');
  expect(legend.x).toBeGreaterThanOrEqual(panel.x + panel.width);
  // Every entry is on screen and inside the canvas.
  const canvas = await page.getByRole('main', { name: 'Scenario canvas' }).boundingBox();
  expect(legend.x + legend.width).toBeLessThanOrEqual((canvas?.x ?? 0) + (canvas?.width ?? 0));
  // Closed, the legend is centred over the whole canvas again.
  await page.getByRole('button', { name: 'Close the lesson' }).click();
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  await expect.poll(async () => (await page.getByTestId('legend').boundingBox())?.x ?? 0).toBeLessThan(legend.x);
});
