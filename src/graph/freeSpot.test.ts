import { describe, expect, it } from 'vitest';
import { addAccount, addPrincipal, addResource, connect, emptyScenario, setLayout, type Scenario } from '../model';
import { cardBoxes, crowded, freeSpot } from './freeSpot';
import { edgeSides } from './edgeRoute';
import { pointOnEdge } from './labelLayout';

const CARD = { width: 208, height: 64 };

/** An account 900 × 500 at (0, 0) with a user on the left and a bucket on the right, connected. */
function drawn(): { s: Scenario; account: string; user: string; bucket: string } {
  const a = addAccount(emptyScenario(), { x: 0, y: 0 });
  let s = setLayout(a.scenario, { [a.id]: { x: 0, y: 0, width: 900, height: 500 } });
  const u = addPrincipal(s, 'iam-user', a.id, { x: 20, y: 200 });
  const b = addResource(u.scenario, 's3-bucket', a.id, { x: 660, y: 200 });
  const c = connect(b.scenario, u.id, b.id);
  if ('error' in c) throw new Error(c.error);
  s = c.scenario;
  return { s, account: a.id, user: u.id, bucket: b.id };
}

const overlaps = (p: { x: number; y: number }, q: { x: number; y: number; w: number; h: number }): boolean => p.x < q.x + q.w && q.x < p.x + CARD.width && p.y < q.y + q.h && q.y < p.y + CARD.height;

describe('free space for a card', () => {
  it('Given a card where a new one is wanted, when a spot is found, then it is near and clear of that card', () => {
    const { s, account, user } = drawn();
    const spot = freeSpot(s, account, '', CARD, { x: 20, y: 200 });
    const box = cardBoxes(s).get(user);
    if (!box) throw new Error('no box');
    expect(overlaps(spot, box)).toBe(false);
    expect(Math.hypot(spot.x - 20, spot.y - 200)).toBeLessThan(200);
  });

  it('Given an edge line across the wanted place, when a spot is found, then the card is clear of the line and its label', () => {
    const { s, account, user, bucket } = drawn();
    const boxes = cardBoxes(s);
    const sides = edgeSides(boxes.get(user) as never, boxes.get(bucket) as never);
    // Wanted right on the middle of the line.
    const mid = pointOnEdge(sides, 0.5);
    const spot = freeSpot(s, account, '', CARD, { x: mid.x - CARD.width / 2, y: mid.y - CARD.height / 2 });
    for (let k = 0; k <= 20; k++) {
      const p = pointOnEdge(sides, k / 20);
      const inside = p.x > spot.x - 20 && p.x < spot.x + CARD.width + 20 && p.y > spot.y - 20 && p.y < spot.y + CARD.height + 20;
      expect(inside, `point ${k} of the line`).toBe(false);
    }
  });

  it('Given a card dropped on another or on a line, then it is crowded; where it was, it is not', () => {
    const { s, user, bucket } = drawn();
    expect(crowded(s, user)).toBe(false);
    expect(crowded(setLayout(s, { [user]: { x: 650, y: 210 } }), user)).toBe(true);
    const t = addPrincipal(s, 'iam-role', Object.keys(s.layout.nodes)[0] as string, { x: 340, y: 200 });
    expect(crowded(t.scenario, t.id)).toBe(true);
    expect(crowded(s, bucket)).toBe(false);
  });
});
