import type { PrincipalBlock } from './types';

/**
 * Principal matching for resource-based policies, trust policies, key policies and RCPs
 * (IAM JSON policy elements: Principal).
 */

/** Everything a `Principal` element can be compared with for one requester. */
export interface PrincipalIdentity {
  /** The requester's own ARN (user, role, root, role session) or service principal name. */
  readonly arn: string;
  readonly isService: boolean;
  readonly account?: string;
  /** For role sessions (and roles acting themselves): the role ARN. */
  readonly roleArn?: string;
  readonly hasPermissionsBoundary: boolean;
}

/**
 * How a statement's `Principal` named the requester. The kind matters for same-account evaluation
 * (Policy evaluation for requests within a single account):
 * - `direct`: the user or role-session ARN itself — the grant stands on its own;
 * - `wildcard`: `"*"` / `{"AWS": "*"}` — everyone, treated like a direct grant: "For IAM users and role
 *   principals within your account, no other permissions are required", and "permissions boundaries or
 *   session policies do not limit permissions granted using the aws:PrincipalArn condition key with a
 *   wildcard(*) in the Principal element" (IAM JSON policy elements: Principal — All principals, IAM role
 *   principals). The page states the aws:PrincipalArn form; a plain "*" is read the same way because the
 *   condition only narrows whom the wildcard admits (and "*" names the session's own ARN too) — an
 *   inference, labelled as such in the differential test's divergence classes;
 * - `role`: the role ARN for one of its sessions — still limited by the role's boundary and session policy;
 * - `account`: the account (`arn:aws:iam::ACCT:root` or the bare id) — delegates to the account's IAM
 *   policies, so an identity policy must also allow;
 * - `service`: an AWS service principal.
 */
export type PrincipalMatchKind = 'direct' | 'wildcard' | 'role' | 'account' | 'service';

const STRENGTH: Record<PrincipalMatchKind, number> = { direct: 4, wildcard: 4, service: 4, role: 2, account: 1 };

/** The stronger of two matches (a direct grant outranks a role grant, which outranks an account grant). */
export function strongerMatch(a: PrincipalMatchKind | undefined, b: PrincipalMatchKind): PrincipalMatchKind {
  return a === undefined || STRENGTH[b] > STRENGTH[a] ? b : a;
}

const ACCOUNT_ID = /^\d{12}$/;

const ROOT_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):root$/;

function accountOfRootArn(value: string): string | undefined {
  // arn:aws:iam::123456789012:root — the account principal. (Tested before matching: most values are not.)
  if (!value.endsWith(':root')) return undefined;
  const m = ROOT_ARN.exec(value);
  return m ? m[1] : undefined;
}

/**
 * Strings to look up: a short list as it is (a few comparisons beat hashing and take less memory), a long
 * one as a set.
 */
export type StringLookup = readonly string[] | ReadonlySet<string>;

const SHORT = 8;
const NO_STRINGS: readonly string[] = Object.freeze([]);

function lookupOf(list: readonly string[]): StringLookup {
  return list.length === 0 ? NO_STRINGS : list.length <= SHORT ? list : new Set(list);
}

function has(lookup: StringLookup, value: string): boolean {
  return Array.isArray(lookup) ? (lookup as readonly string[]).includes(value) : (lookup as ReadonlySet<string>).has(value);
}

/** A `Principal` block digested once: exact ARNs, accounts named (bare id or root ARN), services. */
export interface CompiledBlock {
  readonly wildcard: boolean;
  readonly arns: StringLookup;
  readonly accounts: StringLookup;
  /** Lower-cased. */
  readonly services: StringLookup;
}

const compiledBlocks = new WeakMap<object, CompiledBlock>();

/** Digests a block (callers keep the result: compiled statements hold theirs). */
export function digestBlock(block: Exclude<PrincipalBlock, '*'>): CompiledBlock {
  const aws = block.AWS ?? NO_STRINGS;
  let accounts: string[] | undefined;
  for (const v of aws) {
    const account = v.length === 12 && ACCOUNT_ID.test(v) ? v : accountOfRootArn(v);
    if (account !== undefined) {
      if (accounts === undefined) accounts = [account];
      else accounts.push(account);
    }
  }
  const service = block.Service ?? NO_STRINGS;
  return {
    wildcard: aws.includes('*'),
    arns: lookupOf(aws),
    accounts: accounts ? lookupOf(accounts.length === 1 ? accounts : accounts.slice()) : NO_STRINGS,
    services: lookupOf(service.every((v) => v === v.toLowerCase()) ? service : service.map((v) => v.toLowerCase())),
  };
}

/** `digestBlock`, cached per block object. */
export function compileBlock(block: Exclude<PrincipalBlock, '*'>): CompiledBlock {
  let c = compiledBlocks.get(block);
  if (!c) {
    c = digestBlock(block);
    compiledBlocks.set(block, c);
  }
  return c;
}

/**
 * How `block` names `id`, or `undefined` when it does not. Wildcards are not supported inside principal
 * ARNs ("You cannot use a wildcard to match part of a principal name or ARN").
 */
export function matchPrincipal(block: PrincipalBlock, id: PrincipalIdentity): PrincipalMatchKind | undefined {
  // "Principal": "*" and {"AWS": "*"} are equivalent: every principal (IAM JSON policy elements: Principal).
  if (block === '*') return 'wildcard';
  return matchCompiledBlock(compileBlock(block), id);
}

