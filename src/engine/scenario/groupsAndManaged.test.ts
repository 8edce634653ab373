import { describe, expect, it } from 'vitest';
import { emptyScenario, updateGroup, updateManagedPolicy, updatePrincipal, type Scenario } from '../../model';
import { evaluateScenario, explainStep } from './evaluateScenario';

/**
 * Groups and managed policies (IAM User Guide, "IAM user groups": a group's policies apply to its members;
 * "Managed policies and inline policies": a managed policy attached to several identities is one policy).
 */
const A = '111111111111';
const allow = (action: string, resource = '*') => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });

function estate(): Scenario {
  return {
    ...emptyScenario('Groups'),
    accounts: [{ id: A, name: 'A' }],
    managedPolicies: [
      { id: 'mp-readonly', name: 'ReadOnlyAccess', path: '/', document: allow('s3:GetObject') },
      { id: 'mp-queue', name: 'QueueWriter', path: '/', accountId: A, document: allow('sqs:SendMessage') },
      { id: 'mp-boundary', name: 'NoDelete', path: '/', accountId: A, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 'sqs:*'], Resource: '*' }] } },
    ],
    groups: [
      // ${aws:username} in a group's policy stands for the member making the request.
      { id: 'g-admins', name: 'Admins', accountId: A, path: '/', policies: [{ name: 'OwnPrefix', document: allow('s3:PutObject', 'arn:aws:s3:::data/home/${aws:username}/*') }], managedPolicyIds: ['mp-readonly'] },
    ],
    principals: [
      { id: 'bob', type: 'iam-user', name: 'bob', accountId: A, path: '/', tags: {}, policies: [], groupIds: ['g-admins'] },
      { id: 'app', type: 'iam-role', name: 'App', accountId: A, path: '/', tags: {}, policies: [], trustPolicy: allow('sts:AssumeRole'), managedPolicyIds: ['mp-queue'] },
    ],
    resources: [
      { id: 'data', type: 's3-bucket', accountId: A, region: 'us-east-1', name: 'data' },
      { id: 'jobs', type: 'sqs-queue', accountId: A, region: 'us-east-1', name: 'jobs' },
    ],
    edges: [
      { kind: 'access', id: 'bob-read', from: 'bob', to: 'data', actions: ['s3:GetObject'] },
      { kind: 'access', id: 'bob-own', from: 'bob', to: 'data', actions: ['s3:PutObject'], resourcePath: 'home/bob/notes.txt' },
      { kind: 'access', id: 'bob-other', from: 'bob', to: 'data', actions: ['s3:PutObject'], resourcePath: 'home/alice/notes.txt' },
      { kind: 'access', id: 'app-send', from: 'app', to: 'jobs', actions: ['sqs:SendMessage'] },
    ],
  };
}

