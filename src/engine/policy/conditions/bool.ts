import type { BaseOperator } from './types';

/** Bool: compares "true"/"false" case-insensitively (IAM: Condition operators — Boolean). */
export const boolOperators: readonly BaseOperator[] = [
  {
    name: 'Bool',
    negated: false,
    variables: true,
    test: (p, v) => p.toLowerCase() === v.toLowerCase(),
    validate: (p) => (/^(true|false)$/i.test(p) || p.includes('${') ? undefined : `Bool expects "true" or "false", got "${p}"`),
  },
];
