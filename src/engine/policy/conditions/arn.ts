import { arnMatch } from '../wildcard';
import type { BaseOperator } from './types';

/**
 * ARN condition operators. ArnEquals and ArnLike behave alike: "Each of the six colon-delimited
 * components of the ARN is checked separately and each can include multi-character match wildcards (*)
 * or single-character match wildcards (?)" (IAM JSON policy elements: Condition operators — ARN).
 */
const test = (p: string, v: string): boolean => arnMatch(p, v);

export const arnOperators: readonly BaseOperator[] = [
  { name: 'ArnEquals', negated: false, variables: true, wildcards: true, test },
  { name: 'ArnLike', negated: false, variables: true, wildcards: true, test },
  { name: 'ArnNotEquals', negated: true, variables: true, wildcards: true, test },
  { name: 'ArnNotLike', negated: true, variables: true, wildcards: true, test },
];
