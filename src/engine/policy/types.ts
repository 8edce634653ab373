/**
 * The engine's normalized form of an IAM policy document.
 *
 * A raw document (exactly as AWS accepts it) is normalized once by `normalizePolicy` into this shape:
 * single values become arrays, `Statement` becomes an array, and every statement keeps its index and Sid
 * so explanations can point at it. Matching never looks at the raw JSON again.
 */

/** Which role a policy plays in an evaluation. */
export type PolicyKind =
  | 'identity'
  | 'boundary'
  | 'session'
  | 'resource'
  | 'trust'
  | 'key'
  | 'scp'
  | 'rcp';

/** Where a policy came from, so the UI can select the node and highlight the statement. */
export interface PolicySource {
  readonly kind: PolicyKind;
  /** Scenario node id (principal, resource, edge) or organization policy id that carries the policy. */
  readonly ownerId?: string;
  /** Human name: the identity policy's name, "Trust policy", "Bucket policy", the SCP's name, ... */
  readonly name: string;
  /** For SCPs/RCPs: the level the policy is attached to ("root", an OU id or an account id). */
  readonly target?: string;
  /**
   * An identity policy a user has as a member of a group (its owner is then the group, or the managed
   * policy attached to the group): the explanation says "via group Admins".
   */
  readonly via?: { readonly groupId: string; readonly groupName: string };
  /** A managed policy (its owner is the managed policy's id): its ARN and whether AWS manages it. */
  readonly managed?: { readonly arn: string; readonly aws: boolean };
}

/** The `Principal` / `NotPrincipal` element, normalized. `'*'` is the bare wildcard string form. */
export type PrincipalBlock =
  | '*'
  | {
      readonly AWS?: readonly string[];
      readonly Service?: readonly string[];
      readonly Federated?: readonly string[];
      readonly CanonicalUser?: readonly string[];
    };

/** One key of one condition operator: `"StringEquals": { "aws:SourceAccount": ["1", "2"] }`. */
export interface ConditionClause {
  /** The operator exactly as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** The condition key exactly as written, e.g. `aws:PrincipalTag/team`. */
  readonly key: string;
  /** The policy's values, always as strings (booleans and numbers are stringified as AWS does). */
  readonly values: readonly string[];
}

/** One normalized statement. Exactly one of action/notAction and (outside trust policies) one of resource/notResource. */
export interface Statement {
  /** Position in the document's `Statement` array (0 when `Statement` is a single object). */
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly principal?: PrincipalBlock;
  readonly notPrincipal?: PrincipalBlock;
  readonly conditions: readonly ConditionClause[];
  /**
   * A `Principal` / `NotPrincipal` element written in a form the policy grammar does not allow (anything but
   * `"*"` or an object: `"arn:aws:iam::111122223333:user/x"` as a plain string), kept as written (JSON) for
   * the explanation. Such an element names no one (the statement's `principal` / `notPrincipal` is absent).
   */
  readonly malformedPrincipal?: MalformedPrincipalElement;
}

/** A `Principal` or `NotPrincipal` element the grammar does not allow, as written. */
export interface MalformedPrincipalElement {
  readonly element: 'Principal' | 'NotPrincipal';
  /** The element's value in JSON (shortened past 300 characters). */
  readonly written: string;
  /** The value itself, for suggesting the object form. */
  readonly value: unknown;
}

/** A normalized policy document. */
export interface Policy {
  /** `Version` as written; policy variables are substituted only under `2012-10-17`. */
  readonly version?: string;
  readonly id?: string;
  readonly statements: readonly Statement[];
}

/** A normalized policy together with where it came from. */
export interface SourcedPolicy {
  readonly source: PolicySource;
  readonly policy: Policy;
}

/**
 * The request context: condition keys to values. Keys are looked up case-insensitively (AWS condition key
 * names are case-insensitive). A multivalued key has several values; a single-valued key has one. An absent
 * key returns `undefined`.
 */
export interface RequestContext {
  get(key: string): readonly string[] | undefined;
  /** Every key present, with its canonical (as given) spelling. */
  keys(): readonly string[];
}