/** `matchPrincipal` for a block compiled ahead of time. */
export function matchCompiledBlock(c: CompiledBlock, id: PrincipalIdentity): PrincipalMatchKind | undefined {
  if (c.wildcard) return 'wildcard';
  if (id.isService) return has(c.services, id.arn.toLowerCase()) ? 'service' : undefined;
  if (has(c.arns, id.arn)) return id.roleArn === id.arn ? 'role' : 'direct';
  if (id.roleArn !== undefined && has(c.arns, id.roleArn)) return 'role';
  if (id.account !== undefined && has(c.accounts, id.account)) return 'account';
  return undefined;
}

/**
 * Whether a `NotPrincipal` block leaves `id` out of its statement.
 *
 * AWS may validate the account first, then the role, then the session, so a requester escapes a
 * `Deny` + `NotPrincipal` only when every link of its chain is listed: a user needs its ARN and its
 * account; a role session needs its session ARN, its role ARN and its account (IAM JSON policy elements:
 * NotPrincipal — "include both the ARN for a role and the ARN for the account containing that role").
 * The current page adds that a `Deny` with `NotPrincipal` always denies principals that have a
 * permissions boundary, whatever the element lists.
 */
export function excludedByNotPrincipal(block: PrincipalBlock, id: PrincipalIdentity, effect: 'Allow' | 'Deny'): boolean {
  if (block === '*') return true;
  if (effect === 'Deny' && id.hasPermissionsBoundary) return false;
  const aws = block.AWS ?? [];
  if (id.isService) {
    return (block.Service ?? []).some((s) => s.toLowerCase() === id.arn.toLowerCase()) || aws.includes('*');
  }
  if (aws.includes('*')) return true;
  const listsAccount = aws.some((v) => v === id.account || accountOfRootArn(v) === id.account);
  const listsSelf = aws.includes(id.arn);
  const listsRole = id.roleArn === undefined || id.roleArn === id.arn || aws.includes(id.roleArn);
  if (effect === 'Allow') {
    // For an Allow, be conservative: any listed link of the chain keeps the requester out of the grant.
    return listsSelf || (id.roleArn !== undefined && aws.includes(id.roleArn)) || listsAccount;
  }
  if (id.arn === `arn:aws:iam::${id.account}:root`) return listsAccount;
  return listsSelf && listsRole && listsAccount;
}

/** The principal types of a `Principal` map (IAM JSON policy elements: Principal). */
export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';

const AWS_PRINCIPAL_VALUE = /^(\d{12}|arn:aws[a-z-]*:iam::\d{12}:(root|user\/.+|role\/.+|federated-user\/.+)|arn:aws[a-z-]*:sts::\d{12}:(assumed-role\/[^/]+\/.+|federated-user\/.+))$/;
const FEDERATED_PRINCIPAL_VALUE = /^(arn:aws[a-z-]*:iam::\d{12}:(saml-provider|oidc-provider)\/.+|cognito-identity\.amazonaws\.com|accounts\.google\.com|graph\.facebook\.com|www\.amazon\.com)$/;
const SERVICE_PRINCIPAL_VALUE = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/;
const CANONICAL_USER_VALUE = /^[0-9a-f]{64}$/;

/**
 * Which key of a `Principal` map a value belongs under, as the IAM page lists them: account ids and IAM/STS
 * ARNs under `AWS`, identity providers under `Federated` (SAML/OIDC provider ARNs, cognito-identity.amazonaws.com,
 * accounts.google.com, graph.facebook.com, www.amazon.com), other `*.amazonaws.com` names under `Service`,
 * 64-hex canonical user ids under `CanonicalUser` (IAM JSON policy elements: Principal,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html). Undefined
 * when the value is none of these.
 */
export function principalTypeOf(value: string): PrincipalType | undefined {
  if (AWS_PRINCIPAL_VALUE.test(value)) return 'AWS';
  if (FEDERATED_PRINCIPAL_VALUE.test(value)) return 'Federated';
  if (SERVICE_PRINCIPAL_VALUE.test(value)) return 'Service';
  if (CANONICAL_USER_VALUE.test(value)) return 'CanonicalUser';
  return undefined;
}

/**
 * The object form of a `Principal` written as a plain string (or a list of strings) other than `"*"`:
 * `"arn:aws:iam::111122223333:user/x"` → `{"AWS": "arn:aws:iam::111122223333:user/x"}`. Undefined when the
 * values are not all of one recognisable principal type (then only the user can say what was meant).
 */
export function principalObjectFor(value: unknown): Partial<Record<PrincipalType, string | string[]>> | undefined {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
  if (!list || list.includes('*')) return undefined;
  const type = principalTypeOf(list[0] as string);
  if (type === undefined || list.some((v) => principalTypeOf(v) !== type)) return undefined;
  return { [type]: typeof value === 'string' ? value : list };
}

/** A principal map as one line of JSON, spaced as people write it: `{ "AWS": "arn:…" }`. */
export function principalJson(map: Partial<Record<PrincipalType, string | string[]>>): string {
  return JSON.stringify(map, null, 1).replace(/\n\s*/g, ' ');
}
