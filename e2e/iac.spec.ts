/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { expect, test, type Request } from '@playwright/test';
import { Editor } from './support/editor';
import { dropFiles, type TestFile } from './support/importFiles';

/** The Terraform plan and CloudFormation template fixtures (src/import/fixtures/iac, README there). */
const iac = (name: string): TestFile => ({ name, text: readFileSync(new URL(`../src/import/fixtures/iac/${name}`, import.meta.url), 'utf8') });
const PLAN = iac('platform.tfplan.json');
const TEMPLATE = iac('777788889999.eu-central-1.partner.template.yaml');
const DEPLOY = 'arn:aws:iam::111122223333:role/ci/ci-deploy';

test.describe('Infrastructure as code in and out', () => {
  test('Given a Terraform plan dropped on the canvas, then it is read in the page with no request leaving it, drawn, and the edges its policies imply are decided', async ({ page }) => {
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    const editor = await Editor.fresh(page);
    await page.waitForLoadState('networkidle');
    const origin = new URL(page.url()).origin;

    await dropFiles(page, [PLAN]);
    const report = page.getByTestId('import-report');
    await expect(report).toBeVisible({ timeout: 30_000 });
    await expect(report.getByTestId('import-report.file')).toContainText('Recognised as Terraform plan (Terraform 1.9.8).');
    // Every resource type it does not model is listed, located, not dropped silently.
    await expect(report.getByTestId('import-report.file')).toContainText('aws_instance.bastion: aws_instance is not a resource this app models');
    await page.screenshot({ path: 'e2e/screenshots/iac-plan-report.png' });
    await report.getByTestId('import-report.close').click();

    await expect(editor.node(DEPLOY)).toBeVisible();
    await expect(editor.node('arn:aws:kms:eu-west-1:111122223333:key/(known after apply) aws_kms_key.data.key_id')).toContainText('known after apply');

    await page.getByTestId('toolbar.file').click();
    await page.getByTestId('file.implied').click();
    const implied = page.getByTestId('implied-edges');
    await expect(implied.getByTestId('implied-edges.list')).toContainText('ci-deploy');
    await implied.getByTestId('implied-edges.apply').click();
    await editor.settled();
    const tableRead = page.locator('.react-flow__edge[aria-label^="Access ci-deploy → orders"]');
    await expect(tableRead).toHaveAttribute('data-decision', 'allowed', { timeout: 30_000 });
    // The rule's target: the function admits SNS, not EventBridge, so the delivery is refused, and says why.
    await expect(page.locator('.react-flow__edge[aria-label^="EventBridge delivery order-placed → order-processor"]')).toHaveAttribute('data-decision', 'implicit-deny');
    await expect(page.locator('.react-flow__edge[aria-label^="Access sns.amazonaws.com → order-processor"]')).toHaveAttribute('data-decision', 'allowed');
    await editor.viewSettled();
    await page.screenshot({ path: 'e2e/screenshots/iac-plan-canvas.png' });

    expect(requests.filter((r) => new URL(r.url()).origin !== origin).map((r) => r.url())).toEqual([]);
    expect(requests.filter((r) => r.method() !== 'GET').map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
  });

  test('Given a CloudFormation template in YAML dropped on the canvas, then its short intrinsic forms are resolved and it is drawn', async ({ page }) => {
    const editor = await Editor.fresh(page);
    await dropFiles(page, [TEMPLATE]);
    const report = page.getByTestId('import-report');
    await expect(report.getByTestId('import-report.file')).toContainText('Recognised as CloudFormation template (YAML).', { timeout: 30_000 });
    await report.getByTestId('import-report.close').click();
    await expect(editor.node('arn:aws:iam::777788889999:role/partners/partner-reader-prod')).toBeVisible();
    await expect(editor.node('arn:aws:s3:::partner-reports-prod')).toBeVisible();
  });

  test('Given a template that does not say its account, then the report asks once, and the import is made again in the account given', async ({ page }) => {
    const editor = await Editor.fresh(page);
    await dropFiles(page, [{ name: 'partner.template.yaml', text: TEMPLATE.text }]);
    const report = page.getByTestId('import-report');
    const ask = report.getByTestId('import-report.account');
    await expect(ask).toContainText('Which account does this deploy to?', { timeout: 30_000 });
    await expect(editor.node('arn:aws:iam::000000000000:role/partners/partner-reader-prod')).toBeAttached();
    await expect(ask.getByTestId('import-report.account.apply')).toBeDisabled();
    await ask.getByTestId('import-report.account.id').fill('12345');
    await expect(ask.getByRole('alert')).toHaveText('An account id is 12 digits.');
    await ask.getByTestId('import-report.account.id').fill('777788889999');
    await ask.getByTestId('import-report.account.region').fill('eu-central-1');
    await page.screenshot({ path: 'e2e/screenshots/iac-account-ask.png' });
    await ask.getByTestId('import-report.account.apply').click();
    await expect(report.getByTestId('import-report.summary')).toBeVisible({ timeout: 30_000 });
    await expect(report.getByTestId('import-report.account')).toHaveCount(0);
    await report.getByTestId('import-report.close').click();
    await expect(editor.node('arn:aws:iam::777788889999:role/partners/partner-reader-prod')).toBeVisible();
    await expect(editor.node('arn:aws:sqs:eu-central-1:777788889999:partner-inbox')).toBeVisible();
  });

  test('Given the example, when exported as Terraform and as CloudFormation, then each downloads, one module or template per account', async ({ page }) => {
    await Editor.fresh(page);
    await page.getByTestId('toolbar.file').click();
    await page.getByTestId('file.open-example').click();
    await expect(page.locator('.react-flow__node-account')).toHaveCount(3);

    for (const [item, pattern, content] of [
      ['file.export-terraform', /\.zip$/, 'PK'],
      ['file.export-cloudformation', /\.zip$/, 'PK'],
    ] as const) {
      await page.getByTestId('toolbar.file').click();
      const downloading = page.waitForEvent('download');
      await page.getByTestId(item).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(pattern);
      const path = await download.path();
      expect(readFileSync(path).subarray(0, 2).toString('latin1')).toBe(content);
      await expect(page.getByTestId('share-toast')).toContainText(/\d files \(one per account\) in a zip/);
    }
    await page.screenshot({ path: 'e2e/screenshots/iac-export.png' });
  });
});
