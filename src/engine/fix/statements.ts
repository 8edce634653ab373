import type { PolicyDocument } from '../../model';
import { compileResourcePattern, wildcardMatch } from '../policy/wildcard';

/**
 * Edits of raw policy statements, exactly as written: each keeps every element it does not change (Sid,
 * Condition, NotPrincipal, ...), so the diff shows only what the proposal changes.
 */

export type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string or a list of strings, as a list; undefined for anything else. */
export function asList(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return undefined;
}

/** The statements of a document as a list (a single statement object is a list of one). */
export function statementsOf(doc: PolicyDocument | undefined): Json[] {
  if (!doc) return [];
  const st = doc.Statement;
  return Array.isArray(st) ? st.filter(isObject) : isObject(st) ? [st] : [];
}

/** The document with these statements (always written as a list), every other key kept. */
export function withStatements(doc: PolicyDocument | undefined, statements: readonly Json[]): PolicyDocument {
  return { ...(doc ?? { Version: '2012-10-17' }), Statement: [...statements] } as PolicyDocument;
}

/** A Sid not used in the document: letters and digits only (what every policy type accepts). */
export function freshSid(doc: PolicyDocument | undefined, base: string): string {
  // Words joined in camel case: "AllowPutObjectOn" + "reports-b" reads AllowPutObjectOnReportsB.
  const clean = base.split(/[^A-Za-z0-9]+/).map((w) => (w ? `${(w[0] as string).toUpperCase()}${w.slice(1)}` : '')).join('').slice(0, 60) || 'Statement';
  const used = new Set(statementsOf(doc).map((s) => (typeof s.Sid === 'string' ? s.Sid : '')));
  if (!used.has(clean)) return clean;
  for (let n = 2; ; n++) if (!used.has(`${clean}${n}`)) return `${clean}${n}`;
}

/** The document with one statement added at the end (a new document when there was none). */
export function addStatement(doc: PolicyDocument | undefined, statement: Json): PolicyDocument {
  return withStatements(doc, [...statementsOf(doc), statement]);
}

/** The document with statement `index` replaced by `replacement` (none: the statement is removed). */
export function replaceStatement(doc: PolicyDocument, index: number, replacement: readonly Json[]): PolicyDocument {
  const list = statementsOf(doc);
  return withStatements(doc, [...list.slice(0, index), ...replacement, ...list.slice(index + 1)]);
}

/** A list element written back as AWS examples write it: one value as a string, several as a list. */
const written = (list: readonly string[]): string | string[] => (list.length === 1 ? (list[0] as string) : [...list]);

/**
 * How a statement can stop covering one value of its Action or Resource element:
 * - `{ statement }`: the statement without it (the entry naming exactly that value removed, or the value
 *   added to NotAction / NotResource, or `"*"` turned into NotAction / NotResource of the value);
 * - `{ empty: true }`: the statement named only that value, so it can go;
 * - `undefined`: the element names it through a pattern (`s3:*`, `arn:aws:s3:::b/*`) that cannot lose one
 *   value, since Action and NotAction (Resource and NotResource) cannot be combined in one statement.
 */
export type Exclusion = { readonly statement: Json } | { readonly empty: true } | undefined;

function exclude(statement: Json, value: string, positive: 'Action' | 'Resource', negative: 'NotAction' | 'NotResource', matches: (pattern: string, value: string) => boolean, same: (a: string, b: string) => boolean): Exclusion {
  const pos = asList(statement[positive]);
  const neg = asList(statement[negative]);
  if (neg) {
    if (neg.some((p) => matches(p, value))) return { statement };
    return { statement: { ...statement, [negative]: written([...neg, value]) } };
  }
  if (!pos) return undefined;
  const hits = pos.filter((p) => matches(p, value));
  if (hits.length === 0) return { statement };
  if (pos.length === 1 && pos[0] === '*') {
    const { [positive]: _drop, ...rest } = statement;
    return { statement: { ...rest, [negative]: value } };
  }
  // Only entries that name exactly the value can go; a pattern would take other values with it.
  if (!hits.every((p) => same(p, value))) return undefined;
  const kept = pos.filter((p) => !same(p, value));
  if (kept.length === 0) return { empty: true };
  return { statement: { ...statement, [positive]: written(kept) } };
}

const actionMatches = (pattern: string, action: string): boolean => wildcardMatch(pattern, action, true);
const resourceMatches = (pattern: string, resource: string): boolean => compileResourcePattern(pattern)(resource);

/** The statement without `action` (IAM JSON policy elements: Action, NotAction; actions are case-insensitive). */
export function excludeAction(statement: Json, action: string): Exclusion {
  return exclude(statement, action, 'Action', 'NotAction', actionMatches, (a, b) => a.toLowerCase() === b.toLowerCase());
}

/** The statement without `resource` (IAM JSON policy elements: Resource, NotResource; ARNs are case-sensitive). */
export function excludeResource(statement: Json, resource: string): Exclusion {
  if (statement.Resource === undefined && statement.NotResource === undefined) return undefined;
  return exclude(statement, resource, 'Resource', 'NotResource', resourceMatches, (a, b) => a === b);
}

/** Whether the statement's Action (Resource) element is exactly the one value. */
export function namesOnly(statement: Json, element: 'Action' | 'Resource', value: string): boolean {
  const list = asList(statement[element]);
  if (!list || list.length !== 1) return false;
  return element === 'Action' ? (list[0] as string).toLowerCase() === value.toLowerCase() : list[0] === value;
}

/**
 * The statement with one more value under a condition operator and key (values of one key are OR-ed; keys
 * and operators are AND-ed: IAM JSON policy elements, Condition — "Creating a condition with multiple keys or
 * values"). A key already present under the operator gets the value added; otherwise the key is added.
 */
export function withConditionValue(statement: Json, operator: string, key: string, value: string): Json {
  const condition = isObject(statement.Condition) ? statement.Condition : {};
  const block = isObject(condition[operator]) ? (condition[operator] as Json) : {};
  const existingKey = Object.keys(block).find((k) => k.toLowerCase() === key.toLowerCase());
  const values = existingKey !== undefined ? (asList(block[existingKey]) ?? []) : [];
  if (values.includes(value)) return statement;
  const nextBlock = { ...block, [existingKey ?? key]: written([...values, value]) };
  return { ...statement, Condition: { ...condition, [operator]: nextBlock } };
}

/** The statement's Condition block, when it has one. */
export function conditionOf(statement: Json): Json | undefined {
  return isObject(statement.Condition) && Object.keys(statement.Condition).length > 0 ? statement.Condition : undefined;
}
