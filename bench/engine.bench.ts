/**
 * Engine benchmark: `npm run bench`.
 *
 * 1. Decisions per second on a fixed, seeded request mix (the differential test's generator): this engine
 *    and @cloud-copilot/iam-simulate's public API (`runSimulation`) on the same requests, in one run.
 * 2. A generated large scenario (50 accounts, 2,000 principals, 2,000 resources, 10,000 edges): full
 *    evaluation of every edge and rule target, as on first open: a scenario never seen before (fresh
 *    objects, so no normalized policy is reused) and no previous evaluation.
 * 3. Re-evaluation after one policy edit, which must re-evaluate only the edges that policy can affect.
 * 4. Import of a generated AWS estate in Node, and its first full evaluation (bench/import.bench.ts).
 *
 * Every figure is measured after a warm-up, over several iterations, and reported as median and p95 of wall
 * clock time and of CPU time (this process's user + system time, which other work on a shared machine
 * disturbs less); rates and ratios are given on both. The first evaluation in a new process (JIT not warmed
 * up) is reported apart. The load average is printed before and after each part. This engine's
 * decision-only pass and iam-simulate are timed in alternation, so the load falls on both alike.
 * Inputs each run needs fresh are made outside the timed region. Figures are printed, never asserted:
 * performance is reported, not tested.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { caseSchema } from '../src/engine/conformance/caseFormat';
import { caseRequest, caseWorld } from '../src/engine/conformance/caseWorld';
import { generateCases } from '../src/engine/differential/generate';
import { oracleInput } from '../src/engine/differential/oracle';
import { decideRequest, evaluateRequest, evaluateScenario, type ScenarioEvaluation } from '../src/engine';
import type { Scenario } from '../src/model';
import { LARGE, largeScenario } from '../src/engine/differential/largeScenario';
import { firstImport, importFigures } from './import.bench';
import { ms, rate, summarize, time, timeInterleaved, timeWith, type Timing } from './stats';

const MIX_SEED = 20261122;
const MIX_SIZE = 2_000;

function line(label: string, t: Timing, extra = ''): void {
  console.log(`  ${label.padEnd(44)} wall median ${ms(t.median).padStart(9)} p95 ${ms(t.p95).padStart(9)} | cpu median ${ms(t.cpuMedian).padStart(9)} p95 ${ms(t.cpuP95).padStart(9)}${extra}`);
}

const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');

async function requestMix(): Promise<void> {
  console.log(`\n3. Decisions per second — ${MIX_SIZE.toLocaleString('en-US')} generated requests (seed ${MIX_SEED}), same mix for both`);
  const cases = generateCases(MIX_SEED, MIX_SIZE).map((c) => caseSchema.parse(c));
  // Both sides get their input prepared up front: our worlds and requests, their Simulation objects.
  const prepare = () => cases.map((c) => ({ world: caseWorld(c), request: caseRequest(c.request!) }));
  const ours = prepare();
  const theirs = cases.map((c) => oracleInput(c) as unknown as Simulation);

  // The headline pair, timed in alternation (see timeInterleaved): iam-simulate's runSimulation and this
  // engine's decideRequest on the same requests.
  const [theirTiming, oursVerdict] = await timeInterleaved(
    async () => {
      for (const sim of theirs) await runSimulation(sim, {});
    },
    () => {
      for (const { world, request } of ours) decideRequest(world, request);
    },
    5,
    6,
  );
  // A control for memory traffic: as many decisions, on 100 of the worlds asked 20 times each. The work per
  // decision is the same kind; what differs is how much of the data stays in the processor's caches.
  const hundred = Array.from({ length: MIX_SIZE }, (_, i) => ours[i % 100] as (typeof ours)[number]);
  const oursCached = time(() => {
    for (const { world, request } of hundred) decideRequest(world, request);
  }, 30, 5);
  // The same, each pass on worlds made for it: nothing a world keeps from deciding (derived sessions,
  // organization verdicts by action) carries over from an earlier pass of the same request.
  const oursFresh = timeWith(prepare, (fresh) => {
    for (const { world, request } of fresh) decideRequest(world, request);
  }, 15, 3);
  const oursTiming = time(() => {
    for (const { world, request } of ours) evaluateRequest(world, request);
  }, 15, 5);
  // Stage outcomes are made when first read (drawing an edge does not read them): here they are read.
  let stageCount = 0;
  const oursStages = time(() => {
    for (const { world, request } of ours) stageCount += evaluateRequest(world, request).stages.length;
  }, 15, 5);
  if (stageCount === 0) throw new Error('no stages');
  const oursTraced = time(() => {
    for (const { world, request } of ours) evaluateRequest(world, request, { trace: true });
  }, 10, 3);
  const oursFromCase = time(() => {
    for (const c of cases) evaluateRequest(caseWorld(c), caseRequest(c.request!));
  }, 10, 3);

  const perSecond = (t: Timing): number => (MIX_SIZE / t.median) * 1000;
  const perCpuSecond = (t: Timing): number => (MIX_SIZE / t.cpuMedian) * 1000;
  const rates = (t: Timing): string => `   ${rate(perSecond(t)).padStart(11)} decisions/s wall, ${rate(perCpuSecond(t)).padStart(11)} /s cpu`;
  line('ours: decideRequest (decision only)', oursVerdict, `${rates(oursVerdict)}  (target ≥ 1,000,000/s cpu)`);
  line('ours: … 100 worlds asked 20× each (control)', oursCached, `${rates(oursCached)}  (same decisions, data kept in the caches)`);
  line('ours: … on worlds made for each pass', oursFresh, rates(oursFresh));
  line('ours: evaluateRequest (+ summary)', oursTiming, rates(oursTiming));
  line('ours: … and its stage outcomes read', oursStages, rates(oursStages));
  line('ours: with statement-level trace', oursTraced, rates(oursTraced));
  line('ours: world built from the case each time', oursFromCase, rates(oursFromCase));
  line('iam-simulate: runSimulation', theirTiming, rates(theirTiming));
  const ratio = (t: Timing): string => `${(theirTiming.median / t.median).toFixed(0)}×`;
  const cpuRatio = (t: Timing): string => `${(theirTiming.cpuMedian / t.cpuMedian).toFixed(0)}×`;
  console.log(`  ratio to iam-simulate, wall medians: decision only ${ratio(oursVerdict)} (timed in alternation); on fresh worlds ${ratio(oursFresh)}; with summary ${ratio(oursTiming)}; with summary and stages ${ratio(oursStages)}; with full trace ${ratio(oursTraced)}; world built each time ${ratio(oursFromCase)}`);
  console.log(`  ratio to iam-simulate, CPU medians:  decision only ${cpuRatio(oursVerdict)} (timed in alternation; target ≥ 250×); on fresh worlds ${cpuRatio(oursFresh)}; with summary ${cpuRatio(oursTiming)}; with summary and stages ${cpuRatio(oursStages)}; with full trace ${cpuRatio(oursTraced)}; world built each time ${cpuRatio(oursFromCase)}`);
  console.log(`  load average after this part ${load()}`);
}

/** The scenario with one identity policy of one principal edited (a new object, as the store makes it). */
function editOnePolicy(s: Scenario, principalId: string): Scenario {
  return {
    ...s,
    principals: s.principals.map((p) =>
      p.id === principalId && (p.type === 'iam-user' || p.type === 'iam-role')
        ? { ...p, policies: p.policies.map((np, i) => (i === 0 ? { ...np, document: { ...np.document, Statement: [...(Array.isArray(np.document.Statement) ? np.document.Statement : [np.document.Statement]), { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }] } } : np)) }
        : p,
    ),
  };
}

