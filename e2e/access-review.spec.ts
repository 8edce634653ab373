/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, so this file is checked with DOM types too.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLesson, watchErrors } from './shareHelpers';
import { describe as describeProblems, measure } from './support/legibility';

/**
 * The access review as a security reviewer uses it: who can reach a resource (highlighted on the canvas,
 * with the path through roles drawn), the findings outside the zone of trust, the access matrix whose
 * cells explain themselves, and an "intended" mark that travels in a share link. Scenarios are the
 * lessons', opened from the gallery.
 */

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const edge = (page: Page, id: string) => page.locator(`.react-flow__edge[data-id="${id}"]`);

async function closeLesson(page: Page): Promise<void> {
  await page.getByTestId('lesson-close').click();
  await expect(page.getByTestId('lesson-panel')).toBeHidden();
}

async function openReview(page: Page): Promise<void> {
  await page.getByTestId('toolbar.review').click();
  await expect(page.getByTestId('review-panel')).toBeVisible();
  await expect(page.getByTestId('review.status')).toHaveAttribute('data-status', 'done');
}

test('Given a bucket a role can write, when the user asks who can reach it, then the role and alice (through it) are marked, the path is drawn, the rest is dimmed, and the chain plays as a journey', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await openLesson(page, 'assume-role');
  await closeLesson(page);

  await node(page, 'reports').click();
  await page.getByTestId('inspector.who-can-reach').click();
  await expect(page.getByTestId('review-panel')).toBeVisible();
  await expect(node(page, 'reports')).toHaveAttribute('data-reach', 'focus');
  // ReportWriter writes it directly; alice by assuming ReportWriter (her own policy does not reach it).
  await expect(node(page, 'writer')).toHaveAttribute('data-reach', 'reach');
  await expect(node(page, 'alice')).toHaveAttribute('data-reach', 'reach');
  await expect(node(page, 'alice')).toHaveAttribute('data-reach-tag', /via roles/);
  await expect(node(page, 'orders')).toHaveAttribute('data-reach', 'dim');
  await expect(edge(page, 'alice-assume')).toHaveAttribute('data-reach', 'path');
  await expect(edge(page, 'writer-put')).toHaveAttribute('data-reach', 'path');
  await expect(edge(page, 'writer-scan')).toHaveAttribute('data-reach', 'dim');

  const alice = page.getByTestId('reach-entry.p:alice');
  await expect(alice).toHaveAttribute('data-through-roles', 'true');
  await expect(alice.getByTestId('reach-entry.path')).toHaveText('alice → ReportWriter → reports-b');
  await page.screenshot({ path: 'e2e/screenshots/access-review-who-can-reach.png' });

  // The chain plays with the journey animation: the identity is swapped at the role.
  await alice.getByTestId('reach-entry.play').click();
  await expect(page.getByTestId('journey.panel')).toBeVisible();
  await expect(page.getByTestId('journey.title')).toContainText('alice → ReportWriter → reports-b');
  // While a journey plays, the canvas shows only it.
  await expect(page.locator('.react-flow')).not.toHaveAttribute('data-reach', /.*/);
  await expect(page.locator('[data-testid="journey"] [data-actor-kind="session"], [data-actor-kind="session"]').first()).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Close the journey' }).click();
  await expect(page.locator('.react-flow')).toHaveAttribute('data-reach', 'who');

  // Clearing the question brings the canvas back.
  await page.getByTestId('reach.clear').click();
  await expect(page.locator('.react-flow')).not.toHaveAttribute('data-reach', /.*/);
  await expect(page.locator('.react-flow__node[data-reach]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('Given a bucket open to "*" and meant for the organization, when the review is opened, then the public finding comes first with its statement, explains itself, and the lesson\'s change makes it disappear', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await openLesson(page, 'outside-organization');
  await openReview(page);

  const finding = page.getByTestId('finding.reports|public');
  await expect(finding).toHaveAttribute('data-kind', 'public');
  await expect(page.locator('[data-testid^="finding."][data-kind]').first()).toHaveAttribute('data-kind', 'public');
  await expect(finding.getByTestId('finding.subject')).toHaveText('Anyone (Principal "*")');
  await expect(finding.getByTestId('finding.statement')).toHaveText('Bucket policy “ReadForTheOrganization”');
  await expect(finding.getByTestId('finding.conditions')).toHaveText('No condition narrows it.');
  await expect(finding.getByTestId('finding.includes')).toContainText('partner-bot');
  await page.screenshot({ path: 'e2e/screenshots/access-review-findings.png' });

  // The finding's explanation is the engine's, in the inspector.
  await finding.getByTestId('finding.explain').click();
  const explanation = page.getByTestId('inspector').getByTestId('access-explanation');
  await expect(explanation).toHaveAttribute('data-decision', 'allowed');
  await expect(explanation.locator('[data-stage="resource"]').first()).toHaveAttribute('data-outcome', 'allow');
  // Its statement link opens the bucket policy at that statement.
  await finding.getByTestId('finding.statement').click();
  await expect(page.getByTestId('inspector.title')).toHaveText('S3 bucket');

  // With the organization condition, nobody outside the organization is let in: no finding.
  await page.getByTestId('lesson-try.add-org-condition').click();
  await expect(page.getByTestId('lesson-edge.partner-reads')).toHaveAttribute('data-decision', 'implicit-deny');
  await expect(page.getByTestId('findings.count')).toHaveText('No access from outside the zone of trust.');

  // With the Data account alone as the zone, the rest of the organization is outside it: an organization finding, narrowed by the condition.
  await page.getByTestId('review.zone').selectOption('account:111111111111');
  const org = page.getByTestId('finding.reports|org:o-exampleorg1');
  await expect(org).toHaveAttribute('data-kind', 'organization');
  await expect(org.getByTestId('finding.conditions')).toContainText('aws:PrincipalOrgID StringEquals o-exampleorg1');
  expect(errors).toEqual([]);
});

test('Given the access matrix, when a cell is clicked, then it explains that principal on that resource, and the matrix exports as CSV', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await openLesson(page, 'outside-organization');
  await closeLesson(page);
  await openReview(page);
  await page.getByTestId('review.matrix').click();
  const dialog = page.getByTestId('matrix-dialog');
  await expect(dialog.getByTestId('matrix.table')).toBeVisible();
  const cell = dialog.getByTestId('matrix.cell.p:partner.reports');
  await expect(cell).toHaveAttribute('data-state', 'all');
  await expect(cell).toHaveText('✓ 1');
  await cell.click();
  const explanation = dialog.getByTestId('matrix.explanation');
  await expect(explanation).toHaveAttribute('data-decision', 'allowed');
  await expect(explanation).toContainText('partner-bot → quarterly-reports');
  await expect(explanation.locator('[data-side="resource"]')).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/access-matrix.png' });

  // Filters: drawn principals only, then one action.
  await dialog.getByTestId('matrix.outsiders').uncheck();
  await expect(dialog.getByTestId('matrix.cell.public.reports')).toHaveCount(0);
  await expect(dialog.getByTestId('matrix.cell.p:analyst.reports')).toHaveAttribute('data-state', 'all');

  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('matrix.csv').click()]);
  expect(download.suggestedFilename()).toBe('access-matrix.csv');
  const csv = await readFile((await download.path()) as string, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('principal,principal kind,principal account,resource,resource type,resource account,resource ARN,access,allowed actions,relevant actions,through roles');
  expect(csv).toContain('partner-bot,drawn,333333333333,quarterly-reports,s3-bucket,111111111111,arn:aws:s3:::quarterly-reports,all,1,1,no');
  expect(csv).not.toContain('Anyone');
  expect(errors).toEqual([]);
});

