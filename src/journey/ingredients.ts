import type { AccessEdge, AssumeEdge, IamRole, Principal, Resource, Scenario } from '../model';

/**
 * Whether a scenario has the seed documents' two designs to compare, and what they are built from. Kept
 * apart from the designs themselves (./compare.ts, built in the evaluation worker): the canvas asks this
 * on every change to offer the comparison.
 */

/** What the comparison is built from, found in the scenario. */
export interface ComparisonIngredients {
  readonly caller: Principal;
  readonly role: IamRole;
  readonly resource: Resource;
  readonly assume: AssumeEdge;
  readonly write: AccessEdge;
  /** The caller's other access edges (its own work, e.g. the table scan). */
  readonly home: readonly AccessEdge[];
}

/**
 * The ingredients of the two designs: an AssumeRole edge from a user or root to a role in another
 * account, and an access edge from the same caller to a resource in the role's account. One pass over the
 * edges (the canvas asks on every change, to offer the comparison).
 */
export function comparisonIngredients(scenario: Scenario): ComparisonIngredients | undefined {
  const principals = new Map(scenario.principals.map((p) => [p.id, p]));
  const resources = new Map(scenario.resources.map((r) => [r.id, r]));
  const accessFrom = new Map<string, AccessEdge[]>();
  for (const e of scenario.edges) if (e.kind === 'access') accessFrom.set(e.from, [...(accessFrom.get(e.from) ?? []), e]);
  for (const assume of scenario.edges) {
    if (assume.kind !== 'assume') continue;
    const caller = principals.get(assume.from);
    const role = principals.get(assume.to);
    if (!caller || !role || role.type !== 'iam-role' || (caller.type !== 'iam-user' && caller.type !== 'account-root') || caller.accountId === role.accountId) continue;
    const own = accessFrom.get(caller.id) ?? [];
    const write = own.find((e) => resources.get(e.to)?.accountId === role.accountId);
    const resource = write ? resources.get(write.to) : undefined;
    if (!write || !resource) continue;
    return { caller, role, resource, assume, write, home: own.filter((e) => e.id !== write.id) };
  }
  return undefined;
}

