import { lowerKey } from '../context';
import type { ConditionClause, RequestContext } from '../types';
import { hasVariables, substituteVariables } from '../variables';
import { restoreLiterals } from '../wildcard';
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

export interface ParsedOperator {
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

/**
 * What is wrong with one value of a condition operator (a malformed number, date, IP address or Bool), or
 * `undefined` when the value is fine or the operator is unknown. Policy variables are not judged.
 */
export function conditionValueProblem(operator: string, value: string): string | undefined {
  const op = parseOperator(operator);
  if (!op) return undefined;
  // A value with a policy variable is judged by `variableNotSubstituted` instead.
  if (value.includes('${')) return undefined;
  if (op.isNull) return /^(true|false)$/i.test(value) ? undefined : `Null expects "true" or "false", got "${value}"`;
  return op.base?.validate?.(value);
}

/**
 * For a value holding `${...}` under an operator that does not substitute policy variables, what that means;
 * otherwise `undefined`. "You can use a policy variable for Condition values in any condition that involves
 * the string operators or the ARN operators … You can't use a policy variable with other operators, such as
 * Numeric, Date, Boolean, Binary, IP Address, or Null operators" (IAM policy elements: Variables and tags,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
 */
export function variableNotSubstituted(operator: string, value: string): string | undefined {
  if (!value.includes('${')) return undefined;
  const op = parseOperator(operator);
  if (!op || op.base?.variables) return undefined;
  const name = op.isNull ? 'Null' : (op.base as BaseOperator).name;
  return `Policy variables are substituted only in string and ARN conditions: in ${name}, "${value}" is read as literal text, not as the key's value`;
}

/** Whether `operator` is a condition operator AWS knows. */
export function isKnownConditionOperator(operator: string): boolean {
  return parseOperator(operator) !== undefined;
}

/** Does any policy value match this request value (the un-negated test)? */
function anyPolicyMatches(base: BaseOperator, policyValues: readonly string[], requestValue: string): boolean {
  for (let i = 0; i < policyValues.length; i++) if (base.test(policyValues[i] as string, requestValue)) return true;
  return false;
}

/** Whether one request value passes the clause's base test: for a negated operator, it matches none. */
function passes(base: BaseOperator, policyValues: readonly string[], value: string): boolean {
  return anyPolicyMatches(base, policyValues, value) !== base.negated;
}

function substituted(base: BaseOperator, values: readonly string[], ctx: RequestContext, substitute: boolean): readonly string[] {
  if (!substitute || !base.variables) return values;
  let any = false;
  for (const v of values) if (hasVariables(v)) any = true;
  if (!any) return values;
  // "When you use a variable with no value in the condition element ... operators like StringEquals or
  // StringLike do not match ... Inverted condition operators like StringNotEquals or StringNotLike do match
  // against a null value" (IAM policy elements: Variables and tags): a value whose variable has no value is
  // left out, so it matches nothing.
  const out: string[] = [];
  for (const v of values) {
    const r = substituteVariables(v, ctx, base.wildcards === true);
    if (r !== undefined) out.push(r);
  }
  return out;
}

/** The clause's result for the request values (present and non-empty). */
function matchValues(op: ParsedOperator, base: BaseOperator, policyValues: readonly string[], requestValues: readonly string[]): boolean {
  if (op.set === 'all') {
    for (const v of requestValues) if (!passes(base, policyValues, v)) return false;
    return true;
  }
  if (op.set === 'any' || !base.negated) {
    for (const v of requestValues) if (passes(base, policyValues, v)) return true;
    return false;
  }
  for (const v of requestValues) if (!passes(base, policyValues, v)) return false;
  return true;
}

/**
 * Whether the request's values of a key "resolve to a null data set, such as an empty string" (every value is
 * empty). For the set qualifiers that is like no key at all: ForAllValues "also returns true if there are no
 * keys in the request, or if the key values resolve to a null data set, such as an empty string"
 * (Single-valued vs. multivalued context keys,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html),
 * and ForAnyValue: "For no matching key or a null dataset, the condition returns false" (the same page's
 * earlier version, "Creating a condition with multiple context keys or values",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html: "If the
 * key values in the request resolve to an empty data set (for example, an empty string), a condition
 * operator modified by ForAllValues returns true … a condition operator modified by ForAnyValue returns
 * false"). The key is present, so `...IfExists` does not turn such a ForAnyValue true.
 */
function isNullDataSet(values: readonly string[]): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== '') return false;
  return true;
}

