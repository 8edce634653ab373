import type { StatementRequest } from '../policy/statement';
import type { LevelTrace, PolicyTrace, StatementRef } from '../trace';
import type { Statement } from '../policy/types';
import type { OrgLevel } from '../world';
import { evaluatePolicySet, type Detail } from './policySet';

export interface OrgLevelsResult {
  /** Per level; empty at `verdict` detail. */
  readonly levels: LevelTrace[];
  readonly policies: PolicyTrace[];
  readonly denies: StatementRef[];
  readonly allows: StatementRef[];
  readonly denyCount: number;
  /** Whether some level allows nothing. */
  readonly failed: boolean;
  /** The first level (root first) that allows nothing, if any (not at `verdict` detail). */
  readonly failedLevel?: LevelTrace;
}

const FULL_ACCESS: OrgLevelsResult = Object.freeze({ levels: [], policies: [], denies: [], allows: [], denyCount: 0, failed: false });
const fullAccessCache = new WeakMap<readonly OrgLevel[], boolean>();

function isFullAccess(stmt: Statement): boolean {
  return (
    stmt.effect === 'Allow' &&
    stmt.action !== undefined && stmt.action.includes('*') &&
    stmt.resource !== undefined && stmt.resource.includes('*') &&
    stmt.conditions.length === 0 &&
    stmt.notPrincipal === undefined &&
    (stmt.principal === undefined || stmt.principal === '*' || (stmt.principal.AWS?.includes('*') ?? false))
  );
}

/** Whether every level has a full-access Allow and no level has any other statement. */
function onlyFullAccess(levels: readonly OrgLevel[]): boolean {
  let known = fullAccessCache.get(levels);
  if (known === undefined) {
    known = levels.every((l) => l.policies.some((p) => p.policy.statements.length > 0) && l.policies.every((p) => p.policy.statements.every(isFullAccess)));
    fullAccessCache.set(levels, known);
  }
  return known;
}

/**
 * SCPs and RCPs are inherited down the organization tree, and "for a permission to be allowed for a
 * specific account, there must be an explicit Allow statement at every level from the root through each
 * OU in the direct path to the account" (Organizations: SCP evaluation; RCP evaluation is the same).
 */
export function evaluateOrgLevels(levels: readonly OrgLevel[], req: StatementRequest, checkPrincipal: boolean, detail: Detail): OrgLevelsResult {
  const record = detail !== 'verdict';
  // Levels holding only unconditional "Allow * on *" statements (FullAWSAccess, RCPFullAWSAccess) allow every
  // request and deny none: their verdict is known without matching anything.
  if (!record && onlyFullAccess(levels)) return FULL_ACCESS;
  const out: LevelTrace[] = [];
  const policies: PolicyTrace[] = [];
  const denies: StatementRef[] = [];
  const allows: StatementRef[] = [];
  let denyCount = 0;
  let failed = false;
  let failedLevel: LevelTrace | undefined;
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] as OrgLevel;
    const r = evaluatePolicySet(level.policies, req, checkPrincipal, detail);
    denyCount += r.denyCount;
    const allowed = r.allowCount > 0;
    if (!allowed) failed = true;
    if (!record) continue;
    const lt: LevelTrace = { target: level.target, label: level.label, allowed, policies: r.policies };
    out.push(lt);
    for (const p of r.policies) policies.push(p);
    for (const d of r.denies) denies.push(d);
    for (const a of r.allows) allows.push(a);
    if (!allowed && !failedLevel) failedLevel = lt;
  }
  return failedLevel ? { levels: out, policies, denies, allows, denyCount, failed, failedLevel } : { levels: out, policies, denies, allows, denyCount, failed };
}
