import { describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { compileCondition, compiledConditionMatches, evaluateCondition, isKnownConditionOperator, variableNotSubstituted } from './index';

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

// IAM policy elements: Variables and tags — "You can use a policy variable for Condition values in any
// condition that involves the string operators or the ARN operators … You can't use a policy variable with
// other operators, such as Numeric, Date, Boolean, Binary, IP Address, or Null operators."
describe('policy variables only in string and ARN operators', () => {
  const tagged = { 'aws:SecureTransport': 'true', 'aws:PrincipalTag/tls': 'true', 'aws:PrincipalTag/n': '5', 'aws:PrincipalTag/ip': '203.0.113.7', n: '5', 'aws:SourceIp': '203.0.113.7' };
  it('Given Bool with ${aws:PrincipalTag/tls} and the tag "true", then the value is literal and does not match; the literal "true" does', () => {
    expect(cond('Bool', 'aws:SecureTransport', ['${aws:PrincipalTag/tls}'], tagged)).toBe(false);
    expect(cond('Bool', 'aws:SecureTransport', ['true'], tagged)).toBe(true);
  });
  it('Given StringEquals with the same variable, then it is substituted and matches', () => {
    expect(cond('StringEquals', 'aws:SecureTransport', ['${aws:PrincipalTag/tls}'], tagged)).toBe(true);
  });
  it.each([
    ['NumericEquals', 'n', '${aws:PrincipalTag/n}'],
    ['IpAddress', 'aws:SourceIp', '${aws:PrincipalTag/ip}'],
    ['DateEquals', 'aws:PrincipalTag/n', '${aws:PrincipalTag/n}'],
    ['BinaryEquals', 'aws:PrincipalTag/n', '${aws:PrincipalTag/n}'],
  ])('Given %s with a variable whose value would match, then it is not substituted and does not match', (op, key, value) => {
    expect(cond(op, key, [value], tagged)).toBe(false);
  });
  it('Given the fast path and the explained path, then both leave a Bool variable unsubstituted', () => {
    const clause = { operator: 'Bool', key: 'aws:SecureTransport', values: ['${aws:PrincipalTag/tls}'] };
    expect(compiledConditionMatches(compileCondition(clause), createContext(tagged), true)).toBe(false);
    expect(evaluateCondition(clause, createContext(tagged), true).problem).toMatch(/Bool expects/);
  });
  it('Given a variable in a Numeric, Date, Bool, Binary, IP or Null value, then variableNotSubstituted explains it; in String or Arn operators it says nothing', () => {
    for (const op of ['NumericLessThan', 'DateGreaterThan', 'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'Null', 'ForAnyValue:NumericEquals', 'BoolIfExists']) {
      expect(variableNotSubstituted(op, '${aws:PrincipalTag/x}'), op).toMatch(/literal text/);
    }
    for (const op of ['StringEquals', 'StringLike', 'ArnLike', 'ForAllValues:StringNotEquals', 'ArnEqualsIfExists']) expect(variableNotSubstituted(op, '${aws:PrincipalTag/x}'), op).toBeUndefined();
    expect(variableNotSubstituted('Bool', 'true')).toBeUndefined();
  });
});

// Single-valued vs. multivalued context keys — ForAllValues "also returns true if there are no keys in the
// request, or if the key values resolve to a null data set, such as an empty string"; ForAnyValue: "For no
// matching key or a null dataset, the condition returns false".
describe('a key whose values resolve to a null data set (the empty string)', () => {
  it('Given ForAllValues:StringEquals [env], when aws:TagKeys is [""], then it is true; when it is ["team"], false', () => {
    expect(cond('ForAllValues:StringEquals', 'aws:TagKeys', ['env'], { 'aws:TagKeys': [''] })).toBe(true);
    expect(cond('ForAllValues:StringEquals', 'aws:TagKeys', ['env'], { 'aws:TagKeys': ['team'] })).toBe(false);
  });
  it('Given ForAnyValue:StringNotEquals [env], when aws:TagKeys is [""], then it is false (null data set); when it is ["team"], true', () => {
    expect(cond('ForAnyValue:StringNotEquals', 'aws:TagKeys', ['env'], { 'aws:TagKeys': [''] })).toBe(false);
    expect(cond('ForAnyValue:StringNotEquals', 'aws:TagKeys', ['env'], { 'aws:TagKeys': ['team'] })).toBe(true);
  });
  it('Given ForAnyValue:StringEqualsIfExists, when the key is present but empty, then it is false (the key exists); when absent, true', () => {
    expect(cond('ForAnyValue:StringEqualsIfExists', 'aws:TagKeys', [''], { 'aws:TagKeys': [''] })).toBe(false);
    expect(cond('ForAnyValue:StringEqualsIfExists', 'aws:TagKeys', [''], {})).toBe(true);
  });
  it('Given a plain StringEquals "" (no set qualifier), when the value is "", then it compares as usual and matches', () => {
    expect(cond('StringEquals', 'k', [''], { k: '' })).toBe(true);
  });
  it('Given the fast path, then it agrees with the explained path on a null data set', () => {
    for (const op of ['ForAllValues:StringEquals', 'ForAnyValue:StringNotEquals', 'ForAnyValue:StringEquals']) {
      const clause = { operator: op, key: 'aws:TagKeys', values: ['env'] };
      const ctx = createContext({ 'aws:TagKeys': ['', ''] });
      expect(compiledConditionMatches(compileCondition(clause), ctx, true), op).toBe(evaluateCondition(clause, ctx, true).matched);
    }
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
