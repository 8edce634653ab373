import type { BaseOperator } from './types';

/** Numeric condition operators (IAM: Condition operators — Numeric). A malformed number never matches. */
function num(text: string): number | undefined {
  if (!/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text)) return undefined;
  return Number(text);
}

function compare(cmp: (a: number, b: number) => boolean) {
  return (p: string, v: string): boolean => {
    const a = num(v);
    const b = num(p);
    return a !== undefined && b !== undefined && cmp(a, b);
  };
}
const validate = (p: string): string | undefined => (num(p) === undefined ? `"${p}" is not a number` : undefined);

export const numericOperators: readonly BaseOperator[] = [
  { name: 'NumericEquals', negated: false, variables: false, test: compare((a, b) => a === b), validate },
  { name: 'NumericNotEquals', negated: true, variables: false, test: compare((a, b) => a === b), validate },
  { name: 'NumericLessThan', negated: false, variables: false, test: compare((a, b) => a < b), validate },
  { name: 'NumericLessThanEquals', negated: false, variables: false, test: compare((a, b) => a <= b), validate },
  { name: 'NumericGreaterThan', negated: false, variables: false, test: compare((a, b) => a > b), validate },
  { name: 'NumericGreaterThanEquals', negated: false, variables: false, test: compare((a, b) => a >= b), validate },
];
