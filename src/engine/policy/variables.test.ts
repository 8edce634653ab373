import { describe, expect, it } from 'vitest';
import { createContext } from './context';
import { substituteVariables } from './variables';

const ctx = createContext({ 'aws:username': 'bob', 'aws:PrincipalTag/team': 'blue', multi: ['a', 'b'] });

describe('policy variables', () => {
  it('Given a known key, then it is substituted', () => {
    expect(substituteVariables('arn:aws:s3:::home/${aws:username}/*', ctx)).toBe('arn:aws:s3:::home/bob/*');
    expect(substituteVariables('${aws:PrincipalTag/team}-data', ctx)).toBe('blue-data');
  });
  it('Given the escapes ${*} ${?} ${$}, then they become literal characters', () => {
    expect(substituteVariables('a${*}b${?}c${$}', ctx)).toBe('a*b?c$');
  });
  it('Given an absent key with a default, then the default is used; without one, nothing resolves', () => {
    expect(substituteVariables("${aws:PrincipalTag/cost, 'none'}", ctx)).toBe('none');
    expect(substituteVariables('${aws:PrincipalTag/cost}', ctx)).toBeUndefined();
  });
  it('Given a multivalued key, then it cannot be substituted', () => {
    expect(substituteVariables('${multi}', ctx)).toBeUndefined();
  });
});

describe('special characters in patterns', () => {
  // IAM policy elements: Variables and tags — "${*} - use where you need an * (asterisk) character".
  it('Given ${*} in a Resource, when substituted as a pattern, then it matches a literal asterisk only', async () => {
    const { arnMatch } = await import('./wildcard');
    const pattern = substituteVariables('arn:aws:s3:::bucket/${*}', ctx, true) as string;
    expect(arnMatch(pattern, 'arn:aws:s3:::bucket/*')).toBe(true);
    expect(arnMatch(pattern, 'arn:aws:s3:::bucket/report.csv')).toBe(false);
  });
  it('Given a substituted value that contains * or ?, when used as a pattern, then those characters are literal', async () => {
    const { wildcardMatch } = await import('./wildcard');
    const odd = createContext({ 'aws:PrincipalTag/team': 'a*' });
    const pattern = substituteVariables('home/${aws:PrincipalTag/team}', odd, true) as string;
    expect(wildcardMatch(pattern, 'home/a*')).toBe(true);
    expect(wildcardMatch(pattern, 'home/abc')).toBe(false);
  });
});
