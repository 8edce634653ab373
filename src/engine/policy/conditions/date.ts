import type { BaseOperator } from './types';

/**
 * Date condition operators (IAM: Condition operators — Date): values are ISO 8601 dates/times or epoch
 * (UNIX) seconds. A malformed date never matches.
 */
export function parseDate(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(t)) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

function compare(cmp: (a: number, b: number) => boolean) {
  return (p: string, v: string): boolean => {
    const a = parseDate(v);
    const b = parseDate(p);
    return a !== undefined && b !== undefined && cmp(a, b);
  };
}
const validate = (p: string): string | undefined => (parseDate(p) === undefined ? `"${p}" is not an ISO 8601 date or epoch time` : undefined);

export const dateOperators: readonly BaseOperator[] = [
  { name: 'DateEquals', negated: false, variables: false, test: compare((a, b) => a === b), validate },
  { name: 'DateNotEquals', negated: true, variables: false, test: compare((a, b) => a === b), validate },
  { name: 'DateLessThan', negated: false, variables: false, test: compare((a, b) => a < b), validate },
  { name: 'DateLessThanEquals', negated: false, variables: false, test: compare((a, b) => a <= b), validate },
  { name: 'DateGreaterThan', negated: false, variables: false, test: compare((a, b) => a > b), validate },
  { name: 'DateGreaterThanEquals', negated: false, variables: false, test: compare((a, b) => a >= b), validate },
];
