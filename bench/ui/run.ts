/**
 * UI benchmark (`npm run bench:ui`): our canvas against bare React Flow on the same generated
 * 1,000-node / 2,000-edge scenario, in headless Chromium, in one run:
 *
 * - time to first render (every node and edge in the DOM and painted; for ours also: every edge decided),
 * - frame times while zooming (mouse wheel) and panning (Space + drag),
 * - time from a policy edit to the recoloured canvas (one resource's policy; an organization-wide SCP),
 *   against bare React Flow restyling the same edges,
 * - and the production bundle: initial JavaScript and CSS, gzip, and the chunks loaded on demand.
 *
 * Figures are medians over BENCH_RUNS runs (default 3). A third page measures our canvas rendering only
 * the elements in view (React Flow's onlyRenderVisibleElements), the alternative we measured and rejected
 * at this size. Nothing here asserts a timing.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { gzipBytes, INITIAL_JS_BUDGET_BYTES, measureInitialJs, staticImportsOf, type ChunkInfo } from '../../scripts/initialJs';

const ROOT = resolve(import.meta.dirname, '../..');
const PORT = Number(process.env['BENCH_PORT'] ?? process.env['E2E_PORT'] ?? 4300);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const NODES = Number(process.env['BENCH_NODES'] ?? 1000);
const EDGES = Number(process.env['BENCH_EDGES'] ?? 2000);
const VIEWPORT = { width: 1440, height: 900 };

const median = (xs: number[]): number => {
  const s = [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number) : Number.NaN;
};
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 1 : 0)} ms` : '—');

// ---------------------------------------------------------------------------------------------- bundle

interface Bundle {
  initialJs: { file: string; gzip: number }[];
  initialCss: { file: string; gzip: number }[];
  lazy: { file: string; gzip: number }[];
}

function gz(file: string): number {
  return gzipBytes(readFileSync(file));
}

/**
 * The initial JavaScript as the browser fetches it: the entry script of index.html and every chunk it
 * imports statically, transitively (read from the built files, scripts/initialJs.ts), which must be exactly
 * the chunks index.html preloads; the rest is loaded on demand.
 */
