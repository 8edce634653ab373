/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, so this file is checked with DOM types too.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type Request } from '@playwright/test';
import { Editor } from './support/editor';
import { dropFiles, fixtureFiles, pickFiles, type TestFile } from './support/importFiles';

/** The collection script's bundle of the example organization (scripts/collect-aws.sh with scripts/fake-aws). */
const BUNDLE: TestFile = { name: 'aws-bundle.json', text: readFileSync(new URL('./fixtures/example-aws-bundle.json', import.meta.url), 'utf8') };
const SANDBOX_ADMIN = 'arn:aws:iam::777788889999:role/SandboxAdmin';

async function axe(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

test.describe('Importing AWS exports', () => {
  test('Given a collection bundle dropped on the canvas, then it is read without any request leaving the page, opens as a new scenario, the picker draws and hides, and the edges its policies imply are decided', async ({ page }) => {
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    const editor = await Editor.fresh(page);
    await page.waitForLoadState('networkidle');
    const origin = new URL(page.url()).origin;
    const loaded = requests.length;

    await dropFiles(page, [BUNDLE]);
    const report = page.getByTestId('import-report');
    await expect(report).toBeVisible({ timeout: 30_000 });
    await expect(report.getByTestId('import-report.summary')).toContainText('“AWS organization o-a1b2c3d4e5 (3 accounts)”: 3 accounts, 7 principals (4 roles, 3 users), 2 groups, 3 managed policies, 10 resources, 1 organization.');
    await expect(report.getByTestId('import-report.file')).toHaveAttribute('data-status', 'partial');
    await expect(report.getByTestId('import-report.file')).toContainText('Recognised as AWS collection bundle: 34 items, 3 accounts.');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: 'e2e/screenshots/import-report.png' });
    await report.getByTestId('import-report.close').click();

    // Drawn whole (a small import): every card in its account, the organization around them.
    await expect(editor.node(SANDBOX_ADMIN)).toBeVisible();
    await expect(page.locator('.react-flow__node-account')).toHaveCount(3);
    await page.screenshot({ path: 'e2e/screenshots/import-first-picture.png' });

    // The picker: hide SandboxAdmin, then draw it again — each one undoable step.
    await page.getByTestId('toolbar.file').click();
    await page.getByTestId('file.draw').click();
    const picker = page.getByTestId('draw-picker');
    await picker.getByTestId('draw-picker.search').fill('sandboxadmin');
    await expect(picker.getByTestId('draw-picker.count')).toContainText('1 match');
    await picker.getByTestId(`draw-picker.row.${SANDBOX_ADMIN}`).uncheck();
    expect(await axe(page)).toEqual([]);
    await picker.getByTestId('draw-picker.apply').click();
    await expect(editor.node(SANDBOX_ADMIN)).toHaveCount(0);
    await expect(page.getByTestId('account.777788889999.hidden')).toContainText('+1 not drawn');
    await page.keyboard.press('Control+z');
    await expect(editor.node(SANDBOX_ADMIN)).toBeVisible();

    // The edges its policies imply, previewed with why, added in one step and decided by the engine.
    await page.getByTestId('toolbar.file').click();
    await page.getByTestId('file.implied').click();
    const implied = page.getByTestId('implied-edges');
    await expect(implied.getByTestId('implied-edges.summary')).toContainText('12 edges: 3 AssumeRole (from trust policies), 9 access (from resource policies)');
    await expect(implied.getByTestId('implied-edges.list')).toContainText('SandboxAdmin → example-prod-reports: s3:GetObject, s3:ListBucket');
    await expect(implied.getByTestId('implied-edges.findings')).toContainText('DeployRole trusts 111122223333');
    await page.screenshot({ path: 'e2e/screenshots/import-implied.png' });
    await implied.getByTestId('implied-edges.apply').click();
    await expect(page.locator('.react-flow__edge')).toHaveCount(12, { timeout: 30_000 });
    await editor.settled();
    const sandboxRead = page.locator(`.react-flow__edge[aria-label^="Access SandboxAdmin → example-prod-reports"]`);
    await expect(sandboxRead).toHaveAttribute('data-decision', 'allowed');
    // The trust policy asks for MFA, which a drawn AssumeRole edge does not carry: denied, and it says why.
    await expect(page.locator(`.react-flow__edge[aria-label^="AssumeRole alice → SandboxAdmin"]`)).toHaveAttribute('data-decision', 'implicit-deny');
    await editor.viewSettled();
    await page.screenshot({ path: 'e2e/screenshots/import-canvas.png' });
    await page.keyboard.press('Control+z');
    await expect(page.locator('.react-flow__edge')).toHaveCount(0);

    // Privacy: every request went to the app's own origin, and only for its own code (chunks loaded on first use).
    expect(requests.filter((r) => new URL(r.url()).origin !== origin).map((r) => r.url())).toEqual([]);
    const afterLoad = requests.slice(loaded);
    for (const r of afterLoad) {
      expect(r.method()).toBe('GET');
      expect(r.postData()).toBeNull();
      expect(new URL(r.url()).pathname).toMatch(/^\/assets\/[\w.-]+\.(js|css|wasm)$/);
    }
    // Once that code is there, importing again makes no request at all.
    const before = requests.length;
    await dropFiles(page, fixtureFiles());
    await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('import-report.close').click();
    await editor.settled();
    expect(requests.slice(before).map((r) => r.url())).toEqual([]);
  });

  test('Given work on the canvas and files that are not all good, then the import opens beside it (the work kept), each file says what happened, and markup stays text', async ({ page }) => {
    const editor = await Editor.fresh(page);
    await page.getByTestId('empty.add-account').click();
    await expect(page.locator('.react-flow__node-account')).toHaveCount(1);

    // Files that import nothing: nothing changes.
    await pickFiles(page, [
      { name: 'notes.txt', text: 'not json at all' },
      { name: 'package.json', text: '{"name": "x"}' },
    ]);
    const report = page.getByTestId('import-report');
    await expect(report.getByTestId('import-report.failure')).toContainText('Nothing could be imported from the 2 files. Nothing was changed: your current work is as it was.');
    await expect(report.locator('[data-file="notes.txt"]')).toContainText('This is not JSON (line 1, column 1)');
    await expect(report.locator('[data-file="package.json"]')).toContainText('not a format this app imports');
    await report.getByTestId('import-report.close').click();
    await expect(page.locator('.react-flow__node-account')).toHaveCount(1);

    // A hostile file among good ones: its markup is a name, its __proto__ is dropped, and the current work is kept first.
    const hostile = {
      UserDetailList: [{ UserName: '<img src=x onerror=alert(1)>', Arn: 'arn:aws:iam::444455556666:user/<img src=x onerror=alert(1)>', Path: '/', UserPolicyList: [], Tags: [{ Key: '__proto__', Value: 'x' }] }],
    };
    await dropFiles(page, [{ name: 'hostile.json', text: JSON.stringify(hostile).replace('{', '{"__proto__":{"polluted":true},') }, { name: 'broken.json', text: '{"RoleDetailList": [' }, ...fixtureFiles((f) => f.startsWith('444455556666.authorization'))]);
    await expect(report).toBeVisible({ timeout: 30_000 });
    await expect(report.locator('[data-file="broken.json"]')).toHaveAttribute('data-status', 'skipped');
    await expect(report.locator('[data-file="hostile.json"]')).toHaveAttribute('data-status', 'partial');
    await expect(report.getByTestId('import-report.summary')).toContainText('Your previous work is kept in Saved scenarios as “Unsaved work before opening the import of 3 files');
    await page.screenshot({ path: 'e2e/screenshots/import-bad-input.png' });
    await report.getByTestId('import-report.close').click();
    const user = editor.node('arn:aws:iam::444455556666:user/<img src=x onerror=alert(1)>');
    await expect(user).toContainText('<img src=x onerror=alert(1)>');
    await expect(user.locator('img')).toHaveCount(0);
    expect(await page.evaluate(() => ({} as Record<string, unknown>)['polluted'])).toBeUndefined();

    // The way back to the work kept.
    await page.getByTestId('share-toast').getByRole('button', { name: 'Back to my previous work' }).click();
    await expect(page.locator('.react-flow__node-account')).toHaveCount(1);
    await expect(page.locator('.react-flow__node-principal')).toHaveCount(0);
  });

  test('Given the import under way, when cancelled, then nothing changes', async ({ page }) => {
    const editor = await Editor.fresh(page);
    // The import worker's code is held back until Cancel is pressed, so the import cannot finish first.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/assets/import.worker*', async (route) => {
      await held;
      await route.continue();
    });
    await dropFiles(page, fixtureFiles());
    const progress = page.getByTestId('import-progress');
    await expect(progress).toBeVisible();
    await expect(progress.getByRole('progressbar')).toHaveAttribute('aria-valuenow', /\d+/);
    await progress.getByTestId('import-progress.cancel').click();
    release();
    await expect(page.getByTestId('share-toast')).toContainText('Import cancelled. Nothing was changed.');
    await expect(editor.canvas).toBeVisible();
    await expect(page.getByTestId('empty-state')).toBeVisible();
  });
});

