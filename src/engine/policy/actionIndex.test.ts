import { describe, expect, it } from 'vitest';
import { prng } from '../differential/generate';
import { evaluatePolicy } from '../evaluate/policySet';
import { createContext } from './context';
import { ACTION_INDEX_MIN } from './compile';
import { compiledOf, compilePolicy, normalizePolicy, sourced } from './normalize';
import type { StatementRequest } from './statement';
import { HEAVY_TEST_MS } from '../../testing/timeouts';

/**
 * The action index is a pre-filter: for every action, the statements it hands the evaluator must be exactly
 * the statements whose Action / NotAction element admits that action, in the policy's order — what a full
 * scan of the policy finds. Checked over generated policies and actions (a property test).
 */
const V = '2012-10-17';
const SERVICES = ['s3', 'sqs', 'sns', 'kms', 'sts', 'iam', 'lambda', 'dynamodb'];
const NAMES = ['GetObject', 'PutObject', 'SendMessage', 'Publish', 'Decrypt', 'AssumeRole', 'CreateUser', 'InvokeFunction', 'GetItem', 'ListBuckets', 'DescribeKey'];

function generated(seed: number) {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const action = (): string => `${pick(SERVICES)}:${pick(NAMES)}`;
  const pattern = (): string => {
    const r = rnd();
    if (r < 0.3) return action();
    if (r < 0.4) return action().toUpperCase();
    if (r < 0.55) return `${pick(SERVICES)}:*`;
    if (r < 0.65) return `${pick(SERVICES)}:Get*`;
    if (r < 0.72) return '*';
    if (r < 0.8) return `${pick(SERVICES)}:*Object`;
    if (r < 0.88) return `s?s:${pick(NAMES)}`;
    if (r < 0.94) return `*:${pick(NAMES)}`;
    return `${pick(SERVICES)}:${pick(NAMES).slice(0, 3)}?${pick(NAMES).slice(4)}`;
  };
  const statements = Array.from({ length: ACTION_INDEX_MIN + Math.floor(rnd() * 20) }, () => {
    const list = Array.from({ length: 1 + Math.floor(rnd() * 3) }, pattern);
    return { Effect: rnd() < 0.3 ? 'Deny' : 'Allow', [rnd() < 0.2 ? 'NotAction' : 'Action']: list.length === 1 ? list[0] : list, Resource: '*' };
  });
  // Actions asked: the policy's own vocabulary, other cases, and names no statement mentions.
  const actions = Array.from({ length: 40 }, () => (rnd() < 0.8 ? action() : `${pick(['ec2', 'logs', 's3'])}:Other${Math.floor(rnd() * 3)}`));
  return { doc: { Version: V, Statement: statements }, actions };
}

const request = (action: string): StatementRequest => ({
  action,
  actionLower: action.toLowerCase(),
  resource: 'arn:aws:s3:::bucket/key',
  context: createContext({}),
  identity: { arn: 'arn:aws:iam::111111111111:user/alice', isService: false, account: '111111111111', hasPermissionsBoundary: false },
});

describe('action index', () => {
  it('Given generated policies, when each is asked for generated actions, then the index finds exactly the statements a full scan admits, in order', () => {
    let checked = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const { doc, actions } = generated(seed);
      const compiled = compilePolicy(normalizePolicy(doc).policy);
      expect(compiled.actionIndex).toBeDefined();
      for (const a of actions) {
        const lower = a.toLowerCase();
        const scan = compiled.rules.filter((r) => r.admits(lower));
        // Asked twice: the second answer comes from what the index kept.
        expect(compiled.actionIndex!.admitting(lower)).toEqual(scan);
        expect(compiled.actionIndex!.admitting(lower)).toEqual(scan);
        checked++;
      }
    }
    expect(checked).toBe(150 * 40);
  }, HEAVY_TEST_MS);

  it('Given generated policies, when requests are decided through the index (verdict) and by a full scan (recorded decision), then both find the same allows and denies', () => {
    for (let seed = 1000; seed < 1100; seed++) {
      const { doc, actions } = generated(seed);
      const sp = sourced(doc, { kind: 'identity', ownerId: 'p', name: 'generated' });
      expect(compiledOf(sp).actionIndex).toBeDefined();
      for (const a of actions) {
        const verdict = evaluatePolicy(sp, request(a), false, 'verdict');
        const full = evaluatePolicy(sp, request(a), false, 'decision');
        expect([verdict.allowCount > 0, verdict.denyCount > 0]).toEqual([full.allowCount > 0, full.denyCount > 0]);
      }
    }
  }, HEAVY_TEST_MS);

  it('Given a policy shorter than the threshold, then it has no index (each statement is tested directly)', () => {
    const doc = { Version: V, Statement: Array.from({ length: ACTION_INDEX_MIN - 1 }, () => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })) };
    expect(compilePolicy(normalizePolicy(doc).policy).actionIndex).toBeUndefined();
  });
});
