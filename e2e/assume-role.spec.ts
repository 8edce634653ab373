import { expect, test } from '@playwright/test';
import { Editor } from './support/editor';

/**
 * The seed's second method, drawn with the UI: a user of account A assumes a role in account B. The role's
 * trust policy must name A, and A must allow the user sts:AssumeRole; then, as the role's session, the
 * user has the role's permissions only.
 */
test('A user of account A assumes a role in account B: the trust policy and her own policy must both allow it', async ({ page }) => {
  const editor = await Editor.fresh(page);

  // Given a user in account A and a role in account B
  const a = await editor.addAccount('Account A');
  const b = await editor.addAccount('Account B');
  const alice = await editor.add('iam-user', a);
  await editor.rename('alice');
  const role = await editor.add('iam-role', b);
  await editor.rename('ExportRole');
  await expect(editor.inspector.getByTestId('arn')).toHaveText('arn:aws:iam::222222222222:role/ExportRole');

  // When alice is connected to the role, the edge is an AssumeRole edge
  const assume = await editor.connect(alice, role);
  await expect(editor.inspector.getByTestId('inspector.title')).toHaveText('AssumeRole edge');
  await expect(editor.edge(assume)).toHaveAttribute('data-kind', 'assume');

  // Then a new role trusts only its own account: denied
  await editor.expectDecision(assume, 'implicit-deny');
  await editor.openEdge(assume);
  await expect(editor.inspector.getByTestId('explanation.summary')).toContainText('trust policy');

  // When the role trusts account A, alice still needs her own permission to call sts:AssumeRole
  await editor.select(role);
  await editor.useTemplate('trust', 'Trust another account');
  await expect(editor.policyEditor(role, 'trust', 'Trust policy')).toContainText('arn:aws:iam::111111111111:root');
  await editor.expectDecision(assume, 'implicit-deny');

  // When alice's identity policy allows sts:AssumeRole on the role, she may assume it
  await editor.select(alice);
  await editor.useTemplate('identity', 'Allow sts:AssumeRole');
  // Named for what it grants: assuming that role
  await expect(editor.policyEditor(alice, 'identity', 'AssumeExportRole')).toContainText('arn:aws:iam::222222222222:role/ExportRole');
  await editor.expectDecision(assume, 'allowed');

  // When the trust policy requires an external id, the call is denied until the edge passes the right one
  await editor.select(role);
  await editor.useTemplate('trust', 'Trust another account, require an external id');
  await editor.expectDecision(assume, 'implicit-deny');
  await editor.openEdge(assume);
  const externalId = editor.inspector.getByTestId('inspector.external-id');
  await externalId.fill('wrong-id');
  await externalId.press('Enter');
  await editor.expectDecision(assume, 'implicit-deny');
  await externalId.fill('unique-external-id');
  await externalId.press('Enter');
  await editor.expectDecision(assume, 'allowed');

  // And as the role's session, alice has only the role's permissions: a bucket in B needs the role's policy
  const bucket = await editor.add('s3-bucket', b);
  const asRole = await editor.connect(role, bucket);
  await editor.expectDecision(asRole, 'implicit-deny');
  await editor.select(role);
  await editor.useTemplate('identity', 'Allow actions on a resource');
  await editor.expectDecision(asRole, 'allowed');
  await editor.autoLayout();
  await editor.openEdge(assume);
  await editor.screenshot('assume-role');

  // Undo takes back the layout, then the role's policy (the session loses its permission); redo restores both
  const before = await editor.node(role).boundingBox();
  await editor.undo();
  await expect.poll(async () => JSON.stringify(await editor.node(role).boundingBox())).not.toBe(JSON.stringify(before));
  await editor.expectDecision(asRole, 'allowed');
  await editor.undo();
  await editor.expectDecision(asRole, 'implicit-deny');
  await editor.redo();
  await editor.expectDecision(asRole, 'allowed');

  // Reload: everything is back, decided the same way
  await editor.reload();
  await editor.expectDecision(assume, 'allowed');
  await editor.expectDecision(asRole, 'allowed');
});