function measureBundle(): Bundle {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  const dist = join(ROOT, 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = (re: RegExp) => [...html.matchAll(re)].map((m) => (m[1] as string).replace(/^\//, ''));
  const entries = refs(/<script[^>]+src="([^"]+\.js)"/g);
  const preloaded = new Set([...entries, ...refs(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)]);
  const initialCssFiles = refs(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g);
  const assets = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
  const chunks = new Map<string, ChunkInfo>(
    assets.map((f) => {
      const file = `assets/${f}`;
      const code = readFileSync(join(dist, file), 'utf8');
      return [file, { code, imports: staticImportsOf(code, file) }];
    }),
  );
  const initial = measureInitialJs(entries, chunks);
  const initialFiles = new Set(initial.files.map((f) => f.file));
  const unlisted = [...initialFiles].filter((f) => !preloaded.has(f));
  const extra = [...preloaded].filter((f) => !initialFiles.has(f));
  if (unlisted.length > 0 || extra.length > 0) {
    console.warn(`index.html's preloads differ from the entry's static imports: not preloaded ${unlisted.join(', ') || 'none'}; preloaded but not imported ${extra.join(', ') || 'none'}`);
  }
  return {
    initialJs: initial.files.map((f) => ({ file: f.file, gzip: f.gzip })),
    initialCss: initialCssFiles.map((f) => ({ file: f, gzip: gz(join(dist, f)) })),
    lazy: assets
      .map((f) => `assets/${f}`)
      .filter((f) => !initialFiles.has(f))
      .map((f) => ({ file: f, gzip: gz(join(dist, f)) }))
      .sort((a, b) => b.gzip - a.gzip),
  };
}

// ----------------------------------------------------------------------------------------------- pages

interface RunResult {
  rendered: number;
  decided: number;
  zoomFrames: number[];
  panFrames: number[];
  some: { ms: number; edges: number }[];
  all: { ms: number; edges: number }[];
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The preview server at ${url} did not start`);
}

function chromiumPath(): string | undefined {
  for (const p of [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (p && existsSync(p)) return p;
  return undefined;
}

async function measure(browser: Browser, url: string): Promise<RunResult> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page: Page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error on ${url}: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => window.__bench !== undefined);
  const rendered = await page.evaluate(() => window.__bench!.rendered);
  const decided = await page.evaluate(() => window.__bench!.decided);
  // Let the first layout settle (fit view, measurements) before timing interactions.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no pane');
  const cx = pane.x + pane.width / 2;
  const cy = pane.y + pane.height / 2;

  // Zoom: 15 wheel steps in, 15 out, at about 60 events a second.
  await page.mouse.move(cx, cy);
  await page.evaluate(() => window.__bench!.startFrames());
  for (const dy of [...Array(15).fill(-100), ...Array(15).fill(100)] as number[]) {
    await page.mouse.wheel(0, dy);
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(300);
  const zoomFrames = await page.evaluate(() => window.__bench!.stopFrames());

  // Pan: hold Space (pans over nodes too) and drag across the canvas and back.
  await page.keyboard.down('Space');
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.evaluate(() => window.__bench!.startFrames());
  for (let i = 0; i < 40; i++) {
    await page.mouse.move(cx + Math.sin(i / 6) * 300, cy + Math.cos(i / 6) * 150);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  await page.keyboard.up('Space');
  await page.waitForTimeout(300);
  const panFrames = await page.evaluate(() => window.__bench!.stopFrames());

  const some: RunResult['some'] = [];
  for (let i = 0; i < 4; i++) some.push(await page.evaluate(() => window.__bench!.recolourSome()));
  const all: RunResult['all'] = [];
  for (let i = 0; i < 2; i++) all.push(await page.evaluate(() => window.__bench!.recolourAll()));
  await context.close();
  return { rendered, decided, zoomFrames, panFrames, some, all };
}

// ---------------------------------------------------------------------------------------------- report

interface Summary {
  label: string;
  rendered: number;
  decided: number;
  zoomMean: number;
  zoomP95: number;
  panMean: number;
  panP95: number;
  someMs: number;
  someEdges: number;
  allMs: number;
  allEdges: number;
}

function summarize(label: string, runs: RunResult[]): Summary {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return {
    label,
    rendered: median(runs.map((r) => r.rendered)),
    decided: median(runs.map((r) => r.decided)),
    zoomMean: median(runs.map((r) => mean(r.zoomFrames))),
    zoomP95: median(runs.map((r) => percentile(r.zoomFrames, 95))),
    panMean: median(runs.map((r) => mean(r.panFrames))),
    panP95: median(runs.map((r) => percentile(r.panFrames, 95))),
    // The first edit of a run warms up; the median of the rest is reported.
    someMs: median(runs.flatMap((r) => r.some.slice(1).map((x) => x.ms))),
    someEdges: runs[0]?.some[0]?.edges ?? 0,
    allMs: median(runs.flatMap((r) => r.all.map((x) => x.ms))),
    allEdges: runs[0]?.all[0]?.edges ?? 0,
  };
}

async function main(): Promise<void> {
  console.log(`UI benchmark: ${NODES} nodes, ${EDGES} edges, ${RUNS} runs per page, window ${VIEWPORT.width}×${VIEWPORT.height}, Chromium headless (software rendering)`);
  const bundle = measureBundle();
  execFileSync('npx', ['vite', 'build', '--config', 'bench/ui/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' });
  const server = spawn('npx', ['vite', 'preview', '--config', 'bench/ui/vite.config.ts', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { cwd: ROOT, stdio: 'ignore', detached: true });
  const base = `http://127.0.0.1:${PORT}/bench/ui`;
  let browser: Browser | undefined;
  try {
    await waitForServer(`${base}/bare.html`);
    const executablePath = chromiumPath();
    browser = await chromium.launch({ headless: true, ...(executablePath ? { executablePath } : {}), args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-gpu'] });
    const q = `nodes=${NODES}&edges=${EDGES}`;
    // Our canvas shares the window with the palette, inspector and toolbars: the bare page gets a canvas
    // of the same size, so both fit the scenario at the same zoom and draw the same things.
    const probe = await browser.newPage({ viewport: VIEWPORT });
    await probe.goto(`${base}/app.html?${q}`);
    const canvas = await probe.locator('.react-flow').boundingBox();
    await probe.close();
    if (!canvas) throw new Error('our canvas did not render');
    const pages = [
      { label: 'bare React Flow', url: `${base}/bare.html?${q}&w=${Math.round(canvas.width)}&h=${Math.round(canvas.height)}` },
      { label: 'ours (as shipped)', url: `${base}/app.html?${q}` },
      { label: 'ours, only visible rendered', url: `${base}/app.html?${q}&virtualize=1` },
    ];
    const results: Summary[] = [];
    for (const p of pages) {
      const runs: RunResult[] = [];
      // Interleave is not needed: each run gets a fresh browser context; pages are measured in turn.
      for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, p.url));
      results.push(summarize(p.label, runs));
      console.log(`  measured ${p.label}`);
    }
    report(results, bundle);
  } finally {
    await browser?.close();
    try {
      if (server.pid) process.kill(-server.pid);
    } catch {
      server.kill();
    }
  }
}

function report(results: Summary[], bundle: Bundle): void {
  const [bare, ...ours] = results as [Summary, ...Summary[]];
  const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—');
  const rows: string[][] = [
    ['metric', ...results.map((r) => r.label), ...ours.map((r) => `ratio ${r.label} / bare`)],
    ['first render (all nodes and edges painted)', ...results.map((r) => ms(r.rendered)), ...ours.map((r) => ratio(r.rendered, bare.rendered))],
    ['… and every edge decided', ...results.map((r) => ms(r.decided)), ...ours.map((r) => ratio(r.decided, bare.rendered))],
    ['zoom: mean frame', ...results.map((r) => ms(r.zoomMean)), ...ours.map((r) => ratio(r.zoomMean, bare.zoomMean))],
    ['zoom: p95 frame', ...results.map((r) => ms(r.zoomP95)), ...ours.map((r) => ratio(r.zoomP95, bare.zoomP95))],
    ['pan: mean frame', ...results.map((r) => ms(r.panMean)), ...ours.map((r) => ratio(r.panMean, bare.panMean))],
    ['pan: p95 frame', ...results.map((r) => ms(r.panP95)), ...ours.map((r) => ratio(r.panP95, bare.panP95))],
    [`edit a resource policy → recoloured (${ours[0]?.someEdges ?? bare.someEdges} edges)`, ...results.map((r) => ms(r.someMs)), ...ours.map((r) => ratio(r.someMs, bare.someMs))],
    [`edit an SCP → recoloured (all ${bare.allEdges} edges re-decided)`, ...results.map((r) => ms(r.allMs)), ...ours.map((r) => ratio(r.allMs, bare.allMs))],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log('');
  console.log(line(rows[0]!));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const r of rows.slice(1)) console.log(line(r));
  const initial = bundle.initialJs.reduce((n, f) => n + f.gzip, 0);
  const css = bundle.initialCss.reduce((n, f) => n + f.gzip, 0);
  console.log('');
  console.log(`Production bundle: initial JavaScript ${kb(initial)} gzip, budget ${kb(INITIAL_JS_BUDGET_BYTES)} (the entry and every chunk it imports statically: ${bundle.initialJs.map((f) => `${f.file} ${kb(f.gzip)}`).join(', ')}); CSS ${kb(css)} gzip.`);
  console.log(`Loaded on demand: ${bundle.lazy.map((f) => `${f.file} ${kb(f.gzip)}`).join(', ')}`);
  const out = join(ROOT, 'bench/results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'ui.json'), JSON.stringify({ date: new Date().toISOString(), nodes: NODES, edges: EDGES, runs: RUNS, results, bundle: { initialJsGzip: initial, cssGzip: css, ...bundle } }, null, 2));
  console.log(`Figures written to bench/results/ui.json`);
}

await main();
