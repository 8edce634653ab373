/**
 * Import benchmark in the browser (`npm run bench:import`): the generated estate of bench/estate.ts — 20
 * accounts, 5,000 roles, 2,000 users, 300 groups, 3,000 managed policies, one 11 MB bundle — dropped on the
 * canvas of the production build in headless Chromium, in one run:
 *
 * - drop → first picture: from the drop event to the frame that draws the 20 accounts (read, imported and
 *   checked in the import worker, the first picture chosen and laid out, the new scenario opened);
 * - … → decided: until the evaluation worker has decided the new scenario (`data-evaluating="false"`);
 * - the main thread meanwhile: its longest task and the total of its long tasks (over 50 ms), from the
 *   Long Tasks API — what the page could not answer during the import;
 * - baseline, same run: the same scenario saved as a scenario file and opened with File ▸ Open (the app's
 *   existing way in for a file of that size), from the file chosen to the same picture.
 *
 * Medians over BENCH_RUNS runs (default 3), each in a fresh browser context. Nothing here asserts a timing.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { catalogueLayout } from '../../src/graph/catalogue';
import { firstPicture, importFiles } from '../../src/import';
import { setLayout } from '../../src/model';
import { serializeScenario } from '../../src/share/file';
import { ESTATE, estateText } from '../estate';

const ROOT = resolve(import.meta.dirname, '../..');
const PORT = Number(process.env['BENCH_PORT'] ?? process.env['E2E_PORT'] ?? 4300);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const VIEWPORT = { width: 1440, height: 900 };

const median = (xs: number[]): number => {
  const s = [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const ms = (v: number): string => (Number.isFinite(v) ? `${Math.round(v).toLocaleString('en-US')} ms` : '—');

function chromiumPath(): string | undefined {
  for (const p of [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (p && existsSync(p)) return p;
  return undefined;
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The preview server at ${url} did not start`);
}

interface Run {
  readonly picture: number;
  readonly decided: number;
  readonly longestTask: number;
  readonly blocked: number;
}

/**
 * In the page: marks the frame the accounts appear in and the moment they are decided, and collects long
 * tasks. A string, not a function: tsx would wrap a function's inner closures with a helper the page lacks.
 */
const WATCH = `(accounts) => {
  window.__marks = {};
  window.__tasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__tasks.push(e.duration); }).observe({ type: 'longtask', buffered: false });
  const check = () => {
    const drawn = document.querySelectorAll('.react-flow__node-account').length;
    if (window.__marks.picture === undefined && drawn >= accounts && document.querySelector('[data-testid="share-toast"]')) window.__marks.picture = performance.now();
    const evaluating = document.querySelector('[data-testid="canvas"]')?.getAttribute('data-evaluating');
    if (window.__marks.picture !== undefined && window.__marks.decided === undefined && evaluating === 'false') window.__marks.decided = performance.now();
    if (window.__marks.decided === undefined) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}`;

async function fresh(browser: Browser, base: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(base);
  await page.waitForLoadState('networkidle');
  return page;
}

async function collect(page: Page, t0: number): Promise<Run> {
  await page.waitForFunction(() => (window as unknown as { __marks: Record<string, number> }).__marks['decided'] !== undefined, undefined, { timeout: 180_000, polling: 200 });
  const { marks, tasks } = await page.evaluate(() => ({ marks: (window as unknown as { __marks: Record<string, number> }).__marks, tasks: (window as unknown as { __tasks: number[] }).__tasks }));
  await page.context().close();
  return { picture: (marks['picture'] as number) - t0, decided: (marks['decided'] as number) - t0, longestTask: Math.max(0, ...tasks), blocked: tasks.reduce((n, d) => n + Math.max(0, d - 50), 0) };
}

/** Drops the bundle on the canvas (a drop event carrying the file, as from the desktop) and times it. */
async function dropRun(browser: Browser, base: string, text: string): Promise<Run> {
  const page = await fresh(browser, base);
  await page.evaluate(`(${WATCH})(${ESTATE.accounts})`);
  const t0 = await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'estate.json', { type: 'application/json' }));
    const area = document.getElementById('canvas-area');
    if (!area) throw new Error('no canvas area');
    const start = performance.now();
    area.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    return start;
  }, text);
  return collect(page, t0);
}

/** Opens the imported scenario, saved as a file, with File ▸ Open, and times it to the same picture. */
async function openRun(browser: Browser, base: string, file: string): Promise<Run> {
  const page = await fresh(browser, base);
  await page.evaluate(`(${WATCH})(${ESTATE.accounts})`);
  const t0 = await page.evaluate(() => performance.now());
  await page.getByTestId('file.input').setInputFiles({ name: 'estate-scenario.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  return collect(page, t0);
}

async function main(): Promise<void> {
  const text = estateText();
  const imported = importFiles([{ name: 'estate.json', text }]).scenario;
  if (!imported) throw new Error('the estate did not import');
  const picture = firstPicture(imported);
  const file = serializeScenario(setLayout(picture, catalogueLayout(picture)));
  console.log(`Import benchmark: ${(text.length / 1048576).toFixed(1)} MB bundle (${ESTATE.accounts} accounts, ${ESTATE.roles} roles, ${ESTATE.users} users, ${ESTATE.groups} groups, ${ESTATE.managedPolicies} managed policies); the same scenario as a file: ${(file.length / 1048576).toFixed(1)} MB. ${RUNS} runs, window ${VIEWPORT.width}×${VIEWPORT.height}, Chromium headless.`);
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { cwd: ROOT, stdio: 'ignore', detached: true });
  const base = `http://127.0.0.1:${PORT}/`;
  let browser: Browser | undefined;
  try {
    await waitForServer(base);
    const executablePath = chromiumPath();
    browser = await chromium.launch({ headless: true, ...(executablePath ? { executablePath } : {}), args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-gpu'] });
    const drops: Run[] = [];
    const opens: Run[] = [];
    // Turn about, so the machine's load falls on both alike.
    for (let i = 0; i < RUNS; i++) {
      drops.push(await dropRun(browser, base, text));
      opens.push(await openRun(browser, base, file));
      console.log(`  run ${i + 1}: drop → picture ${ms(drops[i]!.picture)}, open file → picture ${ms(opens[i]!.picture)}`);
    }
    const row = (label: string, pick: (r: Run) => number): string[] => {
      const a = median(drops.map(pick));
      const b = median(opens.map(pick));
      return [label, ms(a), ms(b), Number.isFinite(a / b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—'];
    };
    const rows = [
      ['metric', 'drop the bundle (import)', 'open the scenario file (baseline)', 'ratio'],
      row('→ first picture (20 accounts drawn)', (r) => r.picture),
      row('→ decided', (r) => r.decided),
      row('main thread: longest task', (r) => r.longestTask),
      row('main thread: blocked (long tasks over 50 ms)', (r) => r.blocked),
    ];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
    const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
    console.log('');
    console.log(line(rows[0]!));
    console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
    for (const r of rows.slice(1)) console.log(line(r));
    console.log(`\nTarget: drop → first picture ≤ 3,000 ms — ${median(drops.map((r) => r.picture)) <= 3000 ? 'met' : 'not met'} (median).`);
    const out = join(ROOT, 'bench/results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'import.json'), JSON.stringify({ date: new Date().toISOString(), runs: RUNS, drops, opens }, null, 2));
    console.log('Figures written to bench/results/import.json');
  } finally {
    await browser?.close();
    try {
      if (server.pid) process.kill(-server.pid);
    } catch {
      server.kill();
    }
  }
}

await main();
