import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { seedCrossAccount } from '../src/model/fixtures/seedCrossAccount';
import type { Edge, Scenario } from '../src/model';
import { openLesson } from './shareHelpers';

/**
 * Journeys: play each kind, drive it with Step forward (no fixed waits), and check the token's badge, the
 * gates' states and where a denied journey stops. Screenshots of the key frames go to e2e/screenshots/.
 */

const roleWrite: Edge = { kind: 'access', id: 'role-put', from: 'export-role', to: 'bucket', actions: ['s3:PutObject'], resourcePath: 'reports/out.csv' };

function seedWith(change: (s: Scenario) => Scenario): Scenario {
  return change(structuredClone(seedCrossAccount));
}

const withRoleWrite = seedWith((s) => ({ ...s, edges: [...s.edges, roleWrite] }));

const untrusted = seedWith((s) => ({
  ...s,
  principals: s.principals.map((p) =>
    p.type === 'iam-role' && p.id === 'export-role' ? { ...p, trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333333333333:root' }, Action: 'sts:AssumeRole' }] } } : p,
  ),
}));

/** Account B drawn to the left of account A: alice's edges into B run right to left. */
const bOnTheLeft = seedWith((s) => ({
  ...s,
  edges: [...s.edges, roleWrite],
  layout: { nodes: { ...s.layout.nodes, '222222222222': { x: -520, y: 360, width: 340, height: 260 } } },
}));

/** A bucket policy that refuses the session alice names when she assumes ExportRole. */
const refusesAliceSession = seedWith((s) => ({
  ...s,
  edges: [...s.edges, roleWrite],
  resources: s.resources.map((r) =>
    r.id === 'bucket' && r.policy
      ? {
          ...r,
          policy: {
            ...r.policy,
            Statement: [
              ...(r.policy.Statement as Record<string, unknown>[]),
              { Sid: 'NotThisSession', Effect: 'Deny', Principal: { AWS: 'arn:aws:sts::222222222222:assumed-role/ExportRole/alice' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::bucket-b/*' },
            ],
          },
        }
      : r,
  ),
}));

const roleTarget = seedWith((s) => ({
  ...s,
  resources: [...s.resources, { id: 'stream', type: 'kinesis-stream', accountId: '111111111111', region: 'us-east-1', name: 'exports' }],
  layout: { nodes: { ...s.layout.nodes, stream: { x: 340, y: 360 } } },
  rules: s.rules.map((r) => ({ ...r, targets: [...r.targets, { id: 'rule-stream', resourceId: 'stream', roleId: 'events-role' }] })),
  principals: s.principals.map((p) =>
    p.type === 'iam-role' && p.id === 'events-role' ? { ...p, policies: [{ name: 'PutRecords', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kinesis:PutRecord', Resource: '*' }] } }] } : p,
  ),
}));

async function open(page: Page, scenario: Scenario): Promise<void> {
  // The app restores its autosave through parseScenario, the one door for stored scenarios.
  await page.addInitScript({ content: `localStorage.setItem('crossaccount:autosave', ${JSON.stringify(JSON.stringify(scenario))});` });
  await page.goto('/');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
}

/** Picks the edge, presses Play, then pauses and rewinds to the first step so the test drives it. */
async function pickAndRewind(page: Page, edgeId: string): Promise<void> {
  await page.getByTestId(`edge-label.${edgeId}`).click();
  await page.getByTestId('journey.start').click();
  const play = page.getByTestId('journey.play');
  await expect(play).toBeVisible();
  if ((await page.getByTestId('journey.progress').getAttribute('data-status')) === 'playing') await play.click();
  const back = page.getByTestId('journey.back');
  while (await back.isEnabled()) await back.click();
  await expect(page.getByTestId('journey.progress')).toHaveText(/^Step 1 of \d+/);
}

/** Steps forward until the current step is of `kind`; returns its 1-based number. */
async function stepUntil(page: Page, kind: string): Promise<number> {
  const progress = page.getByTestId('journey.progress');
  for (let n = 1; n < 40; n++) {
    await expect(progress).toHaveText(new RegExp(`^Step ${n} of`));
    if ((await page.getByTestId('journey.narration').getAttribute('data-step-kind')) === kind) return n;
    await page.getByTestId('journey.forward').click();
  }
  throw new Error(`no ${kind} step`);
}

async function stepToEnd(page: Page): Promise<void> {
  const forward = page.getByTestId('journey.forward');
  while (await forward.isEnabled()) await forward.click();
  await expect(page.getByTestId('journey.progress')).toHaveAttribute('data-status', 'finished');
}

test('Given the seed, when alice writes to bucket-b through the bucket policy, then the token stays alice and the bucket policy statement admits her', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  await open(page, seedCrossAccount);
  await pickAndRewind(page, 'alice-put');
  const badge = page.getByTestId('journey.badge');
  await expect(badge).toHaveText(/alice @ 111111111111/);
  await expect(page.getByTestId('journey.gate.0.resource')).toHaveAttribute('data-gate-state', 'pending');

  await stepUntil(page, 'gate');
  await page.getByTestId('journey.forward').click();
  // The second gate is the bucket policy: passed, with its admitting statement in play.
  await expect(page.getByTestId('journey.gate.0.resource')).toHaveAttribute('data-gate-state', 'passed');
  await expect(page.getByTestId('journey.statement')).toContainText('AliceWrites');
  await expect(page.getByTestId('journey.statement')).toContainText('"Principal"');
  await expect(badge).toHaveText(/alice @ 111111111111/);
  // The explanation panel shows the same request with the stage in play marked.
  await expect(page.getByTestId('explanation').locator('[data-in-play="true"]')).toHaveAttribute('data-stage', 'resource');
  await page.screenshot({ path: 'e2e/screenshots/journey-resource-policy-gate.png' });

  await stepToEnd(page);
  await expect(badge).toHaveText(/alice @ 111111111111/);
  await expect(page.getByTestId('journey.badge.previous')).toHaveCount(0);
  for (const stage of ['scp', 'resource', 'identity']) await expect(page.getByTestId(`journey.gate.0.${stage}`)).toHaveAttribute('data-gate-state', 'passed');
  await expect(page.getByTestId('journey.result')).toContainText('Allowed: both accounts agree');
  expect(problems).toEqual([]);
});

test('Given alice reaches the bucket through ExportRole, when the journey reaches the role, then her badge gives way to the session and her policies are given up', async ({ page }) => {
  await open(page, withRoleWrite);
  await pickAndRewind(page, 'role-put');
  await expect(page.getByTestId('journey.title').or(page.getByTestId('journey.route'))).toBeVisible();
  const badge = page.getByTestId('journey.badge');
  await expect(badge).toHaveText(/alice @ 111111111111/);
  await expect(page.getByTestId('journey.acting')).toHaveText(/alice @ 111111111111/);

  await stepUntil(page, 'swap');
  await expect(badge).toHaveText(/ExportRole\/alice @ 222222222222/);
  await expect(badge).toHaveAttribute('data-actor-kind', 'session');
  await expect(page.getByTestId('journey.badge.previous')).toHaveText(/alice @ 111111111111/);
  await expect(page.getByTestId('journey.given-up')).toHaveText('ExportResults');
  await expect(page.getByTestId('journey.taken-on')).toHaveText('WriteBucket');
  // What alice could do on her own, decided again by the engine as the session: the scan is lost.
  await expect(page.getByTestId('journey.reach').locator('[data-lost="true"]')).toContainText('dynamodb:Scan on results-source');
  await expect(page.getByTestId('journey.narration')).toContainText('alice @ 111111111111 becomes ExportRole/alice @ 222222222222');
  // The session carries the name the AssumeRole call chose (the engine's decision is the same under it).
  await expect(page.getByTestId('journey.narration')).toContainText('The session is named "alice", as the AssumeRole call asks.');
  await expect(page.getByTestId('journey.session-note')).toHaveCount(0);
  await page.screenshot({ path: 'e2e/screenshots/journey-assume-swap.png' });

  await stepToEnd(page);
  await expect(badge).toHaveText(/ExportRole\/alice @ 222222222222/);
  await expect(page.getByTestId('journey.gate.1.identity')).toHaveAttribute('data-gate-state', 'passed');
  await expect(page.getByTestId('journey.result')).toContainText('WriteBucket');
});

test('Given a bucket policy that refuses the session named "alice", when the journey reaches the role, then the badge keeps the session the engine decided and the panel says what the name would change', async ({ page }) => {
  await open(page, refusesAliceSession);
  // The canvas decides the role's edge as the session "session": allowed.
  await expect(page.getByTestId('edge-label.role-put')).toHaveAttribute('data-decision', 'allowed');
  await pickAndRewind(page, 'role-put');
  await expect(page.getByTestId('journey.badge')).toHaveText(/alice @ 111111111111/);
  await stepUntil(page, 'swap');
  await expect(page.getByTestId('journey.badge')).toHaveText(/ExportRole\/session @ 222222222222/);
  await expect(page.getByTestId('journey.session-note')).toContainText('Shown as the session "ExportRole/session"');
  await expect(page.getByTestId('journey.session-note')).toContainText('Named "ExportRole/alice", as the AssumeRole call asks, this request would be denied explicitly.');
  await page.screenshot({ path: 'e2e/screenshots/journey-session-name-matters.png' });
  await stepToEnd(page);
  await expect(page.getByTestId('journey.badge')).toHaveText(/ExportRole\/session @ 222222222222/);
  await expect(page.getByTestId('journey.result').locator('[data-outcome]')).toHaveAttribute('data-outcome', 'allowed');
});

test('Given account B drawn left of account A, when a journey plays, then every hop along a drawn edge follows that edge as the canvas draws it', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await open(page, bOnTheLeft);
  await pickAndRewind(page, 'role-put');
  // alice's AssumeRole edge runs right to left here: at the swap the token is on the role's right-hand side.
  await stepUntil(page, 'swap');
  const role = await page.locator('.react-flow__node[data-id="export-role"]').evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
  const token = await page.getByTestId('journey.token').evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
  expect(Math.abs(token.x - (role.x + role.width))).toBeLessThan(2);
  expect(Math.abs(token.y - (role.y + role.height / 2))).toBeLessThan(2);
  await page.screenshot({ path: 'e2e/screenshots/journey-right-to-left.png' });

  const hops = page.getByTestId('journey.overlay').locator('path[data-edge-id]');
  await expect(hops).toHaveCount(2);
  for (const hop of await hops.all()) {
    const edgeId = (await hop.getAttribute('data-edge-id')) ?? '';
    const drawn = page.locator(`.react-flow__edge[data-id="${edgeId}"] path.react-flow__edge-path`);
    // Both ends of both paths, in screen pixels.
    const ends = (path: typeof hop) =>
      path.evaluate((el) => {
        const p = el as SVGPathElement;
        const m = p.getScreenCTM();
        const at = (d: number) => {
          const q = p.getPointAtLength(d);
          return m ? { x: q.x * m.a + q.y * m.c + m.e, y: q.x * m.b + q.y * m.d + m.f } : { x: q.x, y: q.y };
        };
        return [at(0), at(p.getTotalLength())];
      });
    const [a0, a1] = await ends(hop);
    const [b0, b1] = await ends(drawn);
    for (const [p, q] of [[a0, b0], [a1, b1]] as const) {
      expect(Math.abs((p?.x ?? 0) - (q?.x ?? 0))).toBeLessThan(1.5);
      expect(Math.abs((p?.y ?? 0) - (q?.y ?? 0))).toBeLessThan(1.5);
    }
  }
});

test('Given a journey on screen, when its edge is deleted and the deletion undone, then the journey says it cannot be played and then comes back, decided again', async ({ page }) => {
  await open(page, seedCrossAccount);
  await pickAndRewind(page, 'alice-put');
  await page.getByTestId('journey.forward').click();
  // The journey's own edge, selected again from its label (that keeps the journey open), is deleted.
  await page.getByTestId('edge-label.alice-put').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('edge-label.alice-put')).toHaveCount(0);
  await expect(page.getByTestId('journey.problem')).toContainText('The edge alice-put no longer exists.');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('journey.problem')).toHaveCount(0);
  await expect(page.getByTestId('journey.badge')).toHaveText(/alice @ 111111111111/);
  await stepToEnd(page);
  await expect(page.getByTestId('journey.result')).toContainText('Allowed');
});

test('Given a trust policy that does not name account A, when alice tries to assume the role, then the journey stops at the trust policy gate with the engine reason', async ({ page }) => {
  await open(page, untrusted);
  await pickAndRewind(page, 'alice-assume');
  await stepToEnd(page);
  const gate = page.getByTestId('journey.gate.0.resource');
  await expect(gate).toHaveAttribute('data-gate-state', 'denied');
  await expect(gate).toHaveAttribute('data-stop', 'true');
  await expect(gate).toContainText('Trust policy');
  // An implicit deny ends nothing: AWS still evaluates alice's identity policy, which allows the call.
  await expect(page.getByTestId('journey.gate.0.identity')).toHaveAttribute('data-gate-state', 'passed');
  await expect(page.getByTestId('journey.narration')).toHaveAttribute('data-step-kind', 'stop');
  await expect(page.getByTestId('journey.narration')).toContainText('Denied: the trust policy of ExportRole does not allow alice');
  // No swap: the caller never became the role.
  await expect(page.getByTestId('journey.badge')).toHaveText(/alice @ 111111111111/);
  await expect(page.getByTestId('journey.badge.previous')).toHaveCount(0);
  // Full motion: the stop gate pulses.
  expect(await gate.evaluate((el) => el.getAnimations().length)).toBeGreaterThan(0);
  await page.screenshot({ path: 'e2e/screenshots/journey-denied-trust.png' });
});

test('Given the seed rule, when its delivery plays, then events.amazonaws.com carries the rule ARN into the queue policy', async ({ page }) => {
  await open(page, seedCrossAccount);
  await pickAndRewind(page, 'rule-queue');
  const badge = page.getByTestId('journey.badge');
  await expect(badge).toContainText('events.amazonaws.com');
  await expect(badge).toHaveAttribute('data-actor-kind', 'service');
  await stepToEnd(page);
  await expect(badge).toContainText('aws:SourceArn = arn:aws:events:us-east-1:111111111111:rule/export-done');
  await expect(page.getByTestId('journey.gate.0.resource')).toHaveAttribute('data-gate-state', 'passed');
  await expect(page.getByTestId('journey.gate.0.resource')).toContainText('Queue policy');
  await page.screenshot({ path: 'e2e/screenshots/journey-eventbridge-resource-policy.png' });
});

test('Given a rule target that needs a role, when its delivery plays, then EventBridge assumes the rule role (the swap) and calls the target as the session', async ({ page }) => {
  await open(page, roleTarget);
  await pickAndRewind(page, 'rule-stream');
  const badge = page.getByTestId('journey.badge');
  await expect(badge).toContainText('events.amazonaws.com');
  await stepUntil(page, 'swap');
  await expect(badge).toHaveText(/EventsDelivery\/eventbridge-target @ 111111111111/);
  await expect(page.getByTestId('journey.badge.previous')).toContainText('events.amazonaws.com');
  await expect(page.getByTestId('journey.taken-on')).toHaveText('PutRecords');
  await page.screenshot({ path: 'e2e/screenshots/journey-eventbridge-role-swap.png' });
  await stepToEnd(page);
  await expect(page.getByTestId('journey.gate.1.identity')).toHaveAttribute('data-gate-state', 'passed');
  await expect(page.getByTestId('journey.result')).toContainText('kinesis:PutRecord');
});

test('Given a journey, when Play is pressed at 4×, then it plays to the end by itself; keyboard steps it back and forth', async ({ page }) => {
  await open(page, withRoleWrite);
  await pickAndRewind(page, 'role-put');
  await page.getByTestId('journey.speed').selectOption('4');
  await page.getByTestId('journey.play').click();
  await expect(page.getByTestId('journey.progress')).toHaveAttribute('data-status', 'playing');
  await expect(page.getByTestId('journey.progress')).toHaveAttribute('data-status', 'finished', { timeout: 30_000 });
  await expect(page.getByTestId('journey.badge')).toHaveText(/ExportRole\/alice @ 222222222222/);

  // Keyboard: the panel's controls have names, and arrows step.
  await page.getByRole('button', { name: 'Replay the journey' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('journey.progress')).toHaveAttribute('data-status', 'paused');
  const text = await page.getByTestId('journey.progress').textContent();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('journey.progress')).not.toHaveText(text ?? '');
  await expect(page.getByTestId('journey.progress')).toHaveAttribute('data-status', 'finished');
});

test.describe('reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('Given prefers-reduced-motion, when stepping through a denied journey, then nothing animates and the stop gate is emphasised statically', async ({ page }) => {
    await open(page, untrusted);
    await pickAndRewind(page, 'alice-assume');
    await expect(page.getByTestId('journey.overlay')).toHaveAttribute('data-motion', 'reduced');
    await page.getByTestId('journey.forward').click();
    await stepToEnd(page);
    const overlay = page.getByTestId('journey.overlay');
    expect(await overlay.evaluate((el) => el.getAnimations({ subtree: true }).length)).toBe(0);
    const gate = page.getByTestId('journey.gate.0.resource');
    await expect(gate).toHaveAttribute('data-stop', 'true');
    expect(await gate.evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).outlineStyle)).toBe('solid');
    await page.screenshot({ path: 'e2e/screenshots/journey-denied-reduced-motion.png' });
  });

  test('Given prefers-reduced-motion, when each step is drawn, then not even a momentary transition starts anywhere on the page', async ({ page }) => {
    await open(page, withRoleWrite);
    await pickAndRewind(page, 'role-put');
    // Read in the microtask right after React commits the step, before the browser draws a frame: what
    // a loaded machine shows a test that reads later. (A transition of 0.01 ms on every element used to
    // live exactly that long: one step started 14 to 33 of them in the overlay.)
    const running = (): Promise<string[]> =>
      page.evaluate(
        () =>
          new Promise<string[]>((resolve) => {
            const overlay = document.querySelector('[data-testid="journey.overlay"]');
            if (!overlay) return resolve(['no overlay']);
            const observer = new MutationObserver(() => {
              observer.disconnect();
              resolve(document.getAnimations().map((a) => `${a.constructor.name} ${(a as CSSTransition).transitionProperty ?? (a as CSSAnimation).animationName ?? ''}`));
            });
            observer.observe(overlay, { attributes: true, childList: true, subtree: true, characterData: true });
            document.querySelector<HTMLButtonElement>('[data-testid="journey.forward"]')?.click();
          }),
      );
    let steps = 0;
    while (await page.getByTestId('journey.forward').isEnabled()) {
      expect(await running()).toEqual([]);
      steps += 1;
    }
    expect(steps).toBeGreaterThan(3);
  });

  test('Given prefers-reduced-motion, when the swap is reached, then both badges show at once without motion; the setting is followed live', async ({ page }) => {
    await open(page, withRoleWrite);
    await pickAndRewind(page, 'role-put');
    await stepUntil(page, 'swap');
    await expect(page.getByTestId('journey.badge.previous')).toHaveText(/alice @ 111111111111/);
    await expect(page.getByTestId('journey.badge')).toHaveText(/ExportRole\/alice @ 222222222222/);
    expect(await page.getByTestId('journey.overlay').evaluate((el) => el.getAnimations({ subtree: true }).length)).toBe(0);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'e2e/screenshots/journey-assume-swap-reduced-dark.png' });
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await expect(page.getByTestId('journey.overlay')).toHaveAttribute('data-motion', 'full');
  });
});

