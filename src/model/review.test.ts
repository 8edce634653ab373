import { describe, expect, it } from 'vitest';
import { seedCrossAccount } from './fixtures/seedCrossAccount';
import { removeIds } from './edit';
import { parseScenario } from './parse';
import { intendedMark, intendedState, markIntended, reviewDepth, reviewZone, setReviewDepth, setReviewZone, unmarkIntended } from './review';

const seed = seedCrossAccount;

describe('the access review in a scenario', () => {
  it('Given a scenario with an organization and no review, then the zone of trust is that organization and the depth is 5', () => {
    expect(reviewZone(seed)).toEqual({ kind: 'organization', organizationId: 'o-exampleorg1' });
    expect(reviewDepth(seed)).toBe(5);
  });

  it('Given a zone, depth and an intended finding, when the scenario goes through the one door, then they come back as written', () => {
    const s = markIntended(setReviewDepth(setReviewZone(seed, { kind: 'account', accountId: '222222222222' }), 3), 'bucket', 'account:111111111111', ['s3:PutObject'], 'the export');
    const parsed = parseScenario(JSON.parse(JSON.stringify(s)));
    expect(parsed.ok && parsed.scenario.review).toEqual({ zone: { kind: 'account', accountId: '222222222222' }, maxDepth: 3, intended: [{ resourceId: 'bucket', principal: 'account:111111111111', actions: ['s3:PutObject'], note: 'the export' }] });
  });

  it('Given a review whose zone names an account the scenario does not have, then parsing says where', () => {
    const parsed = parseScenario({ ...JSON.parse(JSON.stringify(seed)), review: { zone: { kind: 'account', accountId: '333333333333' } } });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors[0]).toEqual({ path: '$.review.zone.accountId', message: "The account 333333333333 is not one of the scenario's accounts." });
  });

  it('Given an intended mark on something that is not a resource or role, or with a malformed principal, then parsing refuses it with its path', () => {
    const bad = parseScenario({ ...JSON.parse(JSON.stringify(seed)), review: { intended: [{ resourceId: 'alice', principal: 'public' }, { resourceId: 'bucket', principal: 'everyone' }] } });
    expect(!bad.ok && bad.errors.map((e) => e.path)).toEqual(['$.review.intended[1].principal']);
    const notReachable = parseScenario({ ...JSON.parse(JSON.stringify(seed)), review: { intended: [{ resourceId: 'alice', principal: 'public' }] } });
    expect(!notReachable.ok && notReachable.errors[0]?.path).toBe('$.review.intended[0].resourceId');
  });

  it('Given a mark, then the finding is intended while it grants no more than the marked actions, and changed when it grants more', () => {
    const s = markIntended(seed, 'bucket', 'public', ['s3:GetObject']);
    const mark = intendedMark(s, 'bucket', 'public');
    expect(intendedState(mark, ['s3:GetObject'])).toEqual({ state: 'intended', added: [] });
    expect(intendedState(mark, ['s3:GetObject', 's3:PutObject'])).toEqual({ state: 'changed', added: ['s3:PutObject'] });
    expect(intendedState(undefined, ['s3:GetObject']).state).toBe('open');
    expect(unmarkIntended(s, 'bucket', 'public').review?.intended).toEqual([]);
    expect(unmarkIntended(seed, 'bucket', 'public')).toBe(seed);
  });

  it('Given the marked resource or the zone\'s account deleted, then the review forgets them', () => {
    const s = markIntended(setReviewZone(seed, { kind: 'account', accountId: '222222222222' }), 'bucket', 'p:alice', ['s3:PutObject']);
    expect(removeIds(s, new Set(['bucket'])).review).toEqual({ zone: { kind: 'account', accountId: '222222222222' }, intended: [] });
    expect(removeIds(s, new Set(['alice'])).review?.intended).toEqual([]);
    expect(removeIds(s, new Set(['222222222222'])).review?.zone).toBeUndefined();
  });
});
