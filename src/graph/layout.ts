import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { Layout, Scenario } from '../model';
import { busSize, cardWidth, NODE_HEIGHT, principalName } from './toFlow';

/**
 * Auto-layout with ELK's layered algorithm, respecting containment: organizations hold their accounts,
 * accounts hold their principals, resources and buses (a bus with its docked rules is one box), and edges
 * run left to right (who → what). The result is a set of layout entries for one model edit.
 */

/** The one method of elkjs this module needs (so tests can pass the synchronous bundled build). */
export interface ElkLike {
  layout(graph: ElkNode): Promise<ElkNode>;
}

const ACCOUNT_PADDING = '[top=64,left=20,bottom=20,right=20]';
const ORG_PADDING = '[top=64,left=36,bottom=36,right=36]';
/** ELK does not inherit layout options: every compound node carries the spacing. Room between columns
 * is for the edge labels, which sit mid-edge. */
const SPACING = {
  'elk.layered.spacing.nodeNodeBetweenLayers': '200',
  'elk.spacing.nodeNode': '36',
  'elk.layered.spacing.edgeNodeBetweenLayers': '30',
  'elk.spacing.edgeNode': '24',
  'elk.direction': 'RIGHT',
};

export function elkGraph(scenario: Scenario): ElkNode {
  const rulesPerBus = new Map<string, number>();
  for (const r of scenario.rules) rulesPerBus.set(r.busId, (rulesPerBus.get(r.busId) ?? 0) + 1);
  const accountIds = new Set(scenario.accounts.map((a) => a.id));
  const contents = new Map<string, ElkNode[]>(scenario.accounts.map((a) => [a.id, []]));
  for (const p of scenario.principals) {
    if (p.type !== 'service' && accountIds.has(p.accountId)) contents.get(p.accountId)?.push({ id: p.id, width: cardWidth(principalName(p)), height: NODE_HEIGHT });
  }
  for (const r of scenario.resources) {
    const size = r.type === 'events-bus' ? busSize(rulesPerBus.get(r.id) ?? 0) : { width: cardWidth(r.name), height: NODE_HEIGHT };
    if (accountIds.has(r.accountId)) contents.get(r.accountId)?.push({ id: r.id, ...size });
  }
  const accountNode = (id: string): ElkNode => {
    const stored = scenario.layout.nodes[id];
    const children = contents.get(id) ?? [];
    return {
      id,
      layoutOptions: { ...SPACING, 'elk.padding': ACCOUNT_PADDING, 'elk.nodeSize.minimum': '(380,170)', 'elk.nodeSize.constraints': 'MINIMUM_SIZE' },
      children,
      ...(children.length === 0 ? { width: Math.max(380, stored?.width ?? 380), height: stored?.height ?? 170 } : {}),
    };
  };
  const top: ElkNode[] = [];
  for (const org of scenario.organizations) {
    const members = scenario.accounts.filter((a) => a.organizationId === org.id);
    if (members.length > 0) top.push({ id: org.id, layoutOptions: { ...SPACING, 'elk.padding': ORG_PADDING }, children: members.map((a) => accountNode(a.id)) });
  }
  const inOrg = new Set(scenario.organizations.map((o) => o.id));
  for (const a of scenario.accounts) if (!a.organizationId || !inOrg.has(a.organizationId)) top.push(accountNode(a.id));
  for (const p of scenario.principals) if (p.type === 'service' || !accountIds.has(p.accountId)) top.push({ id: p.id, width: cardWidth(principalName(p)), height: NODE_HEIGHT });

  const placed = new Set<string>();
  const walk = (n: ElkNode) => {
    placed.add(n.id);
    n.children?.forEach(walk);
  };
  top.forEach(walk);
  const busOfRule = new Map(scenario.rules.map((r) => [r.id, r.busId]));
  const edges: ElkExtendedEdge[] = [];
  const add = (id: string, from: string, to: string) => {
    if (from !== to && placed.has(from) && placed.has(to)) edges.push({ id, sources: [from], targets: [to] });
  };
  for (const e of scenario.edges) add(e.id, e.from, e.to);
  for (const rule of scenario.rules) for (const t of rule.targets) add(t.id, busOfRule.get(rule.id) ?? rule.busId, t.resourceId);

  return {
    id: 'root',
    layoutOptions: {
      ...SPACING,
      'elk.algorithm': 'layered',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'SPLINES',
      'elk.spacing.componentComponent': '80',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: top,
    edges,
  };
}

/** Layout entries from ELK's result: accounts absolute, their contents relative to their account. */
export function layoutFromElk(scenario: Scenario, result: ElkNode): Layout['nodes'] {
  const out: Layout['nodes'] = {};
  const accountIds = new Set(scenario.accounts.map((a) => a.id));
  const round = (v: number | undefined) => Math.round(v ?? 0);
  const visit = (n: ElkNode, offset: { x: number; y: number }, inAccount: boolean) => {
    const x = round(n.x) + (inAccount ? 0 : offset.x);
    const y = round(n.y) + (inAccount ? 0 : offset.y);
    if (accountIds.has(n.id)) {
      out[n.id] = { x, y, width: round(n.width), height: round(n.height) };
      n.children?.forEach((c) => visit(c, { x: 0, y: 0 }, true));
    } else if (n.id !== 'root' && !n.children?.length) {
      out[n.id] = { x, y };
    } else {
      // The root or an organization: its children's coordinates are relative to it.
      n.children?.forEach((c) => visit(c, n.id === 'root' ? { x: 0, y: 0 } : { x, y }, false));
    }
  };
  visit(result, { x: 0, y: 0 }, false);
  // Organization compounds are not stored: their frames are drawn around their accounts.
  for (const o of scenario.organizations) delete out[o.id];
  return out;
}

/** Lays out the whole scenario; resolves to layout entries for `setLayout`. */
export async function autoLayout(scenario: Scenario, elk: ElkLike): Promise<Layout['nodes']> {
  return layoutFromElk(scenario, await elk.layout(elkGraph(scenario)));
}
