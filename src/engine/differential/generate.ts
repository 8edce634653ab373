/**
 * A seeded generator of valid IAM requests in the conformance case format (shared/conformance/FORMAT.md),
 * for the differential test and the benchmark. Deterministic for a seed.
 */

type Json = Record<string, unknown>;

/** mulberry32: a small, fast, seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const MGMT = '999999999999';
const ORG = 'o-exampleorg1';
const IN_ORG = new Set([A, B, MGMT]);

interface ResourceSpec {
  readonly type: string;
  readonly service: string;
  readonly actions: readonly string[];
  readonly arn: (account: string) => string;
  /** The ARN written in policies that cover the resource. */
  readonly pattern: (account: string) => string;
}

const RESOURCES: readonly ResourceSpec[] = [
  { type: 's3-object', service: 's3', actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], arn: (a) => `arn:aws:s3:::bucket-${a}/data/x.txt`, pattern: (a) => `arn:aws:s3:::bucket-${a}/*` },
  { type: 'sqs-queue', service: 'sqs', actions: ['sqs:SendMessage', 'sqs:ReceiveMessage'], arn: (a) => `arn:aws:sqs:us-east-1:${a}:jobs`, pattern: (a) => `arn:aws:sqs:us-east-1:${a}:*` },
  { type: 'sns-topic', service: 'sns', actions: ['sns:Publish', 'sns:Subscribe'], arn: (a) => `arn:aws:sns:us-east-1:${a}:alerts`, pattern: (a) => `arn:aws:sns:*:${a}:alerts` },
  { type: 'lambda-function', service: 'lambda', actions: ['lambda:InvokeFunction', 'lambda:GetFunction'], arn: (a) => `arn:aws:lambda:us-east-1:${a}:function:handler`, pattern: (a) => `arn:aws:lambda:us-east-1:${a}:function:*` },
  { type: 'kms-key', service: 'kms', actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:DescribeKey'], arn: (a) => `arn:aws:kms:us-east-1:${a}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, pattern: (a) => `arn:aws:kms:us-east-1:${a}:key/*` },
  { type: 'iam-role', service: 'sts', actions: ['sts:AssumeRole'], arn: (a) => `arn:aws:iam::${a}:role/TargetRole`, pattern: (a) => `arn:aws:iam::${a}:role/*` },
  { type: 'dynamodb-table', service: 'dynamodb', actions: ['dynamodb:GetItem', 'dynamodb:Scan'], arn: (a) => `arn:aws:dynamodb:us-east-1:${a}:table/Orders`, pattern: (a) => `arn:aws:dynamodb:us-east-1:${a}:table/*` },
];

export type Kind = 'user' | 'session' | 'root' | 'service';

/** Builds cases; each is one request in its own small world. */
export function generateCases(seed: number, count: number): Json[] {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const chance = (p: number): boolean => rnd() < p;
  const cases: Json[] = [];
  for (let i = 0; i < count; i++) cases.push(generateCase(i, pick, chance, BASE));
  return cases;
}

/**
 * Rule families the base mix rarely or never reaches, each a request mix of its own (the same generator,
 * bent by a `Shape`). They are where an independent evaluator is most likely to read AWS differently, so
 * the differential test runs them too and every divergence they show must fall in a documented class.
 */
export const FAMILIES = [
  'kms-operations',
  'service-linked-role',
  'rcp-exemptions',
  'service-linked-role-trust',
  'no-version',
  'absent-key-set-operators',
  'negated-missing-variable',
  'arn-wildcard-segments',
  'execute-api-shorthand',
  'get-caller-identity',
  'aws-refusals',
  'wildcard-principal',
] as const;
export type Family = (typeof FAMILIES)[number];

/**
 * Builds `count` cases of the families, in turn (case `i` is of family `FAMILIES[i % FAMILIES.length]`, its id
 * `fam-FAMILY-i`). Deterministic for a seed; the base mix (`generateCases`) is unchanged by them.
 */
export function generateFamilyCases(seed: number, count: number, families: readonly Family[] = FAMILIES): Json[] {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const chance = (p: number): boolean => rnd() < p;
  const cases: Json[] = [];
  for (let i = 0; i < count; i++) {
    const family = families[i % families.length] as Family;
    const c = generateCase(i, pick, chance, SHAPES[family]);
    cases.push({ ...c, id: `fam-${family}-${i}`, tags: [family] });
  }
  return cases;
}

