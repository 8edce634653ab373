import { describe, expect, it } from 'vitest';
import { groupArn, managedPolicyArn, policyCaption } from './arn';
import { compactScenario } from './compact';
import { moveToAccount, removeIds, updateManagedPolicy } from './edit';
import { parseScenario } from './parse';
import { emptyScenario } from './constants';
import type { Scenario } from './schema';

const A = '111111111111';
const B = '222222222222';
const READ = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };

/** Two accounts; in A a group Admins with an inline policy and AWS managed ReadOnlyAccess, bob in it, a role with a customer managed policy and boundary. */
function identities(): Scenario {
  return {
    ...emptyScenario('Groups'),
    accounts: [
      { id: A, name: 'A' },
      { id: B, name: 'B' },
    ],
    managedPolicies: [
      { id: 'mp-readonly', name: 'ReadOnlyAccess', path: '/', document: READ },
      { id: 'mp-dev', name: 'DevAccess', path: '/teams/', accountId: A, document: READ },
    ],
    groups: [{ id: 'g-admins', name: 'Admins', accountId: A, path: '/', policies: [{ name: 'AdminsInline', document: READ }], managedPolicyIds: ['mp-readonly'] }],
    principals: [
      { id: 'bob', type: 'iam-user', name: 'bob', accountId: A, path: '/', tags: {}, policies: [], groupIds: ['g-admins'] },
      { id: 'app', type: 'iam-role', name: 'App', accountId: A, path: '/', tags: {}, policies: [], trustPolicy: READ, managedPolicyIds: ['mp-dev', 'mp-readonly'], boundaryPolicyId: 'mp-dev' },
    ],
  };
}

const parsed = (s: unknown) => parseScenario(JSON.parse(JSON.stringify(s)));
const errors = (s: unknown) => {
  const r = parsed(s);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
};
function variant(edit: (s: Scenario) => Scenario): unknown {
  return edit(identities());
}

describe('groups and managed policies in the model', () => {
  it('Given groups, memberships and managed policies attached to users, groups and roles, when parsed, then they come back as written', () => {
    const r = parsed(identities());
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scenario).toEqual(identities());
  });

  it('Given a group and a managed policy, then their ARNs are derived as IAM writes them (path included; AWS managed under "aws")', () => {
    const s = identities();
    expect(groupArn(s.groups[0]!)).toBe('arn:aws:iam::111111111111:group/Admins');
    expect(managedPolicyArn(s.managedPolicies[0]!)).toBe('arn:aws:iam::aws:policy/ReadOnlyAccess');
    expect(managedPolicyArn(s.managedPolicies[1]!)).toBe('arn:aws:iam::111111111111:policy/teams/DevAccess');
  });

  it('Given a user in a group of another account, then it is refused where the membership is written', () => {
    const e = errors(variant((s) => ({ ...s, groups: s.groups.map((g) => ({ ...g, accountId: B })) })));
    expect(e).toContainEqual({ path: '$.principals[0].groupIds[0]', message: 'The group Admins is in account 222222222222; a user can be a member only of groups in its own account.' });
  });

  it('Given a membership or an attachment naming nothing, then each is located', () => {
    const e = errors(
      variant((s) => ({
        ...s,
        principals: s.principals.map((p) => (p.type === 'iam-user' ? { ...p, groupIds: ['g-nope'] } : p.type === 'iam-role' ? { ...p, managedPolicyIds: ['mp-nope'], boundaryPolicyId: 'mp-gone' } : p)),
      })),
    );
    expect(e).toContainEqual({ path: '$.principals[0].groupIds[0]', message: 'No group has the id "g-nope".' });
    expect(e).toContainEqual({ path: '$.principals[1].managedPolicyIds[0]', message: 'No managed policy has the id "mp-nope".' });
    expect(e).toContainEqual({ path: '$.principals[1].boundaryPolicyId', message: 'No managed policy has the id "mp-gone".' });
  });

  it('Given a customer managed policy of account A attached in account B, then it is refused; an AWS managed one may be attached anywhere', () => {
    const moved = (id: string) =>
      variant((s) => ({
        ...s,
        principals: [...s.principals, { id: 'carol', type: 'iam-user', name: 'carol', accountId: B, path: '/', tags: {}, policies: [], managedPolicyIds: [id] }],
      }));
    expect(errors(moved('mp-dev'))).toContainEqual({ path: '$.principals[2].managedPolicyIds[0]', message: 'The customer managed policy DevAccess belongs to account 111111111111; it can be attached only in that account.' });
    expect(parsed(moved('mp-readonly')).ok).toBe(true);
  });

  it('Given a principal with both an inline boundary and a managed one, then it is refused: a principal has one boundary', () => {
    const e = errors(variant((s) => ({ ...s, principals: s.principals.map((p) => (p.type === 'iam-role' ? { ...p, permissionsBoundary: READ } : p)) })));
    expect(e).toContainEqual({ path: '$.principals[1].boundaryPolicyId', message: 'A principal has one permissions boundary: either a managed policy or a document, not both.' });
  });

  it('Given a group whose id is a principal\'s, or a policy attached twice, then each is refused', () => {
    expect(errors(variant((s) => ({ ...s, groups: s.groups.map((g) => ({ ...g, id: 'bob' })), principals: s.principals.map((p) => (p.type === 'iam-user' ? { ...p, groupIds: [] } : p)) }))).map((e) => e.message)).toContain(
      'The id "bob" is already used at $.principals[0].id.',
    );
    expect(errors(variant((s) => ({ ...s, groups: s.groups.map((g) => ({ ...g, managedPolicyIds: ['mp-readonly', 'mp-readonly'] })) })))).toContainEqual({
      path: '$.groups[0].managedPolicyIds[1]',
      message: 'The managed policy "mp-readonly" is attached twice.',
    });
  });

  it('Given a managed policy whose account is not in the scenario, then it is refused', () => {
    expect(errors(variant((s) => ({ ...s, managedPolicies: s.managedPolicies.map((m) => (m.id === 'mp-dev' ? { ...m, accountId: '333333333333' } : m)) })))).toContainEqual({
      path: '$.managedPolicies[1].accountId',
      message: "The account 333333333333 is not one of the scenario's accounts.",
    });
  });

  it('Given a policy from a group or a managed policy, then it is named with where it came from', () => {
    expect(policyCaption({ name: 'AdminsInline', via: { groupName: 'Admins' } })).toBe('AdminsInline via group Admins');
    expect(policyCaption({ name: 'ReadOnlyAccess', managed: { aws: true }, via: { groupName: 'Admins' } })).toBe('ReadOnlyAccess (AWS managed) via group Admins');
    expect(policyCaption({ name: 'DevAccess', managed: { aws: false } })).toBe('DevAccess (customer managed)');
    expect(policyCaption({ name: 'ExportResults' })).toBe('ExportResults');
  });
});

