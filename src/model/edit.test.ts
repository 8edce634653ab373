import { describe, expect, it } from 'vitest';
import { addAccount, addOrganizationalUnit, changeAccountId, addPrincipal, addResource, addRule, connect, createOrganization, duplicate, joinOrganization, leaveOrganization, moveRule, moveToAccount, placeAccount, removeIds, removeOrganizationalUnit, setLayout, updateAccount, updateEdge, updateOrganization, updatePrincipal, updateResource, updateRule } from './edit';
import { seedCrossAccount } from './fixtures/seedCrossAccount';
import { parseScenario } from './parse';
import { emptyScenario } from './constants';
import { principalArn } from './arn';
import type { Scenario } from './schema';
import { evaluateScenario } from '../engine';
import { HEAVY_TEST_MS } from '../testing/timeouts';

const valid = (s: unknown) => {
  const r = parseScenario(JSON.parse(JSON.stringify(s)));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
};

describe('editing operations keep the scenario valid', () => {
  it('Given an empty scenario, when accounts, principals, resources and a rule are added and connected, then it parses', () => {
    let s = emptyScenario();
    const a = addAccount(s, { x: 0, y: 0 });
    s = a.scenario;
    const b = addAccount(s, { x: 600, y: 0 });
    s = b.scenario;
    expect([a.id, b.id]).toEqual(['111111111111', '222222222222']);
    const user = addPrincipal(s, 'iam-user', a.id, { x: 20, y: 40 });
    s = user.scenario;
    const role = addPrincipal(s, 'iam-role', b.id, { x: 20, y: 40 });
    s = role.scenario;
    const bucket = addResource(s, 's3-bucket', b.id, { x: 200, y: 40 });
    s = bucket.scenario;
    const bus = addResource(s, 'events-bus', a.id, { x: 200, y: 40 });
    s = bus.scenario;
    const queue = addResource(s, 'sqs-queue', a.id, { x: 200, y: 200 });
    s = queue.scenario;
    const rule = addRule(s, bus.id, { x: 300, y: 40 });
    if ('error' in rule) throw new Error(rule.error);
    s = rule.scenario;
    for (const [from, to] of [[user.id, role.id], [user.id, bucket.id], [rule.id, queue.id]] as const) {
      const c = connect(s, from, to);
      if ('error' in c) throw new Error(c.error);
      s = c.scenario;
    }
    const parsed = valid(s);
    expect(parsed.edges.map((e) => e.kind)).toEqual(['assume', 'access']);
    expect(parsed.rules[0]?.targets).toHaveLength(1);
  });

  it('Given a connection to a user, then it explains that only roles can be assumed', () => {
    const c = connect(seedCrossAccount, 'export-role', 'alice');
    expect('error' in c && c.error).toMatch(/Only a role can be assumed/);
  });

  it('Given a rule connected to a DynamoDB table, then it is refused: not an EventBridge target', () => {
    const c = connect(seedCrossAccount, 'rule', 'table');
    expect('error' in c && c.error).toMatch(/not an EventBridge target/);
  });

  it('Given a user moved into another account, then its ARN follows', () => {
    const s = moveToAccount(seedCrossAccount, 'alice', '222222222222', { x: 10, y: 10 });
    expect(principalArn(s.principals.find((p) => p.id === 'alice')!)).toBe('arn:aws:iam::222222222222:user/alice');
    expect(s.resources).toBe(seedCrossAccount.resources);
  });

  it('Given an account removed, then its principals, resources, rules on its buses and all their edges go too', () => {
    const s = valid(removeIds(seedCrossAccount, new Set(['111111111111'])));
    expect(s.principals.map((p) => p.id)).toEqual(['export-role']);
    expect(s.rules).toEqual([]);
    expect(s.edges).toEqual([]);
  });

  it('Given a duplicate of alice, then the copy has a new id and name', () => {
    const d = duplicate(seedCrossAccount, new Set(['alice']));
    const s = valid(d.scenario);
    expect(s.principals.filter((p) => p.name.startsWith('alice')).map((p) => p.name)).toEqual(['alice', 'alice-2']);
  });
});