/** What a shape's functions may read of the case being built. */
interface Drawn {
  readonly res: ResourceSpec;
  readonly action: string;
  readonly resourceArn: string;
  readonly pAccount: string | undefined;
  readonly rAccount: string;
  readonly userArn: string;
  readonly roleArn: string;
  readonly sessionArn: string;
  readonly rootArn: string;
}

/**
 * How a family bends the base mix. Every field is optional; the base mix has none, and the generator then
 * draws exactly what it always drew (so a seed's base cases never change).
 */
interface Shape {
  readonly kinds?: readonly Kind[];
  readonly resources?: readonly ResourceSpec[];
  /** The resource is in the principal's account. */
  readonly sameAccount?: boolean;
  /** Accounts the resource may be in (else A, B or C). */
  readonly resourceAccounts?: readonly string[];
  /** A session's role is a service-linked role (path /aws-service-role/). */
  readonly serviceLinkedRole?: boolean;
  /** Conditions added to the base list, and how often a statement has one (base 0.35). */
  readonly conditions?: (d: Drawn) => readonly Json[];
  readonly conditionChance?: number;
  /** Resource elements drawn instead of the base ones, most of the time (for a resource policy's statement or another's). */
  readonly resourceElements?: (d: Drawn, inResourcePolicy: boolean) => readonly Json[];
  /** Principal elements drawn instead of the base ones. */
  readonly principalElements?: (d: Drawn) => readonly unknown[];
  /** The Version every identity, resource, boundary and session policy is written with (undefined: none). */
  readonly versions?: readonly (string | undefined)[];
  readonly boundaryChance?: number;
  readonly sessionPolicyChance?: number;
  readonly scpDenyChance?: number;
  /** RCPs in the organization (base 0.3), and the perimeter Deny on every service, not only s3/sqs/kms/sts. */
  readonly rcpChance?: number;
  readonly perimeterEverywhere?: boolean;
  /** Extra keys of the request context (multivalued tag keys, say). */
  readonly extraContext?: (d: Drawn, pick: <T>(list: readonly T[]) => T, chance: (p: number) => boolean) => Record<string, string | string[]>;
}

const BASE: Shape = {};

