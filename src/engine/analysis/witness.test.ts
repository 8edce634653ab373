import { describe, expect, it } from 'vitest';
import { choose } from './witness';

describe('values that make a condition hold or fail', () => {
  it('Given StringEquals on an external id, when it must hold, then the policy value is chosen', () => {
    expect(choose({ operator: 'StringEquals', key: 'sts:ExternalId', values: ['x-123'] }, true)).toEqual({ values: ['x-123'] });
  });

  it('Given ArnLike with wildcards, when it must hold, then a concrete ARN the pattern matches is chosen', () => {
    expect(choose({ operator: 'ArnLike', key: 'aws:SourceArn', values: ['arn:aws:events:*:111111111111:rule/*'] }, true)).toEqual({ values: ['arn:aws:events:x:111111111111:rule/x'] });
  });

  it('Given a filter that keeps an ARN in its own account, then a pattern for another account is refused', () => {
    const own = (v: string) => (v.split(':')[4] === '222222222222' ? v : undefined);
    expect(choose({ operator: 'ArnEquals', key: 'aws:PrincipalArn', values: ['arn:aws:iam::111111111111:role/admin'] }, true, own, false)).toBeUndefined();
  });

  it('Given a Deny that applies when MFA is absent (BoolIfExists false), when it must fail, then MFA "true" is chosen (the key cannot simply be left out)', () => {
    expect(choose({ operator: 'BoolIfExists', key: 'aws:MultiFactorAuthPresent', values: ['false'] }, false)).toEqual({ values: ['true'] });
  });

  it('Given Bool SecureTransport false in a Deny, when it must fail, then leaving the key out is enough', () => {
    expect(choose({ operator: 'Bool', key: 'aws:SecureTransport', values: ['false'] }, false)).toBe('absent');
  });

  it('Given IpAddress with a CIDR, when it must hold, then an address in the range is chosen', () => {
    expect(choose({ operator: 'IpAddress', key: 'aws:SourceIp', values: ['203.0.113.0/24'] }, true)).toEqual({ values: ['203.0.113.0'] });
  });

  it('Given NumericLessThan, when it must hold, then a smaller number is chosen', () => {
    expect(choose({ operator: 'NumericLessThan', key: 'aws:MultiFactorAuthAge', values: ['3600'] }, true)).toEqual({ values: ['3599'] });
  });
});
