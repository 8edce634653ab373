import { conditionMatches, evaluateCondition, type ConditionOutcome } from './conditions';
import { compileBlock, excludedByNotPrincipal, matchCompiledBlock, type CompiledBlock, type PrincipalIdentity, type PrincipalMatchKind } from './principal';
import type { ConditionClause, Policy, RequestContext, Statement } from './types';
import { hasVariables, substituteVariables } from './variables';
import { compileArnPattern, compileWildcard, type Matcher } from './wildcard';

/** What a statement is matched against. */
export interface StatementRequest {
  readonly action: string;
  /** `action` lower-cased once per request: actions match case-insensitively. */
  readonly actionLower: string;
  readonly resource: string;
  readonly context: RequestContext;
  readonly identity: PrincipalIdentity;
}

/** Element-by-element result of matching one statement, for explanations. */
export interface StatementTrace {
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  /** Action / NotAction: whether the element matched, and the pattern that decided it. */
  readonly action: { readonly matched: boolean; readonly negated: boolean; readonly pattern?: string };
  /** Resource / NotResource (absent in trust policies: always matched). */
  readonly resource: { readonly matched: boolean; readonly negated: boolean; readonly pattern?: string; readonly present: boolean };
  /** Principal / NotPrincipal, for policies that carry one. */
  readonly principal?: { readonly matched: boolean; readonly negated: boolean; readonly kind?: PrincipalMatchKind };
  readonly conditions: readonly ConditionOutcome[];
  readonly conditionsMatched: boolean;
  /** Every element matched: the statement's effect applies to the request. */
  readonly applies: boolean;
}

export interface StatementResult {
  readonly applies: boolean;
  readonly principalMatch?: PrincipalMatchKind;
  readonly trace?: StatementTrace;
}

const NOT_APPLIES: StatementResult = Object.freeze({ applies: false });
const APPLIES: StatementResult = Object.freeze({ applies: true });

/** A statement's Action/NotAction and Resource/NotResource patterns, compiled once. */
export interface CompiledStatement {
  readonly actions: readonly Matcher[];
  /** One matcher per Resource/NotResource entry; `undefined` where the entry holds a policy variable. */
  readonly resources: ReadonlyArray<Matcher | undefined>;
  /** The Principal element digested (`'*'` for everyone). */
  readonly principal: CompiledBlock | '*' | undefined;
}

const compiled = new WeakMap<Policy, readonly CompiledStatement[]>();

function compileStatement(stmt: Statement): CompiledStatement {
  const actions = (stmt.action ?? stmt.notAction ?? []).map((p) => compileWildcard(p.toLowerCase()));
  const patterns = stmt.resource ?? stmt.notResource ?? [];
  const resources = patterns.map((p) => (hasVariables(p) ? undefined : compileArnPattern(p)));
  const principal = stmt.principal === undefined ? undefined : stmt.principal === '*' ? '*' : compileBlock(stmt.principal);
  return { actions, resources, principal };
}

/**
 * The policy's statements with their patterns compiled, in the same order as `policy.statements`.
 * Compiled once per normalized policy (normalized policies are cached per document).
 */
export function compilePolicy(policy: Policy): readonly CompiledStatement[] {
  let c = compiled.get(policy);
  if (!c) {
    c = policy.statements.map(compileStatement);
    compiled.set(policy, c);
  }
  return c;
}

function firstMatchingAction(c: CompiledStatement, patterns: readonly string[], actionLower: string): string | undefined {
  for (let i = 0; i < c.actions.length; i++) if ((c.actions[i] as Matcher)(actionLower)) return patterns[i];
  return undefined;
}

function firstMatchingResource(c: CompiledStatement, patterns: readonly string[], resource: string, ctx: RequestContext, substitute: boolean): string | undefined {
  for (let i = 0; i < patterns.length; i++) {
    const raw = patterns[i] as string;
    const matcher = c.resources[i];
    if (matcher) {
      if (matcher(resource)) return raw;
      continue;
    }
    // Policy variables are substituted in Resource only under Version 2012-10-17 ("policy variables are
    // treated as literal strings" before it); an entry whose variable has no value matches no resource
    // (IAM policy elements: Variables and tags — "Policy variables with no value").
    const pattern = substitute ? substituteVariables(raw, ctx, true) : raw;
    if (pattern !== undefined && compileArnPattern(pattern)(resource)) return raw;
  }
  return undefined;
}

/**
 * Whether one statement applies, without an explanation and without allocating: `false` when it does not,
 * the principal match kind when it applies in a policy that names principals, `true` otherwise. The same
 * rules as `evaluateStatement` (which the traced path uses), element by element.
 */
