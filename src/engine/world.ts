import type { SourcedPolicy } from './policy/types';
import type { RawContext } from './policy/context';
import type { RequestContext } from './policy/types';
import type { PrincipalIdentity } from './policy/principal';

/**
 * The engine's view of the world: principals, resources and organizations addressed by ARN. The scenario
 * model and the conformance case format are both translated into a `World`; the evaluator never sees
 * either of them.
 */

/** Principal types the evaluator distinguishes. `assumed-role` is a role session. */
export type PrincipalType = 'user' | 'role' | 'root' | 'service' | 'assumed-role';

export interface PrincipalEntity {
  /** IAM/STS ARN, or the service principal name (`events.amazonaws.com`). */
  readonly arn: string;
  readonly type: PrincipalType;
  /** Owning account; absent for service principals. */
  readonly account?: string;
  /** Display name for explanations (user name, role name, session name, service). */
  readonly label: string;
  /** Scenario node id, when the principal is drawn. */
  readonly nodeId?: string;
  readonly identityPolicies: readonly SourcedPolicy[];
  readonly permissionsBoundary?: SourcedPolicy;
  readonly trustPolicy?: SourcedPolicy;
  readonly tags: Readonly<Record<string, string>>;
  /** For role sessions: the role's ARN. */
  readonly roleArn?: string;
  /**
   * What principal matching needs of it, made once with the entity (`principalEntity`): deciding a
   * request reads it instead of building one.
   */
  readonly identity: PrincipalIdentity;
  /**
   * A service-linked role or one of its sessions (its role's path is /aws-service-role/): SCPs and RCPs do
   * not affect it (see `isServiceLinkedRole`). Worked out once with the entity.
   */
  readonly serviceLinked: boolean;
}

/** What describes a principal; `principalEntity` adds what is derived from it (`identity`, `serviceLinked`). */
export type PrincipalEntityInput = Omit<PrincipalEntity, 'identity' | 'serviceLinked'>;

/** How the resource's own policy is called in explanations and which AWS exception applies. */
export type ResourcePolicyFlavor = 'resource' | 'trust' | 'key';

export interface ResourceEntity {
  readonly arn: string;
  /** The conformance TYPE or the scenario resource type (`s3-bucket`, `iam-role`, `kms-key`, ...). */
  readonly type: string;
  readonly account?: string;
  readonly label: string;
  readonly nodeId?: string;
  readonly resourcePolicy?: SourcedPolicy;
  /** What the resource policy is: a trust policy (roles), a key policy (KMS) or a plain resource policy. */
  readonly flavor: ResourcePolicyFlavor;
  /** What the UI calls the policy: "Bucket policy", "Trust policy", "Key policy", ... */
  readonly policyName: string;
  /**
   * The resource that carries the policy, when it is not this one: the bucket of an S3 object, the API of
   * a stage/method/path. A bucket policy is attached to the bucket, an API's resource policy to the API.
   */
  readonly policyOwnerLabel?: string;
}

/** One attachment point of an SCP or RCP: the organization root, an OU, or an account. */
export interface OrgLevel {
  /** `root`, an OU id or an account id. */
  readonly target: string;
  readonly label: string;
  readonly policies: readonly SourcedPolicy[];
}

export interface OrganizationEntity {
  readonly id: string;
  readonly managementAccount: string;
  readonly accounts: ReadonlySet<string>;
  /**
   * Whether the SCP / RCP policy types are enabled. Once enabled, AWS attaches FullAWSAccess /
   * RCPFullAWSAccess everywhere by default, so an organization with no policy of a type has it disabled,
   * and that type then restricts nothing.
   */
  readonly scpEnabled: boolean;
  readonly rcpEnabled: boolean;
  /**
   * The SCP levels that apply to principals of `account`, from the root down to the account itself.
   * An action must be allowed at every level (Organizations: "SCP evaluation").
   */
  scpLevels(account: string): readonly OrgLevel[];
  /** The RCP levels that apply to resources of `account`, root down to the account. */
  rcpLevels(account: string): readonly OrgLevel[];
}

export interface World {
  principal(arn: string): PrincipalEntity | undefined;
  resource(arn: string): ResourceEntity | undefined;
  organizationOf(account: string): OrganizationEntity | undefined;
  /** Finds a role by account and name whatever its path (session ARNs omit the path). */
  roleByName?(account: string, roleName: string): PrincipalEntity | undefined;
  /**
   * Where the evaluator keeps the entities it derives from ARNs in this world (role sessions, S3 objects,
   * API stages; see `resolvePrincipal`), when the world carries one (`derivedEntities()`): reached in one
   * step instead of through a table of worlds. Empty when made; filled by the evaluator only. Never shared
   * between two worlds (a world made by copying another needs its own): a derived entity is made from the
   * world's own entities (a session from its role).
   */
  readonly derived?: DerivedEntities;
}

/** The entities derived from ARNs in one world, by ARN (see `World.derived`). */
export interface DerivedEntities {
  readonly principals: Map<string, PrincipalEntity>;
  readonly resources: Map<string, ResourceEntity>;
}

/** An empty `DerivedEntities`, for a world to carry. */
export function derivedEntities(): DerivedEntities {
  return { principals: new Map(), resources: new Map() };
}

/** One request to decide. */
export interface Request {
  /** Principal ARN (user, role, root, role session) or service principal name. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** The complete request context (conformance FORMAT.md convention 1). */
  readonly context: RawContext;
  /**
   * Optional: a ready lookup over the same keys and values as `context` (request builders share lookups
   * between requests). Must agree with `context`.
   */
  readonly contextLookup?: RequestContext;
  readonly sessionPolicy?: SourcedPolicy;
}
