import { ACCOUNT_ID_PATTERN, IAM_PATH_PATTERN, MAX_STRING_LENGTH, REGION_PATTERN, type PolicyDocument } from '../model';
import type { ImportContext } from './types';

/**
 * Reading untrusted AWS output: small helpers that never throw and say what they skipped, where. Every
 * value an importer takes is checked here against what the model accepts, so a bad entry is skipped with a
 * located note instead of failing the whole file later.
 */

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON path one step further: `$.RoleDetailList` + 3 → `$.RoleDetailList[3]`. The same spelling as `parseScenario`'s errors. */
export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** A non-empty string of acceptable length, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_STRING_LENGTH ? value : undefined;
}

export const isAccountId = (v: unknown): v is string => typeof v === 'string' && ACCOUNT_ID_PATTERN.test(v);
export const isRegion = (v: unknown): v is string => typeof v === 'string' && REGION_PATTERN.test(v);
export const isIamPath = (v: unknown): v is string => typeof v === 'string' && v.length <= 512 && IAM_PATH_PATTERN.test(v);

/**
 * A list where AWS documents a list. A single object where a list belongs (the AWS CLI's own example of
 * get-account-authorization-details prints a group's `AttachedManagedPolicies` as one object) is read as a
 * list of one, with a note; anything else is an empty list, with a note when present.
 */
export function list(value: unknown, ctx: ImportContext, path: string, what: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null) return [];
  if (isObject(value)) {
    ctx.note('info', path, `${what} is one object where a list is expected; it is read as a list of one.`);
    return [value];
  }
  ctx.note('warning', path, `${what} is not a list; it is skipped.`);
  return [];
}

/** The parts of an ARN: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`. */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

