import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseFileSchema } from './caseFormat';
import { runCaseFile } from './run';

/**
 * This project's own conformance cases (cases/*.json, in the shared format): one rule of AWS's documented
 * evaluation per case, each citing its page in `source`. `npm run conformance:own` runs them too.
 */
const dir = join(import.meta.dirname, 'cases');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('own conformance cases', () => {
  for (const file of files) {
    const json: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    it(`Given ${file}, then every case cites an AWS documentation page and has a unique id`, () => {
      const parsed = caseFileSchema.parse(json);
      const ids = parsed.cases.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const c of parsed.cases) expect(c.source, c.id).toMatch(/https:\/\/docs\.aws\.amazon\.com\//);
    });
    const result = runCaseFile(json);
    if (!result.ok) throw new Error(`${file}: ${result.errors.join('; ')}`);
    for (const outcome of result.outcomes) {
      it(`Given case ${outcome.id}, then every step is decided as expected`, () => {
        expect(outcome.steps.map((s) => s.got), outcome.steps.map((s) => s.decision.summary).join(' / ')).toEqual(outcome.steps.map((s) => s.expected));
      });
    }
  }
});
