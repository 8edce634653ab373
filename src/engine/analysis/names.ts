import type { PolicyDocument, Scenario } from '../../model';
import { normalizePolicy } from '../policy/normalize';
import type { PrincipalBlock, Statement } from '../policy/types';

/**
 * Who the policies of a scenario name: the accounts, principal ARNs, organizations and services they let
 * in or speak of. These become the analysis's outsiders — principals that may exist although nobody drew
 * them. IAM Access Analyzer reports access to "another AWS account, a root user, an IAM user or role, a
 * federated user, an AWS service, or an anonymous user" (IAM Access Analyzer API Reference, Welcome:
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/Welcome.html).
 */

export interface NamedInPolicies {
  /** 12-digit accounts named as a principal, in a principal-account or source-account condition, or inside an ARN. */
  readonly accounts: ReadonlySet<string>;
  /** IAM user, role and role-session ARNs named in a Principal element (not account roots). */
  readonly principalArns: ReadonlySet<string>;
  /** Organization ids named in aws:PrincipalOrgID / aws:PrincipalOrgPaths. */
  readonly organizations: ReadonlySet<string>;
  /** Service principals (lower-cased) → the source accounts named beside them (aws:SourceAccount, the account of aws:SourceArn). */
  readonly services: ReadonlyMap<string, ReadonlySet<string>>;
  /** Some statement names everyone (`"*"`, `{"AWS": "*"}`) or uses NotPrincipal in an Allow. */
  readonly everyone: boolean;
}

const ACCOUNT = /^\d{12}$/;
/** The account of an ARN (`arn:aws:iam::111111111111:root` → 111111111111), if it has one. */
export function accountOfArn(arn: string): string | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  const parts = arn.split(':');
  const account = parts[4];
  return account !== undefined && ACCOUNT.test(account) ? account : undefined;
}

const PRINCIPAL_ARN = /^arn:aws[a-z-]*:(iam::\d{12}:(user|role)\/.+|sts::\d{12}:assumed-role\/[^/]+\/.+)$/;
const ORG_ID = /^o-[a-z0-9]{10,32}$/;

/** Condition keys whose values name accounts (lower-cased). */
const ACCOUNT_KEYS: ReadonlySet<string> = new Set(['aws:principalaccount', 'aws:sourceaccount', 'aws:sourceowner', 'kms:calleraccount']);
/** Condition keys whose values are ARNs that may carry an account (lower-cased). */
const ARN_KEYS: ReadonlySet<string> = new Set(['aws:principalarn', 'aws:sourcearn']);
const SOURCE_ACCOUNT_KEYS: ReadonlySet<string> = new Set(['aws:sourceaccount', 'aws:sourceowner']);

const hasWildcard = (v: string): boolean => v.includes('*') || v.includes('?') || v.includes('${');

/** Every policy document of a scenario: identity (inline, group and managed), boundary, trust, resource and organization policies. */
export function scenarioPolicies(scenario: Scenario): PolicyDocument[] {
  const docs: PolicyDocument[] = [];
  for (const p of scenario.principals) {
    if (p.type === 'iam-user' || p.type === 'iam-role') {
      for (const np of p.policies) docs.push(np.document);
      if (p.permissionsBoundary) docs.push(p.permissionsBoundary);
      if (p.type === 'iam-role') docs.push(p.trustPolicy);
    }
  }
  // Group policies and managed policies are identity policies of their members and attachees.
  for (const g of scenario.groups) for (const np of g.policies) docs.push(np.document);
  for (const m of scenario.managedPolicies) docs.push(m.document);
  for (const r of scenario.resources) if (r.policy) docs.push(r.policy);
  for (const o of scenario.organizations) for (const op of o.policies) docs.push(op.document);
  return docs;
}

function collectBlock(block: PrincipalBlock, out: Mutable, statement: Statement): void {
  if (block === '*') {
    out.everyone = true;
    return;
  }
  for (const v of block.AWS ?? []) {
    if (v === '*') out.everyone = true;
    else if (ACCOUNT.test(v)) out.accounts.add(v);
    else {
      const account = accountOfArn(v);
      if (account !== undefined) out.accounts.add(account);
      if (PRINCIPAL_ARN.test(v)) out.principalArns.add(v);
    }
  }
  for (const s of block.Service ?? []) {
    const name = s.toLowerCase();
    let sources = out.services.get(name);
    if (!sources) {
      sources = new Set();
      out.services.set(name, sources);
    }
    for (const account of sourceAccounts(statement)) sources.add(account);
  }
}

/** The source accounts a statement's conditions name (aws:SourceAccount, aws:SourceOwner, the account of aws:SourceArn). */
function sourceAccounts(statement: Statement): string[] {
  const out: string[] = [];
  for (const c of statement.conditions) {
    const key = c.key.toLowerCase();
    for (const v of c.values) {
      if (SOURCE_ACCOUNT_KEYS.has(key) && ACCOUNT.test(v)) out.push(v);
      else if (key === 'aws:sourcearn') {
        const account = accountOfArn(v);
        if (account !== undefined) out.push(account);
      }
    }
  }
  return out;
}

interface Mutable {
  accounts: Set<string>;
  principalArns: Set<string>;
  organizations: Set<string>;
  services: Map<string, Set<string>>;
  everyone: boolean;
}

/** Collects who the scenario's policies name. */
export function namedInPolicies(scenario: Scenario): NamedInPolicies {
  const out: Mutable = { accounts: new Set(), principalArns: new Set(), organizations: new Set(), services: new Map(), everyone: false };
  for (const doc of scenarioPolicies(scenario)) {
    for (const st of normalizePolicy(doc).policy.statements) {
      if (st.principal) collectBlock(st.principal, out, st);
      // An Allow with NotPrincipal admits everyone it does not list.
      if (st.notPrincipal && st.effect === 'Allow') out.everyone = true;
      for (const c of st.conditions) {
        const key = c.key.toLowerCase();
        for (const v of c.values) {
          if (ACCOUNT_KEYS.has(key) && ACCOUNT.test(v)) out.accounts.add(v);
          else if (ARN_KEYS.has(key) && !v.includes('${')) {
            const account = accountOfArn(v);
            if (account !== undefined) out.accounts.add(account);
          } else if (key === 'aws:principalorgid' && ORG_ID.test(v)) out.organizations.add(v);
          else if (key === 'aws:principalorgpaths') {
            const org = v.split('/')[0] ?? '';
            if (ORG_ID.test(org) && !hasWildcard(org)) out.organizations.add(org);
          }
        }
      }
    }
  }
  return out;
}
