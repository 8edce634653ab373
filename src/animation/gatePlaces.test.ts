import { describe, expect, it } from 'vitest';
import { flattenPath, gatePlaces, pointAt } from './geometry';

/** A hop from a card in account A (0–400) straight across to a card in account B (600–1000). */
const line = flattenPath('M200,100 L800,100');
const accountA = { x: 0, y: 0, w: 400, h: 300 };
const accountB = { x: 600, y: 0, w: 400, h: 300 };

describe('where a hop\'s gates sit', () => {
  it('Given a cross-account hop, then the caller\'s checks sit in the caller\'s account and the resource\'s in the resource\'s', () => {
    const places = gatePlaces(line, accountA, accountB, ['principal', 'principal', 'resource']);
    const [scp, identity, bucket] = places.map((t) => pointAt(line, t ?? -1));
    for (const p of [scp, identity]) expect(p && p.x).toBeLessThanOrEqual(400);
    expect(bucket && bucket.x).toBeGreaterThanOrEqual(600);
    // In the order the token reaches them.
    expect((scp?.x ?? 0) < (identity?.x ?? 0)).toBe(true);
  });

  it('Given a trust policy (the role\'s side) and the caller\'s identity policy, then the trust policy is drawn at the role\'s account, not the caller\'s', () => {
    const [trust, identity] = gatePlaces(line, accountA, accountB, ['resource', 'principal']).map((t) => pointAt(line, t ?? -1));
    expect(trust && trust.x).toBeGreaterThanOrEqual(600);
    expect(identity && identity.x).toBeLessThanOrEqual(400);
  });

  it('Given a hop inside one account (no second account), then the builder\'s places stand', () => {
    expect(gatePlaces(line, undefined, undefined, ['principal', 'resource'])).toEqual([undefined, undefined]);
  });
});
