import { describe, expect, it } from 'vitest';
import { applyChanges, policyAt, type Edge, type Principal, type Resource, type Scenario } from '../../model';
import { evaluateScenario } from '../scenario/evaluateScenario';
import { sideBySide } from './diff';
import { leastPrivilege } from './leastPrivilege';
import { proposeFixes } from './propose';
import { statementsOf } from './statements';
import { compareScenarios } from './whatIf';
import { reachedBy } from './documents';

const A = '111111111111';
const B = '222222222222';

function scenario(parts: { principals?: Principal[]; resources?: Resource[]; edges?: Edge[]; organizations?: Scenario['organizations']; accounts?: Scenario['accounts']; rules?: Scenario['rules'] }): Scenario {
  return {
    version: 2,
    name: 'test',
    organizations: parts.organizations ?? [],
    accounts: parts.accounts ?? [
      { id: A, name: 'A' },
      { id: B, name: 'B' },
    ],
    principals: parts.principals ?? [],
    groups: [],
    managedPolicies: [],
    resources: parts.resources ?? [],
    rules: parts.rules ?? [],
    edges: parts.edges ?? [],
    layout: { nodes: {} },
  };
}

const user = (id: string, account: string, statements: unknown[] = []): Principal => ({ id, type: 'iam-user', name: id, accountId: account, path: '/', tags: {}, policies: statements.length ? [{ name: `${id}-policy`, document: { Version: '2012-10-17', Statement: statements as Record<string, unknown>[] } }] : [] });
const role = (id: string, account: string, trust: unknown[], statements: unknown[] = []): Principal => ({ id, type: 'iam-role', name: id, accountId: account, path: '/', tags: {}, policies: statements.length ? [{ name: `${id}-policy`, document: { Version: '2012-10-17', Statement: statements as Record<string, unknown>[] } }] : [], trustPolicy: { Version: '2012-10-17', Statement: trust as Record<string, unknown>[] } });
const bucket = (statements?: unknown[]): Resource => ({ id: 'bucket', type: 's3-bucket', accountId: B, region: 'us-east-1', name: 'reports-b', ...(statements ? { policy: { Version: '2012-10-17', Statement: statements as Record<string, unknown>[] } } : {}) });

function fixes(s: Scenario, edgeId: string, direction: 'allow' | 'deny' = 'allow') {
  const evaluation = evaluateScenario(s);
  return { evaluation, result: proposeFixes(s, evaluation, edgeId, direction) };
}

function applyFirst(s: Scenario, edgeId: string, direction: 'allow' | 'deny' = 'allow') {
  const { result } = fixes(s, edgeId, direction);
  const first = result.proposals[0];
  if (!first) throw new Error(`no proposal: ${JSON.stringify(result.blockers)}`);
  const applied = applyChanges(s, first.changes.map((c) => c.change));
  if ('error' in applied) throw new Error(applied.error);
  return { first, result, scenario: applied.scenario, after: evaluateScenario(applied.scenario) };
}

