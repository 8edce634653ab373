import { expect, test } from '@playwright/test';
import { Editor } from './support/editor';

test('An EventBridge rule sits on its bus and delivers to a queue once the queue policy admits events.amazonaws.com for that rule', async ({ page }) => {
  const editor = await Editor.fresh(page);
  const a = await editor.addAccount('Account A');

  // A rule added to an account without a bus brings the account's default bus with it, and sits on it
  const rule = await editor.add('rule', a);
  await expect(editor.inspector.getByTestId('inspector.title')).toHaveText('EventBridge rule');
  const busNode = page.locator('.react-flow__node-bus');
  await expect(busNode).toHaveCount(1);
  await expect(busNode).toContainText('default');
  const r = await editor.node(rule).boundingBox();
  const bb = await busNode.boundingBox();
  if (!r || !bb) throw new Error('not visible');
  expect(r.x).toBeGreaterThan(bb.x);
  expect(r.y).toBeGreaterThan(bb.y);
  expect(r.x + r.width).toBeLessThan(bb.x + bb.width);
  expect(r.y + r.height).toBeLessThan(bb.y + bb.height);

  // Its target, a queue with no policy, is not reachable
  const queue = await editor.add('sqs-queue', a);
  const target = await editor.connect(rule, queue);
  await expect(editor.edge(target)).toHaveAttribute('data-kind', 'target');
  await editor.expectDecision(target, 'implicit-deny');

  // The template scopes the grant to this rule with aws:SourceArn
  await editor.select(queue);
  await editor.useTemplate('resource', 'Allow events.amazonaws.com (with aws:SourceArn)');
  await expect(editor.policyEditor(queue, 'resource', 'Queue policy')).toContainText('arn:aws:events:us-east-1:111111111111:rule/on-event');
  await editor.expectDecision(target, 'allowed');

  // Renaming the rule changes its ARN: the queue policy no longer matches
  await editor.select(rule);
  await editor.rename('renamed');
  await editor.expectDecision(target, 'implicit-deny');
  await editor.openEdge(target);
  await expect(editor.inspector.getByTestId('explanation.summary')).toContainText('aws:SourceArn');
  await editor.undo();
  await editor.expectDecision(target, 'allowed');
  await editor.screenshot('eventbridge');
});

// EventBridge invokes an API Gateway target at a stage, method and path (its endpoint ARN), and the API's
// policy may name them in API Gateway's execute-api:/ shorthand.
test('A rule targeting an API Gateway API invokes the stage, method and path set on the target; the field validates and undoes', async ({ page }) => {
  const editor = await Editor.fresh(page);
  const a = await editor.addAccount('Account A');
  const rule = await editor.add('rule', a);
  const api = await editor.add('apigateway-rest-api', a);
  const target = await editor.connect(rule, api);
  await editor.expectDecision(target, 'implicit-deny');

  // The API's policy admits EventBridge for this rule on POST methods of the prod stage only
  await editor.select(api);
  await editor.useTemplate('resource', 'Allow events.amazonaws.com (with aws:SourceArn)');
  await editor.pastePolicy(editor.policyEditor(api, 'resource', 'Resource policy'), {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'execute-api:Invoke', Resource: 'execute-api:/prod/POST/*', Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:events:us-east-1:111111111111:rule/on-event' } } }],
  });
  // The documented shorthand draws no warning in an API's own policy
  await expect(page.getByTestId(`policy.${api}.resource.Resource policy`).getByRole('status')).toHaveText('Applied.');
  // Without a stage/method/path the request names the API itself, which the policy does not grant
  await editor.expectDecision(target, 'implicit-deny');

  await editor.select(rule);
  const field = editor.inspector.getByLabel('Stage, method and path invoked');
  await expect(field).toHaveValue('');
  await expect(editor.inspector.getByTestId(`inspector.target-arn.${target}`)).toContainText('Not set');
  await editor.setTargetPath(target, 'prod/GET/orders');
  await editor.expectDecision(target, 'implicit-deny');
  await expect(editor.inspector.getByTestId(`inspector.target-arn.${target}`)).toContainText(/execute-api:us-east-1:111111111111:[a-z0-9]+\/prod\/GET\/orders/);

  // A malformed value is refused where it is typed and changes nothing
  await field.fill('prod/post/*');
  await field.press('Enter');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.inspector.getByText(/Write stage\/METHOD\/path/)).toBeVisible();
  await editor.screenshot('eventbridge-api-target-path-invalid');
  await field.press('Escape');
  await expect(field).toHaveValue('prod/GET/orders');

  await editor.setTargetPath(target, 'prod/POST/orders');
  await editor.expectDecision(target, 'allowed');
  await editor.select(rule);
  await editor.screenshot('eventbridge-api-target-path');

  // Undo and redo go through the path like any edit
  await editor.undo();
  await editor.expectDecision(target, 'implicit-deny');
  await expect(field).toHaveValue('prod/GET/orders');
  await editor.redo();
  await editor.expectDecision(target, 'allowed');
  await expect(field).toHaveValue('prod/POST/orders');
});

