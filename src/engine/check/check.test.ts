import { describe, expect, it } from 'vitest';
import { checkPolicyText, statementRanges, type CheckOptions, type PolicyContextKind } from './index';

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
  });
});
