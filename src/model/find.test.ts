import { describe, expect, it } from 'vitest';
import { seedCrossAccount } from './fixtures/seedCrossAccount';
import { findRows, matchesFind, parseFindQuery } from './find';
import { updatePrincipal } from './edit';

const s = updatePrincipal(seedCrossAccount, 'alice', (p) => ({ ...p, tags: { team: 'Payments' } }));
const rows = findRows(s);
const find = (q: string) => rows.filter((r) => matchesFind(r, parseFindQuery(q))).map((r) => r.id);

describe('finding what to draw', () => {
  it('Given words, then they match names, ARNs, accounts and types, all of them, whatever the case', () => {
    expect(find('ALICE')).toEqual(['alice']);
    expect(find('arn:aws:s3:::bucket-b')).toEqual(['bucket']);
    expect(find('exportrole 222222222222')).toEqual(['export-role']);
    expect(find('')).toHaveLength(rows.length);
  });

  it('Given type:, account: and tag: filters, then they narrow; an unknown type is said', () => {
    expect(find('type:role')).toEqual(['export-role', 'events-role']);
    expect(find('type:user account:111111111111')).toEqual(['alice']);
    expect(find('account:222222222222 type:bucket')).toEqual(['bucket']);
    expect(find('tag:team=payments')).toEqual(['alice']);
    expect(find('tag:team')).toEqual(['alice']);
    expect(find('tag:team=search')).toEqual([]);
    expect(parseFindQuery('type:spaceship').unknown).toEqual(['type:spaceship']);
  });

  it('Given accounts, then they are rows too, found by name or id', () => {
    expect(find('type:account account b')).toEqual(['222222222222']);
  });
});
