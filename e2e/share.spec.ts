/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, so this file is checked with DOM types too.
import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { DECISION_LEGEND } from '../src/canvas/legend';
import { LESSONS } from '../src/lessons';
import { iconPath } from '../src/ui/icons';
import { openLesson, pasteLink, picture, watchErrors } from './shareHelpers';

const DELEGATION = (() => {
  const lesson = LESSONS.find((l) => l.id === 'delegation');
  if (!lesson) throw new Error('no delegation lesson');
  return lesson;
})();

const payload = (json: string | Buffer): string => deflateRawSync(typeof json === 'string' ? Buffer.from(json, 'utf8') : json).toString('base64url');

test('Given a lesson changed and shared, when the link opens in a fresh browser, then it shows the same nodes, edges and decisions', async ({ page, browser }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await openLesson(page, 'delegation');
  await page.getByTestId('lesson-try.delegate-to-user1').click();
  await expect(page.getByTestId('lesson-edge.user1-read')).toHaveAttribute('data-decision', 'allowed');
  const before = await picture(page);

  await page.getByTestId('toolbar.share').click();
  const url = await page.getByTestId('share-url').inputValue();
  // The open lesson travels with the scenario, named before it.
  expect(url).toMatch(/#l=delegation&s=[A-Za-z0-9_-]+$/);
  await expect(page.getByTestId('share-lesson')).toHaveText(`“${DELEGATION.title}”`);
  await expect(page.getByTestId('share-length')).toContainText(`${url.length.toLocaleString('en-US')} characters`);
  await expect(page.getByTestId('share-too-long')).toHaveCount(0);
  await page.screenshot({ path: 'e2e/screenshots/share-dialog.png' });

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const otherErrors = watchErrors(other);
  await other.goto(url);
  await expect(other.getByTestId('share-toast')).toContainText('Opened the shared scenario');
  await expect(other.locator('[data-testid="edge-label.user1-read"]')).toHaveAttribute('data-decision', 'allowed');
  expect(await picture(other)).toEqual(before);
  // The lesson panel is open beside it, on the shared (changed) scenario.
  await expect(other.getByTestId('share-toast')).toContainText(`with the lesson “${DELEGATION.title}”`);
  await expect(other.getByTestId('lesson-panel')).toContainText('Delegation');
  await expect(other.getByTestId('lesson-edge.user1-read')).toHaveAttribute('data-decision', 'allowed');
  // The fragment is cleared once opened, so a reload does not reopen the link over later edits.
  await expect.poll(() => other.evaluate(() => window.location.hash)).toBe('');
  await other.reload();
  await expect(other.locator('[data-testid="edge-label.user1-read"]')).toHaveAttribute('data-decision', 'allowed');
  await expect(other.getByTestId('lesson-panel')).toContainText('Delegation');
  await other.screenshot({ path: 'e2e/screenshots/share-opened.png' });
  await fresh.close();
  expect([...errors, ...otherErrors]).toEqual([]);
});

test('Given unsaved work, when a link is opened, then the work is kept in Saved scenarios and opens again', async ({ page }) => {
  await page.goto('/');
  await openLesson(page, 'bucket-policy');
  await page.getByTestId('lesson-try.remove-bucket-grant').click();
  await expect(page.locator('[data-testid="edge-label.alice-put"]')).toHaveAttribute('data-decision', 'implicit-deny');
  const mine = await picture(page);

  const link = payload(JSON.stringify({ version: 1, name: 'Shared', accounts: [{ id: '444444444444', name: 'Shared account' }] }));
  await pasteLink(page, `s=${link}`);
  await expect(page.getByTestId('share-toast')).toContainText('Your previous work was kept there as “Unsaved work before opening a link');
  // Where the shared scenario itself is kept, by name
  await expect(page.getByTestId('share-toast')).toContainText('It is kept in Saved scenarios as “Shared”.');
  await expect(page.locator('[data-id="444444444444"]')).toBeVisible();
  // Undo cannot bring the previous work back over the opened link (it is in the list instead).
  await expect(page.getByTestId('toolbar.undo')).toBeDisabled();

  // Both are in the list: the previous work and the shared scenario itself.
  await page.getByTestId('toolbar.library').click();
  await expect(page.getByTestId('library-entry').filter({ hasText: 'Unsaved work before opening a link' })).toHaveCount(1);
  await expect(page.getByTestId('library-entry').filter({ hasText: 'From a link' })).toContainText('Shared');
  await page.screenshot({ path: 'e2e/screenshots/share-library-backup.png' });
  await page.keyboard.press('Escape');

  // The notice's way back reopens the previous work; the shared scenario stays in the list.
  await page.getByTestId('share-toast').getByRole('button', { name: 'Back to my previous work' }).click();
  await expect(page.locator('[data-testid="edge-label.alice-put"]')).toHaveAttribute('data-decision', 'implicit-deny');
  expect(await picture(page)).toEqual(mine);
  await page.getByTestId('toolbar.library').click();
  await expect(page.getByTestId('library-entry')).toHaveCount(2);
});

test('Given edited work, when a link naming a lesson is opened, then the work is kept first and the lesson opens; a lesson this app does not have is ignored with a notice', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await openLesson(page, 'bucket-policy');
  await page.getByTestId('lesson-try.remove-bucket-grant').click();
  await expect(page.locator('[data-testid="edge-label.alice-put"]')).toHaveAttribute('data-decision', 'implicit-deny');

  await pasteLink(page, `l=delegation&s=${payload(JSON.stringify(DELEGATION.scenario))}`);
  await expect(page.getByTestId('share-toast')).toContainText(`with the lesson “${DELEGATION.title}”`);
  await expect(page.getByTestId('share-toast')).toContainText('Your previous work was kept there as “Unsaved work before opening a link');
  await expect(page.getByTestId('lesson-panel')).toContainText('Delegation');

  await pasteLink(page, `l=lesson-from-the-future&s=${payload(JSON.stringify({ version: 1, name: 'Shared', accounts: [{ id: '444444444444', name: 'Shared account' }] }))}`);
  await expect(page.getByTestId('share-toast')).toContainText('names the lesson “lesson-from-the-future”, which this version of Crossaccount does not have, so no lesson was opened');
  await expect(page.locator('[data-id="444444444444"]')).toBeVisible();
  // The shared scenario is not a lesson: the previous lesson's panel is closed, not left over a scenario it does not describe.
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  await page.screenshot({ path: 'e2e/screenshots/share-unknown-lesson.png' });
  expect(errors).toEqual([]);
});

