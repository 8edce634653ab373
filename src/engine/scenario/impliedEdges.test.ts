import { describe, expect, it } from 'vitest';
import { addEntities, emptyScenario, setDrawn, type Scenario } from '../../model';
import { evaluateScenario } from './evaluateScenario';
import { impliedEdges } from './impliedEdges';

const A = '111111111111';
const B = '222222222222';
const doc = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });

/** Two accounts with no edges: a role in B trusting alice, account A and Lambda; a bucket and a queue in B with policies naming callers. */
function estate(): Scenario {
  return {
    ...emptyScenario('Imported'),
    accounts: [
      { id: A, name: 'A' },
      { id: B, name: 'B' },
    ],
    principals: [
      { id: 'alice', type: 'iam-user', name: 'alice', accountId: A, path: '/', tags: {}, policies: [{ name: 'Assume', document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${B}:role/*` }) }] },
      { id: 'bob', type: 'iam-user', name: 'bob', accountId: A, path: '/', tags: {}, policies: [] },
      {
        id: 'deploy',
        type: 'iam-role',
        name: 'Deploy',
        accountId: B,
        path: '/',
        tags: {},
        policies: [],
        trustPolicy: doc(
          { Sid: 'Alice', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/alice` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x-1' } } },
          { Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole' },
          { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
          { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::222222222222:saml-provider/Okta' }, Action: 'sts:AssumeRoleWithSAML' },
        ),
      },
    ],
    resources: [
      {
        id: 'bucket',
        type: 's3-bucket',
        accountId: B,
        region: 'us-east-1',
        name: 'shared',
        policy: doc(
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: ['s3:GetObject', 'sqs:SendMessage'], Resource: 'arn:aws:s3:::shared/*' },
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/alice` }, Action: 's3:Put*', Resource: 'arn:aws:s3:::shared/*' },
          { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/public/*' },
          { Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${A}:user/bob` }, Action: 's3:*', Resource: '*' },
          { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:role/Vendor' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*' },
        ),
      },
      {
        id: 'queue',
        type: 'sqs-queue',
        accountId: B,
        region: 'us-east-1',
        name: 'jobs',
        policy: doc({ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*', Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${B}:alerts` } } }),
      },
    ],
  };
}

describe('the edges policies imply', () => {
  const r = impliedEdges(estate());
  const find = (from: string, to: string) => r.edges.find((e) => e.edge.from === from && e.edge.to === to)?.edge;

  it("Given a trust policy naming a user, then an AssumeRole edge from that user, with the external id its condition requires", () => {
    expect(find('alice', 'deploy')).toMatchObject({ kind: 'assume', externalId: 'x-1' });
  });

  it('Given a trust policy naming an account, then edges from the users and roles there whose identity policies allow sts:AssumeRole on the role (its root user cannot assume roles)', () => {
    // alice may assume roles in B; bob has no such policy. The account's statement adds nothing beyond alice's edge.
    expect(r.edges.filter((e) => e.edge.to === 'deploy' && e.edge.kind === 'assume').map((e) => e.edge.from).sort()).toEqual(['alice', 'service:lambda.amazonaws.com']);
    expect(find('alice', 'deploy') && r.edges.find((e) => e.edge.from === 'alice' && e.edge.to === 'deploy')?.provenance.map((p) => p.statementIndex)).toEqual([0, 1]);
    expect(r.principals.some((p) => p.type === 'account-root' && p.accountId === A && r.edges.some((e) => e.edge.from === p.id && e.edge.kind === 'assume'))).toBe(false);
  });

  it('Given a trust policy naming a service, then an edge from that service principal, added to the scenario', () => {
    expect(find('service:lambda.amazonaws.com', 'deploy')?.kind).toBe('assume');
    expect(r.principals.find((p) => p.id === 'service:lambda.amazonaws.com')).toMatchObject({ type: 'service', service: 'lambda.amazonaws.com' });
  });

  it("Given a resource policy naming an account, then an access edge from that account's root user with the statement's actions of the resource's service", () => {
    expect(find(`arn:aws:iam::${A}:root`, 'bucket')).toMatchObject({ kind: 'access', actions: ['s3:GetObject'] });
  });

  it("Given an action pattern, then the edge shows the resource type's common actions it covers, and says so", () => {
    const e = r.edges.find((x) => x.edge.from === 'alice' && x.edge.to === 'bucket');
    expect(e?.edge).toMatchObject({ actions: ['s3:PutObject'] });
    expect(e?.note).toBe('s3:Put* shown as the common actions it covers');
  });

  it('Given a service principal whose statement pins aws:SourceArn, then its edge carries that source in its context', () => {
    expect(find('service:sns.amazonaws.com', 'queue')).toMatchObject({ actions: ['sqs:SendMessage'], context: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${B}:alerts` } });
  });

  it('Given "*", a federated principal and a Deny, then no edge; a principal outside the scenario is listed, not drawn', () => {
    expect(r.skipped).toMatchObject({ everyone: 1, federated: 1 });
    expect(find('bob', 'bucket')).toBeUndefined();
    expect(r.outside).toEqual([{ arn: 'arn:aws:iam::999999999999:role/Vendor', account: '999999999999', kind: 'role', namedBy: ['the policy of shared'] }]);
    expect(r.accounts).toEqual([]);
  });

  it('Given includeOutside, then the outside account and role are added, and the edge from the role', () => {
    const o = impliedEdges(estate(), { includeOutside: true });
    expect(o.accounts).toEqual([{ id: '999999999999', name: 'Outside account 999999999999' }]);
    expect(o.principals.find((p) => p.id === 'arn:aws:iam::999999999999:role/Vendor')).toMatchObject({ type: 'iam-role', name: 'Vendor', accountId: '999999999999' });
    expect(o.edges.some((e) => e.edge.from === 'arn:aws:iam::999999999999:role/Vendor' && e.edge.to === 'bucket')).toBe(true);
  });

  it('Given a trust policy naming an account where nobody may assume the role, then no edge and the trusted account is listed', () => {
    const s = estate();
    const noAlice = { ...s, principals: s.principals.map((p) => (p.id === 'alice' && p.type === 'iam-user' ? { ...p, policies: [] } : p)) };
    const o = impliedEdges(noAlice);
    expect(o.trustedAccounts).toEqual([{ roleId: 'deploy', account: A }]);
  });

  it('Given the edges applied as one edit, then the engine decides them, and asking again implies nothing new', () => {
    const s = estate();
    const next = addEntities(s, { principals: r.principals, accounts: r.accounts, edges: r.edges.map((e) => e.edge), hidden: r.hidden });
    const e = evaluateScenario(next);
    const status = (from: string, to: string) => e.edges.get(r.edges.find((x) => x.edge.from === from && x.edge.to === to)?.edge.id ?? '')?.status;
    expect(status('alice', 'deploy')).toBe('allowed');
    expect(status('service:sns.amazonaws.com', 'queue')).toBe('allowed');
    expect(status(`arn:aws:iam::${A}:root`, 'bucket')).toBe('allowed');
    // The bucket policy names alice for s3:Put*, but a cross-account call needs her own account to allow it too.
    expect(status('alice', 'bucket')).toBe('implicit-deny');
    const again = impliedEdges(next);
    expect(again.edges).toEqual([]);
    expect(again.skipped.existing).toBeGreaterThan(0);
  });

  it('Given a scenario that draws only part of itself, then a new caller is drawn only where its edge reaches something drawn', () => {
    const s = setDrawn(estate(), [], ['queue']);
    const o = impliedEdges(s);
    expect(o.hidden).toContain('service:sns.amazonaws.com');
    expect(o.hidden).not.toContain('service:lambda.amazonaws.com');
    // The worker holds the model only: what is hidden can be passed along.
    expect(impliedEdges(estate(), { hidden: ['queue'] }).hidden).toEqual(o.hidden);
  });
});
