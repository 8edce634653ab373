import { deflateRawSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { seedCrossAccount } from '../src/model/fixtures/seedCrossAccount';
import type { Scenario } from '../src/model';
import { Editor } from './support/editor';
import { watchErrors } from './shareHelpers';

/**
 * Rules that live outside the policy documents, as a user meets them: a call that needs no permission
 * (sts:GetCallerIdentity), and a Principal written as a plain string, which names no one until the
 * checker's one-click fix writes the object form.
 */

test('sts:GetCallerIdentity needs no permission: allowed even though alice\'s identity policy denies it, and the explanation and the journey say why', async ({ page }) => {
  const problems = watchErrors(page);
  const editor = await Editor.fresh(page);

  // Given alice in account A, whose only identity policy denies sts:GetCallerIdentity
  const a = await editor.addAccount('Account A');
  const alice = await editor.add('iam-user', a);
  await editor.rename('alice');
  const bucket = await editor.add('s3-bucket', a);
  await editor.select(alice);
  await editor.useTemplate('identity', 'Allow actions on a resource');
  // (Named for what the template grants; nothing is drawn from alice yet, so the template's starter action.)
  const policy = editor.policyEditor(alice, 'identity', 'AllowPutObject');
  await expect(policy).toBeVisible();
  await editor.pastePolicy(policy, { Version: '2012-10-17', Statement: [{ Sid: 'NoWhoAmI', Effect: 'Deny', Action: 'sts:GetCallerIdentity', Resource: '*' }] });
  await expect(page.getByTestId(`policy.${alice}.identity.AllowPutObject`).getByRole('status')).toHaveText('Applied.');

  // When she calls sts:GetCallerIdentity (drawn as an access edge)
  const edge = await editor.connect(alice, bucket);
  await editor.typeAction('sts:GetCallerIdentity');
  await editor.removeAction('s3:GetObject');

  // Then it is allowed, and the explanation names the rule with the STS page's words before any policy stage
  await editor.expectDecision(edge, 'allowed');
  await editor.openEdge(edge);
  await expect(editor.inspector.getByTestId('explanation.summary')).toContainText('sts:GetCallerIdentity needs no permission');
  const rule = editor.inspector.locator('[data-stage="aws-rule"]');
  await expect(rule).toContainText('needs no permission');
  await expect(rule).toContainText('No permissions are required to perform this operation');
  await expect(editor.inspector.locator('[data-stage="explicit-deny"]')).toContainText('1 Deny statement(s) match sts:GetCallerIdentity, but have no effect');
  await expect(editor.inspector.locator('[data-stage="identity"]')).toHaveAttribute('data-outcome', 'not-applicable');
  await editor.screenshot('aws-rules-1-get-caller-identity');

  // When the journey plays, its one gate is the AWS rule, passed, with the page's words
  await page.getByTestId('journey.start').click();
  const play = page.getByTestId('journey.play');
  await expect(play).toBeVisible();
  if ((await page.getByTestId('journey.progress').getAttribute('data-status')) === 'playing') await play.click();
  const forward = page.getByTestId('journey.forward');
  while (await forward.isEnabled()) await forward.click();
  await expect(page.getByTestId('journey.progress')).toHaveAttribute('data-status', 'finished');
  await expect(page.getByTestId('journey.gate-row.0.aws-rule')).toHaveAttribute('data-gate-state', 'passed');
  await expect(page.getByTestId('journey.gate-row.0.identity')).toHaveAttribute('data-gate-state', 'skipped');
  await expect(page.getByTestId('journey.result')).toContainText('needs no permission');
  await editor.screenshot('aws-rules-2-get-caller-identity-journey');
  expect(problems).toEqual([]);
});

/** The seed, with the bucket policy's statement for alice written with a plain-string Principal (as some files have it). */
const stringPrincipal: Scenario = {
  ...structuredClone(seedCrossAccount),
  resources: seedCrossAccount.resources.map((r) =>
    r.id === 'bucket' ? { ...r, policy: { Version: '2012-10-17', Statement: [{ Sid: 'AliceWrites', Effect: 'Allow', Principal: 'arn:aws:iam::111111111111:user/alice', Action: 's3:PutObject', Resource: 'arn:aws:s3:::bucket-b/*' }] } } : r,
  ),
};

test('A shared bucket policy that names alice as a plain string names no one: the explanation says so, the checker flags it, and one click writes the object form', async ({ page }) => {
  const problems = watchErrors(page);
  // Given a share link whose bucket policy writes alice's ARN as a plain string
  const link = `/#s=${deflateRawSync(Buffer.from(JSON.stringify(stringPrincipal))).toString('base64url')}`;
  await page.goto(link);
  const editor = new Editor(page);
  await expect(editor.node('alice')).toBeVisible();

  // Then alice's write is denied, and the explanation says the statement meant for her names no one
  await editor.expectDecision('alice-put', 'implicit-deny');
  await editor.openEdge('alice-put');
  const summary = editor.inspector.getByTestId('explanation.summary');
  await expect(summary).toContainText('statement "AliceWrites" names no one');
  await expect(summary).toContainText('it must be { "AWS": "arn:aws:iam::111111111111:user/alice" }');
  await expect(editor.inspector.getByTestId('explanation.malformed-principal')).toContainText('names no one');
  await editor.screenshot('aws-rules-3-string-principal-explained');

  // When the bucket's policy is opened, the checker flags the Principal and offers the object form
  await editor.select('bucket');
  const box = page.getByTestId('policy.bucket.resource.Bucket policy');
  await expect(box.getByRole('status')).toContainText('Not applied: fix 1 error');
  await expect(box.getByRole('list', { name: /Problems in/ })).toContainText('Principal is a plain string, which names no one');
  const fix = box.getByRole('button', { name: 'Fix line 7: Use { "AWS": "arn:aws:iam::111111111111:user/alice" }' });
  await expect(fix).toBeVisible();
  await editor.screenshot('aws-rules-4-string-principal-fix');

  // When the fix is clicked, the policy is applied in the object form and alice's write is allowed
  await fix.click();
  await expect(box.getByRole('status')).toHaveText('Applied.');
  await expect(editor.policyEditor('bucket', 'resource', 'Bucket policy')).toContainText('"AWS": "arn:aws:iam::111111111111:user/alice"');
  await editor.expectDecision('alice-put', 'allowed');

  // And undo brings back the string form, denied again
  await editor.undo();
  await editor.expectDecision('alice-put', 'implicit-deny');
  expect(problems).toEqual([]);
});