test.describe('Groups and managed policies, from an import', () => {
  test("Given alice in group Admins, which has AWS managed ReadOnlyAccess, then her edge is allowed 'via group Admins', and the group and the managed policy open in the inspector, stored once", async ({ page }) => {
    const editor = await Editor.fresh(page);
    await dropFiles(page, fixtureFiles((f) => f.includes('authorization-details') || f.includes('bucket-policy')));
    await page.getByTestId('import-report.close').click();
    const alice = 'arn:aws:iam::444455556666:user/engineering/alice';
    await editor.select(alice);
    await expect(editor.inspector.getByTestId('inspector.groups')).toContainText('Admins');
    await expect(editor.inspector.getByTestId('inspector.groups')).toContainText('Developers');
    await editor.inspector.getByTestId('inspector.groups').getByRole('button', { name: 'Admins', exact: true }).click();
    await expect(editor.inspector.getByTestId('inspector.title')).toHaveText('IAM group');
    await expect(editor.inspector).toContainText('arn:aws:iam::444455556666:group/Admins');
    await expect(editor.inspector.getByTestId('inspector.group-managed-policies')).toContainText('ReadOnlyAccess');
    await editor.inspector.getByTestId('inspector.group-managed-policies').getByRole('button', { name: 'ReadOnlyAccess', exact: true }).click();
    await expect(editor.inspector.getByTestId('inspector.title')).toHaveText('Managed policy');
    await expect(editor.inspector).toContainText('arn:aws:iam::aws:policy/ReadOnlyAccess');
    // One policy, attached to a group in one account and a role in another.
    await expect(editor.inspector.getByTestId('inspector.attached-to')).toContainText('Admins');
    await expect(editor.inspector.getByTestId('inspector.attached-to')).toContainText('SandboxAdmin');
    await page.screenshot({ path: 'e2e/screenshots/import-managed-policy.png' });

    // alice reads the reports bucket through the group's managed policy; the explanation says so.
    await editor.select(alice);
    await expect(editor.inspector.getByTestId('inspector.connect-target').locator('option', { hasText: 'example-prod-reports' })).toHaveCount(1);
    const edge = await editor.connectFromInspector(alice, /Access S3 bucket example-prod-reports/);
    await expect(editor.label(edge)).toHaveAttribute('data-decision', 'allowed');
    await editor.openEdge(edge);
    await expect(editor.inspector.getByTestId('explanation.summary')).toContainText('statement 1 of AWS managed policy "ReadOnlyAccess" via group Admins allows alice');
    await page.screenshot({ path: 'e2e/screenshots/import-via-group.png' });
  });
});

