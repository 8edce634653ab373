/**
 * Engine benchmark: `npm run bench`.
 *
 * 1. Decisions per second on a fixed, seeded request mix (the differential test's generator): this engine
 *    and @cloud-copilot/iam-simulate's public API (`runSimulation`) on the same requests, in one run.
 * 2. A generated large scenario (50 accounts, 2,000 principals, 2,000 resources, 10,000 edges): full
 *    evaluation of every edge and rule target.
 * 3. Re-evaluation after one policy edit, which must re-evaluate only the edges that policy can affect.
 *
 * Every figure is measured after a warm-up, over several iterations, and reported as median and p95.
 * Figures are printed, never asserted: performance is reported, not tested.
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
import { ms, rate, time, timeAsync, type Timing } from './stats';

const MIX_SEED = 20261122;
const MIX_SIZE = 2_000;

function line(label: string, t: Timing, extra = ''): void {
  console.log(`  ${label.padEnd(44)} median ${ms(t.median).padStart(9)}  p95 ${ms(t.p95).padStart(9)}  cpu ${ms(t.cpuMedian).padStart(9)}${extra}`);
}

async function requestMix(): Promise<void> {
  console.log(`\n3. Decisions per second — ${MIX_SIZE.toLocaleString('en-US')} generated requests (seed ${MIX_SEED}), same mix for both`);
  const cases = generateCases(MIX_SEED, MIX_SIZE).map((c) => caseSchema.parse(c));
  // Both sides get their input prepared up front: our worlds and requests, their Simulation objects.
  const ours = cases.map((c) => ({ world: caseWorld(c), request: caseRequest(c.request!) }));
  const theirs = cases.map((c) => oracleInput(c) as unknown as Simulation);

  const oursVerdict = time(() => {
    for (const { world, request } of ours) decideRequest(world, request);
  }, 15, 5);
  const oursTiming = time(() => {
    for (const { world, request } of ours) evaluateRequest(world, request);
  }, 15, 5);
  const oursTraced = time(() => {
    for (const { world, request } of ours) evaluateRequest(world, request, { trace: true });
  }, 10, 3);
  const oursFromCase = time(() => {
    for (const c of cases) evaluateRequest(caseWorld(c), caseRequest(c.request!));
  }, 10, 3);
  const theirTiming = await timeAsync(async () => {
    for (const sim of theirs) await runSimulation(sim, {});
  }, 3, 1);

  const perSecond = (t: Timing): number => (MIX_SIZE / t.median) * 1000;
  line('ours: decideRequest (decision only)', oursVerdict, `   ${rate(perSecond(oursVerdict)).padStart(11)} decisions/s`);
  line('ours: evaluateRequest (+ summary, stages)', oursTiming, `   ${rate(perSecond(oursTiming)).padStart(11)} decisions/s`);
  line('ours: with statement-level trace', oursTraced, `   ${rate(perSecond(oursTraced)).padStart(11)} decisions/s`);
  line('ours: world built from the case each time', oursFromCase, `   ${rate(perSecond(oursFromCase)).padStart(11)} decisions/s`);
  line('iam-simulate: runSimulation', theirTiming, `   ${rate(perSecond(theirTiming)).padStart(11)} decisions/s`);
  const ratio = (t: Timing): string => `${(perSecond(t) / perSecond(theirTiming)).toFixed(0)}×`;
  const cpuRatio = (t: Timing): string => `${(theirTiming.cpuMedian / t.cpuMedian).toFixed(0)}×`;
  console.log(`  ratio to iam-simulate, wall medians: decision only ${ratio(oursVerdict)} (target ≥ 100×); with summary and stages ${ratio(oursTiming)}; with full trace ${ratio(oursTraced)}; world built each time ${ratio(oursFromCase)}`);
  console.log(`  ratio to iam-simulate, CPU medians:  decision only ${cpuRatio(oursVerdict)}; with summary and stages ${cpuRatio(oursTiming)}; with full trace ${cpuRatio(oursTraced)}; world built each time ${cpuRatio(oursFromCase)}`);
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

function largeScenarioFigures(): void {
  const scenario = largeScenario();
  const targets = scenario.rules.reduce((n, r) => n + r.targets.length, 0);
  console.log(
    `\n1. Large scenario — ${scenario.accounts.length} accounts, ${scenario.principals.length.toLocaleString('en-US')} principals, ${scenario.resources.length.toLocaleString('en-US')} resources, ${scenario.edges.length.toLocaleString('en-US')} edges (+ ${targets} rule targets)`,
  );
  if (scenario.accounts.length !== LARGE.accounts || scenario.edges.length !== LARGE.edges) throw new Error('the large scenario does not have the size the issue names');
  let last: ScenarioEvaluation | undefined;
  const full = time(() => {
    last = evaluateScenario(scenario);
  }, 15, 3);
  const evaluation = last as ScenarioEvaluation;
  const decisions = [...evaluation.edges.values()].reduce((n, e) => n + e.steps.length, 0);
  const statuses: Record<string, number> = {};
  for (const e of evaluation.edges.values()) statuses[e.status] = (statuses[e.status] ?? 0) + 1;
  line('full evaluation (every edge decided)', full, `  ${decisions.toLocaleString('en-US')} decisions (target ≤ 100 ms)`);
  // Cold: every iteration gets fresh copies of every object, so no normalization or compilation is reused.
  const coldCopies = Array.from({ length: 8 }, () => JSON.parse(JSON.stringify(scenario)) as Scenario);
  let coldIndex = 0;
  const cold = time(() => {
    evaluateScenario(coldCopies[coldIndex++ % coldCopies.length] as Scenario);
  }, 6, 2);
  line('  … a scenario never seen before (cold caches)', cold);
  const summaries = time(() => {
    const e = evaluateScenario(scenario);
    for (const edge of e.edges.values()) if (edge.summary.length === 0) throw new Error('empty summary');
  }, 10, 2);
  line('  … and every edge\'s one-sentence summary', summaries);
  console.log(`  edge statuses: ${JSON.stringify(statuses)}`);

  console.log('\n2. Re-evaluation after one policy edit (previous evaluation reused)');
  const principal = scenario.principals.find((p) => p.type === 'iam-role' && scenario.edges.filter((e) => e.from === p.id).length >= 5) ?? scenario.principals[0]!;
  const editedIdentity = editOnePolicy(scenario, principal.id);
  let again: ScenarioEvaluation | undefined;
  const identityEdit = time(() => {
    again = evaluateScenario(editedIdentity, evaluation);
  }, 30, 5);
  const affectedByPrincipal = scenario.edges.filter((e) => e.from === principal.id).length + scenario.rules.reduce((n, r) => n + r.targets.filter((t) => t.roleId === principal.id).length, 0);
  line(`identity policy of ${principal.name}`, identityEdit, `   re-evaluated ${again!.stats.evaluated} of ${again!.stats.evaluated + again!.stats.reused} (edges from it: ${affectedByPrincipal})   (target ≤ 10 ms)`);

  const resource = scenario.resources.find((r) => scenario.edges.filter((e) => e.to === r.id).length >= 5) ?? scenario.resources[0]!;
  const editedResource = editOneResourcePolicy(scenario, resource.id);
  const resourceEdit = time(() => {
    again = evaluateScenario(editedResource, evaluation);
  }, 30, 5);
  const affectedByResource = scenario.edges.filter((e) => e.to === resource.id).length + scenario.rules.reduce((n, r) => n + r.targets.filter((t) => t.resourceId === resource.id).length + (r.busId === resource.id ? r.targets.length : 0), 0);
  line(`resource policy of ${resource.name}`, resourceEdit, `   re-evaluated ${again!.stats.evaluated} of ${again!.stats.evaluated + again!.stats.reused} (edges to it: ${affectedByResource})`);
}

if (process.argv[2] === undefined) console.log(`Engine benchmark — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
if (process.argv[2] === undefined) console.log('(median and p95 of wall-clock time; cpu = median CPU time of this process, less disturbed by other work)');
// Each part runs in a fresh process, so the large results one part keeps alive do not slow the other's
// garbage collection. Ours and iam-simulate share one process and one mix.
const part = process.argv[2];
if (part === 'scenario') largeScenarioFigures();
else if (part === 'mix') await requestMix();
else {
  for (const p of ['scenario', 'mix']) {
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), p], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