// --- family resources ------------------------------------------------------------------------------
const KMS_OPERATIONS: ResourceSpec = {
  type: 'kms-key',
  service: 'kms',
  // Operations KMS allows across accounts and operations it does not (KMS: Allowing users in other accounts
  // to use a KMS key), mixed.
  actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:Sign', 'kms:CreateGrant', 'kms:RetireGrant', 'kms:RevokeGrant', 'kms:ListGrants', 'kms:GetPublicKey', 'kms:GetKeyRotationStatus', 'kms:DescribeKey', 'kms:PutKeyPolicy', 'kms:GetKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:EnableKeyRotation', 'kms:TagResource', 'kms:DisableKey'],
  arn: (a) => `arn:aws:kms:us-east-1:${a}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  pattern: (a) => `arn:aws:kms:us-east-1:${a}:key/*`,
};
const KMS_RETIRE: ResourceSpec = { ...KMS_OPERATIONS, actions: ['kms:RetireGrant', 'kms:RetireGrant', 'kms:Decrypt'] };
const SNS = RESOURCES[2] as ResourceSpec;
const LAMBDA = RESOURCES[3] as ResourceSpec;
const SQS = RESOURCES[1] as ResourceSpec;
const S3_OBJECT = RESOURCES[0] as ResourceSpec;
const DYNAMODB = RESOURCES[6] as ResourceSpec;
/** A service-linked role as the resource of sts:AssumeRole (its trust policy; RCPs never restrict it). */
const SLR_TRUST: ResourceSpec = {
  type: 'iam-role',
  service: 'sts',
  actions: ['sts:AssumeRole'],
  arn: (a) => `arn:aws:iam::${a}:role/aws-service-role/events.amazonaws.com/AWSServiceRoleForOps`,
  pattern: (a) => `arn:aws:iam::${a}:role/*`,
};
const API: ResourceSpec = {
  type: 'apigateway-rest-api',
  service: 'execute-api',
  actions: ['execute-api:Invoke'],
  arn: (a) => `arn:aws:execute-api:us-east-1:${a}:a1b2c3d4e5/prod/GET/orders`,
  pattern: (a) => `arn:aws:execute-api:us-east-1:${a}:a1b2c3d4e5/*`,
};
/** sts:GetCallerIdentity has no resource: the request's resource is "*" and no resource is described. */
const CALLER: ResourceSpec = { type: 'none', service: 'sts', actions: ['sts:GetCallerIdentity'], arn: () => '*', pattern: () => '*' };
/** Resources AWS protects from changes whatever the policies say (and a few calls on them it allows). */
const SLR_ADMIN: ResourceSpec = {
  type: 'none',
  service: 'iam',
  actions: ['iam:DeleteRole', 'iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:DeleteRolePolicy', 'iam:PutRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary', 'iam:GetRole', 'iam:UpdateRoleDescription'],
  arn: (a) => `arn:aws:iam::${a}:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk`,
  pattern: (a) => `arn:aws:iam::${a}:role/*`,
};
const MANAGED_POLICY: ResourceSpec = {
  type: 'none',
  service: 'iam',
  actions: ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicyVersion', 'iam:DeletePolicy'],
  arn: () => 'arn:aws:iam::aws:policy/ReadOnlyAccess',
  pattern: () => 'arn:aws:iam::aws:policy/*',
};
const ALIAS: ResourceSpec = {
  type: 'none',
  service: 'kms',
  actions: ['kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias'],
  arn: (a) => `arn:aws:kms:us-east-1:${a}:alias/aws/s3`,
  pattern: (a) => `arn:aws:kms:us-east-1:${a}:alias/*`,
};
const OWN_ALIAS: ResourceSpec = { ...ALIAS, arn: (a) => `arn:aws:kms:us-east-1:${a}:alias/app-key` };

/** A policy variable whose key is never in the request (no principal has a "dept" tag). */
const MISSING = '${aws:PrincipalTag/dept}';

const SHAPES: Record<Family, Shape> = {
  'kms-operations': { resources: [KMS_OPERATIONS] },
  'service-linked-role': { kinds: ['session'], serviceLinkedRole: true, scpDenyChance: 0.6, rcpChance: 0.7 },
  'rcp-exemptions': {
    resources: [KMS_RETIRE, SNS, LAMBDA, SQS],
    resourceAccounts: [A, B, MGMT],
    rcpChance: 1,
    perimeterEverywhere: true,
  },
  // A service assuming its service-linked role (only the service is trusted by one: AWS writes its trust policy).
  'service-linked-role-trust': { kinds: ['service'], resources: [SLR_TRUST], rcpChance: 1, perimeterEverywhere: true },
  'no-version': {
    resources: [S3_OBJECT, S3_OBJECT, SQS, DYNAMODB],
    versions: [undefined, '2008-10-17', '2012-10-17'],
    conditionChance: 0.6,
    conditions: (d) => [
      { StringEquals: { 'aws:PrincipalTag/team': '${aws:PrincipalTag/team}' } },
      { StringEquals: { 'aws:username': '${aws:username}' } },
      { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:PrincipalAccount}:*' } },
      { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } },
      { StringNotEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } },
      { StringEquals: { 'aws:PrincipalTag/team': d.pAccount === A ? 'blue' : 'red' } },
    ],
    // Variables in the resource's own name (bucket-${aws:PrincipalAccount}), as the IAM policy-variable examples
    // write them; conditions carry them for the other resource types.
    resourceElements: (d) =>
      d.res.type === 's3-object'
        ? [{ Resource: 'arn:aws:s3:::bucket-${aws:PrincipalAccount}/*' }, { Resource: 'arn:aws:s3:::bucket-${aws:ResourceAccount}/*' }, { Resource: 'arn:aws:s3:::bucket-${aws:PrincipalAccount}/data/*' }]
        : [{ Resource: d.resourceArn }, { Resource: d.res.pattern(d.rAccount) }],
  },
  'absent-key-set-operators': {
    conditionChance: 0.8,
    conditions: () => [
      { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } },
      { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } },
      { 'ForAllValues:StringLike': { 'aws:PrincipalTag/dept': ['*'] } },
      { 'ForAnyValue:StringLike': { 'aws:PrincipalTag/dept': ['*'] } },
      { 'ForAnyValue:StringNotEquals': { 'aws:CalledVia': ['athena.amazonaws.com'] } },
      { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret'] } },
      { 'ForAllValues:StringEqualsIfExists': { 'aws:TagKeys': ['team'] } },
      { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': ['team'] } },
      { 'ForAllValues:ArnLike': { 'aws:SourceArn': ['arn:aws:events:*:*:rule/*'] } },
    ],
    extraContext: (_d, pick, chance): Record<string, string[]> => (chance(0.4) ? { 'aws:TagKeys': pick([['team'], ['team', 'secret'], ['env']]) } : {}),
  },
  'negated-missing-variable': {
    conditionChance: 0.8,
    conditions: () => [
      { StringNotEquals: { 'aws:PrincipalTag/team': MISSING } },
      { StringNotLike: { 'aws:PrincipalArn': `arn:aws:iam::*:user/${MISSING}` } },
      { StringNotEqualsIfExists: { 'aws:SourceAccount': MISSING } },
      { StringNotEqualsIgnoreCase: { 'aws:username': MISSING } },
      { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${MISSING}:*` } },
      { StringEquals: { 'aws:PrincipalTag/team': MISSING } },
      { StringLike: { 'aws:PrincipalArn': `arn:aws:iam::*:user/${MISSING}` } },
      { StringNotEquals: { 'aws:PrincipalTag/dept': '${aws:PrincipalTag/team}' } },
    ],
  },
  'arn-wildcard-segments': {
    resources: [SQS, SNS, LAMBDA, DYNAMODB, S3_OBJECT],
    conditions: (d) => [
      { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*' } },
      { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${d.pAccount ?? A}:*` } },
      { ArnLike: { 'aws:PrincipalArn': 'arn:aws:*' } },
      { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*' } },
      { ArnLike: { 'aws:SourceArn': 'arn:aws:events:us-east-1:*' } },
    ],
    resourceElements: (d) => {
      const [, , service = '', region = '', account = ''] = d.resourceArn.split(':');
      return [
        { Resource: `arn:aws:${service}:*` },
        { Resource: 'arn:aws:*' },
        { Resource: region ? `arn:aws:${service}:${region}:*` : `arn:aws:${service}:::*` },
        { Resource: region ? `arn:aws:${service}:${region}:${account}:*` : `arn:aws:${service}:::bucket-*` },
        { Resource: region ? `arn:aws:${service}:us-west-2:*` : `arn:aws:${service}:::other-*` },
        { Resource: `arn:aws:${service}:*:${A}:*` },
        { Resource: `arn:aws:${service.slice(0, 1)}*` },
        { NotResource: `arn:aws:${service}:*` },
        { NotResource: `arn:aws:${service}:us-west-2:*` },
      ];
    },
  },
  'execute-api-shorthand': {
    resources: [API],
    // The shorthand is API Gateway's, in the API's own resource policy; an identity policy with it would be
    // refused by IAM (Resource must be an ARN), so identity statements get ARNs.
    resourceElements: (d, inResourcePolicy) =>
      inResourcePolicy
        ? [
            { Resource: 'execute-api:/*' },
            { Resource: 'execute-api:/prod/GET/*' },
            { Resource: 'execute-api:/prod/POST/orders' },
            { Resource: 'execute-api:/*/GET/orders' },
            { NotResource: 'execute-api:/prod/DELETE/*' },
            { Resource: d.res.pattern(d.rAccount) },
          ]
        : [{ Resource: d.res.pattern(d.rAccount) }, { Resource: d.resourceArn }, { Resource: 'arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/prod/*' }],
  },
  'get-caller-identity': { resources: [CALLER], kinds: ['user', 'user', 'session', 'session', 'root'], scpDenyChance: 0.5 },
  'aws-refusals': { resources: [SLR_ADMIN, MANAGED_POLICY, ALIAS, OWN_ALIAS], kinds: ['user', 'user', 'session', 'root'], sameAccount: true },
  'wildcard-principal': {
    kinds: ['session', 'session', 'user'],
    resources: [S3_OBJECT, SQS, SNS, LAMBDA, DYNAMODB],
    sameAccount: true,
    boundaryChance: 0.6,
    sessionPolicyChance: 0.6,
    conditionChance: 0.5,
    conditions: (d) => [
      { StringLike: { 'aws:PrincipalArn': `arn:aws:iam::${d.pAccount ?? A}:*` } },
      { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } },
      { StringEquals: { 'aws:PrincipalAccount': d.pAccount ?? A } },
    ],
    principalElements: () => ['*', { AWS: '*' }, '*', { AWS: '*' }],
  },
};

