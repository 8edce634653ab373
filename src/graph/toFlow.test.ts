import { describe, expect, it } from 'vitest';
import { updatePrincipal } from '../model';
import { seedCrossAccount } from '../model/fixtures/seedCrossAccount';
import { createFlowBuilder, toFlow, type AppNode } from './toFlow';
import type { EdgeVerdict } from './verdict';

const verdict = (id: string, status: EdgeVerdict['status']): EdgeVerdict => ({ id, kind: 'access', status, summary: '', steps: [] });

describe('React Flow nodes and edges are derived from the scenario', () => {
  it('Given the seed, when derived, then principals and resources sit in their account and the rule is docked on its bus', () => {
    const { nodes } = toFlow(seedCrossAccount, undefined);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    expect(byId.get('alice')?.parentId).toBe('111111111111');
    expect(byId.get('bucket')?.parentId).toBe('222222222222');
    expect(byId.get('bus')?.type).toBe('bus');
    expect(byId.get('rule')?.parentId).toBe('bus');
    // React Flow needs parents before children.
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    for (const n of nodes) if (n.parentId) expect(index.get(n.parentId)).toBeLessThan(index.get(n.id) as number);
  });

  it('Given an organization, when derived, then its frame comes first and encloses every member account', () => {
    const { nodes } = toFlow(seedCrossAccount, undefined);
    const frame = nodes[0] as AppNode;
    expect(frame.type).toBe('organization');
    for (const a of nodes.filter((n) => n.type === 'account')) {
      expect(a.position.x).toBeGreaterThan(frame.position.x);
      expect(a.position.y).toBeGreaterThan(frame.position.y);
      expect(a.position.x + (a.width ?? 0)).toBeLessThan(frame.position.x + (frame.width ?? 0));
      expect(a.position.y + (a.height ?? 0)).toBeLessThan(frame.position.y + (frame.height ?? 0));
    }
  });

  it('Given verdicts, when derived, then each edge carries its decision for tests and tools, and pending before one arrives', () => {
    const { edges } = toFlow(seedCrossAccount, new Map([['alice-put', verdict('alice-put', 'implicit-deny')]]));
    const put = edges.find((e) => e.id === 'alice-put');
    expect(put?.domAttributes).toMatchObject({ 'data-decision': 'implicit-deny', 'data-kind': 'access' });
    expect(edges.find((e) => e.id === 'alice-scan')?.domAttributes).toMatchObject({ 'data-decision': 'pending' });
    expect(edges.find((e) => e.id === 'rule-queue')?.source).toBe('rule');
  });

  it('Given a builder, when one principal changes, then every other node and every edge keeps its identity', () => {
    const build = createFlowBuilder();
    const verdicts = new Map([['alice-put', verdict('alice-put', 'allowed')]]);
    const first = build(seedCrossAccount, verdicts, new Set());
    const edited = updatePrincipal(seedCrossAccount, 'export-role', (p) => ({ ...p, tags: { team: 'x' } }));
    const second = build(edited, verdicts, new Set());
    const changed = second.nodes.filter((n, i) => n !== first.nodes[i]).map((n) => n.id);
    expect(changed).toEqual(['export-role']);
    expect(second.edges).toBe(first.edges);
  });

  it('Given a builder, when nothing changed, then the same arrays come back', () => {
    const build = createFlowBuilder();
    const first = build(seedCrossAccount, new Map(), new Set(['alice']));
    const second = build(seedCrossAccount, new Map(), new Set(['alice']));
    expect(second.nodes).toBe(first.nodes);
    expect(second.edges).toBe(first.edges);
  });
});