describe('fixes for a denied edge', () => {
  it('Given a cross-account write that neither account allows, when fixed, then both gates are named and the narrowest statements name the exact object ARN and the user ARN', () => {
    const s = scenario({ principals: [user('alice', A)], resources: [bucket()], edges: [{ kind: 'access', id: 'e', from: 'alice', to: 'bucket', actions: ['s3:PutObject'], resourcePath: 'exports/orders.csv' }] });
    const { first, result, scenario: next, after } = applyFirst(s, 'e');
    expect(result.gates.map((g) => `${g.side}:${g.stage}`).sort()).toEqual(['principal:identity', 'resource:resource']);
    expect(first.scope).toBe('exact');
    expect(after.edges.get('e')?.status).toBe('allowed');
    const bucketPolicy = statementsOf(policyAt(next, { kind: 'resource', resourceId: 'bucket' }));
    expect(bucketPolicy).toEqual([expect.objectContaining({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/alice` }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::reports-b/exports/orders.csv' })]);
    const identity = statementsOf(policyAt(next, { kind: 'inline', principalId: 'alice', name: 'AllowPutObject' }));
    expect(identity).toEqual([expect.objectContaining({ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::reports-b/exports/orders.csv' })]);
    // Each change is shown as a diff of the named policy.
    expect(first.changes.map((c) => c.diff.title).sort()).toEqual(['Bucket policy of reports-b', 'Identity policy AllowPutObject of alice']);
    expect(first.changes.every((c) => c.diff.rows.some((r) => r.kind === 'added'))).toBe(true);
  });

  it('Given a role session denied by a bucket in another account, when fixed, then the bucket policy names the role ARN (which covers its sessions), not the session ARN', () => {
    const s = scenario({ principals: [role('writer', A, [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' }], [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }])], resources: [bucket()], edges: [{ kind: 'access', id: 'e', from: 'writer', to: 'bucket', actions: ['s3:PutObject'] }] });
    const { scenario: next, after } = applyFirst(s, 'e');
    expect(after.edges.get('e')?.status).toBe('allowed');
    expect(statementsOf(policyAt(next, { kind: 'resource', resourceId: 'bucket' }))[0]?.Principal).toEqual({ AWS: `arn:aws:iam::${A}:role/writer` });
  });

  it('Given a KMS key policy that does not admit a same-account user, when fixed, then the key policy statement writes Resource "*" (this key)', () => {
    const key: Resource = { id: 'key', type: 'kms-key', accountId: A, region: 'us-east-1', name: 'k1', policy: { Version: '2012-10-17', Statement: [] } };
    const s = scenario({ principals: [user('alice', A, [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }])], resources: [key], edges: [{ kind: 'access', id: 'e', from: 'alice', to: 'key', actions: ['kms:Decrypt'] }] });
    const { scenario: next, after } = applyFirst(s, 'e');
    expect(after.edges.get('e')?.status).toBe('allowed');
    expect(statementsOf(policyAt(next, { kind: 'resource', resourceId: 'key' }))[0]).toMatchObject({ Resource: '*', Principal: { AWS: `arn:aws:iam::${A}:user/alice` } });
  });

  it('Given an AssumeRole with an external id that the trust policy does not admit, when fixed, then the trust statement keeps the external id as a condition and has no Resource', () => {
    const s = scenario({ principals: [user('alice', A, [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]), role('r', B, [])], edges: [{ kind: 'assume', id: 'e', from: 'alice', to: 'r', externalId: 'x-123' }] });
    const { scenario: next, after } = applyFirst(s, 'e');
    expect(after.edges.get('e')?.status).toBe('allowed');
    const st = statementsOf(policyAt(next, { kind: 'trust', principalId: 'r' }))[0];
    expect(st).toMatchObject({ Principal: { AWS: `arn:aws:iam::${A}:user/alice` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x-123' } } });
    expect(st).not.toHaveProperty('Resource');
  });

  it('Given a Deny in a shared bucket policy, when fixed, then the first proposal exempts exactly this request and leaves everyone else denied', () => {
    const deny = { Sid: 'NoWrites', Effect: 'Deny', Principal: '*', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::reports-b/exports/orders.csv' };
    const allow = { Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${B}:user/alice`, `arn:aws:iam::${B}:user/bob`] }, Action: ['s3:PutObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::reports-b/*' };
    const s = scenario({
      principals: [user('alice', B), user('bob', B)],
      resources: [bucket([deny, allow])],
      edges: [
        { kind: 'access', id: 'alice-put', from: 'alice', to: 'bucket', actions: ['s3:PutObject'], resourcePath: 'exports/orders.csv' },
        { kind: 'access', id: 'alice-delete', from: 'alice', to: 'bucket', actions: ['s3:DeleteObject'], resourcePath: 'exports/orders.csv' },
        { kind: 'access', id: 'bob-put', from: 'bob', to: 'bucket', actions: ['s3:PutObject'], resourcePath: 'exports/orders.csv' },
      ],
    });
    const { first, result, after } = applyFirst(s, 'alice-put');
    expect(result.gates[0]).toMatchObject({ stage: 'resource', reason: 'explicit-deny' });
    expect(first.scope).toBe('exact');
    expect(first.sideEffects).toEqual([]);
    expect(after.edges.get('alice-put')?.status).toBe('allowed');
    expect(after.edges.get('alice-delete')?.status).toBe('explicit-deny');
    expect(after.edges.get('bob-put')?.status).toBe('explicit-deny');
    // The wider exemption (alice from the whole Deny) is offered too, and its preview says what else it opens.
    const wider = result.proposals.find((p) => p.changes.some((c) => c.what.startsWith('Exempts alice from')));
    expect(wider?.sideEffects.map((c) => c.id)).toEqual(['alice-delete']);
  });

  it('Given the root user drawn assuming a role, when fixes are asked, then none is proposed and the AWS rule is said plainly', () => {
    const s = scenario({ principals: [{ id: 'root', type: 'account-root', name: 'root', accountId: A, tags: {} }, role('r', B, [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' }])], edges: [{ kind: 'assume', id: 'e', from: 'root', to: 'r' }] });
    const { result } = fixes(s, 'e');
    expect(result.proposals).toEqual([]);
    expect(result.blockers[0]?.text).toMatch(/root user .* cannot call AssumeRole/);
  });

  it('Given an SCP Deny of an organization whose management account is not in the scenario, when fixes are asked, then it says who must change it instead of proposing it', () => {
    const org = { id: 'o-exampleorg1', name: 'Their org', rootId: 'r-root1', managementAccountId: '999999999999', ous: [], policies: [
      { id: 'full', name: 'FullAWSAccess', type: 'scp' as const, targets: ['r-root1'], document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
      { id: 'deny', name: 'NoS3', type: 'scp' as const, targets: ['r-root1'], document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] } },
    ] };
    const s = scenario({ organizations: [org], accounts: [{ id: A, name: 'A', organizationId: org.id }, { id: B, name: 'B' }], principals: [user('alice', A, [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }])], resources: [bucket([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 's3:*', Resource: 'arn:aws:s3:::reports-b/*' }])], edges: [{ kind: 'access', id: 'e', from: 'alice', to: 'bucket', actions: ['s3:GetObject'] }] });
    const { result } = fixes(s, 'e');
    expect(result.proposals).toEqual([]);
    expect(result.blockers[0]?.text).toMatch(/Only the management account of Their org \(999999999999\)/);
  });

  it('Given an EventBridge rule whose queue policy does not admit it, when fixed, then the statement names events.amazonaws.com and keeps the rule ARN as aws:SourceArn', () => {
    const busB: Resource = { id: 'bus', type: 'events-bus', accountId: A, region: 'us-east-1', name: 'default' };
    const queue: Resource = { id: 'queue', type: 'sqs-queue', accountId: A, region: 'us-east-1', name: 'jobs' };
    const s = scenario({ resources: [busB, queue], rules: [{ id: 'rule', name: 'on-order', busId: 'bus', targets: [{ id: 't', resourceId: 'queue' }] }] });
    const { scenario: next, after } = applyFirst(s, 't');
    expect(after.edges.get('t')?.status).toBe('allowed');
    expect(statementsOf(policyAt(next, { kind: 'resource', resourceId: 'queue' }))[0]).toMatchObject({ Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:events:us-east-1:${A}:rule/on-order` } } });
  });
});

describe('proposals for an edge that should be denied', () => {
  it('Given an allowed read granted by a statement that names exactly that action and object, when it should be denied, then the first proposal drops it and nothing else changes', () => {
    const s = scenario({ principals: [user('alice', B, [{ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::reports-b/x' }])], resources: [bucket()], edges: [{ kind: 'access', id: 'get', from: 'alice', to: 'bucket', actions: ['s3:GetObject'], resourcePath: 'x' }, { kind: 'access', id: 'put', from: 'alice', to: 'bucket', actions: ['s3:PutObject'], resourcePath: 'x' }] });
    const { first, after, scenario: next } = applyFirst(s, 'get', 'deny');
    expect(first.title).toMatch(/^Drop the action from a grant/);
    expect(first.sideEffects).toEqual([]);
    expect(after.edges.get('get')?.status).toBe('implicit-deny');
    expect(after.edges.get('put')?.status).toBe('allowed');
    expect(statementsOf(policyAt(next, { kind: 'inline', principalId: 'alice', name: 'alice-policy' }))[0]?.Action).toBe('s3:PutObject');
  });

  it('Given an allowed read through "s3:*", when it should be denied, then a Deny of exactly this request is proposed first and the other action stays allowed', () => {
    const s = scenario({ principals: [user('alice', B, [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }])], resources: [bucket()], edges: [{ kind: 'access', id: 'get', from: 'alice', to: 'bucket', actions: ['s3:GetObject'], resourcePath: 'x' }, { kind: 'access', id: 'put', from: 'alice', to: 'bucket', actions: ['s3:PutObject'], resourcePath: 'x' }] });
    const { first, after } = applyFirst(s, 'get', 'deny');
    expect(first.title).toMatch(/^Add a Deny of exactly this request/);
    expect(after.edges.get('get')?.status).toBe('explicit-deny');
    expect(after.edges.get('put')?.status).toBe('allowed');
  });

  it('Given an edge id that is not in the scenario, when proposals are asked, then none is made and it says so', () => {
    const s = scenario({ principals: [user('alice', A)], resources: [], edges: [] });
    const evaluation = evaluateScenario(s);
    expect(proposeFixes(s, evaluation, 'missing', 'deny').notes).toEqual(['This edge is not in the scenario.']);
  });
});

describe('least privilege', () => {
  const s = scenario({
    principals: [user('alice', B, [{ Sid: 'Everything', Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:us-east-1:${B}:jobs`, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }])],
    resources: [bucket(), { id: 'other', type: 's3-bucket', accountId: B, region: 'us-east-1', name: 'other-b' }, { id: 'queue', type: 'sqs-queue', accountId: B, region: 'us-east-1', name: 'jobs' }],
    edges: [
      { kind: 'access', id: 'get', from: 'alice', to: 'bucket', actions: ['s3:GetObject', 's3:PutObject'], resourcePath: 'x' },
      { kind: 'access', id: 'list', from: 'alice', to: 'other', actions: ['s3:ListBucket'] },
    ],
  });

  it('Given a user with s3:* on *, when least privilege is generated, then each statement names exact resources and only the actions each resource needs, grouped by service', () => {
    const lp = leastPrivilege(s, evaluateScenario(s), 'alice');
    expect(lp.ok).toBe(true);
    expect(lp.statements.map((st) => ({ service: st.service, actions: st.actions, resources: st.resources }))).toEqual([
      { service: 's3', actions: ['s3:GetObject', 's3:PutObject'], resources: ['arn:aws:s3:::reports-b/x'] },
      { service: 's3', actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::other-b'] },
    ]);
    expect(lp.excess.map((e) => e.text)).toEqual(expect.arrayContaining(['Action "s3:*": every s3 action it matches', 'Resource "*": every resource in every account', 's3:DeleteObject on reports-b', 'sqs:SendMessage: no allowed edge uses it']));
  });

  it('Given the generated policy, when it replaces the current ones, then every allowed edge stays allowed and the preview lists no change', () => {
    const evaluation = evaluateScenario(s);
    const lp = leastPrivilege(s, evaluation, 'alice');
    if (!lp.replace) throw new Error('no replacement');
    const applied = applyChanges(s, [lp.replace]);
    if ('error' in applied) throw new Error(applied.error);
    const after = evaluateScenario(applied.scenario);
    expect([...after.edges.values()].map((e) => e.status)).toEqual(['allowed', 'allowed']);
    expect(lp.sideEffects).toEqual([]);
    // Applying the same replacement to a scenario edited since is refused.
    expect(applyChanges(applied.scenario, [lp.replace])).toHaveProperty('error');
  });

  it('Given the root user, then no identity policy is generated and it says why', () => {
    const t = scenario({ principals: [{ id: 'root', type: 'account-root', name: 'root', accountId: A, tags: {} }] });
    expect(leastPrivilege(t, evaluateScenario(t), 'root')).toMatchObject({ ok: false, reason: expect.stringMatching(/root user/) });
  });
});

describe('what-if comparison', () => {
  it('Given a saved version and the current one with a bucket policy added, then the edges that changed decision and the policy diff are listed', () => {
    const before = scenario({ principals: [user('alice', A, [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }])], resources: [bucket()], edges: [{ kind: 'access', id: 'e', from: 'alice', to: 'bucket', actions: ['s3:PutObject'] }] });
    const now = { ...before, resources: [bucket([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/alice` }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::reports-b/*' }])] };
    const baseline = evaluateScenario(before);
    const current = evaluateScenario(now, baseline);
    const w = compareScenarios(now, current, before, evaluateScenario(before, current), 'Saved: before');
    expect(w.changed).toEqual([expect.objectContaining({ id: 'e', before: 'implicit-deny', after: 'allowed', label: 'alice → reports-b' })]);
    expect(w.unchanged).toBe(0);
    expect(w.policies.map((p) => p.title)).toEqual(['Bucket policy of reports-b']);
    expect(w.policies[0]?.rows.every((r) => r.kind === 'added')).toBe(true);
  });
});

describe('side-by-side diff', () => {
  it('Given two texts, then unchanged lines face each other and a replaced line is one changed row', () => {
    expect(sideBySide('a\nb\nc\n', 'a\nB\nc\nd\n').map((r) => r.kind)).toEqual(['same', 'changed', 'same', 'added']);
  });
});

describe('groups and managed policies: one document for many principals', () => {
  const doc = (statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements as Record<string, unknown>[] });
  // alice and bob are both in group Readers (read and delete on the bucket) and both have the customer
  // managed policy NoDeletes attached (a Deny of deletes): reads allowed, deletes denied.
  const member = (id: string): Principal => ({ ...user(id, B), groupIds: ['readers'], managedPolicyIds: ['nodel'] }) as Principal;
  const s: Scenario = {
    ...scenario({
      principals: [member('alice'), member('bob')],
      resources: [bucket()],
      edges: [
        { kind: 'access', id: 'alice-get', from: 'alice', to: 'bucket', actions: ['s3:GetObject'], resourcePath: 'x' },
        { kind: 'access', id: 'bob-get', from: 'bob', to: 'bucket', actions: ['s3:GetObject'], resourcePath: 'x' },
        { kind: 'access', id: 'alice-del', from: 'alice', to: 'bucket', actions: ['s3:DeleteObject'], resourcePath: 'x' },
        { kind: 'access', id: 'bob-del', from: 'bob', to: 'bucket', actions: ['s3:DeleteObject'], resourcePath: 'x' },
      ],
    }),
    groups: [{ id: 'readers', name: 'Readers', accountId: B, path: '/', policies: [{ name: 'read-write', document: doc([{ Sid: 'ReadWrite', Effect: 'Allow', Action: ['s3:GetObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::reports-b/*' }]) }] }],
    managedPolicies: [{ id: 'nodel', name: 'NoDeletes', path: '/', accountId: B, document: doc([{ Sid: 'NoDeletes', Effect: 'Deny', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::reports-b/*' }]) }],
  };

  it('Given a Deny in a managed policy attached to alice and bob, when alice’s delete is fixed, then the edit of the shared policy that opens bob’s delete too names it, and the first proposal opens nothing else', () => {
    const { result, after } = applyFirst(s, 'alice-del');
    expect(result.gates[0]).toMatchObject({ stage: 'identity', reason: 'explicit-deny' });
    expect(after.edges.get('alice-del')?.status).toBe('allowed');
    expect(after.edges.get('bob-del')?.status).toBe('explicit-deny');
    expect(result.proposals[0]?.sideEffects).toEqual([]);
    const out = result.proposals.find((p) => p.changes.some((c) => c.what.startsWith('Stops Deny "NoDeletes" from denying s3:DeleteObject')));
    expect(out?.changes.map((c) => c.diff.title)).toEqual(['Managed policy NoDeletes']);
    expect(out?.sideEffects.map((c) => [c.id, c.before, c.after])).toEqual([['bob-del', 'explicit-deny', 'allowed']]);
    // Who else the shared document reaches is said beside the preview.
    expect(out?.notes).toContain('Managed policy NoDeletes is attached to alice and bob: the change reaches each of them.');
  });

  it('Given a read granted by a group policy, when alice’s read should be denied, then dropping the action from the group’s policy names bob’s read, and a Deny in alice’s own policy comes first', () => {
    const { first, result, after } = applyFirst(s, 'alice-get', 'deny');
    expect(first.title).toMatch(/^Add a Deny of exactly this request/);
    expect(first.sideEffects).toEqual([]);
    expect(after.edges.get('alice-get')?.status).toBe('explicit-deny');
    expect(after.edges.get('bob-get')?.status).toBe('allowed');
    const drop = result.proposals.find((p) => p.title.startsWith('Drop the action from a grant'));
    expect(drop?.changes.map((c) => c.diff.title)).toEqual(['Policy read-write of group Readers']);
    expect(drop?.sideEffects.map((c) => [c.id, c.before, c.after])).toEqual([['bob-get', 'allowed', 'implicit-deny']]);
    expect(drop?.notes).toContain('Policy read-write of group Readers applies to every member of the group (alice and bob): the change reaches each of them.');
  });

  it('Given a managed policy attached through a group and as a boundary, then everyone it reaches is named', () => {
    const t: Scenario = {
      ...s,
      principals: [{ ...user('alice', B), groupIds: ['readers'] } as Principal, { ...role('ci', B, []), boundaryPolicyId: 'nodel' } as Principal, user('carol', B)],
      groups: [{ ...(s.groups[0] as NonNullable<(typeof s.groups)[0]>), managedPolicyIds: ['nodel'] }],
    };
    expect(reachedBy(t, { kind: 'managed', managedPolicyId: 'nodel' })).toEqual({ principals: ['alice', 'ci'], groups: ['Readers'] });
    expect(reachedBy(t, { kind: 'inline', principalId: 'carol', name: 'p' })).toBeUndefined();
  });
});
