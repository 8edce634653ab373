import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { HEAVY_TEST_MS } from '../testing/timeouts';
import { seedCrossAccount } from '../model/fixtures/seedCrossAccount';
import { autoLayout } from './layout';
import { NODE_HEIGHT, NODE_WIDTH } from './toFlow';

const elk = new ELK();

describe('auto-layout respects account containers', () => {
  it('Given the seed scenario, when it is laid out, then every principal and resource lies inside its account and accounts do not overlap', async () => {
    const layout = await autoLayout(seedCrossAccount, elk);
    for (const a of seedCrossAccount.accounts) expect(layout[a.id]?.width).toBeGreaterThan(0);
    const inside = [...seedCrossAccount.principals.filter((p) => p.type !== 'service'), ...seedCrossAccount.resources];
    for (const e of inside) {
      const box = layout[e.accountId];
      const pos = layout[e.id];
      expect(pos, e.id).toBeDefined();
      expect(box, e.accountId).toBeDefined();
      if (!pos || !box) continue;
      expect(pos.x).toBeGreaterThanOrEqual(0);
      expect(pos.y).toBeGreaterThanOrEqual(0);
      expect(pos.x + NODE_WIDTH).toBeLessThanOrEqual(box.width ?? 0);
      expect(pos.y + NODE_HEIGHT).toBeLessThanOrEqual(box.height ?? 0);
    }
    const boxes = seedCrossAccount.accounts.map((a) => layout[a.id] as { x: number; y: number; width: number; height: number });
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [p, q] = [boxes[i], boxes[j]] as [typeof boxes[number], typeof boxes[number]];
        const overlap = p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
        expect(overlap).toBe(false);
      }
    }
  }, HEAVY_TEST_MS);

  it('Given the seed scenario, when it is laid out, then the caller is left of what it calls', async () => {
    const layout = await autoLayout(seedCrossAccount, elk);
    const abs = (id: string, account: string) => ({ x: (layout[account]?.x ?? 0) + (layout[id]?.x ?? 0) });
    expect(abs('alice', '111111111111').x).toBeLessThan(abs('bucket', '222222222222').x);
  }, HEAVY_TEST_MS);
});
