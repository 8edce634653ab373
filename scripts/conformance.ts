/**
 * Conformance runner: `npm run conformance -- FILE...`
 *
 * Reads case files in the format of shared/conformance/FORMAT.md, evaluates every case and every step,
 * prints one line per failure (id, expected, got, summary) and a closing line `N passed, N failed`.
 * Exits non-zero when any case fails or a file cannot be read.
 */
import { readFileSync } from 'node:fs';
import { runCaseFile } from '../src/engine/conformance/run';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run conformance -- FILE...');
  process.exit(2);
}

let passed = 0;
let failed = 0;
let broken = false;
for (const file of files) {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`${file}: cannot read: ${error instanceof Error ? error.message : String(error)}`);
    broken = true;
    continue;
  }
  const result = runCaseFile(json);
  if (!result.ok) {
    for (const e of result.errors) console.error(`${file}: ${e}`);
    broken = true;
    continue;
  }
  for (const outcome of result.outcomes) {
    if (outcome.passed) {
      passed++;
      continue;
    }
    failed++;
    outcome.steps.forEach((s, i) => {
      if (s.expected === s.got) return;
      const step = outcome.steps.length > 1 ? ` step ${i + 1}` : '';
      console.log(`FAIL ${outcome.id}${step}: expected ${s.expected}, got ${s.got} — ${s.decision.summary}`);
    });
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || broken ? 1 : 0);
