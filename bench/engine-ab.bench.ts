/**
 * Engine A/B: `npx tsx bench/engine-ab.bench.ts [REV]` (REV defaults to `main`).
 *
 * Decides the benchmark's request mix (the differential generator's 2,000 requests, seed 20261122) with the
 * engine of this checkout and with the engine of REV, in one process, alternating the two many times, and
 * reports the median CPU time of each and their ratio. On a machine shared with other work, wall-clock figures
 * from separate runs move by more than a change costs; two engines measured turn about in one process see the
 * same load, so their ratio is the figure to read. REV's source is taken with `git archive` into a temporary
 * directory (removed afterwards) and uses this checkout's node_modules. Nothing is asserted.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface EngineModules {
  readonly caseSchema: { parse(x: unknown): { request?: unknown } };
  readonly caseWorld: (c: unknown) => unknown;
  readonly caseRequest: (r: unknown) => unknown;
  readonly decideRequest: (w: unknown, r: unknown) => unknown;
  readonly evaluateRequest: (w: unknown, r: unknown) => unknown;
  readonly generateCases: (seed: number, count: number) => unknown[];
}

async function load(root: string): Promise<EngineModules> {
  const at = (path: string): Promise<Record<string, unknown>> => import(join(root, path)) as Promise<Record<string, unknown>>;
  const format = await at('src/engine/conformance/caseFormat.ts');
  const world = await at('src/engine/conformance/caseWorld.ts');
  const evaluate = await at('src/engine/evaluate/evaluate.ts');
  const generate = await at('src/engine/differential/generate.ts');
  return {
    caseSchema: format['caseSchema'] as EngineModules['caseSchema'],
    caseWorld: world['caseWorld'] as EngineModules['caseWorld'],
    caseRequest: world['caseRequest'] as EngineModules['caseRequest'],
    decideRequest: evaluate['decideRequest'] as EngineModules['decideRequest'],
    evaluateRequest: evaluate['evaluateRequest'] as EngineModules['evaluateRequest'],
    generateCases: generate['generateCases'] as EngineModules['generateCases'],
  };
}

const here = resolve(fileURLToPath(import.meta.url), '../..');
const rev = process.argv[2] ?? 'main';
const dir = mkdtempSync(join(tmpdir(), 'engine-ab-'));
try {
  execSync(`git archive ${JSON.stringify(rev)} src | tar -x -C ${JSON.stringify(dir)}`, { cwd: here, stdio: ['ignore', 'ignore', 'inherit'] });
  symlinkSync(join(here, 'node_modules'), join(dir, 'node_modules'));
  const base = await load(dir);
  const ours = await load(here);
  const prepare = (m: EngineModules) =>
    m.generateCases(20261122, 2000).map((c) => {
      const parsed = m.caseSchema.parse(c);
      return { world: m.caseWorld(parsed), request: m.caseRequest(parsed.request) };
    });
  const inputs = new Map([
    [base, prepare(base)],
    [ours, prepare(ours)],
  ]);
  const cpu = (m: EngineModules, decide: boolean): number => {
    const c0 = process.cpuUsage();
    for (const { world, request } of inputs.get(m) ?? []) {
      if (decide) m.decideRequest(world, request);
      else m.evaluateRequest(world, request);
    }
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  console.log(`Engine A/B — this checkout against ${rev}: CPU time to decide 2,000 generated requests (seed 20261122), medians of 60 alternating runs`);
  for (const [label, decide] of [
    ['decideRequest (decision only)', true],
    ['evaluateRequest (+ summary)', false],
  ] as const) {
    for (let i = 0; i < 10; i++) {
      cpu(base, decide);
      cpu(ours, decide);
    }
    const b: number[] = [];
    const o: number[] = [];
    for (let i = 0; i < 60; i++) {
      // Turn about, so neither always runs first.
      if (i % 2 === 0) {
        b.push(cpu(base, decide));
        o.push(cpu(ours, decide));
      } else {
        o.push(cpu(ours, decide));
        b.push(cpu(base, decide));
      }
    }
    console.log(`  ${label.padEnd(32)} ${rev}: ${median(b).toFixed(2)} ms   this checkout: ${median(o).toFixed(2)} ms   ratio ${(median(o) / median(b)).toFixed(3)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
