/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, so this file is checked with DOM types too.
import { expect, test, type Page } from '@playwright/test';
import { pasteLink, picture } from './shareHelpers';
import { Editor } from './support/editor';

/**
 * Editing polish found while trying the product as a new user would: account ids that can be changed with
 * everything following, a status line that speaks only of the step just taken, notices that name where work
 * was kept, and no "unsaved work" copy of a scenario that is already open.
 */

async function openExample(page: Page): Promise<Editor> {
  const editor = await Editor.fresh(page);
  await page.getByTestId('empty.example').click();
  await editor.settled();
  return editor;
}

test.describe('account ids', () => {
  test('Given the example, when account A gets a new id in the inspector, then its cards, the policies naming it and its layout follow in one undo step, and every decision stays', async ({ page }) => {
    const editor = await openExample(page);
    const before = await picture(page);
    await editor.select('111111111111');
    const field = editor.inspector.getByTestId('inspector.account-id');
    await expect(field).toHaveValue('111111111111');

    // Not 12 digits, or another account's id: said at the field, and nothing changes
    await field.fill('12345');
    await expect(editor.inspector.getByText('Exactly 12 digits.')).toBeVisible();
    await field.fill('222222222222');
    await expect(editor.inspector.getByText('Account B already has this id.')).toBeVisible();
    await field.press('Enter');
    await expect(editor.node('111111111111')).toBeVisible();

    // When a free id is committed with Enter
    await field.fill('333333333333');
    await field.press('Enter');
    await expect(editor.node('333333333333')).toBeVisible();
    await expect(editor.node('111111111111')).toHaveCount(0);
    // Then the account stays selected under its new id, with the keyboard still in its id field
    await expect(editor.node('333333333333')).toHaveClass(/selected/);
    await expect(editor.inspector.getByTestId('inspector.account-id')).toBeFocused();
    // And the inspector and the status line say what followed
    const followed = editor.inspector.getByTestId('inspector.renumbered');
    await expect(followed).toContainText('Was 111111111111');
    await expect(followed).toContainText('5 principals and resources moved with it');
    await expect(followed).toContainText('ExportResults of alice (1), Trust policy of ExportRole (1), Bucket policy of bucket-b (1), Queue policy of export-events (2)');
    await expect(followed).toContainText('Example org: 1 SCP/RCP attachment.');
    await expect(editor.notice).toContainText('Account id 111111111111 is now 333333333333; 5 cards and 4 policies followed');
    await page.screenshot({ path: 'e2e/screenshots/account-id-changed.png' });

    // And the drawing decides exactly as before, its cards inside the renumbered account
    await editor.settled();
    const after = await picture(page);
    expect(after.decisions).toEqual(before.decisions);
    expect(after.nodes).toEqual(before.nodes.map((id) => (id === '111111111111' ? '333333333333' : id)).sort());
    await editor.select('alice');
    await expect(editor.inspector.getByTestId('arn')).toHaveText('arn:aws:iam::333333333333:user/alice');
    await editor.select('bucket');
    await expect(editor.inspector.getByTestId('policy.bucket.resource.Bucket policy')).toContainText('arn:aws:iam::333333333333:user/alice');

    // One undo puts everything back; redo renumbers again
    await editor.undo();
    await expect(editor.node('111111111111')).toBeVisible();
    await expect(editor.node('333333333333')).toHaveCount(0);
    await expect(editor.inspector.getByTestId('policy.bucket.resource.Bucket policy')).toContainText('arn:aws:iam::111111111111:user/alice');
    await editor.redo();
    await expect(editor.node('333333333333')).toBeVisible();
    await editor.settled();
    expect((await picture(page)).decisions).toEqual(before.decisions);
  });
});

