import type { PrincipalMatchKind } from '../policy/principal';
import { strongerMatch } from '../policy/principal';
import { evaluateStatement, type StatementRequest, type StatementTrace } from '../policy/statement';
import type { SourcedPolicy } from '../policy/types';
import type { PolicyTrace, StatementRef } from '../trace';

/** The matching statements of a set of policies. */
export interface PolicySetResult {
  readonly policies: PolicyTrace[];
  readonly allows: StatementRef[];
  readonly denies: StatementRef[];
  /** Strongest principal match among the Allow statements (policies that name principals). */
  readonly principalMatch?: PrincipalMatchKind;
}

function ref(sp: SourcedPolicy, index: number, sid: string | undefined, effect: 'Allow' | 'Deny', kind?: PrincipalMatchKind): StatementRef {
  return {
    source: sp.source,
    index,
    effect,
    ...(sid !== undefined ? { sid } : {}),
    ...(kind !== undefined ? { principalMatch: kind } : {}),
  };
}

/** Evaluates every statement of `policies` against `req`. */
export function evaluatePolicySet(
  policies: readonly SourcedPolicy[],
  req: StatementRequest,
  checkPrincipal: boolean,
  trace: boolean,
): PolicySetResult {
  const traces: PolicyTrace[] = [];
  const allows: StatementRef[] = [];
  const denies: StatementRef[] = [];
  let principalMatch: PrincipalMatchKind | undefined;
  for (const sp of policies) {
    let policyAllows = false;
    let policyDenies = false;
    const statements: StatementTrace[] = [];
    for (const stmt of sp.policy.statements) {
      const r = evaluateStatement(stmt, sp.policy, req, checkPrincipal, trace);
      if (r.trace) statements.push(r.trace);
      if (!r.applies) continue;
      if (stmt.effect === 'Deny') {
        policyDenies = true;
        denies.push(ref(sp, stmt.index, stmt.sid, 'Deny', r.principalMatch));
      } else {
        policyAllows = true;
        allows.push(ref(sp, stmt.index, stmt.sid, 'Allow', r.principalMatch));
        if (r.principalMatch) principalMatch = strongerMatch(principalMatch, r.principalMatch);
      }
    }
    traces.push({ source: sp.source, allows: policyAllows, denies: policyDenies, statements });
  }
  return { policies: traces, allows, denies, ...(principalMatch ? { principalMatch } : {}) };
}