export function statementMatch(stmt: Statement, c: CompiledStatement, req: StatementRequest, checkPrincipal: boolean, substitute: boolean): boolean | PrincipalMatchKind {
  const actions = c.actions;
  let actionHit = false;
  for (let i = 0; i < actions.length; i++) {
    if ((actions[i] as Matcher)(req.actionLower)) {
      actionHit = true;
      break;
    }
  }
  if (actionHit !== (stmt.action !== undefined)) return false;
  if (stmt.resource) {
    if (firstMatchingResource(c, stmt.resource, req.resource, req.context, substitute) === undefined) return false;
  } else if (stmt.notResource) {
    if (firstMatchingResource(c, stmt.notResource, req.resource, req.context, substitute) !== undefined) return false;
  }
  let kind: PrincipalMatchKind | undefined;
  if (checkPrincipal) {
    if (stmt.principal) {
      kind = c.principal === '*' ? 'wildcard' : matchCompiledBlock(c.principal as CompiledBlock, req.identity);
      if (kind === undefined) return false;
    } else if (stmt.notPrincipal) {
      if (excludedByNotPrincipal(stmt.notPrincipal, req.identity, stmt.effect)) return false;
      kind = 'wildcard';
    } else {
      return false;
    }
  }
  const conditions = stmt.conditions;
  for (let i = 0; i < conditions.length; i++) {
    if (!conditionMatches(conditions[i] as ConditionClause, req.context, substitute)) return false;
  }
  return kind ?? true;
}

/**
 * Matches one statement against a request. `checkPrincipal` is true for policies that name principals
 * (resource, trust and key policies, RCPs). With `trace` false the work stops at the first element that
 * does not match.
 */
export function evaluateStatement(
  stmt: Statement,
  policy: Policy,
  req: StatementRequest,
  checkPrincipal: boolean,
  trace: boolean,
  compiledStatement?: CompiledStatement,
): StatementResult {
  const substitute = policy.version === '2012-10-17';

  // Action / NotAction: case-insensitive (IAM JSON policy elements: Action).
  let actionPattern: string | undefined;
  let actionMatched: boolean;
  const c = compiledStatement ?? compileStatement(stmt);
  if (stmt.action) {
    actionPattern = firstMatchingAction(c, stmt.action, req.actionLower);
    actionMatched = actionPattern !== undefined;
  } else {
    actionPattern = firstMatchingAction(c, stmt.notAction ?? [], req.actionLower);
    actionMatched = actionPattern === undefined;
  }
  if (!actionMatched && !trace) return NOT_APPLIES;

  // Resource / NotResource: case-sensitive ARN matching.
  let resourcePattern: string | undefined;
  let resourceMatched = true;
  const resourcePresent = stmt.resource !== undefined || stmt.notResource !== undefined;
  if (stmt.resource) {
    resourcePattern = firstMatchingResource(c, stmt.resource, req.resource, req.context, substitute);
    resourceMatched = resourcePattern !== undefined;
  } else if (stmt.notResource) {
    resourcePattern = firstMatchingResource(c, stmt.notResource, req.resource, req.context, substitute);
    resourceMatched = resourcePattern === undefined;
  }
  if (!resourceMatched && !trace) return NOT_APPLIES;

  let principalMatched = true;
  let principalKind: PrincipalMatchKind | undefined;
  let principalNegated = false;
  if (checkPrincipal) {
    if (stmt.principal) {
      principalKind = c.principal === '*' ? 'wildcard' : matchCompiledBlock(c.principal as CompiledBlock, req.identity);
      principalMatched = principalKind !== undefined;
    } else if (stmt.notPrincipal) {
      principalNegated = true;
      principalMatched = !excludedByNotPrincipal(stmt.notPrincipal, req.identity, stmt.effect);
      if (principalMatched) principalKind = 'wildcard';
    } else {
      // A resource-based statement without Principal names nobody.
      principalMatched = false;
    }
  }
  if (!principalMatched && !trace) return NOT_APPLIES;

  // Condition: every operator and every key must match (AND); values within a key are OR-ed.
  let conditionsMatched = true;
  const outcomes: ConditionOutcome[] = [];
  if (trace) {
    for (const clause of stmt.conditions) {
      const outcome = evaluateCondition(clause, req.context, substitute);
      outcomes.push(outcome);
      if (!outcome.matched) conditionsMatched = false;
    }
  } else {
    for (const clause of stmt.conditions) {
      if (!conditionMatches(clause, req.context, substitute)) {
        conditionsMatched = false;
        break;
      }
    }
  }

  const applies = actionMatched && resourceMatched && principalMatched && conditionsMatched;
  const result: StatementResult = !applies ? NOT_APPLIES : principalKind ? { applies, principalMatch: principalKind } : APPLIES;
  if (!trace) return result;
  return {
    ...result,
    trace: {
      index: stmt.index,
      ...(stmt.sid !== undefined ? { sid: stmt.sid } : {}),
      effect: stmt.effect,
      action: { matched: actionMatched, negated: !stmt.action, ...(actionPattern !== undefined ? { pattern: actionPattern } : {}) },
      resource: {
        matched: resourceMatched,
        negated: !stmt.resource && stmt.notResource !== undefined,
        present: resourcePresent,
        ...(resourcePattern !== undefined ? { pattern: resourcePattern } : {}),
      },
      ...(checkPrincipal
        ? { principal: { matched: principalMatched, negated: principalNegated, ...(principalKind ? { kind: principalKind } : {}) } }
        : {}),
      conditions: outcomes,
      conditionsMatched,
      applies,
    },
  };
}
