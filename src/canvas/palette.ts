import type { AppNode } from '../graph/toFlow';
import { freeSpot } from '../graph/freeSpot';
import { busSize } from '../graph/toFlow';
import { addAccount, addPrincipal, addResource, addRule, createOrganization, DEFAULT_ACCOUNT_SIZE, layoutOf, setLayout, type PrincipalKind, type ResourceType, type Scenario } from '../model';
import { useAppStore } from '../store/store';

/** What the palette puts on the drag payload. */
export type PaletteItem =
  | { readonly kind: 'account' }
  | { readonly kind: 'organization' }
  | { readonly kind: 'principal'; readonly type: PrincipalKind }
  | { readonly kind: 'resource'; readonly type: ResourceType }
  | { readonly kind: 'rule' };

export const PALETTE_MIME = 'application/x-crossaccount-item';

type Box = { x: number; y: number; width: number; height: number };

/** Absolute box of a node (positions of children are relative to their parent). */
export function absoluteBox(node: AppNode, byId: ReadonlyMap<string, AppNode>): Box {
  let x = node.position.x;
  let y = node.position.y;
  let parent = node.parentId ? byId.get(node.parentId) : undefined;
  while (parent) {
    x += parent.position.x;
    y += parent.position.y;
    parent = parent.parentId ? byId.get(parent.parentId) : undefined;
  }
  return { x, y, width: node.measured?.width ?? node.width ?? 0, height: node.measured?.height ?? node.height ?? 0 };
}

const inside = (p: { x: number; y: number }, b: Box) => p.x >= b.x && p.y >= b.y && p.x <= b.x + b.width && p.y <= b.y + b.height;

/** The topmost node of a type whose box contains a point of the flow. */
export function nodeAt(nodes: readonly AppNode[], point: { x: number; y: number }, type: AppNode['type']): AppNode | undefined {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i] as AppNode;
    if (n.type === type && inside(point, absoluteBox(n, byId))) return n;
  }
  return undefined;
}

const CARD = { width: 208, height: 64 };
/** Principals go in the left column and resources in the right one, so edges inside an account run left
 * to right with room for their labels between the columns. */
const COLUMN_X = [16, 16 + CARD.width + 150] as const;
const ROW = { top: 56, step: 96 };

/** Where a new item goes inside an account: at the drop point, else in the first free slot of its column. */
function slotIn(s: Scenario, accountId: string, column: 0 | 1, at: { x: number; y: number } | undefined, account: Box | undefined): { x: number; y: number } {
  if (at && account) return { x: Math.max(12, Math.round(at.x - account.x - CARD.width / 2)), y: Math.max(ROW.top, Math.round(at.y - account.y - CARD.height / 2)) };
  const boxes = [...s.principals.filter((p) => p.type !== 'service' && p.accountId === accountId), ...s.resources.filter((r) => r.accountId === accountId)].flatMap((e) => {
    const l = layoutOf(s.layout, e.id);
    return l ? [{ x: l.x, y: l.y }] : [];
  });
  const x = COLUMN_X[column];
  for (let row = 0; ; row++) {
    const y = ROW.top + row * ROW.step;
    if (!boxes.some((b) => b.x < x + CARD.width && b.x + CARD.width > x && b.y < y + CARD.height && b.y + CARD.height > y)) return { x, y };
  }
}

const GAP = 80;

function boxOf(s: Scenario, id: string): Box | undefined {
  const l = layoutOf(s.layout, id);
  return l ? { x: l.x, y: l.y, width: l.width ?? DEFAULT_ACCOUNT_SIZE.width, height: l.height ?? DEFAULT_ACCOUNT_SIZE.height } : undefined;
}

/**
 * Pushes accounts that a grown account now overlaps (or crowds) out of its way: to the right when they
 * start right of it, else down. Pushed accounts push their own neighbours in turn.
 */
export function makeRoom(s: Scenario, accountId: string): Scenario {
  let next = s;
  const queue = [accountId];
  for (let guard = 0; queue.length > 0 && guard < 1000; guard++) {
    const id = queue.shift() as string;
    const box = boxOf(next, id);
    if (!box) continue;
    for (const a of next.accounts) {
      const other = a.id === id ? undefined : boxOf(next, a.id);
      if (!other) continue;
      const crowded = other.x < box.x + box.width + GAP / 2 && box.x < other.x + other.width + GAP / 2 && other.y < box.y + box.height + GAP / 2 && box.y < other.y + other.height + GAP / 2;
      if (!crowded) continue;
      const moved = other.x >= box.x ? { x: box.x + box.width + GAP, y: other.y } : { x: other.x, y: box.y + box.height + GAP };
      next = setLayout(next, { [a.id]: { ...layoutOf(next.layout, a.id), ...moved } });
      queue.push(a.id);
    }
  }
  return next;
}

/** Grows the accounts of the given principals and resources so each holds its card (after duplicate, paste). */
export function fitAccounts(s: Scenario, ids: readonly string[]): Scenario {
  let next = s;
  for (const id of ids) {
    const owner = next.principals.find((p) => p.id === id) ?? next.resources.find((r) => r.id === id);
    const at = layoutOf(next.layout, id);
    if (owner && 'accountId' in owner && at) next = grow(next, owner.accountId, at);
  }
  return next;
}

