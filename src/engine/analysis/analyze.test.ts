import { describe, expect, it } from 'vitest';
import { account, policy, resource, role, user, ACCOUNT_A, ACCOUNT_B, ACCOUNT_C } from '../../lessons/build';
import { emptyScenario, type Organization, type Scenario } from '../../model';
import { serviceActions } from '../check/actions';
import { evaluateScenario } from '../scenario/evaluateScenario';
import { AnalysisJob, analyzeAccess, type AccessAnalysis } from './analyze';
import { accessMatrix, findingsFor, matrixCsv, pathTo, whatCanReach, whoCanReach } from './queries';

const lists = { actionLists: (s: string) => serviceActions(s)?.actions };
const analyze = (s: Scenario, previous?: AccessAnalysis): AccessAnalysis => analyzeAccess(evaluateScenario(s, previous?.prepared.evaluation), lists, previous);
const ORG = 'o-exampleorg1';
const allowAll = (...actions: string[]) => [{ name: 'Main', document: policy({ Effect: 'Allow', Action: actions, Resource: '*' }) }];
const scenario = (parts: Partial<Scenario>): Scenario => ({ ...emptyScenario('test'), ...parts });
const org = (policies: Organization['policies'] = []): Organization => ({ id: ORG, name: 'Org', rootId: 'r-root', managementAccountId: '999999999999', ous: [], policies });

/** A bucket in A whose policy grants account B; in B, bob may read and carol has no policy. */
function grantToAccountB(): Scenario {
  return scenario({
    accounts: [account(ACCOUNT_A, 'A'), account(ACCOUNT_B, 'B')],
    principals: [user('bob', 'bob', ACCOUNT_B, allowAll('s3:GetObject')), user('carol', 'carol', ACCOUNT_B)],
    resources: [resource('bucket', 's3-bucket', ACCOUNT_A, 'data-a', policy({ Sid: 'GrantB', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_B}:root` }, Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::data-a/*' }))],
  });
}

describe('who can reach a bucket granted to another account', () => {
  const a = analyze(grantToAccountB());
  const who = whoCanReach(a, 'bucket');
  const entry = (subject: string) => who.entries.find((e) => e.subject === subject);

  it('Given a bucket policy granting account B, then every B principal whose identity policy allows it reaches the bucket, for what both allow', () => {
    expect(entry('p:bob')?.actions).toEqual(['s3:GetObject']);
    expect(entry('p:bob')?.throughRoles).toBe(false);
  });

  it('Given carol in B with no identity policy, then she does not reach it (B can delegate, but has not)', () => {
    expect(entry('p:carol')).toBeUndefined();
  });

  it('Given the grant to account B, then "any principal of B" is an outsider decided as if its own account allows it', () => {
    const subject = a.subjects.find((s) => s.key === `account:${ACCOUNT_B}`);
    expect(subject?.assumedIdentity).toBe(true);
    expect(subject?.description).toMatch(/as if its own account allows it/);
    expect(entry(`account:${ACCOUNT_B}`)?.actions).toEqual(['s3:GetObject', 's3:PutObject']);
  });

  it('Given the zone of trust is account A, then the grant is one cross-account finding for account B, with bob folded into it', () => {
    const findings = findingsFor(a, { kind: 'account', accountId: ACCOUNT_A });
    expect(findings).toHaveLength(1);
    const f = findings[0];
    expect(f?.kind).toBe('cross-account');
    expect(f?.subject).toBe(`account:${ACCOUNT_B}`);
    expect(f?.actions).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(f?.grantedBy.map((r) => r.sid)).toEqual(['GrantB']);
    expect(f?.includes).toEqual([{ subject: 'p:bob', actions: ['s3:GetObject'] }]);
  });

  it('Given the zone of trust is account B, then nothing in it is reachable from outside', () => {
    expect(findingsFor(a, { kind: 'account', accountId: ACCOUNT_B })).toEqual([]);
  });

  it('Given the relevant actions of the bucket, then they are what some policy could allow on it (the grant\'s two, bob\'s one among them)', () => {
    expect(a.resources.find((r) => r.key === 'bucket')?.relevantActions).toBe(2);
  });
});

describe('an SCP that stops one of them', () => {
  it('Given an SCP of B\'s organization that denies dave, then dave is explicitly denied while bob and any other principal of B still reach it', () => {
    const s = grantToAccountB();
    const withOrg: Scenario = {
      ...s,
      organizations: [org([
        { id: 'full', name: 'FullAWSAccess', type: 'scp', targets: ['r-root', ACCOUNT_B], document: policy({ Effect: 'Allow', Action: '*', Resource: '*' }) },
        { id: 'no-dave', name: 'NoDave', type: 'scp', targets: ['r-root'], document: policy({ Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT_B}:user/dave` } } }) },
      ])],
      accounts: [account(ACCOUNT_A, 'A'), account(ACCOUNT_B, 'B', { organizationId: ORG })],
      principals: [...s.principals, user('dave', 'dave', ACCOUNT_B, allowAll('s3:GetObject'))],
    };
    const who = whoCanReach(analyze(withOrg), 'bucket');
    const entry = (subject: string) => who.entries.find((e) => e.subject === subject);
    expect(entry('p:bob')?.actions).toEqual(['s3:GetObject']);
    expect(entry('p:dave')?.actions).toEqual([]);
    // Only where an Allow would let dave in does the Deny show (his own policy allows s3:GetObject alone).
    expect(entry('p:dave')?.denied).toEqual(['s3:GetObject']);
    expect(entry(`account:${ACCOUNT_B}`)?.actions).toEqual(['s3:GetObject', 's3:PutObject']);
  });
});

