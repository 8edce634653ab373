import { actionIndexOf, compileRules, Rule, type ActionIndex, type CompiledPolicy } from './compile';
import type { ConditionClause, MalformedPrincipalElement, Policy, PolicySource, PrincipalBlock, SourcedPolicy, Statement } from './types';

/**
 * Normalizes a raw policy document (parsed JSON, exactly as AWS accepts it) into the engine's `Policy`.
 *
 * Single strings become arrays and `Statement` becomes an array (IAM JSON policy elements: Statement —
 * "The Statement element can contain a single statement or an array of individual statements").
 * Booleans and numbers in condition values become strings, as AWS compares them.
 *
 * Normalization never throws: what cannot be understood is reported in `problems`, and a statement that
 * has no valid `Effect` is left out (AWS would refuse to save such a policy, so it can grant nothing).
 * The editor's checks (`src/engine/check`) give the user located messages for the same faults.
 */
export interface NormalizeResult {
  readonly policy: Policy;
  readonly problems: readonly string[];
}

const cache = new WeakMap<object, NormalizedPolicy>();

/**
 * A normalized policy, compiled as it is made (one `Rule` per statement), so the evaluator reaches the
 * rules without a lookup. The compiled form is reached through prototype getters over private fields:
 * copies, comparisons and JSON see only the `Policy` fields.
 */
class NormalizedPolicy implements Policy, CompiledPolicy {
  readonly statements: readonly Statement[];
  // Own properties only when present, as in a plain object literal.
  declare readonly version?: string;
  declare readonly id?: string;
  readonly #rules: readonly Rule[];
  readonly #substitute: boolean;
  readonly #actionIndex: ActionIndex | undefined;
  /** What normalizing the document found wrong (see `NormalizeResult`). */
  readonly #problems: readonly string[];
  constructor(statements: readonly Statement[], version: string | undefined, id: string | undefined, problems: readonly string[]) {
    this.statements = statements;
    this.#problems = problems;
    if (version !== undefined) (this as { version?: string }).version = version;
    if (id !== undefined) (this as { id?: string }).id = id;
    // The statements are made as rules (see `statement`): they are the compiled form.
    this.#rules = statements as readonly Rule[];
    this.#substitute = version === '2012-10-17';
    this.#actionIndex = actionIndexOf(this.#rules);
  }
  get rules(): readonly Rule[] {
    return this.#rules;
  }
  get substitute(): boolean {
    return this.#substitute;
  }
  get actionIndex(): ActionIndex | undefined {
    return this.#actionIndex;
  }
  static problems(policy: NormalizedPolicy): readonly string[] {
    return policy.#problems;
  }
}

/** Policies built by hand rather than by `normalizePolicy` (tests, tools): compiled once per object. */
const foreign = new WeakMap<Policy, CompiledPolicy>();

/** The compiled form of a policy. */
export function compilePolicy(policy: Policy): CompiledPolicy {
  if (policy instanceof NormalizedPolicy) return policy;
  let c = foreign.get(policy);
  if (!c) {
    c = compileRules(policy);
    foreign.set(policy, c);
  }
  return c;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * A string or a list of strings as a list. A list made only of strings is used as it is (documents are
 * immutable, as the cache above already assumes), so normalizing copies nothing it does not change.
 */
function stringList(value: unknown): readonly string[] | undefined {
  if (typeof value === 'string') return single(value);
  if (!Array.isArray(value)) return undefined;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return value.filter((v): v is string => typeof v === 'string');
  return value as string[];
}

/** One-string lists, shared (`"Resource": "*"` is written in most statements). Bounded. */
const singles = new Map<string, readonly string[]>();
function single(value: string): readonly string[] {
  let list = singles.get(value);
  if (list === undefined) {
    if (singles.size >= 20_000) singles.clear();
    list = Object.freeze([value]);
    singles.set(value, list);
  }
  return list;
}

function scalarString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return undefined;
}

function principalBlock(value: unknown): PrincipalBlock | undefined {
  if (value === '*') return '*';
  if (!isObject(value)) return undefined;
  const block: { AWS?: readonly string[]; Service?: readonly string[]; Federated?: readonly string[]; CanonicalUser?: readonly string[] } = {};
  for (const key of ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const) {
    if (Object.hasOwn(value, key)) {
      const list = stringList(value[key]);
      if (list) block[key] = list;
    }
  }
  return block;
}

function conditions(value: unknown, problems: string[], where: string): readonly ConditionClause[] {
  if (value === undefined) return NONE;
  if (!isObject(value)) {
    problems.push(`${where}: Condition must be an object`);
    return NONE;
  }
  const clauses: ConditionClause[] = [];
  for (const operator of Object.keys(value)) {
    const keys = value[operator];
    if (!isObject(keys)) {
      problems.push(`${where}: condition operator ${operator} must map keys to values`);
      continue;
    }
    for (const key of Object.keys(keys)) {
      const raw = keys[key];
      const list = Array.isArray(raw) ? raw : [raw];
      // Values that are all strings already are used as they are; others are converted (numbers and
      // booleans as AWS writes them) or reported.
      let values: readonly string[] = list.every((v) => typeof v === 'string') ? (list as string[]) : NONE;
      if (values !== list) {
        const converted: string[] = [];
        for (const item of list) {
          const text = scalarString(item);
          if (text === undefined) problems.push(`${where}: ${operator} ${key} has a value that is not a string`);
          else converted.push(text);
        }
        values = converted;
      }
      clauses.push({ operator, key, values });
    }
  }
  return exact(clauses);
}