test('An organization frames its accounts; a Deny SCP explicitly denies, and the explanation points at the statement', async ({ page }) => {
  const editor = await Editor.fresh(page);
  const a = await editor.addAccount('Management');
  const b = await editor.addAccount('Workloads');
  const user = await editor.add('iam-user', b);
  await editor.useTemplate('identity', 'Read-only S3');
  const bucket = await editor.add('s3-bucket', b);
  const edge = await editor.connect(user, bucket);
  await editor.expectDecision(edge, 'allowed');

  // An organization created from the management account; Workloads joins it
  await editor.select(a);
  await page.getByTestId('palette.organization').click();
  const org = page.locator('.react-flow__node-organization');
  await expect(org).toHaveCount(1);
  await editor.select(b);
  await editor.inspector.getByRole('button', { name: /^Join / }).click();
  await expect(editor.node(b)).toBeVisible();
  await editor.expectDecision(edge, 'allowed');

  // The organization's frame opens its inspector, where a Deny SCP is added
  await org.locator('.org-frame-header').click();
  await expect(editor.inspector.getByTestId('inspector.title')).toHaveText('Organization');
  const orgId = await org.getAttribute('data-id');
  await editor.inspector.getByTestId('template.scp').selectOption({ label: 'FullAWSAccess' });
  const scps = editor.inspector.locator('[data-testid^="policy."][data-testid*=".scp."]');
  await expect(scps).toHaveCount(2);
  await editor.pastePolicy(scps.nth(1).locator('.cm-content'), {
    Version: '2012-10-17',
    Statement: [{ Sid: 'NoS3Reads', Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }],
  });
  await editor.expectDecision(edge, 'explicit-deny');
  await expect(editor.label(edge)).toContainText('a Deny statement matches');

  // The explanation links to the deciding statement, which is highlighted in the SCP's editor
  await editor.openEdge(edge);
  await expect(editor.inspector.getByTestId('explanation.summary')).toContainText('NoS3Reads');
  // Each SCP's statements are captioned with the policy and the level it is attached to
  await expect(editor.inspector.locator('[data-stage="scp"]').getByTestId('explanation.policy').filter({ hasText: /^FullAWSAccess 2 on root/ })).toHaveCount(1);
  await editor.inspector.getByTestId('explanation.statement-link').filter({ hasText: 'NoS3Reads' }).first().click();
  await expect(editor.inspector.getByTestId('inspector.title')).toHaveText('Organization');
  await expect(editor.node(orgId ?? '')).toHaveClass(/selected/);
  await expect(editor.inspector.locator('.cm-decided-statement').filter({ hasText: 'NoS3Reads' })).toHaveCount(1);
  await editor.screenshot('organization-scp-deny');

  // SCPs apply level by level: moved from the root to an OU, the Deny reaches only accounts placed in it
  await editor.inspector.getByRole('button', { name: 'Add OU' }).click();
  await expect(editor.inspector.getByText('under Root')).toBeVisible();
  const denyTargets = editor.inspector.getByRole('group', { name: 'Attached to (FullAWSAccess 2)' });
  await denyTargets.getByLabel('Root').uncheck();
  await denyTargets.getByLabel('OU 1').check();
  await editor.expectDecision(edge, 'allowed');
  await editor.select(b);
  await editor.inspector.getByLabel('Placed under').selectOption({ label: 'OU 1' });
  await editor.expectDecision(edge, 'explicit-deny');
});