describe('aws:PrincipalOrgID keeps outsiders out', () => {
  const orgBucket = (condition: boolean): Scenario =>
    scenario({
      organizations: [org()],
      accounts: [account(ACCOUNT_A, 'A', { organizationId: ORG }), account(ACCOUNT_C, 'C', { organizationId: ORG }), account(ACCOUNT_B, 'B')],
      principals: [user('bob', 'bob', ACCOUNT_B, allowAll('s3:GetObject')), user('cora', 'cora', ACCOUNT_C, allowAll('s3:GetObject'))],
      resources: [
        resource('bucket', 's3-bucket', ACCOUNT_A, 'org-data', policy({ Sid: 'OrgRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::org-data/*', ...(condition ? { Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } } : {}) })),
      ],
    });

  it('Given a bucket open to "*" only with aws:PrincipalOrgID of the organization, then a member account\'s user reaches it and the outsiders do not', () => {
    const who = whoCanReach(analyze(orgBucket(true)), 'bucket');
    const subjects = who.entries.filter((e) => e.actions.length > 0).map((e) => e.subject);
    expect(subjects).toContain('p:cora');
    expect(subjects).toContain(`org:${ORG}`);
    expect(subjects).not.toContain('p:bob');
    expect(subjects).not.toContain('public');
  });

  it('Given the organization as the zone of trust, then the condition leaves no finding; without it, anyone is a public finding listed first', () => {
    const zone = { kind: 'organization', organizationId: ORG } as const;
    expect(findingsFor(analyze(orgBucket(true)), zone)).toEqual([]);
    const open = findingsFor(analyze(orgBucket(false)), zone);
    expect(open[0]?.kind).toBe('public');
    expect(open[0]?.isPublic).toBe(true);
    expect(open[0]?.subject).toBe('public');
    // bob (drawn, outside the organization) is folded into the public finding.
    expect(open[0]?.includes.map((i) => i.subject)).toContain('p:bob');
  });

  it('Given the finding of a grant with a condition, then the finding carries the condition of the statement that grants it', () => {
    const s = orgBucket(true);
    const a = analyze(s);
    // Zone of account A: the rest of the organization is outside it, admitted by the PrincipalOrgID condition.
    const f = findingsFor(a, { kind: 'account', accountId: ACCOUNT_A }).find((x) => x.subject === `org:${ORG}`);
    expect(f?.kind).toBe('organization');
    expect(f?.conditions.map((c) => `${c.operator} ${c.key} ${c.values.join(',')}`)).toEqual([`StringEquals aws:PrincipalOrgID ${ORG}`]);
  });
});

