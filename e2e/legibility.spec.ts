/// <reference lib="dom" />
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { LESSONS } from '../src/lessons';
import { openLesson } from './shareHelpers';
import { countByKind, describe as describeProblems, measure, PROBLEM_KINDS, type Problem } from './support/legibility';

/**
 * Pictures people can read: the example and every lesson in the gallery, in a laptop window and on a
 * 1024×768 projector, at rest, at every step of every edge's journey, and in both panes of the compare
 * view, have nothing on top of anything, no text cut off or broken mid-word, no line through a card that
 * is not its end, and no text under 9 px (e2e/support/legibility.ts). Each test walks one scenario at one
 * size and measures each picture in the page; the report of every picture is written to
 * test-results/legibility/ so a failure can be read in full.
 */

const SIZES = [
  { name: '1440x900', width: 1440, height: 900 },
  { name: '1024x768', width: 1024, height: 768 },
] as const;

interface Picture {
  readonly where: string;
  readonly zoom: number;
  readonly problems: readonly Problem[];
}

const canvas = (page: Page): Locator => page.getByTestId('canvas');

/** Selects an edge by its label (also when far zoom hides the label) and plays its journey from step 1. */
async function startJourney(page: Page, edgeId: string): Promise<boolean> {
  await page.getByTestId(`edge-label.${edgeId}`).dispatchEvent('click');
  const start = page.getByTestId('journey.start');
  if (!(await start.isVisible())) return false;
  await start.click();
  const play = page.getByTestId('journey.play');
  await expect(play).toBeVisible();
  if ((await page.getByTestId('journey.progress').getAttribute('data-status')) === 'playing') await play.click();
  const back = page.getByTestId('journey.back');
  while (await back.isEnabled()) await back.click();
  await expect(page.getByTestId('journey.progress')).toHaveText(/^Step 1 of \d+/);
  return true;
}

