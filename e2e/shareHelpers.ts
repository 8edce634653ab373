/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, so this file is checked with DOM types too.
import { expect, type Page } from '@playwright/test';

/** What a person sees of a scenario: its nodes, its edges and every decision, by id. */
export interface Picture {
  readonly nodes: string[];
  readonly edges: string[];
  readonly decisions: Record<string, string>;
}

export async function picture(page: Page): Promise<Picture> {
  const nodes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? '').sort());
  const edges = await page.locator('.react-flow__edge').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? '').sort());
  const decisions = Object.fromEntries(
    await page.locator('[data-testid^="edge-label."]').evaluateAll((els) =>
      els.map((e) => [(e.getAttribute('data-testid') ?? '').slice('edge-label.'.length), `${e.getAttribute('data-decision') ?? ''}: ${e.textContent ?? ''}`] as const),
    ),
  );
  return { nodes, edges, decisions };
}

/** Opens a lesson from the gallery and waits until its edges are drawn and every one is decided. */
export async function openLesson(page: Page, id: string): Promise<void> {
  await page.getByTestId('toolbar.lessons').click();
  await page.getByTestId(`lesson-card.${id}`).click();
  await expect(page.getByTestId('lesson-gallery')).toBeHidden();
  await expect(page.getByTestId('lesson-panel')).toBeVisible();
  await expect(page.locator('[data-testid^="edge-label."]').first()).toBeVisible();
  // Drawn is not decided: on a loaded machine the worker's first answer can come after the labels.
  await expect(page.locator('[data-testid^="edge-label."][data-decision="pending"]')).toHaveCount(0);
}

/** The fragment-only navigation a pasted link makes when the app is already open (fires hashchange). */
export async function pasteLink(page: Page, fragment: string): Promise<void> {
  await page.evaluate((f) => {
    window.location.hash = f;
  }, fragment);
}

/** Fails the test on any console error or uncaught exception. */
export function watchErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}
