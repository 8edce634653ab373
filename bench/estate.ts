/**
 * A generated AWS estate for the import benchmarks and the large-import browser test: seeded, so every run
 * makes the same bytes. `npx tsx bench/estate.ts [OUT.json] [--seed N]` writes it.
 *
 * What it makes (ESTATE below): one organization of 20 accounts (a management account and 19 members in
 * four OUs, FullAWSAccess everywhere, a deny-leave SCP at the root) and, per account, the output of
 * `aws iam get-account-authorization-details` — together 5,000 roles, 2,000 users, 300 groups and 3,000
 * managed policies (2,800 customer managed, 140 per account, and 200 AWS managed, each listed in every
 * account that attaches it, as IAM does) — plus 5 S3 bucket policies per account. It is written as one
 * collection bundle, the file `scripts/collect-aws.sh` writes, so it is imported in one drop.
 *
 * The shapes are the AWS CLI's (see src/import/fixtures/README.md): documents are objects in even accounts
 * and RFC 3986 URL-encoded strings in odd ones (the IAM API's form); managed policies have one to three
 * versions, the default not always the newest; roles have paths, service or cross-account trust (with
 * external ids), inline and attached policies and some permissions boundaries; users belong to one to three
 * groups of their account and have tags.
 */
import { writeFileSync } from 'node:fs';
import { prng } from '../src/engine/differential/generate';

export const ESTATE = { accounts: 20, roles: 5_000, users: 2_000, groups: 300, managedPolicies: 3_000, awsManaged: 200, bucketsPerAccount: 5 } as const;
export const ESTATE_SEED = 20261207;

const SERVICES = ['s3', 'sqs', 'sns', 'dynamodb', 'lambda', 'kms', 'events', 'logs', 'ec2', 'cloudwatch'] as const;
const VERBS = ['Get*', 'List*', 'Describe*', 'Put*', 'Create*', 'Delete*', 'Update*', '*'];
const TRUSTED_SERVICES = ['lambda.amazonaws.com', 'ec2.amazonaws.com', 'ecs-tasks.amazonaws.com', 'events.amazonaws.com', 'states.amazonaws.com'];
const REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1'];

function accountId(i: number): string {
  return String(100000000000 + i * 7919 * 101).padStart(12, '0');
}

export interface Estate {
  readonly bundle: { readonly format: 'crossaccount-aws-bundle'; readonly version: 1; readonly collectedAt: string; readonly items: readonly unknown[] };
  readonly accounts: readonly string[];
  readonly counts: { readonly roles: number; readonly users: number; readonly groups: number; readonly managedPolicies: number };
}

