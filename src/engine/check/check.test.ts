import { describe, expect, it } from 'vitest';
import { printedInChild } from '../../testing/childProcess';
import { HEAVY_TEST_MS } from '../../testing/timeouts';
import { checkPolicyText, statementRanges, type CheckOptions, type PolicyContextKind } from './index';
import { editDistance } from './services';

const identity: CheckOptions = { kind: 'identity' };
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const codes = (text: string, opts: CheckOptions = identity) => checkPolicyText(text, opts).map((p) => p.code);
const find = (text: string, code: string, opts: CheckOptions = identity) => checkPolicyText(text, opts).find((p) => p.code === code);
/** The text a problem underlines. */
const underlined = (text: string, code: string, opts: CheckOptions = identity) => {
  const p = find(text, code, opts);
  return p ? text.slice(p.from, p.to) : undefined;
};

describe('JSON syntax', () => {
  it('Given a missing comma, then a located syntax error comes back instead of a crash', () => {
    const text = '{\n  "Version": "2012-10-17"\n  "Statement": []\n}';
    const p = find(text, 'json-syntax');
    expect(p).toMatchObject({ severity: 'error', line: 3, column: 3, message: 'A comma is expected.' });
  });
  it('Given an unclosed brace, then the error is at the end', () => {
    const p = find('{"Version": "2012-10-17", "Statement": [', 'json-syntax');
    expect(p?.line).toBe(1);
  });
  it('Given a trailing comma or a comment, then AWS would reject it, so it is an error', () => {
    expect(codes('{"Version": "2012-10-17", "Statement": [],}')).toContain('json-syntax');
    expect(codes('{"Version": "2012-10-17", // note\n "Statement": []}')).toContain('json-syntax');
  });
  it('Given empty text, then it says the policy is empty', () => {
    expect(codes('  ')).toEqual(['empty']);
  });
});

