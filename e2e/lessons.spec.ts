/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, so this file is checked with DOM types too.
import { expect, test } from '@playwright/test';
import { KNOWN_ENGINE_GAPS, LESSONS } from '../src/lessons';
import { openLesson, watchErrors } from './shareHelpers';

for (const lesson of LESSONS) {
  test(`Given the lesson "${lesson.title}", when opened, then it shows the decisions its text promises and "try this" flips and undoes`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('/');
    await openLesson(page, lesson.id);
    const panel = page.getByTestId('lesson-panel');
    await expect(panel).toContainText(lesson.title);
    for (const edge of lesson.edges) {
      const gap = KNOWN_ENGINE_GAPS[`${lesson.id}/${edge.id}`];
      const expected = gap ? gap.engine : edge.expected;
      await expect(page.getByTestId(`lesson-edge.${edge.id}${edge.action ? `.${edge.action}` : ''}`)).toHaveAttribute('data-decision', expected);
      // On the canvas: the whole edge's decision, or the action's mark in its label.
      const label = page.getByTestId(`edge-label.${edge.id}`);
      // Each action in a label carries its own decision (explicit ✕ and implicit ⊘ have different marks).
      if (edge.action) await expect(label.locator(`[data-action="${edge.action}"]`)).toHaveAttribute('data-decision', expected);
      else await expect(label).toHaveAttribute('data-decision', expected);
    }
    await page.screenshot({ path: `e2e/screenshots/lesson-${lesson.id}.png` });

    const t = lesson.tryThis[0];
    if (!t) throw new Error('every lesson has a change to try');
    const row = page.getByTestId(`lesson-edge.${t.edgeId}${t.action ? `.${t.action}` : ''}`);
    await page.getByTestId(`lesson-try.${t.id}`).click();
    await expect(page.getByTestId('lesson-try-result')).toContainText(t.explanation);
    if (lesson.edges.some((e) => e.id === t.edgeId && e.action === t.action)) await expect(row).toHaveAttribute('data-decision', t.after);
    else await expect(page.getByTestId(`edge-label.${t.edgeId}`)).toHaveAttribute('data-decision', t.after);
    // The change went through the normal edit path: undo reverts it.
    await page.getByTestId('toolbar.undo').click();
    if (lesson.edges.some((e) => e.id === t.edgeId && e.action === t.action)) await expect(row).toHaveAttribute('data-decision', t.before);
    else await expect(page.getByTestId(`edge-label.${t.edgeId}`)).toHaveAttribute('data-decision', t.before);
    await expect(page.getByTestId('lesson-try-result')).not.toContainText(t.explanation);
    expect(errors).toEqual([]);
  });
}

test('Given the keyboard only, when the gallery is opened and a card chosen, then the lesson opens and Escape-free focus returns to the page', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('toolbar.lessons').focus();
  await page.keyboard.press('Enter');
  const gallery = page.getByTestId('lesson-gallery');
  await expect(gallery).toBeVisible();
  await expect(gallery.getByRole('heading', { name: 'Lessons' })).toBeVisible();
  // Close button first, then the cards in order.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId(`lesson-card.${LESSONS[0]?.id}`)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId(`lesson-card.${LESSONS[1]?.id}`)).toBeFocused();
  await page.screenshot({ path: 'e2e/screenshots/lessons-gallery.png' });
  await page.keyboard.press('Enter');
  await expect(gallery).toBeHidden();
  await expect(page.getByTestId('lesson-panel')).toContainText(LESSONS[1]?.title ?? '');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'e2e/screenshots/lessons-panel-dark.png' });
  await page.getByTestId('toolbar.lessons').click();
  await page.keyboard.press('Escape');
  await expect(gallery).toBeHidden();
  await expect(page.getByTestId('toolbar.lessons')).toBeFocused();
  await page.getByTestId('toolbar.lessons').click();
  await page.screenshot({ path: 'e2e/screenshots/lessons-gallery-dark.png' });
});

