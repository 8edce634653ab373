import { compileWildcard } from '../wildcard';
import type { BaseOperator } from './types';

/** String condition operators (IAM JSON policy elements: Condition operators — "String condition operators"). */
const equals = (p: string, v: string): boolean => p === v;
const equalsIgnoreCase = (p: string, v: string): boolean => p.length === v.length && p.toLowerCase() === v.toLowerCase();
// StringLike: "*" matches any run of characters, colons included; "?" one character. Case-sensitive.
const like = (p: string, v: string): boolean => compileWildcard(p)(v);

export const stringOperators: readonly BaseOperator[] = [
  { name: 'StringEquals', negated: false, variables: true, test: equals },
  { name: 'StringNotEquals', negated: true, variables: true, test: equals },
  { name: 'StringEqualsIgnoreCase', negated: false, variables: true, test: equalsIgnoreCase },
  { name: 'StringNotEqualsIgnoreCase', negated: true, variables: true, test: equalsIgnoreCase },
  { name: 'StringLike', negated: false, variables: true, wildcards: true, test: like },
  { name: 'StringNotLike', negated: true, variables: true, wildcards: true, test: like },
];
