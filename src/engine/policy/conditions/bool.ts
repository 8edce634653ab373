import type { BaseOperator } from './types';

/**
 * Bool: compares "true"/"false" case-insensitively (IAM: Condition operators — Boolean). Policy variables are
 * not substituted here: "You can't use a policy variable with other operators, such as Numeric, Date,
 * Boolean, Binary, IP Address, or Null operators" (IAM policy elements: Variables and tags), so a value such
 * as `${aws:PrincipalTag/tls}` stays literal text and never equals "true" or "false".
 */
export const boolOperators: readonly BaseOperator[] = [
  {
    name: 'Bool',
    negated: false,
    variables: false,
    test: (p, v) => p.toLowerCase() === v.toLowerCase(),
    validate: (p) => (/^(true|false)$/i.test(p) ? undefined : `Bool expects "true" or "false", got "${p}"`),
  },
];
