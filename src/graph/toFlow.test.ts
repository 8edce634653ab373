import { describe, expect, it } from 'vitest';
import { duplicate, layoutOf, moveToAccount, parseScenario, setPosition, updateOrganization, updatePrincipal, updateResource } from '../model';
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

  it('Given a builder, when one principal is renamed, then only its node and the edges at it are new objects', () => {
    const build = createFlowBuilder();
    const verdicts = new Map([['alice-put', verdict('alice-put', 'allowed')]]);
    const first = build(seedCrossAccount, verdicts, new Set());
    const edited = updatePrincipal(seedCrossAccount, 'export-role', (p) => ({ ...p, name: 'ExportRole2' }));
    const second = build(edited, verdicts, new Set());
    expect(second.nodes.filter((n, i) => n !== first.nodes[i]).map((n) => n.id)).toEqual(['export-role']);
    expect(second.edges.filter((e, i) => e !== first.edges[i]).map((e) => e.id)).toEqual(['alice-assume']);
    expect(second.edges.find((e) => e.id === 'alice-assume')?.data?.title).toBe('alice → ExportRole2');
  });

  it('Given a builder, when a policy, a tag or a trust policy changes, then the same nodes come back (cards do not draw them)', () => {
    const build = createFlowBuilder();
    const first = build(seedCrossAccount, new Map(), new Set());
    let edited = updatePrincipal(seedCrossAccount, 'export-role', (p) => ({ ...p, tags: { team: 'x' } }));
    edited = updateResource(edited, 'bucket', (r) => ({ ...r, policy: { Version: '2012-10-17', Statement: [] } }));
    edited = updateOrganization(edited, 'o-exampleorg1', (o) => ({ ...o, policies: o.policies.map((p) => ({ ...p, document: { Version: '2012-10-17', Statement: [] } })) }));
    const second = build(edited, new Map(), new Set());
    expect(second.nodes).toBe(first.nodes);
    expect(second.edges).toBe(first.edges);
  });

  it('Given a builder, when what a card draws changes (a resource loses its policy, an identity policy is added, an SCP is renamed), then that node is new', () => {
    const build = createFlowBuilder();
    const first = build(seedCrossAccount, new Map(), new Set());
    let edited = updateResource(seedCrossAccount, 'bucket', ({ policy: _policy, ...r }) => r);
    edited = updatePrincipal(edited, 'alice', (p) => (p.type === 'iam-user' ? { ...p, policies: [...p.policies, { name: 'More', document: { Version: '2012-10-17', Statement: [] } }] } : p));
    edited = updateOrganization(edited, 'o-exampleorg1', (o) => ({ ...o, policies: o.policies.map((p) => ({ ...p, name: `${p.name}2` })) }));
    const second = build(edited, new Map(), new Set());
    const byId = new Map(second.nodes.map((n) => [n.id, n]));
    expect(second.nodes.filter((n, i) => n !== first.nodes[i]).map((n) => n.id).sort()).toEqual(['alice', 'bucket', 'o-exampleorg1']);
    expect(byId.get('bucket')?.data).toMatchObject({ resource: { hasPolicy: false } });
    expect(byId.get('alice')?.data).toMatchObject({ principal: { policies: 2 } });
    expect(byId.get('o-exampleorg1')?.data).toMatchObject({ organization: { policies: [{ name: 'FullAWSAccess2', type: 'scp' }] } });
  });

  it('Given a builder, when nothing changed, then the same arrays come back', () => {
    const build = createFlowBuilder();
    const first = build(seedCrossAccount, new Map(), new Set(['alice']));
    const second = build(seedCrossAccount, new Map(), new Set(['alice']));
    expect(second.nodes).toBe(first.nodes);
    expect(second.edges).toBe(first.edges);
  });
});

describe('entity ids that are names of Object.prototype members', () => {
  // The issue: ids __proto__, constructor and toString were drawn at NaN and vanished (layout entries were
  // read from a plain object, so a missing entry was Object.prototype's member).
  const ids = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
  const scenario = (withLayout: boolean) => {
    const parsed = parseScenario({
      version: 1,
      name: 'prototype names',
      accounts: [{ id: '111111111111', name: 'A' }],
      principals: ids.map((id) => ({ id, type: 'iam-user', name: id, accountId: '111111111111' })),
      layout: { nodes: withLayout ? Object.fromEntries(ids.map((id, i) => [id, { x: 10 * i, y: 20 }])) : {} },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return parsed.scenario;
  };

  it('Given users with those ids and no stored positions, when drawn, then every one has a finite position', () => {
    const { nodes } = toFlow(scenario(false), undefined);
    for (const id of ids) {
      const node = nodes.find((n) => n.id === id);
      expect(node, id).toBeDefined();
      expect(Number.isFinite(node?.position.x) && Number.isFinite(node?.position.y), id).toBe(true);
    }
  });

  it('Given their stored positions, then they are drawn there (and a "__proto__" entry stays an own entry)', () => {
    const s = scenario(true);
    const { nodes } = toFlow(s, undefined);
    expect(nodes.find((n) => n.id === 'toString')?.position).toEqual({ x: 20, y: 20 });
    expect(Object.getPrototypeOf(setPosition(s, '__proto__', { x: 5, y: 6 }).layout.nodes)).toBe(Object.prototype);
    expect(layoutOf(setPosition(s, '__proto__', { x: 5, y: 6 }).layout, '__proto__')).toEqual({ x: 5, y: 6 });
  });

  it('Given such ids, when moved into another account or duplicated, then their positions stay numbers', () => {
    const s = scenario(false);
    const moved = moveToAccount(s, 'constructor', '111111111111', { x: 3, y: 4 });
    expect(layoutOf(moved.layout, 'constructor')).toEqual({ x: 3, y: 4 });
    const copy = duplicate(s, new Set(['toString']));
    expect(copy.ids).toHaveLength(1);
    const pos = layoutOf(copy.scenario.layout, copy.ids[0] ?? '');
    expect(Number.isFinite(pos?.x) && Number.isFinite(pos?.y)).toBe(true);
  });
});
