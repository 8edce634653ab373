import { principalArn, resourceArn } from './arn';
import { RESOURCE_TYPES } from './resourceTypes';
import type { Scenario } from './schema';

/**
 * Finding entities in a large scenario, for choosing what to draw: every account, principal and resource as
 * a row with what a search looks at (name, ARN, account, type, tags), and a query language small enough to
 * type: words match anywhere; `type:role`, `account:prod` (a name or id), `tag:team=payments` (or
 * `tag:team`) and `arn:…` narrow. Pure: the picker calls it on every keystroke.
 */

export type FindKind = 'account' | 'principal' | 'resource';

export interface FindRow {
  readonly id: string;
  readonly kind: FindKind;
  /** `iam-role`, `s3-bucket`, `account`, ... */
  readonly type: string;
  /** "IAM role", "S3 bucket", "AWS account". */
  readonly typeLabel: string;
  readonly name: string;
  readonly arn: string;
  readonly accountId?: string;
  readonly accountName?: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Everything the free words search, lower-cased. */
  readonly text: string;
}

const PRINCIPAL_LABEL: Record<string, string> = { 'iam-user': 'IAM user', 'iam-role': 'IAM role', 'account-root': 'Root user', service: 'Service principal' };

/** Short words a `type:` filter accepts, besides the type ids themselves. */
const TYPE_WORDS: Readonly<Record<string, readonly string[]>> = {
  user: ['iam-user'],
  role: ['iam-role'],
  root: ['account-root'],
  service: ['service'],
  principal: ['iam-user', 'iam-role', 'account-root', 'service'],
  resource: Object.keys(RESOURCE_TYPES),
  account: ['account'],
  bucket: ['s3-bucket'],
  topic: ['sns-topic'],
  queue: ['sqs-queue'],
  function: ['lambda-function'],
  lambda: ['lambda-function'],
  api: ['apigateway-rest-api'],
  bus: ['events-bus'],
  table: ['dynamodb-table'],
  key: ['kms-key'],
  kms: ['kms-key'],
};

/** One row per account, principal and resource. */
export function findRows(s: Scenario): FindRow[] {
  const accountName = new Map(s.accounts.map((a) => [a.id, a.name]));
  const row = (r: Omit<FindRow, 'text'>): FindRow => ({
    ...r,
    text: [r.name, r.arn, r.type, r.typeLabel, r.accountId ?? '', r.accountName ?? '', ...Object.entries(r.tags).map(([k, v]) => `${k}=${v}`)].join('\n').toLowerCase(),
  });
  const rows: FindRow[] = s.accounts.map((a) => row({ id: a.id, kind: 'account', type: 'account', typeLabel: 'AWS account', name: a.name, arn: `arn:aws:iam::${a.id}:root`, accountId: a.id, accountName: a.name, tags: {} }));
  for (const p of s.principals) {
    const accountId = p.type === 'service' ? undefined : p.accountId;
    rows.push(
      row({
        id: p.id,
        kind: 'principal',
        type: p.type,
        typeLabel: PRINCIPAL_LABEL[p.type] ?? p.type,
        name: p.type === 'service' ? p.name || p.service : p.name,
        arn: principalArn(p),
        ...(accountId ? { accountId, ...(accountName.has(accountId) ? { accountName: accountName.get(accountId) as string } : {}) } : {}),
        tags: p.tags,
      }),
    );
  }
  for (const r of s.resources) {
    rows.push(row({ id: r.id, kind: 'resource', type: r.type, typeLabel: RESOURCE_TYPES[r.type].label, name: r.name, arn: resourceArn(r), accountId: r.accountId, ...(accountName.has(r.accountId) ? { accountName: accountName.get(r.accountId) as string } : {}), tags: {} }));
  }
  return rows;
}

/** A parsed query: free words (all must match) and filters. */
export interface FindQuery {
  readonly words: readonly string[];
  readonly types?: ReadonlySet<string>;
  readonly accounts: readonly string[];
  readonly tags: readonly { readonly key: string; readonly value?: string }[];
  readonly arns: readonly string[];
  /** Filters the query could not read (`type:spaceship`), for the picker to say so. */
  readonly unknown: readonly string[];
}

/** Reads a query typed in the picker. */
export function parseFindQuery(text: string): FindQuery {
  const words: string[] = [];
  const accounts: string[] = [];
  const tags: { key: string; value?: string }[] = [];
  const arns: string[] = [];
  const unknown: string[] = [];
  let types: Set<string> | undefined;
  for (const token of text.trim().split(/\s+/).filter(Boolean)) {
    const m = /^(type|account|tag|arn):(.*)$/i.exec(token);
    if (!m) {
      words.push(token.toLowerCase());
      continue;
    }
    const [, key = '', value = ''] = m;
    const v = value.toLowerCase();
    switch (key.toLowerCase()) {
      case 'type': {
        const ids = TYPE_WORDS[v] ?? (v in RESOURCE_TYPES || v in PRINCIPAL_LABEL || v === 'account' ? [v] : undefined);
        if (!ids) unknown.push(token);
        else types = new Set([...(types ?? []), ...ids]);
        break;
      }
      case 'account':
        if (v) accounts.push(v);
        break;
      case 'tag': {
        const [k = '', tv] = value.split('=');
        if (k) tags.push({ key: k.toLowerCase(), ...(tv !== undefined ? { value: tv.toLowerCase() } : {}) });
        break;
      }
      default:
        if (v) arns.push(v);
    }
  }
  return { words, ...(types ? { types } : {}), accounts, tags, arns, unknown };
}

/** Whether a row matches a query. */
export function matchesFind(row: FindRow, q: FindQuery): boolean {
  if (q.types && !q.types.has(row.type)) return false;
  for (const a of q.accounts) if (!(row.accountId?.includes(a) || row.accountName?.toLowerCase().includes(a))) return false;
  for (const t of q.tags) {
    const hit = Object.entries(row.tags).some(([k, v]) => k.toLowerCase() === t.key && (t.value === undefined || v.toLowerCase() === t.value));
    if (!hit) return false;
  }
  for (const a of q.arns) if (!row.arn.toLowerCase().includes(a)) return false;
  for (const w of q.words) if (!row.text.includes(w)) return false;
  return true;
}
