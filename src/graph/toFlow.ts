import type { Edge as FlowEdge, Node as FlowNode } from '@xyflow/react';
import {
  DEFAULT_ACCOUNT_SIZE,
  drawnPart,
  layoutOf,
  RESOURCE_TYPES,
  type Account,
  type EventRule,
  type IamGroup,
  type OrgPolicy,
  type Principal,
  type Resource,
  type Scenario,
} from '../model';
import { lines } from './textWidth';
import type { EdgeLook, EdgeVerdict } from './verdict';

/**
 * Derives React Flow nodes and edges from the scenario, its layout and its verdicts. Pure: React Flow
 * objects are a view of the scenario, never the domain model. A `FlowBuilder` reuses the node and edge
 * objects whose inputs are unchanged, so React Flow and the memoized node components skip them — on a
 * 1,000-node scenario a policy edit re-renders only the edges whose decision changed.
 *
 * Containment: accounts are sub-flows holding their principals and resources; an event bus is a small
 * container whose rules are docked on it, stacked in order; an organization is a frame drawn around its
 * member accounts (computed, not stored).
 */

export const NODE_WIDTH = 208;
/** The widest a card grows to hold its name; a longer name is cut short (its card's title says it whole). */
export const MAX_NODE_WIDTH = 336;
/** What a card's name shares its width with: borders (1 + 1), padding (12 + 12), icon (28), the gap after it (10), and a little to spare. */
const CARD_CHROME = 68;
const NAME_PX = 15;

/**
 * A card's width: 208, or wider until its name fits on two lines with every word whole (a name is never
 * broken mid-word), at most `MAX_NODE_WIDTH`.
 */
export function cardWidth(name: string): number {
  for (let width = NODE_WIDTH; width < MAX_NODE_WIDTH; width += 16) {
    const fit = lines(name, NAME_PX, width - CARD_CHROME);
    if (fit.wordsFit && fit.lines <= 2) return width;
  }
  return MAX_NODE_WIDTH;
}
export const NODE_HEIGHT = 64;
export const RULE_WIDTH = NODE_WIDTH - 24;
export const RULE_HEIGHT = 48;
export const RULE_GAP = 8;
const BUS_HEADER = NODE_HEIGHT;
/** Where the bus's target handle sits (its header's middle), as BusNode draws it. */
export const BUS_HANDLE_Y = 32;
const FRAME_PAD = 24;
const FRAME_HEADER = 44;

/** `count`: principals and resources drawn in the account; `hidden`: those in it that are not drawn (`layout.hidden`). */
export type AccountNodeData = { readonly account: Account; readonly orgName?: string; readonly isManagement: boolean; readonly count: number; readonly hidden: number };
/*
 * Node data holds only what a node draws (a card's kind, name and policy badge), never the whole entity: an
 * edit the card does not show — a policy's statements, a tag, a trust policy — then derives the very same
 * node object, so React Flow's node store is not touched and no node re-renders. On a 1,000-node scenario
 * that is most of the canvas's work for a policy edit. Anything else about an entity is read from the
 * scenario, not from React Flow's nodes.
 */
/** What a principal's card draws. `name` is the name it is shown by (see `principalName`). */
export type PrincipalCard = { readonly id: string; readonly type: Principal['type']; readonly name: string; readonly service?: string; readonly policies: number };
/** What a resource's card draws. */
export type ResourceCard = { readonly id: string; readonly type: Resource['type']; readonly name: string; readonly hasPolicy: boolean };
/** What an organization's frame draws: its name, id and the SCPs and RCPs it carries. */
export type OrganizationCard = { readonly id: string; readonly name: string; readonly policies: readonly { readonly id: string; readonly name: string; readonly type: OrgPolicy['type'] }[] };
export type PrincipalNodeData = { readonly principal: PrincipalCard };
export type ResourceNodeData = { readonly resource: ResourceCard };
export type BusNodeData = ResourceNodeData & { readonly rules: number };
export type RuleNodeData = { readonly rule: { readonly id: string; readonly name: string } };
export type OrganizationNodeData = { readonly organization: OrganizationCard; readonly members: readonly string[] };
export type DecisionEdgeData = {
  readonly kind: 'access' | 'assume' | 'target';
  readonly look: EdgeLook;
  readonly verdict?: EdgeVerdict;
  /** The actions drawn on the edge, shown before the first decision arrives. */
  readonly actions: readonly string[];
  /** Rule targets: the role EventBridge assumes, if any. */
  readonly via?: string;
  /** Plain words for screen readers and tooltips: "alice → bucket-b". */
  readonly title: string;
  /**
   * The ends' boxes relative to their handles (the source's right-hand handle, the target's left-hand
   * one), so the edge can choose its sides without subscribing to the nodes.
   */
  readonly ends: EdgeEnds;
};

