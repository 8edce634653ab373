import { describe, expect, it } from 'vitest';
import { seedCrossAccount } from '../../model/fixtures/seedCrossAccount';
import type { Scenario } from '../../model';
import { evaluateScenario, explainStep } from './evaluateScenario';

const seed = seedCrossAccount;

describe('evaluateScenario on the seed example', () => {
  const result = evaluateScenario(seed);

  it('Given alice with an identity policy and the bucket policy, when she writes to bucket-b, then both accounts allow', () => {
    const e = result.edges.get('alice-put');
    expect(e?.status).toBe('allowed');
    expect(e?.steps[0]?.decision.reason).toBe('allowed-both');
    expect(e?.steps[0]?.request.resource).toBe('arn:aws:s3:::bucket-b/reports/out.csv');
  });

  it('Given alice scanning her own account\'s table, then her identity policy allows it', () => {
    expect(result.edges.get('alice-scan')?.status).toBe('allowed');
  });

  it('Given ExportRole trusting account A and alice allowed sts:AssumeRole, then the assume edge is allowed', () => {
    expect(result.edges.get('alice-assume')?.status).toBe('allowed');
  });

  it('Given the rule delivering to a queue whose policy admits events.amazonaws.com for this rule, then delivery is allowed', () => {
    const t = result.edges.get('rule-queue');
    expect(t?.status).toBe('allowed');
    expect(t?.steps[0]?.request.principal).toBe('events.amazonaws.com');
    expect(t?.steps[0]?.request.context['aws:SourceArn']).toBe('arn:aws:events:us-east-1:111111111111:rule/export-done');
  });

  it('Given the standard context keys, then requests carry them like the conformance format', () => {
    const ctx = result.edges.get('alice-put')?.steps[0]?.request.context;
    expect(ctx).toMatchObject({
      'aws:PrincipalArn': 'arn:aws:iam::111111111111:user/alice',
      'aws:PrincipalAccount': '111111111111',
      'aws:PrincipalIsAWSService': 'false',
      'aws:username': 'alice',
      'aws:PrincipalOrgID': 'o-exampleorg1',
      'aws:ResourceAccount': '222222222222',
      'aws:ResourceOrgID': 'o-exampleorg1',
    });
  });

  it('Given a step, when explained, then the trace has statement detail', () => {
    const s = result.edges.get('alice-put')?.steps[0];
    const d = s ? explainStep(result, s) : undefined;
    expect(d?.stages.find((x) => x.stage === 'resource')?.policies[0]?.statements[0]?.applies).toBe(true);
  });
});

describe('the identity swap', () => {
  it('Given an access edge drawn from ExportRole to the table in A, then the session has only the role\'s permissions: denied', () => {
    const s: Scenario = { ...seed, edges: [...seed.edges, { kind: 'access', id: 'role-scan', from: 'export-role', to: 'table', actions: ['dynamodb:Scan'] }] };
    const e = evaluateScenario(s).edges.get('role-scan');
    expect(e?.status).toBe('implicit-deny');
    expect(e?.steps[0]?.request.principal).toBe('arn:aws:sts::222222222222:assumed-role/ExportRole/session');
    expect(e?.steps[0]?.request.context['aws:PrincipalArn']).toBe('arn:aws:iam::222222222222:role/ExportRole');
  });
});

describe('EventBridge targets that need a role', () => {
  const withStream = (roleId?: string): Scenario => ({
    ...seed,
    resources: [...seed.resources, { id: 'stream', type: 'kinesis-stream', accountId: '111111111111', region: 'us-east-1', name: 'clicks' }],
    rules: [{ ...seed.rules[0]!, targets: [{ id: 'rule-stream', resourceId: 'stream', ...(roleId ? { roleId } : {}) }] }],
  });
  it('Given a Kinesis target without a role, then delivery is denied with that reason', () => {
    const t = evaluateScenario(withStream()).edges.get('rule-stream');
    expect(t?.status).toBe('implicit-deny');
    expect(t?.summary).toMatch(/needs an IAM role/);
  });
  it('Given a role that trusts EventBridge but has no permissions, then EventBridge assumes it and the session is denied', () => {
    const t = evaluateScenario(withStream('events-role')).edges.get('rule-stream');
    expect(t?.steps.map((s) => s.decision.allowed)).toEqual([true, false]);
    expect(t?.steps[1]?.request.principal).toBe('arn:aws:sts::111111111111:assumed-role/EventsDelivery/eventbridge-target');
  });
});

describe('mixed edges and incremental re-evaluation', () => {
  it('Given an edge with an allowed and a denied action, then it is mixed', () => {
    const s: Scenario = { ...seed, edges: seed.edges.map((e) => (e.id === 'alice-put' ? { ...e, actions: ['s3:PutObject', 's3:GetObject'] } : e)) };
    const e = evaluateScenario(s).edges.get('alice-put');
    expect(e?.status).toBe('mixed');
    expect(e?.summary).toMatch(/^Mixed: s3:PutObject allowed, s3:GetObject denied/);
  });

  it('Given a previous evaluation, when only the bucket policy changes, then only edges touching the bucket are re-evaluated', () => {
    const first = evaluateScenario(seed);
    const edited: Scenario = {
      ...seed,
      resources: seed.resources.map((r) => (r.id === 'bucket' ? { ...r, policy: { Version: '2012-10-17', Statement: [] } } : r)),
    };
    const second = evaluateScenario(edited, first);
    expect(second.stats).toEqual({ evaluated: 1, reused: 3 });
    expect(second.edges.get('alice-put')?.status).toBe('implicit-deny');
    expect(second.edges.get('alice-scan')).toBe(first.edges.get('alice-scan'));
  });

  it('Given an SCP edit, then every edge of the organization is re-evaluated', () => {
    const first = evaluateScenario(seed);
    const org = seed.organizations[0]!;
    const edited: Scenario = { ...seed, organizations: [{ ...org, policies: [...org.policies] }] };
    expect(evaluateScenario(edited, first).stats.reused).toBe(0);
  });
});
