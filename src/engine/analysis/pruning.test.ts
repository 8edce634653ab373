import { describe, expect, it } from 'vitest';
import { serviceActions } from '../check/actions';
import { largeScenario } from '../differential/largeScenario';
import { evaluateScenario } from '../scenario/evaluateScenario';
import { analyzeAccess } from './analyze';

/**
 * The analysis asks the engine only about pairs and action classes AWS's rules could allow (a policy names
 * the principal; the sides that must allow admit the action). This checks that the pruning loses nothing:
 * on generated scenarios (policies with wildcards, Not-elements, conditions, SCPs, RCPs, service
 * principals), every principal is asked about every relevant class of every resource, and whatever the
 * engine allows or explicitly denies that way must be what the analysis found.
 */
const lists = { actionLists: (s: string) => serviceActions(s)?.actions };

describe.each([7, 42, 2026])('pruning on a generated scenario (seed %i)', (seed) => {
  it('Given every principal asked about every relevant action of every resource, then the analysis found every allowed one', () => {
    const scenario = largeScenario(seed, { accounts: 8, principals: 70, resources: 70, edges: 250 });
    const analysis = analyzeAccess(evaluateScenario(scenario), lists);
    const p = analysis.prepared;
    const missing: string[] = [];
    let allowed = 0;
    for (const r of p.resources) {
      for (const s of p.subjects) {
        const found = new Map(analysis.grants(s.subject.key, r.resource.key).map((g) => [g.cls.actions.join(' '), g.decision]));
        for (const cls of r.classes) {
          const g = p.search(s, r, cls);
          if (g?.decision !== 'allowed') continue;
          allowed++;
          if (found.get(cls.actions.join(' ')) !== 'allowed') missing.push(`${s.subject.key} ${cls.rep} ${r.resource.key}`);
        }
      }
    }
    expect(allowed).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  }, 120_000);
});
