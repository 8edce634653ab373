/**
 * Engine A/B: `npx tsx bench/engine-ab.bench.ts [REV] [PART...]` (REV defaults to `main`; PART is `mix`,
 * `scenario`, `edit` or `explain`, all four by default).
 *
 * Runs the same workloads with the engine of this checkout and with the engine of REV, in one process,
 * alternating the two many times, and reports the median CPU time of each and their ratio:
 *
 * - `mix`: the benchmark's request mix (the differential generator's 2,000 requests, seed 20261122), each in
 *   its own world, with `decideRequest` and with `evaluateRequest`;
 * - `scenario`: the large scenario's first open (`evaluateScenario` on fresh objects, made outside the timing);
 * - `edit`: its re-evaluation after one identity-policy edit (from the same previous evaluation each time);
 * - `explain`: first open, then every edge's summary and every step's decision read (what the canvas shows).
 *
 * On a machine shared with other work, wall-clock figures from separate runs move by more than a change
 * costs; two engines measured turn about in one process see the same load, so their ratio is the figure to
 * read. REV's source is taken with `git archive` into a temporary directory (removed afterwards) and uses this
 * checkout's node_modules. The load average is printed with each part. Nothing is asserted.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ScenarioLike {
  readonly principals: ReadonlyArray<{ readonly id: string; readonly type: string; readonly policies?: ReadonlyArray<{ readonly document: Record<string, unknown> }> }>;
}
interface EvaluationLike {
  readonly edges: ReadonlyMap<string, { readonly summary: string; readonly steps: ReadonlyArray<{ readonly decision: { readonly summary: string } }> }>;
}

interface EngineModules {
  readonly caseSchema: { parse(x: unknown): { request?: unknown } };
  readonly caseWorld: (c: unknown) => unknown;
  readonly caseRequest: (r: unknown) => unknown;
  readonly decideRequest: (w: unknown, r: unknown) => unknown;
  readonly evaluateRequest: (w: unknown, r: unknown) => unknown;
  readonly generateCases: (seed: number, count: number) => unknown[];
  readonly evaluateScenario: (s: unknown, previous?: unknown) => EvaluationLike;
  readonly largeScenario: () => ScenarioLike;
}

async function load(root: string): Promise<EngineModules> {
  const at = (path: string): Promise<Record<string, unknown>> => import(join(root, path)) as Promise<Record<string, unknown>>;
  const format = await at('src/engine/conformance/caseFormat.ts');
  const world = await at('src/engine/conformance/caseWorld.ts');
  const evaluate = await at('src/engine/evaluate/evaluate.ts');
  const generate = await at('src/engine/differential/generate.ts');
  const scenario = await at('src/engine/scenario/evaluateScenario.ts');
  const large = await at('src/engine/differential/largeScenario.ts');
  return {
    caseSchema: format['caseSchema'] as EngineModules['caseSchema'],
    caseWorld: world['caseWorld'] as EngineModules['caseWorld'],
    caseRequest: world['caseRequest'] as EngineModules['caseRequest'],
    decideRequest: evaluate['decideRequest'] as EngineModules['decideRequest'],
    evaluateRequest: evaluate['evaluateRequest'] as EngineModules['evaluateRequest'],
    generateCases: generate['generateCases'] as EngineModules['generateCases'],
    evaluateScenario: scenario['evaluateScenario'] as EngineModules['evaluateScenario'],
    largeScenario: large['largeScenario'] as EngineModules['largeScenario'],
  };
}

/** One workload of one engine: `prepare` runs untimed before each timed `run`. */
interface Workload {
  prepare(): void;
  run(): void;
}

const cpuOf = (w: Workload): number => {
  w.prepare();
  const c0 = process.cpuUsage();
  w.run();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const loadAverage = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');

/** Times two workloads turn about (`rounds` each, after `warm` untimed rounds) and prints both medians and their ratio. */
function compare(label: string, base: Workload, ours: Workload, rounds: number, warm: number): void {
  for (let i = 0; i < warm; i++) {
    cpuOf(base);
    cpuOf(ours);
  }
  const b: number[] = [];
  const o: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // Turn about, so neither always runs first.
    if (i % 2 === 0) {
      b.push(cpuOf(base));
      o.push(cpuOf(ours));
    } else {
      o.push(cpuOf(ours));
      b.push(cpuOf(base));
    }
  }
  console.log(`  ${label.padEnd(44)} ${rev}: ${median(b).toFixed(2).padStart(8)} ms   this checkout: ${median(o).toFixed(2).padStart(8)} ms   ratio ${(median(o) / median(b)).toFixed(3)}   (load ${loadAverage()})`);
}

