/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, so this file is checked with DOM types too.
import { expect, test } from '@playwright/test';
import { openLesson, picture } from './shareHelpers';

test('Given a scenario, when saved, renamed, duplicated, opened and deleted in Saved scenarios, then the list follows and work is autosaved', async ({ page }) => {
  await page.goto('/');
  await openLesson(page, 'delegation');
  await page.getByTestId('toolbar.library').click();
  const dialog = page.getByTestId('library-dialog');
  await expect(dialog.getByTestId('library-empty')).toBeVisible();
  await dialog.getByTestId('library-save-name').fill('Delegation review');
  await dialog.getByTestId('library-save').click();
  await expect(dialog.getByTestId('library-current')).toContainText('“Delegation review”');

  const entry = dialog.getByTestId('library-entry').filter({ hasText: 'Delegation review' });
  await entry.getByTestId('library-rename').click();
  await dialog.getByTestId('library-rename-input').fill('Delegation — workshop');
  await dialog.getByTestId('library-rename-input').press('Enter');
  const renamed = dialog.getByTestId('library-entry').filter({ hasText: 'Delegation — workshop' });
  await expect(renamed).toHaveCount(1);
  await renamed.getByTestId('library-duplicate').click();
  await expect(dialog.getByTestId('library-entry')).toHaveCount(2);
  await page.screenshot({ path: 'e2e/screenshots/share-library.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'e2e/screenshots/share-library-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.keyboard.press('Escape');

  // Edits to the current saved scenario are autosaved into it.
  await page.getByTestId('lesson-try.delegate-to-user1').click();
  const edited = await picture(page);
  await openLesson(page, 'wildcard');
  await page.getByTestId('toolbar.library').click();
  await dialog.getByTestId('library-entry').filter({ hasText: /^Delegation — workshop(?! \(copy\))/ }).getByTestId('library-open').click();
  await expect(page.locator('[data-testid="edge-label.user1-read"]')).toHaveAttribute('data-decision', 'allowed');
  expect(await picture(page)).toEqual(edited);

  await page.getByTestId('toolbar.library').click();
  const copy = dialog.getByTestId('library-entry').filter({ hasText: '(copy)' });
  await copy.getByTestId('library-delete').click();
  await dialog.getByTestId('library-confirm-delete').click();
  await expect(dialog.getByTestId('library-entry')).toHaveCount(1);
});

test('Given a saved scenario corrupted in storage, when opened, then a located error shows and the entry is kept', async ({ page }) => {
  await page.goto('/');
  await openLesson(page, 'assume-role');
  await page.getByTestId('toolbar.library').click();
  const dialog = page.getByTestId('library-dialog');
  await dialog.getByTestId('library-save').click();
  await dialog.getByTestId('library-duplicate').click();
  await expect(dialog.getByTestId('library-entry')).toHaveCount(2);
  // Corrupt the copy (the original is the current entry, which the autosave keeps writing).
  await page.evaluate(() => {
    const meta = Object.keys(localStorage).find((k) => k.startsWith('crossaccount:library:v1:meta:') && (localStorage.getItem(k) ?? '').includes('(copy)'));
    if (meta) localStorage.setItem(meta.replace(':meta:', ':data:'), '{"version":1,\n"accounts":[{"id":"12","name":"A"}]}');
  });
  const before = await picture(page);
  await dialog.getByTestId('library-entry').filter({ hasText: '(copy)' }).getByTestId('library-open').click();
  await expect(dialog.getByTestId('library-message')).toContainText('could not be opened');
  await expect(dialog.getByTestId('library-message')).toContainText('line 2, column 14 — $.accounts[0].id: Account id must be exactly 12 digits.');
  await expect(dialog.getByTestId('library-entry')).toHaveCount(2);
  await page.screenshot({ path: 'e2e/screenshots/share-library-corrupt.png' });
  await page.keyboard.press('Escape');
  expect(await picture(page)).toEqual(before);
});

test('Given the File menu, then it is operable with the keyboard', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('toolbar.file').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('file.open')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('file.open-example')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('file.import')).toBeFocused();
  // An empty canvas has nothing to draw and no policies: those two items are disabled and skipped.
  await expect(page.getByTestId('file.draw')).toBeDisabled();
  await expect(page.getByTestId('file.implied')).toBeDisabled();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('file.save')).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByTestId('file.export-svg')).toBeFocused();
  await page.screenshot({ path: 'e2e/screenshots/share-file-menu.png' });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(page.getByTestId('toolbar.file')).toBeFocused();
});