/** `list` in an array of its own length (arrays grown by `push` keep spare room; normalized policies live long). */
function exact<T>(list: T[]): readonly T[] {
  return list.length === 0 ? NONE : list.slice();
}

const where = (index: number): string => `Statement ${index}`;

function statement(raw: unknown, index: number, problems: string[]): Statement | undefined {
  if (!isObject(raw)) {
    problems.push(`${where(index)} is not an object`);
    return undefined;
  }
  const effect = raw['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') {
    problems.push(`${where(index)}: Effect must be "Allow" or "Deny"`);
    return undefined;
  }
  const action = stringList(raw['Action']);
  const notAction = stringList(raw['NotAction']);
  const resource = stringList(raw['Resource']);
  const notResource = stringList(raw['NotResource']);
  const sid = typeof raw['Sid'] === 'string' ? raw['Sid'] : undefined;
  const condition = raw['Condition'];
  const clauses = condition === undefined ? NONE : conditions(condition, problems, where(index));
  if (!action && !notAction) {
    problems.push(`${where(index)}: needs Action or NotAction`);
    return undefined;
  }
  let principal: PrincipalBlock | undefined;
  let notPrincipal: PrincipalBlock | undefined;
  // "Principal" / "NotPrincipal" : ("*" | <principal_map>) (IAM User Guide: Grammar of the IAM JSON policy
  // language). Anything else — most often an ARN written as a plain string — names no one; it is kept as
  // written so the explanation can say so.
  let malformed: MalformedPrincipalElement | undefined;
  if (raw['Principal'] !== undefined) {
    principal = principalBlock(raw['Principal']);
    if (!principal) {
      problems.push(`${where(index)}: Principal must be "*" or an object`);
      malformed = malformedElement('Principal', raw['Principal']);
    }
  }
  if (raw['NotPrincipal'] !== undefined) {
    notPrincipal = principalBlock(raw['NotPrincipal']);
    if (!notPrincipal) {
      problems.push(`${where(index)}: NotPrincipal must be "*" or an object`);
      malformed ??= malformedElement('NotPrincipal', raw['NotPrincipal']);
    }
  }
  // The statement is made compiled (one object with its matching form) so evaluation needs no other lookup.
  return new Rule(index, sid, effect, action, action ? undefined : notAction, resource, resource ? undefined : notResource, principal, notPrincipal, clauses, malformed);
}

function malformedElement(element: 'Principal' | 'NotPrincipal', value: unknown): MalformedPrincipalElement {
  let written: string;
  try {
    written = JSON.stringify(value) ?? String(value);
  } catch {
    written = String(value);
  }
  return { element, written: written.length > 300 ? `${written.slice(0, 299)}…` : written, value };
}

/** Normalizes `raw`; results are cached per document object, so pass the same object to reuse work. */
export function normalizePolicy(raw: unknown): NormalizeResult {
  const policy = normalized(raw);
  return { policy, problems: NormalizedPolicy.problems(policy) };
}

/** The normalized policy of `raw`, cached per document object (only the policy is kept). */
function normalized(raw: unknown): NormalizedPolicy {
  if (isObject(raw)) {
    const hit = cache.get(raw);
    if (hit) return hit;
  }
  const problems: string[] = [];
  let statements: readonly Statement[] = NONE;
  let version: string | undefined;
  let id: string | undefined;
  if (!isObject(raw)) {
    problems.push('A policy must be a JSON object');
  } else {
    if (typeof raw['Version'] === 'string') version = raw['Version'];
    if (typeof raw['Id'] === 'string') id = raw['Id'];
    const body = raw['Statement'];
    const list = Array.isArray(body) ? body : body === undefined ? [] : [body];
    if (body === undefined) problems.push('A policy needs a Statement');
    const all = list.map((item, index) => statement(item, index, problems));
    statements = all.includes(undefined) ? all.filter((s): s is Statement => s !== undefined) : (all as Statement[]);
  }
  const policy = new NormalizedPolicy(statements, version, id, problems.length === 0 ? NONE : problems);
  if (isObject(raw)) cache.set(raw, policy);
  return policy;
}

/**
 * A policy with its source, holding the policy's rules itself: the evaluator goes from an entity's policy
 * straight to its rules.
 */
class Sourced implements SourcedPolicy, CompiledPolicy {
  readonly #rules: readonly Rule[];
  readonly #substitute: boolean;
  readonly #actionIndex: ActionIndex | undefined;
  constructor(
    readonly source: PolicySource,
    readonly policy: Policy,
  ) {
    const compiled = compilePolicy(policy);
    this.#rules = compiled.rules;
    this.#substitute = compiled.substitute;
    this.#actionIndex = compiled.actionIndex;
  }
  get rules(): readonly Rule[] {
    return this.#rules;
  }
  get substitute(): boolean {
    return this.#substitute;
  }
  get actionIndex(): ActionIndex | undefined {
    return this.#actionIndex;
  }
}

/** Normalizes `raw` and attaches its source. */
export function sourced(raw: unknown, source: PolicySource): SourcedPolicy {
  return new Sourced(source, normalized(raw));
}

/** The compiled form of a policy with its source. */
export function compiledOf(sp: SourcedPolicy): CompiledPolicy {
  return sp instanceof Sourced ? sp : compilePolicy(sp.policy);
}
