/**
 * One door of the fuzz suite in a process of its own (started by scripts/fuzz.ts): runs the door's inputs
 * from an index on and reports each — first which input starts (so that one that never returns can be named
 * by the parent, which stops this process), then how it went.
 */
import { DOORS } from '../src/testing/fuzz/doors';
import { checkOne, describeInput, inputsOf } from '../src/testing/fuzz/run';

export type ChildMessage =
  | { readonly type: 'start'; readonly index: number; readonly input: string }
  | { readonly type: 'result'; readonly index: number; readonly cpuMs: number; readonly problem?: string }
  | { readonly type: 'done' };

const [name, runs, seed, from] = [process.argv[2] ?? '', Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5] ?? 0)];
const door = DOORS.find((d) => d.name === name);
if (!door || !process.send) {
  console.error(`fuzzChild: no door "${name}", or not started by scripts/fuzz.ts`);
  process.exit(2);
}
const send = (message: ChildMessage): void => void process.send?.(message);
for (const [index, input] of inputsOf(door, runs, seed, from)) {
  send({ type: 'start', index, input: describeInput(input) });
  const r = checkOne(door, input);
  send({ type: 'result', index, cpuMs: r.cpuMs, ...(r.problem !== undefined ? { problem: r.problem } : {}) });
}
send({ type: 'done' });
process.disconnect?.();
