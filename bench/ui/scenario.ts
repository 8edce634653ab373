import { emptyScenario, RESOURCE_TYPES, type Edge, type EventRule, type Layout, type Organization, type Principal, type Resource, type ResourceType, type Scenario } from '../../src/model';

/**
 * A generated, deterministic scenario for the UI benchmark: `accounts` accounts in one organization, filled
 * with users, roles, resources, event buses and rules on them, and edges: access edges (about half of
 * them cross-account), AssumeRole edges and EventBridge rule targets. Policies are realistic enough that
 * decisions are mixed: some grants, some missing identity policies, a few explicit denies.
 *
 * `nodes` counts what the canvas draws: the organization frame, accounts, principals, resources and
 * rules; `edges` counts access and AssumeRole edges plus rule targets.
 */
export interface GeneratedOptions {
  /** Nodes on the canvas: the organization frame, accounts, principals, resources and rules. */
  readonly nodes: number;
  /** Edges on the canvas, rule targets included. */
  readonly edges: number;
  readonly accounts?: number;
  readonly seed?: number;
}

/** Mulberry32: a small seeded PRNG so every run draws the same scenario. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES: readonly ResourceType[] = ['s3-bucket', 'sqs-queue', 'sns-topic', 'dynamodb-table', 'lambda-function', 'kms-key'];
const V = '2012-10-17';
const CARD = { width: 208, height: 64, gapX: 72, gapY: 36 };

export function generateScenario({ nodes, edges: edgeCount, accounts: accountCount = 10, seed = 42 }: GeneratedOptions): Scenario {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const accountIds = Array.from({ length: accountCount }, (_, i) => String(100000000001 + i));
  // Every account has one bus with RULES_PER_BUS rules; the rest of the budget is principals and resources.
  const RULES_PER_BUS = 3;
  const entities = nodes - 1 - accountCount - accountCount * RULES_PER_BUS;
  const perAccount = Math.floor(entities / accountCount);
  const cols = Math.ceil(Math.sqrt(perAccount * 0.6));
  const rows = Math.ceil(perAccount / cols);
  const accountSize = { width: cols * (CARD.width + CARD.gapX) + 24, height: rows * (CARD.height + CARD.gapY) + 64 + 56 * RULES_PER_BUS };
  const layout: Layout['nodes'] = {};
  const org: Organization = {
    id: 'o-benchmark01',
    name: 'Benchmark org',
    rootId: 'r-bench',
    managementAccountId: accountIds[0] as string,
    ous: [],
    policies: [
      { id: 'scp-full', name: 'FullAWSAccess', type: 'scp', targets: ['r-bench', ...accountIds], document: { Version: V, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
      { id: 'scp-guard', name: 'DenyKmsScheduleDeletion', type: 'scp', targets: ['r-bench'], document: { Version: V, Statement: [{ Effect: 'Deny', Action: 'kms:ScheduleKeyDeletion', Resource: '*' }] } },
    ],
  };
  const principals: Principal[] = [];
  const resources: Resource[] = [];
  const rules: EventRule[] = [];
  const accounts = accountIds.map((id, a) => {
    layout[id] = { x: (a % 4) * (accountSize.width + 120), y: Math.floor(a / 4) * (accountSize.height + 120), ...accountSize };
    return { id, name: `Account ${a + 1}`, organizationId: org.id };
  });
  // Principals and resources, laid out in a grid inside their account.
  for (let a = 0; a < accountCount; a++) {
    const account = accountIds[a] as string;
    const count = a === accountCount - 1 ? entities - perAccount * (accountCount - 1) : perAccount;
    for (let i = 0; i < count; i++) {
      const pos = { x: 12 + (i % cols) * (CARD.width + CARD.gapX), y: 52 + Math.floor(i / cols) * (CARD.height + CARD.gapY) };
      const id = `a${a}-n${i}`;
      layout[id] = pos;
      if (i % 5 < 2) {
        // Users and roles; their identity policies grant a slice of the resources (sometimes in other accounts).
        const target = pick(accountIds);
        const services = [pick(TYPES), pick(TYPES), pick(TYPES)].map((t) => RESOURCE_TYPES[t].service);
        const statements: Record<string, unknown>[] = [
          { Sid: 'Work', Effect: 'Allow', Action: [...new Set(services)].map((sv) => `${sv}:*`), Resource: random() < 0.8 ? '*' : `arn:aws:*:*:${target}:*` },
          { Sid: 'Assume', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::*:role/*` },
        ];
        if (random() < 0.1) statements.push({ Sid: 'NoDeletes', Effect: 'Deny', Action: ['s3:DeleteObject', 'dynamodb:DeleteItem'], Resource: '*' });
        const policies = random() < 0.85 ? [{ name: `Policy-${id}`, document: { Version: V, Statement: statements } }] : [];
        if (i % 5 === 0) {
          principals.push({ id, type: 'iam-user', name: `user-${a}-${i}`, accountId: account, path: '/', tags: { team: pick(['red', 'blue', 'green']) }, policies });
        } else {
          principals.push({
            id,
            type: 'iam-role',
            name: `Role-${a}-${i}`,
            accountId: account,
            path: '/',
            tags: {},
            policies,
            trustPolicy: { Version: V, Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${pick(accountIds)}:root` }, Action: 'sts:AssumeRole' }] },
          });
        }
      } else if (i === count - 1) {
        resources.push({ id, type: 'events-bus', accountId: account, region: 'us-east-1', name: `bus-${a}` });
        for (let k = 0; k < RULES_PER_BUS; k++) rules.push({ id: `${id}-rule-${k}`, name: `rule-${a}-${k}`, busId: id, targets: [] });
      } else {
        const type = TYPES[i % TYPES.length] as ResourceType;
        const name = type === 's3-bucket' ? `bench-bucket-${a}-${i}` : `res-${a}-${i}`;
        const other = pick(accountIds);
        const actions = RESOURCE_TYPES[type].commonActions;
        const arn = type === 's3-bucket' ? [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`] : '*';
        const policy =
          type === 'kms-key'
            ? { Version: V, Statement: [{ Sid: 'EnableIAMPolicies', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }] }
            : random() < 0.7
              ? {
                  Version: V,
                  Statement: [
                    random() < 0.5
                      ? { Sid: 'GrantOrg', Effect: 'Allow', Principal: '*', Action: [...actions.slice(0, 2)], Resource: arn, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-benchmark01' } } }
                      : { Sid: 'GrantAccount', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${other}:root` }, Action: [...actions.slice(0, 2)], Resource: arn },
                    { Sid: 'AllowEvents', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: actions[0], Resource: arn },
                  ],
                }
              : undefined;
        resources.push({ id, type, accountId: account, region: 'us-east-1', name, ...(policy ? { policy } : {}) });
      }
    }
  }
  for (const rule of rules) layout[rule.id] = { x: 0, y: 0 };

  const edges: Edge[] = [];
  const byAccount = <T extends { accountId: string }>(list: readonly T[], account: string): T[] => list.filter((x) => x.accountId === account);
  const iamPrincipals = principals.filter((p): p is Principal & { accountId: string } => p.type !== 'service');
  const roles = iamPrincipals.filter((p) => p.type === 'iam-role');
  const targets = resources.filter((r) => RESOURCE_TYPES[r.type].eventBridgeTarget?.mode === 'resource-policy');
  const plain = resources.filter((r) => r.type !== 'events-bus');
  let n = 0;
  const ruleTargets = Math.min(rules.length * 3, Math.floor(edgeCount * 0.05));
  for (let i = 0; i < ruleTargets; i++) {
    const rule = rules[i % rules.length] as EventRule;
    const bus = resources.find((r) => r.id === rule.busId) as Resource;
    const local = byAccount(targets, bus.accountId);
    const target = local.length > 0 && random() < 0.8 ? pick(local) : pick(targets);
    (rule.targets as { id: string; resourceId: string }[]).push({ id: `t${n++}`, resourceId: target.id });
  }
  while (n < edgeCount) {
    const from = pick(iamPrincipals);
    if (random() < 0.15) {
      const role = pick(roles);
      if (role.id !== from.id) edges.push({ kind: 'assume', id: `e${n++}`, from: from.id, to: role.id });
      continue;
    }
    const local = byAccount(plain, from.accountId);
    const to = random() < 0.5 && local.length > 0 ? pick(local) : pick(plain);
    const actions = RESOURCE_TYPES[to.type].commonActions;
    const chosen = random() < 0.4 ? actions.slice(0, 2) : [pick(actions)];
    edges.push({ kind: 'access', id: `e${n++}`, from: from.id, to: to.id, actions: [...chosen] });
  }
  return { ...emptyScenario(`Generated: ${nodes} nodes, ${edgeCount} edges`), organizations: [org], accounts, principals, resources, rules, edges, layout: { nodes: layout } };
}
