import fc from 'fast-check';
import type { Door } from './doors';

/** What one door made of its inputs. */
export interface DoorReport {
  readonly name: string;
  readonly passed: number;
  readonly failed: number;
  /** The most CPU time one input took, in milliseconds. */
  readonly maxCpuMs: number;
  /** The first few failures: which input (by index, for the same seed) and why. */
  readonly failures: ReadonlyArray<Failure>;
}

export interface Failure {
  readonly index: number;
  readonly message: string;
  readonly input: string;
}

/** Inputs are drawn in batches, so that a long run never holds them all at once. */
const BATCH = 250;

/** An input as text for a report: cut to a few hundred characters. */
export function describeInput(input: unknown): string {
  let text: string;
  try {
    text = typeof input === 'string' ? input : (JSON.stringify(input) ?? String(input));
  } catch {
    text = String(input);
  }
  return text.length > 400 ? `${text.slice(0, 400)}… (${text.length.toLocaleString('en-US')} characters)` : text;
}

/** The inputs of a door, from index `from`: the same seed always draws the same inputs at the same indexes. */
export function* inputsOf<T>(door: Door<T>, runs: number, seed: number, from = 0): Generator<[number, T]> {
  for (let start = Math.floor(from / BATCH) * BATCH; start < runs; start += BATCH) {
    const inputs = fc.sample(door.arbitrary, { seed: seed + start, numRuns: Math.min(BATCH, runs - start) });
    for (let k = 0; k < inputs.length; k++) if (start + k >= from) yield [start + k, inputs[k] as T];
  }
}

/**
 * Runs one input through a door. It passes when the door's check returns and its CPU time
 * (`process.cpuUsage`: this process's own work, which other jobs on the machine do not inflate) stays within
 * the door's bound.
 */
export function checkOne<T>(door: Door<T>, input: T): { readonly cpuMs: number; readonly problem?: string } {
  const before = process.cpuUsage();
  let problem: string | undefined;
  try {
    door.check(input);
  } catch (error) {
    problem = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  const used = process.cpuUsage(before);
  const cpuMs = (used.user + used.system) / 1000;
  if (!problem && cpuMs > door.cpuBudgetMs) problem = `took ${cpuMs.toFixed(0)} ms of CPU time (bound ${door.cpuBudgetMs} ms)`;
  return problem ? { cpuMs, problem } : { cpuMs };
}

/** Runs `runs` inputs of one door in this process (the unit tests' sample; `npm run fuzz` runs each door in a child process). */
export function fuzzDoor<T>(door: Door<T>, runs: number, seed: number): DoorReport {
  let passed = 0;
  let failed = 0;
  let maxCpuMs = 0;
  const failures: Failure[] = [];
  for (const [index, input] of inputsOf(door, runs, seed)) {
    const r = checkOne(door, input);
    maxCpuMs = Math.max(maxCpuMs, r.cpuMs);
    if (r.problem === undefined) passed++;
    else {
      failed++;
      if (failures.length < 5) failures.push({ index, message: r.problem, input: describeInput(input) });
    }
  }
  return { name: door.name, passed, failed, maxCpuMs, failures };
}