test.describe('broken and hostile links change nothing', () => {
  const bomb = payload(Buffer.alloc(64 * 1024 * 1024, 0x20));
  const valid = payload(JSON.stringify({ version: 1, name: 'ok', accounts: [{ id: '444444444444', name: 'X' }] }));
  const cases: Array<[string, string, RegExp]> = [
    ['garbage characters', `s=${valid.slice(0, 20)}!!${valid.slice(22)}`, /Character 21 \("!"\) is not part of a share link/],
    ['a truncated link', `s=${valid.slice(0, Math.floor(valid.length / 2) - (Math.floor(valid.length / 2) % 4))}`, /incomplete|cut off/],
    ['a decompression bomb', `s=${bomb}`, /would unpack to more than 5 MB/],
    ['text that is not JSON', `s=${payload('{"version": 1, "name": ')}`, /not valid JSON: .* at line 1, column/],
    ['JSON that is not a scenario', `s=${payload(JSON.stringify({ version: 1, accounts: [{ id: '12', name: 'A' }] }))}`, /\$\.accounts\[0\]\.id: Account id must be exactly 12 digits/],
    ['a link from a newer version', `s=${payload(JSON.stringify({ version: 42 }))}`, /newer version of the app \(version 42\)/],
  ];
  for (const [what, fragment, message] of cases) {
    test(`Given ${what}, when opened, then it says what is wrong and the current work is intact`, async ({ page }) => {
      const errors = watchErrors(page);
      await page.goto('/');
      await openLesson(page, 'assume-role');
      const before = await picture(page);
      await pasteLink(page, fragment);
      const dialog = page.getByTestId('link-error');
      await expect(dialog).toBeVisible();
      await expect(dialog.getByTestId('problem-message')).toHaveText(message);
      if (what === 'a decompression bomb') await page.screenshot({ path: 'e2e/screenshots/share-link-error.png' });
      await dialog.getByRole('button', { name: 'OK' }).click();
      expect(await picture(page)).toEqual(before);
      await expect(page.getByTestId('lesson-panel')).toBeVisible();
      expect(errors).toEqual([]);
    });
  }

  test('Given a link whose names hold markup and whose JSON holds __proto__ keys, then names show as text and nothing is polluted', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('/');
    await openLesson(page, 'wildcard');
    const markup = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    const json = JSON.stringify({
      version: 1,
      name: markup,
      accounts: [{ id: '444444444444', name: markup }],
      principals: [{ id: 'u', type: 'iam-user', name: 'evil<b>bold</b>', accountId: '444444444444', tags: {}, policies: [] }],
    })
      .replace('{"version":1', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"version":1')
      .replace('"tags":{}', '"tags":{"__proto__":{"polluted":true}}');
    await pasteLink(page, `s=${payload(json)}`);
    await expect(page.getByTestId('share-toast')).toContainText('2 keys named "__proto__" were ignored');
    const account = page.locator('[data-id="444444444444"]');
    await expect(account).toContainText(markup);
    await expect(page.locator('[data-id="u"]')).toContainText('evil<b>bold</b>');
    await expect(page.locator('.react-flow img[src="x"], [data-id="u"] b')).toHaveCount(0);
    expect(await page.evaluate(() => [(window as unknown as { __xss?: number }).__xss, ({} as Record<string, unknown>)['polluted']])).toEqual([undefined, undefined]);
    // The lesson that was on the canvas was unchanged, so nothing needed keeping; the new scenario replaced it.
    await page.screenshot({ path: 'e2e/screenshots/share-hostile-names.png' });
    expect(errors).toEqual([]);
  });
});

