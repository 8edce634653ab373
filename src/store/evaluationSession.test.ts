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

describe('the evaluation session builds journeys on its own evaluation', () => {
  it('Given the seed, when the journey of alice assuming ExportRole is asked for, then its requests are the engine decisions of the drawn edges', () => {
    const session = new EvaluationSession();
    session.update(full(seedCrossAccount));
    const result = session.journey([{ edges: ['alice-assume'] }]);
    if (!result.ok) throw new Error(result.reason);
    const explained = session.explain('alice-assume');
    expect(result.journey.requests[0]?.decision.allowed).toBe(explained?.[0]?.decision.allowed);
    expect(result.journey.requests[0]?.decision.summary).toBe(explained?.[0]?.decision.summary);
    // What alice gives up is decided again as the session: the table scan is lost.
    expect(result.journey.swaps[0]?.reach.find((r) => r.action === 'dynamodb:Scan')?.asSession.allowed).toBe(false);
  });

  it('Given a journey was built (with its scratch evaluations), when a bucket changes, then the next update is still incremental and right', () => {
    const session = new EvaluationSession();
    session.update(full(seedCrossAccount));
    session.journey([{ edges: ['alice-assume'] }]);
    session.compare();
    const edited = updateResource(seedCrossAccount, 'bucket', (r) => ({ ...r, policy: { Version: '2012-10-17', Statement: [] } }));
    const bucket = edited.resources.find((r) => r.id === 'bucket');
    const delta = session.update(clone({ resources: { ids: edited.resources.map((r) => r.id), items: [bucket as NonNullable<typeof bucket>] } }));
    expect(delta.evaluated).toBe(1);
    expect(delta.changed.map((v) => [v.id, v.status])).toEqual([['alice-put', 'implicit-deny']]);
    const again = session.journey([{ edges: ['alice-put'] }]);
    expect(again.ok && again.journey.outcome).toBe('denied');
  });

  it('Given nothing decided yet, when a journey is asked for, then it says so', () => {
    expect(new EvaluationSession().journey([{ edges: ['alice-put'] }])).toEqual({ ok: false, reason: 'Nothing has been decided yet.' });
  });

  it('Given the seed, when the two designs are compared, then each comes with the verdicts of its own scenario and its tour', () => {
    const session = new EvaluationSession();
    session.update(full(seedCrossAccount));
    const c = session.compare();
    expect(c?.caller.id).toBe('alice');
    const [keep, role] = c?.designs ?? [];
    expect(keep?.verdicts.some((v) => v.kind === 'assume')).toBe(false);
    expect(keep?.result.ok && keep.result.journey.legs.map((l) => l.outcome)).toEqual(['allowed', 'allowed']);
    expect(role?.result.ok && role.result.journey.legs.map((l) => l.outcome)).toEqual(['denied', 'allowed']);
    expect(role?.verdicts.map((v) => v.id)).toEqual(expect.arrayContaining(role?.design.scenario.edges.map((e) => e.id) ?? []));
    expect(structuredClone(c)).toEqual(c);
  });
});

describe('the evaluation session plays role chains found by the access analysis', () => {
  it('Given a chain alice → ExportRole → bucket that is not drawn as edges, when its journey is asked for, then each hop is an engine decision and the identity is swapped at the role', () => {
    const session = new EvaluationSession();
    const undrawn: Scenario = { ...seedCrossAccount, edges: [] };
    session.update(full(undrawn));
    const result = session.journey([{ edges: [], chain: [{ from: 'alice', to: 'export-role', action: 'sts:AssumeRole' }, { from: 'export-role', to: 'bucket', action: 's3:PutObject', resourcePath: 'reports/x' }] }]);
    if (!result.ok) throw new Error(result.reason);
    expect(result.journey.kind).toBe('assume-role');
    expect(result.journey.outcome).toBe('allowed');
    expect(result.journey.swaps).toHaveLength(1);
    expect(result.journey.requests.map((r) => r.decision.request.resource)).toEqual(['arn:aws:iam::222222222222:role/ExportRole', 'arn:aws:s3:::bucket-b/reports/x']);
  });

  it('Given a chain that starts at an outsider, then it cannot be played on the canvas and says so', () => {
    const session = new EvaluationSession();
    session.update(full(seedCrossAccount));
    const result = session.journey([{ edges: [], chain: [{ from: 'account:333333333333', to: 'export-role', action: 'sts:AssumeRole' }] }]);
    expect(result).toEqual({ ok: false, reason: 'Only a chain that starts at a principal on the canvas can be played.' });
  });
});

