import { describe, expect, it } from 'vitest';
import { seedCrossAccount } from './fixtures/seedCrossAccount';
import { drawnIds, drawnPart, drawOnly, hiddenIds, setDrawn } from './drawn';
import { removeIds, setLayout } from './edit';
import { parseScenario } from './parse';

const seed = seedCrossAccount;

describe('what is drawn (layout.hidden)', () => {
  it('Given nothing hidden, then everything is drawn and the drawn part is the scenario itself', () => {
    expect(drawnPart(seed)).toBe(seed);
    expect(drawnIds(seed).has('alice')).toBe(true);
  });

  it('Given a hidden principal, then it and its edges are not drawn, and the rest is the same objects', () => {
    const s = setDrawn(seed, [], ['alice']);
    expect(s.layout.hidden).toEqual(['alice']);
    const part = drawnPart(s);
    expect(part.principals.map((p) => p.id)).not.toContain('alice');
    expect(part.edges.some((e) => e.from === 'alice' || e.to === 'alice')).toBe(false);
    expect(part.resources[0]).toBe(seed.resources[0]);
    // The model the engine reads is untouched: hiding is a view setting.
    expect(s.principals).toBe(seed.principals);
    expect(s.edges).toBe(seed.edges);
  });

  it('Given a hidden account, then what is in it is not drawn either, and drawing one of its principals draws the account again', () => {
    const s = setDrawn(seed, [], ['111111111111']);
    expect(drawnIds(s).has('alice')).toBe(false);
    const back = setDrawn(s, ['alice']);
    expect(drawnIds(back).has('alice')).toBe(true);
    expect(drawnIds(back).has('111111111111')).toBe(true);
  });

  it('Given a hidden bus, then its rules and their targets are not drawn', () => {
    const bus = seed.resources.find((r) => r.type === 'events-bus');
    if (!bus) throw new Error('seed has a bus');
    const part = drawnPart(setDrawn(seed, [], [bus.id]));
    expect(part.rules.filter((r) => r.busId === bus.id)).toEqual([]);
  });

  it('Given drawOnly of some ids, then exactly they and their accounts are drawn; showing everything again removes the list', () => {
    const s = drawOnly(seed, new Set(['alice', 'bucket']));
    const drawn = drawnIds(s);
    expect([...drawn].sort()).toEqual(['111111111111', '222222222222', 'alice', 'bucket'].sort());
    const all = setDrawn(s, [...hiddenIds(s)]);
    expect(all.layout.hidden).toBeUndefined();
    expect(all.layout).toEqual(seed.layout);
  });

  it('Given the same request twice, then the same scenario comes back (no undo step)', () => {
    const s = setDrawn(seed, [], ['alice']);
    expect(setDrawn(s, [], ['alice'])).toBe(s);
    expect(setDrawn(seed, ['alice'])).toBe(seed);
  });

  it('Given layout edits and removals, then the hidden list is kept, and ids of removed entities leave it', () => {
    const s = setDrawn(seed, [], ['alice', 'bucket']);
    expect(setLayout(s, { table: { x: 1, y: 2 } }).layout.hidden).toEqual(['alice', 'bucket']);
    expect(removeIds(s, new Set(['alice'])).layout.hidden).toEqual(['bucket']);
    expect(removeIds(s, new Set(['alice', 'bucket'])).layout.hidden).toBeUndefined();
  });

  it('Given a scenario with hidden ids, when saved and opened, then they are kept', () => {
    const s = setDrawn(seed, [], ['alice']);
    const r = parseScenario(JSON.parse(JSON.stringify(s)));
    expect(r.ok && r.scenario.layout.hidden).toEqual(['alice']);
  });
});