test('Given a scenario whose link is longer than chat tools carry, when shared, then it says so and offers the file', async ({ page }) => {
  await page.goto('/');
  // Incompressible text makes the link long whatever the compression does.
  const description = randomBytes(1800).toString('hex');
  await pasteLink(page, `s=${payload(JSON.stringify({ version: 1, name: 'Big design', description, accounts: [{ id: '444444444444', name: 'X' }] }))}`);
  await expect(page.locator('[data-id="444444444444"]')).toBeVisible();
  await page.getByTestId('toolbar.share').click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url.length).toBeGreaterThan(2000);
  await expect(page.getByTestId('share-too-long')).toContainText('longer than 2,000 characters');
  const download = page.waitForEvent('download');
  await page.getByTestId('share-download').click();
  expect((await download).suggestedFilename()).toBe('big-design.json');
  await page.screenshot({ path: 'e2e/screenshots/share-dialog-long.png' });
});

test('Given a scenario, when saved as a file and opened again, then it round-trips; a broken file is refused with its line', async ({ page }, info) => {
  await page.goto('/');
  await openLesson(page, 'guardrails');
  await page.getByTestId('lesson-try.enable-iam-policies').click();
  const before = await picture(page);

  await page.getByTestId('toolbar.file').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('file.save').click();
  const file = info.outputPath('scenario.json');
  await (await download).saveAs(file);
  const text = await readFile(file, 'utf8');
  expect(JSON.parse(text)).toMatchObject({ version: 2, name: 'Lesson: SCP guardrail and KMS key policy' });

  await openLesson(page, 'wildcard');
  await page.getByTestId('file.input').setInputFiles(file);
  await expect(page.getByTestId('share-toast')).toContainText('Opened “scenario.json”.');
  expect(await picture(page)).toEqual(before);

  const broken = text.replace('"111111111111"', '"11111"');
  await page.getByTestId('file.input').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  const dialog = page.getByTestId('file-error');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('problem-details')).toContainText(/line \d+, column \d+ — \$\.[\w.[\]]+: /);
  await page.screenshot({ path: 'e2e/screenshots/share-file-error.png' });
  await dialog.getByRole('button', { name: 'OK' }).click();
  expect(await picture(page)).toEqual(before);

  await page.getByTestId('file.input').setInputFiles({ name: 'syntax.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "version": 1,\n  "name": }') });
  await expect(page.getByTestId('file-error').getByTestId('problem-details')).toContainText('line 3, column 11 — This is not valid JSON: A value was expected.');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`Given a diagram (${scheme} theme), when exported, then the PNG and the SVG are non-empty pictures with the legend`, async ({ page }, info) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await openLesson(page, 'delegation');

    await page.getByTestId('toolbar.file').click();
    const pngDownload = page.waitForEvent('download');
    await page.getByTestId('file.export-png').click();
    const png = await readFile((await (await pngDownload).path()) ?? '');
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBeGreaterThan(400);
    expect(height).toBeGreaterThan(300);
    await (await pngDownload).saveAs(`e2e/screenshots/export-${scheme}.png`);
    // Not a blank sheet: a good share of its pixels differ from the background colour.
    const inked = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      if (!ctx) return 0;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const [r0, g0, b0] = [data[0], data[1], data[2]];
      let differ = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - r0!) + Math.abs(data[i + 1]! - g0!) + Math.abs(data[i + 2]! - b0!) > 60) differ++;
      return differ / (data.length / 4);
    }, `data:image/png;base64,${png.toString('base64')}`);
    expect(inked).toBeGreaterThan(0.02);

    await page.getByTestId('toolbar.file').click();
    const svgDownload = page.waitForEvent('download');
    await page.getByTestId('file.export-svg').click();
    const svgFile = await (await svgDownload).path();
    const raw = (await readFile(svgFile ?? '', 'utf8')).trim();
    const svg = raw.startsWith('data:') ? decodeURIComponent(raw.slice(raw.indexOf(',') + 1)) : raw;
    expect(svg).toMatch(/^<svg[^>]*width="\d+"/);
    expect(svg).toContain('Explicitly denied');
    expect(svg).toContain('User2');
    expect(svg).toContain('s3:PutObject');
    // Its legend explains the marks the picture holds: each decision's word, its label's icon and its mark,
    // as the canvas and the legend above it draw them.
    // (The legend is drawn last: it starts at the last icon of the first decision.)
    const legend = svg.slice(svg.lastIndexOf(`d="${iconPath(DECISION_LEGEND[0]?.icon ?? 'allowed')}"`));
    for (const entry of DECISION_LEGEND) {
      expect(legend.includes(`>${entry.label}<`), `${entry.label} in the legend`).toBe(true);
      expect(legend.includes(`d="${iconPath(entry.icon)}"`), `${entry.label}'s icon in the legend`).toBe(true);
      expect(legend.includes(`>${entry.mark}<`), `${entry.label}'s mark ${entry.mark} in the legend`).toBe(true);
      expect(legend.includes(`— ${entry.description}<`), `${entry.label}'s description in the legend`).toBe(true);
    }
    info.attach('export.svg', { body: svg, contentType: 'image/svg+xml' });
  });
}