describe('role chains', () => {
  /** alice (A) → RoleA (B) → RoleB (C) → a bucket in C that RoleB may read. */
  function chain(): Scenario {
    return scenario({
      accounts: [account(ACCOUNT_A, 'A'), account(ACCOUNT_B, 'B'), account(ACCOUNT_C, 'C')],
      principals: [
        user('alice', 'alice', ACCOUNT_A, allowAll('sts:AssumeRole')),
        role('role-a', 'RoleA', ACCOUNT_B, policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_A}:user/alice` }, Action: 'sts:AssumeRole' }), allowAll('sts:AssumeRole')),
        role('role-b', 'RoleB', ACCOUNT_C, policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_B}:role/RoleA` }, Action: 'sts:AssumeRole' }), allowAll('s3:GetObject')),
      ],
      resources: [resource('bucket', 's3-bucket', ACCOUNT_C, 'data-c')],
    });
  }

  it('Given a two-hop chain, then alice reaches the bucket through both roles, with every hop kept', () => {
    const a = analyze(chain());
    const entry = whatCanReach(a, 'p:alice').entries.find((e) => e.resource === 'bucket');
    expect(entry?.actions).toEqual(['s3:GetObject']);
    expect(entry?.throughRoles).toBe(true);
    expect(entry?.path.map((h) => `${h.from}→${h.to}:${h.action}`)).toEqual(['p:alice→p:role-a:sts:AssumeRole', 'p:role-a→p:role-b:sts:AssumeRole', 'p:role-b→bucket:s3:GetObject']);
  });

  it('Given the same chain, when asking who can reach the bucket, then alice is listed with the same path', () => {
    const a = analyze(chain());
    const entry = whoCanReach(a, 'bucket').entries.find((e) => e.subject === 'p:alice');
    expect(entry?.path.map((h) => h.to)).toEqual(['p:role-a', 'p:role-b', 'bucket']);
  });

  it('Given a depth of one hop, then the second role is out of reach', () => {
    const a = analyze(chain());
    expect(whatCanReach(a, 'p:alice', 1).entries.find((e) => e.resource === 'bucket')).toBeUndefined();
    expect(whoCanReach(a, 'bucket', 1).entries.find((e) => e.subject === 'p:alice')).toBeUndefined();
    expect(pathTo(a, 'p:alice', 'bucket', 's3:GetObject', 1)).toBeUndefined();
  });

  it('Given each hop, then it is an engine decision the explanation can trace', () => {
    const a = analyze(chain());
    const path = pathTo(a, 'p:alice', 'bucket') ?? [];
    const e = a.explain('p:alice', 'bucket', path);
    expect(e?.decisions.map((d) => `${d.request.action} ${d.decision}`)).toEqual(['sts:AssumeRole allowed', 'sts:AssumeRole allowed', 's3:GetObject allowed']);
    expect(e?.decisions[1]?.request.principal).toBe(`arn:aws:sts::${ACCOUNT_B}:assumed-role/RoleA/session`);
  });

  it('Given the chain, then the matrix counts the bucket for alice through roles, and not with a one-hop depth', () => {
    const a = analyze(chain());
    const cell = (m: ReturnType<typeof accessMatrix>) => m.cells[m.rows.indexOf('p:alice')]?.[m.columns.indexOf('bucket')];
    expect(cell(accessMatrix(a, { outsiders: false }))).toEqual({ state: 'all', allowed: 1, relevant: 1, throughRoles: true });
    expect(cell(accessMatrix(a, { outsiders: false, maxDepth: 1, hideEmpty: false }))?.state).toBe('none');
    expect(cell(accessMatrix(a, { outsiders: false, throughRoles: false, hideEmpty: false }))?.state).toBe('none');
  });

  it('Given two roles that trust each other, then the chains stop at every role once (no loop) and keep the shortest path', () => {
    const s = chain();
    const cyclic: Scenario = {
      ...s,
      principals: s.principals.map((p) =>
        p.id === 'role-a' && p.type === 'iam-role'
          ? { ...p, trustPolicy: policy({ Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${ACCOUNT_A}:user/alice`, `arn:aws:iam::${ACCOUNT_C}:role/RoleB`] }, Action: 'sts:AssumeRole' }) }
          : p.id === 'role-b' && p.type === 'iam-role'
            ? { ...p, policies: allowAll('s3:GetObject', 'sts:AssumeRole') }
            : p,
      ),
    };
    const a = analyze(cyclic);
    expect(a.assumable('p:role-b').map((x) => x.role)).toEqual(['p:role-a']);
    const chains = a.chainsFrom('p:alice', 10);
    expect([...chains.keys()].sort()).toEqual(['p:role-a', 'p:role-b']);
    expect(whatCanReach(a, 'p:role-b').entries.find((e) => e.resource === 'role-a')?.actions).toEqual(['sts:AssumeRole']);
    expect(whoCanReach(a, 'bucket', 10).entries.find((e) => e.subject === 'p:alice')?.path).toHaveLength(3);
  });
});

describe('conditions the caller presents', () => {
  it('Given a trust policy for account B that requires an external id, then any principal of B reaches the role by presenting it, and the hop says so', () => {
    const s = scenario({
      accounts: [account(ACCOUNT_A, 'A')],
      principals: [role('vendor', 'VendorAccess', ACCOUNT_A, policy({ Effect: 'Allow', Principal: { AWS: ACCOUNT_B }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x-123' } } }))],
    });
    const a = analyze(s);
    const entry = whoCanReach(a, 'vendor').entries.find((e) => e.subject === `account:${ACCOUNT_B}`);
    expect(entry?.actions).toEqual(['sts:AssumeRole']);
    expect(entry?.path[0]?.context).toEqual([{ key: 'sts:ExternalId', values: ['x-123'] }]);
    const f = findingsFor(a, { kind: 'account', accountId: ACCOUNT_A })[0];
    expect(f?.conditions.map((c) => c.key)).toEqual(['sts:ExternalId']);
    expect(f?.context).toEqual([{ key: 'sts:ExternalId', values: ['x-123'] }]);
  });

  it('Given an identity policy that allows only with MFA, then the user reaches the resource with MFA present', () => {
    const s = scenario({
      accounts: [account(ACCOUNT_A, 'A')],
      principals: [user('alice', 'alice', ACCOUNT_A, [{ name: 'MFA', document: policy({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }) }])],
      resources: [resource('queue', 'sqs-queue', ACCOUNT_A, 'jobs')],
    });
    const entry = whatCanReach(analyze(s), 'p:alice').entries.find((e) => e.resource === 'queue');
    expect(entry?.actions).toEqual(['sqs:SendMessage']);
    expect(entry?.path[0]?.context).toEqual([{ key: 'aws:MultiFactorAuthPresent', values: ['true'] }]);
  });

  it('Given a Deny that applies when MFA is absent, then the request with MFA escapes it', () => {
    const s = scenario({
      accounts: [account(ACCOUNT_A, 'A')],
      principals: [user('alice', 'alice', ACCOUNT_A, [{ name: 'Main', document: policy({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }, { Effect: 'Deny', Action: 'sqs:DeleteQueue', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }) }])],
      resources: [resource('queue', 'sqs-queue', ACCOUNT_A, 'jobs')],
    });
    const a = analyze(s);
    const entry = whatCanReach(a, 'p:alice').entries.find((e) => e.resource === 'queue');
    expect(entry?.actions).toContain('sqs:DeleteQueue');
    const explained = a.explain('p:alice', 'queue', pathTo(a, 'p:alice', 'queue', 'sqs:DeleteQueue') ?? [], 'sqs:DeleteQueue');
    expect(explained?.decisions[0]?.request.context['aws:MultiFactorAuthPresent']).toBe('true');
    expect(explained?.allowed).toBe(true);
  });
});

describe('service principals', () => {
  const queue = (condition?: Record<string, unknown>): Scenario =>
    scenario({
      accounts: [account(ACCOUNT_A, 'A')],
      resources: [resource('queue', 'sqs-queue', ACCOUNT_A, 'events', policy({ Sid: 'Events', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*', ...(condition ? { Condition: condition } : {}) }))],
    });

  it('Given a queue policy for EventBridge scoped to aws:SourceAccount of its own account, then only the service acting for that account gets in: no finding', () => {
    const a = analyze(queue({ StringEquals: { 'aws:SourceAccount': ACCOUNT_A } }));
    const who = whoCanReach(a, 'queue').entries.filter((e) => e.actions.length > 0 && e.subject.startsWith('service:')).map((e) => e.subject);
    expect(who).toEqual([`service:events.amazonaws.com@${ACCOUNT_A}`]);
    expect(findingsFor(a, { kind: 'account', accountId: ACCOUNT_A })).toEqual([]);
  });

  it('Given the same grant without a source condition, then EventBridge acting for any other account gets in: a service finding (the confused deputy)', () => {
    const a = analyze(queue());
    const f = findingsFor(a, { kind: 'account', accountId: ACCOUNT_A });
    expect(f.map((x) => `${x.kind} ${x.subject}`)).toEqual(['service service:events.amazonaws.com@*']);
  });
});

describe('the access matrix', () => {
  it('Given explicit denies and partial access, then cells say all, some, denied, with counts, and the CSV lists them', () => {
    const s = scenario({
      accounts: [account(ACCOUNT_A, 'A')],
      principals: [
        user('alice', 'alice', ACCOUNT_A, allowAll('sqs:SendMessage', 'sqs:ReceiveMessage')),
        user('bob', 'bob', ACCOUNT_A, allowAll('sqs:SendMessage')),
        user('eve', 'eve', ACCOUNT_A, [{ name: 'Main', document: policy({ Effect: 'Deny', Action: 'sqs:*', Resource: '*' }) }]),
      ],
      resources: [resource('queue', 'sqs-queue', ACCOUNT_A, 'jobs', policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_A}:user/eve` }, Action: 'sqs:SendMessage', Resource: '*' }))],
    });
    const a = analyze(s);
    const m = accessMatrix(a, { outsiders: false });
    const cell = (row: string) => m.cells[m.rows.indexOf(row)]?.[m.columns.indexOf('queue')];
    expect(cell('p:alice')).toMatchObject({ state: 'all', allowed: 2, relevant: 2 });
    expect(cell('p:bob')).toMatchObject({ state: 'some', allowed: 1, relevant: 2 });
    expect(cell('p:eve')).toMatchObject({ state: 'denied', allowed: 0 });
    // For one action: eve's Deny matters only where an Allow would let her in (SendMessage), not for ReceiveMessage.
    expect(accessMatrix(a, { outsiders: false, action: 'sqs:ReceiveMessage' }).rows).toEqual(['p:alice']);
    expect(accessMatrix(a, { outsiders: false, action: 'sqs:SendMessage' }).rows).toEqual(['p:alice', 'p:bob', 'p:eve']);
    const csv = matrixCsv(a, { outsiders: false });
    expect(csv.split('\r\n')[0]).toBe('principal,principal kind,principal account,resource,resource type,resource account,resource ARN,access,allowed actions,relevant actions,through roles');
    expect(csv).toContain('eve,drawn,111111111111,jobs,sqs-queue,111111111111,arn:aws:sqs:us-east-1:111111111111:jobs,explicitly denied,0,2,no');
  });

  it('Given a name that a spreadsheet would read as a formula, then the CSV keeps it as text', () => {
    const s = scenario({ accounts: [account(ACCOUNT_A, 'A')], principals: [user('x', '=cmd', ACCOUNT_A, allowAll('sqs:*'))], resources: [resource('queue', 'sqs-queue', ACCOUNT_A, 'jobs')] });
    expect(matrixCsv(analyze(s), { outsiders: false })).toContain("'=cmd,drawn");
  });
});

