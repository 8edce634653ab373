import type { ReachResult } from '../engine';
import type { Scenario } from '../model';
import type { ReachFocus } from '../store/analysisSlice';

/**
 * What "Who can reach this?" / "What can this reach?" marks on the canvas, from the analysis's answer: the
 * node asked about, the nodes that reach it (or that it reaches), the roles on the paths between them, the
 * drawn edges those paths follow, and the hops no drawn edge follows (drawn apart). Pure: unit tested.
 */

export type ReachRole = 'focus' | 'reach' | 'path' | 'dim';

export interface ReachMarks {
  /** Node id → its part, and the few words shown on it. Nodes not listed are dimmed. */
  readonly nodes: ReadonlyMap<string, { readonly role: Exclude<ReachRole, 'dim'>; readonly tag: string }>;
  /** Drawn edges a path follows. */
  readonly edges: ReadonlySet<string>;
  /** Hops of the paths between drawn nodes that no drawn edge follows: from, to (node ids), AssumeRole or not. */
  readonly hops: readonly { readonly from: string; readonly to: string; readonly assume: boolean }[];
  /** How many principals or resources reach / are reached, and how many of them are not drawn. */
  readonly count: number;
  readonly outsiders: number;
  readonly throughRoles: number;
}

const nodeOf = (key: string): string | undefined => (key.startsWith('p:') ? key.slice(2) : undefined);

export function reachMarks(focus: ReachFocus, result: ReachResult, scenario: Scenario, serviceNodes: ReadonlyMap<string, string> = new Map()): ReachMarks {
  const nodes = new Map<string, { role: Exclude<ReachRole, 'dim'>; tag: string }>();
  const focusNode = focus.kind === 'who' ? focus.key : nodeOf(focus.key);
  if (focusNode) nodes.set(focusNode, { role: 'focus', tag: focus.kind === 'who' ? 'who can reach this?' : 'what can this reach?' });
  const drawn = new Map<string, string>();
  for (const e of scenario.edges) drawn.set(`${e.from}\u0000${e.to}`, e.id);
  const edges = new Set<string>();
  const hops: Array<{ from: string; to: string; assume: boolean }> = [];
  const seenHop = new Set<string>();
  let count = 0;
  let outsiders = 0;
  let throughRoles = 0;
  for (const entry of result.entries) {
    if (entry.actions.length === 0) continue;
    count++;
    if (entry.throughRoles) throughRoles++;
    const otherKey = focus.kind === 'who' ? entry.subject : entry.resource;
    const other = focus.kind === 'who' ? (nodeOf(otherKey) ?? serviceNodes.get(otherKey)) : otherKey;
    if (!other || (focus.kind === 'who' && !nodeOf(otherKey) && !serviceNodes.has(otherKey))) outsiders++;
    const word = `${entry.actions.length} action${entry.actions.length === 1 ? '' : 's'}${entry.throughRoles ? ' via roles' : ''}`;
    if (other && other !== focusNode) nodes.set(other, { role: 'reach', tag: focus.kind === 'who' ? `reaches · ${word}` : `reachable · ${word}` });
    for (const hop of entry.path) {
      const from = nodeOf(hop.from);
      const to = nodeOf(hop.to) ?? hop.to;
      if (!from) continue;
      for (const n of [from, to]) if (!nodes.has(n)) nodes.set(n, { role: 'path', tag: 'on the path' });
      const id = drawn.get(`${from}\u0000${to}`);
      if (id) edges.add(id);
      else if (!seenHop.has(`${from}\u0000${to}`)) {
        seenHop.add(`${from}\u0000${to}`);
        hops.push({ from, to, assume: hop.action.toLowerCase() === 'sts:assumerole' });
      }
    }
  }
  return { nodes, edges, hops, count, outsiders, throughRoles };
}
