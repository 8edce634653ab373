/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, so this file is checked with DOM types too.
import { deflateRawSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { openLesson, watchErrors } from './shareHelpers';

/**
 * Nothing lost, nothing frozen, nothing crashes: the storage, tab, link and drawing cases, as a user
 * meets them. Storage faults are made in the page itself: an init script makes local storage full (every
 * write that would take more room fails with QuotaExceededError, as in a full browser storage), or blocked.
 */

const AUTOSAVE = 'crossaccount:autosave';
const payload = (scenario: unknown): string => deflateRawSync(Buffer.from(JSON.stringify(scenario))).toString('base64url');

/** The saved scenarios as stored: name → the scenario's JSON text. */
async function savedEntries(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i) ?? '';
      if (!key.startsWith('crossaccount:library:v1:meta:')) continue;
      const name = (JSON.parse(localStorage.getItem(key) ?? '{}') as { name?: string }).name ?? '';
      out[name] = localStorage.getItem(key.replace(':meta:', ':data:')) ?? '';
    }
    return out;
  });
}

/** The account names of a saved scenario, read from storage (undefined when it has none or does not parse). */
async function accountsOf(page: Page, name: string): Promise<string[] | undefined> {
  const text = (await savedEntries(page))[name];
  try {
    return text ? (JSON.parse(text) as { accounts: { name: string }[] }).accounts.map((a) => a.name) : undefined;
  } catch {
    return undefined;
  }
}

/** Saves the scenario on the canvas as a new entry of that name, from Saved scenarios. */
async function saveAs(page: Page, name: string): Promise<void> {
  await page.getByTestId('toolbar.library').click();
  const dialog = page.getByTestId('library-dialog');
  await dialog.getByTestId('library-save-name').fill(name);
  await dialog.getByTestId('library-save').click();
  await expect(dialog.getByTestId('library-current')).toContainText(`“${name}”`);
  await page.keyboard.press('Escape');
}

/**
 * Adds an account from the palette (by keyboard: an open lesson's panel floats over the palette rail in a
 * small window) and waits until this tab's copy of its work has it.
 */
async function addAccount(page: Page): Promise<void> {
  // Counted once the app has drawn: a page just opened may still be loading the code that restores its work.
  await expect(page.getByTestId('palette.account')).toBeVisible();
  const before = await page.locator('.react-flow__node-account').count();
  await page.getByTestId('palette.account').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.react-flow__node-account')).toHaveCount(before + 1);
  await page.waitForFunction((n) => ((JSON.parse(sessionStorage.getItem('crossaccount:tab:v1:work') ?? '{"accounts":[]}') as { accounts: unknown[] }).accounts.length === n), before + 1);
}

