import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges, parseScenario, type Edge, type PolicyDocument, type Principal, type Resource, type Scenario } from '../../model';
import { evaluateScenario, type ScenarioEvaluation } from '../scenario/evaluateScenario';
import { DIFFERENTIAL_TEST_MS } from '../../testing/timeouts';
import { proposeFixes } from './propose';

/**
 * Property: over generated scenarios (two accounts, an optional organization with a Deny SCP, users, a role,
 * the root user, a bucket, a queue and a KMS key, random identity, resource, trust and key policies with
 * Allows, Denies and conditions, a customer managed policy attached to several identities directly or through
 * a group), every proposal the analysis offers, once applied, decides its edge the
 * other way (checked by a fresh evaluation, not the incremental one the analysis used), and its preview
 * names exactly the other edges whose decision changed.
 */

const A = '111111111111';
const B = '222222222222';
const U1 = `arn:aws:iam::${A}:user/u1`;
const U2 = `arn:aws:iam::${B}:user/u2`;
const R1 = `arn:aws:iam::${B}:role/r1`;
const BUCKET = 'arn:aws:s3:::bucket-b';
const QUEUE = `arn:aws:sqs:us-east-1:${A}:jobs`;
const KEY = `arn:aws:kms:us-east-1:${B}:key/k1`;

