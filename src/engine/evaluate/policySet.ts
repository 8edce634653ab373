import type { PrincipalMatchKind } from '../policy/principal';
import { strongerMatch } from '../policy/principal';
import { compilePolicy, evaluateStatement, type CompiledStatement, type StatementRequest, type StatementTrace } from '../policy/statement';
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

const NO_STATEMENTS: readonly StatementTrace[] = Object.freeze([]);

function ref(sp: SourcedPolicy, index: number, sid: string | undefined, effect: 'Allow' | 'Deny', kind: PrincipalMatchKind | undefined): StatementRef {
  const r: { source: SourcedPolicy['source']; index: number; effect: 'Allow' | 'Deny'; sid?: string; principalMatch?: PrincipalMatchKind } = { source: sp.source, index, effect };
  if (sid !== undefined) r.sid = sid;
  if (kind !== undefined) r.principalMatch = kind;
  return r;
}

/**
 * Evaluates every statement of `policies` against `req`. Without `trace`, a policy's `statements` list is
 * empty and only the statements that apply are recorded.
 */
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
  for (let p = 0; p < policies.length; p++) {
    const sp = policies[p] as SourcedPolicy;
    let policyAllows = false;
    let policyDenies = false;
    const statements: StatementTrace[] | readonly StatementTrace[] = trace ? [] : NO_STATEMENTS;
    const list = sp.policy.statements;
    const compiled = compilePolicy(sp.policy);
    for (let i = 0; i < list.length; i++) {
      const stmt = list[i] as (typeof list)[number];
      const r = evaluateStatement(stmt, sp.policy, req, checkPrincipal, trace, compiled[i] as CompiledStatement);
      if (r.trace) (statements as StatementTrace[]).push(r.trace);
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
  return principalMatch ? { policies: traces, allows, denies, principalMatch } : { policies: traces, allows, denies };
}
