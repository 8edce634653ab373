/**
 * Timing helpers for the benchmarks: warm-up (a number of runs and a minimum time), several iterations,
 * median and p95 of wall-clock time, and the median of this process's CPU time (user + system) — which a
 * machine shared with other work disturbs less than wall-clock time.
 */

export interface Timing {
  readonly samples: readonly number[];
  readonly median: number;
  readonly p95: number;
  readonly min: number;
  /** Median CPU time of this process per iteration (ms). */
  readonly cpuMedian: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export function summarize(samples: readonly number[], cpu: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const cpuSorted = [...cpu].sort((a, b) => a - b);
  return { samples, median: percentile(sorted, 50), p95: percentile(sorted, 95), min: sorted[0] ?? NaN, cpuMedian: percentile(cpuSorted, 50) };
}

const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;

/**
 * Warm-up lasts at least `warmup` runs and at least this long: the JIT optimizes a function after enough
 * calls, not after a number of runs, so a short run (a few milliseconds) needs many runs to warm up.
 */
export const MIN_WARMUP_MS = 500;

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