test.describe('new edges and policy templates', () => {
  test('Given policies added from the same template on a caller and a role, when the journey swaps identity, then what is given up and what is taken on read differently', async ({ page }) => {
    const editor = await Editor.fresh(page);
    const a = await editor.addAccount('Account A');
    const b = await editor.addAccount('Account B');
    const alice = await editor.add('iam-user', a);
    const queue = await editor.add('sqs-queue', a);
    const role = await editor.add('iam-role', b);
    const bucket = await editor.add('s3-bucket', b);
    // A new access edge asks for an action of its target's service
    const send = await editor.connect(alice, queue);
    await expect(editor.label(send)).toContainText('sqs:SendMessage');
    // (by the inspector's list: the new label sits over alice's dot in this small drawing)
    await editor.connectFromInspector(alice, /^Assume role AppRole/);
    const read = await editor.connect(role, bucket);
    await expect(editor.label(read)).toContainText('s3:GetObject');

    await editor.select(alice);
    await editor.useTemplate('identity', 'Allow actions on a resource');
    await expect(editor.policyEditor(alice, 'identity', 'AllowSendMessageOnJobs')).toContainText('"Sid": "AllowSendMessageOnJobs"');
    await expect(editor.policyEditor(alice, 'identity', 'AllowSendMessageOnJobs')).toContainText('"Resource": "arn:aws:sqs:us-east-1:111111111111:jobs"');
    await editor.useTemplate('identity', 'Allow sts:AssumeRole');
    await expect(editor.policyEditor(alice, 'identity', 'AssumeAppRole')).toContainText('arn:aws:iam::222222222222:role/AppRole');
    await editor.select(role);
    await editor.useTemplate('trust', 'Trust another account');
    await editor.useTemplate('identity', 'Allow actions on a resource');
    await expect(editor.policyEditor(role, 'identity', 'AllowGetObjectOnExampleBucket')).toContainText('"arn:aws:s3:::example-bucket/*"');
    await editor.expectDecision(read, 'allowed');

    await editor.openEdge(read);
    await page.getByTestId('journey.start').click();
    const progress = page.getByTestId('journey.progress');
    await expect(progress).toBeVisible();
    if ((await progress.getAttribute('data-status')) === 'playing') await page.getByTestId('journey.play').click();
    while ((await page.getByTestId('journey.narration').getAttribute('data-step-kind')) !== 'swap') await page.getByTestId('journey.forward').click();
    await expect(page.getByTestId('journey.given-up')).toHaveText(/AllowSendMessageOnJobs\s*AssumeAppRole/);
    await expect(page.getByTestId('journey.taken-on')).toHaveText('AllowGetObjectOnExampleBucket');
  });
});

test.describe('the status line and notices', () => {
  test('Given a notice in the status line, when the next step starts (a press on the canvas, a key), then it clears; a step that says something keeps its own', async ({ page }) => {
    const editor = await Editor.fresh(page);
    const a = await editor.addAccount('Account A');
    const user = await editor.add('iam-user', a);
    const topic = await editor.add('sns-topic', a);
    await editor.connect(user, topic);
    await expect(editor.notice).toContainText('Edge added');

    // When the next step starts with a press on the canvas, the notice about the last one goes
    const box = await editor.canvas.boundingBox();
    if (!box) throw new Error('canvas not visible');
    await page.mouse.click(box.x + box.width - 40, box.y + box.height - 160);
    await expect(editor.notice).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'Drag from a principal' })).toBeVisible();

    // A failed connection says why, and that notice stays until the next step: here a key
    await editor.dragLineTo(user, { x: box.x + box.width - 40, y: box.y + box.height - 160 });
    await expect(editor.notice).toContainText('nothing to connect to there');
    await page.keyboard.press('Shift');
    await expect(editor.notice).toContainText('nothing to connect to there');
    await page.keyboard.press('Escape');
    await expect(editor.notice).toHaveCount(0);

    // The keyboard's "Connect to" posts its own notice in the step that clears the previous one
    await editor.connectFromInspector(user, /^Access SNS topic/);
    await expect(editor.notice).toContainText('Edge added');
  });

  test('Given edited work, when a link to exactly that work is opened, then no "unsaved work" copy is filed; the notice names where it is kept', async ({ page }) => {
    const editor = await openExample(page);
    await editor.select('111111111111');
    await editor.rename('Account A (prod)');
    await page.getByTestId('toolbar.share').click();
    const url = await page.getByTestId('share-url').inputValue();
    await page.keyboard.press('Escape');

    await pasteLink(page, url.slice(url.indexOf('#') + 1));
    const toast = page.getByTestId('share-toast');
    await expect(toast).toContainText('It is the same as what you had open, so nothing needed keeping.');
    await expect(toast).toContainText('It is kept in Saved scenarios as “Copy DynamoDB results from account A to a bucket in account B”.');
    await expect(toast).not.toContainText('Unsaved work');
    await page.getByTestId('toolbar.library').click();
    await expect(page.getByTestId('library-entry')).toHaveCount(1);
    await expect(page.getByTestId('library-entry')).toContainText('From a link');
    await page.keyboard.press('Escape');

    // The same link again: the entry it already is stays the current one, and no second copy is made
    await page.evaluate(() => history.replaceState(null, '', location.pathname));
    await pasteLink(page, url.slice(url.indexOf('#') + 1));
    await expect(toast).toContainText('It stays in Saved scenarios as “Copy DynamoDB results from account A to a bucket in account B”.');
    await page.getByTestId('toolbar.library').click();
    await expect(page.getByTestId('library-entry')).toHaveCount(1);
  });

  test('Given an autosave that no longer opens, when the app starts, then it is kept in Saved scenarios and the notice names it', async ({ page }) => {
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('crossaccount:autosave', '{"version":1,"accounts":[{"id":"12","name":"A"}]}');
        sessionStorage.setItem('seeded', 'yes');
      }
    });
    await page.goto('/');
    // Said in the strip under the header (it stays until dismissed), not as a refused step.
    const notice = page.getByTestId('storage.message');
    await expect(notice).toContainText(/Your autosaved work could not be opened \(line 1, column \d+ — \$\.accounts\[0\]\.id: Account id must be exactly 12 digits/);
    await expect(notice).not.toContainText('Cannot do that');
    await expect(page.getByTestId('notice')).toHaveCount(0);
    await expect(notice).toContainText('It is kept, exactly as it was, in Saved scenarios as “Autosave that could not be opened — ');
    await page.getByTestId('toolbar.library').click();
    await expect(page.getByTestId('library-entry').filter({ hasText: 'Autosave that could not be opened' })).toHaveCount(1);
  });
});

