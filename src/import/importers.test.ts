import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateScenario } from '../engine';
import { HEAVY_TEST_MS } from '../testing/timeouts';
import type { IamRole, IamUser, Scenario } from '../model';
import { serializeScenario } from '../share/file';
import { importFiles } from './door';
import type { ImportInput, ImportResult } from './types';

const DIR = new URL('./fixtures/', import.meta.url);
const fixture = (name: string): ImportInput => ({ name, text: readFileSync(new URL(name, DIR), 'utf8') });
const ALL = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort().map(fixture);
const NOW = new Date('2026-12-01T00:00:00Z');
const run = (inputs: readonly ImportInput[]): ImportResult => importFiles(inputs, { now: NOW });
function scenarioOf(r: ImportResult): Scenario {
  if (!r.scenario) throw new Error(r.failure ?? 'no scenario');
  return r.scenario;
}
const verdict = (r: ImportResult, file: string) => r.verdicts.find((v) => v.file === file);
const messages = (r: ImportResult, file: string) => verdict(r, file)?.notes.map((n) => `${n.level} ${n.path}: ${n.message}`) ?? [];

const PROD = '444455556666';
const SANDBOX = '777788889999';
const user = (s: Scenario, name: string) => s.principals.find((p): p is IamUser => p.type === 'iam-user' && p.name === name);
const role = (s: Scenario, name: string) => s.principals.find((p): p is IamRole => p.type === 'iam-role' && p.name === name);

