import { expect, test } from '@playwright/test';
import { Editor } from './support/editor';
import { watchErrors } from './shareHelpers';

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

test('A proposal that would change another edge says so before it is applied, and an allowed edge can be marked "should be denied"', async ({ page }) => {
  const editor = await Editor.fresh(page);
  const { alice, write, read } = await twoAccounts(editor);
  // Given alice's identity policy allows writing to the bucket, and the bucket admits account A as a whole
  await editor.select(alice);
  await editor.useTemplate('identity', 'Allow actions on a resource');
  await expect(editor.policyEditor(alice, 'identity', 'Allow actions on a resource')).toContainText('arn:aws:s3:::reports-b/*');
  await editor.expectDecision(write, 'implicit-deny');

  // When alice's write is fixed by widening nothing but the bucket policy
  await editor.openEdge(write);
  await editor.inspector.getByTestId('fix.toggle').click();
  const proposals = editor.inspector.getByTestId('fix.proposals');
  await expect(proposals.getByTestId('fix.proposal.0.summary')).toHaveText('Changes no other edge');
  await proposals.getByTestId('fix.apply.0').click();
  await editor.expectDecision(write, 'allowed');
  await editor.expectDecision(read, 'implicit-deny');

  // When the user says the now-allowed write should be denied
  await editor.openEdge(write);
  await editor.inspector.getByTestId('fix.toggle').click();
  const deny = editor.inspector.getByTestId('fix');
  await expect(deny).toHaveAttribute('data-direction', 'deny');
  const first = deny.getByTestId('fix.proposal.0');
  await expect(first).toContainText(/Drop the action from a grant|Add a Deny of exactly this request/);
  await first.getByTestId('fix.apply.0').click();
  await editor.settled();
  await expect(editor.edge(write)).toHaveAttribute('data-decision', /deny/);
});
