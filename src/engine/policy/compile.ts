import { compileCondition, compiledConditionMatches, type CompiledCondition } from './conditions';
import { digestBlock, excludedByNotPrincipal, matchCompiledBlock, type CompiledBlock, type PrincipalMatchKind } from './principal';
import { resourceMatches, type StatementRequest } from './statement';
import type { ConditionClause, MalformedPrincipalElement, Policy, PrincipalBlock, Statement } from './types';
import { hasVariables } from './variables';
import { compileResourcePattern, compileWildcard, type Matcher } from './wildcard';

/**
 * Policies compiled for matching. A normalized statement becomes a `Rule` that carries everything the
 * evaluator needs, so deciding a request touches one object per statement and shared pattern sets:
 *
 * - an Action / NotAction list becomes an `ActionSet`, interned by its content: the same list written in
 *   many policies (`["s3:GetObject", "s3:PutObject"]`, `"sqs:*"`) is one object with its literal actions in
 *   a `Set` and its wildcards as prefix tests or regular expressions;
 * - a Resource / NotResource list becomes a `ResourceSet`, interned the same way;
 * - the Principal element becomes a `CompiledBlock` (sets of ARNs, accounts and services);
 * - each condition clause has its operator parsed and its key lower-cased once.
 *
 * Compiled forms depend only on the statement's text, never on a request, so they are shared freely.
 */

/** The Action or NotAction list of a statement, matched against a lower-cased action. */
export class ActionSet {
  /** `*` is in the list: every action matches. */
  readonly all: boolean;
  /** Literal actions (no wildcard), lower-cased. */
  private readonly literals: ReadonlySet<string> | undefined;
  private readonly single: string | undefined;
  /** `service:Prefix*` patterns, as their lower-cased prefixes. */
  private readonly prefixes: readonly string[];
  /** Anything else (a `?`, a `*` inside the pattern). */
  private readonly others: readonly Matcher[];
  /** One matcher per pattern, in the order written (for traces: which pattern matched). */
  readonly matchers: readonly Matcher[];

  constructor(readonly patterns: readonly string[]) {
    const lower = patterns.map((p) => p.toLowerCase());
    this.matchers = lower.map((p) => compileWildcard(p));
    const literals: string[] = [];
    const prefixes: string[] = [];
    const others: Matcher[] = [];
    let all = false;
    for (const p of lower) {
      if (p === '*') all = true;
      else if (!p.includes('*') && !p.includes('?')) literals.push(p);
      else if (p.indexOf('*') === p.length - 1 && !p.includes('?')) prefixes.push(p.slice(0, -1));
      else others.push(compileWildcard(p));
    }
    this.all = all;
    this.single = literals.length === 1 ? literals[0] : undefined;
    this.literals = literals.length > 1 ? new Set(literals) : undefined;
    this.prefixes = prefixes;
    this.others = others;
  }

  /** Whether some pattern matches `actionLower` (already lower-cased: actions match case-insensitively). */
  test(actionLower: string): boolean {
    if (this.all || actionLower === this.single) return true;
    if (this.literals !== undefined && this.literals.has(actionLower)) return true;
    const prefixes = this.prefixes;
    for (let i = 0; i < prefixes.length; i++) if (actionLower.startsWith(prefixes[i] as string)) return true;
    const others = this.others;
    for (let i = 0; i < others.length; i++) if ((others[i] as Matcher)(actionLower)) return true;
    return false;
  }

  /** The first pattern (as written) that matches, for explanations. */
  first(actionLower: string): string | undefined {
    for (let i = 0; i < this.matchers.length; i++) if ((this.matchers[i] as Matcher)(actionLower)) return this.patterns[i];
    return undefined;
  }
}

/** The Resource or NotResource list of a statement. Entries with policy variables are resolved per request. */
export class ResourceSet {
  /** A bare `*` is in the list: every resource matches. */
  readonly all: boolean;
  /** One matcher per entry; `undefined` where the entry holds a policy variable. */
  readonly matchers: ReadonlyArray<Matcher | undefined>;
  readonly hasVariables: boolean;

