import { describe, expect, it } from 'vitest';
import { compilePolicy, normalizePolicy } from './normalize';

/**
 * Compiled statements share their Action and Resource lists by content (interned). Sharing must never mix
 * up two different lists, and an edited document must be compiled anew.
 */
const V = '2012-10-17';
const policy = (...Statement: object[]) => ({ Version: V, Statement });
const admits = (doc: object, action: string): boolean[] => compilePolicy(normalizePolicy(doc).policy).rules.map((r) => r.admits(action.toLowerCase()));

describe('interned Action and Resource lists', () => {
  it('Given lists that share a first or a last action, then each admits only its own actions', () => {
    const doc = policy(
      { Effect: 'Allow', Action: ['s3:DeleteObject'], Resource: '*' },
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' },
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:DeleteObject'], Resource: '*' },
    );
    expect(admits(doc, 's3:GetObject')).toEqual([false, true, true]);
    expect(admits(doc, 's3:DeleteObject')).toEqual([true, false, true]);
  });

  it('Given the same actions in two policies, then they share one compiled list; a different list has its own', () => {
    const one = compilePolicy(normalizePolicy(policy({ Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:ReceiveMessage'], Resource: '*' })).policy).rules[0]!;
    const two = compilePolicy(normalizePolicy(policy({ Effect: 'Deny', Action: ['sqs:SendMessage', 'sqs:ReceiveMessage'], Resource: 'arn:aws:sqs:*:*:q' })).policy).rules[0]!;
    const other = compilePolicy(normalizePolicy(policy({ Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:SendMessage'], Resource: '*' })).policy).rules[0]!;
    expect(one.actionSet).toBe(two.actionSet);
    expect(other.actionSet).not.toBe(one.actionSet);
    // Written in another order: the explanation names the first pattern as written.
    expect(other.actionSet.first('sqs:sendmessage')).toBe('sqs:SendMessage');
    expect(one.resourceSet).not.toBe(two.resourceSet);
  });

  it('Given Resource lists that differ only in their last entry, then each matches only its own resources', () => {
    const doc = policy(
      { Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'] },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::a/*', 'arn:aws:s3:::c/*'] },
    );
    const rules = compilePolicy(normalizePolicy(doc).policy).rules;
    const matches = (i: number, arn: string) => rules[i]!.resourceSet!.matchers.some((m) => m?.(arn));
    expect([matches(0, 'arn:aws:s3:::b/k'), matches(1, 'arn:aws:s3:::b/k')]).toEqual([true, false]);
    expect([matches(0, 'arn:aws:s3:::c/k'), matches(1, 'arn:aws:s3:::c/k')]).toEqual([false, true]);
  });
});

describe('compiled policies follow their document', () => {
  it('Given a document normalized once, when it is normalized again, then the same compiled policy is returned', () => {
    const doc = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
    expect(normalizePolicy(doc).policy).toBe(normalizePolicy(doc).policy);
  });

  it('Given a document edited as the store edits (a new object), then its new statements are compiled and the old ones are not reused', () => {
    const doc = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
    expect(admits(doc, 's3:GetObject')).toEqual([true]);
    const edited = { ...doc, Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }] };
    expect(admits(edited, 's3:GetObject')).toEqual([false]);
    expect(admits(edited, 's3:PutObject')).toEqual([true]);
    expect(admits(doc, 's3:GetObject')).toEqual([true]);
  });

  it('Given a policy built by hand (not normalized), then it is compiled as written', () => {
    const hand = { version: V, statements: [{ index: 0, effect: 'Allow' as const, notAction: ['iam:*'], conditions: [] }] };
    const rules = compilePolicy(hand).rules;
    expect(rules[0]!.admits('s3:getobject')).toBe(true);
    expect(rules[0]!.admits('iam:createuser')).toBe(false);
  });
});