test.describe('The import dialogs, in both schemes and at 1024 × 768', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`Given the report and the picker in ${scheme} at 1024 × 768, then every control is inside the window and axe finds nothing`, async ({ page }) => {
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.emulateMedia({ colorScheme: scheme });
      await Editor.fresh(page);
      await dropFiles(page, [BUNDLE]);
      const report = page.getByTestId('import-report');
      await expect(report).toBeVisible({ timeout: 30_000 });
      await report.locator('details').first().evaluate((d) => ((d as HTMLDetailsElement).open = true));
      expect(await axe(page)).toEqual([]);
      for (const id of ['import-report.close', 'import-report.implied']) {
        const box = await page.getByTestId(id).boundingBox();
        expect(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= 1024 && box.y + box.height <= 768).toBe(true);
      }
      await page.screenshot({ path: `e2e/screenshots/import-report-1024-${scheme}.png` });
      await report.getByTestId('import-report.close').click();
      await page.getByTestId('toolbar.file').click();
      await page.getByTestId('file.draw').click();
      const picker = page.getByTestId('draw-picker');
      await picker.getByTestId('draw-picker.search').fill('type:role');
      expect(await axe(page)).toEqual([]);
      const apply = await picker.getByTestId('draw-picker.apply').boundingBox();
      expect(apply && apply.y + apply.height <= 768).toBe(true);
      await page.screenshot({ path: `e2e/screenshots/import-picker-1024-${scheme}.png` });
      await picker.getByRole('button', { name: 'Cancel' }).click();
      await page.getByTestId('toolbar.file').click();
      await page.getByTestId('file.implied').click();
      await expect(page.getByTestId('implied-edges.summary')).toContainText('edges');
      expect(await axe(page)).toEqual([]);
      await page.screenshot({ path: `e2e/screenshots/import-implied-1024-${scheme}.png` });
    });
  }
});

