import { describe, expect, it } from 'vitest';
import { excludedByNotPrincipal, matchPrincipal, type PrincipalIdentity } from './principal';

const A = '111111111111';
const bob: PrincipalIdentity = { arn: `arn:aws:iam::${A}:user/bob`, isService: false, account: A, hasPermissionsBoundary: false };
const sess: PrincipalIdentity = {
  arn: `arn:aws:sts::${A}:assumed-role/R/s`, isService: false, account: A, roleArn: `arn:aws:iam::${A}:role/R`, hasPermissionsBoundary: false,
};
const events: PrincipalIdentity = { arn: 'events.amazonaws.com', isService: true, hasPermissionsBoundary: false };

describe('Principal element', () => {
  it('Given a user ARN, when it names the requester, then it is a direct match', () => {
    expect(matchPrincipal({ AWS: [bob.arn] }, bob)).toBe('direct');
  });
  it('Given a bare account id or the root ARN, then it is an account match', () => {
    expect(matchPrincipal({ AWS: [A] }, bob)).toBe('account');
    expect(matchPrincipal({ AWS: [`arn:aws:iam::${A}:root`] }, bob)).toBe('account');
  });
  it('Given a role ARN, when a session of that role asks, then it is a role match', () => {
    expect(matchPrincipal({ AWS: [`arn:aws:iam::${A}:role/R`] }, sess)).toBe('role');
  });
  it('Given both the account and the user, then the strongest (direct) wins', () => {
    expect(matchPrincipal({ AWS: [A, bob.arn] }, bob)).toBe('direct');
  });
  it('Given "*" or {"AWS": "*"}, then everyone matches', () => {
    expect(matchPrincipal('*', events)).toBe('wildcard');
    expect(matchPrincipal({ AWS: ['*'] }, bob)).toBe('wildcard');
  });
  it('Given a Service principal, when the service asks, then it matches; an AWS value never names a service', () => {
    expect(matchPrincipal({ Service: ['events.amazonaws.com'] }, events)).toBe('service');
    expect(matchPrincipal({ AWS: [A] }, events)).toBeUndefined();
  });
  it('Given a wildcard inside a principal ARN, then it matches nothing (wildcards are not supported there)', () => {
    expect(matchPrincipal({ AWS: [`arn:aws:iam::${A}:user/*`] }, bob)).toBeUndefined();
  });
});

describe('NotPrincipal with Deny', () => {
  it('Given the user and its account listed, then the user escapes the deny', () => {
    expect(excludedByNotPrincipal({ AWS: [bob.arn, `arn:aws:iam::${A}:root`] }, bob, 'Deny')).toBe(true);
  });
  it('Given only the user listed, then the account is denied and so is the user', () => {
    expect(excludedByNotPrincipal({ AWS: [bob.arn] }, bob, 'Deny')).toBe(false);
  });
  it('Given a session, when its role ARN is missing from the list, then it is still denied', () => {
    expect(excludedByNotPrincipal({ AWS: [sess.arn, A] }, sess, 'Deny')).toBe(false);
    expect(excludedByNotPrincipal({ AWS: [sess.arn, sess.roleArn ?? '', A] }, sess, 'Deny')).toBe(true);
  });
  it('Given a principal with a permissions boundary, then a NotPrincipal Deny always applies', () => {
    expect(excludedByNotPrincipal({ AWS: [bob.arn, A] }, { ...bob, hasPermissionsBoundary: true }, 'Deny')).toBe(false);
  });
});
