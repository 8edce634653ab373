import { expect, test } from '@playwright/test';
import { Editor } from './support/editor';

test.describe('the habits of a real editor', () => {
  test('A first-time user sees what to do, adds an account from the empty state, and drops items from the palette', async ({ page }) => {
    const editor = await Editor.fresh(page);
    await expect(page.getByTestId('empty-state')).toContainText('Draw who can reach what');
    await page.getByTestId('empty.add-account').click();
    await expect(page.getByTestId('empty-state')).toHaveCount(0);
    const a = await editor.selectedId();

    // Drag an S3 bucket from the palette into the account
    const box = await editor.node(a).boundingBox();
    if (!box) throw new Error('account not visible');
    await page.getByTestId('palette.s3-bucket').dragTo(editor.canvas, { targetPosition: { x: box.x - (await editor.canvas.boundingBox())!.x + box.width / 2, y: box.y - (await editor.canvas.boundingBox())!.y + box.height / 2 } });
    const bucket = await editor.selectedId();
    await expect(editor.node(bucket)).toHaveAttribute('data-id', /s3-/);
    await expect(editor.inspector.getByTestId('inspector.account')).toHaveValue(a);

    // Drag another account onto empty canvas
    await page.getByTestId('palette.account').dragTo(editor.canvas, { targetPosition: { x: 60, y: 420 } });
    await expect(page.locator('.react-flow__node-account')).toHaveCount(2);
  });

  test('Dragging a user into another account moves it there and its ARN follows; snap keeps positions on the grid', async ({ page }) => {
    const editor = await Editor.fresh(page);
    const a = await editor.addAccount('Account A');
    const b = await editor.addAccount('Account B');
    const user = await editor.add('iam-user', a);
    await expect(editor.inspector.getByTestId('arn')).toHaveText('arn:aws:iam::111111111111:user/alice');
    const saved = () => page.evaluate(() => JSON.parse(localStorage.getItem('crossaccount:autosave') ?? '{}'));
    const drag = async (dx: number, dy: number, to?: { x: number; y: number }) => {
      await editor.viewSettled();
      const from = await editor.node(user).boundingBox();
      if (!from) throw new Error('user not visible');
      const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
      await page.mouse.move(start.x, start.y);
      await page.mouse.down();
      await page.mouse.move((to?.x ?? start.x) + dx, (to?.y ?? start.y) + dy, { steps: 15 });
      await page.mouse.up();
    };

    // A small drag off the grid lands on the 8-pixel grid
    // (autosave is debounced: wait for the user to be saved first)
    await expect.poll(async () => (await saved()).layout?.nodes?.[user]).toBeDefined();
    const before = (await saved()).layout.nodes[user];
    await drag(37, 13);
    await expect.poll(async () => (await saved()).layout.nodes[user].x).not.toBe(before.x);
    const after = (await saved()).layout.nodes[user];
    expect([after.x % 8, after.y % 8]).toEqual([0, 0]);

    // Dropped into account B, the user belongs to B
    const target = await editor.node(b).boundingBox();
    if (!target) throw new Error('account B not visible');
    await drag(0, 20, { x: target.x + target.width / 2, y: target.y + target.height / 2 });
    await editor.select(user);
    await expect(editor.inspector.getByTestId('arn')).toHaveText('arn:aws:iam::222222222222:user/alice');
    await expect(editor.inspector.getByTestId('inspector.account')).toHaveValue(b);
    await expect.poll(async () => (await saved()).principals[0].accountId).toBe(b);
    await expect(editor.node(user)).toBeVisible();
  });

  test('Keyboard shortcuts: duplicate, select all, escape, delete, undo and redo; shift-click multi-select', async ({ page }) => {
    const editor = await Editor.fresh(page);
    const a = await editor.addAccount('Account A');
    const user = await editor.add('iam-user', a);

    // Ctrl+D duplicates the selected user
    await editor.node(user).click();
    await page.keyboard.press('ControlOrMeta+d');
    await expect(page.locator('.react-flow__node-principal')).toHaveCount(2);
    const copy = await editor.selectedId();
    expect(copy).not.toBe(user);

    // Shift-click adds to the selection
    // (the copy sits slightly below and right of the original: click the original's top-left corner)
    await editor.node(user).click({ modifiers: ['Shift'], position: { x: 8, y: 8 } });
    await expect(editor.inspector.getByTestId('inspector.title')).toHaveText('2 selected');

    // Escape clears it; Ctrl+A selects everything
    await page.keyboard.press('Escape');
    await expect(editor.inspector.getByTestId('inspector.title')).toHaveText('Inspector');
    await editor.canvas.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('ControlOrMeta+a');
    await expect(editor.inspector.getByTestId('inspector.title')).toHaveText('3 selected');

    // Delete removes the selected copy; undo brings it back, redo removes it again
    await page.keyboard.press('Escape');
    await editor.node(copy).click();
    await page.keyboard.press('Delete');
    await expect(editor.node(copy)).toHaveCount(0);
    await page.keyboard.press('ControlOrMeta+z');
    await expect(editor.node(copy)).toHaveCount(1);
    await page.keyboard.press('ControlOrMeta+Shift+z');
    await expect(editor.node(copy)).toHaveCount(0);
  });

  test('Zoom controls, fit view, the minimap toggle and auto-layout', async ({ page }) => {
    const editor = await Editor.fresh(page);
    await page.getByTestId('empty.example').click();
    await editor.settled();
    // The opening notice is a panel the opening fit keeps the diagram clear of; it goes at the first press
    // on the canvas (the zoom button below), so the view to come back to is the fit without it.
    await page.getByTestId('share-toast-dismiss').click();
    await page.getByTestId('toolbar.fit').click();
    await editor.viewSettled();
    const viewport = page.locator('.react-flow__viewport');
    const before = await viewport.getAttribute('style');
    await page.getByRole('button', { name: 'Zoom In' }).click();
    await expect.poll(() => viewport.getAttribute('style')).not.toBe(before);
    await page.getByTestId('toolbar.fit').click();
    await expect.poll(() => viewport.getAttribute('style')).toBe(before);

    await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
    await page.getByRole('button', { name: 'Show the minimap' }).click();
    await expect(page.locator('.react-flow__minimap')).toBeVisible();
    await expect(page.locator('.react-flow__minimap-node')).not.toHaveCount(0);

    await editor.autoLayout();
    // The layout is fitted with an animation: boxes read while the zoom moves would not compare.
    await editor.viewSettled();
    // Every principal and resource is still inside its account.
    for (const [child, parent] of [['alice', '111111111111'], ['bucket', '222222222222'], ['export-role', '222222222222']] as const) {
      const c = await editor.node(child).boundingBox();
      const p = await editor.node(parent).boundingBox();
      if (!c || !p) throw new Error('not visible');
      expect(c.x).toBeGreaterThanOrEqual(p.x);
      expect(c.y).toBeGreaterThanOrEqual(p.y);
      expect(c.x + c.width).toBeLessThanOrEqual(p.x + p.width + 1);
      expect(c.y + c.height).toBeLessThanOrEqual(p.y + p.height + 1);
    }
    await editor.screenshot('example-auto-layout');
  });

  test('Dark mode follows the system', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const editor = await Editor.fresh(page);
    await page.getByTestId('empty.example').click();
    await editor.openEdge('alice-put');
    await expect(page.locator('.react-flow')).toHaveClass(/dark/);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toMatch(/^oklch\(0\.1\d/); // Tailwind's slate-950: a very dark background
    await editor.screenshot('example-dark');
  });
});
