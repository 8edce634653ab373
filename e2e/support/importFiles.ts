/// <reference lib="dom" />
import { readdirSync, readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

/** A file to hand to the page: its name and text. */
export interface TestFile {
  readonly name: string;
  readonly text: string;
}

const FIXTURES = new URL('../../src/import/fixtures/', import.meta.url);

/** The import fixtures (src/import/fixtures): the example organization's AWS CLI outputs, one per file. */
export function fixtureFiles(filter: (name: string) => boolean = () => true): TestFile[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json') && filter(f))
    .sort()
    .map((name) => ({ name, text: readFileSync(new URL(name, FIXTURES), 'utf8') }));
}

/**
 * Drops files on the canvas as the desktop does: dragenter, dragover and drop with a DataTransfer holding
 * the files (Playwright cannot drag from outside the page).
 */
export async function dropFiles(page: Page, files: readonly TestFile[]): Promise<void> {
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'application/json' }));
    return dt;
  }, files as TestFile[]);
  const target = page.locator('#canvas-area .react-flow__pane');
  await target.dispatchEvent('dragenter', { dataTransfer: transfer });
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await target.dispatchEvent('drop', { dataTransfer: transfer });
}

/** Picks files in File ▸ Import AWS data… (the menu's hidden file input). */
export async function pickFiles(page: Page, files: readonly TestFile[]): Promise<void> {
  await page.getByTestId('file.import-input').setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'application/json', buffer: Buffer.from(f.text) })));
}