test('Given full browser storage and unsaved work, when a link is opened, then the user chooses: download first, open anyway or cancel', async ({ page }) => {
  await page.goto('/');
  await openLesson(page, 'bucket-policy');
  await page.getByTestId('lesson-try.remove-bucket-grant').click();
  const mine = await picture(page);
  // Fill local storage to its quota: large pieces first, then halving down to one character.
  await page.evaluate(() => {
    let k = 0;
    for (let n = 1 << 20; n >= 1; n = Math.floor(n / 2)) {
      for (;;) {
        try {
          localStorage.setItem(`filler-${k++}`, 'x'.repeat(n));
        } catch {
          break;
        }
      }
    }
  });
  const link = payload(JSON.stringify({ version: 1, name: 'Shared', accounts: [{ id: '444444444444', name: 'Shared account' }] }));
  await pasteLink(page, `s=${link}`);
  const dialog = page.getByTestId('pending-open');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('alert')).toContainText("storage for this site is full");
  await page.screenshot({ path: 'e2e/screenshots/share-storage-full.png' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await picture(page)).toEqual(mine);

  await pasteLink(page, `s=${link}&again=1`);
  const download = page.waitForEvent('download');
  await page.getByTestId('pending-open').getByRole('button', { name: 'Download my work, then open' }).click();
  expect((await download).suggestedFilename()).toBe('lesson-a-bucket-policy-admits-a-user-from-another-account.json');
  await expect(page.locator('[data-id="444444444444"]')).toBeVisible();
  // The notice says where the work went, by the file's name
  await expect(page.getByTestId('share-toast')).toContainText('Your previous work was downloaded as “lesson-a-bucket-policy-admits-a-user-from-another-account.json”.');
});
