/**
 * The fuzz suite: `npm run fuzz` (options: `--runs N` inputs per door, default 2,000; `--seed S`, default
 * fixed so runs repeat; `--door NAME` to run one door). Draws hostile and damaged inputs for every door of
 * untrusted data — link decoder, file reader, parseScenario then the engine, saved scenarios, policy
 * checker — and holds each to its contract: a result or a clear error, never an exception, and within a
 * CPU-time bound. Each door runs in a child process (scripts/fuzzChild.ts): an input that never returns
 * (a matcher backtracking for ever) is stopped after {@link HANG_MS}, counted as failed, and the door goes
 * on from the next input. Prints one line per door and a closing line `N passed, N failed`; exits non-zero
 * when any input fails. `npm test` runs a small sample of the same doors (src/testing/fuzz/fuzz.test.ts).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DOORS } from '../src/testing/fuzz/doors';
import type { Failure } from '../src/testing/fuzz/run';
import type { ChildMessage } from './fuzzChild';

/** Wall-clock time one input may go without an answer before its process is stopped (far past any CPU bound). */
const HANG_MS = 60_000;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(option('runs') ?? 2_000);
const seed = Number(option('seed') ?? 20_261_207);
const only = option('door');
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [--runs N] [--seed S] [--door NAME]');
  process.exit(2);
}
const doors = DOORS.filter((d) => only === undefined || d.name === only);
if (doors.length === 0) {
  console.error(`No door is named "${only}". Doors: ${DOORS.map((d) => d.name).join(', ')}.`);
  process.exit(2);
}

interface Tally {
  passed: number;
  failed: number;
  maxCpuMs: number;
  failures: Failure[];
}

/** Runs one door's inputs from `from` in a child process; resolves with the index to go on from (or `runs`). */
function runFrom(name: string, from: number, tally: Tally): Promise<number> {
  return new Promise((resolve) => {
    const child = fork(fileURLToPath(new URL('./fuzzChild.ts', import.meta.url)), [name, String(runs), String(seed), String(from)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let current: { index: number; input: string } | undefined;
    let next = from;
    let settled = false;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const finish = (at: number): void => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      resolve(at);
    };
    const arm = (): void => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        const index = current?.index ?? next;
        tally.failed++;
        if (tally.failures.length < 5) tally.failures.push({ index, message: `no answer within ${HANG_MS / 1000} s (stopped)`, input: current?.input ?? '' });
        child.kill('SIGKILL');
        finish(index + 1);
      }, HANG_MS);
    };
    arm();
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'start') {
        current = { index: message.index, input: message.input };
        arm();
      } else if (message.type === 'result') {
        next = message.index + 1;
        tally.maxCpuMs = Math.max(tally.maxCpuMs, message.cpuMs);
        if (message.problem === undefined) tally.passed++;
        else {
          tally.failed++;
          if (tally.failures.length < 5) tally.failures.push({ index: message.index, message: message.problem, input: current?.input ?? '' });
        }
        current = undefined;
        arm();
      } else finish(runs);
    });
    child.on('exit', (code) => {
      if (settled) return;
      // A crash (out of memory, a native abort) fails the input in hand; the door goes on after it.
      const index = current?.index ?? next;
      if (index < runs) {
        tally.failed++;
        if (tally.failures.length < 5) tally.failures.push({ index, message: `the process ended (exit code ${code ?? 'none'})`, input: current?.input ?? '' });
      }
      finish(index + 1);
    });
  });
}

console.log(`Fuzzing ${doors.length} door${doors.length === 1 ? '' : 's'}, ${runs.toLocaleString('en-US')} inputs each, seed ${seed}`);
let passed = 0;
let failed = 0;
for (const door of doors) {
  const started = Date.now();
  const tally: Tally = { passed: 0, failed: 0, maxCpuMs: 0, failures: [] };
  for (let from = 0; from < runs; ) from = await runFrom(door.name, from, tally);
  passed += tally.passed;
  failed += tally.failed;
  console.log(
    `  ${door.name.padEnd(24)} ${String(tally.passed).padStart(6)} passed, ${String(tally.failed).padStart(4)} failed   most CPU for one input ${tally.maxCpuMs.toFixed(1)} ms (bound ${door.cpuBudgetMs} ms)   ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  for (const f of tally.failures) console.log(`    input ${f.index}: ${f.message}\n      ${f.input}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
