import { expect, test } from '@playwright/test';
import { Editor } from './support/editor';

test.describe('interactions a new user trips over', () => {
  test('A line dropped anywhere on a card connects to it; dropped on nothing, the status line says why', async ({ page }) => {
    // Given a user in account A and a bucket in account B
    const editor = await Editor.fresh(page);
    const a = await editor.addAccount('Account A');
    const b = await editor.addAccount('Account B');
    const user = await editor.add('iam-user', a);
    const bucket = await editor.add('s3-bucket', b);

    // When the line from the user's dot is released over the middle of the bucket's card
    const edge = await editor.connectByDroppingOnCard(user, bucket);

    // Then the edge is drawn and selected, and the inspector shows it
    await expect(editor.edge(edge)).toHaveClass(/selected/);
    await expect(editor.notice).toContainText('Edge added');
    await editor.settled();

    // And one undo step removes it
    await editor.undo();
    await expect(editor.edge(edge)).toHaveCount(0);

    // When a line is released over empty canvas, nothing is drawn and the status line says why
    const box = await editor.canvas.boundingBox();
    if (!box) throw new Error('canvas not visible');
    await editor.dragLineTo(user, { x: box.x + box.width - 40, y: box.y + box.height - 160 });
    await expect(editor.notice).toContainText('Cannot do that: there is nothing to connect to there');
    await expect(page.locator('.react-flow__edge')).toHaveCount(0);

    // When it is released over an account's empty area, the model's own refusal is shown
    const accountBox = await editor.node(a).boundingBox();
    if (!accountBox) throw new Error('account not visible');
    await editor.dragLineTo(user, { x: accountBox.x + accountBox.width - 12, y: accountBox.y + accountBox.height - 12 });
    await expect(editor.notice).toContainText('Connect to a role or a resource');
    await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  });

  test('Connecting from the inspector by keyboard selects the new edge and keeps focus in the inspector, with the edge in view', async ({ page }) => {
    // Given a user and a bucket in two accounts
    const editor = await Editor.fresh(page);
    const a = await editor.addAccount('Account A');
    const b = await editor.addAccount('Account B');
    const user = await editor.add('iam-user', a);
    await editor.add('s3-bucket', b);
    await editor.select(user);

    // When the keyboard picks the bucket in "Connect to" and presses "Add edge"
    const select = editor.inspector.getByTestId('inspector.connect-target');
    await select.focus();
    const label = (await select.locator('option').allTextContents()).find((l) => l.startsWith('Access'));
    if (!label) throw new Error('no bucket to connect to');
    await select.selectOption({ label });
    await page.keyboard.press('Tab');
    await expect(editor.inspector.getByTestId('inspector.connect')).toBeFocused();
    await page.keyboard.press('Enter');

    // Then the new edge is selected, its heading has focus (not the page body), and the edge is in view
    const edge = await editor.selectedId();
    expect(edge).toMatch(/^access/);
    await expect(editor.inspector.getByTestId('inspector.title')).toHaveText('Access edge');
    await expect(editor.inspector.getByTestId('inspector.title')).toBeFocused();
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
    await expect(editor.label(edge)).toBeInViewport();

    // And Tab goes on into the edge's own fields
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[aria-label="Inspector"]') !== null)).toBe(true);
  });

  test('The notice after opening a lesson goes by itself (held while hovered), or at the first press on the canvas; errors stay', async ({ page }) => {
    await page.clock.install();
    const editor = await Editor.fresh(page);
    // Given some work of the user's own, so opening a lesson keeps it and offers the way back
    await editor.addAccount('Mine');
    const toast = page.getByTestId('share-toast');
    const openLesson = async (): Promise<void> => {
      await page.getByTestId('toolbar.lessons').click();
      await page.getByTestId('lesson-card.copy-both-ways').click();
      await expect(toast).toContainText('Opened the lesson');
    };
    await openLesson();
    await expect(toast.getByRole('button', { name: 'Back to my previous work' })).toBeVisible();

    // Then it stays while it is read (longer than a plain notice), and goes after 15 s
    await page.clock.fastForward(14_000);
    await expect(toast).toBeVisible();
    await page.clock.fastForward(2_000);
    await expect(toast).toHaveCount(0);

    // And the way back is still in Saved scenarios
    await page.getByTestId('toolbar.library').click();
    await expect(page.getByRole('button', { name: /^Open Unsaved work before opening/ })).toBeVisible();
    await page.keyboard.press('Escape');

    // When the pointer rests on the notice, it stays; when it leaves, the time starts again
    await openLesson();
    await toast.hover();
    await page.clock.fastForward(30_000);
    await expect(toast).toBeVisible();
    await page.mouse.move(5, 300);
    await page.clock.fastForward(16_000);
    await expect(toast).toHaveCount(0);

    // When the user presses on the canvas, the notice makes way at once
    await openLesson();
    const box = await editor.canvas.boundingBox();
    if (!box) throw new Error('canvas not visible');
    await page.mouse.click(box.x + box.width - 60, box.y + box.height - 120);
    await expect(toast).toHaveCount(0);

    // And the notice is drawn inside the canvas area, not over the palette or the inspector
    await openLesson();
    const area = await page.getByRole('main', { name: 'Scenario canvas' }).boundingBox();
    const drawn = await toast.boundingBox();
    if (!area || !drawn) throw new Error('not visible');
    expect(drawn.x).toBeGreaterThanOrEqual(area.x);
    expect(drawn.x + drawn.width).toBeLessThanOrEqual(area.x + area.width);

  });

  test('An error notice stays until it is dismissed, whatever the time or a press on the canvas', async ({ page }) => {
    await page.clock.install();
    const editor = await Editor.fresh(page);
    // Given an export asked of an empty canvas
    await page.getByTestId('toolbar.file').click();
    await page.getByTestId('file.export-png').click();
    const toast = page.getByTestId('share-toast');
    await expect(toast).toContainText('There is nothing to export yet');
    // When time passes and the user presses on the canvas, it stays
    await page.clock.fastForward(60_000);
    const box = await editor.canvas.boundingBox();
    if (!box) throw new Error('canvas not visible');
    await page.mouse.click(box.x + box.width - 60, box.y + box.height - 120);
    await expect(toast).toBeVisible();
    // Until it is dismissed
    await toast.getByTestId('share-toast-dismiss').click();
    await expect(toast).toHaveCount(0);
  });

  test('File ▾ opens the example even when the canvas is not empty, keeping the work that was there', async ({ page }) => {
    // Given some work of the user's own
    const editor = await Editor.fresh(page);
    await editor.addAccount('Mine');
    const mine = page.locator('.react-flow__node-account', { hasText: 'Mine' });

    // When the example is opened from the File menu
    await page.getByTestId('toolbar.file').click();
    await page.getByRole('menuitem', { name: /Open the example/ }).click();

    // Then the example is drawn, and the user is told where the previous work was kept
    await expect(editor.node('alice')).toBeVisible();
    await expect(mine).toHaveCount(0);
    const toast = page.getByTestId('share-toast');
    await expect(toast).toContainText('Opened the example');
    await expect(toast).toContainText('Your previous work was kept there');

    // And the way back brings it back
    await toast.getByRole('button', { name: 'Back to my previous work' }).click();
    await expect(mine).toBeVisible();
    await expect(editor.node('alice')).toHaveCount(0);
  });

  test('Policy problems are listed under the editor with line and column, each taking the cursor there', async ({ page }) => {
    // Given the example, with alice's identity policy open
    const editor = await Editor.fresh(page);
    await page.getByTestId('empty.example').click();
    await editor.select('alice');
    const policy = editor.policyEditor('alice', 'identity', 'ExportResults');
    await expect(policy).toBeVisible();
    await expect(editor.inspector.getByRole('button', { name: 'Add an identity policy from a template' })).toHaveCount(0);
    await expect(editor.inspector.getByRole('combobox', { name: 'Add an identity policy from a template' })).toBeVisible();

    // When a comma goes missing on line 3
    await editor.pastePolicy(policy, '{\n  "Version": "2012-10-17"\n  "Statement": []\n}');

    // Then the status says it is not applied, and the list names the error and where it is
    const box = page.getByTestId('policy.alice.identity.ExportResults');
    await expect(box.getByRole('status')).toContainText('Not applied: fix 1 error');
    const list = box.getByRole('list', { name: /Problems in ExportResults/ });
    const item = list.getByRole('button', { name: /^Error at line 3, column 3: A comma is expected/ });
    await expect(item).toBeVisible();
    await expect(item).toContainText('3:3');

    // When the error is chosen, the cursor is there, in the editor
    await item.click();
    await expect(policy).toBeFocused();
    const cursor = await page.evaluate(() => {
      const sel = window.getSelection();
      return sel?.anchorNode?.parentElement?.closest('.cm-line')?.textContent ?? '';
    });
    expect(cursor).toContain('"Statement"');

    // When an action is misspelled on line 6
    await editor.pastePolicy(policy, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObjects', Resource: '*' }] });

    // Then the policy applies with a warning at that line that suggests the right name
    await expect(box.getByRole('status')).toHaveText('Applied, with 1 warning.');
    const warning = list.getByRole('button', { name: /^Warning at line 6, column 17: s3:PutObjects is not an S3 action — did you mean s3:PutObject\?/ });
    await expect(warning).toBeVisible();
    await warning.click();
    const warnedLine = await page.evaluate(() => window.getSelection()?.anchorNode?.parentElement?.closest('.cm-line')?.textContent ?? '');
    expect(warnedLine).toContain('"Action": "s3:PutObjects"');

    // When it is fixed, the list goes and the policy is applied
    await editor.pastePolicy(policy, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }] });
    await expect(box.getByRole('status')).toHaveText('Applied.');
    await expect(list).toHaveCount(0);
  });

  test('Small things: the path field only where a path means something, every action in an edge label\'s name, a misspelled action warned with its fix, no stale notice after a lesson', async ({ page }) => {
    // Given a user with edges to a bucket and to a queue
    const editor = await Editor.fresh(page);
    const a = await editor.addAccount('Account A');
    const user = await editor.add('iam-user', a);
    const bucket = await editor.add('s3-bucket', a);
    const queue = await editor.add('sqs-queue', a);
    const toQueue = await editor.connect(user, queue);

    // Then a queue edge has no path field (a queue has no sub-resource)
    await expect(editor.inspector.getByLabel(/Object key|Stage\/METHOD|Resource path/)).toHaveCount(0);

    // And a bucket edge offers the object key
    await editor.connect(user, bucket);
    await expect(editor.inspector.getByLabel('Object key (for S3 object actions)')).toBeVisible();

    // When the queue edge has two actions, its label's name reads each with its decision
    await editor.openEdge(toQueue);
    await editor.typeAction('sqs:ReceiveMessage');
    await editor.settled();
    const name = await editor.label(toQueue).getAttribute('aria-label');
    expect(name).toMatch(/sqs:SendMessage (allowed|implicitly denied|explicitly denied)/);
    expect(name).toMatch(/sqs:ReceiveMessage (allowed|implicitly denied|explicitly denied)/);

    // When a misspelled action is typed, the inspector warns and offers the closest action, which replaces it
    await editor.typeAction('sqs:DeleteMesage');
    const warnings = editor.inspector.getByRole('list', { name: 'Action warnings' });
    await expect(warnings).toContainText('sqs:DeleteMesage is not an SQS action — did you mean sqs:DeleteMessage?');
    await editor.inspector.getByRole('button', { name: 'Use sqs:DeleteMessage instead of sqs:DeleteMesage' }).click();
    await expect(editor.inspector.getByTestId('action.sqs:DeleteMessage')).toBeVisible();
    await expect(editor.inspector.getByTestId('action.sqs:DeleteMesage')).toHaveCount(0);
    await expect(warnings).toHaveCount(0);

    // When a lesson replaces the scenario, the status line does not speak of the old edge (it went at the
    // next step already: e2e/editing-polish.spec.ts)
    await page.getByTestId('toolbar.lessons').click();
    await page.getByTestId('lesson-card.copy-both-ways').click();
    await expect(page.getByTestId('share-toast')).toContainText('Opened the lesson');
    await expect(editor.notice).toHaveCount(0);
  });
});
