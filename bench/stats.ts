/**
 * Timing helpers for the benchmarks: warm-up (a number of runs and a minimum time), several iterations,
 * median and p95 of wall-clock time, and the median of this process's CPU time (user + system) — which a
 * machine shared with other work disturbs less than wall-clock time.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface Timing {
  readonly samples: readonly number[];
  readonly median: number;
  readonly p95: number;
  readonly min: number;
  /** Median CPU time of this process per iteration (ms). */
  readonly cpuMedian: number;
  /** 95th percentile of the CPU time per iteration (ms). */
  readonly cpuP95: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export function summarize(samples: readonly number[], cpu: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const cpuSorted = [...cpu].sort((a, b) => a - b);
  return { samples, median: percentile(sorted, 50), p95: percentile(sorted, 95), min: sorted[0] ?? NaN, cpuMedian: percentile(cpuSorted, 50), cpuP95: percentile(cpuSorted, 95) };
}

const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;

/**
 * Warm-up lasts at least `warmup` runs and at least this long: the JIT optimizes a function after enough
 * calls, not after a number of runs, so a short run (a few milliseconds) needs many runs to warm up.
 */
export const MIN_WARMUP_MS = 3_000;

/** Runs `fn` untimed to warm up (see `MIN_WARMUP_MS`), then `iterations` times timed (milliseconds). */
export function time(fn: () => void, iterations: number, warmup: number): Timing {
  const start = performance.now();
  for (let i = 0; i < warmup || performance.now() - start < MIN_WARMUP_MS; i++) fn();
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
    cpu.push(cpuMs(process.cpuUsage(c0)));
  }
  return summarize(samples, cpu);
}

/**
 * Like `time`, with an untimed `setup` before each run that makes the run's input (fresh objects, say), so
 * every timed run starts from the same state.
 */
export function timeWith<T>(setup: () => T, fn: (input: T) => void, iterations: number, warmup: number): Timing {
  let warm = 0;
  for (let i = 0; i < warmup || warm < MIN_WARMUP_MS; i++) {
    const input = setup();
    const t0 = performance.now();
    fn(input);
    warm += performance.now() - t0;
  }
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const input = setup();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn(input);
    samples.push(performance.now() - t0);
    cpu.push(cpuMs(process.cpuUsage(c0)));
  }
  return summarize(samples, cpu);
}

/** A full garbage collection, outside any timed region (V8's `gc`, exposed at run time). */
let collect: (() => void) | undefined;
export function fullGc(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}

/**
 * Two workloads timed in alternation after both are warmed up: `rounds` times, one run of `a`, then a full
 * garbage collection and one untimed run of `b` (so that `b` pays neither for the garbage `a` left nor for
 * the caches `a` evicted), then `perRound` timed runs of `b`. Whatever else the machine does during the
 * measurement falls on both alike, so their ratio holds even when the absolute figures move.
 */
export async function timeInterleaved(a: () => Promise<void> | void, b: () => Promise<void> | void, rounds: number, perRound: number): Promise<[Timing, Timing]> {
  const start = performance.now();
  for (let i = 0; i < 1 || performance.now() - start < MIN_WARMUP_MS; i++) await a();
  const startB = performance.now();
  for (let i = 0; i < perRound || performance.now() - startB < MIN_WARMUP_MS; i++) await b();
  const wall: [number[], number[]] = [[], []];
  const cpu: [number[], number[]] = [[], []];
  const once = async (fn: () => Promise<void> | void, k: 0 | 1): Promise<void> => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall[k].push(performance.now() - t0);
    cpu[k].push(cpuMs(process.cpuUsage(c0)));
  };
  for (let r = 0; r < rounds; r++) {
    fullGc();
    await once(a, 0);
    fullGc();
    await b();
    for (let i = 0; i < perRound; i++) await once(b, 1);
  }
  return [summarize(wall[0], cpu[0]), summarize(wall[1], cpu[1])];
}

export async function timeAsync(fn: () => Promise<void>, iterations: number, warmup: number): Promise<Timing> {
  const start = performance.now();
  for (let i = 0; i < warmup || performance.now() - start < MIN_WARMUP_MS; i++) await fn();
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
    cpu.push(cpuMs(process.cpuUsage(c0)));
  }
  return summarize(samples, cpu);
}

export const ms = (n: number): string => (n < 10 ? n.toFixed(2) : n.toFixed(1)) + ' ms';
export const rate = (n: number): string => Math.round(n).toLocaleString('en-US');
