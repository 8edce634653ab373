/**
 * A workload to profile, not a benchmark: `node --cpu-prof --import tsx bench/profile.ts PART [seconds]`,
 * then `npx tsx bench/cpuprofile.ts FILE.cpuprofile` sums self time by function. Prints the median CPU time
 * of one run (this process's user + system time), which a loaded machine disturbs less than wall time.
 * What a run needs fresh is made by `prepare`, outside the timing (it still shows in a profile, under
 * `prepare`).
 *
 * - `mix`: `decideRequest` over the benchmark's 2,000 generated requests, over and over;
 * - `scenario`: the large scenario's first open (fresh objects each time);
 * - `again`: the large scenario evaluated again from the same objects (policies already compiled);
 * - `edit`: re-evaluation of the large scenario after one identity-policy edit;
 * - `explain`: the first open, then every edge's summary and every step's decision read (what the canvas shows).
 */
import { caseSchema } from '../src/engine/conformance/caseFormat';
import { caseRequest, caseWorld } from '../src/engine/conformance/caseWorld';
import { generateCases } from '../src/engine/differential/generate';
import { largeScenario } from '../src/engine/differential/largeScenario';
import { decideRequest, evaluateScenario } from '../src/engine';
import type { Scenario } from '../src/model';

const part = process.argv[2] ?? 'mix';
const seconds = Number(process.argv[3] ?? 10);
const cpu: number[] = [];
let prepare = (): void => {};
let run: () => void;
if (part === 'mix') {
  const cases = generateCases(20261122, 2_000).map((c) => caseSchema.parse(c));
  const ours = cases.map((c) => ({ world: caseWorld(c), request: caseRequest(c.request!) }));
  run = () => {
    for (const { world, request } of ours) decideRequest(world, request);
  };
} else if (part === 'scenario' || part === 'again' || part === 'edit' || part === 'explain') {
  const text = JSON.stringify(largeScenario());
  const scenario = JSON.parse(text) as Scenario;
  const first = evaluateScenario(scenario);
  const p = scenario.principals.find((x) => x.type === 'iam-role')!;
  let fresh = scenario;
  if (part === 'scenario' || part === 'explain') {
    prepare = () => {
      fresh = JSON.parse(text) as Scenario;
    };
  }
  run =
    part === 'scenario'
      ? () => void evaluateScenario(fresh)
      : part === 'explain'
        ? () => {
          for (const edge of evaluateScenario(fresh).edges.values()) {
            if (edge.summary.length === 0) throw new Error('empty summary');
            for (const step of edge.steps) if (step.decision.summary.length === 0) throw new Error('empty summary');
          }
        }
        : part === 'again'
          ? () => void evaluateScenario(scenario)
          : () => {
            const edited: Scenario = {
              ...scenario,
              principals: scenario.principals.map((x) => (x === p && x.type === 'iam-role' ? { ...x, policies: x.policies.map((np) => ({ ...np, document: { ...np.document } })) } : x)),
            };
            evaluateScenario(edited, first);
          };
} else throw new Error(`unknown part ${part}`);
const until = performance.now() + seconds * 1000;
while (performance.now() < until) {
  prepare();
  const c0 = process.cpuUsage();
  run();
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
cpu.sort((a, b) => a - b);
console.log(`${part}: ${cpu.length} runs in ${seconds} s; CPU per run: median ${cpu[cpu.length >> 1]!.toFixed(3)} ms, fastest ${cpu[0]!.toFixed(3)} ms`);