/** Sizes of an edge's end nodes and where their handles sit, for choosing the sides an edge uses. */
export interface EdgeEnds {
  readonly source: { readonly width: number; readonly height: number; readonly handleY: number };
  readonly target: { readonly width: number; readonly height: number; readonly handleY: number };
}

export type AccountFlowNode = FlowNode<AccountNodeData, 'account'>;
export type PrincipalFlowNode = FlowNode<PrincipalNodeData, 'principal'>;
export type ResourceFlowNode = FlowNode<ResourceNodeData, 'resource'>;
export type BusFlowNode = FlowNode<BusNodeData, 'bus'>;
export type RuleFlowNode = FlowNode<RuleNodeData, 'rule'>;
export type OrganizationFlowNode = FlowNode<OrganizationNodeData, 'organization'>;
export type AppNode = AccountFlowNode | PrincipalFlowNode | ResourceFlowNode | BusFlowNode | RuleFlowNode | OrganizationFlowNode;
export type DecisionFlowEdge = FlowEdge<DecisionEdgeData, 'decision'>;

const ASSUME_ACTIONS: readonly string[] = ['sts:AssumeRole'];
const RULE_END: EdgeEnds['source'] = { width: RULE_WIDTH, height: RULE_HEIGHT, handleY: RULE_HEIGHT / 2 };
const NO_ACTIONS: readonly string[] = [];

export interface FlowGraph {
  readonly nodes: AppNode[];
  readonly edges: DecisionFlowEdge[];
}

/** Size of an event bus holding `rules` rules. */
export function busSize(rules: number): { width: number; height: number } {
  return { width: NODE_WIDTH, height: BUS_HEADER + (rules > 0 ? rules * (RULE_HEIGHT + RULE_GAP) + 4 : 0) };
}

/** Where a node without a stored position goes: principals on the left, resources on the right. */
function autoPosition(index: number, column: 0 | 1): { x: number; y: number } {
  return { x: 16 + column * (NODE_WIDTH + 96), y: 52 + index * (NODE_HEIGHT + 32) };
}

const PRINCIPAL_WORDS: Record<Principal['type'], string> = { 'iam-user': 'IAM user', 'iam-role': 'IAM role', 'account-root': 'Root user of account', service: 'Service principal' };

/**
 * The name a principal is shown by: its name; for a service principal the name the user gave it
 * ("EventBridge, acting for C's rule"), or its service when it has none. (Cards show the service too.)
 */
export function principalName(p: Principal): string {
  return p.type === 'service' ? p.name.trim() || p.service : p.name;
}

/** The frame around an organization's member accounts, from their boxes. */
export function frameAround(boxes: readonly { x: number; y: number; width: number; height: number }[]): { x: number; y: number; width: number; height: number } | undefined {
  if (boxes.length === 0) return undefined;
  const x = Math.min(...boxes.map((b) => b.x)) - FRAME_PAD;
  const y = Math.min(...boxes.map((b) => b.y)) - FRAME_HEADER;
  const x2 = Math.max(...boxes.map((b) => b.x + b.width)) + FRAME_PAD;
  const y2 = Math.max(...boxes.map((b) => b.y + b.height)) + FRAME_PAD;
  return { x, y, width: x2 - x, height: y2 - y };
}

/**
 * Moves and resizes organization frames to the current boxes of their member accounts (while an account
 * is dragged, before the scenario has its new position). Returns the same array when nothing moved.
 */
