import type { ElkExtendedEdge, ElkLabel, ElkNode, ElkPort } from 'elkjs/lib/elk-api';
import { layoutOf, putLayout, type Layout, type Scenario } from '../model';
import { edgeSides, type Box } from './edgeRoute';
import { pointOnEdge } from './labelLayout';
import { textWidth } from './textWidth';
import { BUS_HANDLE_Y, busSize, cardWidth, NODE_HEIGHT, principalName, RULE_GAP, RULE_HEIGHT, RULE_WIDTH } from './toFlow';

/**
 * Auto-layout with ELK's layered algorithm, respecting containment: organizations hold their accounts,
 * accounts hold their principals, resources and buses (a bus with its docked rules is one box), and edges
 * run left to right (who → what). Every card has its connection points where the canvas draws its handles
 * (ports: one on its left side for what reaches it, one on its right for what it reaches; a bus has one
 * per docked rule, at the rule's height), and every edge carries a label of the size the canvas will draw
 * its decision at, so ELK keeps room for it between the columns (center edge labels get a place of their
 * own in the layering) and routes edges around cards. The canvas then lays its labels out along the lines
 * it draws (src/graph/labelLayout.ts). The result is a set of layout entries for one model edit; the
 * lessons' positions come from it too (src/lessons/layouts.json, `npm run lessons:layout`).
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
  'elk.layered.spacing.nodeNodeBetweenLayers': '56',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.edgeNodeBetweenLayers': '24',
  'elk.spacing.edgeNode': '24',
  'elk.spacing.edgeEdge': '16',
  'elk.spacing.edgeLabel': '8',
  'elk.spacing.labelNode': '12',
  'elk.direction': 'RIGHT',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.portConstraints': 'FIXED_POS',
};

/**
 * The size an edge's label is drawn at, estimated from its text (12-px actions with their marks, wrapping
 * at 260 px, an 11-px reason line for a denial), scaled by 1.3 — the label scale at the smallest zoom a
 * lesson is fitted at (src/canvas/LabelScale.tsx) — so the room kept is enough there.
 */
function labelSize(lines: readonly string[], reason: boolean): { width: number; height: number } {
  const SCALE = 1.3;
  const text = Math.max(...lines.map((l) => textWidth(l, 12)));
  const width = Math.min(260, 18 + 14 + text);
  const rows = Math.max(1, Math.ceil((18 + 14 + text) / 260)) + (reason ? 1 : 0);
  return { width: Math.round(width * SCALE), height: Math.round((6 + rows * 17) * SCALE) };
}

