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
  for (let i = 0; i < count; i++) cases.push(generateCase(i, pick, chance));
  return cases;
}

function generateCase(i: number, pick: <T>(list: readonly T[]) => T, chance: (p: number) => boolean): Json {
  const kind: Kind = pick(['user', 'user', 'user', 'session', 'session', 'root', 'service'] as const);
  const pAccount = kind === 'service' ? undefined : pick([A, A, B, C]);
  const res = pick(RESOURCES);
  const rAccount = pAccount && chance(0.5) ? pAccount : pick([A, B, C]);
  const action = pick(res.actions);
  const resourceArn = res.arn(rAccount);
  const team = pick(['blue', 'red']);
  const mfa = chance(0.5) ? pick(['true', 'false']) : undefined;
  const sourceIp = chance(0.5) ? pick(['203.0.113.7', '198.51.100.20']) : undefined;
  const mfaAge = pick(['30', '1200', '7200']);
  const calledVia = chance(0.3) ? pick([['athena.amazonaws.com'], ['athena.amazonaws.com', 'dynamodb.amazonaws.com'], ['cloudformation.amazonaws.com']]) : undefined;
  const currentTime = chance(0.7) ? pick(['2026-11-22T10:00:00Z', '2024-03-01T08:30:00Z']) : undefined;
  const ruleArn = `arn:aws:events:us-east-1:${pick([A, B])}:rule/${pick(['nightly', 'other'])}`;

  const userArn = `arn:aws:iam::${pAccount}:user/u${i % 3}`;
  const roleArn = `arn:aws:iam::${pAccount}:role/AppRole`;
  const sessionArn = `arn:aws:sts::${pAccount}:assumed-role/AppRole/s`;
  const rootArn = `arn:aws:iam::${pAccount}:root`;
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
  const resourceElement = (): Json => {
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
    if (!chance(0.35)) return undefined;
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
    if (res.type !== 'iam-role' || !withPrincipal) Object.assign(s, resourceElement());
    if (withPrincipal) {
      if (effect === 'Deny' && chance(0.25)) {
        s['NotPrincipal'] = { AWS: pick([[userArn, rootArn], [userArn], [rootArn], [`arn:aws:iam::${B}:root`]]) };
      } else {
        s['Principal'] = pick<unknown>([
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
  const policy = (statements: Json[]): Json => ({ Version: '2012-10-17', Statement: statements });
  const identityStatements = (): Json[] => {
    const n = pick([0, 1, 1, 2]);
    return Array.from({ length: n }, () => statement(chance(0.15) ? 'Deny' : 'Allow', false));
  };

  // --- principals ---------------------------------------------------------------------------------
  const principals: Json[] = [];
  const identity = identityStatements();
  const boundary = kind !== 'service' && kind !== 'root' && chance(0.2) ? policy([statement('Allow', false)]) : undefined;
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
  if (res.type === 's3-object') {
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
  const full = policy([{ Effect: 'Allow', Action: '*', Resource: '*' }]);
  const rcpFull = policy([{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }]);
  const scps: Json[] = [{ name: 'FullAWSAccess', target: 'root', document: full }];
  for (const acct of [A, B]) {
    if (chance(0.15)) scps.push({ name: 'AllowList', target: acct, document: policy([{ Effect: 'Allow', Action: [`${res.service}:*`, 'sts:*'], Resource: '*' }]) });
    else scps.push({ name: 'FullAWSAccess', target: acct, document: full });
  }
  if (chance(0.2)) scps.push({ name: 'DenySome', target: pick(['root', A, B]), document: policy([{ Effect: 'Deny', Action: pick([action, `${res.service}:*`]), Resource: '*', ...(chance(0.5) ? { Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'blue' } } } : {}) }]) });
  const withRcps = chance(0.3);
  const rcps: Json[] = withRcps ? [{ name: 'RCPFullAWSAccess', target: 'root', document: rcpFull }, { name: 'RCPFullAWSAccess', target: A, document: rcpFull }, { name: 'RCPFullAWSAccess', target: B, document: rcpFull }] : [];
  if (withRcps && ['s3', 'sqs', 'kms', 'sts'].includes(res.service) && chance(0.6)) {
    rcps.push({
      name: 'Perimeter',
      target: pick(['root', A, B]),
      document: policy([
        {
          Effect: 'Deny',
          Principal: '*',
          Action: `${res.service}:*`,
          Resource: '*',
          Condition: pick<Json>([{ StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } }, { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }]),
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
  context['aws:ResourceAccount'] = rAccount;
  if (IN_ORG.has(rAccount)) context['aws:ResourceOrgID'] = ORG;

  const sessionPolicy = kind === 'session' && chance(0.3) ? policy([statement('Allow', false)]) : undefined;
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