test.describe('A large estate', () => {
  test('Given 5,000 roles and 2,000 users in 20 accounts dropped at once, then its accounts are drawn, the picker draws what is searched for, and what is drawn is decided', async ({ page }) => {
    test.setTimeout(240_000);
    const { estateText } = await import('../bench/estate');
    const editor = await Editor.fresh(page);
    await dropFiles(page, [{ name: 'estate.json', text: estateText() }]);
    const report = page.getByTestId('import-report');
    await expect(report).toBeVisible({ timeout: 120_000 });
    await expect(report.getByTestId('import-report.summary')).toContainText('20 accounts, 7,000 principals (5,000 roles, 2,000 users), 300 groups, 3,000 managed policies, 100 resources, 1 organization.');
    await expect(report.getByTestId('import-report.storage')).toBeVisible();
    await page.screenshot({ path: 'e2e/screenshots/import-estate-report.png' });
    await report.getByTestId('import-report.close').click();
    // The first picture: the 20 accounts in their organization, no card; each says what it holds.
    await expect(page.locator('.react-flow__node-account')).toHaveCount(20);
    await expect(page.locator('.react-flow__node-principal')).toHaveCount(0);
    await expect(page.locator('[data-testid$=".hidden"]').first()).toContainText('not drawn');
    await editor.viewSettled();
    await page.screenshot({ path: 'e2e/screenshots/import-estate-first-picture.png' });

    await page.locator('[data-testid$=".hidden"]').first().getByRole('button', { name: 'Choose what to draw…' }).click();
    const picker = page.getByTestId('draw-picker');
    await picker.getByTestId('draw-picker.search').fill('tag:app=app-7 type:role');
    await expect(picker.getByTestId('draw-picker.count')).toContainText(/\d+ match/);
    const matches = Number(/(\d+) match/.exec((await picker.getByTestId('draw-picker.count').textContent()) ?? '')?.[1]);
    expect(matches).toBeGreaterThan(10);
    await page.screenshot({ path: 'e2e/screenshots/import-estate-picker.png' });
    await picker.getByTestId('draw-picker.draw-matches').click();
    await picker.getByTestId('draw-picker.apply').click();
    await expect(page.locator('.react-flow__node-principal')).toHaveCount(matches, { timeout: 60_000 });
    await editor.viewSettled();
    await page.screenshot({ path: 'e2e/screenshots/import-estate-drawn.png' });

    // Its implied edges: added for the whole estate (drawn or not), decided; those between drawn cards are drawn.
    await page.getByTestId('toolbar.file').click();
    await page.getByTestId('file.implied').click();
    const implied = page.getByTestId('implied-edges');
    await expect(implied.getByTestId('implied-edges.summary')).toContainText('edges', { timeout: 60_000 });
    await implied.getByTestId('implied-edges.apply').click();
    await expect(page.getByTestId('evaluation-status')).toContainText(/[1-9][\d,]* edges decided/, { timeout: 120_000 });
    await editor.settled();
    const decided = await page.locator('.react-flow__edge').evaluateAll((es) => es.map((e) => e.getAttribute('data-decision')));
    expect(decided.length).toBeGreaterThan(0);
    expect(decided.every((d) => d !== 'pending' && d !== null)).toBe(true);
    await editor.viewSettled();
    await page.screenshot({ path: 'e2e/screenshots/import-estate-edges.png' });
  });
});
