import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { Editor } from './support/editor';

/** The (first) inline identity policy's editor of a principal, whatever the template named it. */
const identityEditor = (editor: Editor, id: string) => editor.page.locator(`[data-testid^="policy-editor.${id}:identity:"] .cm-content`).first();
import { watchErrors } from './shareHelpers';

// Each story draws its scenario through the UI, step by step (15–20 s on an idle machine): given room on a loaded one.
test.beforeEach(() => test.slow());

/**
 * What-if: the current scenario compared with a saved version and with itself some edits ago — the edges
 * that change decision highlighted on the canvas (the rest dimmed), each changed policy as a side-by-side
 * diff, and the comparison exported as a Markdown report. Least privilege for a user.
 */

async function saveAs(page: Page, name: string): Promise<void> {
  await page.getByTestId('toolbar.library').click();
  const dialog = page.getByTestId('library-dialog');
  await dialog.getByTestId('library-save-name').fill(name);
  await dialog.getByTestId('library-save').click();
  await expect(dialog.getByTestId('library-current')).toContainText(`“${name}”`);
  await page.keyboard.press('Escape');
}

/** alice and bob in account A, a bucket in B; alice writes, bob reads; both denied. */
async function design(editor: Editor) {
  const a = await editor.addAccount('Account A');
  const b = await editor.addAccount('Account B');
  const alice = await editor.add('iam-user', a);
  await editor.rename('alice');
  const bob = await editor.add('iam-user', a);
  await editor.rename('bob');
  const bucket = await editor.add('s3-bucket', b);
  await editor.rename('reports-b');
  const write = await editor.connect(alice, bucket);
  await editor.addAction('s3:PutObject');
  await editor.removeAction('s3:GetObject');
  const read = await editor.connect(bob, bucket);
  await editor.expectDecision(write, 'implicit-deny');
  await editor.expectDecision(read, 'implicit-deny');
  return { alice, bob, bucket, write, read };
}

/** The opacity the canvas draws an edge with. */
const opacity = (page: Page, id: string): Promise<number> => page.locator(`.react-flow__edge[data-id="${id}"]`).evaluate((el) => Number(getComputedStyle(el).opacity));

