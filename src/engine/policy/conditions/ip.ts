import type { BaseOperator } from './types';

/**
 * IP address operators (IAM: Condition operators — IP address): IPv4 or IPv6 addresses or CIDR ranges;
 * a bare address is a single host (/32 or /128).
 */
function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIPv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups.
  const expand = (list: string[]): string[] | undefined => {
    const last = list[list.length - 1];
    if (last && last.includes('.')) {
      const v4 = parseIPv4(last);
      if (v4 === undefined) return undefined;
      return [...list.slice(0, -1), ((v4 >> 16n) & 0xffffn).toString(16), (v4 & 0xffffn).toString(16)];
    }
    return list;
  };
  const h = halves.length === 2 ? head : expand(head);
  const t = expand(tail);
  if (!h || !t) return undefined;
  const missing = 8 - h.length - t.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const all = [...h, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...t];
  let value = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  return value;
}

interface Address {
  readonly bits: 32 | 128;
  readonly value: bigint;
}

function parseAddress(text: string): Address | undefined {
  const v4 = parseIPv4(text);
  if (v4 !== undefined) return { bits: 32, value: v4 };
  const v6 = parseIPv6(text);
  return v6 !== undefined ? { bits: 128, value: v6 } : undefined;
}

interface Range extends Address {
  readonly prefix: number;
  /** The address with its host bits shifted out, and the shift (for comparing an address in one step). */
  readonly shift: bigint;
  readonly network: bigint;
}

const rangeCache = new Map<string, Range | null>();

export function parseCidr(text: string): Range | undefined {
  const hit = rangeCache.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const [addr = '', prefixText] = text.trim().split('/');
  const a = parseAddress(addr);
  let result: Range | undefined;
  if (a) {
    const prefix = prefixText === undefined ? a.bits : /^\d+$/.test(prefixText) ? Number(prefixText) : -1;
    if (prefix >= 0 && prefix <= a.bits) {
      const shift = BigInt(a.bits - prefix);
      result = { ...a, prefix, shift, network: a.value >> shift };
    }
  }
  if (rangeCache.size > 10_000) rangeCache.clear();
  rangeCache.set(text, result ?? null);
  return result;
}

/** Request addresses, parsed once: the same address is compared with many policies' ranges. */
const addressCache = new Map<string, Address | null>();

function requestAddress(text: string): Address | undefined {
  const hit = addressCache.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const a = parseAddress(text.trim());
  if (addressCache.size > 10_000) addressCache.clear();
  addressCache.set(text, a ?? null);
  return a;
}

function inRange(p: string, v: string): boolean {
  const range = parseCidr(p);
  const addr = requestAddress(v);
  if (!range || !addr || range.bits !== addr.bits) return false;
  return range.network === addr.value >> range.shift;
}

const validate = (p: string): string | undefined => (parseCidr(p) ? undefined : `"${p}" is not an IP address or CIDR range`);

export const ipOperators: readonly BaseOperator[] = [
  { name: 'IpAddress', negated: false, variables: false, test: inRange, validate },
  { name: 'NotIpAddress', negated: true, variables: false, test: inRange, validate },
];
