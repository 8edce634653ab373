import type { BaseOperator } from './types';

/** BinaryEquals compares base64-encoded values byte for byte (IAM: Condition operators — Binary). */
export const binaryOperators: readonly BaseOperator[] = [
  { name: 'BinaryEquals', negated: false, variables: false, test: (p, v) => p.replace(/=+$/, '') === v.replace(/=+$/, '') },
];