/** The clause's result when the key is absent (or has no values). */
function matchAbsent(op: ParsedOperator, base: BaseOperator): boolean {
  if (op.ifExists) return true;
  if (op.set === 'all') return true;
  if (op.set === 'any') return false;
  return base.negated;
}

function matchNull(values: readonly string[], absent: boolean): boolean {
  let wantAbsent = false;
  let wantPresent = false;
  for (const v of values) {
    const lower = v.toLowerCase();
    if (lower === 'true') wantAbsent = true;
    else if (lower === 'false') wantPresent = true;
  }
  return (wantAbsent && absent) || (wantPresent && !absent);
}

/**
 * Whether one clause matches, without building an explanation: the fast path of `evaluateCondition`, with
 * exactly the same result.
 */
export function conditionMatches(clause: ConditionClause, ctx: RequestContext, substitute: boolean): boolean {
  return compiledConditionMatches(compileCondition(clause), ctx, substitute);
}

/** A condition clause with its operator parsed and its key lower-cased once. */
export interface CompiledCondition {
  readonly clause: ConditionClause;
  /** `undefined` for an operator AWS does not know: the clause matches nothing. */
  readonly op: ParsedOperator | undefined;
  /** The key lower-cased: condition key names are case-insensitive. */
  readonly keyLower: string;
}

export function compileCondition(clause: ConditionClause): CompiledCondition {
  return { clause, op: parseOperator(clause.operator), keyLower: lowerKey(clause.key) };
}

/** A context that can be asked with a key already lower-cased (the engine's own contexts can). */
interface LowerLookup {
  getLower(lowerKey: string): readonly string[] | undefined;
}

function lookup(ctx: RequestContext, c: CompiledCondition): readonly string[] | undefined {
  return typeof (ctx as Partial<LowerLookup>).getLower === 'function' ? (ctx as RequestContext & LowerLookup).getLower(c.keyLower) : ctx.get(c.clause.key);
}

/** `conditionMatches` for a compiled clause. */
export function compiledConditionMatches(c: CompiledCondition, ctx: RequestContext, substitute: boolean): boolean {
  const op = c.op;
  if (!op) return false;
  const requestValues = lookup(ctx, c);
  const absent = requestValues === undefined || requestValues.length === 0;
  if (op.isNull) return matchNull(c.clause.values, absent);
  const base = op.base as BaseOperator;
  if (absent) return matchAbsent(op, base);
  if (op.set !== undefined && isNullDataSet(requestValues)) return op.set === 'all';
  return matchValues(op, base, substituted(base, c.clause.values, ctx, substitute), requestValues);
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
 * - `ForAnyValue:` is true when at least one request value passes, false for an absent or empty key and
 *   for values that are all empty strings (a null data set); `ForAllValues:` is true when every request
 *   value passes, and true for an absent or empty key or a null data set;
 * - a plain operator on a key with several values passes when any value matches (negated: none).
 */
export function evaluateCondition(clause: ConditionClause, ctx: RequestContext, substitute: boolean): ConditionOutcome {
  const requestValues = ctx.get(clause.key);
  const op = parseOperator(clause.operator);
  const absent = requestValues === undefined || requestValues.length === 0;
  const outcome = (matched: boolean, policyValues: readonly string[], problem?: string): ConditionOutcome => ({
    operator: clause.operator,
    key: clause.key,
    policyValues: policyValues.map(restoreLiterals),
    requestValues,
    matched,
    ...(problem !== undefined ? { problem } : {}),
  });
  if (!op) return outcome(false, clause.values, `Unknown condition operator ${clause.operator}`);
  if (op.isNull) return outcome(matchNull(clause.values, absent), clause.values);
  const base = op.base as BaseOperator;
  const policyValues = substituted(base, clause.values, ctx, substitute);
  let problem: string | undefined;
  if (base.validate) {
    for (const v of policyValues) {
      problem = base.validate(v);
      if (problem) break;
    }
  }
  if (absent) return outcome(matchAbsent(op, base), policyValues, problem);
  if (op.set !== undefined && isNullDataSet(requestValues)) return outcome(op.set === 'all', policyValues, problem);
  return outcome(matchValues(op, base, policyValues, requestValues), policyValues, problem);
}
