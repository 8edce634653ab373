import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateScenario } from '../engine';
import { LESSONS, lessonScenario } from '../lessons';
import { encodeScenarioPayload } from '../share/link';
import { HEAVY_TEST_MS } from '../testing/timeouts';
import { seedCrossAccount } from './fixtures/seedCrossAccount';
import { parseScenario } from './parse';
import { CURRENT_SCENARIO_VERSION } from './constants';
import type { Scenario } from './schema';

/**
 * Version-1 documents as the version-1 app wrote them (commit 995d647): the seed example and every lesson,
 * each with the decision of every edge as that app's engine made it, and the length of its share link
 * (`fixtures/v1/link-lengths.json`). See fixtures/v1/README.md.
 */
const V1_DIR = new URL('./fixtures/v1/', import.meta.url);
const v1Files = readdirSync(V1_DIR).filter((f) => f.endsWith('.json') && f !== 'link-lengths.json').sort();
const v1 = (file: string): { scenario: Record<string, unknown>; decisions: Record<string, { status: string; summary: string }> } => JSON.parse(readFileSync(new URL(file, V1_DIR), 'utf8'));
const linkLengths = JSON.parse(readFileSync(new URL('link-lengths.json', V1_DIR), 'utf8')) as Record<string, number>;

/** The version-2 scenario a version-1 fixture stands for today: the seed or the lesson of that name. */
function current(file: string): Scenario {
  if (file === 'seed-cross-account.json') return seedCrossAccount;
  const lesson = LESSONS.find((l) => `lesson-${l.id}.json` === file);
  const r = lesson ? lessonScenario(lesson) : undefined;
  if (!r?.ok) throw new Error(`no current scenario for ${file}`);
  return r.scenario;
}

describe('migration from version 1', () => {
  it('Given the fixtures, then every lesson and the seed example has a version-1 document', () => {
    expect(v1Files).toEqual(['seed-cross-account.json', ...LESSONS.map((l) => `lesson-${l.id}.json`)].sort());
    expect(CURRENT_SCENARIO_VERSION).toBe(2);
  });

  for (const file of v1Files) {
    it(`Given ${file} as version 1 wrote it, when opened, then it is migrated to version 2 with nothing lost and is today's scenario`, () => {
      const { scenario } = v1(file);
      expect(scenario['version']).toBe(1);
      const r = parseScenario(structuredClone(scenario));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.migratedFrom).toBe(1);
      expect(r.scenario.version).toBe(2);
      expect(r.scenario.groups).toEqual([]);
      expect(r.scenario.managedPolicies).toEqual([]);
      // Everything version 1 had is there as it was.
      const { version: _v, groups: _g, managedPolicies: _m, ...rest } = r.scenario;
      const { version: _v1, ...old } = scenario;
      expect(rest).toEqual(old);
      // Today's scenario but for where things are drawn: the lessons' positions now come from the
      // auto-layout (src/lessons/layouts.ts), the documents keep the positions they were written with.
      expect({ ...r.scenario, layout: undefined }).toEqual({ ...current(file), layout: undefined });
    }, HEAVY_TEST_MS);

    it(`Given ${file} migrated, then the engine decides every edge as version 1 did, in the same words`, () => {
      const { scenario, decisions } = v1(file);
      const r = parseScenario(structuredClone(scenario));
      if (!r.ok) throw new Error('does not parse');
      const evaluation = evaluateScenario(r.scenario);
      expect(Object.keys(decisions).length).toBeGreaterThan(0);
      expect(new Set(evaluation.edges.keys())).toEqual(new Set(Object.keys(decisions)));
      for (const [id, before] of Object.entries(decisions)) {
        const now = evaluation.edges.get(id);
        expect({ id, status: now?.status, summary: now?.summary }).toEqual({ id, ...before });
      }
    }, HEAVY_TEST_MS);

    it(`Given ${file}, when shared from version 2, then the link is no longer than version 1's (${linkLengths[file]} characters)`, () => {
      const r = parseScenario(structuredClone(v1(file).scenario));
      if (!r.ok) throw new Error('does not parse');
      const recorded = linkLengths[file];
      expect(recorded).toBeGreaterThan(0);
      expect(encodeScenarioPayload(r.scenario).length).toBeLessThanOrEqual(recorded as number);
    }, HEAVY_TEST_MS);
  }

  it('Given a version-0 document (no version, accountId and source/target), then it is migrated through version 1 to version 2', () => {
    const r = parseScenario({ accounts: [{ accountId: '111111111111', name: 'A' }], principals: [{ id: 'u', type: 'iam-user', name: 'u', accountId: '111111111111' }] });
    expect(r.ok && r.migratedFrom).toBe(0);
    expect(r.ok && r.scenario.version).toBe(2);
    expect(r.ok && r.scenario.accounts[0]?.id).toBe('111111111111');
  });
});
