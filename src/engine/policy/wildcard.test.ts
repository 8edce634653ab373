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