describe('a group\'s policies are its members\' identity policies', () => {
  const e = evaluateScenario(estate());

  it('Given bob in Admins, which has AWS managed ReadOnlyAccess, when he reads, then it is allowed and the explanation says via group Admins', () => {
    const r = e.edges.get('bob-read');
    expect(r?.status).toBe('allowed');
    expect(r?.summary).toBe('Allowed: statement 1 of AWS managed policy "ReadOnlyAccess" via group Admins allows bob (111111111111) to s3:GetObject on data/*.');
    const ref = r?.steps[0]?.decision.deciding[0];
    expect(ref?.source).toMatchObject({ kind: 'identity', ownerId: 'mp-readonly', name: 'ReadOnlyAccess', via: { groupId: 'g-admins', groupName: 'Admins' }, managed: { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', aws: true } });
  });

  it("Given the group's inline policy with ${aws:username}, then it stands for the member: his own prefix allowed, another's not", () => {
    expect(e.edges.get('bob-own')?.status).toBe('allowed');
    expect(e.edges.get('bob-own')?.summary).toContain('identity policy "OwnPrefix" via group Admins');
    expect(e.edges.get('bob-other')?.status).toBe('implicit-deny');
  });

  it('Given bob leaves the group, then nothing allows him any more', () => {
    const s = updatePrincipal(estate(), 'bob', (p) => ({ ...p, groupIds: [] }));
    const after = evaluateScenario(s, e);
    expect(after.edges.get('bob-read')?.status).toBe('implicit-deny');
    expect(after.edges.get('bob-own')?.status).toBe('implicit-deny');
  });

  it('Given a statement-level trace, then the group\'s policies are listed among bob\'s identity policies', () => {
    const step = e.edges.get('bob-read')?.steps[0];
    const d = step ? explainStep(e, step) : undefined;
    const identity = d?.stages.find((st) => st.stage === 'identity');
    expect(identity?.policies.map((p) => p.source.name)).toEqual(['OwnPrefix', 'ReadOnlyAccess']);
  });
});

describe('managed policies, stored once', () => {
  it('Given a customer managed policy attached to a role, then its session is allowed by it, named as a managed policy', () => {
    const r = evaluateScenario(estate()).edges.get('app-send');
    expect(r?.status).toBe('allowed');
    expect(r?.summary).toContain('statement 1 of managed policy "QueueWriter"');
  });

  it('Given a managed policy attached directly and through a group, then it is evaluated once', () => {
    const s = updatePrincipal(estate(), 'bob', (p) => ({ ...p, managedPolicyIds: ['mp-readonly'] }));
    const step = evaluateScenario(s).edges.get('bob-read')?.steps[0];
    const identity = step ? explainStep(evaluateScenario(s), step).stages.find((st) => st.stage === 'identity') : undefined;
    expect(identity?.policies.filter((p) => p.source.name === 'ReadOnlyAccess')).toHaveLength(1);
  });

  it('Given a managed policy set as a permissions boundary, then it caps what the other policies grant', () => {
    const s: Scenario = {
      ...estate(),
      principals: estate().principals.map((p) => (p.type === 'iam-role' ? { ...p, boundaryPolicyId: 'mp-boundary', managedPolicyIds: ['mp-queue', 'mp-readonly'] } : p)),
      edges: [...estate().edges, { kind: 'access', id: 'app-put', from: 'app', to: 'data', actions: ['s3:PutObject'] }],
    };
    const allowedByBoth = { ...s, managedPolicies: s.managedPolicies.map((m) => (m.id === 'mp-readonly' ? { ...m, document: allow('s3:*') } : m)) };
    const e = evaluateScenario(allowedByBoth);
    expect(e.edges.get('app-send')?.status).toBe('allowed');
    expect(e.edges.get('app-put')?.status).toBe('implicit-deny');
    expect(e.edges.get('app-put')?.steps[0]?.decision.reason).toBe('boundary-no-allow');
  });

  it('Given one managed policy edited, then exactly the edges of the principals it reaches are decided again, with the new answer', () => {
    const before = evaluateScenario(estate());
    // Only the managed policy changes: every other object is the one evaluated before.
    const s = updateManagedPolicy(before.scenario!, 'mp-readonly', (m) => ({ ...m, document: allow('s3:ListBucket') }));
    const after = evaluateScenario(s, before);
    expect(after.edges.get('bob-read')?.status).toBe('implicit-deny');
    expect(after.stats).toEqual({ evaluated: 3, reused: 1 });
    expect(after.edges.get('app-send')).toBe(before.edges.get('app-send'));
  });

  it("Given a group's inline policy edited, then its members' edges are decided again", () => {
    const before = evaluateScenario(estate());
    const s = updateGroup(before.scenario!, 'g-admins', (g) => ({ ...g, policies: [{ name: 'OwnPrefix', document: allow('s3:PutObject', 'arn:aws:s3:::data/*') }] }));
    const after = evaluateScenario(s, before);
    expect(after.edges.get('bob-other')?.status).toBe('allowed');
    expect(after.stats.evaluated).toBe(3);
  });

  it('Given a managed policy edited while edges were also added (the full path), then no stale result is kept', () => {
    const before = evaluateScenario(estate());
    const s = updateManagedPolicy(before.scenario!, 'mp-queue', (m) => ({ ...m, document: allow('sqs:ReceiveMessage') }));
    const grown: Scenario = { ...s, edges: [...s.edges, { kind: 'access', id: 'bob-send', from: 'bob', to: 'jobs', actions: ['sqs:SendMessage'] }] };
    const after = evaluateScenario(grown, before);
    expect(after.edges.get('app-send')?.status).toBe('implicit-deny');
    expect(after.edges.get('bob-read')).toBe(before.edges.get('bob-read'));
  });
});
