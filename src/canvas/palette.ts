import type { AppNode } from '../graph/toFlow';
import { addAccount, addPrincipal, addResource, addRule, createOrganization, type PrincipalKind, type ResourceType, type Scenario } from '../model';
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

/** Where a new item goes inside an account: at the drop point, else in the first free slot. */
function slotIn(s: Scenario, accountId: string, at: { x: number; y: number } | undefined, account: Box | undefined): { x: number; y: number } {
  if (at && account) return { x: Math.max(12, Math.round(at.x - account.x - 100)), y: Math.max(52, Math.round(at.y - account.y - 30)) };
  const taken = new Set(
    [...s.principals.filter((p) => p.type !== 'service' && p.accountId === accountId), ...s.resources.filter((r) => r.accountId === accountId)].map((e) => {
      const l = s.layout.nodes[e.id];
      return l ? `${Math.round(l.x / 120)}:${Math.round(l.y / 96)}` : '';
    }),
  );
  for (let row = 0; ; row++) {
    for (let col = 0; col < 2; col++) {
      const pos = { x: 16 + col * 256, y: 56 + row * 96 };
      if (!taken.has(`${Math.round(pos.x / 120)}:${Math.round(pos.y / 96)}`)) return pos;
    }
  }
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
      const l = last ? s.layout.nodes[last.id] : undefined;
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
      const r = addPrincipal(s, item.type, accountId, slotIn(s, accountId, at, accountBox));
      created = r.id;
      return r.scenario;
    }
    if (item.kind === 'resource') {
      const r = addResource(s, item.type, accountId, slotIn(s, accountId, at, accountBox));
      created = r.id;
      return r.scenario;
    }
    // A rule sits on a bus: the bus it is dropped on, else one in the account, else the account's default
    // bus, which every account has in AWS and is drawn here on demand.
    const busNode = at ? nodeAt(nodes, at, 'bus') : undefined;
    let next = s;
    let busId = busNode?.id ?? s.resources.find((r) => r.type === 'events-bus' && r.accountId === accountId)?.id;
    if (!busId) {
      const bus = addResource(next, 'events-bus', accountId, slotIn(next, accountId, at, accountBox));
      next = bus.scenario;
      busId = bus.id;
    }
    const r = addRule(next, busId, { x: 0, y: 0 });
    if ('error' in r) {
      error = r.error;
      return s;
    }
    created = r.id;
    return r.scenario;
  });
  if (error) notify({ kind: 'error', text: error });
  if (created) {
    select([created]);
    notify(undefined);
  }
  return created;
}
