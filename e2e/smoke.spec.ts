import { expect, test } from '@playwright/test';
import { openLesson } from './shareHelpers';

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

test('Given the policy editor cannot be fetched (offline, or a new deployment), when a policy is shown, then that part says so and the rest of the app keeps working', async ({ page }) => {
  await page.route('**/*PolicyEditor*', (route) => route.abort());
  await page.goto('/');
  await openLesson(page, 'bucket-policy');
  await page.locator('.react-flow__node[data-id="alice"]').click();
  const failed = page.getByTestId('load-failed').first();
  await expect(failed).toContainText('The policy editor could not be loaded');
  await expect(failed.getByRole('button', { name: 'Reload' })).toBeVisible();
  // The app is still there: the canvas, the inspector and the lesson.
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeVisible();
  await expect(page.getByTestId('lesson-panel')).toBeVisible();
  await expect(page.locator('.react-flow__edge').first()).toBeAttached();
});
