import type { ResourceSet, Rule } from './compile';
import { compiledConditionMatches, evaluateCondition, type ConditionOutcome } from './conditions';
import { excludedByNotPrincipal, matchCompiledBlock, type PrincipalIdentity, type PrincipalMatchKind } from './principal';
import type { RequestContext } from './types';
import { substituteVariables } from './variables';
import { compileResourcePattern } from './wildcard';

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
  /**
   * Principal / NotPrincipal, for policies that carry one. `malformed` is the element as written when the
   * grammar does not allow it (a plain string other than "*"): it names no one.
   */
  readonly principal?: { readonly matched: boolean; readonly negated: boolean; readonly kind?: PrincipalMatchKind; readonly malformed?: string };
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

function firstMatchingResource(set: ResourceSet, resource: string, ctx: RequestContext, substitute: boolean): string | undefined {
  const patterns = set.patterns;
  const matchers = set.matchers;
  for (let i = 0; i < patterns.length; i++) {
    const matcher = matchers[i];
    if (matcher) {
      if (matcher(resource)) return patterns[i];
      continue;
    }
    // Policy variables are substituted in Resource only under Version 2012-10-17 ("policy variables are
    // treated as literal strings" before it); an entry whose variable has no value matches no resource
    // (IAM policy elements: Variables and tags — "Policy variables with no value").
    const raw = patterns[i] as string;
    const pattern = substitute ? substituteVariables(raw, ctx, true) : raw;
    if (pattern !== undefined && compileResourcePattern(pattern)(resource)) return raw;
  }
  return undefined;
}

/** Whether the resource element contains `resource` (a bare `*` without a variable lookup). */
export function resourceMatches(set: ResourceSet, resource: string, ctx: RequestContext, substitute: boolean): boolean {
  if (set.all) return true;
  return firstMatchingResource(set, resource, ctx, substitute) !== undefined;
}

/**
 * Whether one statement applies, without an explanation and without allocating: `false` when it does not,
 * the principal match kind when it applies in a policy that names principals, `true` otherwise. The same
 * rules as `evaluateStatement` (which the traced path uses), element by element.
 */
export function statementMatch(rule: Rule, req: StatementRequest, checkPrincipal: boolean, substitute: boolean): boolean | PrincipalMatchKind {
  if (!rule.admits(req.actionLower)) return false;
  return rule.appliesAfterAction(req, checkPrincipal, substitute);
}

/**
 * Matches one statement against a request. `checkPrincipal` is true for policies that name principals
 * (resource, trust and key policies, RCPs). With `trace` false the work stops at the first element that
 * does not match.
 */
export function evaluateStatement(rule: Rule, req: StatementRequest, checkPrincipal: boolean, substitute: boolean, trace: boolean): StatementResult {
  const stmt = rule;

  // Action / NotAction: case-insensitive (IAM JSON policy elements: Action).
  const actionPattern = rule.actionSet.first(req.actionLower);
  const actionMatched = (actionPattern !== undefined) !== rule.actionNegated;
  if (!actionMatched && !trace) return NOT_APPLIES;

  // Resource / NotResource: case-sensitive ARN matching.
  let resourcePattern: string | undefined;
  let resourceMatched = true;
  const resources = rule.resourceSet;
  const resourcePresent = resources !== undefined;
  if (resources) {
    resourcePattern = firstMatchingResource(resources, req.resource, req.context, substitute);
    resourceMatched = (resourcePattern !== undefined) !== rule.resourceNegated;
  }
  if (!resourceMatched && !trace) return NOT_APPLIES;

  let principalMatched = true;
  let principalKind: PrincipalMatchKind | undefined;
  let principalNegated = false;
  if (checkPrincipal) {
    const principal = rule.principalTest;
    if (principal !== undefined) {
      principalKind = principal === '*' ? 'wildcard' : matchCompiledBlock(principal, req.identity);
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
    for (const c of rule.compiledConditions) {
      if (!compiledConditionMatches(c, req.context, substitute)) {
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
      action: { matched: actionMatched, negated: rule.actionNegated, ...(actionPattern !== undefined ? { pattern: actionPattern } : {}) },
      resource: {
        matched: resourceMatched,
        negated: rule.resourceNegated,
        present: resourcePresent,
        ...(resourcePattern !== undefined ? { pattern: resourcePattern } : {}),
      },
      ...(checkPrincipal
        ? {
            principal: {
              matched: principalMatched,
              negated: principalNegated,
              ...(principalKind ? { kind: principalKind } : {}),
              ...(stmt.malformedPrincipal ? { malformed: stmt.malformedPrincipal.written } : {}),
            },
          }
        : {}),
      conditions: outcomes,
      conditionsMatched,
      applies,
    },
  };
}