export function elkGraph(scenario: Scenario): ElkNode {
  const rulesPerBus = new Map<string, number>();
  for (const r of scenario.rules) rulesPerBus.set(r.busId, (rulesPerBus.get(r.busId) ?? 0) + 1);
  const accountIds = new Set(scenario.accounts.map((a) => a.id));
  const contents = new Map<string, ElkNode[]>(scenario.accounts.map((a) => [a.id, []]));
  // Ports where the canvas draws the handles: the middle of the left and right sides (a bus: its header's
  // left, and on its right one per docked rule, at the rule's middle).
  const rulesOf = new Map<string, string[]>();
  for (const r of scenario.rules) rulesOf.set(r.busId, [...(rulesOf.get(r.busId) ?? []), r.id]);
  const card = (id: string, width: number, height: number): ElkNode => ({
    id,
    width,
    height,
    layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
    ports: [
      { id: `${id}:in`, x: -1, y: height / 2 - 1, width: 2, height: 2, layoutOptions: { 'elk.port.side': 'WEST' } },
      { id: `${id}:out`, x: width - 1, y: height / 2 - 1, width: 2, height: 2, layoutOptions: { 'elk.port.side': 'EAST' } },
    ],
  });
  const bus = (id: string, size: { width: number; height: number }): ElkNode => ({
    id,
    ...size,
    layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
    ports: [
      { id: `${id}:in`, x: -1, y: BUS_HANDLE_Y - 1, width: 2, height: 2, layoutOptions: { 'elk.port.side': 'WEST' } },
      ...(rulesOf.get(id) ?? []).map((rule, i): ElkPort => ({ id: `${rule}:out`, x: size.width - 1, y: NODE_HEIGHT + i * (RULE_HEIGHT + RULE_GAP) + RULE_HEIGHT / 2 - 1, width: 2, height: 2, layoutOptions: { 'elk.port.side': 'EAST' } })),
    ],
  });
  for (const p of scenario.principals) {
    if (p.type !== 'service' && accountIds.has(p.accountId)) contents.get(p.accountId)?.push(card(p.id, cardWidth(principalName(p)), NODE_HEIGHT));
  }
  for (const r of scenario.resources) {
    if (accountIds.has(r.accountId)) contents.get(r.accountId)?.push(r.type === 'events-bus' ? bus(r.id, busSize(rulesPerBus.get(r.id) ?? 0)) : card(r.id, cardWidth(r.name), NODE_HEIGHT));
  }
  const accountNode = (id: string): ElkNode => {
    const stored = layoutOf(scenario.layout, id);
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
  for (const p of scenario.principals) if (p.type === 'service' || !accountIds.has(p.accountId)) top.push(card(p.id, cardWidth(principalName(p)), NODE_HEIGHT));

  const placed = new Set<string>();
  const walk = (n: ElkNode) => {
    placed.add(n.id);
    n.children?.forEach(walk);
  };
  top.forEach(walk);
  const busOfRule = new Map(scenario.rules.map((r) => [r.id, r.busId]));
  const names = new Map<string, string>([...scenario.principals.map((p) => [p.id, principalName(p)] as const), ...scenario.resources.map((r) => [r.id, r.name] as const)]);
  const edges: ElkExtendedEdge[] = [];
  const add = (id: string, from: string, fromPort: string, to: string, label: ElkLabel) => {
    if (from !== to && placed.has(from) && placed.has(to)) edges.push({ id, sources: [fromPort], targets: [`${to}:in`], labels: [label] });
  };
  for (const e of scenario.edges) {
    const lines = e.kind === 'assume' ? ['AssumeRole ✓'] : e.actions.map((a) => `${a} ✓`);
    add(e.id, e.from, `${e.from}:out`, e.to, { id: `${e.id}:label`, text: lines.join(' '), ...labelSize([lines.join(' ')], true) });
  }
  for (const rule of scenario.rules) {
    for (const t of rule.targets) {
      const via = t.roleId ? `as ${names.get(t.roleId) ?? t.roleId}:` : '';
      // A delivery's action ("lambda:InvokeFunction ✓"), estimated at its longest.
      const lines = [via, 'autoscaling:SetDesiredCapacity ✓'].filter((l) => l.length > 0);
      add(t.id, busOfRule.get(rule.id) ?? rule.busId, `${rule.id}:out`, t.resourceId, { id: `${t.id}:label`, text: lines.join(' '), ...labelSize(lines, true) });
    }
  }

  return {
    id: 'root',
    layoutOptions: {
      ...SPACING,
      'elk.algorithm': 'layered',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
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
      putLayout(out, n.id, { x, y, width: round(n.width), height: round(n.height) });
      n.children?.forEach((c) => visit(c, { x: 0, y: 0 }, true));
    } else if (n.id !== 'root' && !n.children?.length) {
      putLayout(out, n.id, { x, y });
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

const ACCOUNT_BOTTOM = 20;
const NUDGE_GAP = 24;

/**
 * ELK routes its edges around cards, but the canvas draws each edge as a curve between its ends' sides
 * (src/graph/edgeRoute.ts), which can cross a card ELK had routed around. Each card such a curve crosses is
 * moved down out of its way, with the cards below it in its account's column, and the account grows to
 * hold them; a few rounds, until no drawn line crosses a card that is not one of its ends.
 */
export function clearLines(scenario: Scenario, entries: Layout['nodes']): Layout['nodes'] {
  const out: Record<string, { x: number; y: number; width?: number; height?: number }> = Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, { ...v }]));
  const accountIds = new Set(scenario.accounts.map((a) => a.id));
  const rulesPerBus = new Map<string, string[]>();
  for (const r of scenario.rules) rulesPerBus.set(r.busId, [...(rulesPerBus.get(r.busId) ?? []), r.id]);
  interface Card {
    readonly id: string;
    readonly account: string | undefined;
    readonly w: number;
    readonly h: number;
  }
  const cards: Card[] = [
    ...scenario.principals.map((p) => ({ id: p.id, account: p.type !== 'service' && accountIds.has(p.accountId) ? p.accountId : undefined, w: cardWidth(principalName(p)), h: NODE_HEIGHT })),
    ...scenario.resources.map((r) => {
      const size = r.type === 'events-bus' ? busSize(rulesPerBus.get(r.id)?.length ?? 0) : { width: cardWidth(r.name), height: NODE_HEIGHT };
      return { id: r.id, account: accountIds.has(r.accountId) ? r.accountId : undefined, w: size.width, h: size.height };
    }),
  ];
  const byId = new Map(cards.map((c) => [c.id, c]));
  const busOfRule = new Map(scenario.rules.map((r) => [r.id, r.busId]));
  // Own entries only: an id such as "constructor" must not read Object.prototype's member.
  const entry = (id: string): { x: number; y: number; width?: number; height?: number } | undefined => (Object.hasOwn(out, id) ? out[id] : undefined);
  const box = (id: string): Box | undefined => {
    const bus = busOfRule.get(id);
    if (bus) {
      const b = box(bus);
      const i = rulesPerBus.get(bus)?.indexOf(id) ?? 0;
      return b && { x: b.x + (b.w - RULE_WIDTH) / 2, y: b.y + NODE_HEIGHT + i * (RULE_HEIGHT + RULE_GAP), w: RULE_WIDTH, h: RULE_HEIGHT };
    }
    const c = byId.get(id);
    const at = entry(id);
    if (!c || !at) return undefined;
    const a = c.account ? entry(c.account) : undefined;
    return { x: at.x + (a?.x ?? 0), y: at.y + (a?.y ?? 0), w: c.w, h: c.h };
  };
  const lines: [string, string][] = [...scenario.edges.map((e) => [e.from, e.to] as [string, string]), ...scenario.rules.flatMap((r) => r.targets.map((t) => [r.id, t.resourceId] as [string, string]))];
  for (let round = 0; round < 8; round++) {
    let moved = false;
    for (const [from, to] of lines) {
      const s = box(from);
      const t = box(to);
      if (!s || !t) continue;
      const sides = edgeSides(s, t);
      const ends = new Set([from, to, busOfRule.get(from), busOfRule.get(to)]);
      for (const c of cards) {
        if (ends.has(c.id)) continue;
        const b = box(c.id);
        if (!b) continue;
        let crossed = false;
        for (let k = 1; k < 48 && !crossed; k++) {
          const p = pointOnEdge(sides, k / 48);
          crossed = p.x > b.x + 2 && p.x < b.x + b.w - 2 && p.y > b.y + 2 && p.y < b.y + b.h - 2;
        }
        if (!crossed) continue;
        // Down out of the line's way, with whatever sits below it in the same column of its account.
        const dy = NODE_HEIGHT + NUDGE_GAP;
        const me = entry(c.id) as { x: number; y: number };
        for (const o of cards) {
          const ob = entry(o.id);
          if (!ob || o.account !== c.account) continue;
          if (ob.y >= me.y && ob.x < me.x + c.w && me.x < ob.x + o.w) ob.y += dy;
        }
        if (c.account) {
          const a = entry(c.account);
          const bottom = Math.max(...cards.filter((o) => o.account === c.account).map((o) => (entry(o.id)?.y ?? 0) + o.h));
          if (a && a.height !== undefined && bottom + ACCOUNT_BOTTOM > a.height) a.height = bottom + ACCOUNT_BOTTOM;
        }
        moved = true;
      }
    }
    if (!moved) break;
  }
  return out;
}

/** Lays out the whole scenario; resolves to layout entries for `setLayout`. */
export async function autoLayout(scenario: Scenario, elk: ElkLike): Promise<Layout['nodes']> {
  return clearLines(scenario, layoutFromElk(scenario, await elk.layout(elkGraph(scenario))));
}
