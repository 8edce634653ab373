/**
 * A seeded, generated large scenario for the benchmark: 50 accounts in one organization (with OUs, SCPs
 * and RCPs), 2,000 principals, 2,000 resources and 10,000 edges, plus EventBridge rules. Policies are
 * realistic in shape: several statements, wildcards, Not-elements and conditions.
 */
import type { AccessEdge, AssumeEdge, NamedPolicy, Organization, Principal, Resource, Scenario } from '../../model';
import { emptyScenario, parseScenario, RESOURCE_TYPES } from '../../model';
import { prng } from './generate';

export interface LargeScenarioSize {
  readonly accounts: number;
  readonly principals: number;
  readonly resources: number;
  readonly edges: number;
}

export const LARGE: LargeScenarioSize = { accounts: 50, principals: 2_000, resources: 2_000, edges: 10_000 };

const V = '2012-10-17';
const TYPES = ['s3-bucket', 'sqs-queue', 'sns-topic', 'lambda-function', 'dynamodb-table', 'kms-key', 'events-bus', 'kinesis-stream'] as const;

export function largeScenario(seed = 42, size: LargeScenarioSize = LARGE): Scenario {
  const rnd = prng(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const chance = (p: number): boolean => rnd() < p;

  const accountIds = Array.from({ length: size.accounts }, (_, i) => String(100000000000 + i * 1111));
  const mgmt = accountIds[0] as string;
  // The last five accounts stand alone, outside the organization.
  const members = accountIds.slice(0, size.accounts - 5);
  const ous = [
    { id: 'ou-root-prod0001', name: 'Prod', parentId: 'r-root' },
    { id: 'ou-root-dev00001', name: 'Dev', parentId: 'r-root' },
  ];
  const full = { Version: V, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  const rcpFull = { Version: V, Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };
  const org: Organization = {
    id: 'o-benchmark01',
    name: 'Benchmark org',
    rootId: 'r-root',
    managementAccountId: mgmt,
    ous,
    policies: [
      { id: 'scp-full', name: 'FullAWSAccess', type: 'scp', targets: ['r-root', ...ous.map((o) => o.id), ...members], document: full },
      { id: 'scp-guard', name: 'ProdGuardrails', type: 'scp', targets: ['ou-root-prod0001'], document: { Version: V, Statement: [{ Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 's3:*', 'sqs:*', 'sns:*', 'lambda:*', 'dynamodb:*', 'kms:*', 'events:*', 'kinesis:*'], Resource: '*' }, { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }] } },
      { id: 'scp-dev', name: 'DevGuardrails', type: 'scp', targets: ['ou-root-dev00001'], document: { Version: V, Statement: [{ Effect: 'Deny', Action: ['kms:ScheduleKeyDeletion', 's3:DeleteBucket'], Resource: '*' }] } },
      { id: 'rcp-full', name: 'RCPFullAWSAccess', type: 'rcp', targets: ['r-root', ...ous.map((o) => o.id), ...members], document: rcpFull },
      { id: 'rcp-perimeter', name: 'DataPerimeter', type: 'rcp', targets: ['ou-root-prod0001'], document: { Version: V, Statement: [{ Effect: 'Deny', Principal: '*', Action: ['s3:*', 'sqs:*', 'kms:*'], Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-benchmark01' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } } }] } },
    ],
  };
  const accounts = accountIds.map((id, i) => ({
    id,
    name: `Account ${i}`,
    ...(i < members.length ? { organizationId: org.id, ...(i > 0 ? { parentId: i % 2 ? 'ou-root-prod0001' : 'ou-root-dev00001' } : {}) } : {}),
  }));

  // --- resources -------------------------------------------------------------------------------------
  const resources: Resource[] = [];
  for (let i = 0; i < size.resources; i++) {
    const type = pick(TYPES);
    const accountId = pick(accountIds);
    const r: Resource = { id: `r${i}`, type, accountId, region: 'us-east-1', name: type === 'kms-key' ? `key-${i}` : `res-${i}` };
    resources.push(r);
  }

  // --- principals ------------------------------------------------------------------------------------
  const principals: Principal[] = [];
  const roleIds: string[] = [];
  /** What each principal's identity policy is about: its edges mostly go there. */
  const intended = new Map<string, Resource[]>();
  for (let i = 0; i < size.principals; i++) {
    const accountId = pick(accountIds);
    const id = `p${i}`;
    const identity = (): NamedPolicy => {
      const targets = Array.from({ length: 1 + int(3) }, () => pick(resources));
      intended.set(id, targets);
      const Statement = targets.map((t, k) => {
        const info = RESOURCE_TYPES[t.type];
        const s: Record<string, unknown> = {
          Sid: `S${k}`,
          Effect: chance(0.1) ? 'Deny' : 'Allow',
          Action: chance(0.3) ? `${info.service}:*` : [...info.commonActions.slice(0, 2)],
          Resource: chance(0.2) ? '*' : t.type === 's3-bucket' ? [`arn:aws:s3:::${t.name}`, `arn:aws:s3:::${t.name}/*`] : `arn:aws:${info.service}:*:${t.accountId}:*`,
        };
        if (chance(0.25)) s['Condition'] = pick([{ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, { StringEquals: { 'aws:PrincipalTag/team': 'blue' } }, { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }]);
        return s;
      });
      Statement.push({ Sid: 'Assume', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/*' });
      return { name: 'Main', document: { Version: V, Statement } };
    };
    const boundary = chance(0.15) ? { permissionsBoundary: { Version: V, Statement: [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }] } } : {};
    if (chance(0.45)) {
      principals.push({ id, type: 'iam-user', name: `user${i}`, accountId, path: '/', tags: { team: pick(['blue', 'red']) }, policies: [identity()], ...boundary });
    } else if (chance(0.95)) {
      roleIds.push(id);
      const trusted = pick(accountIds);
      principals.push({
        id,
        type: 'iam-role',
        name: `Role${i}`,
        accountId,
        path: '/',
        tags: { team: pick(['blue', 'red']) },
        policies: [identity()],
        ...boundary,
        trustPolicy: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Principal: { AWS: chance(0.5) ? `arn:aws:iam::${trusted}:root` : [trusted, accountId] }, Action: 'sts:AssumeRole', ...(chance(0.3) ? { Condition: { StringEquals: { 'sts:ExternalId': 'x-123' } } } : {}) },
            { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        },
      });
    } else {
      principals.push({ id, type: 'account-root', name: `root ${i}`, accountId, tags: {} });
    }
  }

  // --- edges -----------------------------------------------------------------------------------------
  const edges: Array<AccessEdge | AssumeEdge> = [];
  /** Who has an access edge to each resource: resource policies often name them. */
  const callers = new Map<string, Principal[]>();
  for (let i = 0; i < size.edges; i++) {
    const from = pick(principals);
    if (chance(0.2) && roleIds.length > 0) {
      const to = pick(roleIds);
      edges.push({ kind: 'assume', id: `e${i}`, from: from.id, to, ...(chance(0.3) ? { externalId: 'x-123' } : {}) });
    } else {
      const to = chance(0.6) ? pick(intended.get(from.id) ?? resources) : pick(resources);
      (callers.get(to.id) ?? callers.set(to.id, []).get(to.id))?.push(from);
      const actions = RESOURCE_TYPES[to.type].commonActions.slice(0, 1 + int(2));
      edges.push({
        kind: 'access',
        id: `e${i}`,
        from: from.id,
        to: to.id,
        actions: [...actions],
        ...(to.type === 's3-bucket' ? { resourcePath: 'reports/out.csv' } : {}),
        ...(chance(0.3) ? { context: { 'aws:MultiFactorAuthPresent': pick(['true', 'false']), 'aws:SecureTransport': 'true', 'aws:SourceIp': pick(['203.0.113.7', '198.51.100.1']) } } : {}),
      });
    }
  }

  // Resource policies name real principals of the scenario, accounts, the organization or everyone.
  const principalArnOf = (p: Principal): string =>
    p.type === 'iam-user' ? `arn:aws:iam::${p.accountId}:user/${p.name}` : p.type === 'iam-role' ? `arn:aws:iam::${p.accountId}:role/${p.name}` : p.type === 'account-root' ? `arn:aws:iam::${p.accountId}:root` : '*';
  for (const r of resources) {
    if (chance(0.15)) continue;
    const info = RESOURCE_TYPES[r.type];
    const arn = r.type === 's3-bucket' ? [`arn:aws:s3:::${r.name}`, `arn:aws:s3:::${r.name}/*`] : '*';
    const Statement: Record<string, unknown>[] = [];
    if (r.type === 'kms-key') Statement.push({ Sid: 'EnableIAM', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${r.accountId}:root` }, Action: 'kms:*', Resource: '*' });
    for (let k = 0; k < 1 + int(3); k++) {
      const who = pick(callers.get(r.id) ?? principals);
      Statement.push({
        Sid: `Grant${k}`,
        Effect: 'Allow',
        Principal: chance(0.2) ? { AWS: who.type === 'service' ? '*' : who.accountId } : chance(0.1) ? '*' : { AWS: principalArnOf(who) },
        Action: chance(0.4) ? `${info.service}:*` : info.commonActions,
        Resource: arn,
        ...(chance(0.3) ? { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-benchmark01' } } } : {}),
      });
    }
    if (info.eventBridgeTarget?.mode === 'resource-policy') {
      Statement.push({ Sid: 'Events', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: info.eventBridgeTarget.action, Resource: '*', Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:events:us-east-1:${r.accountId}:rule/*` } } });
    }
    if (chance(0.2)) Statement.push({ Sid: 'DenyInsecure', Effect: 'Deny', Principal: '*', Action: `${info.service}:*`, Resource: arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    (r as { policy?: unknown }).policy = { Version: V, Statement };
  }

  // --- EventBridge rules -----------------------------------------------------------------------------
  const buses = resources.filter((r) => r.type === 'events-bus').slice(0, 40);
  const rules = buses.map((bus, i) => ({
    id: `rule${i}`,
    name: `rule-${i}`,
    busId: bus.id,
    targets: Array.from({ length: 1 + int(3) }, (_, k) => {
      const target = pick(resources.filter((r) => RESOURCE_TYPES[r.type].eventBridgeTarget));
      const role = principals.find((p) => p.type === 'iam-role' && p.accountId === bus.accountId);
      return { id: `rule${i}-t${k}`, resourceId: target.id, ...(RESOURCE_TYPES[target.type].eventBridgeTarget?.mode === 'role' && role ? { roleId: role.id } : {}) };
    }),
  }));

  const scenario: Scenario = { ...emptyScenario('Large generated scenario'), organizations: [org], accounts, principals, resources, rules, edges };
  // The benchmark measures valid scenarios only: run it through the one door.
  const parsed = parseScenario(JSON.parse(JSON.stringify(scenario)));
  if (!parsed.ok) throw new Error(`generated scenario is invalid: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  return parsed.scenario;
}
