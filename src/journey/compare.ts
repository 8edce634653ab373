import { freshId, RESOURCE_TYPES, usedIds, type AccessEdge, type AssumeEdge, type IamRole, type Principal, type Resource, type Scenario } from '../model';
import { comparisonIngredients } from './ingredients';
import type { JourneyRoute } from './routes';

export { comparisonIngredients, type ComparisonIngredients } from './ingredients';

/**
 * The seed documents' comparison, built from the scenario on the canvas by pure edits: a caller in one
 * account who works on its own account's resources (the DynamoDB table) and must also write to a
 * resource in another account (the bucket), either through that resource's policy — keeping its identity —
 * or by assuming a role in that account — becoming the role's session. Every decision shown for either
 * design is the engine's, on the edited scenario.
 */

export type DesignId = 'keep-identity' | 'assume-role';

export interface Design {
  readonly id: DesignId;
  readonly title: string;
  /** One line on what the design does. */
  readonly lede: string;
  readonly scenario: Scenario;
  /** Played one after the other: the caller's own work first, then the cross-account write. */
  readonly routes: readonly JourneyRoute[];
}

export interface Comparison {
  readonly caller: Principal;
  readonly role: IamRole;
  readonly resource: Resource;
  readonly designs: readonly [Design, Design];
}

function perAction(edge: AccessEdge, prefix: readonly string[] = []): JourneyRoute[] {
  return edge.actions.map((action) => ({ edges: [...prefix, edge.id], action }));
}

/** Finds an existing access edge from `from` to `to` with the same actions, or draws one. */
function edgeFrom(s: Scenario, from: string, like: AccessEdge, taken: Set<string>): { scenario: Scenario; edge: AccessEdge } {
  const existing = s.edges.find((e): e is AccessEdge => e.kind === 'access' && e.from === from && e.to === like.to && like.actions.every((a) => e.actions.includes(a)));
  if (existing) return { scenario: s, edge: existing };
  const id = freshId(s, `${from}-as-session`, taken);
  taken.add(id);
  const { id: _id, from: _from, sessionPolicy: _sp, ...rest } = like;
  const edge: AccessEdge = { ...rest, id, from };
  return { scenario: { ...s, edges: [...s.edges, edge] }, edge };
}

/** The two designs, when the scenario has their ingredients (see `comparisonIngredients`). */
export function compareDesigns(scenario: Scenario): Comparison | undefined {
  const found = comparisonIngredients(scenario);
  if (!found) return undefined;
  const { caller, role, resource, assume, write, home } = found;
  return { caller, role, resource, designs: [keepDesign(scenario, caller, role, resource, assume, write, home), roleDesign(scenario, caller, role, assume, write, home)] };
}

function keepDesign(s: Scenario, caller: Principal, role: IamRole, resource: Resource, assume: AssumeEdge, write: AccessEdge, home: readonly AccessEdge[]): Design {
  // Without the role: no AssumeRole edge and nothing drawn from the role.
  const scenario: Scenario = { ...s, edges: s.edges.filter((e) => e.id !== assume.id && e.from !== role.id) };
  const policy = RESOURCE_TYPES[resource.type].policyName ?? 'resource policy';
  return {
    id: 'keep-identity',
    title: `${policy}: ${caller.name} keeps its identity`,
    lede: `${caller.name} calls ${resource.name} directly; the ${policy.toLowerCase()} admits it, and ${caller.name} keeps its own permissions throughout.`,
    scenario,
    routes: [...home.flatMap((e) => perAction(e)), ...perAction(write)],
  };
}

function roleDesign(s: Scenario, caller: Principal, role: IamRole, assume: AssumeEdge, write: AccessEdge, home: readonly AccessEdge[]): Design {
  const taken = usedIds(s);
  // Without the direct write: the caller reaches the resource only through the role.
  let scenario: Scenario = { ...s, edges: s.edges.filter((e) => e.id !== write.id) };
  const routes: JourneyRoute[] = [];
  let first = true;
  // The caller's own work, now attempted as the session, then the write as the session.
  for (const e of [...home, write]) {
    const drawn = edgeFrom(scenario, role.id, e, taken);
    scenario = drawn.scenario;
    routes.push(...perAction(drawn.edge, first ? [assume.id] : []));
    first = false;
  }
  return {
    id: 'assume-role',
    title: `AssumeRole: ${caller.name} becomes ${role.name}`,
    lede: `${caller.name} assumes ${role.name} in ${role.accountId} and works as the role's session, with the role's permissions instead of its own.`,
    scenario,
    routes,
  };
}