function mixWorkloads(m: EngineModules): { decide: Workload; evaluate: Workload } {
  const inputs = m.generateCases(20261122, 2000).map((c) => {
    const parsed = m.caseSchema.parse(c);
    return { world: m.caseWorld(parsed), request: m.caseRequest(parsed.request) };
  });
  return {
    decide: { prepare: () => {}, run: () => inputs.forEach(({ world, request }) => m.decideRequest(world, request)) },
    evaluate: { prepare: () => {}, run: () => inputs.forEach(({ world, request }) => m.evaluateRequest(world, request)) },
  };
}

/** The large scenario as a file or a share link gives it: fresh objects for each run (made untimed). */
function scenarioWorkloads(m: EngineModules): { open: Workload; edit: Workload; explain: Workload } {
  const text = JSON.stringify(m.largeScenario());
  let fresh: unknown;
  const base = JSON.parse(text) as ScenarioLike;
  const first = m.evaluateScenario(base);
  const role = base.principals.find((p) => p.type === 'iam-role' && (p.policies?.length ?? 0) > 0);
  let edited: unknown;
  return {
    open: {
      prepare: () => {
        fresh = JSON.parse(text);
      },
      run: () => void m.evaluateScenario(fresh),
    },
    edit: {
      // One identity policy edited, as the store makes it: a new principal object with a new document.
      prepare: () => {
        edited = {
          ...base,
          principals: base.principals.map((p) => (p === role ? { ...p, policies: p.policies?.map((np, i) => (i === 0 ? { ...np, document: { ...np.document, Statement: [...(np.document['Statement'] as unknown[]), { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }] } } : np)) } : p)),
        };
      },
      run: () => void m.evaluateScenario(edited, first),
    },
    explain: {
      prepare: () => {
        fresh = JSON.parse(text);
      },
      run: () => {
        const e = m.evaluateScenario(fresh);
        for (const edge of e.edges.values()) {
          if (edge.summary.length === 0) throw new Error('empty summary');
          for (const step of edge.steps) if (step.decision.summary.length === 0) throw new Error('empty summary');
        }
      },
    },
  };
}

const here = resolve(fileURLToPath(import.meta.url), '../..');
const rev = process.argv[2] ?? 'main';
const parts = process.argv.length > 3 ? process.argv.slice(3) : ['mix', 'scenario', 'edit', 'explain'];
const dir = mkdtempSync(join(tmpdir(), 'engine-ab-'));
try {
  execSync(`git archive ${JSON.stringify(rev)} src | tar -x -C ${JSON.stringify(dir)}`, { cwd: here, stdio: ['ignore', 'ignore', 'inherit'] });
  symlinkSync(join(here, 'node_modules'), join(dir, 'node_modules'));
  const base = await load(dir);
  const ours = await load(here);
  console.log(`Engine A/B — this checkout against ${rev}: median CPU time of each, turn about in one process (load average ${loadAverage()})`);
  if (parts.includes('mix')) {
    const b = mixWorkloads(base);
    const o = mixWorkloads(ours);
    compare('mix: decideRequest, 2,000 requests', b.decide, o.decide, 60, 10);
    compare('mix: evaluateRequest (+ summary), 2,000', b.evaluate, o.evaluate, 60, 10);
  }
  if (parts.some((p) => p === 'scenario' || p === 'edit' || p === 'explain')) {
    const b = scenarioWorkloads(base);
    const o = scenarioWorkloads(ours);
    if (parts.includes('scenario')) compare('large scenario: first open', b.open, o.open, 30, 5);
    if (parts.includes('edit')) compare('large scenario: one identity-policy edit', b.edit, o.edit, 60, 10);
    if (parts.includes('explain')) compare('large scenario: first open + every summary', b.explain, o.explain, 16, 3);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