for (const scheme of ['light', 'dark'] as const) {
  test(`No WCAG 2 A/AA violations (axe) with a journey at its swap and with the comparison open, ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await open(page, withRoleWrite);
    await pickAndRewind(page, 'role-put');
    await stepUntil(page, 'swap');
    const axe = () => new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const playing = await axe();
    expect(playing.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
    await page.getByTestId('journey.compare').click();
    await expect(page.getByTestId('compare.play')).toBeFocused();
    await page.getByTestId('compare.forward').click();
    const comparing = await axe();
    expect(comparing.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
  });
}

test('Given lesson 3, when CopyWriter scans the orders table in account A, then the label, the explanation and the journey all say neither account allows it', async ({ page }) => {
  await page.goto('/');
  await openLesson(page, 'copy-both-ways');
  const label = page.getByTestId('edge-label.writer-scan');
  await expect(label).toHaveAttribute('data-decision', 'implicit-deny');
  await expect(label).toContainText('neither account allows it');
  await label.click();
  const explanation = page.getByTestId('explanation');
  await expect(page.getByTestId('explanation.summary')).toContainText('Denied: neither account allows it');
  // Both accounts' evaluations are marked failing; the table without a policy is "no allow", not "does not apply".
  for (const side of ['principal', 'resource']) {
    await expect(explanation.locator(`[data-side="${side}"]`)).toHaveAttribute('data-failed', 'true');
    await expect(explanation.locator(`[data-side="${side}"]`)).toContainText('this evaluation fails');
  }
  await expect(explanation.locator('[data-stage="resource"]')).toHaveAttribute('data-outcome', 'no-allow');
  await expect(explanation.locator('[data-stage="explicit-deny"]')).toContainText('no Deny');
  await page.screenshot({ path: 'e2e/screenshots/journey-neither-account-explanation.png' });
  // The journey: the identity gate is evaluated too (not "not reached"), and the token stops there.
  await page.getByTestId('journey.start').click();
  const play = page.getByTestId('journey.play');
  await expect(play).toBeVisible();
  if ((await page.getByTestId('journey.progress').getAttribute('data-status')) === 'playing') await play.click();
  await stepToEnd(page);
  const last = await page.locator('[data-testid^="journey.gate."][data-testid$=".identity"]').last().getAttribute('data-testid');
  const request = last?.split('.')[2] ?? '0';
  const resourceGate = page.getByTestId(`journey.gate.${request}.resource`);
  const identityGate = page.getByTestId(`journey.gate.${request}.identity`);
  await expect(resourceGate).toHaveAttribute('data-gate-state', 'denied');
  await expect(identityGate).toHaveAttribute('data-gate-state', 'denied');
  await expect(identityGate).toHaveAttribute('data-stop', 'true');
  await expect(resourceGate).not.toHaveAttribute('data-stop', 'true');
  await expect(page.getByTestId('journey.narration')).toContainText('neither account allows it');
  await page.screenshot({ path: 'e2e/screenshots/journey-neither-account.png' });
});
