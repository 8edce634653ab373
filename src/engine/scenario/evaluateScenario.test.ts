import { describe, expect, it } from 'vitest';
import { HEAVY_TEST_MS } from '../../testing/timeouts';
import { seedCrossAccount } from '../../model/fixtures/seedCrossAccount';
import type { Scenario } from '../../model';
import { evaluateScenario, explainStep, type ScenarioEvaluation } from './evaluateScenario';
import { largeScenario } from '../differential/largeScenario';
import { prng } from '../differential/generate';
import { evaluateRequest } from '../evaluate/evaluate';

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

// EventBridge User Guide — an API Gateway target is an endpoint ARN at a stage, method and path
// ("arn:aws:execute-api:us-east-1:112233445566:myapi/*/POST/pets/*"), and the API's policy grants
// events.amazonaws.com execute-api:Invoke on "arn:aws:execute-api:…:API-id/stage/GET/api".
describe('EventBridge targets on an API Gateway API: stage, method and path', () => {
  const A = '111111111111';
  const api = (Resource: string) => ({
    id: 'api',
    type: 'apigateway-rest-api' as const,
    accountId: A,
    region: 'us-east-1',
    name: 'a1b2c3d4e5',
    policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'execute-api:Invoke', Resource, Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:events:us-east-1:${A}:rule/export-done` } } }] },
  });
  const withApi = (resourcePath: string | undefined, policyResource = `arn:aws:execute-api:us-east-1:${A}:a1b2c3d4e5/prod/POST/orders`): Scenario => ({
    ...seed,
    resources: [...seed.resources, api(policyResource)],
    rules: [{ ...seed.rules[0]!, targets: [{ id: 'rule-api', resourceId: 'api', ...(resourcePath !== undefined ? { resourcePath } : {}) }] }],
  });
  it('Given the target names prod/POST/orders, when the API policy grants that method, then EventBridge invokes the method ARN and is allowed', () => {
    const t = evaluateScenario(withApi('prod/POST/orders')).edges.get('rule-api');
    expect(t?.steps[0]?.request.resource).toBe(`arn:aws:execute-api:us-east-1:${A}:a1b2c3d4e5/prod/POST/orders`);
    expect(t?.status).toBe('allowed');
  });
  it('Given the target names prod/GET/orders instead, then the policy granting POST does not match: denied', () => {
    expect(evaluateScenario(withApi('prod/GET/orders')).edges.get('rule-api')?.status).toBe('implicit-deny');
  });
  it('Given no stage/method/path, then the API\'s own ARN is requested, which the method-level grant does not match', () => {
    const t = evaluateScenario(withApi(undefined)).edges.get('rule-api');
    expect(t?.steps[0]?.request.resource).toBe(`arn:aws:execute-api:us-east-1:${A}:a1b2c3d4e5`);
    expect(t?.status).toBe('implicit-deny');
  });
  it('Given the API policy in the execute-api:/ shorthand, then it is expanded against the API and the delivery is allowed', () => {
    expect(evaluateScenario(withApi('prod/POST/orders', 'execute-api:/prod/POST/*')).edges.get('rule-api')?.status).toBe('allowed');
    expect(evaluateScenario(withApi('prod/GET/orders', 'execute-api:/prod/POST/*')).edges.get('rule-api')?.status).toBe('implicit-deny');
  });
  it('Given the path edited, when re-evaluated from the previous result, then the target is decided again with the new path', () => {
    const first = evaluateScenario(withApi('prod/GET/orders'));
    const second = evaluateScenario(withApi('prod/POST/orders'), first);
    expect(second.edges.get('rule-api')?.status).toBe('allowed');
  });
  it('Given an access edge with a stage/METHOD/path into an API in another account, then the API\'s policy (here in shorthand) governs the method ARN', () => {
    const grantA = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'execute-api:Invoke', Resource: 'execute-api:/prod/GET/*' }] };
    const s: Scenario = {
      ...seed,
      principals: seed.principals.map((p) => (p.id === 'alice' && p.type === 'iam-user' ? { ...p, policies: [...p.policies, { name: 'Invoke', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }] } }] } : p)),
      resources: [...seed.resources, { ...api('*'), accountId: '222222222222', policy: grantA }],
      edges: [
        { kind: 'access', id: 'get-pets', from: 'alice', to: 'api', actions: ['execute-api:Invoke'], resourcePath: 'prod/GET/pets' },
        { kind: 'access', id: 'post-pets', from: 'alice', to: 'api', actions: ['execute-api:Invoke'], resourcePath: 'prod/POST/pets' },
      ],
    };
    const result = evaluateScenario(s);
    expect(result.edges.get('get-pets')?.status).toBe('allowed');
    expect(result.edges.get('post-pets')?.steps[0]?.decision.reason).toBe('resource-policy-no-allow');
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
    expect(second.edges.get('alice-put')?.steps[0]?.verdict.allowed).toBe(false);
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

/** Statuses, verdicts and summaries of every edge: what must not depend on how the evaluation was reached. */
function snapshot(e: ScenarioEvaluation): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, edge] of e.edges) out[id] = `${edge.status} ${edge.steps.map((s) => s.verdict.decision).join(',')} ${edge.summary}`;
  return out;
}

describe('incremental re-evaluation equals a full evaluation', () => {
  const base = largeScenario(7, { accounts: 8, principals: 60, resources: 60, edges: 300 });
  const first = evaluateScenario(base);
  const rnd = prng(99);
  const pickIndex = (n: number): number => Math.floor(rnd() * n);

  it('Given random policy edits, renames and tag changes in turn, when each is re-evaluated from the previous result, then every edge matches a fresh evaluation', () => {
    let scenario: Scenario = base;
    let previous = first;
    for (let round = 0; round < 25; round++) {
      const kind = round % 4;
      if (kind === 0 || kind === 2) {
        const i = pickIndex(scenario.principals.length);
        scenario = {
          ...scenario,
          principals: scenario.principals.map((p, j) => {
            if (j !== i) return p;
            if (kind === 2) return { ...p, tags: { team: round % 3 ? 'blue' : 'green' } };
            if (p.type === 'iam-user' || p.type === 'iam-role') return { ...p, policies: [{ name: 'Edited', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }] };
            return { ...p, name: `${p.name}x` };
          }),
        };
      } else {
        const i = pickIndex(scenario.resources.length);
        scenario = {
          ...scenario,
          resources: scenario.resources.map((r, j) =>
            j !== i ? r : kind === 1 ? { ...r, policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }] } } : { ...r, name: `${r.name}-renamed` },
          ),
        };
      }
      const incremental = evaluateScenario(scenario, previous);
      expect(snapshot(incremental)).toEqual(snapshot(evaluateScenario(scenario)));
      expect(incremental.stats.evaluated).toBeLessThan(incremental.stats.evaluated + incremental.stats.reused);
      previous = incremental;
    }
  }, HEAVY_TEST_MS);

  it('Given an edit of one identity policy, then only the edges from that principal (and targets using it as their role) are re-evaluated', () => {
    const p = base.principals.find((x) => x.type === 'iam-user' && base.edges.some((e) => e.from === x.id));
    if (!p || p.type !== 'iam-user') throw new Error('fixture has no user with edges');
    const edited: Scenario = { ...base, principals: base.principals.map((x) => (x === p ? { ...p, policies: [] } : x)) };
    const again = evaluateScenario(edited, first);
    const touching = base.edges.filter((e) => e.from === p.id || e.to === p.id).length;
    expect(again.stats.evaluated).toBe(touching);
  });

  it('Given every step, then its lazily built decision agrees with its verdict and with evaluateRequest', () => {
    for (const edge of first.edges.values()) {
      for (const s of edge.steps) {
        expect(s.decision.decision).toBe(s.verdict.decision);
        expect(s.decision.reason).toBe(s.verdict.reason);
        expect(evaluateRequest(first.world, s.request).decision).toBe(s.verdict.decision);
      }
    }
  }, HEAVY_TEST_MS);
});

describe('EventBridge targets in another account', () => {
  // EventBridge: "Sending events to an AWS service in another account" — an execution role in the event
  // bus's account, and a resource policy on the target that admits it.
  const remoteQueue = (policy?: Scenario['resources'][number]['policy']): Scenario['resources'][number] => ({ id: 'remote-q', type: 'sqs-queue' as const, accountId: '222222222222', region: 'us-east-1', name: 'central', ...(policy ? { policy } : {}) });
  const sender = {
    id: 'sender',
    type: 'iam-role' as const,
    name: 'Sender',
    accountId: '111111111111',
    path: '/',
    tags: {},
    policies: [{ name: 'Send', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:222222222222:central' }] } }],
    trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
  };
  const scenarioWith = (resource: Scenario['resources'][number], roleId?: string, extraPrincipals: Scenario['principals'] = []): Scenario => ({
    ...seed,
    principals: [...seed.principals, sender, ...extraPrincipals],
    resources: [...seed.resources, resource],
    rules: [{ ...seed.rules[0]!, targets: [{ id: 'remote', resourceId: resource.id, ...(roleId ? { roleId } : {}) }] }],
  });
  const admitA = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'sqs:SendMessage', Resource: '*' }] };

  it('Given an SQS queue in another account and no role, then delivery is denied: a cross-account target needs an execution role', () => {
    const t = evaluateScenario(scenarioWith(remoteQueue(admitA))).edges.get('remote');
    expect(t?.status).toBe('implicit-deny');
    expect(t?.summary).toMatch(/needs an IAM role .* in another account/);
  });
  it('Given the execution role and a queue policy admitting the bus account, then EventBridge assumes the role and the session may send', () => {
    const t = evaluateScenario(scenarioWith(remoteQueue(admitA), 'sender')).edges.get('remote');
    expect(t?.steps.map((s) => s.verdict.allowed)).toEqual([true, true]);
    expect(t?.steps[1]?.request.principal).toBe('arn:aws:sts::111111111111:assumed-role/Sender/eventbridge-target');
  });
  it('Given the execution role but a queue without a policy, then the cross-account send is denied', () => {
    const t = evaluateScenario(scenarioWith(remoteQueue(), 'sender')).edges.get('remote');
    expect(t?.steps.map((s) => s.verdict.allowed)).toEqual([true, false]);
  });
  it('Given an execution role in the target account instead of the bus account, then the target is refused with that reason', () => {
    const other = { ...sender, id: 'other-role', name: 'OtherRole', accountId: '222222222222' };
    const t = evaluateScenario(scenarioWith(remoteQueue(admitA), 'other-role', [other])).edges.get('remote');
    expect(t?.status).toBe('implicit-deny');
    expect(t?.summary).toMatch(/must be in the event bus's account/);
  });
  it('Given a Step Functions state machine in another account, then it is not a supported cross-account target', () => {
    const sm = { id: 'remote-sm', type: 'states-state-machine' as const, accountId: '222222222222', region: 'us-east-1', name: 'flow' };
    const t = evaluateScenario(scenarioWith(sm, 'sender')).edges.get('remote');
    expect(t?.summary).toMatch(/cannot deliver to a Step Functions state machine in another account/);
  });
});

describe('results built on first read', () => {
  it('Given an edge result, when it is spread or serialized, then its summary and its steps\' decisions come along', () => {
    const edge = evaluateScenario(seed).edges.get('alice-put')!;
    const copy = { ...edge };
    expect(copy.summary).toBe(edge.summary);
    expect(copy.summary).toMatch(/^Allowed/);
    const step = { ...edge.steps[0]! };
    expect(step.decision.allowed).toBe(true);
    expect(JSON.parse(JSON.stringify(edge)).summary).toBe(edge.summary);
  });
});

/**
 * What one evaluation keeps for its requests (each principal's and account's context keys, their pairs,
 * each principal's resolved session and each role's resource entity) must follow every edit.
 */
describe('request pieces built once per evaluation follow the scenario', () => {
  const orgPolicy = { Version: '2012-10-17', Statement: [{ Sid: 'OrgOnly', Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::bucket-b/*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-exampleorg1' } } }] };
  const base: Scenario = { ...seed, resources: seed.resources.map((r) => (r.id === 'bucket' ? { ...r, policy: orgPolicy } : r)) };

  it('Given a bucket open to the organization, when alice\'s account leaves the organization, then her requests lose aws:PrincipalOrgID and are denied', () => {
    const first = evaluateScenario(base);
    expect(first.edges.get('alice-put')?.status).toBe('allowed');
    const left: Scenario = { ...base, accounts: base.accounts.map((a) => (a.id === '111111111111' ? { id: a.id, name: a.name } : a)) };
    const again = evaluateScenario(left, first);
    const step = again.edges.get('alice-put')?.steps[0];
    expect(step?.request.context['aws:PrincipalOrgID']).toBeUndefined();
    expect(step?.verdict.allowed).toBe(false);
    expect(snapshot(again)).toEqual(snapshot(evaluateScenario(left)));
    // The first evaluation still answers for the scenario it was given.
    expect(first.edges.get('alice-put')?.steps[0]?.request.context['aws:PrincipalOrgID']).toBe('o-exampleorg1');
  });

  it('Given a tag condition, when alice\'s tags change (the incremental path), then her requests carry the new tag and are decided with it', () => {
    const tagPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::bucket-b/*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } } }] };
    const tagged = (team: string): Scenario => ({
      ...base,
      principals: base.principals.map((p) => (p.id === 'alice' ? { ...p, tags: { team } } : p)),
      resources: base.resources.map((r) => (r.id === 'bucket' ? { ...r, policy: tagPolicy } : r)),
    });
    const blue = tagged('blue');
    const first = evaluateScenario(blue);
    expect(first.edges.get('alice-put')?.status).toBe('allowed');
    const red: Scenario = { ...blue, principals: blue.principals.map((p) => (p.id === 'alice' ? { ...p, tags: { team: 'red' } } : p)) };
    const again = evaluateScenario(red, first);
    expect(again.stats.evaluated).toBe(3);
    expect(again.edges.get('alice-put')?.steps[0]?.request.context['aws:PrincipalTag/team']).toBe('red');
    expect(again.edges.get('alice-put')?.status).toBe('implicit-deny');
    expect(snapshot(again)).toEqual(snapshot(evaluateScenario(red)));
  });

  it('Given a role renamed, when an edge from it is re-evaluated, then it acts as a session of the new name', () => {
    const withRoleEdge: Scenario = { ...seed, edges: [...seed.edges, { kind: 'access', id: 'role-put', from: 'export-role', to: 'bucket', actions: ['s3:PutObject'] }] };
    const first = evaluateScenario(withRoleEdge);
    const renamed: Scenario = { ...withRoleEdge, principals: withRoleEdge.principals.map((p) => (p.id === 'export-role' ? { ...p, name: 'Exporter' } : p)) };
    const again = evaluateScenario(renamed, first);
    expect(again.edges.get('role-put')?.steps[0]?.request.principal).toBe('arn:aws:sts::222222222222:assumed-role/Exporter/session');
    expect(again.edges.get('role-put')?.steps[0]?.decision.request.principalLabel).toBe('Exporter/session');
    expect(again.edges.get('alice-assume')?.steps[0]?.request.resource).toBe('arn:aws:iam::222222222222:role/Exporter');
    expect(snapshot(again)).toEqual(snapshot(evaluateScenario(renamed)));
  });

  it('Given an edge added and a policy edited in one update, then only the new edge and the edited principal\'s edges are decided again, and all equal a fresh evaluation', () => {
    const big = largeScenario(11, { accounts: 6, principals: 40, resources: 40, edges: 200 });
    const first = evaluateScenario(big);
    const p = big.principals.find((x) => x.type === 'iam-user' && big.edges.some((e) => e.from === x.id))!;
    const r = big.resources[0]!;
    const next: Scenario = {
      ...big,
      principals: big.principals.map((x) => (x === p && x.type === 'iam-user' ? { ...x, policies: [] } : x)),
      edges: [...big.edges, { kind: 'access', id: 'added', from: big.principals[1]!.id, to: r.id, actions: ['s3:GetObject'] }],
    };
    const again = evaluateScenario(next, first);
    const touching = big.edges.filter((e) => e.from === p.id || e.to === p.id).length;
    expect(again.stats.evaluated).toBe(touching + 1);
    expect(again.stats.reused).toBe(first.edges.size - touching);
    expect(snapshot(again)).toEqual(snapshot(evaluateScenario(next)));
  }, HEAVY_TEST_MS);

  it('Given two resources with the same ARN, then every step agrees with evaluateRequest, which resolves the ARN', () => {
    const twin = { id: 'bucket-twin', type: 's3-bucket' as const, accountId: '222222222222', region: 'us-east-1', name: 'bucket-b', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] } };
    const table2 = { id: 'table-twin', type: 'dynamodb-table' as const, accountId: '111111111111', region: 'us-east-1', name: 'results-source', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'dynamodb:*', Resource: '*' }] } };
    const s: Scenario = { ...seed, resources: [...seed.resources, twin, table2] };
    const e = evaluateScenario(s);
    for (const edge of e.edges.values()) {
      for (const st of edge.steps) expect(evaluateRequest(e.world, st.request).reason).toBe(st.verdict.reason);
    }
  });
});

describe('what an evaluation lists when asked', () => {
  it('Given an evaluation, then its inputs name each result\'s edge and endpoints, and its dependents index each principal\'s and resource\'s results', () => {
    const e = evaluateScenario(seed);
    const put = seed.edges.find((x) => x.id === 'alice-put')!;
    const inputs = e.inputs.get('alice-put');
    expect(inputs?.[0]).toBe(put);
    expect(inputs).toContain(e.world.principalsById.get('alice')?.entity);
    expect(inputs).toContain(seed.resources.find((r) => r.id === 'bucket'));
    expect(e.inputs.size).toBe(e.edges.size);
    expect([...(e.dependents?.get('alice') ?? [])].sort()).toEqual(['alice-assume', 'alice-put', 'alice-scan']);
    expect(e.dependents?.get('queue')).toEqual(['rule-queue']);
  });
});

describe('the result map shared between evaluations', () => {
  it('Given two edges with the same id, then the results read like a Map: first place, last edge, one entry', () => {
    const put = seed.edges.find((x) => x.id === 'alice-put');
    const scan = seed.edges.find((x) => x.id === 'alice-scan');
    if (put?.kind !== 'access' || scan?.kind !== 'access') throw new Error('fixture: alice-put and alice-scan are access edges');
    const s: Scenario = { ...seed, edges: [...seed.edges, { ...scan, id: 'alice-put' }] };
    const e = evaluateScenario(s);
    const ids = [...new Map(s.edges.map((x) => [x.id, x])).keys(), ...s.rules.flatMap((r) => r.targets.map((t) => t.id))];
    expect([...e.edges.keys()]).toEqual(ids);
    expect(e.edges.size).toBe(ids.length);
    expect([...e.edges.entries()].map(([id, r]) => [id, r.id])).toEqual(ids.map((id) => [id, id]));
    // The later edge of the id is the one decided (it is the scan, not the put).
    expect(e.edges.get('alice-put')?.steps.map((st) => st.label)).toEqual(scan.actions);
    expect(scan.actions).not.toEqual(put.actions);
    expect(e.edges.has('no-such-edge')).toBe(false);
    expect(e.edges.get('no-such-edge')).toBeUndefined();
  });

  it('Given a policy edit, when re-evaluated with onDecide, then it hears exactly the results decided again and every other result is the same object', () => {
    const first = evaluateScenario(seed);
    const alice = seed.principals.find((p) => p.id === 'alice')!;
    if (alice.type !== 'iam-user') throw new Error('fixture: alice is a user');
    const edited: Scenario = { ...seed, principals: seed.principals.map((p) => (p === alice ? { ...alice, policies: [] } : p)) };
    const heard: string[] = [];
    const again = evaluateScenario(edited, first, { onDecide: (id) => heard.push(id) });
    expect(heard.sort()).toEqual(['alice-assume', 'alice-put', 'alice-scan']);
    expect(again.stats).toEqual({ evaluated: 3, reused: first.edges.size - 3 });
    for (const [id, r] of again.edges) expect(r === first.edges.get(id)).toBe(!heard.includes(id));
    // The first evaluation is unchanged by the second (its results are not written in place).
    expect(first.edges.get('alice-put')?.status).toBe('allowed');
    expect(again.edges.get('alice-put')?.status).not.toBe('allowed');
  });
});