  constructor(readonly patterns: readonly string[]) {
    // The Resource element's own reading of `*` (see `compileResourcePattern`), not ArnLike's.
    this.matchers = patterns.map((p) => (hasVariables(p) ? undefined : compileResourcePattern(p)));
    this.hasVariables = this.matchers.includes(undefined);
    this.all = patterns.includes('*');
  }
}

/** How a Principal / NotPrincipal element is matched. */
export type PrincipalTest = CompiledBlock | '*' | undefined;

/**
 * One normalized statement, compiled as it is made. It is the `Statement` the rest of the engine reads
 * (the public fields, exactly as normalized), and it carries its compiled form in private fields, so
 * matching reaches everything from the one object and copies, comparisons and JSON see only `Statement`.
 */
export class Rule implements Statement {
  // The compiled fields come first: an object's first fields share a cache line with its map, and the
  // action test (the one that usually ends the matching) reads only them.
  /** The Action list, or the NotAction list when `#actionNegated`. */
  readonly #actions: ActionSet;
  readonly #actionNegated: boolean;
  readonly #deny: boolean;
  /** The Resource list, or the NotResource list when `#resourceNegated`; absent in trust policies. */
  readonly #resources: ResourceSet | undefined;
  readonly #resourceNegated: boolean;
  /** The Principal element (`'*'` for everyone); `undefined` when the statement has none. */
  readonly #principal: PrincipalTest;
  readonly #conditions: readonly CompiledCondition[];
  readonly #actionOnly: boolean;
  readonly #namesEveryone: boolean | undefined;

  readonly index: number;
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  readonly action: readonly string[] | undefined;
  readonly notAction: readonly string[] | undefined;
  readonly resource: readonly string[] | undefined;
  readonly notResource: readonly string[] | undefined;
  readonly principal: PrincipalBlock | undefined;
  readonly notPrincipal: PrincipalBlock | undefined;
  readonly conditions: readonly ConditionClause[];
  readonly malformedPrincipal: MalformedPrincipalElement | undefined;

  constructor(
    index: number,
    sid: string | undefined,
    effect: 'Allow' | 'Deny',
    action: readonly string[] | undefined,
    notAction: readonly string[] | undefined,
    resource: readonly string[] | undefined,
    notResource: readonly string[] | undefined,
    principal: PrincipalBlock | undefined,
    notPrincipal: PrincipalBlock | undefined,
    conditions: readonly ConditionClause[],
    malformedPrincipal?: MalformedPrincipalElement,
  ) {
    // The Action and Resource lists are the interned sets' own lists (same content): statements that
    // repeat a list share one array.
    const actions = actionSet(action ?? notAction ?? NO_PATTERNS);
    const resources = resource ?? notResource;
    const resourceList = resources ? resourceSet(resources) : undefined;
    this.index = index;
    this.sid = sid;
    this.effect = effect;
    this.action = action === undefined ? undefined : actions.patterns;
    this.notAction = action === undefined && notAction !== undefined ? actions.patterns : undefined;
    this.resource = resource === undefined ? undefined : resourceList?.patterns;
    this.notResource = resource === undefined && notResource !== undefined ? resourceList?.patterns : undefined;
    this.principal = principal;
    this.notPrincipal = notPrincipal;
    this.conditions = conditions;
    this.malformedPrincipal = malformedPrincipal;
    this.#deny = effect === 'Deny';
    this.#actionNegated = action === undefined;
    this.#actions = actions;
    this.#resourceNegated = resource === undefined && notResource !== undefined;
    this.#resources = resourceList;
    const test = principal === undefined ? undefined : principal === '*' ? '*' : digestBlock(principal);
    this.#principal = test;
    this.#conditions = conditions.length === 0 ? NO_CONDITIONS : conditions.map(compileCondition);
    const everyResource = this.#resources === undefined || (!this.#resourceNegated && this.#resources.all);
    this.#actionOnly = this.#conditions.length === 0 && everyResource;
    this.#namesEveryone = test === '*' || (test !== undefined && test.wildcard) ? true : test === undefined && notPrincipal === undefined ? false : undefined;
  }