describe('the evaluation session answers the fix analyses', () => {
  it('Given the seed, when alice-put has its bucket policy removed and a what-if asks about the seed as a patch of one bucket, then only that edge changes and the bucket policy is diffed', () => {
    const session = new EvaluationSession();
    session.update(full(seedCrossAccount));
    const edited = updateResource(seedCrossAccount, 'bucket', (r) => ({ ...r, policy: { Version: '2012-10-17', Statement: [] } }));
    const bucket = edited.resources.find((r) => r.id === 'bucket');
    session.update(clone({ resources: { ids: edited.resources.map((r) => r.id), items: [bucket as NonNullable<typeof bucket>] } }));
    // The baseline (the seed) differs from what the session holds by one bucket: only it is sent.
    const original = seedCrossAccount.resources.find((r) => r.id === 'bucket');
    const w = session.whatIf(clone({ resources: { ids: seedCrossAccount.resources.map((r) => r.id), items: [original as NonNullable<typeof original>] } }), 'seed', 'Edited', 'the seed');
    expect(w.changed.map((c) => [c.id, c.before, c.after])).toEqual([['alice-put', 'allowed', 'implicit-deny']]);
    expect(w.policies.map((p) => p.title)).toEqual([expect.stringMatching(/^Bucket policy of /)]);
    expect(w.currentName).toBe('Edited');
    // The held scenario is unchanged by the comparison: proposals are asked of it.
    const fixes = session.fixes('alice-put', 'allow');
    expect(fixes.status).toBe('implicit-deny');
    expect(fixes.proposals[0]?.edgeAfter).toBe('allowed');
    expect(structuredClone(fixes)).toEqual(fixes);
  });
});

describe('a long evaluation reports instead of going silent', () => {
  it('Given one decision that runs past its budget, then it is reported while the evaluation runs, and named in the result', () => {
    const session = new EvaluationSession();
    const heard: Array<{ done: number; slowest?: { id: string; ms: number } }> = [];
    // A clock the test controls: 1 ms per reading, and 700 ms between the third and the fourth reading —
    // the second decision (the first reading is the start of the evaluation, each decision reads it once).
    let readings = 0;
    let t = 0;
    const now = (): number => (t += ++readings === 4 ? 700 : 1);
    const delta = session.update(full(seedCrossAccount), (p) => heard.push(p), now);
    expect(delta.slow).toHaveLength(1);
    const slow = delta.slow[0];
    expect(seedCrossAccount.edges.map((e) => e.id)).toContain(slow?.id);
    expect(slow?.ms).toBe(700);
    // Reported as soon as that decision ended, before the evaluation finished (the third decision started).
    expect(heard).toContainEqual({ done: 2, total: 4, elapsedMs: 702, slowest: slow });
  });

  it('Given decisions within budget, then nothing is reported slow, and progress comes every quarter second', () => {
    const session = new EvaluationSession();
    const heard: unknown[] = [];
    let t = 0;
    const delta = session.update(full(seedCrossAccount), (p) => heard.push(p), () => (t += 100));
    expect(delta.slow).toEqual([]);
    // Readings 100 ms apart: progress after the third decision (300 ms after the start).
    expect(heard).toEqual([{ done: 3, total: 4, elapsedMs: 300 }]);
  });
});
