import { describe, expect, it } from 'vitest';
import { arnMatch, splitArn, wildcardMatch } from './wildcard';

describe('wildcards', () => {
  it('Given "*", when matched against anything, then it matches', () => {
    expect(wildcardMatch('*', 'anything:at/all')).toBe(true);
    expect(arnMatch('*', 'not-an-arn')).toBe(true);
  });
  it('Given "?", when matched, then it stands for exactly one character', () => {
    expect(wildcardMatch('s3:Get?bject', 's3:GetObject')).toBe(true);
    expect(wildcardMatch('bucket-??', 'bucket-abc')).toBe(false);
  });
  it('Given regex metacharacters in a pattern, when matched, then they are literal', () => {
    expect(wildcardMatch('a.b(c)', 'a.b(c)')).toBe(true);
    expect(wildcardMatch('a.b', 'axb')).toBe(false);
  });
  it('Given ignoreCase, when an action differs only in case, then it matches; without, it does not', () => {
    expect(wildcardMatch('S3:getobject', 's3:GetObject', true)).toBe(true);
    expect(wildcardMatch('S3:getobject', 's3:GetObject')).toBe(false);
  });
});

describe('ARN matching', () => {
  it('Given an ARN with colons in the resource part, when split, then the resource keeps its colons', () => {
    expect(splitArn('arn:aws:s3:::b/a:b:c')).toEqual(['arn', 'aws', 's3', '', '', 'b/a:b:c']);
    expect(splitArn('not:an:arn')).toBeUndefined();
  });
  it('Given a bucket ARN, when matched against an object ARN, then it does not match (case-sensitive, no implied wildcard)', () => {
    expect(arnMatch('arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/x')).toBe(false);
    expect(arnMatch('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/x')).toBe(true);
    expect(arnMatch('arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/x')).toBe(false);
  });
  it('Given a wildcard in one segment, when the value would need it to span a colon, then it does not match', () => {
    expect(arnMatch('arn:aws:iam::*', 'arn:aws:iam::111111111111:role/x')).toBe(false);
    expect(arnMatch('arn:aws:iam::*:role/*', 'arn:aws:iam::111111111111:role/x')).toBe(true);
  });
});

describe('fast matchers agree with the plain definition', () => {
  /** The definition, written the slow way: segment by segment with regular expressions. */
  function reference(pattern: string, value: string): boolean {
    const re = (p: string, last: boolean) => new RegExp('^' + p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, last ? '.*' : '[^:]*').replace(/\?/g, last ? '.' : '[^:]') + '$', 's');
    if (pattern === '*') return true;
    const p = splitArn(pattern);
    const v = splitArn(value);
    if (!v) return new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 's').test(value);
    if (!p) return pattern === value;
    return p.every((seg, i) => re(seg, i === 5).test(v[i] as string));
  }
  it('Given thousands of random ARN patterns and values, then the compiled matcher and the definition agree', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = (s: string) => s[Math.floor(rnd() * s.length)] as string;
    const segments = ['arn', 'aws', 's3', 'sqs', '', 'us-east-1', '111111111111', 'bucket/key', 'bucket/a:b', 'queue'];
    const mutate = (text: string): string => {
      let out = '';
      for (const ch of text) out += rnd() < 0.15 ? pick('*?') : ch;
      return rnd() < 0.2 ? out + '*' : out;
    };
    for (let i = 0; i < 4000; i++) {
      const value = ['arn', 'aws', pick('ab') === 'a' ? 's3' : 'sqs', rnd() < 0.5 ? '' : 'us-east-1', rnd() < 0.5 ? '' : '111111111111', segments[7 + Math.floor(rnd() * 3)]].join(':');
      const pattern = rnd() < 0.1 ? mutate(value).replace(/:/g, '') : value.split(':').map((s, j) => (j === 0 ? s : mutate(s))).join(':');
      expect(arnMatch(pattern, value), `${pattern} vs ${value}`).toBe(reference(pattern, value));
    }
  });
});
