import { describe, expect, it } from 'vitest';
import { HEAVY_TEST_MS } from '../../testing/timeouts';
import { caseSchema } from '../conformance/caseFormat';
import { caseRequest, caseWorld } from '../conformance/caseWorld';
import { evaluateRequest } from './evaluate';

/** A tiny world DSL over the conformance case format, so each rule reads as Given / When / Then. */
const A = '111111111111';
const B = '222222222222';
const allow = (Action: unknown, Resource: unknown = '*', extra: object = {}) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource, ...extra }] });
const deny = (Action: unknown, Resource: unknown = '*', extra: object = {}) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action, Resource, ...extra }] });
const grant = (Principal: unknown, Action: unknown, Resource: unknown, extra: object = {}) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal, Action, Resource, ...extra }],
});
const user = (account: string, name: string, identityPolicies: object[] = [], more: object = {}) => ({
  arn: `arn:aws:iam::${account}:user/${name}`, type: 'user', account, identityPolicies, ...more,
});
const role = (account: string, name: string, identityPolicies: object[], trustPolicy: object, more: object = {}) => ({
  arn: `arn:aws:iam::${account}:role/${name}`, type: 'role', account, identityPolicies, trustPolicy, ...more,
});
const session = (account: string, roleName: string, sessionName = 's') => ({
  arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`, type: 'assumed-role', account, roleArn: `arn:aws:iam::${account}:role/${roleName}`,
});
const bucket = (account: string, name: string, policy: object | null = null) => ({ arn: `arn:aws:s3:::${name}`, type: 's3-bucket', account, resourcePolicy: policy });

function decide(world: { principals?: object[]; resources?: object[]; organizations?: object[] }, principal: string, action: string, resource: string, context: Record<string, string> = {}, sessionPolicy?: object) {
  const c = caseSchema.parse({
    id: 't',
    principals: world.principals ?? [],
    resources: world.resources ?? [],
    organizations: world.organizations ?? [],
    request: { principal, action, resource, context, ...(sessionPolicy ? { sessionPolicy } : {}) },
    expected: 'allowed',
  });
  return evaluateRequest(caseWorld(c), caseRequest(c.request!), { trace: true });
}

const alice = `arn:aws:iam::${A}:user/alice`;
const obj = 'arn:aws:s3:::bucket-b/x.txt';

describe('single account', () => {
  it('Given only an identity policy that allows, when the user acts, then it is allowed by the identity policy', () => {
    const d = decide({ principals: [user(A, 'alice', [allow('s3:GetObject')])], resources: [bucket(A, 'bucket-b')] }, alice, 's3:GetObject', obj);
    expect(d.decision).toBe('allowed');
    expect(d.reason).toBe('allowed-identity');
    expect(d.deciding[0]?.source.kind).toBe('identity');
  });

  it('Given no policy at all, when the user acts, then it is implicitly denied', () => {
    const d = decide({ principals: [user(A, 'alice')], resources: [bucket(A, 'bucket-b')] }, alice, 's3:GetObject', obj);
    expect(d.decision).toBe('implicit-deny');
    expect(d.summary).toMatch(/^Denied/);
  });

  it('Given a bucket policy naming the user ARN, when the user has no identity policy, then the resource policy alone allows', () => {
    const d = decide({ principals: [user(A, 'alice')], resources: [bucket(A, 'bucket-b', grant({ AWS: alice }, 's3:GetObject', 'arn:aws:s3:::bucket-b/*'))] }, alice, 's3:GetObject', obj);
    expect(d.reason).toBe('allowed-resource');
  });

  it('Given a bucket policy naming only the account, when the user has no identity policy, then it is denied: an account grant delegates to IAM', () => {
    const d = decide({ principals: [user(A, 'alice')], resources: [bucket(A, 'bucket-b', grant({ AWS: A }, 's3:GetObject', 'arn:aws:s3:::bucket-b/*'))] }, alice, 's3:GetObject', obj);
    expect(d.reason).toBe('account-grant-needs-identity');
  });

  it('Given a bucket policy naming the user directly, when the user has a boundary that does not allow, then it is still allowed (same-account direct grant)', () => {
    const d = decide({
      principals: [user(A, 'alice', [], { permissionsBoundary: allow('ec2:*') })],
      resources: [bucket(A, 'bucket-b', grant({ AWS: alice }, 's3:GetObject', 'arn:aws:s3:::bucket-b/*'))],
    }, alice, 's3:GetObject', obj);
    expect(d.allowed).toBe(true);
  });

  it('Given a bucket policy naming the role ARN, when a session of the role has a session policy that does not allow, then it is denied', () => {
    const d = decide({
      principals: [role(A, 'R', [], grant({ AWS: A }, 'sts:AssumeRole', undefined)), session(A, 'R')],
      resources: [bucket(A, 'bucket-b', grant({ AWS: `arn:aws:iam::${A}:role/R` }, 's3:GetObject', 'arn:aws:s3:::bucket-b/*'))],
    }, `arn:aws:sts::${A}:assumed-role/R/s`, 's3:GetObject', obj, {}, allow('ec2:*'));
    expect(d.reason).toBe('session-no-allow');
  });

  it('Given a bucket policy naming the session ARN, when the session policy does not allow, then it is allowed (direct session grant)', () => {
    const d = decide({
      principals: [role(A, 'R', [], {}), session(A, 'R')],
      resources: [bucket(A, 'bucket-b', grant({ AWS: `arn:aws:sts::${A}:assumed-role/R/s` }, 's3:GetObject', 'arn:aws:s3:::bucket-b/*'))],
    }, `arn:aws:sts::${A}:assumed-role/R/s`, 's3:GetObject', obj, {}, allow('ec2:*'));
    expect(d.allowed).toBe(true);
  });

  it('Given the account root user, when it acts on its own account without any policy, then it is allowed', () => {
    const d = decide({ principals: [{ arn: `arn:aws:iam::${A}:root`, type: 'root', account: A }], resources: [bucket(A, 'bucket-b')] }, `arn:aws:iam::${A}:root`, 's3:PutObject', obj);
    expect(d.reason).toBe('allowed-root');
  });

  it('Given an identity Allow and a Deny in another identity policy, when the user acts, then the explicit deny wins', () => {
    const d = decide({ principals: [user(A, 'alice', [allow('s3:*'), deny('s3:GetObject')])], resources: [bucket(A, 'bucket-b')] }, alice, 's3:GetObject', obj);
    expect(d.decision).toBe('explicit-deny');
    expect(d.deciding[0]?.effect).toBe('Deny');
    expect(d.summary).toMatch(/explicit/i);
  });
});

describe('cross account', () => {
  it('Given a bucket policy admitting the user but no identity policy, when the user acts, then it is denied in the principal account', () => {
    const d = decide({ principals: [user(A, 'alice')], resources: [bucket(B, 'bucket-b', grant({ AWS: alice }, 's3:PutObject', 'arn:aws:s3:::bucket-b/*'))] }, alice, 's3:PutObject', obj);
    expect(d.reason).toBe('cross-account-identity-missing');
    expect(d.failedAccount).toBe(A);
    expect(d.crossAccount).toBe(true);
    expect(d.summary).toBe('Denied: a cross-account request also needs an identity policy in 111111111111 that allows s3:PutObject for alice.');
  });

  it('Given both sides allow, when the user acts, then it is allowed by both', () => {
    const d = decide({ principals: [user(A, 'alice', [allow('s3:PutObject')])], resources: [bucket(B, 'bucket-b', grant({ AWS: alice }, 's3:PutObject', 'arn:aws:s3:::bucket-b/*'))] }, alice, 's3:PutObject', obj);
    expect(d.reason).toBe('allowed-both');
    expect(d.deciding.map((r) => r.source.kind).sort()).toEqual(['identity', 'resource']);
  });

  it('Given an identity policy but no bucket policy, when the user acts, then the resource account denies', () => {
    const d = decide({ principals: [user(A, 'alice', [allow('s3:PutObject')])], resources: [bucket(B, 'bucket-b')] }, alice, 's3:PutObject', obj);
    expect(d.reason).toBe('resource-policy-no-allow');
    expect(d.failedAccount).toBe(B);
  });

  it('Given neither an identity policy in A nor a bucket policy in B that allows, when the user acts, then both accounts fail and the summary says neither allows it', () => {
    const d = decide({ principals: [user(A, 'alice')], resources: [bucket(B, 'bucket-b')] }, alice, 's3:PutObject', obj);
    expect(d.decision).toBe('implicit-deny');
    expect(d.reason).toBe('neither-account-allows');
    // The first failing stage, in AWS's order, is unchanged; every failing side is recorded.
    expect(d.failedStage).toBe('resource');
    expect(d.failedAccount).toBe(B);
    expect(d.failedSides).toEqual([
      { side: 'resource', account: B, stage: 'resource' },
      { side: 'principal', account: A, stage: 'identity' },
    ]);
    // A missing resource policy is no allow, not "does not apply", in a cross-account request.
    expect(d.stages.find((s) => s.stage === 'resource')?.outcome).toBe('no-allow');
    expect(d.summary).toBe(
      'Denied: neither account allows it — bucket-b in 222222222222 has no bucket policy to allow alice (111111111111) to s3:PutObject, and no identity policy in 111111111111 allows it for alice; a cross-account request needs both accounts to allow it.',
    );
  });

  it('Given a bucket policy in B that names someone else and a boundary in A that caps the identity policy, then the failing sides are the bucket policy and the boundary', () => {
    const d = decide({
      principals: [user(A, 'alice', [allow('s3:PutObject')], { permissionsBoundary: allow('ec2:*') })],
      resources: [bucket(B, 'bucket-b', grant({ AWS: `arn:aws:iam::${A}:user/bob` }, 's3:PutObject', 'arn:aws:s3:::bucket-b/*'))],
    }, alice, 's3:PutObject', obj);
    expect(d.reason).toBe('neither-account-allows');
    expect(d.failedSides?.map((f) => f.stage)).toEqual(['resource', 'boundary']);
    expect(d.summary).toContain('the bucket policy of bucket-b in 222222222222 does not allow alice (111111111111) to s3:PutObject, and the permissions boundary of alice does not allow it');
  });

  it('Given only one side fails, then one failing side is recorded and the reason names that side', () => {
    const d = decide({ principals: [user(A, 'alice', [allow('s3:PutObject')])], resources: [bucket(B, 'bucket-b')] }, alice, 's3:PutObject', obj);
    expect(d.failedSides).toEqual([{ side: 'resource', account: B, stage: 'resource' }]);
  });

  it('Given the seed delegation (account B granted s3:*; User2 read-only), when User2 writes, then it is denied; when it reads, allowed', () => {
    const world = {
      principals: [user(B, 'User2', [allow(['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::bucket-a', 'arn:aws:s3:::bucket-a/*'])])],
      resources: [bucket(A, 'bucket-a', grant({ AWS: `arn:aws:iam::${B}:root` }, 's3:*', ['arn:aws:s3:::bucket-a', 'arn:aws:s3:::bucket-a/*']))],
    };
    const u2 = `arn:aws:iam::${B}:user/User2`;
    expect(decide(world, u2, 's3:GetObject', 'arn:aws:s3:::bucket-a/k').allowed).toBe(true);
    expect(decide(world, u2, 's3:PutObject', 'arn:aws:s3:::bucket-a/k').reason).toBe('cross-account-identity-missing');
  });

  it('Given an account granted only List, when a user with s3:* acts, then it cannot exceed what the account was granted', () => {
    const world = {
      principals: [user(B, 'admin', [allow('s3:*')])],
      resources: [bucket(A, 'bucket-a', grant({ AWS: B }, 's3:ListBucket', 'arn:aws:s3:::bucket-a'))],
    };
    const who = `arn:aws:iam::${B}:user/admin`;
    expect(decide(world, who, 's3:ListBucket', 'arn:aws:s3:::bucket-a').allowed).toBe(true);
    expect(decide(world, who, 's3:GetObject', 'arn:aws:s3:::bucket-a/k').reason).toBe('resource-policy-no-allow');
  });
});

describe('trust policies and AssumeRole', () => {
  const trustAlice = grant({ AWS: alice }, 'sts:AssumeRole', undefined);
  it('Given a cross-account trust naming the user and an identity policy allowing sts:AssumeRole, when the user assumes, then it is allowed', () => {
    const d = decide({ principals: [user(A, 'alice', [allow('sts:AssumeRole')]), role(B, 'R', [], trustAlice)] }, alice, 'sts:AssumeRole', `arn:aws:iam::${B}:role/R`);
    expect(d.reason).toBe('allowed-both');
  });

  it('Given a trust that does not name the caller, when a same-account admin assumes, then the trust policy denies', () => {
    const d = decide({ principals: [user(A, 'bob', [allow('*')]), role(A, 'R', [], trustAlice)] }, `arn:aws:iam::${A}:user/bob`, 'sts:AssumeRole', `arn:aws:iam::${A}:role/R`);
    expect(d.reason).toBe('trust-no-allow');
    expect(d.summary).toMatch(/trust policy/);
  });

  it('Given a session of role R, when it reads a table, then it acts with the role policies only, not the caller\'s', () => {
    const world = {
      principals: [
        user(A, 'alice', [allow('*')]),
        role(B, 'R', [allow('s3:PutObject')], grant({ AWS: A }, 'sts:AssumeRole', undefined)),
        session(B, 'R', 'alice'),
      ],
    };
    const d = decide(world, `arn:aws:sts::${B}:assumed-role/R/alice`, 'dynamodb:Scan', `arn:aws:dynamodb:us-east-1:${A}:table/t`);
    expect(d.decision).toBe('implicit-deny');
    expect(d.request.principalType).toBe('assumed-role');
  });

  it('Given a service principal named in the trust policy, when EventBridge assumes the role, then it is allowed without identity policies', () => {
    const d = decide({ principals: [role(A, 'EB', [], grant({ Service: 'events.amazonaws.com' }, 'sts:AssumeRole', undefined))] }, 'events.amazonaws.com', 'sts:AssumeRole', `arn:aws:iam::${A}:role/EB`, { 'aws:PrincipalIsAWSService': 'true' });
    expect(d.reason).toBe('allowed-resource');
  });
});

describe('KMS key policies', () => {
  const key = (policy: object) => ({ arn: `arn:aws:kms:us-east-1:${A}:key/k1`, type: 'kms-key', account: A, resourcePolicy: policy });
  it('Given a key policy that does not mention the account, when an IAM admin of the same account decrypts, then it is denied', () => {
    const d = decide({ principals: [user(A, 'alice', [allow('kms:*')])], resources: [key(grant({ AWS: `arn:aws:iam::${A}:user/other` }, 'kms:*', '*'))] }, alice, 'kms:Decrypt', `arn:aws:kms:us-east-1:${A}:key/k1`);
    expect(d.reason).toBe('key-policy-no-allow');
  });
  it('Given a key policy naming the account root, when an IAM policy also allows, then it is allowed (IAM policies enabled)', () => {
    const d = decide({ principals: [user(A, 'alice', [allow('kms:Decrypt')])], resources: [key(grant({ AWS: `arn:aws:iam::${A}:root` }, 'kms:*', '*'))] }, alice, 'kms:Decrypt', `arn:aws:kms:us-east-1:${A}:key/k1`);
    expect(d.allowed).toBe(true);
  });
});

describe('organizations', () => {
  const full = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  const org = (scps: object[], rcps: object[] = []) => ({ id: 'o-aaaaaaaaaa', managementAccount: '999999999999', accounts: ['999999999999', A, B], scps, rcps });
  it('Given an SCP Deny at the root, when an administrator of a member account acts, then it is explicitly denied', () => {
    const d = decide({
      principals: [user(A, 'admin', [allow('*')])],
      resources: [bucket(A, 'bucket-b')],
      organizations: [org([{ name: 'Full', target: 'root', document: full }, { name: 'Full', target: A, document: full }, { name: 'NoS3Delete', target: 'root', document: deny('s3:DeleteObject') }])],
    }, `arn:aws:iam::${A}:user/admin`, 's3:DeleteObject', obj);
    expect(d.decision).toBe('explicit-deny');
    expect(d.deciding[0]?.source.kind).toBe('scp');
  });
  it('Given FullAWSAccess only at the root, when a member account acts, then the account level allows nothing: implicitly denied', () => {
    const d = decide({
      principals: [user(A, 'admin', [allow('*')])],
      resources: [bucket(A, 'bucket-b')],
      organizations: [org([{ name: 'Full', target: 'root', document: full }])],
    }, `arn:aws:iam::${A}:user/admin`, 's3:GetObject', obj);
    expect(d.reason).toBe('scp-no-allow');
    expect(d.stages.find((s) => s.stage === 'scp')?.levels?.map((l) => l.allowed)).toEqual([true, false]);
  });
  it('Given the management account, when its admin acts, then SCPs do not apply', () => {
    const d = decide({
      principals: [user('999999999999', 'admin', [allow('*')])],
      resources: [bucket('999999999999', 'mgmt')],
      organizations: [org([{ name: 'DenyAll', target: 'root', document: deny('*') }])],
    }, 'arn:aws:iam::999999999999:user/admin', 's3:GetObject', 'arn:aws:s3:::mgmt/x');
    expect(d.allowed).toBe(true);
    expect(d.stages.find((s) => s.stage === 'scp')?.outcome).toBe('not-applicable');
  });
});

describe('trace', () => {
  it('Given a traced evaluation, then every stage appears in AWS order with statement detail', () => {
    const d = decide({ principals: [user(A, 'alice', [allow('s3:GetObject', 'arn:aws:s3:::other/*')])], resources: [bucket(A, 'bucket-b')] }, alice, 's3:GetObject', obj);
    expect(d.stages.map((s) => s.stage)).toEqual(['explicit-deny', 'rcp', 'scp', 'resource', 'identity', 'boundary', 'session']);
    const st = d.stages.find((s) => s.stage === 'identity')?.policies[0]?.statements[0];
    expect(st?.action.matched).toBe(true);
    expect(st?.resource.matched).toBe(false);
  });
});

describe('organization policies: what they do not restrict', () => {
  const M = '999999999999';
  const full = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  const rcpFull = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };
  const org = (scps: object[], rcps: object[]) => ({
    id: 'o-exampleorg1',
    managementAccount: M,
    accounts: [M, A, B],
    scps: [{ name: 'FullAWSAccess', target: 'root', document: full }, { name: 'FullAWSAccess', target: A, document: full }, ...scps],
    rcps: rcps.length ? [{ name: 'RCPFullAWSAccess', target: 'root', document: rcpFull }, { name: 'RCPFullAWSAccess', target: A, document: rcpFull }, ...rcps] : [],
  });
  const denyAll = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] };
  const rcpDenyAll = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }] };
  const queue = { arn: `arn:aws:sqs:us-east-1:${A}:jobs`, type: 'sqs-queue', account: A, resourcePolicy: null };

  // Organizations: Service control policies — "SCPs don't affect service-linked roles".
  it('Given an SCP denying everything, when a service-linked role (path /aws-service-role/) acts, then the SCP does not apply', () => {
    const slrArn = `arn:aws:iam::${A}:role/aws-service-role/elasticmapreduce.amazonaws.com/AWSServiceRoleForEMR`;
    const d = decide(
      {
        principals: [{ arn: slrArn, type: 'role', account: A, identityPolicies: [allow('sqs:SendMessage')], trustPolicy: allow('sts:AssumeRole') }, { arn: `arn:aws:sts::${A}:assumed-role/AWSServiceRoleForEMR/emr`, type: 'assumed-role', account: A, roleArn: slrArn }],
        resources: [queue],
        organizations: [org([{ name: 'DenyAll', target: A, document: denyAll }], [{ name: 'DenyAll', target: A, document: rcpDenyAll }])],
      },
      `arn:aws:sts::${A}:assumed-role/AWSServiceRoleForEMR/emr`,
      'sqs:SendMessage',
      queue.arn,
    );
    expect(d.decision).toBe('allowed');
    expect(d.stages.find((s) => s.stage === 'scp')?.note).toMatch(/service-linked/);
    expect(d.stages.find((s) => s.stage === 'rcp')?.note).toMatch(/service-linked/);
  });

  // Organizations: Resource control policies — "RCPs do not impact the kms:RetireGrant permission".
  it('Given an RCP denying kms:*, when kms:RetireGrant is requested, then the RCP does not apply; kms:Decrypt is denied', () => {
    const keyArn = `arn:aws:kms:us-east-1:${A}:key/k1`;
    const world = {
      principals: [user(A, 'alice', [allow('kms:*')])],
      resources: [{ arn: keyArn, type: 'kms-key', account: A, resourcePolicy: grant({ AWS: `arn:aws:iam::${A}:root` }, 'kms:*', '*') }],
      organizations: [org([], [{ name: 'DenyKms', target: A, document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*' }] } }])],
    };
    expect(decide(world, alice, 'kms:RetireGrant', keyArn).decision).toBe('allowed');
    expect(decide(world, alice, 'kms:Decrypt', keyArn).decision).toBe('explicit-deny');
  });

  // Organizations: Resource control policies — "List of AWS services that support RCPs" (SNS is not listed).
  it('Given an RCP denying everything, when an SNS topic is published to, then the RCP does not apply; an SQS queue is denied', () => {
    const topicArn = `arn:aws:sns:us-east-1:${A}:alerts`;
    const world = {
      principals: [user(A, 'alice', [allow(['sns:Publish', 'sqs:SendMessage'])])],
      resources: [{ arn: topicArn, type: 'sns-topic', account: A, resourcePolicy: null }, queue],
      organizations: [org([], [{ name: 'DenyAll', target: A, document: rcpDenyAll }])],
    };
    expect(decide(world, alice, 'sns:Publish', topicArn).decision).toBe('allowed');
    expect(decide(world, alice, 'sqs:SendMessage', queue.arn).decision).toBe('explicit-deny');
  });

  // Organizations: Resource control policies — RCPs apply to every principal, service-linked roles excepted.
  it('Given an RCP denying everything, when events.amazonaws.com delivers to a queue that allows it, then the RCP still applies', () => {
    const world = {
      principals: [],
      resources: [{ ...queue, resourcePolicy: grant({ Service: 'events.amazonaws.com' }, 'sqs:SendMessage', '*') }],
      organizations: [org([], [{ name: 'DenyAll', target: A, document: rcpDenyAll }])],
    };
    const d = decide(world, 'events.amazonaws.com', 'sqs:SendMessage', queue.arn, { 'aws:PrincipalIsAWSService': 'true' });
    expect(d.decision).toBe('explicit-deny');
    expect(d.failedStage).toBe('rcp');
  });

  // Organizations: Resource control policies — "RCPs also do not impact AWS services' ability to assume a
  // service-linked role; that is, the service-linked role's trust policy is also not impacted by RCPs."
  describe('an AWS service assuming a role, under an RCP denying sts:AssumeRole', () => {
    const rcpDenySts = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Resource: '*' }] };
    const trustElb = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'elasticloadbalancing.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    const assume = (roleArn: string) => {
      const r = { arn: roleArn, type: 'role', account: A, identityPolicies: [], trustPolicy: trustElb };
      return decide(
        { principals: [r], resources: [{ arn: roleArn, type: 'iam-role', account: A, resourcePolicy: trustElb }], organizations: [org([], [{ name: 'DenySts', target: A, document: rcpDenySts }])] },
        'elasticloadbalancing.amazonaws.com',
        'sts:AssumeRole',
        roleArn,
        { 'aws:PrincipalIsAWSService': 'true', 'aws:PrincipalServiceName': 'elasticloadbalancing.amazonaws.com' },
      );
    };
    it('Given the role is service-linked (path /aws-service-role/), when the service assumes it, then the RCP does not apply', () => {
      const d = assume(`arn:aws:iam::${A}:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing`);
      expect(d.decision).toBe('allowed');
      expect(d.stages.find((s) => s.stage === 'rcp')?.note).toMatch(/service-linked role/);
    });
    it('Given an ordinary role with the same trust policy, when the service assumes it, then the RCP denies', () => {
      const d = assume(`arn:aws:iam::${A}:role/ElbHelper`);
      expect(d.decision).toBe('explicit-deny');
      expect(d.failedStage).toBe('rcp');
    });
  });
});

// IAM JSON policy elements: Resource — "If the * wildcard is the last character of a resource ARN segment, it
// can expand to match beyond the colon boundaries."
describe('the Resource element: a * that ends a segment', () => {
  const queueArn = `arn:aws:sqs:us-east-1:${A}:orders`;
  const queue = { arn: queueArn, type: 'sqs-queue', account: A, resourcePolicy: null };
  it('Given an identity policy on arn:aws:sqs:us-east-1:*, when the user sends to a queue in us-east-1, then it is allowed; in us-west-2 it is not', () => {
    const world = { principals: [user(A, 'alice', [allow('sqs:SendMessage', 'arn:aws:sqs:us-east-1:*')])], resources: [queue] };
    expect(decide(world, alice, 'sqs:SendMessage', queueArn).decision).toBe('allowed');
    expect(decide(world, alice, 'sqs:SendMessage', `arn:aws:sqs:us-west-2:${A}:orders`).decision).toBe('implicit-deny');
  });
  it('Given a Deny with NotResource arn:aws:sqs:us-east-1:*, when the queue is in us-east-1, then the Deny does not apply; in us-west-2 it denies', () => {
    const world = { principals: [user(A, 'alice', [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }, { Effect: 'Deny', Action: 'sqs:*', NotResource: 'arn:aws:sqs:us-east-1:*' }] }])], resources: [queue] };
    expect(decide(world, alice, 'sqs:SendMessage', queueArn).decision).toBe('allowed');
    expect(decide(world, alice, 'sqs:SendMessage', `arn:aws:sqs:us-west-2:${A}:orders`).decision).toBe('explicit-deny');
  });
});

// API Gateway resource policy examples — "you can specify the resource execute-api:/stage-name/GET/pets in a
// resource policy. API Gateway converts the resource to arn:aws:execute-api:us-east-2:123456789012:aabbccddee/…"
describe('API Gateway: the execute-api:/ shorthand in an API resource policy', () => {
  const method = `arn:aws:execute-api:us-east-1:${A}:a1b2c3d4e5/prod/GET/pets`;
  const bob = `arn:aws:iam::${B}:user/bob`;
  const api = (Resource: string) => ({ arn: method, type: 'apigateway-rest-api', account: A, resourcePolicy: grant({ AWS: `arn:aws:iam::${B}:root` }, 'execute-api:Invoke', Resource) });
  const world = (Resource: string) => ({ principals: [user(B, 'bob', [allow('execute-api:Invoke', `arn:aws:execute-api:us-east-1:${A}:a1b2c3d4e5/*`)])], resources: [api(Resource)] });
  it('Given execute-api:/* granting account B, when B\'s user invokes GET /pets, then the API policy matches (both sides allow)', () => {
    const d = decide(world('execute-api:/*'), bob, 'execute-api:Invoke', method);
    expect(d.decision).toBe('allowed');
    expect(d.stages.find((s) => s.stage === 'resource')?.policies[0]?.statements[0]?.resource.pattern).toBe(`arn:aws:execute-api:us-east-1:${A}:a1b2c3d4e5/*`);
  });
  it('Given execute-api:/prod/POST/* instead, when B\'s user invokes GET /pets, then nothing in the API policy matches', () => {
    expect(decide(world('execute-api:/prod/POST/*'), bob, 'execute-api:Invoke', method).reason).toBe('resource-policy-no-allow');
  });
  it('Given the same shorthand in an SQS queue policy, then it is not expanded and matches nothing', () => {
    const queueArn = `arn:aws:sqs:us-east-1:${A}:q`;
    const d = decide(
      { principals: [user(B, 'bob', [allow('sqs:SendMessage')])], resources: [{ arn: queueArn, type: 'sqs-queue', account: A, resourcePolicy: grant({ AWS: `arn:aws:iam::${B}:root` }, 'sqs:SendMessage', 'execute-api:/*') }] },
      bob,
      'sqs:SendMessage',
      queueArn,
    );
    expect(d.reason).toBe('resource-policy-no-allow');
  });
});

describe('a wildcard principal in the same account', () => {
  // IAM JSON policy elements: Principal — IAM role principals: "permissions boundaries or session policies do
  // not limit permissions granted using the aws:PrincipalArn condition key with a wildcard(*) in the Principal
  // element, unless the identity-based policies contain an explicit deny".
  const roleArn = `arn:aws:iam::${A}:role/Writer`;
  const sessionArn = `arn:aws:sts::${A}:assumed-role/Writer/w`;
  const world = (identity: object[]) => ({
    principals: [role(A, 'Writer', identity, allow('sts:AssumeRole'), { permissionsBoundary: allow('s3:GetObject') }), session(A, 'Writer', 'w')],
    resources: [bucket(A, 'bucket-b', grant('*', 's3:PutObject', 'arn:aws:s3:::bucket-b/*', { Condition: { ArnEquals: { 'aws:PrincipalArn': roleArn } } }))],
  });
  it('Given Principal "*" narrowed by aws:PrincipalArn, when the role session writes despite its boundary and session policy, then it is allowed', () => {
    const d = decide(world([]), sessionArn, 's3:PutObject', obj, { 'aws:PrincipalArn': roleArn }, allow('s3:GetObject'));
    expect(d.decision).toBe('allowed');
    expect(d.stages.find((s) => s.stage === 'resource')?.principalMatch).toBe('wildcard');
  });
  it('Given the same grant, when the role\'s identity policy denies the action explicitly, then it is denied', () => {
    expect(decide(world([deny('s3:PutObject')]), sessionArn, 's3:PutObject', obj, { 'aws:PrincipalArn': roleArn }).decision).toBe('explicit-deny');
  });
});

describe('one-sentence summaries', () => {
  it('Given a bucket policy that admits the user, when the user writes an object, then the policy is named after the bucket and the object path only as the request resource', () => {
    const d = decide({ principals: [user(A, 'alice', [allow('s3:PutObject')])], resources: [bucket(B, 'bucket-b', grant({ AWS: alice }, 's3:PutObject', 'arn:aws:s3:::bucket-b/*'))] }, alice, 's3:PutObject', 'arn:aws:s3:::bucket-b/reports/out.csv');
    expect(d.summary).toBe('Allowed: both accounts agree — an identity policy in 111111111111 allows s3:PutObject and the bucket policy of bucket-b in 222222222222 admits alice (111111111111) to bucket-b/reports/out.csv.');
    expect(d.stages.find((s) => s.stage === 'resource')?.title).toBe('Bucket policy of bucket-b');
    expect(d.request.resourceLabel).toBe('bucket-b/reports/out.csv');
  });

  it('Given an API resource policy, when a method is invoked across accounts without a grant, then the policy is named after the API', () => {
    const api = { arn: `arn:aws:execute-api:us-east-1:${B}:a1b2c3d4e5`, type: 'apigateway-rest-api', account: B, resourcePolicy: grant({ AWS: `arn:aws:iam::${A}:user/bob` }, 'execute-api:Invoke', '*') };
    const d = decide({ principals: [user(A, 'alice', [allow('execute-api:Invoke')])], resources: [api] }, alice, 'execute-api:Invoke', `${api.arn}/prod/POST/orders`);
    expect(d.reason).toBe('resource-policy-no-allow');
    expect(d.summary).toContain('of a1b2c3d4e5 in 222222222222');
    expect(d.summary).not.toContain('a1b2c3d4e5/prod');
    expect(d.stages.find((s) => s.stage === 'resource')?.title).toMatch(/ of a1b2c3d4e5$/);
  });

  it('Given a statement for the service principal whose aws:SourceArn condition fails, then the summary says that statement does not apply and why, not "add a statement"', () => {
    const queue = `arn:aws:sqs:us-east-1:${A}:orders`;
    const own = `arn:aws:events:us-east-1:${A}:rule/orders-to-queue`;
    const other = `arn:aws:events:us-east-1:${B}:rule/harvest`;
    const policy = { Version: '2012-10-17', Statement: [{ Sid: 'ForOurRuleOnly', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: queue, Condition: { ArnEquals: { 'aws:SourceArn': own } } }] };
    const d = decide({ resources: [{ arn: queue, type: 'sqs-queue', account: A, resourcePolicy: policy }] }, 'events.amazonaws.com', 'sqs:SendMessage', queue, { 'aws:SourceArn': other });
    expect(d.reason).toBe('service-not-allowed');
    expect(d.summary).toBe(`Denied: the queue policy's statement "ForOurRuleOnly" for events.amazonaws.com does not apply: aws:SourceArn is ${other}, the policy requires ${own}.`);
    expect(d.summary).not.toMatch(/add a statement/);
  });

  it('Given a trust policy whose statement for the caller requires an external id the call does not pass, then the summary names the missing key', () => {
    const trust = grant({ AWS: alice }, 'sts:AssumeRole', undefined, { Sid: 'PartnerOnly', Condition: { StringEquals: { 'sts:ExternalId': 'x-123' } } });
    const d = decide({ principals: [user(A, 'alice', [allow('sts:AssumeRole')]), role(B, 'R', [], trust)] }, alice, 'sts:AssumeRole', `arn:aws:iam::${B}:role/R`);
    expect(d.reason).toBe('trust-no-allow');
    expect(d.summary).toBe('Denied: the trust policy\'s statement "PartnerOnly" for alice (111111111111) does not apply: sts:ExternalId is absent from the request, the policy requires x-123.');
  });

  it('Given no statement names the service principal, then the summary still says to add one scoped with aws:SourceArn', () => {
    const queue = `arn:aws:sqs:us-east-1:${A}:orders`;
    const d = decide({ resources: [{ arn: queue, type: 'sqs-queue', account: A, resourcePolicy: grant({ AWS: alice }, 'sqs:SendMessage', queue) }] }, 'events.amazonaws.com', 'sqs:SendMessage', queue);
    expect(d.summary).toMatch(/add a statement for the service principal, scoped with aws:SourceArn/);
  });

  it('Given thousands of generated requests, then every denial says in one sentence what would have to change', async () => {
    const { generateCases } = await import('../differential/generate');
    const seen = new Set<string>();
    for (const raw of generateCases(11, 3000)) {
      const c = caseSchema.parse(raw);
      const d = evaluateRequest(caseWorld(c), caseRequest(c.request!));
      if (d.allowed) continue;
      seen.add(d.reason);
      expect(d.summary, d.reason).toMatch(/^Denied/);
      expect(d.summary, d.reason).toMatch(/\b(must|needs|requires|add|choose|remove|narrow)\b/);
      // One sentence: no sentence break inside.
      expect(d.summary.slice(0, -1), d.reason).not.toMatch(/\.\s+[A-Z]/);
    }
    expect(seen.size).toBeGreaterThanOrEqual(8);
  }, HEAVY_TEST_MS);
});

describe('the root user and AssumeRole', () => {
  // IAM: Switch to an IAM role (AWS API) — "You cannot call AssumeRole with the access key for the root account."
  it('Given a trust policy naming account B, when B\'s root user calls sts:AssumeRole, then it is denied and the summary says to use a user or role', () => {
    const roleArn = `arn:aws:iam::${A}:role/Shared`;
    const d = decide(
      { principals: [{ arn: `arn:aws:iam::${B}:root`, type: 'root', account: B }, role(A, 'Shared', [], grant({ AWS: B }, 'sts:AssumeRole', undefined as unknown as string))], resources: [] },
      `arn:aws:iam::${B}:root`,
      'sts:AssumeRole',
      roleArn,
    );
    expect(d.decision).toBe('implicit-deny');
    expect(d.reason).toBe('root-cannot-assume-role');
    expect(d.summary).toMatch(/cannot assume a role .* user or role/);
  });
});

describe('stage outcomes made when first read', () => {
  const w = {
    principals: [user(A, 'alice', [allow('s3:GetObject')], { permissionsBoundary: allow('s3:*') })],
    resources: [bucket(B, 'bucket-b', grant({ AWS: alice }, 's3:GetObject', 'arn:aws:s3:::bucket-b/*'))],
  };
  const undecided = () => {
    const c = caseSchema.parse({ id: 't', principals: w.principals, resources: w.resources, organizations: [], request: { principal: alice, action: 's3:GetObject', resource: obj, context: {} }, expected: 'allowed' });
    return evaluateRequest(caseWorld(c), caseRequest(c.request!));
  };
  const outcomes = (stages: readonly { stage: string; outcome: string; title: string; note?: string }[]) => stages.map((s) => `${s.stage} ${s.outcome} ${s.title} ${s.note ?? ''}`);

  it('Given a decision, when its stages are read, then they are those of the traced decision, in AWS\'s order', () => {
    const d = undecided();
    const traced = decide(w, alice, 's3:GetObject', obj);
    expect(outcomes(d.stages)).toEqual(outcomes(traced.stages));
    expect(d.stages.map((s) => s.stage)).toEqual(['explicit-deny', 'rcp', 'scp', 'resource', 'identity', 'boundary', 'session']);
    expect(d.stages).toBe(d.stages);
  });

  it('Given a decision, when it is spread, serialized or compared, then its stages come along as data', () => {
    const d = undecided();
    const copy = { ...d };
    expect(Object.getOwnPropertyDescriptor(copy, 'stages')?.value).toHaveLength(7);
    expect(JSON.parse(JSON.stringify(d)).stages).toHaveLength(7);
    expect(structuredClone(d).stages).toHaveLength(7);
    expect(Object.keys(d)).toEqual(['decision', 'allowed', 'reason', 'crossAccount', 'deciding', 'stages', 'request', 'summary']);
    expect(d).toEqual(undecided());
  });
});

describe('rules outside the policy documents', () => {
  const org = (scps: object[]) => ({ id: 'o-exampleorg1', managementAccount: '999999999999', accounts: ['999999999999', A, B], scps, rcps: [] });
  const full = { name: 'FullAWSAccess', target: 'root', document: allow('*') };

  // AWS STS API Reference: GetCallerIdentity — "No permissions are required to perform this operation. If an
  // administrator attaches a policy to your identity that explicitly denies access to the sts:GetCallerIdentity
  // action, you can still perform this operation."
  it('Given an identity policy that denies sts:GetCallerIdentity, when the user calls it, then it is allowed: it needs no permission, and the trace says so in a gate note', () => {
    const d = decide({ principals: [user(A, 'alice', [deny('sts:GetCallerIdentity')])] }, alice, 'sts:GetCallerIdentity', '*');
    expect(d.decision).toBe('allowed');
    expect(d.reason).toBe('allowed-no-permission-needed');
    expect(d.deciding).toEqual([]);
    expect(d.stages[0]).toMatchObject({ stage: 'aws-rule', outcome: 'allow', side: 'principal' });
    expect(d.stages[0]?.note).toContain('No permissions are required');
    // Every policy stage is shown as not consulted, and the Deny is said to have no effect.
    expect(d.stages.slice(1).every((s) => s.outcome === 'not-applicable')).toBe(true);
    expect(d.stages.find((s) => s.stage === 'explicit-deny')?.note).toMatch(/1 Deny statement\(s\) match .* no effect/);
    expect(d.summary).toMatch(/^Allowed: sts:GetCallerIdentity needs no permission/);
  });

  it('Given no policy at all and an SCP that denies it, when a user calls sts:GetCallerIdentity, then it is still allowed', () => {
    const d = decide({ principals: [user(A, 'alice')], organizations: [org([full, { name: 'DenySts', target: A, document: deny('sts:*') }])] }, alice, 'sts:GetCallerIdentity', '*');
    expect(d.reason).toBe('allowed-no-permission-needed');
  });

  it('Given a user without permissions, when it calls sts:GetSessionToken (an STS call that is not exempt), then it is denied as usual', () => {
    const d = decide({ principals: [user(A, 'alice')] }, alice, 'sts:GetSessionToken', '*');
    expect(d.decision).toBe('implicit-deny');
    expect(d.stages.some((s) => s.stage === 'aws-rule')).toBe(false);
  });

  // IAM API Reference: UnmodifiableEntity — "service-linked roles are protected AWS resources. Only the service
  // that depends on the service-linked role can modify or delete the role on your behalf."
  const slr = `arn:aws:iam::${A}:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk`;
  it('Given an administrator allowed iam:*, when it deletes a service-linked role with iam:DeleteRole, then AWS refuses it: a distinct reason at the aws-rule stage, not a policy denial', () => {
    const d = decide({ principals: [user(A, 'alice', [allow('iam:*')])] }, alice, 'iam:DeleteRole', slr);
    expect(d.decision).toBe('implicit-deny');
    expect(d.reason).toBe('service-linked-role-protected');
    expect(d.failedStage).toBe('aws-rule');
    expect(d.failedSides).toEqual([{ side: 'resource', account: A, stage: 'aws-rule' }]);
    expect(d.stages[0]).toMatchObject({ stage: 'aws-rule', outcome: 'deny', side: 'resource' });
    // The policies are still shown as they are: the identity policy does allow.
    expect(d.stages.find((s) => s.stage === 'identity')?.outcome).toBe('allow');
    expect(d.summary).toMatch(/^Refused by AWS: AWSServiceRoleForElasticBeanstalk is a service-linked role/);
  });

  it.each(['iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:DeleteRolePolicy', 'iam:PutRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary'])('Given iam:* allowed, when %s is called on a service-linked role, then AWS refuses it', (action) => {
    expect(decide({ principals: [user(A, 'alice', [allow('iam:*')])] }, alice, action, slr).reason).toBe('service-linked-role-protected');
  });

  it('Given iam:* allowed, when the description of a service-linked role is edited or the role is deleted through iam:DeleteServiceLinkedRole, then the policies decide as usual', () => {
    // IAM User Guide: Update a service-linked role — "You can edit the description of any role".
    expect(decide({ principals: [user(A, 'alice', [allow('iam:*')])] }, alice, 'iam:UpdateRoleDescription', slr).reason).toBe('allowed-identity');
    expect(decide({ principals: [user(A, 'alice', [allow('iam:*')])] }, alice, 'iam:DeleteServiceLinkedRole', slr).reason).toBe('allowed-identity');
  });

  it('Given iam:* allowed, when an ordinary role (even one named like a service role) is deleted, then it is allowed', () => {
    expect(decide({ principals: [user(A, 'alice', [allow('iam:*')])] }, alice, 'iam:DeleteRole', `arn:aws:iam::${A}:role/service-role/AWSServiceRoleForX`).reason).toBe('allowed-identity');
  });

  it('Given an explicit Deny as well, when a service-linked role is deleted, then the Deny decides (AWS authorizes first) and the explanation says AWS would refuse it anyway', () => {
    const d = decide({ principals: [user(A, 'alice', [allow('iam:*'), deny('iam:DeleteRole')])] }, alice, 'iam:DeleteRole', slr);
    expect(d.reason).toBe('explicit-deny');
    expect(d.stages.some((s) => s.stage === 'aws-rule')).toBe(false);
    expect(d.summary).toMatch(/even without it AWS refuses iam:DeleteRole/);
    expect(d.stages.find((s) => s.stage === 'explicit-deny')?.note).toMatch(/Even without them, AWS refuses/);
  });

  // IAM User Guide: Managed policies and inline policies — "You cannot change the permissions defined in AWS managed policies."
  it.each(['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicyVersion', 'iam:DeletePolicy'])('Given iam:* allowed, when %s is called on an AWS managed policy, then AWS refuses it', (action) => {
    const d = decide({ principals: [user(A, 'alice', [allow('iam:*')])] }, alice, action, 'arn:aws:iam::aws:policy/ReadOnlyAccess');
    expect(d.reason).toBe('aws-managed-policy-protected');
    expect(d.summary).toMatch(/ReadOnlyAccess is an AWS managed policy/);
  });

  it('Given iam:* allowed, when a new version of a customer managed policy is created, then it is allowed', () => {
    expect(decide({ principals: [user(A, 'alice', [allow('iam:*')])] }, alice, 'iam:CreatePolicyVersion', `arn:aws:iam::${A}:policy/Mine`).reason).toBe('allowed-identity');
  });

  // AWS KMS Developer Guide: Create aliases — "The alias/aws/ prefix is reserved for AWS managed key."
  it.each(['kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias'])('Given kms:* allowed, when %s is called on an alias/aws/ alias, then AWS refuses it; on another alias the IAM policy allows it', (action) => {
    const refused = decide({ principals: [user(A, 'alice', [allow('kms:*')])] }, alice, action, `arn:aws:kms:us-east-1:${A}:alias/aws/s3`);
    expect(refused.reason).toBe('aws-managed-alias-reserved');
    expect(refused.summary).toMatch(/on alias\/aws\/s3/);
    // An alias has no key policy: its own permission comes from IAM policies (KMS: Controlling access to aliases).
    expect(decide({ principals: [user(A, 'alice', [allow('kms:*')])] }, alice, action, `arn:aws:kms:us-east-1:${A}:alias/aws-backups`).reason).toBe('allowed-identity');
  });
});

describe('a Principal written as a plain string', () => {
  // IAM User Guide: Grammar of the IAM JSON policy language — <principal_block> = ("Principal" | "NotPrincipal") : ("*" | <principal_map>)
  const stringGrant = { Version: '2012-10-17', Statement: [{ Sid: 'ForAlice', Effect: 'Allow', Principal: `arn:aws:iam::${A}:user/alice`, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket-b/*' }] };

  it('Given a bucket in B whose statement names alice as a plain string, when she reads, then it is denied and the explanation says the statement names no one, with the object form', () => {
    const d = decide({ principals: [user(A, 'alice', [allow('s3:GetObject')])], resources: [bucket(B, 'bucket-b', stringGrant)] }, alice, 's3:GetObject', obj);
    expect(d.decision).toBe('implicit-deny');
    expect(d.reason).toBe('resource-policy-no-allow');
    expect(d.summary).toContain(`statement "ForAlice" names no one: its Principal is "arn:aws:iam::${A}:user/alice", and only "*" may be written as a plain string — it must be { "AWS": "arn:aws:iam::${A}:user/alice" }`);
    const st = d.stages.find((s) => s.stage === 'resource')?.policies[0]?.statements[0];
    expect(st?.principal).toEqual({ matched: false, negated: false, malformed: `"arn:aws:iam::${A}:user/alice"` });
  });

  it('Given the same statement in the object form, when she reads, then it is allowed (the string form was the only fault)', () => {
    const objectGrant = { ...stringGrant, Statement: [{ ...stringGrant.Statement[0], Principal: { AWS: alice } }] };
    expect(decide({ principals: [user(A, 'alice', [allow('s3:GetObject')])], resources: [bucket(B, 'bucket-b', objectGrant)] }, alice, 's3:GetObject', obj).allowed).toBe(true);
  });

  it('Given a string-principal statement for another action, then the summary does not mention it', () => {
    const d = decide({ principals: [user(A, 'alice', [allow('s3:PutObject')])], resources: [bucket(B, 'bucket-b', stringGrant)] }, alice, 's3:PutObject', obj);
    expect(d.summary).not.toContain('names no one');
  });
});
