import { describe, expect, it } from 'vitest';
import { HEAVY_TEST_MS } from '../../testing/timeouts';
import { arnMatch, compileResourcePattern, LITERAL_STAR, splitArn, wildcardMatch } from './wildcard';

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
    // Disagreements are collected and compared once: an expect (and its message) per pair cost most of the time.
    const disagree: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const value = ['arn', 'aws', pick('ab') === 'a' ? 's3' : 'sqs', rnd() < 0.5 ? '' : 'us-east-1', rnd() < 0.5 ? '' : '111111111111', segments[7 + Math.floor(rnd() * 3)]].join(':');
      const pattern = rnd() < 0.1 ? mutate(value).replace(/:/g, '') : value.split(':').map((s, j) => (j === 0 ? s : mutate(s))).join(':');
      if (arnMatch(pattern, value) !== reference(pattern, value)) disagree.push(`${pattern} vs ${value}`);
    }
    expect(disagree.slice(0, 5)).toEqual([]);
  }, HEAVY_TEST_MS);
});

/**
 * IAM JSON policy elements: Resource — "If the * wildcard is the last character of a resource ARN segment, it
 * can expand to match beyond the colon boundaries." The Condition operators page: "With an ArnLike condition,
 * which matches elements between colons, the match fails."
 */
describe('the Resource element reads a segment-ending * across colons', () => {
  const resource = (pattern: string, value: string): boolean => compileResourcePattern(pattern)(value);
  const queue = 'arn:aws:sqs:us-east-1:111111111111:orders';

  it('Given Resource arn:aws:sqs:us-east-1:*, when matched against a queue in us-east-1, then it matches; in us-west-2, it does not', () => {
    expect(resource('arn:aws:sqs:us-east-1:*', queue)).toBe(true);
    expect(resource('arn:aws:sqs:us-east-1:*', 'arn:aws:sqs:us-west-2:111111111111:orders')).toBe(false);
  });
  it('Given Resource arn:aws:sqs:*, when matched against any queue, then it matches; a topic does not', () => {
    expect(resource('arn:aws:sqs:*', queue)).toBe(true);
    expect(resource('arn:aws:sqs:*', 'arn:aws:sns:us-east-1:111111111111:orders')).toBe(false);
  });
  it('Given the same short patterns in ArnLike, then they do not match (six segments, each on its own)', () => {
    expect(arnMatch('arn:aws:sqs:us-east-1:*', queue)).toBe(false);
    expect(arnMatch('arn:aws:sqs:*', queue)).toBe(false);
  });
  it('Given a * that ends a segment in the middle of the pattern, then in Resource it runs on past colons; in ArnLike it does not', () => {
    const fn = 'arn:aws:lambda:us-east-1:111111111111:function:process';
    expect(resource('arn:aws:lambda:*:function:process', fn)).toBe(true);
    expect(arnMatch('arn:aws:lambda:*:function:process', fn)).toBe(false);
    const doc = 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt';
    expect(resource('arn:aws:someservice:*:111122223333:finance/*', doc)).toBe(true);
    expect(arnMatch('arn:aws:someservice:*:111122223333:finance/*', doc)).toBe(false);
  });
  it('Given a * inside a segment or a ?, then it stays within its segment', () => {
    expect(resource('arn:aws:sqs:us-*-1:111111111111:orders', queue)).toBe(true);
    expect(resource('arn:aws:sqs:us-*:orders', queue)).toBe(true);
    expect(resource('arn:aws:sqs:u*1:orders', queue)).toBe(false);
    expect(resource('arn:aws:sqs:us-east-?:*', queue)).toBe(true);
    expect(resource('arn:aws:sqs:us-east-?:*', 'arn:aws:sqs:us-east-:1:111111111111:orders')).toBe(false);
  });
  it('Given a short pattern without a wildcard at its end, then it matches no ARN', () => {
    expect(resource('arn:aws:sqs:us-east-1', queue)).toBe(false);
    expect(resource('arn:aws:sqs:us-east-1:111111111111', queue)).toBe(false);
  });
  it('Given a literal * from a policy variable at the end of a segment, then it is literal and does not expand', () => {
    expect(resource(`arn:aws:sqs:us-east-1:${LITERAL_STAR}`, queue)).toBe(false);
    expect(resource(`arn:aws:sqs:*:${LITERAL_STAR}:orders`, 'arn:aws:sqs:us-east-1:*:orders')).toBe(true);
  });

  it('Given thousands of random patterns, then the compiled Resource matcher agrees with its definition as one regular expression', () => {
    /** The definition: before the fifth colon a * that ends a segment is .*, any other * is [^:]*, ? is [^:]. */
    function reference(pattern: string, value: string): boolean {
      if (pattern === '*') return true;
      let colons = 0;
      let source = '';
      for (let i = 0; i < pattern.length; i++) {
        const ch = pattern[i] as string;
        if (ch === '*') source += colons >= 5 || i === pattern.length - 1 || pattern[i + 1] === ':' ? '.*' : '[^:]*';
        else if (ch === '?') source += colons >= 5 ? '.' : '[^:]';
        else {
          if (ch === ':') colons++;
          source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
        }
      }
      return new RegExp('^' + source + '$', 's').test(value);
    }
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
    const values = [queue, 'arn:aws:sqs:us-east-1:111111111111:a:b', 'arn:aws:s3:::bucket/a:b/c', 'arn:aws:lambda:us-east-1:111111111111:function:process', 'arn:aws:iam::111111111111:role/x'];
    const disagree: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const value = pick(values);
      const parts = value.split(':').slice(0, 2 + Math.floor(rnd() * 6));
      const pattern = parts
        .map((s, j) => {
          if (j < 1) return s;
          let out = '';
          for (const ch of s) out += rnd() < 0.12 ? pick(['*', '?']) : ch;
          return rnd() < 0.3 ? out + '*' : out;
        })
        .join(':');
      if (resource(pattern, value) !== reference(pattern, value)) disagree.push(`${pattern} vs ${value}`);
    }
    expect(disagree.slice(0, 5)).toEqual([]);
  }, HEAVY_TEST_MS);
});
