import type { PrincipalMatchKind } from '../policy/principal';
import { strongerMatch } from '../policy/principal';
import type { Rule } from '../policy/compile';
import { compiledOf } from '../policy/normalize';
import { evaluateStatement, statementMatch, type StatementRequest, type StatementTrace } from '../policy/statement';
import type { SourcedPolicy } from '../policy/types';
import type { PolicyTrace, StatementRef } from '../trace';

/**
 * How much an evaluation records: `verdict` only counts matching statements (the decision alone),
 * `summary` also records which statements decided (what a decision's one-sentence summary names),
 * `decision` also records each policy's outcome (the stages of the explanation), `trace` records every
 * statement element by element.
 */
export type Detail = 'verdict' | 'summary' | 'decision' | 'trace';

/** The matching statements of a set of policies. */
export interface PolicySetResult {
  /** Per policy; empty at `verdict` and `summary` detail. */
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

/** What the verdict path accumulates over a set of policies. */
interface VerdictBits {
  allows: boolean;
  denies: boolean;
  /** The strongest principal match among the applying Allow statements. */
  kind: PrincipalMatchKind | undefined;
}

/** One accumulator, reset per call: evaluation is synchronous and never re-enters this path. */
const acc: VerdictBits = { allows: false, denies: false, kind: undefined };

function verdictOfPolicy(sp: SourcedPolicy, req: StatementRequest, checkPrincipal: boolean): void {
  const compiled = compiledOf(sp);
  const substitute = compiled.substitute;
  // A long policy is indexed by action: only its statements about this action are looked at.
  const index = compiled.actionIndex;
  const indexed = index !== undefined;
  const rules = indexed ? index.admitting(req.actionLower) : compiled.rules;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as Rule;
    // The action test comes first and fails for most statements: the rest runs only for statements about this action.
    if (!indexed && !rule.admits(req.actionLower)) continue;
    const m = rule.appliesAfterAction(req, checkPrincipal, substitute);
    if (m === false) continue;
    if (rule.deny) acc.denies = true;
    else {
      acc.allows = true;
      if (m !== true) acc.kind = strongerMatch(acc.kind, m);
    }
  }
}

/** Evaluates every statement of `policies` against `req`. */
export function evaluatePolicySet(policies: readonly SourcedPolicy[], req: StatementRequest, checkPrincipal: boolean, detail: Detail): PolicySetResult {
  if (policies.length === 0) return EMPTY_SET;
  if (detail === 'verdict') {
    acc.allows = false;
    acc.denies = false;
    acc.kind = undefined;
    for (let p = 0; p < policies.length; p++) verdictOfPolicy(policies[p] as SourcedPolicy, req, checkPrincipal);
    return verdictResult(acc.allows, acc.denies, acc.kind);
  }
  return recordPolicies(policies, req, checkPrincipal, detail);
}

/** `evaluatePolicySet` for one policy (no list to build). */
export function evaluatePolicy(policy: SourcedPolicy, req: StatementRequest, checkPrincipal: boolean, detail: Detail): PolicySetResult {
  if (detail === 'verdict') {
    acc.allows = false;
    acc.denies = false;
    acc.kind = undefined;
    verdictOfPolicy(policy, req, checkPrincipal);
    return verdictResult(acc.allows, acc.denies, acc.kind);
  }
  return recordPolicies([policy], req, checkPrincipal, detail);
}

/** The recording paths: which statements decided, and with `trace` every statement element by element. */
function recordPolicies(policies: readonly SourcedPolicy[], req: StatementRequest, checkPrincipal: boolean, detail: 'summary' | 'decision' | 'trace'): PolicySetResult {
  const trace = detail === 'trace';
  // A summary names the deciding statements, never a policy's outcome: no trace per policy.
  const traces: PolicyTrace[] = detail === 'summary' ? NO_POLICIES : [];
  const allows: StatementRef[] = [];
  const denies: StatementRef[] = [];
  let allowCount = 0;
  let denyCount = 0;
  let principalMatch: PrincipalMatchKind | undefined;
  for (let p = 0; p < policies.length; p++) {
    const sp = policies[p] as SourcedPolicy;
    let policyAllows = false;
    let policyDenies = false;
    const statements: StatementTrace[] | readonly StatementTrace[] = trace ? [] : NO_STATEMENTS;
    const compiled = compiledOf(sp);
    const rules = compiled.rules;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i] as Rule;
      const stmt = rule;
      let kind: PrincipalMatchKind | undefined;
      if (trace) {
        const r = evaluateStatement(rule, req, checkPrincipal, compiled.substitute, true);
        if (r.trace) (statements as StatementTrace[]).push(r.trace);
        if (!r.applies) continue;
        kind = r.principalMatch;
      } else {
        const m = statementMatch(rule, req, checkPrincipal, compiled.substitute);
        if (m === false) continue;
        kind = m === true ? undefined : m;
      }
      if (stmt.effect === 'Deny') {
        policyDenies = true;
        denyCount++;
        denies.push(ref(sp, stmt.index, stmt.sid, 'Deny', kind));
      } else {
        policyAllows = true;
        allowCount++;
        allows.push(ref(sp, stmt.index, stmt.sid, 'Allow', kind));
        if (kind) principalMatch = strongerMatch(principalMatch, kind);
      }
    }
    if (traces !== NO_POLICIES) traces.push({ source: sp.source, allows: policyAllows, denies: policyDenies, statements });
  }
  return principalMatch
    ? { policies: traces, allows, denies, allowCount, denyCount, principalMatch }
    : { policies: traces, allows, denies, allowCount, denyCount };
}
