import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { Editor } from './support/editor';

/** The (first) inline identity policy's editor of a principal, whatever the template named it. */
const identityEditor = (editor: Editor, id: string) => editor.page.locator(`[data-testid^="policy-editor.${id}:identity:"] .cm-content`).first();
import { watchErrors } from './shareHelpers';

// Each story draws its scenario through the UI, step by step (15–20 s on an idle machine): given room on a loaded one.
test.beforeEach(() => test.slow());

/**
 * From red to green: a denied edge's proposals, each previewed over the whole scenario, applied in one
 * click and undone in one; an allowed edge marked "should be denied".
 */

/** Two accounts, alice and bob in A, a bucket in B, alice → bucket PutObject (denied on both sides), bob → bucket. */
async function twoAccounts(editor: Editor) {
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
  return { a, b, alice, bob, bucket, write, read };
}

test('A denied edge: the fix names both failing gates, previews the change over the whole scenario, applies in one click and one undo brings the denial back', async ({ page }) => {
  const problems = watchErrors(page);
  const editor = await Editor.fresh(page);
  const { write, read } = await twoAccounts(editor);
  await editor.expectDecision(write, 'implicit-deny');
  await editor.expectDecision(read, 'implicit-deny');

  // When the user asks how to allow alice's write
  await editor.openEdge(write);
  await editor.inspector.getByTestId('fix.toggle').click();
  const fix = editor.inspector.getByTestId('fix');

  // Then both accounts' gates are named: the caller's identity policy and the bucket policy
  const gates = fix.getByTestId('fix.gates');
  await expect(gates.locator('[data-side="principal"][data-stage="identity"]')).toContainText('Identity policies of alice');
  await expect(gates.locator('[data-side="resource"][data-stage="resource"]')).toContainText('Bucket policy of reports-b');

  // And the recommended proposal changes nothing else, with a diff of each policy naming the exact ARNs
  const first = fix.getByTestId('fix.proposal.0');
  await expect(first).toHaveAttribute('data-scope', 'exact');
  await expect(first.getByTestId('fix.proposal.0.summary')).toHaveText('Changes no other edge');
  await expect(first.getByTestId('fix.proposal.0.diff.0')).toContainText('Bucket policy of reports-b');
  await expect(first.getByTestId('fix.proposal.0.diff.0')).toContainText('"AWS": "arn:aws:iam::111111111111:user/alice"');
  await expect(first.getByTestId('fix.proposal.0.diff.0')).toContainText('"Resource": "arn:aws:s3:::reports-b/*"');
  await expect(first.getByTestId('fix.proposal.0.diff.1')).toContainText('Identity policy');
  await page.screenshot({ path: 'e2e/screenshots/fixes-1-preview.png' });

  // When it is applied
  await first.getByTestId('fix.apply.0').click();

  // Then the edge turns green, bob's stays as it was, and the status line says how to undo it
  await editor.expectDecision(write, 'allowed');
  await editor.expectDecision(read, 'implicit-deny');
  await expect(editor.notice).toContainText('Ctrl+Z undoes it');
  await expect(editor.inspector.getByTestId('fix.toggle')).toHaveText('Should be denied?…');
  await editor.screenshot('fixes-2-applied');

  // When the user undoes once, the denial is back; redo makes it green again
  await editor.undo();
  await editor.expectDecision(write, 'implicit-deny');
  await editor.redo();
  await editor.expectDecision(write, 'allowed');
  expect(problems).toEqual([]);
});

test('A proposal that would change another edge says so before it is applied, the recommended one changes nothing else, and an allowed edge can be marked "should be denied"', async ({ page }) => {
  const editor = await Editor.fresh(page);
  const { alice, bob, bucket, write, read } = await twoAccounts(editor);
  // Given both users' identity policies allow their requests, and the bucket admits account A but a Deny
  // freezes reads and writes for everyone
  for (const user of [alice, bob]) {
    await editor.select(user);
    await editor.useTemplate('identity', 'Allow actions on a resource');
    await expect(identityEditor(editor, user)).toContainText('arn:aws:s3:::reports-b/*');
  }
  await editor.select(bucket);
  await editor.useTemplate('resource', 'Grant another account');
  const policy = editor.policyEditor(bucket, 'resource', 'Bucket policy');
  await expect(policy).toBeVisible();
  await editor.pastePolicy(policy, {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AllowAccountA', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::reports-b/*' },
      { Sid: 'Freeze', Effect: 'Deny', Principal: '*', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' },
    ],
  });
  await editor.expectDecision(write, 'explicit-deny');
  await editor.expectDecision(read, 'explicit-deny');

  // When alice's write is to be allowed
  await editor.openEdge(write);
  await editor.inspector.getByTestId('fix.toggle').click();
  const fix = editor.inspector.getByTestId('fix');
  await expect(fix.getByTestId('fix.gates').locator('[data-stage="resource"]')).toContainText('"Freeze"');

  // Then the recommended proposal exempts exactly her write and changes no other edge
  await expect(fix.getByTestId('fix.proposal.0')).toHaveAttribute('data-scope', 'exact');
  await expect(fix.getByTestId('fix.proposal.0.summary')).toHaveText('Changes no other edge');
  // And a wider one (the whole bucket out of the Deny) says first that bob's read would be allowed too
  const wider = fix.locator('[data-testid^="fix.proposal."][data-side-effects="1"]').first();
  await expect(wider.locator(`[data-testid$=".side-effects.${read}"]`)).toHaveAttribute('data-after', 'allowed');
  await page.screenshot({ path: 'e2e/screenshots/fixes-3-side-effects.png' });

  await fix.getByTestId('fix.apply.0').click();
  await editor.expectDecision(write, 'allowed');
  await editor.expectDecision(read, 'explicit-deny');

  // When the user says the now-allowed write should be denied after all
  await editor.openEdge(write);
  await editor.inspector.getByTestId('fix.toggle').click();
  const deny = editor.inspector.getByTestId('fix');
  await expect(deny).toHaveAttribute('data-direction', 'deny');
  await expect(deny.getByTestId('fix.proposal.0.summary')).toHaveText('Changes no other edge');
  await deny.getByTestId('fix.apply.0').click();
  await editor.settled();
  await expect(editor.edge(write)).toHaveAttribute('data-decision', /deny/);
  await editor.expectDecision(read, 'explicit-deny');
});

const axe = async (page: Page): Promise<string[]> =>
  (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);

for (const scheme of ['light', 'dark'] as const) {
  test(`No WCAG 2 A/AA violations (axe) with the proposals, the wide diff and the what-if panel open, ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const editor = await Editor.fresh(page);
    const { write } = await twoAccounts(editor);
    await editor.openEdge(write);
    await editor.inspector.getByTestId('fix.toggle').click();
    await expect(editor.inspector.getByTestId('fix.proposal.0.diff.0')).toBeVisible();
    expect(await axe(page)).toEqual([]);
    // The wide view of a diff, by keyboard: Escape closes it
    await editor.inspector.getByRole('button', { name: /Open the diff of Bucket policy of reports-b/ }).first().click();
    await expect(page.getByTestId('fix.proposal.0.diff.0.wide')).toBeVisible();
    expect(await axe(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await editor.inspector.getByTestId('fix.apply.0').click();
    await editor.expectDecision(write, 'allowed');
    await page.getByTestId('toolbar.compare').click();
    await page.getByTestId('whatif-dialog.history').click();
    await expect(page.getByTestId(`whatif.edge.${write}`)).toBeVisible();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `e2e/screenshots/whatif-${scheme}.png` });
  });
}
