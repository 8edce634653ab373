import { expect, type Locator, type Page } from '@playwright/test';

/**
 * A page object for the canvas editor, so specs read like the user's story: add accounts, put a user in
 * one, draw an edge, pick a template, and watch the decision. Everything is found by role, label,
 * `data-testid` or React Flow's `data-id`; every wait is on state (never a fixed sleep).
 */

export type Decision = 'allowed' | 'explicit-deny' | 'implicit-deny' | 'mixed' | 'invalid';

export type PaletteEntry =
  | 'account'
  | 'organization'
  | 'iam-user'
  | 'iam-role'
  | 'account-root'
  | 'service'
  | 's3-bucket'
  | 'sqs-queue'
  | 'sns-topic'
  | 'lambda-function'
  | 'apigateway-rest-api'
  | 'events-bus'
  | 'dynamodb-table'
  | 'kms-key'
  | 'rule';

export class Editor {
  constructor(readonly page: Page) {}

  /** Opens the app with nothing saved: a first-time user. */
  static async fresh(page: Page): Promise<Editor> {
    const editor = new Editor(page);
    await page.goto('/');
    await expect(editor.canvas).toBeVisible();
    return editor;
  }

  get canvas(): Locator {
    return this.page.getByTestId('canvas');
  }
  get inspector(): Locator {
    return this.page.getByRole('complementary', { name: 'Inspector' });
  }
  get notice(): Locator {
    return this.page.getByTestId('notice');
  }

  node(id: string): Locator {
    return this.page.locator(`.react-flow__node[data-id="${id}"]`);
  }
  edge(id: string): Locator {
    return this.page.locator(`.react-flow__edge[data-id="${id}"]`);
  }
  label(id: string): Locator {
    return this.page.getByTestId(`edge-label.${id}`);
  }

  /** Waits until the engine has decided the current scenario. */
  async settled(): Promise<void> {
    await expect(this.canvas).toHaveAttribute('data-evaluating', 'false');
  }

  /** Waits until the view stops moving (fit-view and centring animations), so positions can be read. */
  async viewSettled(): Promise<void> {
    await this.page.waitForFunction(
      () =>
        new Promise<boolean>((resolve) => {
          const read = () => document.querySelector('.react-flow__viewport')?.getAttribute('style') ?? '';
          const first = read();
          // Longer than the app's view animations (200–250 ms), so one starting meanwhile is seen.
          setTimeout(() => resolve(read() === first), 350);
        }),
    );
  }

  /** The id of the single selected node or edge. */
  async selectedId(): Promise<string> {
    const selected = this.page.locator('.react-flow__node.selected, .react-flow__edge.selected');
    await expect(selected).toHaveCount(1);
    const id = await selected.getAttribute('data-id');
    if (!id) throw new Error('The selected element has no data-id');
    return id;
  }

  /** Clicks a palette entry; the new node is selected, and its id returned once it is drawn and in view. */
  async add(entry: PaletteEntry, into?: string): Promise<string> {
    if (into) await this.select(into);
    await this.page.getByTestId(`palette.${entry}`).click();
    const id = await this.selectedId();
    await expect(this.node(id)).toBeVisible();
    await this.viewSettled();
    return id;
  }

  /** Adds an account and names it. */
  async addAccount(name: string): Promise<string> {
    const id = await this.add('account');
    await this.rename(name);
    return id;
  }

  /** Selects a node by clicking its card (an account by its header). */
  async select(id: string): Promise<void> {
    const node = this.node(id);
    const header = node.locator('.account-drag-handle');
    const target = ((await header.count()) > 0 ? header : node).first();
    // On a loaded machine a view animation can still start under the pointer (the palette brings new nodes
    // into view); d3 then reads the click as a tiny drag. Wait for a still view, and click again if so.
    await expect(async () => {
      await this.viewSettled();
      await target.click();
      await expect(node).toHaveClass(/selected/, { timeout: 1500 });
    }).toPass({ timeout: 15_000 });
  }

