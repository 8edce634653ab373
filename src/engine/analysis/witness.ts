import { createContext } from '../policy/context';
import { conditionMatches } from '../policy/conditions';
import type { ConditionClause } from '../policy/types';

/**
 * Values for a request's condition keys that make one condition clause come out as wanted — the requests
 * the analysis tries when the keys it knows are not enough. "Can alice reach the bucket?" means "is there
 * a request alice can make that AWS allows?": a statement that needs MFA, an external id or HTTPS is
 * satisfied by a request that presents them, and a Deny that applies only without MFA is escaped by one
 * that has it. Each candidate is checked with the engine's own condition operators (`conditionMatches`),
 * and the request built from the chosen values is then decided by the engine like any other: a value
 * chosen here never decides anything by itself.
 */

/** What to do with a key: set these values, or leave it out of the request. */
export type KeyChoice = { readonly values: readonly string[] } | 'absent';

const GENERIC = 'crossaccount-other';
/** Documentation addresses (RFC 5737), tried for IP address conditions. */
const TEST_ADDRESSES = ['192.0.2.10', '198.51.100.10', '203.0.113.10', '2001:db8::10'];

/** A wildcard pattern made concrete: each `*` and `?` becomes `x` (a value the pattern matches). */
export function concrete(pattern: string): string {
  return pattern.replace(/[*?]/g, 'x');
}

function numberNeighbours(value: string): string[] {
  const n = Number(value);
  return Number.isFinite(n) ? [value, String(n - 1), String(n + 1)] : [];
}

function dateNeighbours(value: string): string[] {
  const epoch = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  if (!Number.isFinite(epoch)) return [];
  return [value, new Date(epoch - 1000).toISOString(), new Date(epoch + 1000).toISOString()];
}

function networkAddress(value: string): string {
  return value.split('/')[0] ?? value;
}

/** Candidate values for a clause's key, most natural first. */
function candidates(clause: ConditionClause): string[] {
  const out: string[] = [];
  const op = clause.operator.toLowerCase();
  for (const v of clause.values) {
    if (v.includes('${')) continue;
    if (op.includes('bool')) out.push(v.toLowerCase() === 'true' ? 'true' : 'false', v.toLowerCase() === 'true' ? 'false' : 'true');
    else if (op.includes('numeric')) out.push(...numberNeighbours(v));
    else if (op.includes('date')) out.push(...dateNeighbours(v));
    else if (op.includes('ipaddress')) out.push(networkAddress(v));
    else out.push(concrete(v));
  }
  if (op.includes('bool') || op === 'null') out.push('true', 'false');
  if (op.includes('ipaddress')) out.push(...TEST_ADDRESSES);
  out.push(GENERIC);
  return [...new Set(out)];
}

function holds(clause: ConditionClause, values: readonly string[] | undefined): boolean {
  const key = clause.key;
  return conditionMatches(clause, createContext(values === undefined ? {} : { [key]: values }), false);
}

/**
 * A choice for the clause's key that makes the clause `want` (true: satisfied; false: not satisfied), or
 * `undefined` when none of the candidates does. `allow` filters (and may rewrite) candidate values — an
 * outsider's `aws:PrincipalArn` must stay in its own account, a service's `aws:SourceArn` in its source
 * account — and says whether leaving the key out is possible (keys every request of that principal carries
 * cannot be absent).
 */
export function choose(clause: ConditionClause, want: boolean, allow: (value: string) => string | undefined = (v) => v, canBeAbsent = true): KeyChoice | undefined {
  const tryAbsent = (): KeyChoice | undefined => (canBeAbsent && holds(clause, undefined) === want ? 'absent' : undefined);
  // To escape a condition, leaving an optional key out is the most natural request; to meet one, a value.
  if (!want) {
    const absent = tryAbsent();
    if (absent) return absent;
  }
  for (const raw of candidates(clause)) {
    const value = allow(raw);
    if (value === undefined) continue;
    if (holds(clause, [value]) === want) return { values: [value] };
  }
  return want ? tryAbsent() : undefined;
}