test('Given a finding marked intended, when the scenario is shared, then the link opens with the finding still intended', async ({ page, browser }) => {
  await page.goto('/');
  await openLesson(page, 'outside-organization');
  await closeLesson(page);
  await openReview(page);
  // Marked intended, the finding leaves the list to review (it goes to the folded "marked intended" list).
  await page.getByTestId('finding.reports|public').getByTestId('finding.intended').click();
  await expect(page.getByTestId('findings.count')).toHaveText('No access from outside the zone of trust that is not marked intended.');
  // Undo takes the mark back (it is an edit of the scenario like any other).
  await page.getByTestId('toolbar.undo').click();
  await expect(page.getByTestId('finding.reports|public')).toHaveAttribute('data-review', 'open');
  await page.getByTestId('toolbar.redo').click();
  await expect(page.getByTestId('findings.count')).toContainText('marked intended');

  await page.getByTestId('toolbar.share').click();
  const url = await page.getByTestId('share-url').inputValue();
  await page.keyboard.press('Escape');

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await expect(other.locator('[data-testid="edge-label.partner-reads"]')).toHaveAttribute('data-decision', 'allowed');
  await openReview(other);
  await expect(other.getByTestId('findings.count')).toHaveText('No access from outside the zone of trust that is not marked intended.');
  await other.getByTestId('findings.intended-toggle').click();
  await expect(other.getByTestId('finding.reports|public')).toHaveAttribute('data-review', 'intended');
  await expect(other.getByTestId('finding.reports|public').getByTestId('finding.intended')).toBeChecked();
  await other.screenshot({ path: 'e2e/screenshots/access-review-intended-shared.png' });
  await fresh.close();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`The review panel and the matrix pass axe (WCAG 2.1 A/AA) in the ${scheme} scheme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await openLesson(page, 'outside-organization');
    await closeLesson(page);
    await openReview(page);
    await node(page, 'reports').click();
    await page.getByTestId('inspector.who-can-reach').click();
    await expect(page.getByTestId('reach-entry.p:partner')).toBeVisible();
    const withReview = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(withReview.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
    await page.getByTestId('review.matrix').click();
    await expect(page.getByTestId('matrix.table')).toBeVisible();
    const withMatrix = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(withMatrix.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
    await page.screenshot({ path: `e2e/screenshots/access-review-${scheme}.png` });
  });
}

/**
 * Panels floating over the canvas (the review panel, the reach banner, the legend, the zoom controls, the
 * minimap) must not sit on a card or an edge label: opening the review or asking a reach question fits the
 * picture into what they leave free. Read in the page, beside the legibility measure.
 */
function coveredInPage(root: Element): string[] {
  const flow = root.matches('.react-flow') ? root : root.querySelector('.react-flow');
  if (!flow) return ['no canvas'];
  const shown = (el: Element): boolean => {
    const r = el.getBoundingClientRect();
    return r.width >= 2 && r.height >= 2 && el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
  };
  const canvasBox = flow.getBoundingClientRect();
  const overlaps = (a: DOMRect, b: DOMRect): boolean => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
  const panels = [...document.querySelectorAll('[data-fit-obstacle]'), ...flow.querySelectorAll('.react-flow__controls, .react-flow__minimap')].filter((el) => shown(el) && overlaps(el.getBoundingClientRect(), canvasBox));
  const things = [
    ...[...flow.querySelectorAll('.react-flow__node')].filter((el) => !el.matches('.react-flow__node-account, .react-flow__node-organization, .react-flow__node-bus')).map((el) => ({ name: `card ${el.getAttribute('data-id') ?? '?'}`, el })),
    ...[...flow.querySelectorAll('.react-flow__node-account .account-drag-handle')].map((el) => ({ name: `header of account ${el.closest('.react-flow__node')?.getAttribute('data-id') ?? '?'}`, el })),
    ...[...flow.querySelectorAll('.edge-label')].map((el) => ({ name: `label ${el.getAttribute('data-testid') ?? '?'}`, el })),
  ].filter((t) => shown(t.el));
  const out: string[] = [];
  for (const p of panels) for (const t of things) if (overlaps(p.getBoundingClientRect(), t.el.getBoundingClientRect())) out.push(`${p.getAttribute('aria-label') ?? p.getAttribute('data-testid') ?? p.className.toString().split(' ')[0] ?? 'panel'} over ${t.name}`);
  return out;
}

const REVIEW_SIZES = [
  { name: '1440x900', width: 1440, height: 900 },
  { name: '1024x768', width: 1024, height: 768 },
] as const;

for (const size of REVIEW_SIZES) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`Given the review open at ${size.name} (${scheme}), when a resource's reach and a principal's blast radius are shown, then nothing is on top of anything, no panel covers a card or label, and every word is readable`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: scheme });
      await page.goto('/');
      const canvas = page.getByTestId('canvas');
      const check = async (where: string): Promise<string[]> => {
        const m = await measure(canvas);
        const covered = await canvas.evaluate(coveredInPage);
        await page.screenshot({ path: `e2e/screenshots/access-review-${where}-${size.name}-${scheme}.png` });
        return [...describeProblems(m.problems), ...covered].map((line) => `${where}: ${line}`);
      };
      const problems: string[] = [];
      // The node a question is about is in full view on the canvas, even when the answer is not whole.
      const inView = async (id: string): Promise<void> => {
        const box = await node(page, id).boundingBox();
        const area = await canvas.boundingBox();
        if (!box || !area) throw new Error(`${id} or the canvas is not drawn`);
        expect.soft(box.x >= area.x && box.y >= area.y && box.x + box.width <= area.x + area.width && box.y + box.height <= area.y + area.height, `${id} in view`).toBe(true);
      };

      await openLesson(page, 'assume-role');
      await closeLesson(page);
      await openReview(page);
      problems.push(...(await check('assume-role-findings')));
      await node(page, 'reports').click();
      await page.getByTestId('inspector.who-can-reach').click();
      await expect(node(page, 'alice')).toHaveAttribute('data-reach', 'reach');
      problems.push(...(await check('assume-role-who')));
      await inView('reports');
      // Asked from the review panel (alice may be out of view now): her blast radius.
      await page.getByTestId('reach.what').selectOption('p:alice');
      await expect(node(page, 'alice')).toHaveAttribute('data-reach', 'focus');
      problems.push(...(await check('assume-role-what')));
      await inView('alice');

      await openLesson(page, 'outside-organization');
      await closeLesson(page);
      await expect(page.getByTestId('review.status')).toHaveAttribute('data-status', 'done');
      await node(page, 'reports').click();
      await page.getByTestId('inspector.who-can-reach').click();
      await expect(node(page, 'partner')).toHaveAttribute('data-reach', 'reach');
      problems.push(...(await check('outside-organization-who')));
      await inView('reports');
      expect(problems).toEqual([]);
    });
  }
}
