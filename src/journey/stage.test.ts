import { describe, expect, it } from 'vitest';
import { seedCrossAccount } from '../model/fixtures/seedCrossAccount';
import { compareDesigns } from './compare';
import { designStage, stageBoxes } from './stage';

const comparison = compareDesigns(seedCrossAccount);
if (!comparison) throw new Error('the seed example has the two designs');
const [keep, role] = comparison.designs;
const keepStage = designStage(keep.scenario, keep.routes);
const roleStage = designStage(role.scenario, role.routes);

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('designStage', () => {
  it('Given the keep-identity design, then only alice, the table, the bucket, their accounts and the two calls are drawn', () => {
    expect(keepStage.principals.map((p) => p.id)).toEqual(['alice']);
    expect(keepStage.resources.map((r) => r.id).sort()).toEqual(['bucket', 'table']);
    expect(keepStage.accounts.map((a) => a.id)).toEqual(['111111111111', '222222222222']);
    expect(keepStage.edges.map((e) => e.id).sort()).toEqual(['alice-put', 'alice-scan']);
    expect(keepStage.organizations).toEqual([]);
    expect(keepStage.rules).toEqual([]);
  });

  it('Given the role design, then the role is drawn with the AssumeRole edge and the session’s two calls', () => {
    expect(roleStage.principals.map((p) => p.id).sort()).toEqual(['alice', 'export-role']);
    expect(roleStage.edges.some((e) => e.id === 'alice-assume')).toBe(true);
    expect(roleStage.edges.filter((e) => e.from === 'export-role')).toHaveLength(2);
  });

  it('Given either design, then no two cards overlap and every card lies inside its account', () => {
    for (const stage of [keepStage, roleStage]) {
      const boxes = stageBoxes(stage);
      const cards = [...stage.principals, ...stage.resources];
      cards.forEach((a, i) =>
        cards.slice(i + 1).forEach((b) => {
          expect(overlaps(boxes.get(a.id) as never, boxes.get(b.id) as never), `${a.id} and ${b.id}`).toBe(false);
        }),
      );
      for (const c of cards) {
        const box = boxes.get(c.id);
        const account = 'accountId' in c ? boxes.get(c.accountId) : undefined;
        expect(box && account && box.x >= account.x && box.y >= account.y && box.x + box.width <= account.x + account.width && box.y + box.height <= account.y + account.height, c.id).toBe(true);
      }
    }
  });

  it('Given both designs, then the nodes they share stand in the same place, and who acts stands left of what is acted on', () => {
    const a = stageBoxes(keepStage);
    const b = stageBoxes(roleStage);
    for (const id of ['alice', 'table', 'bucket']) expect(a.get(id)?.x, id).toBe(b.get(id)?.x);
    for (const id of ['alice', 'table', 'bucket']) expect(a.get(id)?.y, id).toBe(b.get(id)?.y);
    expect((b.get('alice')?.x ?? 0) + 208).toBeLessThan(b.get('table')?.x ?? 0);
    expect(b.get('export-role')?.x).toBe(b.get('alice')?.x);
  });
});
