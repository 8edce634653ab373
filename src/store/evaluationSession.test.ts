import { describe, expect, it } from 'vitest';
import { seedCrossAccount } from '../model/fixtures/seedCrossAccount';
import { updateResource } from '../model';
import { EvaluationSession, MODEL_PARTS, reconcile, sameJson, type ScenarioPatch } from './evaluationSession';

const clone = <T>(v: T): T => structuredClone(v);
const allParts = (s: typeof seedCrossAccount): ScenarioPatch => Object.fromEntries(MODEL_PARTS.map((p) => [p, s[p]])) as ScenarioPatch;

describe('the evaluation session decides incrementally across copies', () => {
  it('Given two JSON values with keys in different orders, when compared, then they are the same', () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
  });

  it('Given a copied list with one changed item, when reconciled, then unchanged items are the previous objects', () => {
    const before = seedCrossAccount.resources;
    const after = clone(before).map((r) => (r.id === 'bucket' ? { ...r, name: 'other' } : r));
    const out = reconcile(before, after);
    expect(out.find((r) => r.id === 'table')).toBe(before.find((r) => r.id === 'table'));
    expect(out.find((r) => r.id === 'bucket')).not.toBe(before.find((r) => r.id === 'bucket'));
  });

  it('Given the seed evaluated once, when a structured copy with one bucket-policy change arrives, then only the edge to that bucket is decided again', () => {
    const session = new EvaluationSession();
    const first = session.update(clone(allParts(seedCrossAccount)));
    expect(first.changed.map((v) => v.id).sort()).toEqual(['alice-assume', 'alice-put', 'alice-scan', 'rule-queue']);
    const edited = updateResource(seedCrossAccount, 'bucket', (r) => ({ ...r, policy: { Version: '2012-10-17', Statement: [] } }));
    const second = session.update(clone({ resources: edited.resources }));
    expect(second.evaluated).toBe(1);
    expect(second.changed.map((v) => [v.id, v.status])).toEqual([['alice-put', 'implicit-deny']]);
    expect(second.removed).toEqual([]);
  });

  it('Given an evaluated scenario, when an edge is removed, then its id is reported removed', () => {
    const session = new EvaluationSession();
    session.update(clone(allParts(seedCrossAccount)));
    const delta = session.update(clone({ edges: seedCrossAccount.edges.filter((e) => e.id !== 'alice-scan') }));
    expect(delta.removed).toEqual(['alice-scan']);
  });

  it('Given an evaluated scenario, when an edge is explained, then every step carries the full trace with statement detail', () => {
    const session = new EvaluationSession();
    session.update(clone(allParts(seedCrossAccount)));
    const steps = session.explain('alice-put');
    expect(steps?.map((s) => s.label)).toEqual(['s3:PutObject']);
    const identity = steps?.[0]?.decision.stages.find((s) => s.stage === 'identity');
    expect(identity?.policies.some((p) => p.statements.length > 0)).toBe(true);
    expect(session.explain('nope')).toBeUndefined();
  });
});