export function parseArn(value: unknown): Arn | undefined {
  if (typeof value !== 'string' || !value.startsWith('arn:') || value.length > 2048) return undefined;
  const parts = value.split(':');
  if (parts.length < 6) return undefined;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/** Plain JSON from a string: undefined when it is not JSON. */
function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether a value has the shape of an IAM policy document (an object whose Statement is an object or a list of objects). */
export function isPolicyShaped(value: unknown): value is PolicyDocument {
  if (!isObject(value)) return false;
  const st = value['Statement'];
  return isObject(st) || (Array.isArray(st) && st.every(isObject));
}

/** How a policy document arrived: as an object, a JSON string, URL-encoded JSON, or JSON escaped a second time. */
export type PolicyEncoding = 'object' | 'json-string' | 'url-encoded' | 'escaped-json-string';

/**
 * A policy document as AWS hands it out, decoded:
 * - an object (the AWS CLI decodes IAM documents: "some SDKs do this decoding automatically");
 * - a JSON string (`Policy` of S3, SNS, SQS, Lambda, KMS, EventBridge, DynamoDB; `Content` of an SCP);
 * - URL-encoded JSON (RFC 3986), as the IAM API returns documents (IAM API Reference,
 *   GetAccountAuthorizationDetails: "Policies returned by this operation are URL-encoded compliant with
 *   RFC 3986");
 * - JSON whose quotes and slashes are escaped once more (`{\"Version\":…}`), as API Gateway returns a REST
 *   API's `policy`.
 * Returns undefined, with a located note, when none of these gives a policy document. A document without
 * `Version` is kept as it is, with a note: the engine then does not substitute policy variables, as AWS.
 */
export function decodePolicy(value: unknown, ctx: ImportContext, path: string, what: string): { document: PolicyDocument; encoding: PolicyEncoding } | undefined {
  let doc: unknown;
  let encoding: PolicyEncoding = 'object';
  if (isObject(value)) doc = value;
  else if (typeof value === 'string') {
    const text = value.trim();
    if (text.length > MAX_STRING_LENGTH) {
      ctx.note('error', path, `${what} is longer than ${MAX_STRING_LENGTH.toLocaleString('en-US')} characters; it is skipped.`);
      return undefined;
    }
    doc = jsonOf(text);
    encoding = 'json-string';
    // A JSON string holding a JSON string: encoded twice.
    if (typeof doc === 'string') {
      doc = jsonOf(doc);
      encoding = 'escaped-json-string';
    }
    if (doc === undefined && /%[0-9A-Fa-f]{2}/.test(text)) {
      try {
        doc = jsonOf(decodeURIComponent(text));
        encoding = 'url-encoded';
      } catch {
        doc = undefined;
      }
    }
    if (doc === undefined && text.includes('\\"')) {
      const unescaped = jsonOf(`"${text}"`);
      if (typeof unescaped === 'string') {
        doc = jsonOf(unescaped);
        encoding = 'escaped-json-string';
      }
    }
    if (doc === undefined) {
      ctx.note('error', path, `${what} is not JSON (nor URL-encoded or escaped JSON); it is skipped.`);
      return undefined;
    }
  } else {
    ctx.note('error', path, `${what} is ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value}, not a policy document; it is skipped.`);
    return undefined;
  }
  if (!isPolicyShaped(doc)) {
    ctx.note('error', path, `${what} has no Statement (an object or a list of objects); it is skipped.`);
    return undefined;
  }
  const version = doc['Version'];
  if (version === undefined) ctx.note('info', path, `${what} has no Version: policy variables such as \${aws:username} are not substituted in it, as in AWS.`);
  else if (typeof version !== 'string') {
    ctx.note('error', path, `${what} has a Version that is not a string; it is skipped.`);
    return undefined;
  }
  return { document: doc, encoding };
}

/**
 * AWS tags (`[{ "Key": "team", "Value": "payments" }]`) as a record. A key that would name an object's
 * prototype (`__proto__`) is skipped with a note.
 */
export function tagsOf(value: unknown, ctx: ImportContext, path: string): Record<string, string> {
  const out: Record<string, string> = {};
  list(value, ctx, path, 'Tags').forEach((t, i) => {
    if (!isObject(t)) return;
    const key = t['Key'];
    const v = t['Value'];
    if (typeof key !== 'string' || key.length === 0 || key.length > 128 || typeof v !== 'string' || v.length > 256) {
      ctx.note('warning', at(path, i), 'A tag without a string Key and Value is skipped.');
      return;
    }
    if (key === '__proto__') {
      ctx.note('warning', at(path, i), 'A tag named __proto__ is skipped.');
      return;
    }
    Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
  });
  return out;
}

/** Hints that do not come from the output itself: a bundle item's fields, or what a file name says. */
export interface Hints {
  readonly account?: string;
  readonly region?: string;
  /** The command's arguments as the collection script recorded them (`bucket`, `function-name`, `parent-id`, ...). */
  readonly args?: Readonly<Record<string, string>>;
  /** Where the hints came from, for notes: "the bundle item", "the file name". */
  readonly source: string;
}

/** Words a file name may carry that name the command, not the resource (`orders.queue-attributes.json`). */
const COMMAND_WORDS = /^(get-|describe-|list-)?(bucket-|key-|resource-|topic-|queue-|function-)?(policy|policies|attributes|event-bus|rest-api|authorization-details|output|aws)$/i;

/** Hints a file name can add: the rest of its name, an organization policy id, a parent, a KMS key id. */
export interface FileHints extends Hints {
  readonly stem?: string;
  readonly policyId?: string;
  readonly parentId?: string;
  readonly keyId?: string;
}

/**
 * What a file name tells: an account id (12 digits), a Region, an organization policy id (`p-…`), a parent
 * (`r-…` root or `ou-…` OU), a KMS key id, and the rest of the name (a bucket, function, table or API name).
 * Example: `111111111111.us-east-1.orders.json` → account 111111111111, Region us-east-1, name `orders`.
 */
export function hintsFromFileName(file: string): FileHints & { readonly stem: string } {
  const base = file.replace(/^.*[\\/]/, '').replace(/\.json$/i, '');
  const tokens = base.split(/[.\s]+|__/).filter(Boolean);
  let account: string | undefined;
  let region: string | undefined;
  let policyId: string | undefined;
  let parentId: string | undefined;
  let keyId: string | undefined;
  const rest: string[] = [];
  for (const t of tokens) {
    if (!account && ACCOUNT_ID_PATTERN.test(t)) account = t;
    else if (!region && REGION_PATTERN.test(t)) region = t;
    else if (!policyId && /^p-[0-9a-zA-Z_]{8,128}$/.test(t)) policyId = t;
    else if (!parentId && /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/.test(t)) parentId = t;
    else if (!keyId && /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/.test(t)) keyId = t;
    else if (!COMMAND_WORDS.test(t)) rest.push(t);
  }
  return {
    source: `the file name “${file}”`,
    stem: rest.join('.'),
    ...(account ? { account } : {}),
    ...(region ? { region } : {}),
    ...(policyId ? { policyId } : {}),
    ...(parentId ? { parentId } : {}),
    ...(keyId ? { keyId } : {}),
  };
}

/** Statements of a policy document as a list. */
export function statementsOf(doc: PolicyDocument): Json[] {
  const st = doc.Statement;
  return (Array.isArray(st) ? st : [st]) as Json[];
}

/** A string or list of strings from a policy element, as a list. */
export function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
