/**
 * Import figures (part of `npm run bench`, run in a process of its own): the generated estate of
 * bench/estate.ts — 20 accounts, 5,000 roles, 2,000 users, 300 groups, 3,000 managed policies, as one
 * 11 MB collection bundle — imported in Node with the same code the browser's import worker runs, and the
 * first full evaluation of what it gives:
 *
 * - `importFiles` (parse, recognise, read, combine, `parseScenario`), against the floor of reading the same
 *   text with `JSON.parse` alone (the named baseline, same process);
 * - the first import in a new process (JIT not warmed up), as a page's first import is;
 * - the first full evaluation of the imported scenario (fresh objects: the world built, every policy
 *   normalized and compiled; no edges yet), the edges its policies imply (`impliedEdges`), and the first
 *   full evaluation with those edges added.
 *
 * Median and p95 of wall-clock time, with the median CPU time beside it. Nothing is asserted.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { evaluateScenario, impliedEdges } from '../src/engine';
import { importFiles } from '../src/import';
import { addEntities, parseScenario, type Scenario } from '../src/model';
import { ESTATE, estateText } from './estate';
import { ms, summarize, time, timeWith, type Timing } from './stats';

function line(label: string, t: Timing, extra = ''): void {
  console.log(`  ${label.padEnd(52)} wall median ${ms(t.median).padStart(9)} p95 ${ms(t.p95).padStart(9)} | cpu median ${ms(t.cpuMedian).padStart(9)} p95 ${ms(t.cpuP95).padStart(9)}${extra}`);
}

const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');

/** One import in this new process, printed as "wall cpu" (milliseconds). */
export function firstImport(): void {
  const text = estateText();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = importFiles([{ name: 'estate.json', text }]);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  if (!r.scenario) throw new Error(r.failure);
  console.log(`${wall} ${(c.user + c.system) / 1000}`);
}

function firstImports(count: number, script: string): Timing {
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = spawnSync(process.execPath, [...process.execArgv, script, 'first-import'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const [wall, cpuTime] = r.stdout.trim().split(' ').map(Number);
    samples.push(wall as number);
    cpu.push(cpuTime as number);
  }
  return summarize(samples, cpu);
}

export function importFigures(script: string = fileURLToPath(import.meta.url)): void {
  const text = estateText();
  const input = [{ name: 'estate.json', text }];
  console.log(`\n4. Import — the generated estate (bench/estate.ts): ${(text.length / 1048576).toFixed(1)} MB bundle, ${ESTATE.accounts} accounts, ${ESTATE.roles.toLocaleString('en-US')} roles, ${ESTATE.users.toLocaleString('en-US')} users, ${ESTATE.groups} groups, ${ESTATE.managedPolicies.toLocaleString('en-US')} managed policies`);
  let scenario: Scenario | undefined;
  const imported = time(() => {
    scenario = importFiles(input).scenario;
  }, 8, 2);
  const floor = time(() => {
    JSON.parse(text);
  }, 8, 2);
  const s = scenario as Scenario;
  const checked = time(() => {
    parseScenario(s);
  }, 8, 2);
  const cold = firstImports(3, script);
  line('importFiles (read, combine, parseScenario)', imported, `   ${s.principals.length.toLocaleString('en-US')} principals, ${s.managedPolicies.length.toLocaleString('en-US')} managed policies`);
  line('  … of which the one door alone (parseScenario)', checked);
  line('  … first import in a new process', cold, '   (JIT not warmed up; 3 processes)');
  line('baseline: JSON.parse of the same text', floor);
  console.log(`  ratio importFiles / JSON.parse: ${(imported.median / floor.median).toFixed(1)}× wall, ${(imported.cpuMedian / floor.cpuMedian).toFixed(1)}× CPU`);

  const json = JSON.stringify(s);
  const fresh = (): Scenario => JSON.parse(json) as Scenario;
  const evaluation = timeWith(fresh, (x) => void evaluateScenario(x), 8, 2);
  line('first full evaluation of the import (no edges yet)', evaluation, '   (world built: every policy normalized and compiled)');
  let implied: ReturnType<typeof impliedEdges> | undefined;
  const implying = timeWith(fresh, (x) => void (implied = impliedEdges(x)), 5, 1);
  const plan = implied as ReturnType<typeof impliedEdges>;
  line('edges its policies imply (impliedEdges)', implying, `   ${plan.edges.length.toLocaleString('en-US')} edges, ${plan.principals.length} new principals`);
  const withEdges = JSON.stringify(addEntities(s, { principals: plan.principals, accounts: plan.accounts, edges: plan.edges.map((e) => e.edge) }));
  let decisions = 0;
  const full = timeWith(() => JSON.parse(withEdges) as Scenario, (x) => {
    const e = evaluateScenario(x);
    decisions = [...e.edges.values()].reduce((n, edge) => n + edge.steps.length, 0);
  }, 8, 2);
  line('first full evaluation with those edges', full, `   ${decisions.toLocaleString('en-US')} decisions`);
  console.log(`  load average after this part ${load()}`);
}

// Run on its own (`npx tsx bench/import.bench.ts`); `npm run bench` runs it as its part "import".
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'first-import') firstImport();
  else importFigures();
}
