import { describe, expect, it } from 'vitest';
import { seedCrossAccount } from '../model/fixtures/seedCrossAccount';
import { updateResource, type Scenario } from '../model';
import { EvaluationSession, MODEL_PARTS, type ScenarioPatch } from './evaluationSession';

/** What crosses to the worker is a structured copy: the tests send copies too. */
const clone = <T>(v: T): T => structuredClone(v);
const full = (s: Scenario): ScenarioPatch => clone(Object.fromEntries(MODEL_PARTS.map((p) => [p, { ids: s[p].map((x) => x.id), items: s[p] }])) as ScenarioPatch);

describe('the evaluation session decides incrementally across copies', () => {
  it('Given the seed evaluated once, when only a changed bucket is sent, then only the edge to that bucket is decided again', () => {
    const session = new EvaluationSession();
    const first = session.update(full(seedCrossAccount));
    expect(first.changed.map((v) => v.id).sort()).toEqual(['alice-assume', 'alice-put', 'alice-scan', 'rule-queue']);
    const edited = updateResource(seedCrossAccount, 'bucket', (r) => ({ ...r, policy: { Version: '2012-10-17', Statement: [] } }));
    const bucket = edited.resources.find((r) => r.id === 'bucket');
    const second = session.update(clone({ resources: { ids: edited.resources.map((r) => r.id), items: [bucket as NonNullable<typeof bucket>] } }));
    expect(second.evaluated).toBe(1);
    expect(second.changed.map((v) => [v.id, v.status])).toEqual([['alice-put', 'implicit-deny']]);
    expect(second.removed).toEqual([]);
  });

  it('Given an evaluated scenario, when an edge id is dropped from the order, then it is reported removed', () => {
    const session = new EvaluationSession();
    session.update(full(seedCrossAccount));
    const delta = session.update({ edges: { ids: seedCrossAccount.edges.filter((e) => e.id !== 'alice-scan').map((e) => e.id), items: [] } });
    expect(delta.removed).toEqual(['alice-scan']);
    expect(delta.changed).toEqual([]);
  });

  it('Given a session that never saw an item, when a patch names it without sending it, then it refuses clearly', () => {
    const session = new EvaluationSession();
    expect(() => session.update({ edges: { ids: ['ghost'], items: [] } })).toThrow(/must be sent again/);
  });

  it('Given an evaluated scenario, when an edge is explained, then every step carries the full trace with statement detail', () => {
    const session = new EvaluationSession();
    session.update(full(seedCrossAccount));
    const steps = session.explain('alice-put');
    expect(steps?.map((s) => s.label)).toEqual(['s3:PutObject']);
    const identity = steps?.[0]?.decision.stages.find((s) => s.stage === 'identity');
    expect(identity?.policies.some((p) => p.statements.length > 0)).toBe(true);
    expect(session.explain('nope')).toBeUndefined();
  });
});