/** Makes local storage full from the start: a write that would take more room fails, one that frees room succeeds. */
async function fullStorage(page: Page, autosave?: string): Promise<void> {
  await page.addInitScript((text) => {
    const original = Storage.prototype.setItem;
    if (text !== null) original.call(localStorage, 'crossaccount:autosave', text);
    (window as unknown as { storageFull: boolean }).storageFull = true;
    Storage.prototype.setItem = function setItem(this: Storage, key: string, value: string) {
      if (this === window.localStorage && (window as unknown as { storageFull: boolean }).storageFull) {
        const before = this.getItem(key);
        if (String(value).length + (before === null ? key.length : 0) > (before?.length ?? 0)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      original.call(this, key, value);
    };
  }, autosave ?? null);
}

test.describe('lost work', () => {
  for (const [damage, spoil] of [
    ['cut short', 'cut'],
    ['written by a newer version of the app', 'newer'],
  ] as const) {
    test(`Given “Mine” saved and the app closed, when its autosave is ${damage} and the app is opened again, then “Mine” opens, and an account added lands in it beside its work`, async ({ context }) => {
      const first = await context.newPage();
      await first.goto('/');
      await openLesson(first, 'bucket-policy');
      await saveAs(first, 'Mine');
      const accounts = await accountsOf(first, 'Mine');
      expect(accounts?.length).toBeGreaterThan(0);
      await first.waitForFunction(() => (localStorage.getItem('crossaccount:autosave') ?? '').includes('"alice"'));
      await first.close();

      // A page of the same site where the app does not run: the autosave is damaged there.
      const tab = await context.newPage();
      await tab.goto('/scenario.schema.json');
      await tab.evaluate(
        ([key, how]) => {
          const raw = localStorage.getItem(key) ?? '';
          localStorage.setItem(key, how === 'cut' ? raw.slice(0, Math.floor(raw.length / 2)) : raw.replace(/"version":\d+/, '"version":99'));
        },
        [AUTOSAVE, spoil] as const,
      );
      const damaged = await tab.evaluate((key) => localStorage.getItem(key), AUTOSAVE);
      await tab.goto('/');
      const notice = tab.getByTestId('storage.message');
      await expect(notice).toContainText('Your autosaved work could not be opened');
      await expect(notice).toContainText('It is kept, exactly as it was, in Saved scenarios as “Autosave that could not be opened —');
      await expect(notice).toContainText('Opened your saved scenario “Mine” instead');
      await expect(tab.locator('.react-flow__node[data-id="alice"]')).toBeVisible();
      await tab.screenshot({ path: `e2e/screenshots/robust-autosave-${spoil}.png` });

      await addAccount(tab);
      await expect.poll(() => accountsOf(tab, 'Mine')).toEqual([...(accounts ?? []), expect.any(String)]);
      const kept = Object.entries(await savedEntries(tab)).find(([name]) => name.startsWith('Autosave that could not be opened —'));
      expect(kept?.[1]).toBe(damaged);
    });
  }

  test('Given full storage and an unreadable autosave, when the user edits, then the autosave pauses, offers the text as a download, and resumes once it is kept', async ({ page }) => {
    const damaged = `{"version":1,"name":"An afternoon of design","accounts":[{"id":"111111111111","name":"${'A'.repeat(20_000)}`;
    await fullStorage(page, damaged);
    await page.goto('/');
    const paused = page.getByTestId('storage.unreadable');
    await expect(paused).toContainText('your autosaved work could not be opened (line 1, column');
    await expect(paused).toContainText('So that it is not overwritten, it stays where it is and autosave is off');
    await page.screenshot({ path: 'e2e/screenshots/robust-autosave-paused.png' });

    await addAccount(page);
    // The edit is kept in the tab; the unreadable work is still there, untouched.
    expect(await page.evaluate((key) => localStorage.getItem(key), AUTOSAVE)).toBe(damaged);

    const download = page.waitForEvent('download');
    await paused.getByTestId('storage.unreadable.download').click();
    expect(await readFile((await (await download).path()) ?? '', 'utf8')).toBe(damaged);

    // Room again (the user deleted something): the next save keeps it first, then autosaves.
    await page.evaluate(() => ((window as unknown as { storageFull: boolean }).storageFull = false));
    await addAccount(page);
    await expect(page.getByTestId('storage.message')).toContainText('is now kept, exactly as it was, in Saved scenarios as “Autosave that could not be opened —');
    await expect(paused).toHaveCount(0);
    const kept = Object.entries(await savedEntries(page)).find(([name]) => name.startsWith('Autosave that could not be opened —'));
    expect(kept?.[1]).toBe(damaged);
    await page.waitForFunction((key) => ((JSON.parse(localStorage.getItem(key) ?? '{}') as { accounts?: unknown[] }).accounts?.length ?? 0) === 2, AUTOSAVE);
    await page.getByTestId('toolbar.library').click();
    await expect(page.getByTestId('library-entry').filter({ hasText: 'Autosave that could not be opened —' })).toContainText('Could not be read');
  });

  test('Given two tabs, when tab 2 opens a link while tab 1 works on “Mine”, then tab 1’s edits still go to “Mine”', async ({ context }) => {
    const one = await context.newPage();
    await one.goto('/');
    await openLesson(one, 'bucket-policy');
    await saveAs(one, 'Mine');
    const mine = (await accountsOf(one, 'Mine')) ?? [];

    const two = await context.newPage();
    await two.goto(`/#s=${payload({ version: 1, name: 'Shared with me', accounts: [{ id: '444444444444', name: 'Shared account' }] })}`);
    await expect(two.locator('.react-flow__node[data-id="444444444444"]')).toBeVisible();
    await expect.poll(() => accountsOf(two, 'Shared with me')).toEqual(['Shared account']);

    await one.bringToFront();
    await addAccount(one);
    await expect.poll(() => accountsOf(one, 'Mine')).toEqual([...mine, expect.any(String)]);
    expect(await accountsOf(one, 'Shared with me')).toEqual(['Shared account']);
  });

  test('Given “Mine” open in two tabs, when one tab changes it, then the other stops writing to it and keeps its own version as a copy on request', async ({ context }) => {
    const one = await context.newPage();
    await one.goto('/');
    await openLesson(one, 'bucket-policy');
    await saveAs(one, 'Mine');
    const mine = (await accountsOf(one, 'Mine')) ?? [];

    // A new tab opens the latest work, “Mine”.
    const two = await context.newPage();
    await two.goto('/');
    await two.getByTestId('toolbar.library').click();
    await expect(two.getByTestId('library-current')).toContainText('“Mine”');
    await two.keyboard.press('Escape');
    await addAccount(two);
    await expect.poll(() => accountsOf(two, 'Mine')).toHaveLength(mine.length + 1);
    const theirs = (await savedEntries(two))['Mine'];

    await one.bringToFront();
    const conflict = one.getByTestId('storage.conflict');
    await expect(conflict).toContainText('“Mine” was changed in another tab');
    await addAccount(one);
    expect((await savedEntries(one))['Mine']).toBe(theirs);
    await one.screenshot({ path: 'e2e/screenshots/robust-two-tabs-conflict.png' });

    await conflict.getByTestId('storage.conflict.copy').click();
    await expect(one.getByTestId('storage.message')).toContainText('This tab\'s work is saved as “Mine (this tab\'s version)”');
    await expect(conflict).toHaveCount(0);
    expect(await accountsOf(one, "Mine (this tab's version)")).toHaveLength(mine.length + 1);
    expect((await savedEntries(one))['Mine']).toBe(theirs);
  });

  test('Given unsaved work in two tabs, when both are closed, then the work the autosave does not hold is kept in Saved scenarios; a reload keeps nothing extra', async ({ context }) => {
    const one = await context.newPage();
    await one.goto('/');
    await one.getByTestId('empty.add-account').click();
    await one.waitForFunction(() => (localStorage.getItem('crossaccount:autosave') ?? '').includes('"accounts":[{'));

    // A second tab opens the same work and adds a user to it; then the first tab goes on with its own.
    const two = await context.newPage();
    await two.goto('/');
    await expect(two.locator('.react-flow__node-account')).toHaveCount(1);
    await two.getByTestId('palette.iam-user').click();
    await two.waitForFunction(() => (localStorage.getItem('crossaccount:autosave') ?? '').includes('"iam-user"'));
    await one.bringToFront();
    await addAccount(one);
    await one.waitForFunction(() => !(localStorage.getItem('crossaccount:autosave') ?? '').includes('"iam-user"'));

    await two.close({ runBeforeUnload: true });
    await one.close({ runBeforeUnload: true });
    const three = await context.newPage();
    await three.goto('/');
    await expect(three.locator('.react-flow__node-account')).toHaveCount(2);
    const kept = Object.entries(await savedEntries(three)).filter(([name]) => name.startsWith('Unsaved work from a closed tab —'));
    expect(kept).toHaveLength(1);
    expect(kept[0]?.[1]).toContain('"iam-user"');

    // Another tab saves after this one: this tab's work is not the autosave, yet a reload brings it back and
    // leaves no entry behind.
    const four = await context.newPage();
    await four.goto('/');
    await addAccount(four);
    await three.bringToFront();
    await three.reload();
    await expect(three.locator('.react-flow__node-account')).toHaveCount(2);
    expect(Object.keys(await savedEntries(three)).filter((name) => name.startsWith('Unsaved work from a closed tab —'))).toHaveLength(1);
  });

  test('Given the browser blocks storage, then the page says that nothing is saved and offers the file', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    await page.goto('/');
    const blocked = page.getByTestId('storage.blocked');
    await expect(blocked).toContainText('nothing you do here is kept');
    await page.getByTestId('empty.add-account').click();
    const download = page.waitForEvent('download');
    await blocked.getByRole('button', { name: 'Save as file' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.json$/);
  });

  test('Given full storage, when an edit cannot be autosaved, then the notice says why and where the work is, not "Cannot do that"', async ({ page }) => {
    await fullStorage(page);
    await page.goto('/');
    await page.getByTestId('empty.add-account').click();
    const failed = page.getByTestId('storage.autosave-failed');
    await expect(failed).toContainText("The latest changes could not be saved: the browser's storage for this site is full.");
    await expect(failed).toContainText('your latest changes are only on this page');
    await expect(page.getByTestId('notice')).toHaveCount(0);
    await page.screenshot({ path: 'e2e/screenshots/robust-autosave-failed.png' });
  });
});

test.describe('nothing blanks the page', () => {
  test('Given the link of 8,000 nested [, when the app opens with it, then it says where it fails, stays usable, and a reload does not try it again', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const problems = watchErrors(page);
    const link = '/#s=7cGBAAAAAIAg0P09FqkKAAAAAAAAABg';
    await page.goto(link);
    const dialog = page.getByTestId('link-error');
    await expect(dialog).toContainText("The link's content is nested deeper than 64 levels at line 1, column 65");
    await expect(dialog).toContainText('a reload will not try it again');
    expect(new URL(page.url()).hash).toBe('');
    await dialog.getByRole('button', { name: 'Copy the link' }).click();
    await expect(dialog).toContainText('Copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/#s=7cGBAAAAAIAg0P09FqkKAAAAAAAAABg$/);
    await page.screenshot({ path: 'e2e/screenshots/robust-deep-link.png' });
    await dialog.getByRole('button', { name: 'OK' }).click();

    await page.getByTestId('empty.add-account').click();
    await expect(page.locator('.react-flow__node-account')).toHaveCount(1);
    await page.waitForFunction(() => sessionStorage.getItem('crossaccount:tab:v1:work')?.includes('"accounts":[{'));
    await page.reload();
    await expect(page.locator('.react-flow__node-account')).toHaveCount(1);
    await expect(page.getByTestId('link-error')).toHaveCount(0);
    expect(problems).toEqual([]);
  });

  test('Given the drawing fails, then the work is kept and the page offers a download, another try and a fresh start', async ({ page }) => {
    // A test-only fault: ResizeObserver (React Flow measures with it) throws while the flag is set.
    await page.addInitScript(() => {
      const Original = window.ResizeObserver;
      window.ResizeObserver = class extends Original {
        constructor(callback: ResizeObserverCallback) {
          if (sessionStorage.getItem('test:break-drawing') === '1') throw new Error('The drawing broke (a test fault).');
          super(callback);
        }
      };
    });
    await page.goto('/');
    await openLesson(page, 'bucket-policy');
    await page.waitForFunction(() => sessionStorage.getItem('crossaccount:tab:v1:work')?.includes('"alice"'));
    const breakDrawing = (on: boolean) => page.evaluate((flag) => (flag ? sessionStorage.setItem('test:break-drawing', '1') : sessionStorage.removeItem('test:break-drawing')), on);

    await breakDrawing(true);
    await page.reload();
    const screen = page.getByTestId('app-error');
    await expect(screen).toContainText('Your work is safe');
    await page.screenshot({ path: 'e2e/screenshots/robust-error-boundary.png' });
    const download = page.waitForEvent('download');
    await page.getByTestId('app-error.download').click();
    expect(await readFile((await (await download).path()) ?? '', 'utf8')).toContain('"alice"');

    await breakDrawing(false);
    await page.getByTestId('app-error.retry').click();
    await expect(page.locator('.react-flow__node[data-id="alice"]')).toBeVisible();

    await breakDrawing(true);
    await page.reload();
    await expect(screen).toBeVisible();
    await breakDrawing(false);
    await page.getByTestId('app-error.start-empty').click();
    await expect(page.getByTestId('empty-state')).toBeVisible();
    await expect(page.getByTestId('storage.message')).toContainText('Your work is kept in Saved scenarios as “Work kept after an error —');
    const kept = Object.entries(await savedEntries(page)).find(([name]) => name.startsWith('Work kept after an error —'));
    expect(kept?.[1]).toContain('"alice"');
  });

  test('Given entities named __proto__, constructor and toString, when a link opens them, then each is drawn', async ({ page }) => {
    const ids = ['__proto__', 'constructor', 'toString'];
    const scenario = { version: 1, name: 'Prototype names', accounts: [{ id: '111111111111', name: 'A' }], principals: ids.map((id) => ({ id, type: 'iam-user', name: `user ${id}`, accountId: '111111111111' })) };
    await page.goto(`/#s=${payload(scenario)}`);
    for (const id of ids) {
      const node = page.locator(`.react-flow__node[data-id="${id}"]`);
      await expect(node).toBeVisible();
      await expect(node).toContainText(`user ${id}`);
      expect(await node.evaluate((el) => (el as HTMLElement).style.transform)).toMatch(/^translate\(-?\d+(\.\d+)?px, -?\d+(\.\d+)?px\)$/);
    }
  });
});

test.describe('nothing freezes the page', () => {
  test('Given a Resource of bucket-b/*a*a*aZ and a 3,000-character object path, when the link opens, then the edge is decided', async ({ page }) => {
    const allow = (resource: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resource }] });
    const scenario = {
      version: 1,
      name: 'Long path',
      accounts: [{ id: '111111111111', name: 'A' }],
      principals: [{ id: 'alice', type: 'iam-user', name: 'alice', accountId: '111111111111', policies: [{ name: 'read', document: allow('arn:aws:s3:::bucket-b/*a*a*aZ') }] }],
      resources: [{ id: 'bucket', type: 's3-bucket', accountId: '111111111111', region: 'us-east-1', name: 'bucket-b' }],
      edges: [{ kind: 'access', id: 'read', from: 'alice', to: 'bucket', actions: ['s3:GetObject'], resourcePath: 'a'.repeat(3_000) }],
    };
    await page.goto(`/#s=${payload(scenario)}`);
    await expect(page.getByTestId('edge-label.read')).toHaveAttribute('data-decision', 'implicit-deny');
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-evaluating', 'false');
  });
});