function generateCase(i: number, pick: <T>(list: readonly T[]) => T, chance: (p: number) => boolean, shape: Shape): Json {
  const kind: Kind = shape.kinds ? pick(shape.kinds) : pick(['user', 'user', 'user', 'session', 'session', 'root', 'service'] as const);
  const pAccount = kind === 'service' ? undefined : pick([A, A, B, C]);
  const res = pick(shape.resources ?? RESOURCES);
  const rAccount = shape.sameAccount && pAccount ? pAccount : pAccount && chance(0.5) ? pAccount : pick(shape.resourceAccounts ?? [A, B, C]);
  const action = pick(res.actions);
  const resourceArn = res.arn(rAccount);
  /** An AWS managed policy is in no account. */
  const awsOwned = resourceArn.startsWith('arn:aws:iam::aws:');
  const team = pick(['blue', 'red']);
  const mfa = chance(0.5) ? pick(['true', 'false']) : undefined;
  const sourceIp = chance(0.5) ? pick(['203.0.113.7', '198.51.100.20']) : undefined;
  const mfaAge = pick(['30', '1200', '7200']);
  const calledVia = chance(0.3) ? pick([['athena.amazonaws.com'], ['athena.amazonaws.com', 'dynamodb.amazonaws.com'], ['cloudformation.amazonaws.com']]) : undefined;
  const currentTime = chance(0.7) ? pick(['2026-11-22T10:00:00Z', '2024-03-01T08:30:00Z']) : undefined;
  const ruleArn = `arn:aws:events:us-east-1:${pick([A, B])}:rule/${pick(['nightly', 'other'])}`;

  const userArn = `arn:aws:iam::${pAccount}:user/u${i % 3}`;
  const roleArn = shape.serviceLinkedRole ? `arn:aws:iam::${pAccount}:role/aws-service-role/ops.amazonaws.com/AWSServiceRoleForOps` : `arn:aws:iam::${pAccount}:role/AppRole`;
  const sessionArn = shape.serviceLinkedRole ? `arn:aws:sts::${pAccount}:assumed-role/AWSServiceRoleForOps/s` : `arn:aws:sts::${pAccount}:assumed-role/AppRole/s`;
  const rootArn = `arn:aws:iam::${pAccount}:root`;
  const drawn: Drawn = { res, action, resourceArn, pAccount, rAccount, userArn, roleArn, sessionArn, rootArn };
  const principalArn = kind === 'user' ? userArn : kind === 'session' ? sessionArn : kind === 'root' ? rootArn : 'events.amazonaws.com';

  // --- statements ---------------------------------------------------------------------------------
  const actionElement = (): Json => {
    const r = pick([0, 1, 2, 3, 4, 5, 6, 7]);
    if (r === 0) return { Action: action };
    // Actions match case-insensitively; `?` stands for exactly one character.
    if (r === 6) return { Action: chance(0.5) ? action.toUpperCase() : action.toLowerCase() };
    if (r === 7) return { Action: `${action.slice(0, -2)}?${action.slice(-1)}` };
    if (r === 1) return { Action: `${res.service}:*` };
    if (r === 2) return { Action: [`${res.service}:Get*`, `${res.service}:Describe*`] };
    if (r === 3) return { Action: '*' };
    if (r === 4) return { NotAction: pick(['iam:*', `${res.service}:*`, action]) };
    return { Action: pick(res.actions) };
  };
  const resourceElement = (inResourcePolicy: boolean): Json => {
    if (shape.resourceElements && chance(0.7)) return pick(shape.resourceElements(drawn, inResourcePolicy));
    const r = pick([0, 1, 2, 3, 4, 5]);
    if (r === 0) return { Resource: resourceArn };
    // Policy variables (substituted under 2012-10-17) and a one-character wildcard.
    if (r === 5) {
      // A variable in the resource id (bucket-${aws:PrincipalAccount}/*), as in the IAM policy-variable examples.
      if (res.type === 's3-object' && chance(0.6)) return { Resource: `arn:aws:s3:::bucket-\${${pick(['aws:PrincipalAccount', 'aws:ResourceAccount'])}}/*` };
      return { Resource: resourceArn.replace(/.$/, '?') };
    }
    if (r === 1) return { Resource: res.pattern(rAccount) };
    if (r === 2) return { Resource: '*' };
    if (r === 3) return { NotResource: pick([res.pattern(rAccount), 'arn:aws:s3:::other/*']) };
    return { Resource: res.pattern(pick([A, B, C])) };
  };
  const condition = (): Json | undefined => {
    if (!chance(shape.conditionChance ?? 0.35)) return undefined;
    // A family's conditions, drawn half the time; the base list otherwise.
    if (shape.conditions && chance(0.5)) return pick(shape.conditions(drawn));
    return pick<Json>([
      { StringEquals: { 'aws:PrincipalTag/team': pick(['blue', 'red']) } },
      { StringLike: { 'aws:PrincipalArn': pick([`arn:aws:iam::*:user/*`, `arn:aws:iam::${A}:*`]) } },
      { StringNotEquals: { 'aws:PrincipalOrgID': ORG } },
      { StringEquals: { 'aws:PrincipalOrgID': ORG } },
      { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${pick([A, B])}:*` } },
      { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      { Null: { 'aws:MultiFactorAuthPresent': pick(['true', 'false']) } },
      { ArnEquals: { 'aws:SourceArn': `arn:aws:events:us-east-1:${A}:rule/nightly` } },
      { StringEquals: { 'aws:SourceAccount': pick([A, B]) } },
      { 'ForAnyValue:StringEquals': { 'aws:PrincipalTag/team': ['blue', 'green'] } },
      { 'ForAllValues:StringEquals': { 'aws:CalledVia': ['athena.amazonaws.com', 'cloudformation.amazonaws.com'] } },
      { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': [`${ORG}/r-root1/*`] } },
      { 'ForAllValues:StringLikeIfExists': { 'aws:CalledVia': ['*.amazonaws.com'] } },
      { NumericLessThan: { 'aws:MultiFactorAuthAge': pick(['3600', '60']) } },
      { NumericGreaterThanEqualsIfExists: { 'aws:MultiFactorAuthAge': '600' } },
      { DateGreaterThan: { 'aws:CurrentTime': pick(['2025-01-01T00:00:00Z', '2030-01-01T00:00:00Z']) } },
      { DateLessThanIfExists: { 'aws:CurrentTime': '2027-06-30T12:00:00Z' } },
      { StringEqualsIgnoreCase: { 'aws:username': pick(['U0', 'u1']) } },
      { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/u?' } },
      { StringNotEqualsIfExists: { 'aws:SourceAccount': A } },
      { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${pick([A, B])}:role/*` } },
      { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } },
      { StringEquals: { 'aws:PrincipalTag/team': ['red', 'blue'], 'aws:PrincipalIsAWSService': 'false' } },
    ]);
  };
  const statement = (effect: 'Allow' | 'Deny', withPrincipal: boolean): Json => {
    const cond = condition();
    const s: Json = { Effect: effect, ...actionElement() };
    if (res.type !== 'iam-role' || !withPrincipal) Object.assign(s, resourceElement(withPrincipal));
    if (withPrincipal) {
      if (effect === 'Deny' && chance(0.25)) {
        s['NotPrincipal'] = { AWS: pick([[userArn, rootArn], [userArn], [rootArn], [`arn:aws:iam::${B}:root`]]) };
      } else {
        s['Principal'] = shape.principalElements ? pick(shape.principalElements(drawn)) : pick<unknown>([
          '*',
          { AWS: pAccount ?? A },
          { AWS: rootArn },
          { AWS: userArn },
          { AWS: roleArn },
          { AWS: sessionArn },
          { AWS: `arn:aws:iam::${pick([A, B, C])}:root` },
          { Service: 'events.amazonaws.com' },
          { AWS: [userArn, `arn:aws:iam::${C}:root`] },
        ]);
      }
    }
    if (cond) s['Condition'] = cond;
    return s;
  };
  const policy = (statements: Json[]): Json => {
    if (!shape.versions) return { Version: '2012-10-17', Statement: statements };
    const version = pick(shape.versions);
    return version === undefined ? { Statement: statements } : { Version: version, Statement: statements };
  };
  /** Organization policies are always written under 2012-10-17. */
  const orgPolicy = (statements: Json[]): Json => ({ Version: '2012-10-17', Statement: statements });
  const identityStatements = (): Json[] => {
    const n = pick([0, 1, 1, 2]);
    return Array.from({ length: n }, () => statement(chance(0.15) ? 'Deny' : 'Allow', false));
  };

  // --- principals ---------------------------------------------------------------------------------
  const principals: Json[] = [];
  const identity = identityStatements();
  const boundary = kind !== 'service' && kind !== 'root' && chance(shape.boundaryChance ?? 0.2) ? policy([statement('Allow', false)]) : undefined;
  const tags = { team };
  if (kind === 'user') {
    principals.push({ arn: userArn, type: 'user', account: pAccount, identityPolicies: identity.length ? [policy(identity)] : [], tags, ...(boundary ? { permissionsBoundary: boundary } : {}) });
  } else if (kind === 'session') {
    principals.push({ arn: roleArn, type: 'role', account: pAccount, identityPolicies: identity.length ? [policy(identity)] : [], tags, trustPolicy: policy([{ Effect: 'Allow', Principal: { AWS: rootArn }, Action: 'sts:AssumeRole' }]), ...(boundary ? { permissionsBoundary: boundary } : {}) });
    principals.push({ arn: sessionArn, type: 'assumed-role', account: pAccount, roleArn, tags });
  } else if (kind === 'root') {
    principals.push({ arn: rootArn, type: 'root', account: pAccount, identityPolicies: [] });
  } else {
    principals.push({ arn: 'events.amazonaws.com', type: 'service', identityPolicies: [] });
  }

  // --- resource -------------------------------------------------------------------------------------
  const rpStatements = Array.from({ length: pick([0, 1, 1, 2]) }, () => statement(chance(0.2) ? 'Deny' : 'Allow', true));
  if (res.type === 'kms-key' && chance(0.5)) rpStatements.unshift({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${rAccount}:root` }, Action: 'kms:*', Resource: '*' });
  const resourcePolicy = rpStatements.length ? policy(rpStatements) : null;
  const resources: Json[] = [];
  if (res.type === 'none') {
    // Nothing is described: the request's resource is "*" (sts:GetCallerIdentity) or a resource without a
    // resource-based policy that AWS protects (a service-linked role, an AWS managed policy, an alias).
  } else if (res.type === 's3-object') {
    const bucket = `arn:aws:s3:::bucket-${rAccount}`;
    resources.push({ arn: bucket, type: 's3-bucket', account: rAccount, resourcePolicy });
    resources.push({ arn: resourceArn, type: 's3-object', account: rAccount, resourcePolicy, bucket });
  } else if (res.type === 'iam-role') {
    principals.push({ arn: resourceArn, type: 'role', account: rAccount, identityPolicies: [], trustPolicy: resourcePolicy ?? policy([]) });
    resources.push({ arn: resourceArn, type: 'iam-role', account: rAccount, resourcePolicy: resourcePolicy ?? policy([]) });
  } else {
    resources.push({ arn: resourceArn, type: res.type, account: rAccount, resourcePolicy });
  }

  // --- organization -----------------------------------------------------------------------------------
  const full = orgPolicy([{ Effect: 'Allow', Action: '*', Resource: '*' }]);
  const rcpFull = orgPolicy([{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }]);
  const scps: Json[] = [{ name: 'FullAWSAccess', target: 'root', document: full }];
  for (const acct of [A, B]) {
    if (chance(0.15)) scps.push({ name: 'AllowList', target: acct, document: orgPolicy([{ Effect: 'Allow', Action: [`${res.service}:*`, 'sts:*'], Resource: '*' }]) });
    else scps.push({ name: 'FullAWSAccess', target: acct, document: full });
  }
  if (chance(shape.scpDenyChance ?? 0.2)) scps.push({ name: 'DenySome', target: pick(['root', A, B]), document: orgPolicy([{ Effect: 'Deny', Action: pick([action, `${res.service}:*`]), Resource: '*', ...(chance(0.5) ? { Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'blue' } } } : {}) }]) });
  const withRcps = chance(shape.rcpChance ?? 0.3);
  const rcps: Json[] = withRcps ? [{ name: 'RCPFullAWSAccess', target: 'root', document: rcpFull }, { name: 'RCPFullAWSAccess', target: A, document: rcpFull }, { name: 'RCPFullAWSAccess', target: B, document: rcpFull }] : [];
  if (withRcps && (shape.perimeterEverywhere || ['s3', 'sqs', 'kms', 'sts'].includes(res.service)) && chance(0.6)) {
    const perimeters: Json[] = [{ StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } }, { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }];
    // Families that test what RCPs never restrict also deny services outright (no service exception).
    if (shape.perimeterEverywhere) perimeters.push({ StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG } });
    rcps.push({
      name: 'Perimeter',
      target: pick(['root', A, B]),
      document: orgPolicy([
        {
          Effect: 'Deny',
          Principal: '*',
          Action: `${res.service}:*`,
          Resource: '*',
          Condition: pick<Json>(perimeters),
        },
      ]),
    });
  }
  const organizations = [{ id: ORG, managementAccount: MGMT, accounts: [MGMT, A, B], scps, rcps }];

  // --- context (FORMAT.md convention 1) ---------------------------------------------------------------
  const context: Record<string, string | string[]> = {};
  if (kind === 'service') {
    context['aws:PrincipalIsAWSService'] = 'true';
    context['aws:PrincipalServiceName'] = 'events.amazonaws.com';
    context['aws:SourceArn'] = ruleArn;
    context['aws:SourceAccount'] = ruleArn.split(':')[4] as string;
  } else {
    context['aws:PrincipalArn'] = kind === 'session' ? roleArn : kind === 'user' ? userArn : rootArn;
    context['aws:PrincipalAccount'] = pAccount as string;
    context['aws:PrincipalIsAWSService'] = 'false';
    if (kind === 'user') context['aws:username'] = `u${i % 3}`;
    if (kind === 'user' || kind === 'session') context['aws:PrincipalTag/team'] = team;
    if (IN_ORG.has(pAccount as string)) context['aws:PrincipalOrgID'] = ORG;
    if (IN_ORG.has(pAccount as string)) context['aws:PrincipalOrgPaths'] = [`${ORG}/r-root1/`];
    if (mfa !== undefined) context['aws:MultiFactorAuthPresent'] = mfa;
    if (mfa === 'true') context['aws:MultiFactorAuthAge'] = mfaAge;
    if (sourceIp !== undefined) context['aws:SourceIp'] = sourceIp;
    if (calledVia !== undefined) context['aws:CalledVia'] = calledVia;
  }
  if (currentTime !== undefined) context['aws:CurrentTime'] = currentTime;
  // sts:GetCallerIdentity names no resource; an AWS managed policy belongs to no account.
  if (res.type !== 'none' || (!awsOwned && resourceArn !== '*')) context['aws:ResourceAccount'] = rAccount;
  if (IN_ORG.has(rAccount) && context['aws:ResourceAccount'] !== undefined) context['aws:ResourceOrgID'] = ORG;
  if (shape.extraContext) Object.assign(context, shape.extraContext(drawn, pick, chance));

  const sessionPolicy = kind === 'session' && chance(shape.sessionPolicyChance ?? 0.3) ? policy([statement('Allow', false)]) : undefined;
  return {
    id: `gen-${i}`,
    accounts: [A, B, C, MGMT],
    organizations,
    principals,
    resources,
    request: { principal: principalArn, action, resource: resourceArn, context, ...(sessionPolicy ? { sessionPolicy } : {}) },
    expected: 'allowed',
  };
}