/** The estate as a collection bundle (see the module comment). */
export function generateEstate(seed = ESTATE_SEED): Estate {
  const random = prng(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const accounts = Array.from({ length: ESTATE.accounts }, (_x, i) => accountId(i + 1));
  const management = accounts[0] as string;
  const org = 'o-estate01abcd';
  const root = 'r-est1';
  const ous = ['Security', 'Infrastructure', 'Workloads', 'Sandbox'].map((name, i) => ({ id: `ou-est1-${String(i + 1).padStart(8, '0')}`, name }));
  const items: unknown[] = [];

  const statement = (account: string): Record<string, unknown> => {
    const service = pick(SERVICES);
    const actions = Array.from({ length: 1 + int(3) }, () => `${service}:${pick(VERBS)}`);
    const resource = random() < 0.4 ? '*' : service === 's3' ? `arn:aws:s3:::bucket-${account}-${int(5)}/*` : `arn:aws:${service}:${pick(REGIONS)}:${account}:*`;
    return { Effect: random() < 0.9 ? 'Allow' : 'Deny', Action: actions.length === 1 ? actions[0] : actions, Resource: resource };
  };
  const policy = (account: string, statements = 1 + int(4)) => ({ Version: '2012-10-17', Statement: Array.from({ length: statements }, () => statement(account)) });
  const encode = (doc: unknown, api: boolean): unknown => (api ? encodeURIComponent(JSON.stringify(doc)) : doc);

  // AWS managed policies: one document each, shared by every account that attaches them.
  const awsManaged = Array.from({ length: ESTATE.awsManaged }, (_x, i) => ({
    name: `AWSManagedExample${i}`,
    arn: `arn:aws:iam::aws:policy/${i % 10 === 0 ? 'service-role/' : ''}AWSManagedExample${i}`,
    path: i % 10 === 0 ? '/service-role/' : '/',
    doc: policy('*', 2),
  }));

  const rolesPer = ESTATE.roles / ESTATE.accounts;
  const usersPer = ESTATE.users / ESTATE.accounts;
  const groupsPer = ESTATE.groups / ESTATE.accounts;
  const customerPer = (ESTATE.managedPolicies - ESTATE.awsManaged) / ESTATE.accounts;

  accounts.forEach((account, a) => {
    const api = a % 2 === 1;
    const customer = Array.from({ length: customerPer }, (_x, i) => {
      const path = i % 7 === 0 ? '/teams/' : '/';
      const name = `Policy${a}x${i}`;
      const versions = 1 + int(3);
      const defaultVersion = 1 + int(versions);
      return {
        PolicyName: name,
        PolicyId: `ANPA${a}X${i}`.padEnd(21, '0'),
        Arn: `arn:aws:iam::${account}:policy${path}${name}`,
        Path: path,
        DefaultVersionId: `v${defaultVersion}`,
        AttachmentCount: 1,
        PermissionsBoundaryUsageCount: 0,
        IsAttachable: true,
        CreateDate: '2025-01-01T00:00:00Z',
        UpdateDate: '2025-06-01T00:00:00Z',
        PolicyVersionList: Array.from({ length: versions }, (_y, v) => ({ Document: encode(policy(account), api), VersionId: `v${v + 1}`, IsDefaultVersion: v + 1 === defaultVersion, CreateDate: '2025-01-01T00:00:00Z' })),
      };
    });
    const used = new Set<number>();
    const attach = (n: number) =>
      Array.from({ length: n }, () => {
        if (random() < 0.4) {
          const k = int(ESTATE.awsManaged);
          used.add(k);
          const m = awsManaged[k] as (typeof awsManaged)[number];
          return { PolicyName: m.name, PolicyArn: m.arn };
        }
        const c = customer[int(customer.length)] as (typeof customer)[number];
        return { PolicyName: c.PolicyName, PolicyArn: c.Arn };
      }).filter((x, i, all) => all.findIndex((y) => y.PolicyArn === x.PolicyArn) === i);
    const groups = Array.from({ length: groupsPer }, (_x, i) => ({
      Path: '/',
      GroupName: `Group${a}x${i}`,
      GroupId: `AGPA${a}X${i}`.padEnd(21, '0'),
      Arn: `arn:aws:iam::${account}:group/Group${a}x${i}`,
      CreateDate: '2025-01-01T00:00:00Z',
      GroupPolicyList: random() < 0.5 ? [{ PolicyName: `Group${a}x${i}Inline`, PolicyDocument: encode(policy(account), api) }] : [],
      AttachedManagedPolicies: attach(1 + int(3)),
    }));
    const users = Array.from({ length: usersPer }, (_x, i) => ({
      Path: i % 5 === 0 ? '/engineering/' : '/',
      UserName: `user${a}x${i}`,
      UserId: `AIDA${a}X${i}`.padEnd(21, '0'),
      Arn: `arn:aws:iam::${account}:user${i % 5 === 0 ? '/engineering/' : '/'}user${a}x${i}`,
      CreateDate: '2025-01-01T00:00:00Z',
      UserPolicyList: random() < 0.3 ? [{ PolicyName: 'Own', PolicyDocument: encode(policy(account, 1), api) }] : [],
      GroupList: [...new Set(Array.from({ length: 1 + int(3) }, () => `Group${a}x${int(groupsPer)}`))],
      AttachedManagedPolicies: attach(int(3)),
      Tags: [{ Key: 'team', Value: pick(['payments', 'search', 'platform', 'data']) }],
    }));
    const roles = Array.from({ length: rolesPer }, (_x, i) => {
      const kind = random();
      const other = accounts[int(accounts.length)] as string;
      const trust =
        kind < 0.5
          ? { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: pick(TRUSTED_SERVICES) }, Action: 'sts:AssumeRole' }] }
          : kind < 0.8
            ? { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${other}:root` }, Action: 'sts:AssumeRole', ...(random() < 0.3 ? { Condition: { StringEquals: { 'sts:ExternalId': `ext-${a}-${i}` } } } : {}) }] }
            : { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${other}:role/Role${accounts.indexOf(other)}x${int(rolesPer)}` }, Action: 'sts:AssumeRole' }] };
      const path = i % 4 === 0 ? '/service-role/' : '/';
      const boundary = random() < 0.1 ? (customer[int(customer.length)] as (typeof customer)[number]).Arn : undefined;
      return {
        Path: path,
        RoleName: `Role${a}x${i}`,
        RoleId: `AROA${a}X${i}`.padEnd(21, '0'),
        Arn: `arn:aws:iam::${account}:role${path}Role${a}x${i}`,
        CreateDate: '2025-01-01T00:00:00Z',
        AssumeRolePolicyDocument: encode(trust, api),
        InstanceProfileList: [],
        RolePolicyList: random() < 0.6 ? [{ PolicyName: `Role${a}x${i}Inline`, PolicyDocument: encode(policy(account), api) }] : [],
        AttachedManagedPolicies: attach(1 + int(3)),
        ...(boundary ? { PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: boundary } } : {}),
        Tags: [{ Key: 'app', Value: `app-${int(40)}` }],
        RoleLastUsed: {},
      };
    });
    const awsListed = [...used].sort((x, y) => x - y).map((k) => {
      const m = awsManaged[k] as (typeof awsManaged)[number];
      return { PolicyName: m.name, PolicyId: `ANPAAWS${k}`.padEnd(21, '0'), Arn: m.arn, Path: m.path, DefaultVersionId: 'v1', AttachmentCount: 1, PermissionsBoundaryUsageCount: 0, IsAttachable: true, CreateDate: '2015-01-01T00:00:00Z', UpdateDate: '2015-01-01T00:00:00Z', PolicyVersionList: [{ Document: encode(m.doc, api), VersionId: 'v1', IsDefaultVersion: true, CreateDate: '2015-01-01T00:00:00Z' }] };
    });
    items.push({ command: 'iam get-account-authorization-details', account, output: { UserDetailList: users, GroupDetailList: groups, RoleDetailList: roles, Policies: [...customer, ...awsListed], IsTruncated: false } });
    for (let b = 0; b < ESTATE.bucketsPerAccount; b++) {
      const bucket = `bucket-${account}-${b}`;
      const reader = accounts[int(accounts.length)] as string;
      const doc = { Version: '2012-10-17', Statement: [{ Sid: 'ReadFromPartner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${reader}:root` }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`] }] };
      items.push({ command: 's3api get-bucket-policy', account, region: pick(REGIONS), args: { bucket }, output: { Policy: JSON.stringify(doc) } });
    }
  });

  items.push({ command: 'organizations describe-organization', account: management, output: { Organization: { Id: org, Arn: `arn:aws:organizations::${management}:organization/${org}`, FeatureSet: 'ALL', MasterAccountId: management, MasterAccountArn: `arn:aws:organizations::${management}:account/${org}/${management}` } } });
  items.push({ command: 'organizations list-roots', account: management, output: { Roots: [{ Id: root, Arn: `arn:aws:organizations::${management}:root/${org}/${root}`, Name: 'Root', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }] } });
  items.push({ command: 'organizations list-organizational-units-for-parent', account: management, args: { 'parent-id': root }, output: { OrganizationalUnits: ous.map((o) => ({ Id: o.id, Arn: `arn:aws:organizations::${management}:ou/${org}/${o.id}`, Name: o.name })) } });
  const placement = accounts.map((id, i) => ({ id, parent: i === 0 ? root : (ous[i % ous.length] as (typeof ous)[number]).id }));
  items.push({ command: 'organizations list-accounts', account: management, output: { Accounts: placement.map((p, i) => ({ Id: p.id, Arn: `arn:aws:organizations::${management}:account/${org}/${p.id}`, Name: i === 0 ? 'Management' : `Account ${i}`, Email: `aws+${i}@example.com`, Status: 'ACTIVE', Paths: [`${org}/${root}/${p.parent === root ? '' : `${p.parent}/`}${p.id}/`] })) } });
  const full = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  const denyLeave = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] };
  items.push({ command: 'organizations describe-policy', account: management, args: { 'policy-id': 'p-FullAWSAccess' }, output: { Policy: { PolicySummary: { Id: 'p-FullAWSAccess', Name: 'FullAWSAccess', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: true }, Content: JSON.stringify(full) } } });
  items.push({ command: 'organizations describe-policy', account: management, args: { 'policy-id': 'p-denyleave01' }, output: { Policy: { PolicySummary: { Id: 'p-denyleave01', Name: 'DenyLeaveOrganization', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: false }, Content: JSON.stringify(denyLeave) } } });
  items.push({ command: 'organizations list-targets-for-policy', account: management, args: { 'policy-id': 'p-FullAWSAccess' }, output: { Targets: [{ TargetId: root, Type: 'ROOT', Name: 'Root' }, ...ous.map((o) => ({ TargetId: o.id, Type: 'ORGANIZATIONAL_UNIT', Name: o.name })), ...accounts.map((id) => ({ TargetId: id, Type: 'ACCOUNT', Name: id }))] } });
  items.push({ command: 'organizations list-targets-for-policy', account: management, args: { 'policy-id': 'p-denyleave01' }, output: { Targets: [{ TargetId: root, Type: 'ROOT', Name: 'Root' }] } });

  return {
    bundle: { format: 'crossaccount-aws-bundle', version: 1, collectedAt: '2026-12-07T00:00:00Z', items },
    accounts,
    counts: { roles: ESTATE.roles, users: ESTATE.users, groups: ESTATE.groups, managedPolicies: ESTATE.managedPolicies },
  };
}

/** The bundle's text, as the collection script writes it (one line per item, no indentation). */
export function estateText(seed = ESTATE_SEED): string {
  const { bundle } = generateEstate(seed);
  return `{"format":"${bundle.format}","version":${bundle.version},"collectedAt":"${bundle.collectedAt}","items":[\n${bundle.items.map((i) => JSON.stringify(i)).join(',\n')}\n]}\n`;
}

if (process.argv[1]?.endsWith('estate.ts')) {
  const out = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 'estate.json';
  const seedArg = process.argv.indexOf('--seed');
  const seed = seedArg > 0 ? Number(process.argv[seedArg + 1]) : ESTATE_SEED;
  const text = estateText(seed);
  writeFileSync(out, text);
  console.log(`wrote ${out}: ${(text.length / 1048576).toFixed(1)} MB (seed ${seed})`);
}
