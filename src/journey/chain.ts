import type { AccessEdge, AssumeEdge, Scenario } from '../model';
import { usedIds } from '../model';

/**
 * A role chain found by the access analysis, played as a journey: the analysis's path (principal → role →
 * role → resource) need not follow drawn edges, so the journey is built on a scratch copy of the scenario
 * with one edge per hop — each carrying the request context the analysis found for it (an external id, MFA)
 * — decided by the engine like any drawn edge. Pure model code: it runs in the evaluation worker.
 */

/** One hop of a chain, by canvas node ids. */
export interface ChainHop {
  /** The principal acting (a drawn principal's node id). */
  readonly from: string;
  /** The role assumed, or the resource reached at the last hop. */
  readonly to: string;
  /** `sts:AssumeRole`, or the action of the last hop. */
  readonly action: string;
  /** Context keys the analysis set for the request. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  /** For the last hop: the sub-path the analysis asked about (an S3 object key, an API stage/method/path). */
  readonly resourcePath?: string;
}

/** Ids of the scratch edges start with this (they are never on the canvas). */
export const CHAIN_EDGE_PREFIX = 'chain~';

/** Whether an edge or evaluation id is one of a chain's scratch edges. */
export function isChainEdge(id: string | undefined): boolean {
  return id !== undefined && id.startsWith(CHAIN_EDGE_PREFIX);
}

/**
 * The scenario with one scratch edge per hop of the chain, and those edges' ids in order; `undefined` when a
 * hop's ends are not drawn (an outsider cannot be played on the canvas).
 */
export function chainScenario(scenario: Scenario, chain: readonly ChainHop[]): { readonly scenario: Scenario; readonly edges: readonly string[] } | undefined {
  const taken = usedIds(scenario);
  const principals = new Map(scenario.principals.map((p) => [p.id, p]));
  const resources = new Set(scenario.resources.map((r) => r.id));
  const added: Array<AccessEdge | AssumeEdge> = [];
  for (let i = 0; i < chain.length; i++) {
    const hop = chain[i] as ChainHop;
    let id = `${CHAIN_EDGE_PREFIX}${i}`;
    while (taken.has(id)) id = `${id}~`;
    taken.add(id);
    if (!principals.has(hop.from)) return undefined;
    const last = i === chain.length - 1;
    const context = hop.context && Object.keys(hop.context).length > 0 ? { ...hop.context } : undefined;
    if (!last || hop.action.toLowerCase() === 'sts:assumerole') {
      if (principals.get(hop.to)?.type !== 'iam-role') return undefined;
      // The external id and session name travel in their own fields (the request builder sets their keys).
      const { 'sts:ExternalId': externalId, ...rest } = (context ?? {}) as Record<string, string | readonly string[]>;
      added.push({
        kind: 'assume',
        id,
        from: hop.from,
        to: hop.to,
        ...(typeof externalId === 'string' ? { externalId } : {}),
        ...(Object.keys(rest).length > 0 ? { context: rest as Record<string, string | string[]> } : {}),
      });
    } else {
      if (!resources.has(hop.to)) return undefined;
      added.push({
        kind: 'access',
        id,
        from: hop.from,
        to: hop.to,
        actions: [hop.action],
        ...(hop.resourcePath !== undefined ? { resourcePath: hop.resourcePath } : {}),
        ...(context ? { context: context as Record<string, string | string[]> } : {}),
      });
    }
  }
  return { scenario: { ...scenario, edges: [...scenario.edges, ...added] }, edges: added.map((e) => e.id) };
}
