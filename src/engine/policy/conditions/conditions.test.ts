import { describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { evaluateCondition, isKnownConditionOperator } from './index';

/** Evaluates `{operator: {key: values}}` against a context. */
function cond(operator: string, key: string, values: string[], ctx: Record<string, string | string[]>, substitute = true): boolean {
  return evaluateCondition({ operator, key, values }, createContext(ctx), substitute).matched;
}

describe('string operators', () => {
  it.each([
    ['StringEquals', ['a'], 'a', true],
    ['StringEquals', ['A'], 'a', false],
    ['StringEqualsIgnoreCase', ['A'], 'a', true],
    ['StringNotEquals', ['a', 'b'], 'c', true],
    ['StringNotEquals', ['a', 'b'], 'b', false],
    ['StringNotEqualsIgnoreCase', ['B'], 'b', false],
    ['StringLike', ['arn:aws:*:x'], 'arn:aws:s3:us:x', true],
    ['StringLike', ['a?c'], 'abc', true],
    ['StringNotLike', ['prod-*'], 'dev-1', true],
  ])('Given %s %j, when the request has %s, then it matches: %s', (op, values, value, expected) => {
    expect(cond(op, 'k', values, { k: value })).toBe(expected);
  });

  it('Given condition key names, when their case differs from the request, then they still match (keys are case-insensitive)', () => {
    expect(cond('StringEquals', 'AWS:SourceAccount', ['1'], { 'aws:SourceAccount': '1' })).toBe(true);
  });
});

describe('absent keys', () => {
  it('Given a positive operator, when the key is absent, then it does not match', () => {
    expect(cond('StringEquals', 'k', ['a'], {})).toBe(false);
  });
  it('Given a negated operator, when the key is absent, then it matches', () => {
    expect(cond('StringNotEquals', 'k', ['a'], {})).toBe(true);
    expect(cond('ArnNotLike', 'k', ['arn:aws:iam::*:role/x'], {})).toBe(true);
  });
  it('Given ...IfExists, when the key is absent, then it matches; when present, it tests normally', () => {
    expect(cond('StringEqualsIfExists', 'k', ['a'], {})).toBe(true);
    expect(cond('StringEqualsIfExists', 'k', ['a'], { k: 'b' })).toBe(false);
    expect(cond('BoolIfExists', 'aws:MultiFactorAuthPresent', ['false'], {})).toBe(true);
  });
  it('Given Null true/false, then it tests absence/presence', () => {
    expect(cond('Null', 'k', ['true'], {})).toBe(true);
    expect(cond('Null', 'k', ['true'], { k: 'x' })).toBe(false);
    expect(cond('Null', 'k', ['false'], { k: 'x' })).toBe(true);
  });
});

describe('set operators', () => {
  it('Given ForAnyValue, when one request value is listed, then it matches; absent key does not', () => {
    expect(cond('ForAnyValue:StringEquals', 'tags', ['a', 'b'], { tags: ['x', 'b'] })).toBe(true);
    expect(cond('ForAnyValue:StringEquals', 'tags', ['a'], {})).toBe(false);
  });
  it('Given ForAllValues, when every request value is listed, then it matches; one extra fails; absent key matches', () => {
    expect(cond('ForAllValues:StringEquals', 'attrs', ['a', 'b', 'c'], { attrs: ['a', 'c'] })).toBe(true);
    expect(cond('ForAllValues:StringEquals', 'attrs', ['a'], { attrs: ['a', 'z'] })).toBe(false);
    expect(cond('ForAllValues:StringEquals', 'attrs', ['a'], {})).toBe(true);
  });
  it('Given ForAnyValue with a negated operator, when some request value is not listed, then it matches', () => {
    expect(cond('ForAnyValue:StringNotEquals', 'tags', ['a'], { tags: ['a', 'b'] })).toBe(true);
    expect(cond('ForAnyValue:StringNotEquals', 'tags', ['a'], { tags: ['a'] })).toBe(false);
  });
});

describe('ARN operators', () => {
  it('Given ArnLike, when a wildcard would have to span segments, then it does not match', () => {
    expect(cond('ArnLike', 'aws:SourceArn', ['arn:aws:sns:*:123'], { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123:topic' })).toBe(false);
    expect(cond('ArnLike', 'aws:SourceArn', ['arn:aws:sns:*:123:*'], { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123:topic' })).toBe(true);
  });
  it('Given ArnEquals, when wildcards are used, then it behaves like ArnLike', () => {
    expect(cond('ArnEquals', 'aws:PrincipalArn', ['arn:aws:iam::*:role/admin'], { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/admin' })).toBe(true);
  });
});

describe('numeric, date, IP, bool', () => {
  it('Given NumericLessThan 10, then 9 matches, 10 does not, and a malformed number never matches', () => {
    expect(cond('NumericLessThan', 'n', ['10'], { n: '9' })).toBe(true);
    expect(cond('NumericLessThan', 'n', ['10'], { n: '10' })).toBe(false);
    const bad = evaluateCondition({ operator: 'NumericEquals', key: 'n', values: ['ten'] }, createContext({ n: '10' }), true);
    expect(bad.matched).toBe(false);
    expect(bad.problem).toMatch(/not a number/);
  });
  it('Given DateGreaterThan, then ISO and epoch values compare as times', () => {
    expect(cond('DateGreaterThan', 'aws:CurrentTime', ['2020-01-01T00:00:00Z'], { 'aws:CurrentTime': '2026-11-22T00:00:00Z' })).toBe(true);
    expect(cond('DateLessThan', 'aws:EpochTime', ['1600000000'], { 'aws:EpochTime': '1500000000' })).toBe(true);
  });
  it('Given IpAddress with a CIDR, then addresses inside match and NotIpAddress inverts', () => {
    expect(cond('IpAddress', 'aws:SourceIp', ['203.0.113.0/24'], { 'aws:SourceIp': '203.0.113.7' })).toBe(true);
    expect(cond('IpAddress', 'aws:SourceIp', ['203.0.113.0/24'], { 'aws:SourceIp': '203.0.114.7' })).toBe(false);
    expect(cond('NotIpAddress', 'aws:SourceIp', ['203.0.113.0/24'], { 'aws:SourceIp': '198.51.100.1' })).toBe(true);
    expect(cond('IpAddress', 'aws:SourceIp', ['2001:db8::/32'], { 'aws:SourceIp': '2001:db8:1::5' })).toBe(true);
    expect(cond('IpAddress', 'aws:SourceIp', ['10.0.0.1'], { 'aws:SourceIp': '10.0.0.2' })).toBe(false);
  });
  it('Given Bool, then true/false compare case-insensitively', () => {
    expect(cond('Bool', 'aws:SecureTransport', ['True'], { 'aws:SecureTransport': 'true' })).toBe(true);
  });
});

describe('policy variables in values', () => {
  it('Given ${aws:username} under 2012-10-17, then it is replaced by the request value', () => {
    expect(cond('StringLike', 's3:prefix', ['home/${aws:username}/*'], { 's3:prefix': 'home/bob/x', 'aws:username': 'bob' })).toBe(true);
  });
  it('Given the same policy under an older Version, then the variable is a literal', () => {
    expect(cond('StringLike', 's3:prefix', ['home/${aws:username}/*'], { 's3:prefix': 'home/bob/x', 'aws:username': 'bob' }, false)).toBe(false);
  });
  it('Given a variable whose key is absent, then the value matches nothing', () => {
    expect(cond('StringEquals', 'k', ['${aws:PrincipalTag/team}'], { k: '' })).toBe(false);
  });
});

describe('operator names', () => {
  it('Given known and unknown operators, then they are told apart', () => {
    expect(isKnownConditionOperator('ForAllValues:StringLikeIfExists')).toBe(true);
    expect(isKnownConditionOperator('NullIfExists')).toBe(false);
    expect(isKnownConditionOperator('StringEqual')).toBe(false);
    const r = evaluateCondition({ operator: 'StringEqual', key: 'k', values: ['a'] }, createContext({ k: 'a' }), true);
    expect(r.matched).toBe(false);
    expect(r.problem).toMatch(/Unknown condition operator/);
  });
});