  /** A rule for a statement written as a plain object. */
  static of(s: Statement): Rule {
    return s instanceof Rule ? s : new Rule(s.index, s.sid, s.effect, s.action, s.notAction, s.resource, s.notResource, s.principal, s.notPrincipal, s.conditions, s.malformedPrincipal);
  }

  get deny(): boolean {
    return this.#deny;
  }
  /** The Action list, or the NotAction list when `actionNegated`. */
  get actionSet(): ActionSet {
    return this.#actions;
  }
  get actionNegated(): boolean {
    return this.#actionNegated;
  }
  /** The Resource list, or the NotResource list when `resourceNegated`; absent in trust policies. */
  get resourceSet(): ResourceSet | undefined {
    return this.#resources;
  }
  get resourceNegated(): boolean {
    return this.#resourceNegated;
  }
  /** The Principal element digested (`'*'` for everyone); `undefined` when the statement has none. */
  get principalTest(): PrincipalTest {
    return this.#principal;
  }
  get compiledConditions(): readonly CompiledCondition[] {
    return this.#conditions;
  }
  /**
   * Whether, once the action is admitted, the outcome depends on nothing else of the request except
   * possibly the principal: no conditions and every resource (or no Resource element). Organization
   * levels made of such statements are decided once per action.
   */
  get actionOnly(): boolean {
    return this.#actionOnly;
  }
  /**
   * For policies that name principals: `true` when the statement names everyone (`"*"`), `false` when it
   * names nobody (no Principal element), `undefined` when it depends on the requester.
   */
  get namesEveryone(): boolean | undefined {
    return this.#namesEveryone;
  }

  /** Whether the Action / NotAction element admits the (lower-cased) action. */
  admits(actionLower: string): boolean {
    return this.#actions.test(actionLower) !== this.#actionNegated;
  }

  /**
   * For a statement that admits the request's action: `false` when it does not apply, the principal match
   * kind when it applies in a policy that names principals, `true` otherwise (see `statementMatch`).
   */
  appliesAfterAction(req: StatementRequest, checkPrincipal: boolean, substitute: boolean): boolean | PrincipalMatchKind {
    const resources = this.#resources;
    if (resources !== undefined && resourceMatches(resources, req.resource, req.context, substitute) === this.#resourceNegated) return false;
    let kind: PrincipalMatchKind | undefined;
    if (checkPrincipal) {
      const principal = this.#principal;
      if (principal !== undefined) {
        kind = principal === '*' ? 'wildcard' : matchCompiledBlock(principal, req.identity);
        if (kind === undefined) return false;
      } else if (this.notPrincipal !== undefined) {
        if (excludedByNotPrincipal(this.notPrincipal, req.identity, this.effect)) return false;
        kind = 'wildcard';
      } else {
        return false;
      }
    }
    const conditions = this.#conditions;
    for (let i = 0; i < conditions.length; i++) {
      if (!compiledConditionMatches(conditions[i] as CompiledCondition, req.context, substitute)) return false;
    }
    return kind ?? true;
  }
}

const NO_CONDITIONS: readonly CompiledCondition[] = Object.freeze([]);
const NO_PATTERNS: readonly string[] = Object.freeze([]);

/** A policy compiled: one rule per statement, in order (a normalized policy's statements are its rules). */
export interface CompiledPolicy {
  readonly rules: readonly Rule[];
  /** Policy variables are substituted only under Version 2012-10-17. */
  readonly substitute: boolean;
  /**
   * For policies of `ACTION_INDEX_MIN` statements or more: the rules that admit an action, by action.
   * Deciding a request then looks at the statements about its action only; `undefined` for shorter policies,
   * where testing each statement's action costs less than a lookup.
   */
  readonly actionIndex: ActionIndex | undefined;
}

/** Policies with at least this many statements are indexed by action (see `ActionIndex`). */
export const ACTION_INDEX_MIN = 6;

/** How many actions one index remembers before it starts over (a policy meets a few actions). */
const ACTIONS_PER_INDEX = 512;

/**
 * A policy's statements by the action they admit: for each (lower-cased) action asked, the rules whose
 * Action / NotAction element admits it, in the policy's order, worked out on first ask and kept. It is a
 * pre-filter and nothing more: the evaluator still matches each of these rules' resource, principal and
 * conditions, and a rule left out is one whose action element does not admit the action — a statement
 * that does not apply ("the request must match the Action element", IAM JSON policy elements: Action).
 * It depends only on the statements, so it is shared by every request and every world that uses the policy.
 */
export class ActionIndex {
  private byAction = new Map<string, readonly Rule[]>();
  constructor(private readonly rules: readonly Rule[]) {}

