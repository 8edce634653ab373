import { expect, test } from '@playwright/test';

test('Given a fresh browser, when the app loads, then the shell renders without any console error', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Crossaccount' })).toBeVisible();
  await expect(page.locator('.react-flow')).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/app-shell.png' });

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'e2e/screenshots/app-shell-dark.png' });
  expect(problems).toEqual([]);
});