describe('organizations', () => {
  const two = () => {
    let s = emptyScenario();
    s = addAccount(s, { x: 0, y: 0 }).scenario;
    s = addAccount(s, { x: 600, y: 0 }).scenario;
    return s;
  };

  it('Given two accounts, when an organization is created from the first and the second joins, then both carry FullAWSAccess and it parses', () => {
    const created = createOrganization(two(), '111111111111');
    if ('error' in created) throw new Error(created.error);
    const s = joinOrganization(created.scenario, '222222222222', created.id);
    const org = s.organizations[0];
    expect(org?.managementAccountId).toBe('111111111111');
    expect(s.accounts.every((a) => a.organizationId === created.id)).toBe(true);
    expect(org?.policies[0]?.targets).toEqual([org?.rootId, '111111111111', '222222222222']);
    valid(s);
  });

  it('Given a member, when it leaves, then it is standalone and no policy targets it; the management account cannot leave', () => {
    const created = createOrganization(two(), '111111111111');
    if ('error' in created) throw new Error(created.error);
    const joined = joinOrganization(created.scenario, '222222222222', created.id);
    const left = leaveOrganization(joined, '222222222222');
    expect(left.accounts.find((a) => a.id === '222222222222')?.organizationId).toBeUndefined();
    expect(left.organizations[0]?.policies.some((p) => p.targets.includes('222222222222'))).toBe(false);
    expect(leaveOrganization(joined, '111111111111')).toBe(joined);
  });

  it('Given an account already in an organization, when another is created from it, then it is refused', () => {
    const created = createOrganization(two(), '111111111111');
    if ('error' in created) throw new Error(created.error);
    expect(createOrganization(created.scenario, '111111111111')).toHaveProperty('error');
  });
});

describe('rules and layout', () => {
  it('Given a rule on one bus, when moved to another bus, then its bus changes; to a non-bus, it is refused', () => {
    let s = addAccount(emptyScenario(), { x: 0, y: 0 }).scenario;
    const b1 = addResource(s, 'events-bus', '111111111111', { x: 0, y: 0 });
    s = b1.scenario;
    const b2 = addResource(s, 'events-bus', '111111111111', { x: 0, y: 100 });
    s = b2.scenario;
    const q = addResource(s, 'sqs-queue', '111111111111', { x: 0, y: 200 });
    s = q.scenario;
    const rule = addRule(s, b1.id, { x: 0, y: 0 });
    if ('error' in rule) throw new Error(rule.error);
    const moved = moveRule(rule.scenario, rule.id, b2.id);
    if ('error' in moved) throw new Error(moved.error);
    expect(moved.rules[0]?.busId).toBe(b2.id);
    expect(moveRule(rule.scenario, rule.id, q.id)).toHaveProperty('error');
  });

  it('Given a layout, when many entries are set at once, then the others are kept', () => {
    const s = addAccount(emptyScenario(), { x: 5, y: 5 }).scenario;
    const next = setLayout(s, { alice: { x: 1, y: 2 } });
    expect(next.layout.nodes).toEqual({ '111111111111': s.layout.nodes['111111111111'], alice: { x: 1, y: 2 } });
  });
});

describe('removing', () => {
  it('Given ids that are not in the scenario, when removed, then the same scenario comes back (no undo step)', () => {
    const s = addAccount(emptyScenario(), { x: 0, y: 0 }).scenario;
    expect(removeIds(s, new Set(['nope']))).toBe(s);
  });
  it('Given a rule target with a role and a stage/METHOD/path, when the role is removed, then the target keeps its path and loses only the role', () => {
    const s = {
      ...seedCrossAccount,
      resources: [...seedCrossAccount.resources, { id: 'api', type: 'apigateway-rest-api' as const, accountId: '222222222222', region: 'us-east-1', name: 'a1b2c3d4e5' }],
      rules: seedCrossAccount.rules.map((r) => ({ ...r, targets: [...r.targets, { id: 'rule-api', resourceId: 'api', roleId: 'export-role', resourcePath: 'prod/POST/orders' }] })),
    };
    const after = valid(removeIds(valid(s), new Set(['export-role'])));
    expect(after.rules[0]?.targets.find((t) => t.id === 'rule-api')).toEqual({ id: 'rule-api', resourceId: 'api', resourcePath: 'prod/POST/orders' });
  });
});

