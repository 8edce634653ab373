import type { AssumeEdge, Edge, Scenario } from '../model';
import type { ChainHop } from './chain';

/**
 * Which drawn edges a journey can follow. Pure model code (no engine): the canvas uses it on the main
 * thread to offer Play for the selected edge, and the evaluation worker builds the journey of a route.
 */

/** Which drawn edges a journey follows. */
export interface JourneyRoute {
  /** Edge ids in order: AssumeRole edges, then at most one access edge; or one EventBridge rule target id. */
  readonly edges: readonly string[];
  /** For an access edge with several actions: the one this journey follows (the first by default). */
  readonly action?: string;
  /**
   * A role chain found by the access analysis, followed hop by hop whether or not its edges are drawn
   * (`edges` is then empty; see src/journey/chain.ts).
   */
  readonly chain?: readonly ChainHop[];
}

const MAX_CHAIN = 6;
const MAX_ROUTES = 24;

/** The display name of a principal, resource or rule. */
export function nameOf(scenario: Scenario, id: string): string {
  const p = scenario.principals.find((x) => x.id === id);
  if (p) return p.type === 'service' ? p.service : p.name;
  return scenario.resources.find((r) => r.id === id)?.name ?? scenario.rules.find((r) => r.id === id)?.name ?? id;
}

/** Whether an id is an EventBridge rule target (a delivery drawn from a rule). */
export function isRuleTarget(scenario: Scenario, id: string | undefined): boolean {
  return id !== undefined && scenario.rules.some((r) => r.targets.some((t) => t.id === id));
}

/** Whether a route is one EventBridge delivery. */
export function isTargetRoute(scenario: Scenario, route: JourneyRoute): boolean {
  return route.edges.length === 1 && isRuleTarget(scenario, route.edges[0]);
}

/**
 * Chains of AssumeRole edges that end at `principalId`, each starting at an original caller (a principal
 * no AssumeRole edge leads to, or where following them would loop). Empty when nobody assumes it.
 */
export function assumeChainsTo(scenario: Scenario, principalId: string): AssumeEdge[][] {
  const incoming = (id: string): AssumeEdge[] => scenario.edges.filter((e): e is AssumeEdge => e.kind === 'assume' && e.to === id);
  const out: AssumeEdge[][] = [];
  const walk = (id: string, suffix: AssumeEdge[], seen: ReadonlySet<string>): void => {
    if (out.length >= MAX_ROUTES) return;
    const ins = suffix.length < MAX_CHAIN ? incoming(id).filter((e) => !seen.has(e.from)) : [];
    if (ins.length === 0) {
      if (suffix.length > 0) out.push(suffix);
      return;
    }
    for (const e of ins) walk(e.from, [e, ...suffix], new Set([...seen, e.from]));
  };
  walk(principalId, [], new Set([principalId]));
  return out;
}

/** Ways to continue from a role: further AssumeRole edges and, at the end, one access edge. */
function continuationsFrom(scenario: Scenario, roleId: string, seen: ReadonlySet<string>, depth: number): Edge[][] {
  if (depth >= MAX_CHAIN) return [];
  const out: Edge[][] = [];
  for (const e of scenario.edges) {
    if (e.from !== roleId) continue;
    if (e.kind === 'access') out.push([e]);
    else if (!seen.has(e.to)) for (const rest of [[], ...continuationsFrom(scenario, e.to, new Set([...seen, e.to]), depth + 1)]) out.push([e, ...rest]);
  }
  return out;
}

/**
 * The journeys that go through a picked edge or rule target, the most telling first: for an access edge
 * from a role, one per original caller (and the role acting on its own last); for an AssumeRole edge, on
 * through each of the role's access edges, then stopping at the role; one per action of an access edge.
 */
export function journeyRoutes(scenario: Scenario, pickedId: string): JourneyRoute[] {
  if (isRuleTarget(scenario, pickedId)) return [{ edges: [pickedId] }];
  const edge = scenario.edges.find((e) => e.id === pickedId);
  if (!edge) return [];
  const chains = assumeChainsTo(scenario, edge.from).map((c) => c.map((e) => e.id));
  const prefixes = chains.length > 0 ? [...chains, []] : [[]];
  const suffixes: Edge[][] = edge.kind === 'assume' ? [...continuationsFrom(scenario, edge.to, new Set([edge.from, edge.to]), 1).map((c) => [edge, ...c]), [edge]] : [[edge]];
  const routes: JourneyRoute[] = [];
  for (const prefix of prefixes) {
    for (const suffix of suffixes) {
      const last = suffix[suffix.length - 1];
      const actions = last?.kind === 'access' ? last.actions : [undefined];
      for (const action of actions) {
        if (routes.length >= MAX_ROUTES) return routes;
        routes.push({ edges: [...prefix, ...suffix.map((e) => e.id)], ...(action !== undefined ? { action } : {}) });
      }
    }
  }
  return routes;
}

/** "alice → ExportRole → bucket-b · s3:PutObject". */
export function routeLabel(scenario: Scenario, route: JourneyRoute): string {
  if (route.chain && route.chain.length > 0) {
    const chain = route.chain;
    return `${[nameOf(scenario, chain[0]?.from ?? ''), ...chain.map((h) => nameOf(scenario, h.to))].join(' → ')} · ${chain[chain.length - 1]?.action ?? ''}`;
  }
  const first = route.edges[0];
  const target = scenario.rules.flatMap((r) => r.targets.map((t) => ({ r, t }))).find((x) => x.t.id === first);
  if (target) {
    const bus = nameOf(scenario, target.r.busId);
    const role = target.t.roleId ? ` → ${nameOf(scenario, target.t.roleId)}` : '';
    return `bus ${bus} → rule ${target.r.name}${role} → ${nameOf(scenario, target.t.resourceId)}`;
  }
  const edges = route.edges.map((id) => scenario.edges.find((e) => e.id === id)).filter((e): e is Edge => !!e);
  if (edges.length === 0) return '';
  const names = [nameOf(scenario, edges[0]?.from ?? ''), ...edges.map((e) => nameOf(scenario, e.to))];
  const last = edges[edges.length - 1];
  const action = last?.kind === 'access' ? (route.action ?? last.actions[0]) : 'sts:AssumeRole';
  return `${names.join(' → ')} · ${action}`;
}

/** Whether two routes are the same. */
export function sameRoute(a: JourneyRoute | undefined, b: JourneyRoute | undefined): boolean {
  if (!a || !b) return a === b;
  if (JSON.stringify(a.chain ?? null) !== JSON.stringify(b.chain ?? null)) return false;
  return a.action === b.action && a.edges.length === b.edges.length && a.edges.every((id, i) => id === b.edges[i]);
}