describe('grammar errors', () => {
  it('Given an unknown top-level element, then it is named and located on its key', () => {
    const text = '{"Version": "2012-10-17", "Effect": "Allow", "Statement": []}';
    expect(underlined(text, 'unknown-element')).toBe('"Effect"');
    expect(find(text, 'unknown-element')?.message).toMatch(/inside a statement/);
  });
  it('Given an unknown statement element, then it is located', () => {
    expect(underlined(policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Actions: 'x' }), 'unknown-element')).toBe('"Actions"');
  });
  it('Given Effect "allow", then it must be exactly Allow (case-sensitive)', () => {
    const text = policy({ Effect: 'allow', Action: 's3:GetObject', Resource: '*' });
    expect(underlined(text, 'bad-effect')).toBe('"allow"');
    expect(find(text, 'bad-effect')?.message).toMatch(/case-sensitive/);
  });
  it('Given a Principal in an identity policy, then it is an error on the key', () => {
    const text = policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' });
    expect(underlined(text, 'principal-in-identity-policy')).toBe('"Principal"');
  });
  it.each(['identity', 'boundary', 'session', 'scp'] as PolicyContextKind[])('Given a %s policy without Resource, then Resource is missing', (kind) => {
    expect(codes(policy({ Effect: 'Allow', Action: 's3:GetObject' }), { kind })).toContain('missing-resource');
  });
  it('Given a trust policy with a Resource, then it is an error; without Principal, too', () => {
    const text = policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' });
    expect(codes(text, { kind: 'trust' })).toEqual(expect.arrayContaining(['resource-in-trust-policy', 'missing-principal']));
  });
  it('Given a bucket policy without Principal, then the principal is missing', () => {
    expect(codes(policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }), { kind: 'resource', resourceType: 's3-bucket' })).toContain('missing-principal');
  });
  it('Given both Action and NotAction, or neither, then each is an error', () => {
    expect(codes(policy({ Effect: 'Allow', Action: 's3:*', NotAction: 'iam:*', Resource: '*' }))).toContain('both-action-and-notaction');
    expect(codes(policy({ Effect: 'Allow', Resource: '*' }))).toContain('missing-action');
  });
  it('Given a malformed action and a bad AWS principal with a wildcard ARN, then both are located', () => {
    const text = policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/*' }, Action: 'GetObject', Resource: '*' });
    expect(underlined(text, 'bad-action', { kind: 'resource' })).toBe('"GetObject"');
    expect(underlined(text, 'bad-aws-principal', { kind: 'resource' })).toBe('"arn:aws:iam::111122223333:user/*"');
  });
  it('Given an unknown condition operator, then it is an error on the operator', () => {
    const text = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEqual: { 'aws:username': 'x' } } });
    expect(underlined(text, 'unknown-condition-operator')).toBe('"StringEqual"');
  });
  it('Given NotPrincipal with Allow, then it is unsupported', () => {
    expect(codes(policy({ Effect: 'Allow', NotPrincipal: { AWS: '111122223333' }, Action: 's3:*', Resource: '*' }), { kind: 'resource' })).toContain('notprincipal-with-allow');
  });
  it('Given an RCP with a non-wildcard principal, then Principal must be "*"', () => {
    expect(codes(policy({ Effect: 'Deny', Principal: { AWS: '111122223333' }, Action: 's3:*', Resource: '*' }), { kind: 'rcp' })).toContain('rcp-principal');
  });
  it('Given a bad Version, then it is an error; a missing one is a warning', () => {
    expect(find('{"Version": "2024-01-01", "Statement": []}', 'bad-version')?.severity).toBe('error');
    expect(find('{"Statement": []}', 'missing-version')?.severity).toBe('warning');
  });
});

describe('warnings', () => {
  it('Given Principal "*" in an Allow without a condition, then it warns', () => {
    const text = policy({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' });
    expect(find(text, 'wildcard-principal-no-condition', { kind: 'resource' })?.severity).toBe('warning');
    const conditioned = policy({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } });
    expect(codes(conditioned, { kind: 'resource' })).not.toContain('wildcard-principal-no-condition');
  });
  it('Given a typo in a service prefix, then it suggests the right one', () => {
    expect(find(policy({ Effect: 'Allow', Action: 's4:GetObject', Resource: '*' }), 'unknown-service-prefix')?.message).toMatch(/did you mean "s3"/);
  });
  it('Given sqs:SendMessage in a bucket policy, then it cannot apply to the bucket', () => {
    const text = policy({ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sqs:SendMessage', Resource: '*' });
    expect(underlined(text, 'action-not-for-resource', { kind: 'resource', resourceType: 's3-bucket' })).toBe('"sqs:SendMessage"');
  });
  it('Given s3:GetObject on a bucket ARN only, then it warns that objects need /*', () => {
    expect(find(policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b' }), 's3-object-resource')?.message).toMatch(/arn:aws:s3:::b\/\*/);
  });
  it('Given full admin, duplicate Sids and variables under 2008-10-17, then each warns', () => {
    expect(codes(policy({ Effect: 'Allow', Action: '*', Resource: '*' }))).toContain('full-admin');
    expect(codes(policy({ Sid: 'A', Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Sid: 'A', Effect: 'Allow', Action: 's3:*', Resource: '*' }))).toContain('duplicate-sid');
    const old = JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/${aws:username}/*' }] });
    expect(codes(old)).toContain('variables-need-2012-10-17');
  });
  it('Given a trust policy allowing s3:GetObject, then it warns that only sts actions matter', () => {
    expect(codes(policy({ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 's3:GetObject' }), { kind: 'trust' })).toContain('action-not-for-trust');
  });
  it('Given a valid policy, then there is nothing to report', () => {
    expect(checkPolicyText(policy({ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' }), identity)).toEqual([]);
  });
});

describe('statement ranges', () => {
  it('Given two statements, then their ranges cover each object', () => {
    const text = policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*' });
    const ranges = statementRanges(text);
    expect(ranges).toHaveLength(2);
    expect(JSON.parse(text.slice(ranges[1]!.from, ranges[1]!.to))).toEqual({ Effect: 'Deny', Action: 'iam:*', Resource: '*' });
  });
  it('Given 500 statements, then checking completes and reports each bad one', () => {
    const many = policy(...Array.from({ length: 500 }, (_, i) => ({ Sid: `S${i}`, Effect: i % 100 === 0 ? 'Alow' : 'Allow', Action: 's3:GetObject', Resource: '*' })));
    expect(checkPolicyText(many, identity).filter((p) => p.code === 'bad-effect').map((p) => p.statementIndex)).toEqual([0, 100, 200, 300, 400]);
  }, HEAVY_TEST_MS);
});

describe('condition values and keys', () => {
  it('Given a malformed number in a Numeric condition, then it is an error located on the value', () => {
    const text = policy({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 'one hour' } } });
    expect(underlined(text, 'bad-condition-value')).toBe('"one hour"');
    expect(find(text, 'bad-condition-value')?.severity).toBe('error');
  });
  it('Given a malformed date, IP address, Bool or Null value, then each is an error', () => {
    for (const [op, key, value] of [
      ['DateGreaterThan', 'aws:CurrentTime', 'yesterday'],
      ['IpAddress', 'aws:SourceIp', '300.1.1.1/8'],
      ['Bool', 'aws:SecureTransport', 'yes'],
      ['Null', 'aws:SourceVpce', 'maybe'],
    ] as const) {
      expect(codes(policy({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { [op]: { [key]: value } } }))).toContain('bad-condition-value');
    }
  });
  it('Given well-formed values (including IPv6 and epoch dates), then there is no value error', () => {
    const text = policy({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': ['2001:db8::/32', '203.0.113.0/24'] }, DateLessThan: { 'aws:EpochTime': '1800000000' }, NumericLessThanEquals: { 'aws:MultiFactorAuthAge': 3600 } } });
    expect(codes(text)).not.toContain('bad-condition-value');
  });
  it('Given a misspelled global condition key, then a warning suggests the right one', () => {
    const text = policy({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgId': 'o-1', 'aws:SourceAcount': '111111111111' } } });
    const p = checkPolicyText(text, identity).filter((x) => x.code === 'unknown-condition-key');
    expect(p).toHaveLength(1);
    expect(text.slice(p[0]!.from, p[0]!.to)).toBe('"aws:SourceAcount"');
    expect(p[0]!.message).toMatch(/did you mean "aws:sourceaccount"/);
  });
  it('Given tag keys and service keys, then they are not flagged', () => {
    const text = policy({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'x', 's3:prefix': 'home/' } } });
    expect(codes(text)).not.toContain('unknown-condition-key');
  });
});

describe('policy variables in operators that do not substitute them', () => {
  it('Given ${aws:PrincipalTag/tls} in a Bool condition, then a located warning says it is literal text (and no value error)', () => {
    const text = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': '${aws:PrincipalTag/tls}' } } });
    expect(underlined(text, 'variable-not-substituted')).toBe('"${aws:PrincipalTag/tls}"');
    expect(find(text, 'variable-not-substituted')?.severity).toBe('warning');
    expect(codes(text)).not.toContain('bad-condition-value');
  });
  it('Given the same variable in StringEquals, then nothing is reported', () => {
    const text = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': '${aws:username}' } } });
    expect(codes(text)).toEqual([]);
  });
});

describe('Resource entries that are not ARNs', () => {
  const apiPolicy = policy(
    { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
    { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', NotResource: ['execute-api:/prod/GET/pets'], Condition: { NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' } } },
  );
  it('Given execute-api:/… in an API Gateway resource policy (the documented shorthand), then nothing is reported', () => {
    expect(codes(apiPolicy, { kind: 'resource', resourceType: 'apigateway-rest-api' })).toEqual([]);
  });
  it('Given the same shorthand in an identity policy, then a located warning says it matches nothing there', () => {
    const text = policy({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' });
    expect(underlined(text, 'execute-api-shorthand')).toBe('"execute-api:/*"');
    expect(find(text, 'execute-api-shorthand')?.message).toMatch(/arn:aws:execute-api:REGION:ACCOUNT:API_ID\/\*/);
  });
  it('Given a bare bucket name as Resource, then it warns that it is not an ARN; "*" and ARNs are fine', () => {
    const text = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: ['my-bucket', '*', 'arn:aws:s3:::my-bucket/*'] });
    expect(checkPolicyText(text, identity).filter((p) => p.code === 'resource-not-arn').map((p) => text.slice(p.from, p.to))).toEqual(['"my-bucket"']);
  });
});