  /** The rules that admit `actionLower`, in order. */
  admitting(actionLower: string): readonly Rule[] {
    let list = this.byAction.get(actionLower);
    if (list === undefined) {
      const found: Rule[] = [];
      for (let i = 0; i < this.rules.length; i++) {
        const rule = this.rules[i] as Rule;
        if (rule.admits(actionLower)) found.push(rule);
      }
      list = found.length === 0 ? NO_RULES : found;
      if (this.byAction.size >= ACTIONS_PER_INDEX) this.byAction = new Map();
      this.byAction.set(actionLower, list);
    }
    return list;
  }
}

const NO_RULES: readonly Rule[] = Object.freeze([]);

/** The action index of a list of rules, when it is long enough to be worth one. */
export function actionIndexOf(rules: readonly Rule[]): ActionIndex | undefined {
  return rules.length >= ACTION_INDEX_MIN ? new ActionIndex(rules) : undefined;
}

/**
 * Interned sets by content: a trie of maps keyed by each pattern in turn, so finding the set for a list
 * builds no key string. Bounded: past the limit the table starts over (compiled rules keep their sets).
 */
class Interner<T> {
  private root = new Map<string, Node<T>>();
  private size = 0;
  constructor(
    private readonly make: (patterns: readonly string[]) => T,
    private readonly limit: number,
  ) {}
  get(patterns: readonly string[]): T {
    let level = this.root;
    let node: Node<T> | undefined;
    for (let i = 0; i < patterns.length; i++) {
      const p = patterns[i] as string;
      node = level.get(p);
      if (!node) {
        node = { value: undefined, next: undefined };
        level.set(p, node);
      }
      if (i < patterns.length - 1) level = node.next ??= new Map();
    }
    if (!node) return this.make(patterns);
    if (node.value === undefined) {
      if (this.size >= this.limit) {
        this.root = new Map();
        this.size = 0;
      }
      node.value = this.make(patterns);
      this.size++;
    }
    return node.value;
  }
}

interface Node<T> {
  value: T | undefined;
  next: Map<string, Node<T>> | undefined;
}

const INTERN_LIMIT = 20_000;
const actionSets = new Interner((patterns) => new ActionSet(patterns), INTERN_LIMIT);
const resourceSets = new Interner((patterns) => new ResourceSet(patterns), INTERN_LIMIT);

/** The shared set for this list (same content, same object). */
function actionSet(patterns: readonly string[]): ActionSet {
  return actionSets.get(patterns);
}

function resourceSet(patterns: readonly string[]): ResourceSet {
  return resourceSets.get(patterns);
}

/** Compiles a policy whose statements are plain objects (one built by hand). Callers cache the result. */
export function compileRules(policy: Pick<Policy, 'statements' | 'version'>): CompiledPolicy {
  const rules = policy.statements.map(Rule.of);
  return { rules, substitute: policy.version === '2012-10-17', actionIndex: actionIndexOf(rules) };
}
