import type { PrincipalMatchKind } from '../policy/principal';
import { strongerMatch } from '../policy/principal';
import { compilePolicy, evaluateStatement, statementMatch, type CompiledStatement, type StatementRequest, type StatementTrace } from '../policy/statement';
import type { SourcedPolicy } from '../policy/types';
import type { PolicyTrace, StatementRef } from '../trace';

/**
 * How much an evaluation records: `verdict` only counts matching statements (the decision alone),
 * `decision` also records which statements decided, `trace` records every statement element by element.
 */
export type Detail = 'verdict' | 'decision' | 'trace';

/** The matching statements of a set of policies. */
export interface PolicySetResult {
  /** Per policy; empty at `verdict` detail. */
  readonly policies: PolicyTrace[];
  /** The Allow / Deny statements that apply; empty at `verdict` detail (use the counts). */
  readonly allows: StatementRef[];
  readonly denies: StatementRef[];
  /** How many Allow / Deny statements apply (at `verdict` detail: 1 for "some"). */
  readonly allowCount: number;
  readonly denyCount: number;
  /** Strongest principal match among the Allow statements (policies that name principals). */
  readonly principalMatch?: PrincipalMatchKind;
}

const NO_STATEMENTS: readonly StatementTrace[] = Object.freeze([]);
const NONE: StatementRef[] = [];
const NO_POLICIES: PolicyTrace[] = [];
export const EMPTY_SET: PolicySetResult = Object.freeze({ policies: NO_POLICIES, allows: NONE, denies: NONE, allowCount: 0, denyCount: 0 });

/**
 * At `verdict` detail only whether anything allows or denies (and how the requester was named) matters,
 * so the results are shared constants: deciding 10,000 edges allocates no per-policy-set results.
 */
const KINDS: ReadonlyArray<PrincipalMatchKind | undefined> = [undefined, 'direct', 'wildcard', 'role', 'account', 'service'];
const VERDICTS: readonly PolicySetResult[] = KINDS.flatMap((kind) =>
  [0, 1, 2, 3].map((bits): PolicySetResult => {
    const base = { policies: NO_POLICIES, allows: NONE, denies: NONE, allowCount: bits & 1, denyCount: bits >> 1 };
    return Object.freeze(kind ? { ...base, principalMatch: kind } : base);
  }),
);
function verdictResult(allows: boolean, denies: boolean, kind: PrincipalMatchKind | undefined): PolicySetResult {
  if (!allows && !denies) return EMPTY_SET;
  return VERDICTS[KINDS.indexOf(kind) * 4 + (allows ? 1 : 0) + (denies ? 2 : 0)] as PolicySetResult;
}

function ref(sp: SourcedPolicy, index: number, sid: string | undefined, effect: 'Allow' | 'Deny', kind: PrincipalMatchKind | undefined): StatementRef {
  const r: { source: SourcedPolicy['source']; index: number; effect: 'Allow' | 'Deny'; sid?: string; principalMatch?: PrincipalMatchKind } = { source: sp.source, index, effect };
  if (sid !== undefined) r.sid = sid;
  if (kind !== undefined) r.principalMatch = kind;
  return r;
}

/** Evaluates every statement of `policies` against `req`. */
export function evaluatePolicySet(policies: readonly SourcedPolicy[], req: StatementRequest, checkPrincipal: boolean, detail: Detail): PolicySetResult {
  if (policies.length === 0) return EMPTY_SET;
  const record = detail !== 'verdict';
  const trace = detail === 'trace';
  const traces: PolicyTrace[] = record ? [] : NO_POLICIES;
  const allows: StatementRef[] = record ? [] : NONE;
  const denies: StatementRef[] = record ? [] : NONE;
  let allowCount = 0;
  let denyCount = 0;
  let principalMatch: PrincipalMatchKind | undefined;
  for (let p = 0; p < policies.length; p++) {
    const sp = policies[p] as SourcedPolicy;
    let policyAllows = false;
    let policyDenies = false;
    const statements: StatementTrace[] | readonly StatementTrace[] = trace ? [] : NO_STATEMENTS;
    const list = sp.policy.statements;
    const compiled = compilePolicy(sp.policy);
    const substitute = sp.policy.version === '2012-10-17';
    for (let i = 0; i < list.length; i++) {
      const stmt = list[i] as (typeof list)[number];
      let kind: PrincipalMatchKind | undefined;
      if (trace) {
        const r = evaluateStatement(stmt, sp.policy, req, checkPrincipal, true, compiled[i] as CompiledStatement);
        if (r.trace) (statements as StatementTrace[]).push(r.trace);
        if (!r.applies) continue;
        kind = r.principalMatch;
      } else {
        const m = statementMatch(stmt, compiled[i] as CompiledStatement, req, checkPrincipal, substitute);
        if (m === false) continue;
        kind = m === true ? undefined : m;
      }
      if (stmt.effect === 'Deny') {
        policyDenies = true;
        denyCount++;
        if (record) denies.push(ref(sp, stmt.index, stmt.sid, 'Deny', kind));
      } else {
        policyAllows = true;
        allowCount++;
        if (record) allows.push(ref(sp, stmt.index, stmt.sid, 'Allow', kind));
        if (kind) principalMatch = strongerMatch(principalMatch, kind);
      }
    }
    if (record) traces.push({ source: sp.source, allows: policyAllows, denies: policyDenies, statements });
  }
  if (!record) return verdictResult(allowCount > 0, denyCount > 0, principalMatch);
  return principalMatch
    ? { policies: traces, allows, denies, allowCount, denyCount, principalMatch }
    : { policies: traces, allows, denies, allowCount, denyCount };
}