describe('organizational units', () => {
  const org = () => {
    let s = addAccount(emptyScenario(), { x: 0, y: 0 }).scenario;
    s = addAccount(s, { x: 600, y: 0 }).scenario;
    const created = createOrganization(s, '111111111111');
    if ('error' in created) throw new Error(created.error);
    return { s: joinOrganization(created.scenario, '222222222222', created.id), orgId: created.id };
  };

  it('Given an organization, when an OU is added, a member placed in it and an SCP attached to it, then the scenario parses', () => {
    const { s, orgId } = org();
    const ou = addOrganizationalUnit(s, orgId, 'Workloads');
    if ('error' in ou) throw new Error(ou.error);
    let next = placeAccount(ou.scenario, '222222222222', ou.id);
    next = updateOrganization(next, orgId, (o) => ({ ...o, policies: o.policies.map((p) => ({ ...p, targets: [...p.targets, ou.id] })) }));
    expect(next.accounts.find((a) => a.id === '222222222222')?.parentId).toBe(ou.id);
    valid(next);
  });

  it('Given an account in an OU, when the OU is removed, then the account moves to the root and the policy is detached', () => {
    const { s, orgId } = org();
    const ou = addOrganizationalUnit(s, orgId, 'Workloads');
    if ('error' in ou) throw new Error(ou.error);
    let next = placeAccount(ou.scenario, '222222222222', ou.id);
    next = updateOrganization(next, orgId, (o) => ({ ...o, policies: o.policies.map((p) => ({ ...p, targets: [...p.targets, ou.id] })) }));
    const removed = removeOrganizationalUnit(next, orgId, ou.id);
    expect(removed.accounts.find((a) => a.id === '222222222222')?.parentId).toBeUndefined();
    expect(removed.organizations[0]?.policies.some((p) => p.targets.includes(ou.id))).toBe(false);
    valid(removed);
  });
});

describe('update operations and no-op edits', () => {
  it('Given a patch that returns the same object, when applied, then the same scenario comes back (no undo step)', () => {
    const s = seedCrossAccount;
    expect(updatePrincipal(s, 'alice', (p) => p)).toBe(s);
    expect(updateResource(s, 'bucket', (r) => r)).toBe(s);
    expect(updateEdge(s, 'alice-put', (e) => e)).toBe(s);
    expect(updateAccount(s, '111111111111', (a) => a)).toBe(s);
    expect(updateRule(s, 'rule', (r) => r)).toBe(s);
  });
  it('Given a patch that changes one resource, then only that resource and its array are new', () => {
    const s = seedCrossAccount;
    const next = updateResource(s, 'bucket', (r) => ({ ...r, name: 'renamed' }));
    expect(next).not.toBe(s);
    expect(next.resources.find((r) => r.id === 'bucket')?.name).toBe('renamed');
    expect(next.resources.find((r) => r.id === 'table')).toBe(s.resources.find((r) => r.id === 'table'));
    expect(next.principals).toBe(s.principals);
  });
});

