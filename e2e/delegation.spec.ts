import { expect, test } from '@playwright/test';
import { Editor } from './support/editor';

/**
 * The IAM User Guide's delegation example ("How IAM roles differ from resource-based policies"), drawn
 * with the UI: AccountA grants AccountB full access to BucketA; AccountB's administrator delegates.
 * User1 has no policy and is denied; User2 is read-only: GetObject allowed, PutObject denied; the AccountB
 * root user has everything the account was granted.
 */
test('AccountA grants AccountB full access to BucketA; AccountB delegates: User1 denied, User2 read-only, root allowed', async ({ page }) => {
  const editor = await Editor.fresh(page);

  // Given AccountA with BucketA, whose bucket policy grants AccountB full access to its objects
  const accountA = await editor.addAccount('AccountA');
  const accountB = await editor.addAccount('AccountB');
  const bucket = await editor.add('s3-bucket', accountA);
  await editor.rename('bucket-a');
  await editor.useTemplate('resource', 'Grant another account');
  const policy = editor.policyEditor(bucket, 'resource', 'Bucket policy');
  await expect(policy).toContainText(`arn:aws:iam::${accountB}:root`);
  // "Full access to objects": widen the template's actions to s3:* by editing the JSON, as a user would.
  await editor.pastePolicy(policy, {
    Version: '2012-10-17',
    Statement: [{ Sid: 'AccountBFullAccess', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountB}:root` }, Action: 's3:*', Resource: ['arn:aws:s3:::bucket-a', 'arn:aws:s3:::bucket-a/*'] }],
  });
  await expect(editor.inspector.getByText('Applied.')).toBeVisible();

  // And in AccountB: User1 with no policy, User2 with read-only S3 access, and the root user
  const user1 = await editor.add('iam-user', accountB);
  await editor.rename('User1');
  const user2 = await editor.add('iam-user', accountB);
  await editor.rename('User2');
  await editor.useTemplate('identity', 'Read-only S3');
  const root = await editor.add('account-root', accountB);

  // When each asks for objects of BucketA
  const e1 = await editor.connect(user1, bucket);
  const e2 = await editor.connect(user2, bucket);
  await editor.addAction('s3:PutObject');
  const e3 = await editor.connect(root, bucket);
  await editor.addAction('s3:PutObject');
  await editor.addAction('s3:DeleteObject');

  // Then User1 is denied: AccountB has delegated nothing to it
  await editor.expectDecision(e1, 'implicit-deny');
  await editor.openEdge(e1);
  await expect(editor.inspector.getByTestId('explanation.summary')).toContainText('identity policy');

  // And User2 may read but not write: the edge is mixed, per action
  await editor.expectDecision(e2, 'mixed');
  await editor.expectActionDecision(e2, 's3:GetObject', 'allowed');
  await editor.expectActionDecision(e2, 's3:PutObject', 'implicit-deny');
  await editor.openEdge(e2);
  await expect(editor.inspector.getByTestId('action.s3:GetObject')).toHaveAttribute('data-decision', 'allowed');
  await expect(editor.inspector.getByTestId('action.s3:PutObject')).toHaveAttribute('data-decision', 'implicit-deny');
  await expect(editor.inspector.getByTestId('explanation.step.s3:PutObject')).toBeVisible();

  // And the AccountB root user has everything AccountA granted the account
  await editor.expectDecision(e3, 'allowed');
  await editor.autoLayout();
  await editor.openEdge(e2);
  await editor.screenshot('delegation');

  // When User2's read-only policy is removed, and the removal undone
  await editor.select(user2);
  await editor.inspector.getByRole('button', { name: 'Remove ReadOnlyS3' }).click();
  await editor.expectDecision(e2, 'implicit-deny');
  await editor.undo();
  await editor.expectDecision(e2, 'mixed');

  // When AccountA narrows its grant to reading only, AccountB cannot delegate more: root loses PutObject
  await editor.select(bucket);
  await editor.pastePolicy(editor.policyEditor(bucket, 'resource', 'Bucket policy'), {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountB}:root` }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::bucket-a', 'arn:aws:s3:::bucket-a/*'] }],
  });
  await editor.expectDecision(e3, 'mixed');
  await editor.expectActionDecision(e3, 's3:GetObject', 'allowed');
  await editor.expectActionDecision(e3, 's3:PutObject', 'implicit-deny');

  // And after a reload the drawing and its decisions are back
  await editor.reload();
  await editor.expectDecision(e1, 'implicit-deny');
  await editor.expectDecision(e2, 'mixed');
  await editor.expectDecision(e3, 'mixed');
});