/** The scenario with one resource policy edited. */
function editOneResourcePolicy(s: Scenario, resourceId: string): Scenario {
  return {
    ...s,
    resources: s.resources.map((r) => (r.id === resourceId ? { ...r, policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-benchmark01' } } }] } } : r)),
  };
}

/** What the canvas reads of every edge to draw it: the edge's summary and each step's full decision. */
function readEveryExplanation(e: ScenarioEvaluation): void {
  for (const edge of e.edges.values()) {
    if (edge.summary.length === 0) throw new Error('empty summary');
    for (const step of edge.steps) if (step.decision.summary.length === 0) throw new Error('empty summary');
  }
}

function largeScenarioFigures(): void {
  const scenario = largeScenario();
  const text = JSON.stringify(scenario);
  // A scenario never seen before, as a file, a share link or the evaluation worker hands it over: new
  // objects (the model's parsing is not part of this figure).
  const fresh = (): Scenario => JSON.parse(text) as Scenario;
  const targets = scenario.rules.reduce((n, r) => n + r.targets.length, 0);
  console.log(
    `\n1. Large scenario — ${scenario.accounts.length} accounts, ${scenario.principals.length.toLocaleString('en-US')} principals, ${scenario.resources.length.toLocaleString('en-US')} resources, ${scenario.edges.length.toLocaleString('en-US')} edges (+ ${targets} rule targets)`,
  );
  if (scenario.accounts.length !== LARGE.accounts || scenario.edges.length !== LARGE.edges) throw new Error('the large scenario does not have the size the issue names');
  let last: ScenarioEvaluation | undefined;
  const firstOpen = timeWith(fresh, (s) => {
    last = evaluateScenario(s);
  }, 15, 3);
  const evaluation = last as ScenarioEvaluation;
  const decisions = [...evaluation.edges.values()].reduce((n, e) => n + e.steps.length, 0);
  const statuses: Record<string, number> = {};
  for (const e of evaluation.edges.values()) statuses[e.status] = (statuses[e.status] ?? 0) + 1;
  line('full evaluation, first open', firstOpen, `  ${decisions.toLocaleString('en-US')} decisions (target ≤ 50 ms)`);
  console.log('    (fresh scenario objects, no previous evaluation: builds the world — normalizes and compiles every policy —,');
  console.log('     decides every edge and rule target, makes every result; summaries and explanations are built when read)');
  let base: ScenarioEvaluation | undefined;
  const again = time(() => {
    base = evaluateScenario(scenario);
  }, 15, 3);
  line('  … the same scenario objects again', again, '   (policies already normalized and compiled, per document)');
  const explained = timeWith(fresh, (s) => readEveryExplanation(evaluateScenario(s)), 8, 2);
  line('  … and every summary and step decision read', explained, '   (what the canvas reads to draw every edge)');
  const first = firstEvaluations(5);
  line('  … first evaluation in a new process', first, '   (JIT not warmed up; median of 5 processes)');
  console.log(`  edge statuses: ${JSON.stringify(statuses)}`);

  console.log('\n2. Re-evaluation after one policy edit (previous evaluation reused)');
  const previous = base as ScenarioEvaluation;
  const principal = scenario.principals.find((p) => p.type === 'iam-role' && scenario.edges.filter((e) => e.from === p.id).length >= 5) ?? scenario.principals[0]!;
  const editedIdentity = editOnePolicy(scenario, principal.id);
  let result: ScenarioEvaluation | undefined;
  const identityEdit = time(() => {
    result = evaluateScenario(editedIdentity, previous);
  }, 30, 5);
  const affectedByPrincipal = scenario.edges.filter((e) => e.from === principal.id).length + scenario.rules.reduce((n, r) => n + r.targets.filter((t) => t.roleId === principal.id).length, 0);
  line(`identity policy of ${principal.name}`, identityEdit, `   re-evaluated ${result!.stats.evaluated} of ${result!.stats.evaluated + result!.stats.reused} (edges from it: ${affectedByPrincipal})   (target ≤ 5 ms)`);

  const resource = scenario.resources.find((r) => scenario.edges.filter((e) => e.to === r.id).length >= 5) ?? scenario.resources[0]!;
  const editedResource = editOneResourcePolicy(scenario, resource.id);
  const resourceEdit = time(() => {
    result = evaluateScenario(editedResource, previous);
  }, 30, 5);
  const affectedByResource = scenario.edges.filter((e) => e.to === resource.id).length + scenario.rules.reduce((n, r) => n + r.targets.filter((t) => t.resourceId === resource.id).length + (r.busId === resource.id ? r.targets.length : 0), 0);
  line(`resource policy of ${resource.name}`, resourceEdit, `   re-evaluated ${result!.stats.evaluated} of ${result!.stats.evaluated + result!.stats.reused} (edges to it: ${affectedByResource})`);
  console.log(`  load average after this part ${load()}`);
}

/** The first evaluation of a fresh scenario in `count` new processes: what a first open costs before the JIT has warmed up. */
function firstEvaluations(count: number): Timing {
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), 'first'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const [wall, cpuTime] = r.stdout.trim().split(' ').map(Number);
    samples.push(wall as number);
    cpu.push(cpuTime as number);
  }
  return summarize(samples, cpu);
}

/** One evaluation in this new process, printed as "wall cpu" (milliseconds). */
function firstEvaluation(): void {
  const s = JSON.parse(JSON.stringify(largeScenario())) as Scenario;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  evaluateScenario(s);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  console.log(`${wall} ${(c.user + c.system) / 1000}`);
}

if (process.argv[2] === undefined) console.log(`Engine benchmark — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load average before the run ${load()}`);
if (process.argv[2] === undefined) console.log('(median and p95 of wall-clock time and of CPU time — this process\'s user + system time, less disturbed by other work on the machine)');
// Each part runs in a fresh process, so the large results one part keeps alive do not slow the other's
// garbage collection. Ours and iam-simulate share one process and one mix.
const part = process.argv[2];
if (part === 'scenario') largeScenarioFigures();
else if (part === 'mix') await requestMix();
else if (part === 'first') firstEvaluation();
else if (part === 'import') importFigures(fileURLToPath(import.meta.url));
else if (part === 'first-import') firstImport();
else {
  for (const p of ['scenario', 'mix', 'import']) {
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), p], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  console.log(`\nload average after the run ${load()}`);
}
