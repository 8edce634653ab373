import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstPicture, importFiles } from '../import';
import { drawnPart, drawOnly, setLayout, type Scenario } from '../model';
import { HEAVY_TEST_MS } from '../testing/timeouts';
import { catalogueLayout, hasNoDrawnEdges } from './catalogue';
import { NODE_HEIGHT, NODE_WIDTH } from './toFlow';

const bundle = readFileSync(new URL('../../e2e/fixtures/example-aws-bundle.json', import.meta.url), 'utf8');
const imported = (): Scenario => {
  const s = importFiles([{ name: 'bundle.json', text: bundle }]).scenario;
  if (!s) throw new Error('no scenario');
  return s;
};

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every drawn card's box in flow coordinates, and every account's. */
function boxes(s: Scenario, layout: Scenario['layout']['nodes']): { accounts: Map<string, Box>; cards: Map<string, Box & { account?: string }> } {
  const part = drawnPart(s);
  const accounts = new Map(part.accounts.map((a) => [a.id, layout[a.id] as Box]));
  const cards = new Map<string, Box & { account?: string }>();
  for (const p of part.principals) {
    const at = layout[p.id];
    if (!at) continue;
    const acct = p.type === 'service' ? undefined : accounts.get(p.accountId);
    cards.set(p.id, { x: at.x + (acct?.x ?? 0), y: at.y + (acct?.y ?? 0), width: NODE_WIDTH, height: NODE_HEIGHT, ...(p.type !== 'service' ? { account: p.accountId } : {}) });
  }
  for (const r of part.resources) {
    const at = layout[r.id];
    const acct = accounts.get(r.accountId);
    if (at && acct) cards.set(r.id, { x: at.x + acct.x, y: at.y + acct.y, width: NODE_WIDTH, height: NODE_HEIGHT, account: r.accountId });
  }
  return { accounts, cards };
}

describe('the catalogue picture of imported data', () => {
  it('Given an import without edges, then every card is inside its account, no two cards overlap, and no two accounts do', () => {
    const s = imported();
    expect(hasNoDrawnEdges(s)).toBe(true);
    const layout = catalogueLayout(s);
    const { accounts, cards } = boxes(s, layout);
    expect(cards.size).toBe(s.principals.length + s.resources.length);
    for (const c of cards.values()) {
      const a = c.account ? accounts.get(c.account) : undefined;
      expect(a).toBeDefined();
      if (a) expect(c.x >= a.x && c.y >= a.y + 50 && c.x + c.width <= a.x + a.width && c.y + c.height <= a.y + a.height).toBe(true);
    }
    const list = [...cards.values()];
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) expect(overlap(list[i] as Box, list[j] as Box)).toBe(false);
    const accs = [...accounts.values()];
    for (let i = 0; i < accs.length; i++) for (let j = i + 1; j < accs.length; j++) expect(overlap(accs[i] as Box, accs[j] as Box)).toBe(false);
  }, HEAVY_TEST_MS);

  it('Given many cards in one account, then they go in rows (the picture is about as wide as a screen), not in one column', () => {
    const s = imported();
    const many: Scenario = { ...s, principals: [...s.principals, ...Array.from({ length: 60 }, (_x, i) => ({ id: `r${i}`, type: 'iam-role' as const, name: `Role${i}`, accountId: '444455556666', path: '/', tags: {}, policies: [], trustPolicy: { Statement: [] } }))] };
    const layout = catalogueLayout(many);
    const prod = layout['444455556666'];
    expect(prod?.width ?? 0).toBeGreaterThan((prod?.height ?? 0) / 2);
    expect(new Set(Array.from({ length: 60 }, (_x, i) => layout[`r${i}`]?.x)).size).toBeGreaterThan(4);
  });

  it('Given a large import whose first picture is its accounts, then they are in a grid about the shape of a screen, the management account first', () => {
    const s = imported();
    const org = s.organizations[0];
    if (!org) throw new Error('the bundle has an organization');
    const more = Array.from({ length: 17 }, (_x, i) => ({ id: String(500000000000 + i), name: `Member ${i}`, organizationId: org.id }));
    const big: Scenario = firstPicture({ ...s, accounts: [...more, ...s.accounts], principals: [...s.principals, ...Array.from({ length: 80 }, (_x, i) => ({ id: `u${i}`, type: 'iam-user' as const, name: `u${i}`, accountId: '777788889999', path: '/', tags: {}, policies: [] }))] });
    expect(drawnPart(big).principals).toEqual([]);
    const layout = catalogueLayout(big);
    const ids = big.accounts.map((a) => a.id);
    const order = [...ids].sort((a, b) => (layout[a]?.y ?? 0) - (layout[b]?.y ?? 0) || (layout[a]?.x ?? 0) - (layout[b]?.x ?? 0));
    expect(order[0]).toBe('111122223333');
    const right = Math.max(...ids.map((id) => (layout[id]?.x ?? 0) + (layout[id]?.width ?? 0)));
    const bottom = Math.max(...ids.map((id) => (layout[id]?.y ?? 0) + (layout[id]?.height ?? 0)));
    expect(right / bottom).toBeGreaterThan(1);
    expect(right / bottom).toBeLessThan(2.5);
  });

  it('Given the same scenario twice, then the same picture (it depends on nothing else)', () => {
    const s = imported();
    expect(catalogueLayout(setLayout(s, { x: { x: 1, y: 1 } }))).toEqual(catalogueLayout(s));
    expect(catalogueLayout(drawOnly(s, new Set(['arn:aws:iam::777788889999:role/SandboxAdmin'])))).toEqual(catalogueLayout(drawOnly(s, new Set(['arn:aws:iam::777788889999:role/SandboxAdmin']))));
  });
});
