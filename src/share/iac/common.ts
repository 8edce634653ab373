import { type Account, type IamGroup, type ManagedPolicy, type OrgPolicy, type Principal, type Resource, type Scenario, type EventRule } from '../../model';

/**
 * What the Terraform and CloudFormation exports share: the scenario cut into one part per account, the
 * names each part gives its entities, and what cannot be written (and why), said in the file itself.
 */

/** One exported file: its path inside the download and its text. */
export interface ExportedFile {
  readonly path: string;
  readonly text: string;
}

/** The result of an export: the files, and what was left out, by entity, for the person reviewing. */
export interface IacExport {
  readonly files: readonly ExportedFile[];
  readonly leftOut: readonly string[];
}

/** What one account holds. */
export interface AccountPart {
  readonly account: Account;
  readonly roles: readonly (Principal & { type: 'iam-role' })[];
  readonly users: readonly (Principal & { type: 'iam-user' })[];
  readonly groups: readonly IamGroup[];
  readonly managedPolicies: readonly ManagedPolicy[];
  readonly resources: readonly Resource[];
  readonly rules: readonly EventRule[];
  /** SCPs and RCPs, written in the organization's management account. */
  readonly orgPolicies: readonly OrgPolicy[];
}

/** The scenario by account, in the scenario's account order. Organization policies go to their management account. */
export function accountParts(s: Scenario): AccountPart[] {
  const busAccount = new Map(s.resources.filter((r) => r.type === 'events-bus').map((r) => [r.id, r.accountId]));
  return s.accounts.map((account) => ({
    account,
    roles: s.principals.filter((p): p is Principal & { type: 'iam-role' } => p.type === 'iam-role' && p.accountId === account.id),
    users: s.principals.filter((p): p is Principal & { type: 'iam-user' } => p.type === 'iam-user' && p.accountId === account.id),
    groups: s.groups.filter((g) => g.accountId === account.id),
    managedPolicies: s.managedPolicies.filter((m) => m.accountId === account.id),
    resources: s.resources.filter((r) => r.accountId === account.id),
    rules: s.rules.filter((r) => busAccount.get(r.busId) === account.id),
    orgPolicies: s.organizations.filter((o) => o.managementAccountId === account.id).flatMap((o) => o.policies),
  }));
}

/** A file-name-safe slug of an account: `111111111111-account-a`. */
export function accountSlug(a: Account): string {
  const name = a.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return name ? `${a.id}-${name}` : a.id;
}

/** Unique identifiers for one file (Terraform resource names, CloudFormation logical ids) from entity names. */
export class Names {
  private readonly used = new Set<string>();
  private readonly byKey = new Map<string, string>();
  constructor(private readonly style: 'snake' | 'pascal') {}
  /** The identifier for `key` (made once from `hint`). */
  get(key: string, hint: string): string {
    const known = this.byKey.get(key);
    if (known) return known;
    const words = hint.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).filter(Boolean);
    let base = this.style === 'snake' ? words.map((w) => w.toLowerCase()).join('_') : words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
    if (!base || /^[0-9]/.test(base)) base = this.style === 'snake' ? `r_${base}` : `R${base}`;
    base = base.slice(0, 60);
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}${this.style === 'snake' ? '_' : ''}${i}`;
    this.used.add(name);
    this.byKey.set(key, name);
    return name;
  }
}

/** A statement list of a document. */
export function statements(doc: { Statement: unknown }): Record<string, unknown>[] {
  return (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) as Record<string, unknown>[];
}

/** A Lambda policy statement as the fields of one Lambda permission, when it is one (AddPermission can write it back). */
export function asLambdaPermission(st: Record<string, unknown>): { principal: string; action: string; sourceArn?: string; sourceAccount?: string; principalOrgId?: string; sid?: string } | undefined {
  if (st['Effect'] !== 'Allow' || typeof st['Action'] !== 'string' || 'NotAction' in st || 'NotPrincipal' in st || 'NotResource' in st) return undefined;
  const p = st['Principal'];
  let principal: string | undefined;
  if (p === '*') principal = '*';
  else if (typeof p === 'object' && p !== null) {
    const entries = Object.entries(p as Record<string, unknown>);
    const [kind, value] = entries[0] ?? [];
    if (entries.length !== 1 || typeof value !== 'string') return undefined;
    if (kind === 'Service') principal = value;
    else if (kind === 'AWS') principal = /^arn:aws:iam::(\d{12}):root$/.exec(value)?.[1] ?? value;
  }
  if (!principal) return undefined;
  const out: { principal: string; action: string; sourceArn?: string; sourceAccount?: string; principalOrgId?: string; sid?: string } = { principal, action: st['Action'] };
  if (typeof st['Sid'] === 'string') out.sid = st['Sid'];
  const c = st['Condition'];
  if (c !== undefined) {
    if (typeof c !== 'object' || c === null) return undefined;
    for (const [op, block] of Object.entries(c as Record<string, unknown>)) {
      if (typeof block !== 'object' || block === null) return undefined;
      for (const [key, v] of Object.entries(block as Record<string, unknown>)) {
        if (typeof v !== 'string') return undefined;
        const k = key.toLowerCase();
        if ((op === 'ArnLike' || op === 'ArnEquals') && k === 'aws:sourcearn') out.sourceArn = v;
        else if (op === 'StringEquals' && k === 'aws:sourceaccount') out.sourceAccount = v;
        else if (op === 'StringEquals' && k === 'aws:principalorgid') out.principalOrgId = v;
        else return undefined;
      }
    }
  }
  return out;
}
