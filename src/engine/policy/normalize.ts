import type { ConditionClause, Policy, PolicySource, PrincipalBlock, SourcedPolicy, Statement } from './types';

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

const cache = new WeakMap<object, NormalizeResult>();

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return undefined;
}

function scalarString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return undefined;
}

function principalBlock(value: unknown): PrincipalBlock | undefined {
  if (value === '*') return '*';
  if (!isObject(value)) return undefined;
  const block: { AWS?: string[]; Service?: string[]; Federated?: string[]; CanonicalUser?: string[] } = {};
  for (const key of ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const) {
    if (Object.hasOwn(value, key)) {
      const list = stringList(value[key]);
      if (list) block[key] = list;
    }
  }
  return block;
}

function conditions(value: unknown, problems: string[], where: string): ConditionClause[] {
  if (value === undefined) return [];
  if (!isObject(value)) {
    problems.push(`${where}: Condition must be an object`);
    return [];
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
      const values: string[] = [];
      for (const item of list) {
        const text = scalarString(item);
        if (text === undefined) problems.push(`${where}: ${operator} ${key} has a value that is not a string`);
        else values.push(text);
      }
      clauses.push({ operator, key, values });
    }
  }
  return clauses;
}

function statement(raw: unknown, index: number, problems: string[]): Statement | undefined {
  const where = `Statement ${index}`;
  if (!isObject(raw)) {
    problems.push(`${where} is not an object`);
    return undefined;
  }
  const effect = raw['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') {
    problems.push(`${where}: Effect must be "Allow" or "Deny"`);
    return undefined;
  }
  const action = stringList(raw['Action']);
  const notAction = stringList(raw['NotAction']);
  const resource = stringList(raw['Resource']);
  const notResource = stringList(raw['NotResource']);
  // Every statement has the same properties in the same order (absent ones undefined): one object shape
  // keeps property access in the evaluator's hot loop monomorphic.
  const result: {
    -readonly [K in keyof Statement]: Statement[K];
  } = {
    index,
    sid: typeof raw['Sid'] === 'string' ? raw['Sid'] : undefined,
    effect,
    action,
    notAction: action ? undefined : notAction,
    resource,
    notResource: resource ? undefined : notResource,
    principal: undefined,
    notPrincipal: undefined,
    conditions: conditions(raw['Condition'], problems, where),
  };
  if (!action && !notAction) {
    problems.push(`${where}: needs Action or NotAction`);
    return undefined;
  }
  if (raw['Principal'] !== undefined) {
    const p = principalBlock(raw['Principal']);
    if (p) result.principal = p;
    else problems.push(`${where}: Principal must be "*" or an object`);
  }
  if (raw['NotPrincipal'] !== undefined) {
    const p = principalBlock(raw['NotPrincipal']);
    if (p) result.notPrincipal = p;
    else problems.push(`${where}: NotPrincipal must be "*" or an object`);
  }
  return result;
}

/** Normalizes `raw`; results are cached per document object, so pass the same object to reuse work. */
export function normalizePolicy(raw: unknown): NormalizeResult {
  if (isObject(raw)) {
    const hit = cache.get(raw);
    if (hit) return hit;
  }
  const problems: string[] = [];
  const statements: Statement[] = [];
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
    list.forEach((item, index) => {
      const s = statement(item, index, problems);
      if (s) statements.push(s);
    });
  }
  const policy: Policy = { statements, ...(version !== undefined ? { version } : {}), ...(id !== undefined ? { id } : {}) };
  const result = { policy, problems };
  if (isObject(raw)) cache.set(raw, result);
  return result;
}

/** Normalizes `raw` and attaches its source. */
export function sourced(raw: unknown, source: PolicySource): SourcedPolicy {
  return { source, policy: normalizePolicy(raw).policy };
}