  /** Types a new name in the inspector's first field and commits it with Enter. */
  async rename(name: string): Promise<void> {
    const field = this.inspector.getByTestId('inspector.name');
    await field.fill(name);
    await field.press('Enter');
    await expect(field).toHaveValue(name);
  }

  /** Drags from a node's right-hand handle to another node's left-hand handle; returns the new edge's id. */
  async connect(from: string, to: string): Promise<string> {
    await this.viewSettled();
    const before = new Set(await this.page.locator('.react-flow__edge').evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))));
    const source = this.node(from).locator('.react-flow__handle.source');
    const target = this.node(to).locator('.react-flow__handle.target');
    const a = await source.boundingBox();
    const b = await target.boundingBox();
    if (!a || !b) throw new Error(`Cannot see the handles of ${from} and ${to}`);
    await this.dragBetween(a, b);
    const created = this.page.locator('.react-flow__edge.selected');
    await expect(created).toHaveCount(1);
    const id = await created.getAttribute('data-id');
    if (!id || before.has(id)) {
      await this.page.screenshot({ path: 'test-results/connect-failed.png' });
      throw new Error(`Dragging from ${from} to ${to} drew no new edge`);
    }
    return id;
  }

  /**
   * Drags from a node's right-hand handle and releases over the middle of another node's card (where a new
   * user drops it, not on its small dot); returns the new edge's id.
   */
  async connectByDroppingOnCard(from: string, to: string): Promise<string> {
    await this.viewSettled();
    const before = new Set(await this.page.locator('.react-flow__edge').evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))));
    await this.dragLineTo(from, to);
    const created = this.page.locator('.react-flow__edge.selected');
    await expect(created).toHaveCount(1);
    const id = await created.getAttribute('data-id');
    if (!id || before.has(id)) throw new Error(`Dropping the line from ${from} on ${to}'s card drew no new edge`);
    return id;
  }

  /** Drags a line from a node's right-hand handle and releases it over the centre of `to`'s card, or at a point of the page. */
  /** A connection drag from the middle of box `a` to the middle of box `b`, as a hand would: off the handle first, then across. */
  private async dragBetween(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): Promise<void> {
    const mouse = this.page.mouse;
    await mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await mouse.down();
    await mouse.move(a.x + a.width / 2 + 30, a.y + a.height / 2 + 10, { steps: 4 });
    await mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await mouse.up();
  }

  async dragLineTo(from: string, to: string | { x: number; y: number }): Promise<void> {
    const a = await this.node(from).locator('.react-flow__handle.source').boundingBox();
    const b = typeof to === 'string' ? await this.node(to).boundingBox() : { ...to, width: 0, height: 0 };
    if (!a || !b) throw new Error(`Cannot see ${from}'s handle or where to drop the line`);
    await this.dragBetween(a, b);
  }

  /** Connects through the inspector's "Connect to" list: the keyboard's way to draw an edge. */
  async connectFromInspector(from: string, targetLabel: RegExp | string): Promise<string> {
    await this.select(from);
    await this.inspector.getByTestId('inspector.connect-target').selectOption({ label: typeof targetLabel === 'string' ? targetLabel : (await this.optionLabel(targetLabel)) });
    await this.inspector.getByTestId('inspector.connect').click();
    return this.selectedId();
  }

  private async optionLabel(pattern: RegExp): Promise<string> {
    const labels = await this.inspector.getByTestId('inspector.connect-target').locator('option').allTextContents();
    const hit = labels.find((l) => pattern.test(l));
    if (!hit) throw new Error(`No option matches ${pattern}: ${labels.join(' | ')}`);
    return hit;
  }

  /** Opens an edge in the inspector by clicking its label, as a user would. */
  async openEdge(id: string): Promise<void> {
    await this.label(id).click();
    await expect(this.edge(id)).toHaveClass(/selected/);
  }

  /** Adds an action to the selected access edge by clicking its "+ action" chip. */
  async addAction(action: string): Promise<void> {
    await this.inspector.getByRole('button', { name: `Add action ${action}` }).click();
    await expect(this.inspector.getByTestId(`action.${action}`)).toBeVisible();
  }
  async removeAction(action: string): Promise<void> {
    await this.inspector.getByRole('button', { name: `Remove ${action}` }).click();
    await expect(this.inspector.getByTestId(`action.${action}`)).toHaveCount(0);
  }
  /** Types an action into "Add any action". */
  async typeAction(action: string): Promise<void> {
    const field = this.inspector.getByTestId('inspector.add-action');
    await field.fill(action);
    await field.press('Enter');
  }

  /** On the selected rule, types the stage/METHOD/path an API Gateway target invokes and commits it with Enter. */
  async setTargetPath(targetId: string, path: string): Promise<void> {
    const field = this.inspector.getByTestId(`inspector.target-path.${targetId}`);
    await field.fill(path);
    await field.press('Enter');
  }

  /** Picks a policy template from one of the inspector's template menus (identity, resource, trust, ...). */
  async useTemplate(kind: 'identity' | 'resource' | 'key' | 'trust' | 'boundary' | 'session' | 'scp' | 'rcp', label: string): Promise<void> {
    await this.inspector.getByTestId(`template.${kind}`).selectOption({ label });
  }

  /** The CodeMirror editor of a policy (`policy-editor.OWNER:KIND:NAME`), once it has loaded. */
  policyEditor(ownerId: string, kind: string, name: string): Locator {
    return this.page.getByTestId(`policy-editor.${ownerId}:${kind}:${name}`).locator('.cm-content');
  }

  /** Replaces a policy's text as a paste would, and waits for it to be applied. */
  async pastePolicy(editor: Locator, json: unknown): Promise<void> {
    await editor.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.insertText(typeof json === 'string' ? json : JSON.stringify(json, null, 2));
  }

  /** Asserts an edge's decision once the engine has settled. */
  async expectDecision(edgeId: string, decision: Decision): Promise<void> {
    await this.settled();
    await expect(this.edge(edgeId)).toHaveAttribute('data-decision', decision);
    await expect(this.label(edgeId)).toHaveAttribute('data-decision', decision);
  }

  /** Asserts one action's mark on an edge label. */
  async expectActionDecision(edgeId: string, action: string, decision: 'allowed' | 'explicit-deny' | 'implicit-deny'): Promise<void> {
    await this.settled();
    await expect(this.label(edgeId).locator(`[data-action="${action}"]`)).toHaveAttribute('data-decision', decision);
  }

  /** Runs auto-layout and waits for the new positions. */
  async autoLayout(): Promise<void> {
    await this.page.getByTestId('toolbar.layout').click();
    await expect(this.notice).toContainText('Laid out automatically');
  }

  async undo(): Promise<void> {
    await this.page.getByTestId('toolbar.undo').click();
  }
  async redo(): Promise<void> {
    await this.page.getByTestId('toolbar.redo').click();
  }

  /** Reloads the page; the autosaved scenario must come back. */
  async reload(): Promise<void> {
    // Autosave is debounced; wait until the stored scenario matches what is on screen.
    await this.page.waitForFunction(() => {
      const raw = localStorage.getItem('crossaccount:autosave');
      return raw !== null && raw.length > 0;
    });
    await this.page.reload();
    await expect(this.canvas).toBeVisible();
    await this.settled();
  }

  /** Fits the view and saves a screenshot under e2e/screenshots/. */
  async screenshot(name: string): Promise<void> {
    await this.page.getByTestId('toolbar.fit').click();
    await this.settled();
    await this.viewSettled();
    await this.page.screenshot({ path: `e2e/screenshots/${name}.png` });
  }
}
