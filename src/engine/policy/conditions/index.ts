import type { ConditionClause, RequestContext } from '../types';
import { hasVariables, substituteVariables } from '../variables';
import { arnOperators } from './arn';
import { binaryOperators } from './binary';
import { boolOperators } from './bool';
import { dateOperators } from './date';
import { ipOperators } from './ip';
import { numericOperators } from './numeric';
import { stringOperators } from './string';
import type { BaseOperator } from './types';

/** The result of one condition clause (one operator, one key), kept for explanations. */
export interface ConditionOutcome {
  readonly operator: string;
  readonly key: string;
  /** The policy's values after variable substitution (values whose variable is absent are dropped). */
  readonly policyValues: readonly string[];
  /** The request's values; `undefined` when the key is absent from the request. */
  readonly requestValues: readonly string[] | undefined;
  readonly matched: boolean;
  /** An unknown operator or a malformed value: AWS rejects such a policy, and the clause matches nothing. */
  readonly problem?: string;
}

const BASE = new Map<string, BaseOperator>();
for (const op of [...stringOperators, ...arnOperators, ...boolOperators, ...numericOperators, ...dateOperators, ...ipOperators, ...binaryOperators]) {
  BASE.set(op.name.toLowerCase(), op);
}

interface ParsedOperator {
  readonly base?: BaseOperator;
  readonly isNull: boolean;
  readonly set?: 'any' | 'all';
  readonly ifExists: boolean;
}

const parsedCache = new Map<string, ParsedOperator | null>();

/** Splits `ForAllValues:StringLikeIfExists` into its qualifier, base operator and IfExists suffix. */
function parseOperator(operator: string): ParsedOperator | undefined {
  const hit = parsedCache.get(operator);
  if (hit !== undefined) return hit ?? undefined;
  let name = operator;
  let set: 'any' | 'all' | undefined;
  const lower = name.toLowerCase();
  if (lower.startsWith('foranyvalue:')) {
    set = 'any';
    name = name.slice('ForAnyValue:'.length);
  } else if (lower.startsWith('forallvalues:')) {
    set = 'all';
    name = name.slice('ForAllValues:'.length);
  }
  let ifExists = false;
  if (name.toLowerCase().endsWith('ifexists')) {
    ifExists = true;
    name = name.slice(0, -'IfExists'.length);
  }
  let result: ParsedOperator | undefined;
  if (name.toLowerCase() === 'null') {
    // Null has no IfExists form and no set qualifier.
    result = !ifExists && !set ? { isNull: true, ifExists: false } : undefined;
  } else {
    const base = BASE.get(name.toLowerCase());
    if (base) result = { base, isNull: false, ifExists, ...(set ? { set } : {}) };
  }
  parsedCache.set(operator, result ?? null);
  return result;
}

/** Whether `operator` is a condition operator AWS knows. */
export function isKnownConditionOperator(operator: string): boolean {
  return parseOperator(operator) !== undefined;
}

/** Does any policy value match this request value (the un-negated test)? */
function anyPolicyMatches(base: BaseOperator, policyValues: readonly string[], requestValue: string): boolean {
  for (const p of policyValues) if (base.test(p, requestValue)) return true;
  return false;
}

/**
 * Evaluates one clause (IAM JSON policy elements: Condition operators; "Condition with multiple context
 * keys or values"; "Single-valued vs. multivalued context keys"):
 *
 * - several policy values are OR-ed; for negated operators the clause is true when the request value
 *   matches none of them;
 * - a key absent from the request: positive operators are false, negated operators true ("If the policy
 *   condition requires that the key is not matched ... and the right key is not present, the condition is
 *   true"); `...IfExists` is true; `Null` tests presence;
 * - `ForAnyValue:` is true when at least one request value passes, false for an absent or empty key;
 *   `ForAllValues:` is true when every request value passes, and true for an absent or empty key;
 * - a plain operator on a key with several values passes when any value matches (negated: none).
 */
export function evaluateCondition(clause: ConditionClause, ctx: RequestContext, substitute: boolean): ConditionOutcome {
  const requestValues = ctx.get(clause.key);
  const op = parseOperator(clause.operator);
  const outcome = (matched: boolean, policyValues: readonly string[], problem?: string): ConditionOutcome => ({
    operator: clause.operator,
    key: clause.key,
    policyValues,
    requestValues,
    matched,
    ...(problem !== undefined ? { problem } : {}),
  });
  if (!op) return outcome(false, clause.values, `Unknown condition operator ${clause.operator}`);

  if (op.isNull) {
    const wantAbsent = clause.values.some((v) => v.toLowerCase() === 'true');
    const wantPresent = clause.values.some((v) => v.toLowerCase() === 'false');
    const absent = requestValues === undefined || requestValues.length === 0;
    return outcome((wantAbsent && absent) || (wantPresent && !absent), clause.values);
  }
  const base = op.base as BaseOperator;

  let policyValues = clause.values;
  if (substitute && base.variables && policyValues.some(hasVariables)) {
    policyValues = policyValues.map((v) => substituteVariables(v, ctx)).filter((v): v is string => v !== undefined);
  }
  let problem: string | undefined;
  if (base.validate) {
    for (const v of policyValues) {
      problem = base.validate(v);
      if (problem) break;
    }
  }

  if (requestValues === undefined || requestValues.length === 0) {
    if (op.ifExists) return outcome(true, policyValues, problem);
    if (op.set === 'all') return outcome(true, policyValues, problem);
    if (op.set === 'any') return outcome(false, policyValues, problem);
    return outcome(base.negated, policyValues, problem);
  }

  // For a negated operator a request value "passes" when it matches none of the policy values.
  const passes = (v: string): boolean => anyPolicyMatches(base, policyValues, v) !== base.negated;
  let matched: boolean;
  if (op.set === 'all') {
    matched = requestValues.every(passes);
  } else if (op.set === 'any' || !base.negated) {
    matched = requestValues.some(passes);
  } else {
    matched = requestValues.every(passes);
  }
  return outcome(matched, policyValues, problem);
}