describe('changing an account id: every reference follows', () => {
  const A = '111111111111';
  const C = '333333333333';
  const changed = (s: Scenario, from = A, to = C) => {
    const r = changeAccountId(s, from, to);
    if ('error' in r) throw new Error(r.error);
    return r;
  };

  it('Given the seed, when account A becomes 333333333333, then its principals, resources, ARNs in policies, the SCP attachment and the layout follow, and it still parses', () => {
    const { scenario: s } = changed(seedCrossAccount);
    expect(s.accounts.map((a) => a.id)).toEqual(['999999999999', C, '222222222222']);
    expect(s.principals.filter((p) => p.type !== 'service' && p.accountId === C).map((p) => p.id)).toEqual(['alice', 'events-role']);
    expect(s.resources.filter((r) => r.accountId === C).map((r) => r.id)).toEqual(['table', 'bus', 'queue']);
    const text = JSON.stringify(s);
    expect(text).not.toContain(A);
    expect(principalArn(s.principals.find((p) => p.id === 'alice')!)).toBe(`arn:aws:iam::${C}:user/alice`);
    // alice's own identity policy, the bucket policy in B naming her, ExportRole's trust policy, the queue policy's rule ARN.
    expect(text).toContain(`arn:aws:dynamodb:us-east-1:${C}:table/results-source`);
    expect(text).toContain(`"AWS":"arn:aws:iam::${C}:user/alice"`);
    expect(text).toContain(`"AWS":"arn:aws:iam::${C}:root"`);
    expect(text).toContain(`"aws:SourceArn":"arn:aws:events:us-east-1:${C}:rule/export-done"`);
    expect(s.organizations[0]?.policies[0]?.targets).toEqual(['r-root', '999999999999', C, '222222222222']);
    expect(Object.keys(s.layout.nodes)).toEqual(Object.keys(seedCrossAccount.layout.nodes).map((k) => (k === A ? C : k)));
    expect(s.layout.nodes[C]).toBe(seedCrossAccount.layout.nodes[A]);
    expect(valid(s)).toEqual(s);
  });

  it('Given the seed, when account A is renumbered, then every edge is decided exactly as before', () => {
    const { scenario } = changed(seedCrossAccount);
    const decisions = (s: Scenario) => [...evaluateScenario(s).edges.values()].map((e) => `${e.id}: ${e.steps.map((st) => `${st.verdict.decision}/${st.verdict.reason}`).join(',')}`);
    expect(decisions(scenario)).toEqual(decisions(seedCrossAccount));
  }, HEAVY_TEST_MS);

  it('Given the seed, when account A is renumbered, then the rewrite names each policy it changed, the entities that moved and the organization', () => {
    const { rewrite } = changed(seedCrossAccount);
    expect(rewrite).toMatchObject({ from: A, to: C, entities: 5, groupsAndManagedPolicies: 0, contexts: 0, rules: 0, organizations: [{ name: 'Example org', management: false, attachments: 1 }], alreadyNamed: 0 });
    expect(rewrite.policies).toEqual([
      { owner: 'alice', policy: 'ExportResults', references: 1 },
      { owner: 'ExportRole', policy: 'Trust policy', references: 1 },
      { owner: 'bucket-b', policy: 'Bucket policy', references: 1 },
      { owner: 'export-events', policy: 'Queue policy', references: 2 },
    ]);
  });

  it('Given account-id values in Principal, conditions, contexts and event patterns, then those naming the account follow and nothing else does', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Mixed',
          Effect: 'Allow',
          Principal: { AWS: [A, `arn:aws:sts::${A}:assumed-role/R/s`, '222222222222', 'arn:aws:iam::*:root'], Service: 'events.amazonaws.com' },
          Action: ['s3:GetObject'],
          Resource: [`arn:aws:s3:::logs-${A}/*`, `arn:aws:sqs:us-east-1:${A}:q`],
          Condition: {
            StringEquals: { 'aws:SourceAccount': A, 'AWS:PrincipalAccount': [A, '222222222222'], 'kms:CallerAccount': A, 'sts:ExternalId': A },
            ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/*` },
          },
        },
      ],
    };
    const s: Scenario = {
      ...seedCrossAccount,
      resources: seedCrossAccount.resources.map((r) => (r.id === 'bucket' ? { ...r, policy: doc } : r)),
      edges: seedCrossAccount.edges.map((e) => (e.id === 'alice-put' ? { ...e, context: { 'aws:SourceAccount': A, 'aws:SourceIp': '203.0.113.1' } } : e)),
      rules: seedCrossAccount.rules.map((r) => ({ ...r, eventPattern: { source: ['app.export'], account: [A], resources: [`arn:aws:s3:::bucket-b`, `arn:aws:sqs:us-east-1:${A}:q`], detail: { note: [A] } } })),
    };
    const { scenario, rewrite } = changed(s);
    const st = (scenario.resources.find((r) => r.id === 'bucket')?.policy?.Statement as Record<string, unknown>[])[0];
    expect(st).toEqual({
      ...doc.Statement[0],
      Principal: { AWS: [C, `arn:aws:sts::${C}:assumed-role/R/s`, '222222222222', 'arn:aws:iam::*:root'], Service: 'events.amazonaws.com' },
      // A bucket named after the account keeps its name: S3 ARNs carry no account.
      Resource: [`arn:aws:s3:::logs-${A}/*`, `arn:aws:sqs:us-east-1:${C}:q`],
      // An external id that happens to equal the account id is a secret, not a reference.
      Condition: { StringEquals: { 'aws:SourceAccount': C, 'AWS:PrincipalAccount': [C, '222222222222'], 'kms:CallerAccount': C, 'sts:ExternalId': A }, ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${C}:role/*` } },
    });
    expect(scenario.edges.find((e) => e.id === 'alice-put')?.context).toEqual({ 'aws:SourceAccount': C, 'aws:SourceIp': '203.0.113.1' });
    expect(scenario.rules[0]?.eventPattern).toEqual({ source: ['app.export'], account: [C], resources: ['arn:aws:s3:::bucket-b', `arn:aws:sqs:us-east-1:${C}:q`], detail: { note: [A] } });
    expect(rewrite).toMatchObject({ contexts: 1, rules: 1 });
    expect(rewrite.policies.find((p) => p.owner === 'bucket-b')).toEqual({ owner: 'bucket-b', policy: 'Bucket policy', references: 7 });
  });

  it('Given the management account, when renumbered, then the organization follows', () => {
    const { scenario, rewrite } = changed(seedCrossAccount, '999999999999', '444444444444');
    expect(scenario.organizations[0]?.managementAccountId).toBe('444444444444');
    expect(scenario.accounts.find((a) => a.id === '444444444444')?.organizationId).toBe('o-exampleorg1');
    expect(rewrite.organizations).toEqual([{ name: 'Example org', management: true, attachments: 1 }]);
  });

  it('Given an id that is not 12 digits or is taken, then it is refused with the reason; the same id changes nothing', () => {
    expect(changeAccountId(seedCrossAccount, A, '12345')).toEqual({ error: 'An account id is exactly 12 digits.' });
    expect(changeAccountId(seedCrossAccount, A, '22222222222a')).toEqual({ error: 'An account id is exactly 12 digits.' });
    expect(changeAccountId(seedCrossAccount, A, '222222222222')).toEqual({ error: 'Account B already has the id 222222222222.' });
    const same = changeAccountId(seedCrossAccount, A, A);
    expect('scenario' in same && same.scenario).toBe(seedCrossAccount);
    expect(changeAccountId(seedCrossAccount, '555555555555', C)).toEqual({ error: 'No such account.' });
  });

  it('Given policies that already named the new id (an account not drawn), then the rewrite says how many now mean this account', () => {
    const s = updatePrincipal(seedCrossAccount, 'export-role', (p) =>
      p.type === 'iam-role' ? { ...p, trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${A}:root`, C] }, Action: 'sts:AssumeRole' }] } } : p,
    );
    expect(changed(s).rewrite.alreadyNamed).toBe(1);
  });

  it('Given a group and a customer managed policy of account A and A hidden from the drawing, when A is renumbered, then they follow; an AWS managed policy is left as AWS wrote it', () => {
    const s: Scenario = {
      ...seedCrossAccount,
      groups: [{ id: 'g', name: 'Exporters', accountId: A, path: '/', policies: [{ name: 'ReadOwnTable', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:Scan', Resource: `arn:aws:dynamodb:us-east-1:${A}:table/results-source` }] } }], managedPolicyIds: ['mine', 'aws-ro'] }],
      managedPolicies: [
        { id: 'mine', name: 'AssumeExport', path: '/', accountId: A, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::222222222222:role/ExportRole', Condition: { StringEquals: { 'aws:ResourceAccount': '222222222222', 'aws:PrincipalAccount': A } } }] } },
        { id: 'aws-ro', name: 'ReadOnlyAccess', path: '/', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*:Get*', Resource: '*' }] } },
      ],
      principals: seedCrossAccount.principals.map((p) => (p.id === 'alice' && p.type === 'iam-user' ? { ...p, groupIds: ['g'], managedPolicyIds: ['mine'] } : p)),
      layout: { ...seedCrossAccount.layout, hidden: [A, 'bucket'] },
    };
    const { scenario, rewrite } = changed(s);
    expect(scenario.groups[0]).toMatchObject({ accountId: C, policies: [{ document: { Statement: [{ Resource: `arn:aws:dynamodb:us-east-1:${C}:table/results-source` }] } }], managedPolicyIds: ['mine', 'aws-ro'] });
    expect(scenario.managedPolicies[0]).toMatchObject({ accountId: C, document: { Statement: [{ Condition: { StringEquals: { 'aws:ResourceAccount': '222222222222', 'aws:PrincipalAccount': C } } }] } });
    expect(scenario.managedPolicies[1]).toBe(s.managedPolicies[1]);
    expect(scenario.principals.find((p) => p.id === 'alice')).toMatchObject({ groupIds: ['g'], managedPolicyIds: ['mine'] });
    expect(scenario.layout.hidden).toEqual([C, 'bucket']);
    expect(rewrite.groupsAndManagedPolicies).toBe(2);
    expect(rewrite.policies).toEqual(expect.arrayContaining([{ owner: 'group Exporters', policy: 'ReadOwnTable', references: 1 }, { owner: '', policy: 'AssumeExport', references: 1 }]));
    expect(valid(scenario)).toEqual(scenario);
  });

  it('Given account B renumbered, then what does not name it keeps its objects (nothing else is re-evaluated)', () => {
    const { scenario } = changed(seedCrossAccount, '222222222222', C);
    const events = seedCrossAccount.principals.find((p) => p.id === 'events-role');
    expect(scenario.principals.find((p) => p.id === 'events-role')).toBe(events);
    expect(scenario.resources.find((r) => r.id === 'table')).toBe(seedCrossAccount.resources.find((r) => r.id === 'table'));
    expect(scenario.edges).toBe(seedCrossAccount.edges);
    expect(scenario.rules).toBe(seedCrossAccount.rules);
  });
});
