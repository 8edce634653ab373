import { expect, test } from '@playwright/test';
import { Editor } from './support/editor';

/**
 * The seed's first example, drawn with the UI: an S3 bucket in account B whose bucket policy admits a
 * user of account A. A cross-account request needs both sides, so the edge turns green only once the
 * user's own identity policy allows the action too.
 */
test('A bucket policy in account B admits a user of account A: allowed only once her identity policy also allows', async ({ page }) => {
  const editor = await Editor.fresh(page);

  // Given two accounts, a user in A and a bucket in B
  const a = await editor.addAccount('Account A');
  const b = await editor.addAccount('Account B');
  const alice = await editor.add('iam-user', a);
  await editor.rename('alice');
  const bucket = await editor.add('s3-bucket', b);
  await editor.rename('bucket-b');
  await expect(editor.inspector.getByTestId('arn')).toHaveText('arn:aws:s3:::bucket-b');

  // When alice is connected to the bucket and asks to PutObject
  const edge = await editor.connect(alice, bucket);
  await editor.addAction('s3:PutObject');
  await editor.removeAction('s3:GetObject');
  await expect(editor.label(edge)).toContainText('s3:PutObject');

  // Then with no policy on either side it is implicitly denied
  await editor.expectDecision(edge, 'implicit-deny');
  await expect(editor.label(edge)).toContainText('neither account allows it');

  // When the bucket policy grants alice (the template names the caller drawn on the canvas)
  await editor.select(bucket);
  await editor.useTemplate('resource', 'Grant a specific principal');
  await expect(editor.policyEditor(bucket, 'resource', 'Bucket policy')).toContainText('arn:aws:iam::111111111111:user/alice');

  // Then it is still denied: account A has not allowed alice anything
  await editor.expectDecision(edge, 'implicit-deny');
  await editor.openEdge(edge);
  await expect(editor.inspector.getByTestId('explanation.summary')).toContainText('identity policy');
  await expect(editor.inspector.locator('[data-side="principal"]')).toContainText('this evaluation fails');
  await editor.screenshot('resource-policy-1-denied');

  // When alice's identity policy allows PutObject on the bucket
  await editor.select(alice);
  await editor.useTemplate('identity', 'Allow actions on a resource');
  // Named for what it grants, on the bucket her edge reaches (never Resource "*")
  await expect(editor.policyEditor(alice, 'identity', 'AllowPutObjectOnBucketB')).toContainText('arn:aws:s3:::bucket-b/*');

  // Then both accounts agree and the edge is allowed
  await editor.expectDecision(edge, 'allowed');
  await editor.openEdge(edge);
  await expect(editor.inspector.getByTestId('explanation.summary')).toContainText('both accounts agree');
  await editor.screenshot('resource-policy-2-allowed');

  // When the identity policy is undone, the edge is denied again; redo allows it again
  await editor.undo();
  await editor.expectDecision(edge, 'implicit-deny');
  await editor.redo();
  await editor.expectDecision(edge, 'allowed');

  // When the page is reloaded, the scenario and its decisions come back
  await editor.reload();
  await editor.expectDecision(edge, 'allowed');
  await expect(editor.node(alice)).toContainText('alice');
  await expect(editor.node(bucket)).toContainText('bucket-b');
});
