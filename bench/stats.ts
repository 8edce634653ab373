/** Timing helpers for the benchmarks: warm-up, several iterations, median and p95. */

export interface Timing {
  readonly samples: readonly number[];
  readonly median: number;
  readonly p95: number;
  readonly min: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export function summarize(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { samples, median: percentile(sorted, 50), p95: percentile(sorted, 95), min: sorted[0] ?? NaN };
}

/** Runs `fn` `warmup` times untimed, then `iterations` times timed (milliseconds). */
export function time(fn: () => void, iterations: number, warmup: number): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

export async function timeAsync(fn: () => Promise<void>, iterations: number, warmup: number): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

export const ms = (n: number): string => (n < 10 ? n.toFixed(2) : n.toFixed(1)) + ' ms';
export const rate = (n: number): string => Math.round(n).toLocaleString('en-US');