describe('aws iam get-account-authorization-details, as the AWS CLI prints it (documents decoded)', () => {
  const file = '444455556666.authorization-details.json';
  const r = run([fixture(file)]);
  const s = scenarioOf(r);

  it('Given the file, then it is recognised and every user, group, role and managed policy is imported with its ARN as id', () => {
    expect(verdict(r, file)).toMatchObject({ recognised: { format: 'aws-iam-authorization-details', label: 'IAM authorization details of account 444455556666' }, counts: { users: 2, roles: 3, groups: 2, 'customer managed policies': 2, 'AWS managed policies': 1 } });
    expect(s.accounts.map((a) => a.id)).toEqual([PROD]);
    expect(user(s, 'alice')).toMatchObject({ id: 'arn:aws:iam::444455556666:user/engineering/alice', path: '/engineering/', tags: { team: 'payments' }, groupIds: ['arn:aws:iam::444455556666:group/Admins', 'arn:aws:iam::444455556666:group/Developers'] });
    expect(role(s, 'DeployRole')).toMatchObject({ id: 'arn:aws:iam::444455556666:role/service-role/DeployRole', path: '/service-role/', managedPolicyIds: ['arn:aws:iam::444455556666:policy/teams/DevS3Access'] });
  });

  it('Given a managed policy with three versions, then the default one (v2, not the newest v3) is imported, and the others are reported', () => {
    const dev = s.managedPolicies.find((m) => m.name === 'DevS3Access');
    expect(dev).toMatchObject({ path: '/teams/', accountId: PROD, description: 'Read and write the reports bucket' });
    expect(dev?.document.Statement).toEqual([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::example-prod-reports/*' }]);
    expect(messages(r, file)).toContain('info $.Policies[1].PolicyVersionList: DevS3Access has 3 versions; the default one (v2) is imported — the others are history IAM does not evaluate.');
  });

  it("Given the AWS CLI example's quirk (a group's AttachedManagedPolicies as one object), then it is read as a list of one", () => {
    expect(s.groups.find((g) => g.name === 'Admins')?.managedPolicyIds).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(s.managedPolicies.find((m) => m.name === 'ReadOnlyAccess')?.accountId).toBeUndefined();
  });

  it('Given an inline policy without Version, then it is kept without one (no policy variables), and said', () => {
    expect(user(s, 'bob')?.policies[0]?.document).not.toHaveProperty('Version');
    expect(messages(r, file).some((m) => m.startsWith('info $.UserDetailList[1].UserPolicyList[0].PolicyDocument: The inline policy ReadOwnPrefix of user bob has no Version'))).toBe(true);
  });

  it('Given a permissions boundary ARN, then the managed policy is set as the boundary', () => {
    expect(user(s, 'bob')?.boundaryPolicyId).toBe('arn:aws:iam::444455556666:policy/DevBoundary');
  });

  it('Given instance profiles, then they are ignored with a note; a service-linked role whose AWS managed policy is not in the file loses that attachment, located', () => {
    expect(messages(r, file)).toContain('info $.RoleDetailList: Instance profiles of 1 role are ignored: an instance profile only passes its role to EC2; the role and its policies are imported.');
    expect(role(s, 'AWSServiceRoleForSupport')).toMatchObject({ path: '/aws-service-role/support.amazonaws.com/' });
    expect(role(s, 'AWSServiceRoleForSupport')).not.toHaveProperty('managedPolicyIds');
    expect(messages(r, file)).toContain(
      'warning $.RoleDetailList[2].AttachedManagedPolicies[0].PolicyArn: The managed policy arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy of the role AWSServiceRoleForSupport is not in the import (its document is not in any file): its decisions leave it out.',
    );
    expect(verdict(r, file)?.status).toBe('partial');
  });
});

describe('aws iam get-account-authorization-details, as the API returns it (URL-encoded documents)', () => {
  const file = '777788889999.authorization-details.api.json';
  const r = run([fixture(file)]);
  const s = scenarioOf(r);

  it('Given RFC 3986 URL-encoded documents, then they are decoded into the policies they encode', () => {
    expect(role(s, 'SandboxAdmin')?.trustPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:user/engineering/alice' }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }],
    });
    expect(role(s, 'SandboxAdmin')?.policies[0]?.name).toBe('SandboxCrossAccountReads');
    expect(s.managedPolicies[0]?.document.Statement).toHaveLength(1);
  });

  it('Given IsTruncated: true, then what is there is imported and the verdict says the file is incomplete and how to get the rest', () => {
    expect(verdict(r, file)?.status).toBe('partial');
    expect(messages(r, file)[0]).toMatch(/^warning \$\.IsTruncated: This output is incomplete \(IsTruncated is true\)/);
    expect(s.principals).toHaveLength(2);
  });
});

describe('AWS Organizations, one command per file, in any order', () => {
  const files = ALL.filter((f) => f.name.startsWith('organizations.'));
  const s = scenarioOf(run(files));
  const org = s.organizations[0];

  it('Given describe-organization, list-roots, the OUs of each parent, list-accounts, the policies and their targets, then one organization is assembled root → OUs → accounts', () => {
    expect(s.organizations).toHaveLength(1);
    expect(org).toMatchObject({ id: 'o-a1b2c3d4e5', rootId: 'r-a1b2', managementAccountId: '111122223333' });
    const parent = Object.fromEntries((org?.ous ?? []).map((ou) => [ou.name, ou.parentId]));
    // The root's OUs have no parent in their output: the file name (…r-a1b2.json) says it; Prod's output carries Path.
    expect(parent).toEqual({ Workloads: 'r-a1b2', Sandbox: 'r-a1b2', Prod: 'ou-a1b2-11111111' });
    expect(s.accounts).toEqual([
      { id: '111122223333', name: 'Management', organizationId: 'o-a1b2c3d4e5' },
      { id: PROD, name: 'Prod', organizationId: 'o-a1b2c3d4e5', parentId: 'ou-a1b2-22222222' },
      { id: SANDBOX, name: 'Sandbox', organizationId: 'o-a1b2c3d4e5', parentId: 'ou-a1b2-33333333' },
    ]);
  });

  it("Given describe-policy's Content (a JSON string) and list-targets-for-policy, then each SCP has its document and attachments", () => {
    const byName = Object.fromEntries((org?.policies ?? []).map((p) => [p.name, p]));
    expect(byName['DenySandboxBucketPolicies']).toMatchObject({ type: 'scp', targets: ['ou-a1b2-33333333'] });
    expect(byName['DenySandboxBucketPolicies']?.document.Statement).toEqual([{ Sid: 'NoBucketPolicies', Effect: 'Deny', Action: ['s3:PutBucketPolicy', 's3:DeleteBucketPolicy'], Resource: '*' }]);
    expect(byName['FullAWSAccess']?.targets).toHaveLength(7);
  });

  it('Given an RCP listed and attached but not described, then the content AWS documents for RCPFullAWSAccess is used, said so', () => {
    const r = run(files);
    const rcp = scenarioOf(r).organizations[0]?.policies.find((p) => p.type === 'rcp');
    expect(rcp).toMatchObject({ id: 'p-RCPFullAWSAccess', targets: expect.arrayContaining(['r-a1b2']) });
    expect(r.notes.map((n) => n.message)).toContain("The content of RCPFullAWSAccess is not in the import; AWS's documented content (allow everything) is used.");
  });

  it('Given SCPs without their attachments, then they are left out (every level would deny everything), with a warning', () => {
    const r = run(files.filter((f) => !f.name.includes('list-targets-for-policy')));
    expect(scenarioOf(r).organizations[0]?.policies).toEqual([]);
    expect(r.notes.some((n) => n.level === 'warning' && /3 SCPs of o-a1b2c3d4e5 are in the import but not where they are attached/.test(n.message))).toBe(true);
  });

  it('Given list-targets-for-policy without the policy in its name, then it is skipped: which policy it belongs to is not known', () => {
    const f = fixture('organizations.list-targets-for-policy.p-denyleave01.json');
    const r = run([{ ...f, name: 'targets.json' }]);
    expect(r.verdicts[0]).toMatchObject({ status: 'skipped' });
    expect(r.verdicts[0]?.notes[0]?.message).toMatch(/Which policy these targets belong to is not known/);
  });
});

describe('resource policies', () => {
  const s = scenarioOf(run(ALL));
  const resource = (id: string) => s.resources.find((r) => r.id === id);

  it('Given get-bucket-policy ({"Policy": "<JSON>"}, no bucket, no account), then the bucket is named by its policy and its account by the file name', () => {
    expect(resource('arn:aws:s3:::example-prod-reports')).toMatchObject({ type: 's3-bucket', name: 'example-prod-reports', accountId: PROD });
    expect(resource('arn:aws:s3:::example-prod-reports')?.policy?.Statement).toHaveLength(2);
    // The 2008-10-17 version of the CLI's example is kept as written.
    expect(resource('arn:aws:s3:::example-public-assets')?.policy?.Version).toBe('2008-10-17');
  });

  it('Given get-topic-attributes and get-queue-attributes, then the TopicArn and QueueArn name them', () => {
    expect(resource('arn:aws:sns:us-east-1:444455556666:alerts')).toMatchObject({ type: 'sns-topic', name: 'alerts', region: 'us-east-1', accountId: PROD });
    expect(resource('arn:aws:sqs:us-east-1:444455556666:orders')).toMatchObject({ type: 'sqs-queue', name: 'orders' });
  });

  it('Given lambda get-policy, dynamodb get-resource-policy and describe-event-bus, then each is named by its ARNs', () => {
    expect(resource('arn:aws:lambda:us-east-1:444455556666:function:process-orders')).toMatchObject({ type: 'lambda-function', name: 'process-orders' });
    expect(resource('arn:aws:dynamodb:us-east-1:444455556666:table/Orders')).toMatchObject({ type: 'dynamodb-table', name: 'Orders' });
    expect(resource('arn:aws:events:us-east-1:444455556666:event-bus/default')).toMatchObject({ type: 'events-bus', name: 'default' });
  });

  it('Given get-key-policy ({"Policy", "PolicyName": "default"}), then the key id, account and Region come from the file name', () => {
    expect(resource('arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab')).toMatchObject({ type: 'kms-key', name: '1234abcd-12ab-34cd-56ef-1234567890ab' });
  });

  it("Given get-rest-api, whose policy comes escaped a second time ({\\\"Version\\\":…, \\/), then it is unescaped into the API's policy", () => {
    const api = resource('arn:aws:execute-api:us-east-1:444455556666:a1b2c3d4e5');
    expect(api).toMatchObject({ type: 'apigateway-rest-api', name: 'a1b2c3d4e5' });
    expect(api?.policy).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*/POST/orders', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }] });
  });

  it('Given a bucket policy whose account nothing says and an import of several accounts, then the bucket is skipped with a located reason', () => {
    const f = fixture('444455556666.example-prod-reports.bucket-policy.json');
    const r = run([{ name: 'reports.json', text: f.text }, fixture('444455556666.authorization-details.json'), fixture('777788889999.authorization-details.api.json')]);
    expect(scenarioOf(r).resources).toEqual([]);
    expect(messages(r, 'reports.json').some((m) => m.startsWith('error $: The account of s3-bucket example-prod-reports is not known (the import has 2 accounts)'))).toBe(true);
  });

  it('Given the same bucket policy with an import of one account, then the bucket is that account’s, said so', () => {
    const f = fixture('444455556666.example-prod-reports.bucket-policy.json');
    const r = run([{ name: 'reports.json', text: f.text }, fixture('444455556666.authorization-details.json')]);
    expect(scenarioOf(r).resources[0]).toMatchObject({ accountId: PROD });
    expect(messages(r, 'reports.json').some((m) => m.includes('it is taken to be 444455556666, the only account of the import'))).toBe(true);
  });
});

describe('a bundle (scripts/collect-aws.sh) and wrapped outputs', () => {
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::777788889999:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared-data/*' }] });
  const bundle = {
    format: 'crossaccount-aws-bundle',
    version: 1,
    items: [
      { command: 'iam get-account-authorization-details', account: PROD, output: JSON.parse(fixture('444455556666.authorization-details.json').text) as unknown },
      { command: 's3api get-bucket-policy', account: PROD, region: 'eu-west-1', args: { bucket: 'shared-data' }, output: { Policy: policy } },
      { command: 's3api get-bucket-policy', account: PROD, region: 'eu-west-1', args: { bucket: 'plain-bucket' }, error: 'An error occurred (NoSuchBucketPolicy) when calling the GetBucketPolicy operation: The bucket policy does not exist' },
      { command: 'lambda get-policy', account: PROD, region: 'eu-west-1', args: { 'function-name': 'secret-fn' }, error: 'An error occurred (AccessDeniedException) when calling the GetPolicy operation: not authorized' },
      { command: 'ec2 describe-instances', account: PROD, output: {} },
    ],
  };
  const r = run([{ name: 'aws-bundle.json', text: JSON.stringify(bundle) }]);
  const s = scenarioOf(r);

  it('Given a bundle, then each item is read by its command with its account, Region and arguments', () => {
    expect(r.verdicts[0]?.recognised).toEqual({ format: 'aws-bundle', label: 'AWS collection bundle: 5 items, 1 account' });
    expect(s.resources.find((x) => x.name === 'shared-data')).toMatchObject({ accountId: PROD, region: 'eu-west-1' });
    expect(s.principals).toHaveLength(5);
  });

  it('Given NoSuchBucketPolicy, then the bucket is imported without a policy; other errors are reported at the item', () => {
    expect(s.resources.find((x) => x.name === 'plain-bucket')).toMatchObject({ accountId: PROD });
    expect(s.resources.find((x) => x.name === 'plain-bucket')).not.toHaveProperty('policy');
    expect(messages(r, 'aws-bundle.json')).toContain(
      'warning $.items[3].error: The collection could not run lambda get-policy (--function-name secret-fn): An error occurred (AccessDeniedException) when calling the GetPolicy operation: not authorized',
    );
    expect(messages(r, 'aws-bundle.json')).toContain('warning $.items[4].output: ec2 describe-instances is not a command this app reads; the item is skipped.');
  });

  it('Given one output wrapped with its command, account and arguments, then the wrapper says what the output does not', () => {
    const wrapped = { command: 'kms get-key-policy', account: PROD, region: 'us-west-2', args: { 'key-id': 'abcd1234-12ab-34cd-56ef-1234567890ab' }, output: { Policy: policy.replace('s3:GetObject', 'kms:Decrypt'), PolicyName: 'default' } };
    const w = run([{ name: 'key.json', text: JSON.stringify(wrapped) }]);
    expect(scenarioOf(w).resources[0]).toMatchObject({ type: 'kms-key', name: 'abcd1234-12ab-34cd-56ef-1234567890ab', accountId: PROD, region: 'us-west-2' });
    expect(w.verdicts[0]?.recognised?.format).toBe('aws-wrapped-output');
  });
});

describe('everything together: order does not matter, and nothing is lost', () => {
  const together = run(ALL);
  const s = scenarioOf(together);

  it('Given every fixture, then the organization, its accounts, their IAM entities and resources are one scenario, each AWS managed policy once', () => {
    expect(s.accounts.map((a) => a.name)).toEqual(['Management', 'Prod', 'Sandbox']);
    expect(s.managedPolicies.filter((m) => m.name === 'ReadOnlyAccess')).toHaveLength(1);
    expect(role(s, 'SandboxAdmin')?.managedPolicyIds).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(s.groups.find((g) => g.name === 'Admins')?.managedPolicyIds).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(s.resources).toHaveLength(9);
    expect(s.name).toBe('AWS organization o-a1b2c3d4e5 (3 accounts)');
  });

  it('Given the files in other orders, then the scenario and the notes are the same', () => {
    const rng = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const seed of [1, 7, 42]) {
      const random = rng(seed);
      const shuffled = [...ALL].sort(() => random() - 0.5);
      const again = run(shuffled);
      expect(again.scenario).toEqual(s);
      expect(new Set(again.notes.map((n) => JSON.stringify(n)))).toEqual(new Set(together.notes.map((n) => JSON.stringify(n))));
    }
  }, HEAVY_TEST_MS);

  it('Given the import saved as a scenario file and imported again, then nothing is lost: the same scenario comes back', () => {
    const file = serializeScenario(s);
    const back = run([{ name: 'estate.json', text: file }]);
    expect(back.verdicts[0]).toMatchObject({ status: 'imported', recognised: { format: 'crossaccount-scenario' } });
    expect(back.scenario).toEqual(s);
  }, HEAVY_TEST_MS);

  it('Given the AWS files, then every entity and document they hold is in the scenario (users, groups, roles, policies, trust)', () => {
    for (const f of ALL.filter((x) => x.name.includes('authorization-details'))) {
      const doc = JSON.parse(f.text) as { UserDetailList: { Arn: string }[]; GroupDetailList: { Arn: string }[]; RoleDetailList: { Arn: string; RolePolicyList: { PolicyName: string }[] }[]; Policies: { Arn: string }[] };
      for (const u of doc.UserDetailList) expect(s.principals.some((p) => p.id === u.Arn)).toBe(true);
      for (const g of doc.GroupDetailList) expect(s.groups.some((x) => x.id === g.Arn)).toBe(true);
      for (const x of doc.RoleDetailList) expect(role(s, x.Arn.slice(x.Arn.lastIndexOf('/') + 1))?.policies.map((p) => p.name)).toEqual(x.RolePolicyList.map((p) => p.PolicyName));
      for (const m of doc.Policies) expect(s.managedPolicies.some((x) => x.id === m.Arn)).toBe(true);
    }
  });

  it('Given the imported estate, then the engine decides with groups, managed policies, boundaries and SCPs as AWS would', () => {
    const edge = (id: string, from: string, to: string, actions: string[], resourcePath?: string) => ({ kind: 'access' as const, id, from, to, actions, ...(resourcePath ? { resourcePath } : {}) });
    const bucket = 'arn:aws:s3:::example-prod-reports';
    const withEdges: Scenario = {
      ...s,
      resources: [...s.resources, { id: 'sandbox-bucket', type: 's3-bucket', accountId: SANDBOX, region: 'us-east-1', name: 'sandbox-scratch' }],
      edges: [
        edge('alice-read', user(s, 'alice')!.id, bucket, ['s3:GetObject'], 'q3.csv'),
        edge('bob-put', user(s, 'bob')!.id, bucket, ['s3:PutObject'], 'home/bob/x'),
        edge('sandbox-read', role(s, 'SandboxAdmin')!.id, bucket, ['s3:GetObject'], 'q3.csv'),
        edge('carol-read', user(s, 'carol')!.id, bucket, ['s3:GetObject'], 'q3.csv'),
        edge('sandbox-policy', role(s, 'SandboxAdmin')!.id, 'sandbox-bucket', ['s3:PutBucketPolicy']),
      ],
    };
    const e = evaluateScenario(withEdges);
    // alice's group Admins has AWS managed ReadOnlyAccess (s3:Get*).
    expect(e.edges.get('alice-read')?.status).toBe('allowed');
    expect(e.edges.get('alice-read')?.summary).toContain('managed policy "ReadOnlyAccess" via group Admins');
    // bob's group allows PutObject (DevS3Access v2), but his boundary DevBoundary does not.
    expect(e.edges.get('bob-put')?.steps[0]?.verdict.reason).toBe('boundary-no-allow');
    // The bucket policy names SandboxAdmin, and its own inline policy allows s3:GetObject: both accounts agree.
    expect(e.edges.get('sandbox-read')?.status).toBe('allowed');
    expect(e.edges.get('carol-read')?.status).toBe('implicit-deny');
    // The Sandbox OU's SCP denies bucket policies there, whatever the role may do.
    expect(e.edges.get('sandbox-policy')?.status).toBe('explicit-deny');
    expect(e.edges.get('sandbox-policy')?.summary).toContain('SCP "DenySandboxBucketPolicies"');
  }, HEAVY_TEST_MS);
});

describe('bad input: each file gets a clear verdict and the rest is imported', () => {
  const good = fixture('444455556666.authorization-details.json');

  it('Given text that is not JSON, then it says where the JSON breaks', () => {
    const r = run([{ name: 'notes.txt', text: '{\n  "Roles": [1, 2,,]\n}' }, good]);
    expect(r.verdicts[0]).toMatchObject({ status: 'skipped' });
    expect(r.verdicts[0]?.notes[0]?.message).toMatch(/^This is not JSON \(line 2, column 18\)/);
    expect(r.scenario?.principals).toHaveLength(5);
  });

  it('Given JSON this app does not import, an empty file, or a file over the size limit, then each is skipped with the reason', () => {
    const r = run([{ name: 'package.json', text: '{"name": "x", "dependencies": {}}' }, { name: 'empty.json', text: '  ' }, { name: 'huge.json', text: '{}', bytes: 200 * 1024 * 1024 }, good]);
    expect(r.verdicts.map((v) => v.status)).toEqual(['skipped', 'skipped', 'skipped', 'partial']);
    expect(r.verdicts[0]?.notes[0]?.message).toMatch(/not a format this app imports/);
    expect(r.verdicts[1]?.notes[0]?.message).toBe('The file is empty.');
    expect(r.verdicts[2]?.notes[0]?.message).toMatch(/The file is 200.0 MB; files of at most 128 MB are imported/);
  });

  it('Given only files that import nothing, then there is no scenario and it says so', () => {
    const r = run([{ name: 'a.json', text: '[]' }]);
    expect(r.scenario).toBeUndefined();
    expect(r.failure).toBe('Nothing could be imported from the file.');
  });

  it('Given __proto__ keys and tags, markup in names, then nothing is polluted and the markup stays text', () => {
    const doc = {
      __proto__: { polluted: true },
      UserDetailList: [{ UserName: '<img src=x onerror=alert(1)>', Arn: 'arn:aws:iam::444455556666:user/<img src=x onerror=alert(1)>', Path: '/', UserPolicyList: [], Tags: [{ Key: '__proto__', Value: 'x' }, { Key: 'constructor', Value: 'c' }] }],
    };
    const text = JSON.stringify(doc).replace('{', '{"__proto__":{"polluted":true},');
    const r = run([{ name: 'hostile.json', text }]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const u = scenarioOf(r).principals[0];
    expect(u?.name).toBe('<img src=x onerror=alert(1)>');
    expect(u?.tags).toEqual({ constructor: 'c' });
    expect(messages(r, 'hostile.json')).toContain('warning $.UserDetailList[0].Tags[0]: A tag named __proto__ is skipped.');
  });

  it('Given a deeply nested document (a JSON bomb), then the file is skipped or read without crashing, and other files are imported', () => {
    const deep = `{"RoleDetailList":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const r = run([{ name: 'deep.json', text: deep }, good]);
    expect(r.scenario?.principals.length).toBeGreaterThan(0);
    expect(r.verdicts[0]?.status).not.toBe('imported');
  }, HEAVY_TEST_MS);

  it('Given a policy that is neither JSON nor URL-encoded JSON, and a role without an ARN, then just those are skipped, located', () => {
    const doc = {
      RoleDetailList: [
        { RoleName: 'Broken', Arn: 'arn:aws:iam::444455556666:role/Broken', Path: '/', AssumeRolePolicyDocument: '%7B%zz', RolePolicyList: [{ PolicyName: 'Bad', PolicyDocument: 'not json' }] },
        { RoleName: 'NoArn', Path: '/' },
      ],
    };
    const r = run([{ name: 'broken.json', text: JSON.stringify(doc) }]);
    expect(messages(r, 'broken.json')).toEqual(
      expect.arrayContaining([
        'error $.RoleDetailList[0].AssumeRolePolicyDocument: The trust policy of role Broken is not JSON (nor URL-encoded or escaped JSON); it is skipped.',
        'error $.RoleDetailList[0].RolePolicyList[0].PolicyDocument: The inline policy Bad of role Broken is not JSON (nor URL-encoded or escaped JSON); it is skipped.',
        'error $.RoleDetailList[1].Arn: This role has no IAM role ARN; it is skipped.',
      ]),
    );
    expect(role(scenarioOf(r), 'Broken')?.trustPolicy.Statement).toEqual([]);
  });
});