test('Compared with a saved version: the edge the fix turned green is highlighted, the rest dimmed, the bucket policy diffed, and the Markdown report exported', async ({ page }) => {
  const problems = watchErrors(page);
  const editor = await Editor.fresh(page);
  const { write, read } = await design(editor);

  // Given the design saved as "Before the fix", and the work going on under another name
  await saveAs(page, 'Before the fix');
  await saveAs(page, 'Working copy');

  // When alice's write is fixed with the recommended proposal
  await editor.openEdge(write);
  await editor.inspector.getByTestId('fix.toggle').click();
  await editor.inspector.getByTestId('fix.apply.0').click();
  await editor.expectDecision(write, 'allowed');

  // And the user compares the scenario with the saved version
  await page.getByTestId('toolbar.compare').click();
  const dialog = page.getByTestId('whatif-dialog');
  await dialog.getByRole('button', { name: 'Compare with Before the fix' }).click();
  const panel = page.getByTestId('whatif-panel');

  // Then the panel lists the write as implicitly denied before and allowed now, and bob's read not at all
  const changed = panel.getByTestId(`whatif.edge.${write}`);
  await expect(changed).toHaveAttribute('data-before', 'implicit-deny');
  await expect(changed).toHaveAttribute('data-after', 'allowed');
  await expect(panel.getByTestId(`whatif.edge.${read}`)).toHaveCount(0);
  await expect(panel.getByTestId('whatif-panel.summary')).toContainText('1 edge change decision, 1 keep it');

  // And on the canvas the changed edge is highlighted while the others are dimmed
  await expect.poll(() => opacity(page, write)).toBe(1);
  await expect.poll(() => opacity(page, read)).toBeLessThan(0.5);
  await expect(editor.label(write)).toHaveCSS('outline-style', 'solid');

  // And the panel, a tab of the inspector's column, sits clear of the legend and of the journey strip
  const box = async (testId: string) => {
    const b = await page.getByTestId(testId).boundingBox();
    if (!b) throw new Error(`${testId} is not on screen`);
    return b;
  };
  const apart = (a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean => a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
  await expect.poll(async () => apart(await box('whatif-panel'), await box('legend'))).toBe(true);
  await expect.poll(async () => apart(await box('whatif-panel'), await box('journey.panel'))).toBe(true);

  // And each changed policy has its side-by-side diff
  await expect(panel.getByTestId('whatif.policy.0')).toContainText('Bucket policy of reports-b');
  await expect(panel.getByTestId('whatif.policy.0.diff')).toContainText('arn:aws:iam::111111111111:user/alice');
  await page.screenshot({ path: 'e2e/screenshots/whatif-saved.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'e2e/screenshots/whatif-saved-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  // When the report is exported, it is Markdown a review can paste: the table of changed edges and the diffs
  const download = page.waitForEvent('download');
  await panel.getByTestId('whatif-panel.export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.md$/);
  const path = test.info().outputPath('report.md');
  await file.saveAs(path);
  const report = await readFile(path, 'utf8');
  expect(report).toContain('# What if: Untitled scenario compared with saved scenario “Before the fix”');
  expect(report).toContain('| alice → reports-b | Implicitly denied | Allowed |');
  expect(report).toContain('### Bucket policy of reports-b (account 222222222222)');
  expect(report).toMatch(/```diff\n[\s\S]*\+ .*"AWS": "arn:aws:iam::111111111111:user\/alice"/);

  // When the comparison is closed, the canvas is as before
  await panel.getByTestId('whatif-panel.close').click();
  await expect(panel).toHaveCount(0);
  await expect.poll(() => opacity(page, read)).toBe(1);
  expect(problems).toEqual([]);
});

test('Compared with itself one edit ago, and a link that is not a scenario is refused where it was pasted', async ({ page }) => {
  const editor = await Editor.fresh(page);
  const { write } = await design(editor);
  await editor.openEdge(write);
  await editor.inspector.getByTestId('fix.toggle').click();
  await editor.inspector.getByTestId('fix.apply.0').click();
  await editor.expectDecision(write, 'allowed');

  await page.getByTestId('toolbar.compare').click();
  const dialog = page.getByTestId('whatif-dialog');
  // A broken link changes nothing and says why, in the dialog
  await dialog.getByTestId('whatif-dialog.link').fill('https://example.invalid/#s=not-a-scenario');
  await dialog.getByTestId('whatif-dialog.link-compare').click();
  await expect(dialog.getByTestId('whatif-dialog.problem.link')).toBeVisible();
  await expect(page.getByTestId('whatif-panel')).toHaveCount(0);

  await dialog.getByTestId('whatif-dialog.edits').fill('1');
  await dialog.getByTestId('whatif-dialog.history').click();
  const panel = page.getByTestId('whatif-panel');
  await expect(panel).toContainText('Now compared with this scenario 1 edit ago');
  await expect(panel.getByTestId(`whatif.edge.${write}`)).toHaveAttribute('data-after', 'allowed');

  // The comparison is a tab of the inspector's column: selecting the changed edge from its list shows the
  // inspector's tab with the edge, and the What if tab brings the comparison back, still highlighting it
  const whatIfTab = editor.inspector.getByTestId('inspector.tab.whatif');
  await expect(whatIfTab).toHaveAttribute('aria-selected', 'true');
  await panel.getByTestId(`whatif.edge.${write}`).getByRole('button').first().click();
  await expect(editor.edge(write)).toHaveClass(/selected/);
  await expect(editor.inspector.getByTestId('inspector.tab.inspector')).toHaveAttribute('aria-selected', 'true');
  await expect(panel).toBeHidden();
  await expect(editor.label(write)).toHaveCSS('outline-style', 'solid');
  await whatIfTab.click();
  await expect(panel).toBeVisible();
  // And the arrow keys move between the tabs
  await page.keyboard.press('ArrowRight');
  await expect(editor.inspector.getByTestId('inspector.tab.inspector')).toBeFocused();
  await expect(panel).toBeHidden();
});

test('Least privilege for a user with s3:* on everything: the exact policy beside the current one, what the current one grants beyond it, replaced in one undoable step', async ({ page }) => {
  const editor = await Editor.fresh(page);
  const a = await editor.addAccount('Account A');
  const alice = await editor.add('iam-user', a);
  await editor.rename('alice');
  const bucket = await editor.add('s3-bucket', a);
  await editor.rename('reports-a');
  const read = await editor.connect(alice, bucket);
  await editor.select(alice);
  await editor.useTemplate('identity', 'Allow actions on a resource');
  const policy = identityEditor(editor, alice);
  await expect(policy).toBeVisible();
  await editor.pastePolicy(policy, { Version: '2012-10-17', Statement: [{ Sid: 'Everything', Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
  await editor.expectDecision(read, 'allowed');

  await editor.select(alice);
  await editor.inspector.getByTestId('inspector.least-privilege').click();
  const dialog = page.getByTestId('least-privilege');
  await expect(dialog.getByTestId('least-privilege.diff')).toContainText('"Action": "s3:GetObject"');
  await expect(dialog.getByTestId('least-privilege.diff')).toContainText('"Resource": "arn:aws:s3:::reports-a/*"');
  await expect(dialog.getByTestId('least-privilege.excess')).toContainText('Resource "*": every resource in every account');
  await expect(dialog.getByTestId('least-privilege.excess')).toContainText('s3:DeleteObject on reports-a');
  await expect(dialog.getByTestId('least-privilege.no-change')).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/least-privilege.png' });

  await dialog.getByTestId('least-privilege.replace').click();
  await expect(dialog).toHaveCount(0);
  await editor.expectDecision(read, 'allowed');
  await expect(editor.policyEditor(alice, 'identity', 'aliceLeastPrivilege')).toContainText('arn:aws:s3:::reports-a/*');
  await expect(page.locator(`[data-testid^="policy-editor.${alice}:identity:"]`)).toHaveCount(1);
  await editor.undo();
  await expect(identityEditor(editor, alice)).toContainText('"s3:*"');
  await expect(editor.policyEditor(alice, 'identity', 'aliceLeastPrivilege')).toHaveCount(0);
  await editor.expectDecision(read, 'allowed');
});
