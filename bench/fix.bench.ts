/**
 * Fix analyses benchmark: `npm run bench:fix`.
 *
 * On the generated large scenario (50 accounts, 2,000 principals, 2,000 resources, 10,000 edges + rule
 * targets), what the evaluation worker does when asked:
 *
 * 1. proposals for a denied edge, one edge per failing reason (every strategy repaired gate by gate, each
 *    step decided again with the engine's incremental re-evaluation, every proposal's side effects over the
 *    whole scenario; a change to an SCP or RCP re-decides every edge of the accounts below it);
 * 2. the preview of one proposal: the changed scenario decided with the previous evaluation (as shipped)
 *    against the named baseline, the same scenario decided from nothing (`evaluateScenario(next)`), in one
 *    run — the ratio is what reusing the incremental re-evaluation buys;
 * 3. a what-if comparison with the scenario one edit ago (shared objects) and with the same version read
 *    from a file (fresh objects: nothing to reuse).
 *
 * Median and p95 wall clock with the median CPU time beside them; printed, never asserted.
 */
import { loadavg } from 'node:os';
import { evaluateScenario } from '../src/engine';
import { compareScenarios, previewScenario, proposeFixes } from '../src/engine/fix';
import { largeScenario } from '../src/engine/differential/largeScenario';
import { applyChanges, type Scenario } from '../src/model';
import { ms, time, type Timing } from './stats';

function line(label: string, t: Timing, extra = ''): void {
  console.log(`  ${label.padEnd(58)} median ${ms(t.median).padStart(9)}  p95 ${ms(t.p95).padStart(9)}  cpu ${ms(t.cpuMedian).padStart(9)}${extra}`);
}

const scenario: Scenario = largeScenario();
const evaluation = evaluateScenario(scenario);
console.log(`Fix analyses on the large scenario: ${evaluation.edges.size.toLocaleString('en-US')} edges and rule targets; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);

// Denied access edges, one per failing reason, so the strategies meet different gates.
const picked = new Map<string, string>();
for (const [id, e] of evaluation.edges) {
  if (e.kind !== 'access' || e.status === 'allowed' || e.status === 'invalid') continue;
  const reason = e.steps.find((s) => !s.verdict.allowed)?.verdict.reason ?? '';
  if (!picked.has(reason)) picked.set(reason, id);
  if (picked.size >= 5) break;
}
const edges = [...picked.values()];
console.log(`\n1. Proposals for a denied edge (${edges.length} edges, reasons: ${[...picked.keys()].join(', ')})`);
let proposals = 0;
for (const [reason, id] of picked) {
  const t = time(() => {
    proposals += proposeFixes(scenario, evaluation, id, 'allow').proposals.length;
  }, 5, 1);
  line(`proposeFixes: ${reason}`, t);
}

const first = proposeFixes(scenario, evaluation, edges[0] as string, 'allow').proposals[0];
if (!first) throw new Error('no proposal for the first edge');
const applied = applyChanges(scenario, first.changes.map((c) => c.change));
if ('error' in applied) throw new Error(applied.error);
const next = applied.scenario;
console.log(`\n2. Preview of one proposal ("${first.title}")`);
const incremental = time(() => previewScenario(scenario, evaluation, next), 15, 3);
const full = time(() => evaluateScenario(next), 8, 2);
line('as shipped: evaluateScenario(next, previous) + compare', incremental);
line('baseline: evaluateScenario(next) from nothing', full);
console.log(`  ratio baseline / shipped: wall ${(full.median / incremental.median).toFixed(1)}×, cpu ${(full.cpuMedian / incremental.cpuMedian).toFixed(1)}×`);

console.log('\n3. What-if comparison with the version before that proposal');
const fromHistory = time(() => compareScenarios(next, previewScenario(scenario, evaluation, next).evaluation, scenario, evaluation, '1 edit ago'), 8, 2);
const fileCopy = (): Scenario => JSON.parse(JSON.stringify(scenario)) as Scenario;
const copies = Array.from({ length: 12 }, fileCopy);
let k = 0;
const nextEvaluation = previewScenario(scenario, evaluation, next).evaluation;
const fromFile = time(() => {
  const other = copies[k++ % copies.length] as Scenario;
  compareScenarios(next, nextEvaluation, other, evaluateScenario(other, nextEvaluation), 'file');
}, 8, 2);
line('one edit ago (shared objects, incremental)', fromHistory);
line('the same version read from a file (fresh objects)', fromFile);
console.log(`  ratio file / history: wall ${(fromFile.median / fromHistory.median).toFixed(1)}×, cpu ${(fromFile.cpuMedian / fromHistory.cpuMedian).toFixed(1)}×`);
console.log(`\n(${proposals} proposals built in all)`);
