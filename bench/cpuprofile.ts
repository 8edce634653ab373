/**
 * Sums a V8 CPU profile (`node --cpu-prof`) by function: self time and share, heaviest first.
 * `npx tsx bench/cpuprofile.ts FILE.cpuprofile [rows] [lines]`: with `lines`, also the heaviest source lines
 * (of the profiled file: profile a bundle made with `esbuild --bundle` to have real line numbers).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
  /** Samples by source line (1-based), when the profiler recorded them. */
  readonly positionTicks?: ReadonlyArray<{ readonly line: number; readonly ticks: number }>;
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const file = process.argv[2];
if (!file) throw new Error('usage: bench/cpuprofile.ts FILE.cpuprofile [rows]');
const rows = Number(process.argv[3] ?? 40);
const lineRows = Number(process.argv[4] ?? 0);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const node = byId.get(profile.samples[i] as number);
  const dt = profile.timeDeltas[i] ?? 0;
  if (!node) continue;
  const f = node.callFrame;
  const where = f.url ? `${f.url.replace(/^.*\/(src|bench|node_modules)\//, '$1/')}:${f.lineNumber + 1}` : '';
  const key = `${f.functionName || '(anonymous)'} ${where}`;
  self.set(key, (self.get(key) ?? 0) + dt);
  total += dt;
}
const sorted = [...self].sort((a, b) => b[1] - a[1]).slice(0, rows);
console.log(`total ${(total / 1000).toFixed(0)} ms sampled`);
for (const [key, us] of sorted) console.log(`${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(1).padStart(8)} ms  ${key}`);

if (lineRows > 0) {
  const ticks = new Map<string, number>();
  let all = 0;
  for (const n of profile.nodes) {
    for (const t of n.positionTicks ?? []) {
      const key = `${n.callFrame.url.replace(/^.*\//, '')}:${t.line} ${n.callFrame.functionName || '(anonymous)'}`;
      ticks.set(key, (ticks.get(key) ?? 0) + t.ticks);
      all += t.ticks;
    }
  }
  console.log(`\nheaviest lines (${all} ticks)`);
  for (const [key, n] of [...ticks].sort((a, b) => b[1] - a[1]).slice(0, lineRows)) console.log(`${((100 * n) / all).toFixed(1).padStart(5)} %  ${key}`);
}