test.describe('names that contain what is shown', () => {
  /**
   * WCAG 2.5.3 (label in name): a control whose accessible name is set apart from its visible words must
   * contain them, so "Play journey" spoken to voice control or searched by a screen reader finds it.
   * Words only: marks and icons (✓, ⊘, ×) are not text a person reads out.
   */
  const mismatches = (page: Page): Promise<string[]> =>
    page.evaluate(() => {
      const words = (text: string): string => text.replace(/[^\p{L}\p{N}:/.\- ]/gu, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
      const out: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>('button[aria-label], a[aria-label], [role="button"][aria-label], [role="menuitem"][aria-label]')) {
        if (el.getBoundingClientRect().width === 0) continue;
        const shown = el.cloneNode(true) as HTMLElement;
        shown.querySelectorAll('.sr-only, [aria-hidden="true"]').forEach((n) => n.remove());
        const visible = words(shown.textContent ?? '');
        if (!/\p{L}/u.test(visible)) continue;
        const name = words(el.getAttribute('aria-label') ?? '');
        if (!name.includes(visible)) out.push(`shows "${visible}", named "${name}"`);
      }
      return out;
    });

  test('Given the example, an edge picked and its journey playing, then every control’s name contains the words it shows ("Play journey" included)', async ({ page }) => {
    const editor = await openExample(page);
    expect(await mismatches(page)).toEqual([]);
    await editor.openEdge('alice-put');
    const play = page.getByRole('button', { name: 'Play journey', exact: false });
    await expect(play).toBeVisible();
    await expect(play).toHaveAccessibleName('Play journey: alice → bucket-b · s3:PutObject');
    expect(await mismatches(page)).toEqual([]);
    await play.click();
    await expect(page.getByTestId('journey.progress')).toBeVisible();
    expect(await mismatches(page)).toEqual([]);
  });
});

test.describe('the palette in short windows', () => {
  /** Each palette entry against the visible part of its list: cut off at the bottom, and labels cut short. */
  const clipped = (page: Page): Promise<{ cut: string[]; truncated: string[]; scrolls: boolean }> =>
    page.getByTestId('palette.list').evaluate((list) => {
      const box = list.getBoundingClientRect();
      const cut: string[] = [];
      const truncated: string[] = [];
      for (const button of list.querySelectorAll<HTMLElement>('[data-testid^="palette."]')) {
        const r = button.getBoundingClientRect();
        if (r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) cut.push(button.dataset['testid'] ?? '');
        for (const label of button.querySelectorAll<HTMLElement>('span.truncate')) if (label.scrollWidth > label.clientWidth) truncated.push(label.textContent ?? '');
      }
      return { cut, truncated, scrolls: list.scrollHeight > list.clientHeight + 1 };
    });

  for (const [width, height] of [[1440, 900], [1024, 900], [1024, 768]] as const) {
    test(`Given a ${width}×${height} window, then the whole palette fits: every entry shown whole, no name cut short`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await Editor.fresh(page);
      expect(await clipped(page)).toEqual({ cut: [], truncated: [], scrolls: false });
      await expect(page.getByTestId('palette.more')).toHaveCount(0);
      await page.screenshot({ path: `e2e/screenshots/palette-${width}x${height}.png` });
    });
  }

  test('Given a window too short for it, then the palette scrolls cleanly: a fade says there is more, the last entry scrolls into view whole, and Tab keeps the focused entry clear of the fade', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 700 });
    await Editor.fresh(page);
    const list = page.getByTestId('palette.list');
    expect((await clipped(page)).scrolls).toBe(true);
    await expect(page.getByTestId('palette.more')).toBeVisible();
    await page.screenshot({ path: 'e2e/screenshots/palette-1440x700.png' });
    // Keyboard: Tab through to the last entry; it is brought fully into view above the fade.
    await page.getByTestId('palette.toggle').focus();
    const count = await list.locator('[data-testid^="palette."]').count();
    for (let i = 0; i < count; i++) await page.keyboard.press('Tab');
    await expect(page.getByTestId('palette.rule')).toBeFocused();
    const focused = await page.getByTestId('palette.rule').boundingBox();
    const shown = await list.boundingBox();
    if (!focused || !shown) throw new Error('not visible');
    expect(focused.y + focused.height).toBeLessThanOrEqual(shown.y + shown.height + 0.5);
    // At the bottom, the fade has gone.
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(page.getByTestId('palette.more')).toHaveCount(0);
    expect((await clipped(page)).cut).not.toContain('palette.rule');
  });
});

