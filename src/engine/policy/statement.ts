import { evaluateCondition, type ConditionOutcome } from './conditions';
import { excludedByNotPrincipal, matchPrincipal, type PrincipalIdentity, type PrincipalMatchKind } from './principal';
import type { Policy, RequestContext, Statement } from './types';
import { hasVariables, substituteVariables } from './variables';
import { arnMatch, compileWildcard } from './wildcard';

/** What a statement is matched against. */
export interface StatementRequest {
  readonly action: string;
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

function firstMatchingAction(patterns: readonly string[], action: string): string | undefined {
  for (const p of patterns) if (compileWildcard(p, true)(action)) return p;
  return undefined;
}

function firstMatchingResource(patterns: readonly string[], resource: string, ctx: RequestContext, substitute: boolean): string | undefined {
  for (const raw of patterns) {
    // Policy variables are substituted in Resource only under Version 2012-10-17; a variable whose key is
    // absent from the request makes the entry match nothing (IAM policy elements: Variables and tags).
    const pattern = substitute && hasVariables(raw) ? substituteVariables(raw, ctx) : raw;
    if (pattern !== undefined && arnMatch(pattern, resource)) return raw;
  }
  return undefined;
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
): StatementResult {
  const substitute = policy.version === '2012-10-17';

  // Action / NotAction: case-insensitive (IAM JSON policy elements: Action).
  let actionPattern: string | undefined;
  let actionMatched: boolean;
  if (stmt.action) {
    actionPattern = firstMatchingAction(stmt.action, req.action);
    actionMatched = actionPattern !== undefined;
  } else {
    actionPattern = firstMatchingAction(stmt.notAction ?? [], req.action);
    actionMatched = actionPattern === undefined;
  }
  if (!actionMatched && !trace) return { applies: false };

  // Resource / NotResource: case-sensitive ARN matching.
  let resourcePattern: string | undefined;
  let resourceMatched = true;
  const resourcePresent = stmt.resource !== undefined || stmt.notResource !== undefined;
  if (stmt.resource) {
    resourcePattern = firstMatchingResource(stmt.resource, req.resource, req.context, substitute);
    resourceMatched = resourcePattern !== undefined;
  } else if (stmt.notResource) {
    resourcePattern = firstMatchingResource(stmt.notResource, req.resource, req.context, substitute);
    resourceMatched = resourcePattern === undefined;
  }
  if (!resourceMatched && !trace) return { applies: false };

  let principalMatched = true;
  let principalKind: PrincipalMatchKind | undefined;
  let principalNegated = false;
  if (checkPrincipal) {
    if (stmt.principal) {
      principalKind = matchPrincipal(stmt.principal, req.identity);
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
  if (!principalMatched && !trace) return { applies: false };

  // Condition: every operator and every key must match (AND); values within a key are OR-ed.
  let conditionsMatched = true;
  const outcomes: ConditionOutcome[] = [];
  for (const clause of stmt.conditions) {
    const outcome = evaluateCondition(clause, req.context, substitute);
    if (trace) outcomes.push(outcome);
    if (!outcome.matched) {
      conditionsMatched = false;
      if (!trace) break;
    }
  }

  const applies = actionMatched && resourceMatched && principalMatched && conditionsMatched;
  const result: StatementResult = { applies, ...(applies && principalKind ? { principalMatch: principalKind } : {}) };
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