describe('an action that cannot apply to the resource', () => {
  it('Given an identity policy allowing s3:GetObject on a queue ARN, then the action is flagged with a located warning', () => {
    const text = policy({ Effect: 'Allow', Action: ['s3:GetObject', 'sqs:SendMessage'], Resource: 'arn:aws:sqs:us-east-1:111111111111:jobs' });
    const p = find(text, 'action-not-for-resource');
    expect(text.slice(p!.from, p!.to)).toBe('"s3:GetObject"');
    expect(p!.severity).toBe('warning');
    expect(checkPolicyText(text, identity).filter((x) => x.code === 'action-not-for-resource')).toHaveLength(1);
  });
  it('Given sts:AssumeRole on a role ARN or a wildcard resource, then nothing is flagged', () => {
    expect(codes(policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::111111111111:role/x' }))).not.toContain('action-not-for-resource');
    expect(codes(policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/*', '*'] }))).not.toContain('action-not-for-resource');
  });
  it('Given a bucket policy (the editor passes the resource type) with an SQS action, then it is flagged', () => {
    const text = policy({ Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'sqs:SendMessage', Resource: '*' });
    expect(underlined(text, 'action-not-for-resource', { kind: 'resource', resourceType: 's3-bucket' })).toBe('"sqs:SendMessage"');
  });
});

describe('robustness', () => {
  it('Given hundreds of random typos in a policy, then every check returns located problems and never throws', async () => {
    const { prng } = await import('../differential/generate');
    const rnd = prng(5);
    const base = policy(
      { Sid: 'Read', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: ['s3:GetObject', 's3:List*'], Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' }, IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
      { Effect: 'Deny', NotAction: 'iam:*', NotResource: '*' },
    );
    const alphabet = '{}[]:,"\\ aA1*?${}\n';
    // Problems out of place are collected and compared once (an expect per problem cost most of the time).
    const misplaced: string[] = [];
    for (let i = 0; i < 600; i++) {
      let text = base;
      for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++) {
        const at = Math.floor(rnd() * text.length);
        const r = rnd();
        text = r < 0.4 ? text.slice(0, at) + text.slice(at + 1) : r < 0.8 ? text.slice(0, at) + alphabet[Math.floor(rnd() * alphabet.length)] + text.slice(at) : text.slice(0, at);
      }
      for (const kind of ['identity', 'resource', 'trust', 'scp', 'rcp'] as const) {
        const problems = checkPolicyText(text, { kind, resourceType: 's3-bucket' });
        for (const p of problems) if (!(p.line >= 1 && p.column >= 1 && p.from <= text.length)) misplaced.push(`${kind} #${i} ${p.code} at ${p.line}:${p.column} (from ${p.from} of ${text.length})`);
      }
    }
    expect(misplaced.slice(0, 5)).toEqual([]);
  }, HEAVY_TEST_MS);
});

describe('policies without Version 2012-10-17', () => {
  it('Given no Version and a Condition with a variable, then it warns that the variable is literal (and does not crash)', () => {
    const text = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { StringLike: { 's3:prefix': 'home/${aws:username}/*' } } }] });
    expect(codes(text)).toEqual(expect.arrayContaining(['missing-version', 'variables-need-2012-10-17']));
  });
  it('Given Version 2008-10-17 and a Condition without variables, then there is no variables warning', () => {
    const text = JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }] });
    expect(codes(text)).not.toContain('variables-need-2012-10-17');
  });
});

describe('action names the service does not define', () => {
  it('Given s3:PutObjects, then a located warning names the service and suggests s3:PutObject', () => {
    const text = policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObjects'], Resource: 'arn:aws:s3:::b/*' });
    const p = find(text, 'unknown-action');
    expect(p).toMatchObject({ severity: 'warning', message: 's3:PutObjects is not an S3 action — did you mean s3:PutObject?', statementIndex: 0 });
    expect(text.slice(p!.from, p!.to)).toBe('"s3:PutObjects"');
    expect(p!.line).toBe(text.slice(0, p!.from).split('\n').length);
  });
  it('Given a name far from every action, then it says the statement matches nothing with it', () => {
    expect(find(policy({ Effect: 'Allow', Action: 'sqs:Frobnicate', Resource: '*' }), 'unknown-action')?.message).toBe('sqs:Frobnicate is not an SQS action, so it matches no request.');
  });
  it('Given an action in another case (s3:getobject, S3:GETOBJECT), then nothing is reported: action names are case-insensitive', () => {
    expect(codes(policy({ Effect: 'Allow', Action: ['s3:getobject', 'S3:GETOBJECT'], Resource: 'arn:aws:s3:::b/*' }))).toEqual([]);
  });
  it('Given a wildcard that matches no action of the service (s3:Gett*), then it warns', () => {
    const text = policy({ Effect: 'Allow', Action: 's3:Gett*', Resource: '*' });
    expect(underlined(text, 'unknown-action')).toBe('"s3:Gett*"');
    expect(find(text, 'unknown-action')?.message).toBe('s3:Gett* matches no S3 action.');
  });
  it('Given wildcards that match some actions (s3:Get*, kms:ReEncrypt*, iam:*AccessKey*, s3:?etObject), then nothing is reported', () => {
    expect(codes(policy({ Effect: 'Allow', Action: ['s3:Get*', 'kms:ReEncrypt*', 'iam:*AccessKey*', 's3:?etObject'], Resource: '*' }))).not.toContain('unknown-action');
  });
  it('Given a misspelled action in NotAction, then it warns there too, saying NotAction excludes nothing with it', () => {
    const text = policy({ Effect: 'Deny', NotAction: ['iam:*', 'sts:GetCallerIdentiy', 'sts:Frobnicate'], Resource: '*' });
    const p = checkPolicyText(text, identity).filter((x) => x.code === 'unknown-action');
    expect(p.map((x) => text.slice(x.from, x.to))).toEqual(['"sts:GetCallerIdentiy"', '"sts:Frobnicate"']);
    expect(p[0]!.message).toMatch(/did you mean sts:GetCallerIdentity\?/);
    expect(p[1]!.message).toMatch(/NotAction excludes nothing/);
  });
  it('Given a typo in an unknown service prefix, then only the prefix warning comes back (unchanged)', () => {
    const text = policy({ Effect: 'Allow', Action: 's4:GetObjects', Resource: '*' });
    expect(codes(text)).toEqual(['unknown-service-prefix']);
  });
  it('Given a service whose action list is not held (ec2), then its names are not judged', () => {
    expect(codes(policy({ Effect: 'Allow', Action: 'ec2:DescribeInstancez', Resource: '*' }))).toEqual([]);
  });
  it('Given a valid SQS action in a bucket policy, then the resource-type warning is unchanged and no unknown-action is added', () => {
    const text = policy({ Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'sqs:SendMessage', Resource: '*' });
    expect(codes(text, { kind: 'resource', resourceType: 's3-bucket' })).toEqual(['action-not-for-resource']);
  });
  it('Given a misspelled sts action in a trust policy, then it is flagged (the trust check lets every sts: action through)', () => {
    const text = policy({ Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'sts:AssumeRoel' });
    expect(find(text, 'unknown-action', { kind: 'trust' })?.message).toMatch(/did you mean sts:AssumeRole\?/);
  });
});

describe('hostile policy text', () => {
  it('Given a policy nested thousands of levels deep, then it is one located error, not a stack overflow', () => {
    const text = `{"Version": "2012-10-17",\n "Statement": ${'['.repeat(8_000)}`;
    const problems = checkPolicyText(text, identity);
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', code: 'too-deep', line: 2, column: 46 })]);
    expect(problems[0]?.message).toMatch(/nested deeper than 32 levels/);
    expect(statementRanges(text)).toEqual([]);
  });

  it('Given a policy nested just within the limit, then it is checked as usual', () => {
    const text = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:username': JSON.parse(`${'['.repeat(20)}"x"${']'.repeat(20)}`) } } });
    expect(codes(text)).not.toContain('too-deep');
  });

  // Without the cut-off, each "did you mean" compared the whole prefix with every known one (seconds per
  // check, and the editor checks twice per change). Run in a child process with a deadline.
  it('Given actions with very long unknown service prefixes, then they are warned about and the check answers', { timeout: 120_000 }, () => {
    const printed = printedInChild(
      { checkPolicyText: 'src/engine/check/index.ts' },
      `const actions = Array.from({ length: 40 }, (_, i) => 'q'.repeat(200000 + i) + ':GetObject');
       const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*', Condition: { StringEquals: { ['aws:' + 'k'.repeat(200000)]: 'x' } } }] });
       const problems = checkPolicyText(text, { kind: 'identity' });
       console.log(problems.filter((p) => p.code === 'unknown-service-prefix').length, problems.filter((p) => p.code === 'unknown-condition-key').length);`,
    );
    expect(printed).toBe('40 1');
  });
});

describe('edit distance with a cut-off', () => {
  /** The plain definition. */
  function levenshtein(a: string, b: string): number {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length]![b.length]!;
  }
  it('Given random pairs of names and cut-offs, then the distance is exact up to the cut-off and cut-off + 1 beyond it', () => {
    let seed = 5;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = () => Array.from({ length: Math.floor(rnd() * 12) }, () => 'abcd'[Math.floor(rnd() * 4)]).join('');
    for (let i = 0; i < 5_000; i++) {
      const a = word();
      const b = word();
      const max = Math.floor(rnd() * 6);
      const exact = levenshtein(a, b);
      expect(editDistance(a, b, max), `${a} ${b} ${max}`).toBe(exact <= max ? exact : max + 1);
      expect(editDistance(a, b)).toBe(exact);
    }
  });
});

describe('principals AWS would reject, with their one-click fix', () => {
  const resource: CheckOptions = { kind: 'resource', resourceType: 's3-bucket' };
  /** The text after applying a problem's fix. */
  const fixed = (text: string, code: string, opts: CheckOptions) => {
    const fix = find(text, code, opts)?.fix;
    return fix ? text.slice(0, fix.from) + fix.insert + text.slice(fix.to) : undefined;
  };

  // IAM User Guide: Grammar of the IAM JSON policy language — <principal_block> = ("Principal" | "NotPrincipal") : ("*" | <principal_map>)
  it('Given a user ARN written as a plain string Principal, then it is an error on the value that says it names no one, and the fix puts it under AWS', () => {
    const text = policy({ Effect: 'Allow', Principal: 'arn:aws:iam::111122223333:user/x', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
    const p = find(text, 'principal-not-an-object', resource);
    expect(p?.severity).toBe('error');
    expect(underlined(text, 'principal-not-an-object', resource)).toBe('"arn:aws:iam::111122223333:user/x"');
    expect(p?.message).toMatch(/names no one: only "\*" may be written that way/);
    expect(p?.fix?.label).toBe('Use { "AWS": "arn:aws:iam::111122223333:user/x" }');
    const after = fixed(text, 'principal-not-an-object', resource) as string;
    expect(JSON.parse(after).Statement[0].Principal).toEqual({ AWS: 'arn:aws:iam::111122223333:user/x' });
    // The fixed policy has no principal problem left.
    expect(codes(after, resource).filter((c) => c.includes('principal'))).toEqual([]);
  });

  it.each([
    ['111122223333', { AWS: '111122223333' }],
    ['arn:aws:iam::111122223333:root', { AWS: 'arn:aws:iam::111122223333:root' }],
    ['arn:aws:sts::111122223333:assumed-role/Role/s', { AWS: 'arn:aws:sts::111122223333:assumed-role/Role/s' }],
    ['events.amazonaws.com', { Service: 'events.amazonaws.com' }],
    ['cognito-identity.amazonaws.com', { Federated: 'cognito-identity.amazonaws.com' }],
    ['arn:aws:iam::111122223333:saml-provider/Corp', { Federated: 'arn:aws:iam::111122223333:saml-provider/Corp' }],
  ])('Given the plain string Principal %s, then the fix writes the object form %j', (value, object) => {
    const text = policy({ Effect: 'Allow', Principal: value, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
    expect(JSON.parse(fixed(text, 'principal-not-an-object', resource) as string).Statement[0].Principal).toEqual(object);
  });

  it('Given a list of account ARNs as Principal, then the fix puts the list under AWS; a mixed list gets no fix', () => {
    const list = policy({ Effect: 'Allow', Principal: ['111122223333', 'arn:aws:iam::444455556666:root'], Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
    expect(JSON.parse(fixed(list, 'principal-not-an-object', resource) as string).Statement[0].Principal).toEqual({ AWS: ['111122223333', 'arn:aws:iam::444455556666:root'] });
    const mixed = policy({ Effect: 'Allow', Principal: ['111122223333', 'events.amazonaws.com'], Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
    expect(find(mixed, 'principal-not-an-object', resource)?.fix).toBeUndefined();
  });

  it('Given a plain string that is no principal at all, then it is an error without a fix; "*" is fine', () => {
    const text = policy({ Effect: 'Allow', Principal: 'alice', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
    expect(find(text, 'principal-not-an-object', resource)?.fix).toBeUndefined();
    expect(find(text, 'principal-not-an-object', resource)?.message).toMatch(/Write an object such as/);
    expect(codes(policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } }), resource)).toEqual([]);
  });

  it('Given a plain string NotPrincipal in a Deny, then it is flagged the same way', () => {
    const text = policy({ Effect: 'Deny', NotPrincipal: 'arn:aws:iam::111122223333:root', Action: 's3:*', Resource: '*' });
    expect(find(text, 'principal-not-an-object', resource)?.message).toMatch(/^NotPrincipal is a plain string/);
  });

  it('Given a misspelled action, then the warning carries the same fix the inspector offers, replacing the name inside the quotes', () => {
    const text = policy({ Effect: 'Allow', Action: 's3:PutObjects', Resource: '*' });
    const p = find(text, 'unknown-action');
    expect(p?.fix).toMatchObject({ label: 'Use s3:PutObject', insert: 's3:PutObject' });
    expect(JSON.parse(fixed(text, 'unknown-action', identity) as string).Statement[0].Action).toBe('s3:PutObject');
  });
});