export function fitFrames(nodes: AppNode[]): AppNode[] {
  let changed = false;
  const accounts = new Map(nodes.filter((n) => n.type === 'account').map((n) => [n.id, n]));
  const out = nodes.map((n) => {
    if (n.type !== 'organization') return n;
    const boxes = n.data.members.flatMap((id) => {
      const a = accounts.get(id);
      return a ? [{ x: a.position.x, y: a.position.y, width: a.measured?.width ?? a.width ?? DEFAULT_ACCOUNT_SIZE.width, height: a.measured?.height ?? a.height ?? DEFAULT_ACCOUNT_SIZE.height }] : [];
    });
    const frame = frameAround(boxes);
    if (!frame || (frame.x === n.position.x && frame.y === n.position.y && frame.width === n.width && frame.height === n.height)) return n;
    changed = true;
    return { ...n, position: { x: frame.x, y: frame.y }, width: frame.width, height: frame.height };
  });
  return changed ? out : nodes;
}

/**
 * Every node is drawn at a size the derivation knows, so it is handed to React Flow already `measured`:
 * React Flow then treats it as initialized without waiting for the DOM (which, with only visible elements
 * rendered, it never sees for nodes out of view) and keeps its handle bounds when the node object is
 * replaced by an edit.
 */
function sized<T extends AppNode>(node: T): T {
  return node.width !== undefined && node.height !== undefined ? { ...node, measured: { width: node.width, height: node.height } } : node;
}