/** The account's box grown (never shrunk) to hold a card at `at`; neighbours make room. */
function grow(s: Scenario, accountId: string, at: { x: number; y: number }, size: { width: number; height: number } = CARD): Scenario {
  const box = layoutOf(s.layout, accountId);
  if (!box) return s;
  const width = Math.max(box.width ?? DEFAULT_ACCOUNT_SIZE.width, at.x + size.width + 16);
  const height = Math.max(box.height ?? DEFAULT_ACCOUNT_SIZE.height, at.y + size.height + 20);
  return width === box.width && height === box.height ? s : makeRoom(setLayout(s, { [accountId]: { ...box, width, height } }), accountId);
}

/**
 * Adds a palette item. `at` is the drop point (flow coordinates); without one (a click or the keyboard)
 * the item goes into the selected account, else the first one. Returns the new id, or undefined with the
 * reason in the status line.
 */
export function addPaletteItem(item: PaletteItem, nodes: readonly AppNode[], at?: { x: number; y: number }): string | undefined {
  const { edit, notify, select, selected, scenario } = useAppStore.getState();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const selectedAccount = (() => {
    for (const id of selected) {
      if (scenario.accounts.some((a) => a.id === id)) return id;
      const owner = scenario.principals.find((p) => p.id === id) ?? scenario.resources.find((r) => r.id === id);
      if (owner && 'accountId' in owner) return owner.accountId;
    }
    return undefined;
  })();
  const dropped = at ? nodeAt(nodes, at, 'account') : undefined;
  const accountId = dropped?.id ?? selectedAccount ?? scenario.accounts[0]?.id;
  const accountNode = accountId ? byId.get(accountId) : undefined;
  const accountBox = accountNode && (dropped || at) ? absoluteBox(accountNode, byId) : undefined;
  let created: string | undefined;
  let error: string | undefined;
  edit((s) => {
    if (item.kind === 'account') {
      const last = s.accounts[s.accounts.length - 1];
      const l = last ? layoutOf(s.layout, last.id) : undefined;
      const r = addAccount(s, at ? { x: Math.round(at.x), y: Math.round(at.y) } : l ? { x: l.x + (l.width ?? 520) + 80, y: l.y } : { x: 0, y: 0 });
      created = r.id;
      return r.scenario;
    }
    if (item.kind === 'organization') {
      const target = (dropped?.id ?? selectedAccount ?? s.accounts.find((a) => !a.organizationId)?.id) as string | undefined;
      if (!target) {
        error = 'An organization grows from its management account: add an account first.';
        return s;
      }
      const r = createOrganization(s, target);
      if ('error' in r) {
        error = r.error;
        return s;
      }
      created = r.id;
      return r.scenario;
    }
    if (item.kind === 'principal' && item.type === 'service') {
      const r = addPrincipal(s, 'service', undefined, at ?? { x: -280, y: 40 + s.principals.filter((p) => p.type === 'service').length * 90 });
      created = r.id;
      return r.scenario;
    }
    if (!accountId) {
      error = 'Add an account first: users, roles, resources and rules live in an account.';
      return s;
    }
    if (item.kind === 'principal') {
      // Where it was dropped or its column's slot, moved to the nearest free space: clear of other cards,
      // of edge lines and of their labels.
      const slot = freeSpot(s, accountId, '', CARD, slotIn(s, accountId, 0, at, accountBox));
      const r = addPrincipal(s, item.type, accountId, slot);
      created = r.id;
      return grow(r.scenario, accountId, slot);
    }
    if (item.kind === 'resource') {
      const slot = freeSpot(s, accountId, '', item.type === 'events-bus' ? busSize(0) : CARD, slotIn(s, accountId, 1, at, accountBox));
      const r = addResource(s, item.type, accountId, slot);
      created = r.id;
      return grow(r.scenario, accountId, slot, item.type === 'events-bus' ? busSize(0) : CARD);
    }
    // A rule sits on a bus: the bus it is dropped on, else one in the account, else the account's default
    // bus, which every account has in AWS and is drawn here on demand.
    const busNode = at ? nodeAt(nodes, at, 'bus') : undefined;
    let next = s;
    let busId = busNode?.id ?? s.resources.find((r) => r.type === 'events-bus' && r.accountId === accountId)?.id;
    let slot: { x: number; y: number } | undefined;
    if (!busId) {
      slot = freeSpot(next, accountId, '', busSize(1), slotIn(next, accountId, 0, at, accountBox));
      const bus = addResource(next, 'events-bus', accountId, slot);
      next = bus.scenario;
      busId = bus.id;
    }
    const r = addRule(next, busId, { x: 0, y: 0 });
    if ('error' in r) {
      error = r.error;
      return s;
    }
    created = r.id;
    // The bus grows by one rule: make room for it in its account.
    const bus = r.scenario.resources.find((x) => x.id === busId);
    const busAt = layoutOf(r.scenario.layout, busId);
    const rules = r.scenario.rules.filter((x) => x.busId === busId).length;
    return bus && busAt ? grow(r.scenario, bus.accountId, busAt, busSize(rules)) : r.scenario;
  });
  if (error) notify({ kind: 'refused', text: error });
  if (created) {
    select([created]);
    notify(undefined);
  }
  return created;
}