const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:*', '*', 'sqs:SendMessage', 'sts:AssumeRole', 'kms:Decrypt', 'kms:*'];
const RESOURCES = ['*', `${BUCKET}/*`, `${BUCKET}/data/x.txt`, QUEUE, R1, KEY, 'arn:aws:sqs:us-east-1:*'];
const PRINCIPALS: unknown[] = [{ AWS: `arn:aws:iam::${A}:root` }, { AWS: `arn:aws:iam::${B}:root` }, { AWS: U1 }, { AWS: U2 }, { AWS: R1 }, { AWS: '*' }, '*'];
const CONDITIONS: unknown[] = [{ StringEquals: { 'aws:PrincipalAccount': A } }, { StringEquals: { 'aws:PrincipalAccount': B } }, { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${A}:*` } }];

const list = <T,>(items: readonly T[]) => fc.oneof(fc.constantFrom(...items), fc.uniqueArray(fc.constantFrom(...items), { minLength: 1, maxLength: 3 }));

const statement = (withPrincipal: boolean, resources: readonly string[], trust = false) =>
  fc
    .record({
      effect: fc.constantFrom('Allow', 'Allow', 'Allow', 'Deny'),
      action: list(trust ? ['sts:AssumeRole', '*'] : ACTIONS),
      resource: list(resources),
      principal: fc.constantFrom(...PRINCIPALS),
      condition: fc.option(fc.constantFrom(...CONDITIONS), { freq: 4 }),
    })
    .map((x) => ({
      Effect: x.effect,
      ...(withPrincipal ? { Principal: x.principal } : {}),
      Action: x.action,
      ...(trust ? {} : { Resource: x.resource }),
      ...(x.condition ? { Condition: x.condition } : {}),
    }));

const policy = (withPrincipal: boolean, resources: readonly string[], trust = false): fc.Arbitrary<PolicyDocument> =>
  fc.array(statement(withPrincipal, resources, trust), { minLength: trust ? 1 : 0, maxLength: 3 }).map((Statement) => ({ Version: '2012-10-17', Statement }) as PolicyDocument);

const EDGES: Edge[] = [
  { kind: 'access', id: 'u1-bucket', from: 'u1', to: 'bucket', actions: ['s3:GetObject', 's3:PutObject'], resourcePath: 'data/x.txt' },
  { kind: 'access', id: 'u1-queue', from: 'u1', to: 'queue', actions: ['sqs:SendMessage'] },
  { kind: 'access', id: 'u2-bucket', from: 'u2', to: 'bucket', actions: ['s3:GetObject'], resourcePath: 'data/x.txt' },
  { kind: 'access', id: 'u2-key', from: 'u2', to: 'key', actions: ['kms:Decrypt'] },
  { kind: 'access', id: 'r1-bucket', from: 'r1', to: 'bucket', actions: ['s3:PutObject'], resourcePath: 'data/x.txt' },
  { kind: 'access', id: 'r1-queue', from: 'r1', to: 'queue', actions: ['sqs:SendMessage'] },
  { kind: 'access', id: 'root-bucket', from: 'rootb', to: 'bucket', actions: ['s3:GetObject'], resourcePath: 'data/x.txt' },
  { kind: 'assume', id: 'u1-r1', from: 'u1', to: 'r1' },
  { kind: 'assume', id: 'u2-r1', from: 'u2', to: 'r1' },
];

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    u1: policy(false, RESOURCES),
    u2: policy(false, RESOURCES),
    r1: policy(false, RESOURCES),
    trust: policy(true, RESOURCES, true),
    bucket: fc.option(policy(true, [`${BUCKET}/*`, `${BUCKET}/data/x.txt`, '*']), { freq: 3 }),
    queue: fc.option(policy(true, [QUEUE, '*']), { freq: 3 }),
    key: policy(true, ['*']),
    org: fc.boolean(),
    scpDeny: fc.option(statement(false, RESOURCES).map((s) => ({ ...s, Effect: 'Deny' })), { freq: 2 }),
    // A customer managed policy attached to some of account B's identities, and a group u2 may be in: one
    // document for several principals, so an edit of it reaches all of them.
    managed: policy(false, RESOURCES),
    managedOn: fc.subarray(['u2', 'r1']),
    group: fc.option(policy(false, RESOURCES), { freq: 2 }),
    edges: fc.subarray(EDGES, { minLength: 2 }),
  })
  .map((x) => {
    const principals: Principal[] = [
      { id: 'u1', type: 'iam-user', name: 'u1', accountId: A, path: '/', tags: {}, policies: [{ name: 'U1Policy', document: x.u1 }] },
      { id: 'u2', type: 'iam-user', name: 'u2', accountId: B, path: '/', tags: {}, policies: [{ name: 'U2Policy', document: x.u2 }], ...(x.group ? { groupIds: ['g'] } : {}), ...(x.managedOn.includes('u2') ? { managedPolicyIds: ['shared'] } : {}) },
      { id: 'r1', type: 'iam-role', name: 'r1', accountId: B, path: '/', tags: {}, policies: [{ name: 'R1Policy', document: x.r1 }], trustPolicy: x.trust, ...(x.managedOn.includes('r1') ? { managedPolicyIds: ['shared'] } : {}) },
      { id: 'rootb', type: 'account-root', name: 'root', accountId: B, tags: {} },
    ];
    const resources: Resource[] = [
      { id: 'bucket', type: 's3-bucket', accountId: B, region: 'us-east-1', name: 'bucket-b', ...(x.bucket ? { policy: x.bucket } : {}) },
      { id: 'queue', type: 'sqs-queue', accountId: A, region: 'us-east-1', name: 'jobs', ...(x.queue ? { policy: x.queue } : {}) },
      { id: 'key', type: 'kms-key', accountId: B, region: 'us-east-1', name: 'k1', policy: x.key },
    ];
    const scps: Scenario['organizations'][number]['policies'] = [{ id: 'full', name: 'FullAWSAccess', type: 'scp', targets: ['r-root1'], document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }];
    if (x.scpDeny) scps.push({ id: 'deny', name: 'DenySome', type: 'scp', targets: ['r-root1'], document: { Version: '2012-10-17', Statement: [x.scpDeny] } });
    return {
      version: 2,
      name: 'generated',
      organizations: x.org ? [{ id: 'o-exampleorg1', name: 'Org', rootId: 'r-root1', managementAccountId: A, ous: [], policies: scps }] : [],
      accounts: [
        { id: A, name: 'A', ...(x.org ? { organizationId: 'o-exampleorg1' } : {}) },
        { id: B, name: 'B', ...(x.org ? { organizationId: 'o-exampleorg1' } : {}) },
      ],
      principals,
      groups: x.group ? [{ id: 'g', name: 'G', accountId: B, path: '/', policies: [{ name: 'GPolicy', document: x.group }], managedPolicyIds: x.managedOn.length === 0 ? ['shared'] : [] }] : [],
      managedPolicies: [{ id: 'shared', name: 'Shared', path: '/', accountId: B, document: x.managed }],
      resources,
      rules: [],
      edges: x.edges,
      layout: { nodes: {} },
    } as Scenario;
  });

/** Every edge whose colour or one of whose actions' decision differs. */
function changedEdges(before: ScenarioEvaluation, after: ScenarioEvaluation): string[] {
  const out: string[] = [];
  for (const [id, a] of after.edges) {
    const b = before.edges.get(id);
    if (!b || b.status !== a.status || a.steps.some((s, i) => s.verdict.allowed !== b.steps[i]?.verdict.allowed)) out.push(id);
  }
  return out.sort();
}

describe('proposals over generated scenarios', () => {
  it(
    'Given any generated scenario, when each proposal for each edge is applied, then the edge is decided the other way and the preview named exactly the edges that changed',
    () => {
      let checked = 0;
      // Proposals that edit a document several principals share (a managed or a group policy).
      let shared = 0;
      fc.assert(
        fc.property(scenarioArb, (scenario) => {
          expect(parseScenario(JSON.parse(JSON.stringify(scenario)) as unknown).ok).toBe(true);
          const evaluation = evaluateScenario(scenario);
          const fresh = evaluateScenario(scenario);
          for (const [edgeId, e] of evaluation.edges) {
            if (e.status === 'invalid') continue;
            const direction = e.status === 'allowed' ? 'deny' : 'allow';
            const result = proposeFixes(scenario, evaluation, edgeId, direction);
            if (result.proposals.length === 0 && direction === 'allow') expect(result.blockers.length + result.notes.length, `${edgeId}: neither a proposal nor a reason`).toBeGreaterThan(0);
            for (const p of result.proposals) {
              const applied = applyChanges(scenario, p.changes.map((c) => c.change));
              if ('error' in applied) throw new Error(applied.error);
              expect(parseScenario(JSON.parse(JSON.stringify(applied.scenario)) as unknown).ok).toBe(true);
              const after = evaluateScenario(applied.scenario);
              const edge = after.edges.get(edgeId);
              if (direction === 'allow') expect(edge?.status, `${p.title} on ${edgeId}`).toBe('allowed');
              else expect(edge?.steps.every((s) => !s.verdict.allowed), `${p.title} on ${edgeId}`).toBe(true);
              expect(p.edgeAfter).toBe(edge?.status);
              expect(p.sideEffects.map((c) => c.id).sort(), `${p.title} on ${edgeId}`).toEqual(changedEdges(fresh, after).filter((id) => id !== edgeId));
              checked++;
              if (p.changes.some((c) => c.diff.address.kind === 'managed' || c.diff.address.kind === 'group')) shared++;
            }
          }
        }),
        { numRuns: 50, seed: 20261207 },
      );
      expect(checked).toBeGreaterThan(120);
      expect(shared).toBeGreaterThan(2);
    },
    DIFFERENTIAL_TEST_MS,
  );
});
