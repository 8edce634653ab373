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
 *   principals);
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

function accountOfRootArn(value: string): string | undefined {
  // arn:aws:iam::123456789012:root — the account principal.
  const m = /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(value);
  return m ? m[1] : undefined;
}

/** A `Principal` block digested once: exact ARNs, accounts named (bare id or root ARN), services. */
export interface CompiledBlock {
  readonly wildcard: boolean;
  readonly arns: ReadonlySet<string>;
  readonly accounts: ReadonlySet<string>;
  readonly services: ReadonlySet<string>;
}

const compiledBlocks = new WeakMap<object, CompiledBlock>();

export function compileBlock(block: Exclude<PrincipalBlock, '*'>): CompiledBlock {
  let c = compiledBlocks.get(block);
  if (!c) {
    const aws = block.AWS ?? [];
    const accounts = new Set<string>();
    for (const v of aws) {
      const account = ACCOUNT_ID.test(v) ? v : accountOfRootArn(v);
      if (account !== undefined) accounts.add(account);
    }
    c = {
      wildcard: aws.includes('*'),
      arns: new Set(aws),
      accounts,
      services: new Set((block.Service ?? []).map((v) => v.toLowerCase())),
    };
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
  if (id.isService) return c.services.has(id.arn.toLowerCase()) ? 'service' : undefined;
  if (c.arns.has(id.arn)) return id.roleArn === id.arn ? 'role' : 'direct';
  if (id.roleArn !== undefined && c.arns.has(id.roleArn)) return 'role';
  if (id.account !== undefined && c.accounts.has(id.account)) return 'account';
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
