import { describe, expect, it } from 'vitest';
import { LESSONS, lessonScenario } from '../../lessons';
import { applyChanges, parseScenario } from '../../model';
import { evaluateScenario } from '../scenario/evaluateScenario';
import { proposeFixes } from './propose';

/**
 * The promise, on every lesson: for each denied edge, the first proposal, applied, makes it allowed
 * (or the analysis says plainly why nothing inside the scenario can); the preview names exactly the other
 * edges whose decision changes.
 */
const cases = LESSONS.flatMap((lesson) => {
  const parsed = lessonScenario(lesson);
  if (!parsed.ok) throw new Error(`lesson ${lesson.id} does not parse`);
  const evaluation = evaluateScenario(parsed.scenario);
  return [...evaluation.edges.values()].filter((e) => e.status !== 'allowed' && e.status !== 'invalid').map((e) => [`${lesson.id}/${e.id}`, parsed.scenario, evaluation, e.id] as const);
});

describe('fixes for every lesson’s denied edges', () => {
  it('Given the lessons, then there are denied edges to fix', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  it.each(cases)('Given %s denied, when the first proposal is applied, then it is allowed and the preview named every other change', (_name, scenario, evaluation, edgeId) => {
    const result = proposeFixes(scenario, evaluation, edgeId, 'allow');
    if (result.proposals.length === 0) {
      // Nothing inside the scenario can fix it: it must say why.
      expect(result.blockers.length, JSON.stringify(result)).toBeGreaterThan(0);
      return;
    }
    const first = result.proposals[0];
    if (!first) throw new Error('no proposal');
    const applied = applyChanges(scenario, first.changes.map((c) => c.change));
    if ('error' in applied) throw new Error(applied.error);
    expect(parseScenario(JSON.parse(JSON.stringify(applied.scenario)) as unknown).ok).toBe(true);
    const fresh = evaluateScenario(applied.scenario);
    expect(fresh.edges.get(edgeId)?.status).toBe('allowed');
    const changed = [...fresh.edges].filter(([id, e]) => id !== edgeId && e.status !== evaluation.edges.get(id)?.status).map(([id]) => id);
    expect(first.sideEffects.map((c) => c.id).sort()).toEqual(expect.arrayContaining(changed.sort()));
  });
});