test('Given the confused-deputy lesson, when the request for account C\'s rule is opened, then the summary says the statement for EventBridge does not apply because aws:SourceArn differs, not "add a statement"', async ({ page }) => {
  await page.goto('/');
  await openLesson(page, 'confused-deputy');
  await page.getByTestId('edge-label.other-delivery').click();
  const summary = page.getByTestId('explanation.summary');
  await expect(summary).toContainText('the queue policy\'s statement "EventBridgeForOurRuleOnly" for events.amazonaws.com does not apply: aws:SourceArn is arn:aws:events:us-east-1:');
  await expect(summary).toContainText(':rule/harvest, the policy requires arn:aws:events:us-east-1:');
  await expect(summary).not.toContainText('add a statement');
  await expect(page.getByTestId('explanation').locator('[data-stage="explicit-deny"]')).toContainText('no Deny');
  await page.screenshot({ path: 'e2e/screenshots/lesson-confused-deputy-explanation.png' });
});

test('Given an open lesson, when the page is reloaded, then the lesson text is still there; when closed, it stays closed', async ({ page }) => {
  await page.goto('/');
  await openLesson(page, 'confused-deputy');
  await page.reload();
  await expect(page.getByTestId('lesson-panel')).toContainText('The confused deputy');
  await page.getByTestId('lesson-close').click();
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  await page.reload();
  await expect(page.locator('[data-testid="edge-label.own-delivery"]')).toBeVisible();
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
});

test('Given lesson 3, when opened, then it offers "Compare the two designs" and the comparison plays copy-job keeping its identity beside the CopyWriter session that loses the table', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await openLesson(page, 'copy-both-ways');
  const offer = page.getByRole('button', { name: 'Compare the two designs' });
  await expect(offer).toBeVisible();
  await offer.click();
  await expect(page.getByRole('dialog', { name: /Two designs, one task: copy-job/ })).toBeVisible();
  const keep = page.getByTestId('compare.keep');
  const role = page.getByTestId('compare.role');
  await expect(keep.getByRole('heading', { name: 'Bucket policy: copy-job keeps its identity' })).toBeVisible();
  await expect(role.getByRole('heading', { name: 'AssumeRole: copy-job becomes CopyWriter' })).toBeVisible();
  // Each design is drawn with the engine's decisions on its own canvas.
  await expect(keep.getByTestId('edge-label.job-put')).toHaveAttribute('data-decision', 'allowed');
  await expect(keep.getByTestId('edge-label.job-assume')).toHaveCount(0);
  await expect(role.getByTestId('edge-label.writer-scan')).toHaveAttribute('data-decision', 'implicit-deny');
  await expect(role.getByTestId('edge-label.job-put')).toHaveCount(0);

  const forward = page.getByTestId('compare.forward');
  while (await forward.isEnabled()) await forward.click();
  await expect(page.getByTestId('compare.progress')).toHaveAttribute('data-status', 'finished');
  await expect(page.getByTestId('compare.keep.leg.0')).toHaveAttribute('data-outcome', 'allowed');
  await expect(page.getByTestId('compare.keep.leg.1')).toHaveAttribute('data-outcome', 'allowed');
  await expect(page.getByTestId('compare.keep.acting')).toHaveText(/copy-job @ 111111111111/);
  await expect(page.getByTestId('compare.role.leg.0')).toHaveAttribute('data-outcome', 'denied');
  await expect(page.getByTestId('compare.role.leg.0')).toContainText('dynamodb:Scan');
  await expect(page.getByTestId('compare.role.leg.1')).toHaveAttribute('data-outcome', 'allowed');
  await expect(page.getByTestId('compare.role.acting')).toHaveText(/CopyWriter\/copy-job @ 222222222222/);
  await expect(page.getByTestId('compare.lost')).toContainText('dynamodb:Scan on orders, allowed to copy-job, is denied to the session');
  await page.screenshot({ path: 'e2e/screenshots/lesson-copy-both-ways-compare.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'e2e/screenshots/lesson-copy-both-ways-compare-dark.png' });
  // Closing it returns to the lesson, still open beside the canvas.
  await page.getByTestId('compare.close').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('lesson-panel')).toContainText('Copy DynamoDB in A to S3 in B, both ways');
  expect(errors).toEqual([]);
});
