import type { StatementRequest } from '../policy/statement';
import type { LevelTrace, PolicyTrace, StatementRef } from '../trace';
import type { OrgLevel } from '../world';
import { evaluatePolicySet } from './policySet';

export interface OrgLevelsResult {
  readonly levels: LevelTrace[];
  readonly policies: PolicyTrace[];
  readonly denies: StatementRef[];
  readonly allows: StatementRef[];
  /** The first level (root first) that allows nothing, if any. */
  readonly failedLevel?: LevelTrace;
}

/**
 * SCPs and RCPs are inherited down the organization tree, and "for a permission to be allowed for a
 * specific account, there must be an explicit Allow statement at every level from the root through each
 * OU in the direct path to the account" (Organizations: SCP evaluation; RCP evaluation is the same).
 */
export function evaluateOrgLevels(
  levels: readonly OrgLevel[],
  req: StatementRequest,
  checkPrincipal: boolean,
  trace: boolean,
): OrgLevelsResult {
  const out: LevelTrace[] = [];
  const policies: PolicyTrace[] = [];
  const denies: StatementRef[] = [];
  const allows: StatementRef[] = [];
  let failedLevel: LevelTrace | undefined;
  for (const level of levels) {
    const r = evaluatePolicySet(level.policies, req, checkPrincipal, trace);
    const lt: LevelTrace = { target: level.target, label: level.label, allowed: r.allows.length > 0, policies: r.policies };
    out.push(lt);
    policies.push(...r.policies);
    denies.push(...r.denies);
    allows.push(...r.allows);
    if (!lt.allowed && !failedLevel) failedLevel = lt;
  }
  return { levels: out, policies, denies, allows, ...(failedLevel ? { failedLevel } : {}) };
}
