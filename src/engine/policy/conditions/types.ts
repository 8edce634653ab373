/** One base condition operator (without IfExists / ForAnyValue: / ForAllValues:). */
export interface BaseOperator {
  readonly name: string;
  /**
   * Negated operators (StringNotEquals, NotIpAddress, ...) are true when the request value matches none
   * of the policy values (IAM: "Creating a condition with multiple keys or values" — negated operators
   * evaluate the values as a NOR).
   */
  readonly negated: boolean;
  /** Whether policy variables are substituted in the policy values (string and ARN operators). */
  readonly variables: boolean;
  /** Whether policy values are wildcard patterns (StringLike, the Arn operators): substituted values stay literal. */
  readonly wildcards?: boolean;
  /** `true` when one request value matches one policy value (for negated operators: the un-negated test). */
  readonly test: (policyValue: string, requestValue: string) => boolean;
  /** Validates a policy value; returns a problem message for malformed numbers, dates or addresses. */
  readonly validate?: (policyValue: string) => string | undefined;
}