async function walk(page: Page, label: string, screenshot: string): Promise<Picture[]> {
  const pictures: Picture[] = [];
  const shot = async (where: string, target: Locator = canvas(page)) => {
    const m = await measure(target);
    pictures.push({ where: `${label} ${where}`, zoom: m.zoom, problems: m.problems });
    // LEGIBILITY_SHOTS=1 keeps a picture of every one with a problem, beside its report.
    if (process.env['LEGIBILITY_SHOTS'] && m.problems.length > 0) await page.screenshot({ path: `test-results/legibility/${label} ${where}.png`.replace(/\s+/g, '-') });
  };
  await expect(canvas(page)).toHaveAttribute('data-evaluating', 'false');
  await shot('at rest');
  await page.screenshot({ path: `e2e/screenshots/${screenshot}.png` });
  const edges = await page.locator('[data-testid="canvas"] [data-testid^="edge-label."]').evaluateAll((els) => els.map((e) => (e.getAttribute('data-testid') ?? '').slice('edge-label.'.length)));
  for (const edge of edges) {
    if (!(await startJourney(page, edge))) continue;
    const forward = page.getByTestId('journey.forward');
    const progress = page.getByTestId('journey.progress');
    for (let n = 1; ; n++) {
      await expect(progress).toHaveText(new RegExp(`^Step ${n} of`));
      await shot(`journey ${edge} step ${n}`);
      // One picture of a journey under way per scenario and size: the first edge's third step.
      if (edge === edges[0] && n === 3) await page.screenshot({ path: `e2e/screenshots/${screenshot}-journey.png` });
      if (!(await forward.isEnabled())) break;
      await forward.click();
    }
    await page.getByTestId('journey.close').click();
    await expect(page.getByTestId('journey.overlay')).toHaveCount(0);
    await shot(`after the journey of ${edge}`);
  }
  // The compare view, where the scenario has the two designs.
  await page.keyboard.press('Escape');
  const compare = page.getByTestId('journey.compare');
  if (await compare.isVisible()) {
    await compare.click();
    await expect(page.getByRole('dialog', { name: /Two designs, one task/ })).toBeVisible();
    const forward = page.getByTestId('compare.forward');
    for (let n = 1; ; n++) {
      for (const pane of ['keep', 'role'] as const) await shot(`compare ${pane} step ${n}`, page.getByTestId(`compare.${pane}`));
      if (n === 4) await page.screenshot({ path: `e2e/screenshots/${screenshot}-compare.png` });
      if (!(await forward.isEnabled())) break;
      await forward.click();
    }
    await page.getByTestId('compare.close').click();
  }
  // Dark mode: the same picture at rest (the layout does not change; what is drawn on it does).
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await shot('at rest, dark');
  await page.screenshot({ path: `e2e/screenshots/${screenshot}-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });
  return pictures;
}

function report(name: string, pictures: readonly Picture[]): string[] {
  mkdirSync('test-results/legibility', { recursive: true });
  const all = pictures.flatMap((p) => p.problems);
  const summary = { pictures: pictures.length, clean: pictures.filter((p) => p.problems.length === 0).length, problems: all.length, byKind: countByKind(all), minZoom: Math.min(...pictures.map((p) => p.zoom)) };
  writeFileSync(`test-results/legibility/${name}.json`, JSON.stringify({ summary, pictures }, null, 1));
  return pictures.flatMap((p) => describeProblems(p.problems).map((line) => `${p.where} (zoom ${p.zoom.toFixed(2)}): ${line}`));
}

const scenarios = [{ id: 'example', title: 'the example' }, ...LESSONS.map((l) => ({ id: l.id, title: `the lesson "${l.title}"` }))];

for (const size of SIZES) {
  for (const s of scenarios) {
    test(`Given ${s.title} at ${size.name}, when looked at at rest, at every journey step and in the compare view, then nothing is on top of anything and every word is readable`, async ({ page }) => {
      test.setTimeout(240_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      // Steps are shown where they land (no travel), so each picture is measured as it rests.
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.goto('/');
      if (s.id === 'example') await page.getByTestId('empty.example').click();
      else await openLesson(page, s.id);
      await expect(page.locator('[data-testid="canvas"] [data-testid^="edge-label."]').first()).toBeAttached();
      const pictures = await walk(page, `${s.id} ${size.name}`, `${s.id === 'example' ? 'example' : `lesson-${s.id}`}-${size.name}`);
      const failing = report(`${s.id}-${size.name}`, pictures);
      expect(pictures.length).toBeGreaterThan(1);
      expect(failing).toEqual([]);
    });
  }
}

/** A scenario drawn badly on purpose: everything the measure looks for, once. */
function crowded(): string {
  const A = '111111111111';
  const B = '222222222222';
  const doc = (statement: object) => ({ Version: '2012-10-17', Statement: [statement] });
  const scenario = {
    version: 1,
    name: 'Crowded on purpose',
    organizations: [],
    accounts: [
      { id: A, name: 'Account A' },
      { id: B, name: 'Account B' },
    ],
    principals: [
      { id: 'alice', type: 'iam-user', name: 'alice', accountId: A, path: '/', tags: {}, policies: [{ name: 'All', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }] },
      { id: 'bob', type: 'iam-user', name: 'bob', accountId: A, path: '/', tags: {}, policies: [] },
      { id: 'long', type: 'iam-user', name: 'AVeryLongUserNameWithoutAnySpacesThatCannotFitOnTwoLines', accountId: A, path: '/', tags: {}, policies: [] },
      { id: 'longer', type: 'iam-user', name: 'a user name that goes on and on, well past two lines of the widest card there is', accountId: A, path: '/', tags: {}, policies: [] },
    ],
    resources: [
      { id: 'bucket', type: 's3-bucket', accountId: B, region: 'us-east-1', name: 'bucket-b', policy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 's3:*', Resource: '*' }) },
      { id: 'queue', type: 'sqs-queue', accountId: B, region: 'us-east-1', name: 'queue-b' },
      { id: 'between', type: 'sns-topic', accountId: A, region: 'us-east-1', name: 'in-the-way' },
    ],
    rules: [],
    edges: [
      { kind: 'access', id: 'e1', from: 'alice', to: 'bucket', actions: ['s3:GetObject', 's3:PutObject'] },
      { kind: 'access', id: 'e2', from: 'bob', to: 'bucket', actions: ['s3:GetObject'] },
      { kind: 'access', id: 'e3', from: 'alice', to: 'queue', actions: ['sqs:SendMessage'] },
    ],
    layout: {
      nodes: {
        [A]: { x: 0, y: 0, width: 900, height: 400 },
        [B]: { x: 1000, y: 0, width: 400, height: 400 },
        // bob sits on alice; the topic sits on the line from alice to the bucket.
        alice: { x: 20, y: 80 },
        bob: { x: 60, y: 100 },
        long: { x: 20, y: 300 },
        longer: { x: 420, y: 300 },
        between: { x: 560, y: 90 },
        bucket: { x: 40, y: 100 },
        queue: { x: 40, y: 130 },
      },
    },
  };
  return `#s=${deflateRawSync(Buffer.from(JSON.stringify(scenario))).toString('base64url')}`;
}

test('Given a scenario crowded on purpose, when measured, then the measure names what overlaps what, what is cut off, the line through a card and text too small to read', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/${crowded()}`);
  await expect(page.getByTestId('edge-label.e1')).toBeVisible();
  await expect(canvas(page)).toHaveAttribute('data-evaluating', 'false');
  // The canvas lays labels out clear of each other and of cards: two are put back on top of things by
  // hand, the way they were drawn before (one on the other, one on the topic's card).
  await page.evaluate(() => {
    const label = (id: string) => document.querySelector<HTMLElement>(`[data-testid="edge-label.${id}"]`);
    const e1 = label('e1');
    const e2 = label('e2');
    const e3 = label('e3');
    if (!e1 || !e2 || !e3) throw new Error('labels not drawn');
    e2.style.translate = e1.style.translate;
    // The topic's card: account A at (0, 0), the card at (560, 90), 208 × 64.
    e3.style.translate = 'calc(664px - 50%) calc(122px - 50%)';
    // A name cut short is fine only when its full text is the card's title or accessible name: both taken
    // away from one card.
    const longer = document.querySelector('.react-flow__node[data-id="longer"]');
    longer?.removeAttribute('aria-label');
    longer?.querySelector('[title]')?.removeAttribute('title');
  });
  const near = await measure(canvas(page));
  const lines = describeProblems(near.problems);
  expect(lines.some((l) => l.startsWith('card-card: principal alice × principal bob'))).toBe(true);
  expect(lines.some((l) => l.startsWith('card-card: resource bucket × resource queue'))).toBe(true);
  expect(lines.some((l) => /^label-label: label e\d × label e\d/.test(l))).toBe(true);
  expect(lines.some((l) => /^label-card: label e\d × /.test(l))).toBe(true);
  expect(lines.some((l) => /^edge-through-card: edge e\d × resource between/.test(l))).toBe(true);
  expect(lines.some((l) => l.startsWith('word-broken: principal long ("AVeryLongUserName'))).toBe(true);
  expect(lines.some((l) => l.startsWith('text-clipped: principal longer ("a user name that goes on'))).toBe(true);
  expect(lines.some((l) => l.includes('principal long ') && l.startsWith('text-clipped'))).toBe(false);

  // A panel floating over a card: the legend strip moved by hand onto bob's card.
  await page.evaluate(() => {
    const legend = document.querySelector<HTMLElement>('[data-testid="legend"]')?.closest<HTMLElement>('[data-fit-obstacle]');
    const bob = document.querySelector('.react-flow__node[data-id="bob"]')?.getBoundingClientRect();
    if (!legend || !bob) throw new Error('legend or card not drawn');
    Object.assign(legend.style, { position: 'fixed', left: `${bob.left}px`, top: `${bob.top}px` });
  });
  const panelled = await measure(canvas(page));
  expect(describeProblems(panelled.problems).some((l) => /^panel-covers: panel .* × principal bob/.test(l))).toBe(true);
  await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid="legend"]')?.closest<HTMLElement>('[data-fit-obstacle]')?.removeAttribute('style'));

  // Zoomed far out (but not so far that labels are hidden), the names are too small to read.
  await page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('[data-testid="canvas"] .react-flow__viewport');
    if (viewport) viewport.style.transform = 'translate(40px, 40px) scale(0.5)';
  });
  const far = await measure(canvas(page));
  expect(describeProblems(far.problems).some((l) => /^tiny-text: principal alice \("alice" at [\d.]+ px\)$/.test(l))).toBe(true);
  // The journey's token stopped on its edge's label (put there by hand): the label hides it.
  await page.getByTestId('edge-label.e1').dispatchEvent('click');
  await page.getByTestId('journey.start').click();
  await expect(page.getByTestId('journey.token')).toBeAttached();
  await page.evaluate(() => {
    const label = document.querySelector<HTMLElement>('[data-testid="edge-label.e1"]');
    const token = document.querySelector<HTMLElement>('[data-testid="journey.token"]');
    const overlay = document.querySelector<HTMLElement>('[data-testid="journey.overlay"]');
    const viewport = document.querySelector<HTMLElement>('[data-testid="canvas"] .react-flow__viewport');
    if (!label || !token || !overlay || !viewport) throw new Error('token or label not drawn');
    // The label's centre in flow coordinates (the overlay's origin is the flow's origin).
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    const l = label.getBoundingClientRect();
    const o = overlay.getBoundingClientRect();
    token.getAnimations().forEach((a) => a.cancel());
    token.style.transform = `translate(${(l.left + l.width / 2 - o.left) / zoom}px, ${(l.top + l.height / 2 - o.top) / zoom}px)`;
  });
  const played = await measure(canvas(page));
  expect(describeProblems(played.problems)).toContain('journey-overlap: token × label e1');
  await page.getByTestId('journey.close').click();

  expect(PROBLEM_KINDS.filter((k) => k !== 'journey-covered').filter((k) => ![...near.problems, ...panelled.problems, ...played.problems, ...far.problems].some((p) => p.kind === k))).toEqual([]);
});

/**
 * The what-if comparison is a picture on a projector too: with the panel open beside the canvas (and the
 * lesson's panel, in a lesson), the changed edge highlighted and the rest dimmed, the measure finds nothing on
 * top of anything, and no card, edge label or container header lies under a panel or notice floating over the
 * canvas.
 * The comparison is with the scenario one edit ago, the edit being the first proposal for a denied edge (or,
 * where a lesson has none, for an allowed edge that should be denied).
 */
async function underPanels(page: Page): Promise<string[]> {
  return canvas(page).evaluate((root) => {
    const panels = [...document.querySelectorAll<HTMLElement>('[data-fit-obstacle], [data-testid="share-toast"]'), ...root.querySelectorAll<HTMLElement>('.react-flow__controls, .react-flow__minimap')]
      .filter((el) => el.getBoundingClientRect().width > 0)
      .map((el) => ({ name: el.getAttribute('aria-label') ?? el.getAttribute('data-testid') ?? 'panel', r: el.getBoundingClientRect() }));
    const things = [...root.querySelectorAll<HTMLElement>('.react-flow__node:not(.react-flow__node-organization):not(.react-flow__node-account):not(.react-flow__node-bus), [data-testid^="edge-label."], .react-flow__node-account header, .react-flow__node-bus header')]
      .filter((el) => el.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true }))
      .map((el) => ({ name: el.getAttribute('data-id') ?? el.getAttribute('data-testid') ?? el.tagName, r: el.getBoundingClientRect() }));
    const out: string[] = [];
    for (const t of things)
      for (const p of panels) {
        const w = Math.min(t.r.right, p.r.right) - Math.max(t.r.left, p.r.left);
        const h = Math.min(t.r.bottom, p.r.bottom) - Math.max(t.r.top, p.r.top);
        if (w > 2 && h > 2) out.push(`${t.name} under ${p.name}`);
      }
    return out;
  });
}

for (const size of SIZES) {
  for (const s of scenarios) {
    test(`Given ${s.title} at ${size.name} with an edge decided the other way by its first proposal, when compared with itself one edit ago, then the what-if picture has nothing on top of anything and nothing under its panels`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.goto('/');
      if (s.id === 'example') await page.getByTestId('empty.example').click();
      else await openLesson(page, s.id);
      const labels = page.locator('[data-testid="canvas"] [data-testid^="edge-label."]');
      await expect(labels.first()).toBeAttached();
      await expect(canvas(page)).toHaveAttribute('data-evaluating', 'false');
      // The first proposal for a denied edge (the proposal that allows it), else for an allowed one that
      // should be denied: the edit the comparison is about.
      const decided = await labels.evaluateAll((els) => els.map((e) => ({ id: (e.getAttribute('data-testid') ?? '').slice('edge-label.'.length), decision: e.getAttribute('data-decision') ?? '' })));
      const candidates = [...decided.filter((e) => e.decision.endsWith('deny')), ...decided.filter((e) => e.decision === 'allowed')].map((e) => e.id);
      let fixed: string | undefined;
      const inspector = page.getByRole('complementary', { name: 'Inspector' });
      for (const edge of candidates) {
        await page.getByTestId(`edge-label.${edge}`).dispatchEvent('click');
        const toggle = inspector.getByTestId('fix.toggle');
        await expect(toggle).toBeVisible();
        await toggle.click();
        const apply = inspector.getByTestId('fix.apply.0');
        await expect(apply.or(inspector.getByTestId('fix.blockers')).or(inspector.getByTestId('fix.note')).first()).toBeVisible();
        if (!(await apply.isVisible())) continue;
        await apply.click();
        fixed = edge;
        break;
      }
      expect(fixed, `a proposal for one of ${candidates.join(', ')}`).toBeDefined();
      await expect(canvas(page)).toHaveAttribute('data-evaluating', 'false');
      await page.keyboard.press('Escape');
      await page.getByTestId('toolbar.compare').click();
      const dialog = page.getByTestId('whatif-dialog');
      await dialog.getByTestId('whatif-dialog.edits').fill('1');
      await dialog.getByTestId('whatif-dialog.history').click();
      await expect(page.getByTestId(`whatif.edge.${fixed}`)).toBeVisible();
      // The notice of the opened lesson goes at the first press on the drawing; here, where the labels are
      // clicked by their events, it is dismissed as a user would.
      const toast = page.getByTestId('share-toast-dismiss');
      if (await toast.isVisible()) await toast.click();
      // Nothing that floats over the canvas covers a card, a label or a header.
      await expect(canvas(page)).toHaveAttribute('data-evaluating', 'false');
      await page.screenshot({ path: `e2e/screenshots/whatif-${s.id}-${size.name}.png` });
      await expect.poll(() => underPanels(page), { timeout: 15_000 }).toEqual([]);
      const m = await measure(canvas(page));
      expect(describeProblems(m.problems)).toEqual([]);
    });
  }
}