function sameDeps(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A memo of derived objects by id: the same object back while its dependencies are the same. */
class Memo<T> {
  private entries = new Map<string, { deps: readonly unknown[]; value: T }>();
  private next = new Map<string, { deps: readonly unknown[]; value: T }>();
  get(id: string, deps: readonly unknown[], make: () => T): T {
    const hit = this.entries.get(id);
    const value = hit && sameDeps(hit.deps, deps) ? hit.value : make();
    this.next.set(id, { deps, value });
    return value;
  }
  /** Forgets entries not used since the last sweep. */
  sweep(): void {
    this.entries = this.next;
    this.next = new Map();
  }
}

export type FlowBuilder = (scenario: Scenario, verdicts: ReadonlyMap<string, EdgeVerdict> | undefined, selected: ReadonlySet<string>) => FlowGraph;

/** A `toFlow` with memory: call it on every change and unchanged nodes and edges keep their identity. */
export function createFlowBuilder(): FlowBuilder {
  const nodeMemo = new Memo<AppNode>();
  const edgeMemo = new Memo<DecisionFlowEdge>();
  let last: FlowGraph = { nodes: [], edges: [] };
  const same = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
  return (scenario, verdicts, selected) => {
    const graph = buildFlow(scenario, verdicts, selected, nodeMemo, edgeMemo);
    nodeMemo.sweep();
    edgeMemo.sweep();
    // The same arrays back when nothing in them changed: a verdict arriving while a node is dragged must
    // not hand React Flow "new" nodes (that would reset the drag).
    last = { nodes: same(graph.nodes, last.nodes) ? last.nodes : graph.nodes, edges: same(graph.edges, last.edges) ? last.edges : graph.edges };
    return last;
  };
}

/** One-shot derivation (tests, the benchmark's bare page). */
export function toFlow(scenario: Scenario, verdicts: ReadonlyMap<string, EdgeVerdict> | undefined, selected: ReadonlySet<string> = new Set()): FlowGraph {
  return buildFlow(scenario, verdicts, selected, new Memo(), new Memo());
}

/** How many identity policies a user or role has: inline, attached managed, and its groups' (each managed policy once). */
function identityPolicyCount(p: Extract<Principal, { type: 'iam-user' | 'iam-role' }>, groups: ReadonlyMap<string, IamGroup>): number {
  const managed = new Set(p.managedPolicyIds);
  let inline = p.policies.length;
  if (p.type === 'iam-user') {
    for (const id of p.groupIds ?? []) {
      const g = groups.get(id);
      if (!g) continue;
      inline += g.policies.length;
      for (const m of g.managedPolicyIds ?? []) managed.add(m);
    }
  }
  return inline + managed.size;
}

function buildFlow(whole: Scenario, verdicts: ReadonlyMap<string, EdgeVerdict> | undefined, selected: ReadonlySet<string>, nodeMemo: Memo<AppNode>, edgeMemo: Memo<DecisionFlowEdge>): FlowGraph {
  // Only what is drawn becomes nodes and edges (src/model/drawn.ts); the rest is counted on its account.
  const scenario = drawnPart(whole);
  const { layout } = scenario;
  const nodes: AppNode[] = [];
  const orgs = new Map(scenario.organizations.map((o) => [o.id, o]));
  const accountIds = new Set(scenario.accounts.map((a) => a.id));
  const perAccount = new Map<string, number>();
  const place = (id: string, accountId: string | undefined, column: 0 | 1): { x: number; y: number } => {
    const stored = layoutOf(layout, id);
    if (stored) return { x: stored.x, y: stored.y };
    const key = `${accountId ?? ''}/${column}`;
    const n = perAccount.get(key) ?? 0;
    perAccount.set(key, n + 1);
    return autoPosition(n, column);
  };
  const inAccount = new Map<string, number>();
  for (const p of scenario.principals) if (p.type !== 'service') inAccount.set(p.accountId, (inAccount.get(p.accountId) ?? 0) + 1);
  for (const r of scenario.resources) inAccount.set(r.accountId, (inAccount.get(r.accountId) ?? 0) + 1);
  const inWholeAccount = new Map<string, number>();
  if (whole !== scenario) {
    for (const p of whole.principals) if (p.type !== 'service') inWholeAccount.set(p.accountId, (inWholeAccount.get(p.accountId) ?? 0) + 1);
    for (const r of whole.resources) inWholeAccount.set(r.accountId, (inWholeAccount.get(r.accountId) ?? 0) + 1);
  }
  const accountBox = (a: Account, i: number) => {
    const stored = layoutOf(layout, a.id);
    return {
      x: stored?.x ?? i * (DEFAULT_ACCOUNT_SIZE.width + 80),
      y: stored?.y ?? 0,
      width: stored?.width ?? DEFAULT_ACCOUNT_SIZE.width,
      height: stored?.height ?? DEFAULT_ACCOUNT_SIZE.height,
    };
  };
  const boxes = new Map(scenario.accounts.map((a, i) => [a.id, accountBox(a, i)]));

  // Organization frames first: React Flow draws nodes in array order, and they sit behind their accounts.
  for (const org of scenario.organizations) {
    const members = scenario.accounts.filter((a) => a.organizationId === org.id).map((a) => a.id);
    const frame = frameAround(members.flatMap((id) => (boxes.get(id) ? [boxes.get(id) as { x: number; y: number; width: number; height: number }] : [])));
    if (!frame) continue;
    const isSelected = selected.has(org.id);
    const chips = org.policies.map((p) => `${p.type}:${p.id}:${p.name}`).join('\n');
    nodes.push(
      nodeMemo.get(org.id, [org.name, chips, frame.x, frame.y, frame.width, frame.height, members.join(','), isSelected], () => sized({
        id: org.id,
        type: 'organization',
        position: { x: frame.x, y: frame.y },
        width: frame.width,
        height: frame.height,
        data: { organization: { id: org.id, name: org.name, policies: org.policies.map((p) => ({ id: p.id, name: p.name, type: p.type })) }, members },
        selected: isSelected,
        draggable: false,
        connectable: false,
        zIndex: -1,
        className: 'org-frame',
        ariaLabel: `Organization ${org.name} (${org.id}) with ${members.length} account${members.length === 1 ? '' : 's'}`,
      })),
    );
  }

  scenario.accounts.forEach((account) => {
    const box = boxes.get(account.id) as { x: number; y: number; width: number; height: number };
    const org = account.organizationId ? orgs.get(account.organizationId) : undefined;
    const isSelected = selected.has(account.id);
    const count = inAccount.get(account.id) ?? 0;
    const hidden = whole === scenario ? 0 : (inWholeAccount.get(account.id) ?? 0) - count;
    const isManagement = org?.managementAccountId === account.id;
    nodes.push(
      nodeMemo.get(account.id, [account, layoutOf(layout, account.id), org?.name, isManagement, count, hidden, isSelected, box.x, box.y], () => sized({
        id: account.id,
        type: 'account',
        position: { x: box.x, y: box.y },
        width: box.width,
        height: box.height,
        data: { account, ...(org ? { orgName: org.name } : {}), isManagement, count, hidden },
        selected: isSelected,
        dragHandle: '.account-drag-handle',
        connectable: false,
        zIndex: 0,
        ariaLabel: `Account ${account.name} (${account.id})${hidden > 0 ? `, ${hidden} not drawn` : ''}`,
      })),
    );
  });

  const groupsById = new Map(scenario.groups.map((g) => [g.id, g]));
  for (const p of scenario.principals) {
    const parent = p.type !== 'service' && accountIds.has(p.accountId) ? p.accountId : undefined;
    const position = place(p.id, parent, 0);
    const isSelected = selected.has(p.id);
    const name = principalName(p);
    const service = p.type === 'service' ? p.service : undefined;
    const policies = p.type === 'iam-user' || p.type === 'iam-role' ? identityPolicyCount(p, groupsById) : 0;
    nodes.push(
      nodeMemo.get(p.id, [p.type, name, service, policies, position.x, position.y, parent, isSelected], () => sized({
        id: p.id,
        type: 'principal',
        position,
        width: cardWidth(name),
        height: NODE_HEIGHT,
        ...(parent ? { parentId: parent } : {}),
        data: { principal: { id: p.id, type: p.type, name, policies, ...(service !== undefined ? { service } : {}) } },
        selected: isSelected,
        zIndex: 1,
        ariaLabel: service !== undefined ? `${PRINCIPAL_WORDS[p.type]} ${service}${name !== service ? `: ${name}` : ''}` : `${PRINCIPAL_WORDS[p.type]} ${name}`,
      })),
    );
  }

  const rulesByBus = new Map<string, EventRule[]>();
  for (const rule of scenario.rules) rulesByBus.set(rule.busId, [...(rulesByBus.get(rule.busId) ?? []), rule]);
  for (const r of scenario.resources) {
    const parent = accountIds.has(r.accountId) ? r.accountId : undefined;
    const position = place(r.id, parent, 1);
    const isSelected = selected.has(r.id);
    const hasPolicy = r.policy !== undefined;
    if (r.type === 'events-bus') {
      const rules = rulesByBus.get(r.id)?.length ?? 0;
      const size = busSize(rules);
      nodes.push(
        nodeMemo.get(r.id, [r.type, r.name, hasPolicy, position.x, position.y, parent, isSelected, rules], () => sized({
          id: r.id,
          type: 'bus',
          position,
          ...(parent ? { parentId: parent } : {}),
          width: size.width,
          height: size.height,
          data: { resource: { id: r.id, type: r.type, name: r.name, hasPolicy }, rules },
          selected: isSelected,
          zIndex: 1,
          ariaLabel: `EventBridge event bus ${r.name} with ${rules} rule${rules === 1 ? '' : 's'}`,
        })),
      );
      continue;
    }
    nodes.push(
      nodeMemo.get(r.id, [r.type, r.name, hasPolicy, position.x, position.y, parent, isSelected], () => sized({
        id: r.id,
        type: 'resource',
        position,
        width: cardWidth(r.name),
        height: NODE_HEIGHT,
        ...(parent ? { parentId: parent } : {}),
        data: { resource: { id: r.id, type: r.type, name: r.name, hasPolicy } },
        selected: isSelected,
        zIndex: 1,
        ariaLabel: `${RESOURCE_TYPES[r.type].label} ${r.name}`,
      })),
    );
  }

  // Rules are docked on their bus, in order; a rule whose bus is missing floats (the parser forbids it).
  const busById = new Map(scenario.resources.filter((r) => r.type === 'events-bus').map((r) => [r.id, r]));
  for (const [busId, rules] of rulesByBus) {
    const bus = busById.get(busId);
    rules.forEach((rule, i) => {
      const isSelected = selected.has(rule.id);
      nodes.push(
        nodeMemo.get(rule.id, [rule.name, bus?.id, bus?.name, i, isSelected], () => sized({
          id: rule.id,
          type: 'rule',
          position: bus ? { x: (NODE_WIDTH - RULE_WIDTH) / 2, y: BUS_HEADER + i * (RULE_HEIGHT + RULE_GAP) } : { x: 0, y: 0 },
          ...(bus ? { parentId: bus.id } : {}),
          width: RULE_WIDTH,
          height: RULE_HEIGHT,
          data: { rule: { id: rule.id, name: rule.name } },
          selected: isSelected,
          zIndex: 2,
          ariaLabel: `EventBridge rule ${rule.name}${bus ? ` on bus ${bus.name}` : ''}`,
        })),
      );
    });
  }

  const principalsById = new Map(scenario.principals.map((p) => [p.id, p]));
  const resourcesById = new Map(scenario.resources.map((r) => [r.id, r]));
  // Rules are named too: an imported rule's id is its ARN, not its name.
  const ruleNames = new Map(scenario.rules.map((r) => [r.id, r.name]));
  const nameOf = (id: string): string => {
    const p = principalsById.get(id);
    if (p) return principalName(p);
    return resourcesById.get(id)?.name ?? ruleNames.get(id) ?? id;
  };
  const edges: DecisionFlowEdge[] = [];
  const rulesOn = new Map<string, number>();
  for (const rule of scenario.rules) rulesOn.set(rule.busId, (rulesOn.get(rule.busId) ?? 0) + 1);
  const ruleIds = new Set(scenario.rules.map((r) => r.id));
  // Every edge is looked at on every change: its inputs are gathered without allocating (shared ends, the
  // names rather than the title), so an unchanged edge costs a few lookups.
  const busEnds = new Map<number, EdgeEnds['source']>();
  const cardEnds = new Map<number, EdgeEnds['source']>();
  const endOf = (id: string): EdgeEnds['source'] => {
    if (resourcesById.get(id)?.type === 'events-bus') {
      const rules = rulesOn.get(id) ?? 0;
      let end = busEnds.get(rules);
      if (!end) busEnds.set(rules, (end = { ...busSize(rules), handleY: BUS_HANDLE_Y }));
      return end;
    }
    if (ruleIds.has(id)) return RULE_END;
    const width = cardWidth(nameOf(id));
    let end = cardEnds.get(width);
    if (!end) cardEnds.set(width, (end = { width, height: NODE_HEIGHT, handleY: NODE_HEIGHT / 2 }));
    return end;
  };
  const edgeObject = (id: string, kind: DecisionEdgeData['kind'], source: string, target: string, actions: readonly string[], via?: string): DecisionFlowEdge => {
    const verdict = verdicts?.get(id);
    const isSelected = selected.has(id);
    const sourceName = nameOf(source);
    const targetName = nameOf(target);
    const s = endOf(source);
    const t = endOf(target);
    return edgeMemo.get(id, [verdict, isSelected, kind, source, target, actions, via, sourceName, targetName, s.width, s.height, t.width, t.height], () => {
      const look: EdgeLook = verdict?.status ?? 'pending';
      const title = `${sourceName} → ${targetName}`;
      return {
        id,
        type: 'decision',
        source,
        target,
        data: { kind, look, actions, title, ends: { source: s, target: t }, ...(verdict ? { verdict } : {}), ...(via ? { via } : {}) },
        selected: isSelected,
        domAttributes: { 'data-decision': look, 'data-kind': kind, 'data-source': source, 'data-target': target } as Record<string, string>,
        ariaLabel: `${kind === 'assume' ? 'AssumeRole' : kind === 'target' ? 'EventBridge delivery' : 'Access'} ${title}: ${verdict ? verdict.summary : 'being decided'}`,
      };
    });
  };
  for (const e of scenario.edges) edges.push(edgeObject(e.id, e.kind, e.from, e.to, e.kind === 'access' ? e.actions : ASSUME_ACTIONS));
  for (const rule of scenario.rules) {
    for (const t of rule.targets) {
      const role = t.roleId ? principalsById.get(t.roleId) : undefined;
      edges.push(edgeObject(t.id, 'target', rule.id, t.resourceId, NO_ACTIONS, role ? principalName(role) : t.roleId));
    }
  }
  return { nodes, edges };
}