describe('editing groups and managed policies', () => {
  it('Given a managed policy attached to a group and a role, when its document changes, then it is changed once and the attachments stay', () => {
    const s = identities();
    const next = updateManagedPolicy(s, 'mp-readonly', (m) => ({ ...m, document: { ...READ, Statement: [] } }));
    expect(next.managedPolicies[0]?.document.Statement).toEqual([]);
    expect(next.principals).toBe(s.principals);
    expect(next.groups).toBe(s.groups);
    expect(updateManagedPolicy(s, 'mp-readonly', (m) => m)).toBe(s);
  });

  it('Given an account removed, then its groups and customer managed policies go with it; AWS managed policies stay', () => {
    const next = removeIds(identities(), new Set([A]));
    expect(next.groups).toEqual([]);
    expect(next.managedPolicies.map((m) => m.id)).toEqual(['mp-readonly']);
    expect(parsed(next).ok).toBe(true);
  });

  it('Given a group or a managed policy removed, then memberships, attachments and boundaries naming it go too, and the scenario still parses', () => {
    const next = removeIds(identities(), new Set(['g-admins', 'mp-dev']));
    expect(next.principals.find((p) => p.id === 'bob')).toMatchObject({ groupIds: [] });
    const app = next.principals.find((p) => p.id === 'app');
    expect(app).toMatchObject({ managedPolicyIds: ['mp-readonly'] });
    expect(app && 'boundaryPolicyId' in app).toBe(false);
    expect(parsed(next).ok).toBe(true);
  });

  it('Given a user moved to another account, then it leaves its old account\'s groups and customer managed policies (IAM allows neither across accounts) and keeps AWS managed ones', () => {
    const s = identities();
    const next = moveToAccount(s, 'app', B, { x: 0, y: 0 });
    expect(next.principals.find((p) => p.id === 'app')).toMatchObject({ accountId: B, managedPolicyIds: ['mp-readonly'] });
    expect(moveToAccount(s, 'bob', B, { x: 0, y: 0 }).principals.find((p) => p.id === 'bob')).toMatchObject({ accountId: B, groupIds: [] });
    expect(parsed(moveToAccount(moveToAccount(s, 'app', B, { x: 0, y: 0 }), 'bob', B, { x: 0, y: 0 })).ok).toBe(true);
  });
});

describe('compact scenario JSON (links and files)', () => {
  it('Given fields equal to their defaults, then they are left out, and parsing puts them back', () => {
    const s = identities();
    const c = compactScenario(s) as Record<string, unknown>;
    const text = JSON.stringify(c);
    expect(text).not.toContain('"tags":{}');
    expect(text).not.toContain('"path":"/"');
    expect(text).not.toContain('"rules"');
    expect(text).not.toContain('"layout"');
    expect(text).toContain('"path":"/teams/"');
    const r = parseScenario(c);
    expect(r.ok && r.scenario).toEqual(s);
  });

  it('Given policy documents, then they are copied as written, empty parts included', () => {
    const doc = { Version: '2012-10-17', Statement: [], Id: '' };
    const s: Scenario = { ...identities(), resources: [{ id: 'b', type: 's3-bucket', accountId: A, region: 'us-east-1', name: 'b', policy: doc }] };
    const c = compactScenario(s) as { resources: Array<{ policy: unknown }> };
    expect(c.resources[0]?.policy).toEqual(doc);
    const withCondition = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: {} }] };
    const t: Scenario = { ...s, groups: [{ ...s.groups[0]!, policies: [{ name: 'x', document: withCondition }] }] };
    expect((compactScenario(t) as { groups: Array<{ policies: Array<{ document: unknown }> }> }).groups[0]?.policies[0]?.document).toEqual(withCondition);
  });
});
