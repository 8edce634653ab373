import { drawnPart, RESOURCE_TYPE_IDS, type Layout, type Scenario } from '../model';
import { busSize, NODE_HEIGHT, NODE_WIDTH } from './toFlow';

/**
 * The picture of a drawn part that has no edges: a catalogue. ELK's layered layout (src/graph/layout.ts)
 * ranks cards along the edges between them; with no edge at all it ranks every card of an account in one
 * column, which a screen shows at an unreadable size once there are more than a dozen. An import's first
 * picture is such a part. And what is picked from a large import is many cards of a few kinds, which the
 * layers stack in one tall column per rank even with edges. Such pictures are catalogues: cards in rows
 * inside their accounts (principals first, then resources by type, each by name), the accounts in rows
 * about the shape of a screen, each organization's together with its management account first, AWS
 * services in a row above. The canvas draws the edges between the cards as it always does.
 */

const CELL = { width: NODE_WIDTH + 32, height: NODE_HEIGHT + 28 };
/** Inside an account: room for its header above the cards, and a margin around them. */
const INSET = { left: 20, top: 64, right: 20, bottom: 24 };
/** An account with nothing drawn in it: its header and the line that says what it holds. */
const EMPTY_ACCOUNT = { width: 320, height: 130 };
const GAP = { x: 40, y: 36 };
/** Room between organizations for a frame's header. */
const GROUP_GAP = 120;
/** The shape of the canvas a picture is fitted to (a laptop screen's, between the panels). */
const SCREEN_ASPECT = 1.4;

/** Whether the drawn part of a scenario has no edge and no rule target to lay out along. */
export function hasNoDrawnEdges(scenario: Scenario): boolean {
  const part = drawnPart(scenario);
  return part.edges.length === 0 && part.rules.every((r) => r.targets.length === 0);
}

/** Columns that make `n` cells of `cell` about as wide as `aspect` times as high. */
function columnsFor(n: number, cell: { width: number; height: number }, aspect: number): number {
  return Math.max(1, Math.min(n, Math.ceil(Math.sqrt((n * aspect * cell.height) / cell.width))));
}

const RESOURCE_ORDER = new Map<string, number>(RESOURCE_TYPE_IDS.map((t, i) => [t, i]));
const PRINCIPAL_ORDER: Record<string, number> = { 'iam-role': 0, 'iam-user': 1, 'account-root': 2, service: 3 };

/** Layout entries for the drawn part: accounts (absolute, with their size) and their cards (relative to them). */
export function catalogueLayout(scenario: Scenario): Layout['nodes'] {
  const part = drawnPart(scenario);
  const out: Layout['nodes'] = {};
  const rulesOn = new Map<string, number>();
  for (const r of part.rules) rulesOn.set(r.busId, (rulesOn.get(r.busId) ?? 0) + 1);

  // Cards per account, in reading order.
  const cards = new Map<string, { id: string; order: number; name: string; width: number; height: number }[]>(part.accounts.map((a) => [a.id, []]));
  const loose: { id: string; name: string }[] = [];
  for (const p of part.principals) {
    const list = p.type === 'service' ? undefined : cards.get(p.accountId);
    if (list) list.push({ id: p.id, order: PRINCIPAL_ORDER[p.type] ?? 9, name: p.name, width: NODE_WIDTH, height: NODE_HEIGHT });
    else loose.push({ id: p.id, name: p.type === 'service' ? p.service : p.name });
  }
  for (const r of part.resources) {
    const size = r.type === 'events-bus' ? busSize(rulesOn.get(r.id) ?? 0) : { width: NODE_WIDTH, height: NODE_HEIGHT };
    cards.get(r.accountId)?.push({ id: r.id, order: 10 + (RESOURCE_ORDER.get(r.type) ?? 0), name: r.name, ...size });
  }

  // Each account's box, its cards in rows.
  const boxes = new Map<string, { width: number; height: number }>();
  for (const [accountId, list] of cards) {
    if (list.length === 0) {
      boxes.set(accountId, EMPTY_ACCOUNT);
      continue;
    }
    list.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
    const columns = columnsFor(list.length, CELL, SCREEN_ASPECT);
    let y = INSET.top;
    for (let row = 0; row * columns < list.length; row++) {
      const inRow = list.slice(row * columns, (row + 1) * columns);
      inRow.forEach((c, i) => {
        out[c.id] = { x: INSET.left + i * CELL.width, y };
      });
      y += Math.max(...inRow.map((c) => c.height)) + (CELL.height - NODE_HEIGHT);
    }
    boxes.set(accountId, { width: INSET.left + columns * CELL.width - (CELL.width - NODE_WIDTH) + INSET.right, height: y - (CELL.height - NODE_HEIGHT) + INSET.bottom });
  }

  // Accounts in rows (shelves), organization by organization.
  const groups: string[][] = [];
  for (const org of part.organizations) {
    const members = part.accounts.filter((a) => a.organizationId === org.id).sort((a, b) => (a.id === org.managementAccountId ? -1 : b.id === org.managementAccountId ? 1 : 0));
    if (members.length > 0) groups.push(members.map((a) => a.id));
  }
  const outside = part.accounts.filter((a) => !a.organizationId || !part.organizations.some((o) => o.id === a.organizationId));
  if (outside.length > 0) groups.push(outside.map((a) => a.id));
  let top = 0;
  // Principals outside any account (AWS services) in a row above the rest.
  if (loose.length > 0) {
    loose.sort((a, b) => a.name.localeCompare(b.name));
    const columns = columnsFor(loose.length, CELL, SCREEN_ASPECT * 3);
    loose.forEach((p, i) => {
      out[p.id] = { x: (i % columns) * CELL.width, y: Math.floor(i / columns) * CELL.height };
    });
    top = Math.ceil(loose.length / columns) * CELL.height + GROUP_GAP;
  }
  for (const ids of groups) {
    const area = ids.reduce((n, id) => n + ((boxes.get(id)?.width ?? 0) + GAP.x) * ((boxes.get(id)?.height ?? 0) + GAP.y), 0);
    const widest = Math.max(...ids.map((id) => boxes.get(id)?.width ?? 0));
    // A little wider than the screen's shape: the rows' ragged ends and the frame's header take room.
    const rowWidth = Math.max(widest, Math.sqrt(area * SCREEN_ASPECT * 1.3));
    let x = 0;
    let y = top;
    let rowHeight = 0;
    for (const id of ids) {
      const box = boxes.get(id) ?? EMPTY_ACCOUNT;
      if (x > 0 && x + box.width > rowWidth) {
        x = 0;
        y += rowHeight + GAP.y;
        rowHeight = 0;
      }
      out[id] = { x, y, width: box.width, height: box.height };
      x += box.width + GAP.x;
      rowHeight = Math.max(rowHeight, box.height);
    }
    top = y + rowHeight + GROUP_GAP;
  }
  return out;
}