describe('re-analysis after an edit', () => {
  const big = (): Scenario => {
    const s = grantToAccountB();
    return { ...s, resources: [...s.resources, resource('other', 'sqs-queue', ACCOUNT_A, 'jobs', policy({ Effect: 'Allow', Principal: { AWS: ACCOUNT_B }, Action: 'sqs:SendMessage', Resource: '*' }))] };
  };

  it('Given one bucket policy edited, then only that column is decided again and the result equals a fresh analysis', () => {
    const s = big();
    const first = analyze(s);
    const edited: Scenario = { ...s, resources: s.resources.map((r) => (r.id === 'bucket' ? { ...r, policy: policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data-a/*' }) } : r)) };
    const again = analyze(edited, first);
    expect(again.stats.incremental).toBe(true);
    expect(again.stats.pairsReused).toBeGreaterThan(0);
    const fresh = analyze(edited);
    for (const r of ['bucket', 'other']) expect(whoCanReach(again, r)).toEqual(whoCanReach(fresh, r));
    expect(findingsFor(again, { kind: 'account', accountId: ACCOUNT_A })).toEqual(findingsFor(fresh, { kind: 'account', accountId: ACCOUNT_A }));
  });

  it('Given one identity policy edited, then that principal\'s row is decided again and nothing else', () => {
    const s = big();
    const first = analyze(s);
    const edited: Scenario = { ...s, principals: s.principals.map((p) => (p.id === 'carol' && p.type === 'iam-user' ? { ...p, policies: allowAll('sqs:SendMessage', 's3:GetObject') } : p)) };
    const again = analyze(edited, first);
    expect(again.stats.incremental).toBe(true);
    expect(whatCanReach(again, 'p:carol')).toEqual(whatCanReach(analyze(edited), 'p:carol'));
    expect(whatCanReach(again, 'p:carol').entries.map((e) => e.resource).sort()).toEqual(['bucket', 'other']);
  });

  it('Given a group policy edited, then its members\' rows are decided again (their permissions come from the group)', () => {
    const s = big();
    const withGroup: Scenario = {
      ...s,
      groups: [{ id: 'readers', name: 'Readers', accountId: ACCOUNT_B, path: '/', policies: [], managedPolicyIds: [] }],
      principals: s.principals.map((p) => (p.id === 'carol' && p.type === 'iam-user' ? { ...p, groupIds: ['readers'] } : p)),
    };
    const first = analyze(withGroup);
    expect(whatCanReach(first, 'p:carol').entries).toEqual([]);
    const edited: Scenario = { ...withGroup, groups: withGroup.groups.map((g) => ({ ...g, policies: allowAll('s3:GetObject') })) };
    const again = analyze(edited, first);
    expect(again.stats.incremental).toBe(true);
    expect(whatCanReach(again, 'p:carol').entries.map((e) => `${e.resource} ${e.actions.join(',')}`)).toEqual(['bucket s3:GetObject']);
  });

  it('Given the analysis run in slices that stop after every column, then it reaches the same result', () => {
    const s = big();
    const job = new AnalysisJob(evaluateScenario(s), lists);
    let slices = 0;
    while (!job.step(() => true)) slices++;
    expect(slices).toBeGreaterThan(1);
    expect(whoCanReach(job.result(), 'bucket')).toEqual(whoCanReach(analyze(s), 'bucket'));
  });
});
