import { describe, expect, it } from 'vitest';
import { seedCrossAccount } from '../model/fixtures/seedCrossAccount';
import { describeProblem, fileNameFor, MAX_FILE_BYTES, readScenarioFile, serializeScenario } from './file';
import { pathSegments } from './json';

function problemsOf(text: string, size?: number) {
  const r = readScenarioFile(text, size);
  if (r.ok) throw new Error('expected the file to be refused');
  return r.problems;
}

describe('scenario files', () => {
  it('Given a scenario, when written and read back, then it is the same scenario', () => {
    const r = readScenarioFile(serializeScenario(seedCrossAccount));
    expect(r.ok && r.scenario).toEqual(seedCrossAccount);
  });

  it('Given a file with a UTF-8 byte-order mark, then it still opens', () => {
    expect(readScenarioFile(`\uFEFF${serializeScenario(seedCrossAccount)}`).ok).toBe(true);
  });

  it('Given a JSON syntax error, then the problem has its line and column', () => {
    const [p] = problemsOf('{\n  "version": 1,\n  "accounts": [,]\n}');
    expect(p?.location).toMatchObject({ line: 3, column: 16 });
    expect(describeProblem(p!)).toMatch(/^line 3, column 16 — This is not valid JSON: A value was expected\.$/);
  });

  it('Given comments (JSONC), then the file is refused as JSON', () => {
    expect(problemsOf('// note\n{"version":1}')[0]?.message).toMatch(/Comments are not allowed/);
  });

  it('Given an invalid value, then the problem has its JSON path and the line of that property', () => {
    const bad = serializeScenario({ ...seedCrossAccount, accounts: seedCrossAccount.accounts.map((a, i) => (i === 1 ? { ...a, id: '42' } : a)) });
    const problems = problemsOf(bad);
    const p = problems.find((x) => x.path === '$.accounts[1].id');
    const expectedLine = bad.split('\n').findIndex((l) => l.includes('"id": "42"')) + 1;
    expect(p?.location?.line).toBe(expectedLine);
    expect(describeProblem(p!)).toMatch(/\$\.accounts\[1\]\.id: Account id must be exactly 12 digits\./);
  });

  it('Given a broken reference, then the problem points at it', () => {
    const bad = { ...seedCrossAccount, edges: [{ kind: 'access', id: 'e', from: 'nobody', to: 'bucket', actions: ['s3:GetObject'] }] };
    const [p] = problemsOf(JSON.stringify(bad, null, 2));
    expect(p).toMatchObject({ path: '$.edges[0].from', message: 'No principal has the id "nobody".' });
    expect(p?.location?.line).toBeGreaterThan(1);
  });

  it('Given a file larger than the limit, then it is refused before parsing', () => {
    expect(problemsOf('{}', MAX_FILE_BYTES + 1)[0]?.message).toMatch(/at most 10 MB/);
  });

  it('Given an empty file, then it says so', () => {
    expect(problemsOf('   ')[0]?.message).toMatch(/empty/);
  });

  it('Given __proto__ keys, then they are dropped and nothing is polluted', () => {
    const r = readScenarioFile(JSON.stringify(seedCrossAccount).replace('{"version":', '{"__proto__":{"polluted":1},"version":'));
    expect(r).toMatchObject({ ok: true, droppedProtoKeys: 1 });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('Given names, then file names are safe slugs', () => {
    expect(fileNameFor({ name: 'Copy <results> to Account B!' }, 'json')).toBe('copy-results-to-account-b.json');
    expect(fileNameFor({ name: '***' }, 'png')).toBe('scenario.png');
    expect(fileNameFor({ name: 'Zürich café' }, 'svg')).toBe('zurich-cafe.svg');
  });

  it('Given error paths, then they split into segments, quoted keys included', () => {
    expect(pathSegments('$.principals[2].tags["a.b"]')).toEqual(['principals', 2, 'tags', 'a.b']);
    expect(pathSegments('$')).toEqual([]);
  });

  it('Given a file of thousands of nested brackets, cut short or closed, then it is one located problem, never a stack overflow', () => {
    for (const text of ['['.repeat(8_000), `{"version": 1,\n"x": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`]) {
      const problems = problemsOf(text);
      expect(problems).toHaveLength(1);
      expect(describeProblem(problems[0]!)).toMatch(/^line \d+, column \d+ — The scenario text is nested deeper than 64 levels here; no scenario nests that deep\.$/);
    }
    expect(problemsOf('['.repeat(8_000))[0]?.location).toMatchObject({ line: 1, column: 65 });
  });

  it('Given a scenario that fails its checks and nests deeply in brackets inside strings, then the strings do not count', () => {
    const text = JSON.stringify({ version: 1, name: '['.repeat(5_000), accounts: [{ id: '1', name: 'A' }] });
    expect(problemsOf(text)[0]).toMatchObject({ path: '$.accounts[0].id' });
  });
});
