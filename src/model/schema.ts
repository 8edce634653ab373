import { z } from 'zod';
import { ACCOUNT_ID_PATTERN, API_INVOKE_PATH, API_INVOKE_PATH_MESSAGE, CURRENT_SCENARIO_VERSION, IAM_PATH_PATTERN, MAX_STRING_LENGTH, REGION_PATTERN } from './constants';
import { RESOURCE_TYPE_IDS } from './resourceTypes';

/**
 * The scenario model, version 2: the single source of truth for the canvas, the engine, share links and
 * files. Types are inferred from these schemas; nothing else defines the shape.
 *
 * Version 2 added IAM groups (`groups`, users' `groupIds`) and managed policies as entries of their own
 * (`managedPolicies`, attached by id through `managedPolicyIds` and `boundaryPolicyId`), so a policy attached
 * to 300 roles is stored once. Older documents are migrated (src/model/migrations.ts).
 */

const text = () => z.string().max(MAX_STRING_LENGTH, `Text is longer than ${MAX_STRING_LENGTH.toLocaleString('en-US')} characters`);
const name = () => text().min(1, 'Name must not be empty');

export const AccountIdSchema = z.string().regex(ACCOUNT_ID_PATTERN, 'Account id must be exactly 12 digits');

/**
 * An IAM policy document as AWS accepts it. The model only checks that it is policy-shaped (an object with
 * a `Statement` that is an object or an array of objects); the engine's checks report grammar problems
 * at the exact line, and every other element is kept as written.
 */
export const PolicyDocumentSchema = z.looseObject({
  Version: z.string().optional(),
  Statement: z.union([z.looseObject({}), z.array(z.looseObject({}))], {
    error: 'Statement must be an object or an array of objects',
  }),
});

export const NamedPolicySchema = z.object({ name: name(), document: PolicyDocumentSchema });

const TagsSchema = z.record(text(), text()).default({});
const PathSchema = text().regex(IAM_PATH_PATTERN, 'Path must start and end with "/"').default('/');

const principalBase = { id: name(), name: name(), tags: TagsSchema };

/**
 * Managed policies attached to a user, role or group, by the ids of `Scenario.managedPolicies` entries
 * (IAM User Guide, "Managed policies and inline policies":
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html). Optional
 * (added in version 2): absent means none.
 */
const ManagedPolicyIdsSchema = z.array(name()).optional();

/**
 * A permissions boundary set from a managed policy (the only way AWS sets one: `PermissionsBoundaryArn`),
 * by the id of a `Scenario.managedPolicies` entry. A drawn principal may instead carry the boundary's
 * document inline (`permissionsBoundary`); never both. Optional (added in version 2).
 */
const BoundaryPolicyIdSchema = name().optional();

export const IamUserSchema = z.object({
  ...principalBase,
  type: z.literal('iam-user'),
  accountId: AccountIdSchema,
  path: PathSchema,
  policies: z.array(NamedPolicySchema).default([]),
  permissionsBoundary: PolicyDocumentSchema.optional(),
  /** The IAM groups the user is a member of (ids of `Scenario.groups` entries in the user's account). Added in version 2. */
  groupIds: z.array(name()).optional(),
  managedPolicyIds: ManagedPolicyIdsSchema,
  boundaryPolicyId: BoundaryPolicyIdSchema,
});

export const IamRoleSchema = z.object({
  ...principalBase,
  type: z.literal('iam-role'),
  accountId: AccountIdSchema,
  path: PathSchema,
  policies: z.array(NamedPolicySchema).default([]),
  permissionsBoundary: PolicyDocumentSchema.optional(),
  trustPolicy: PolicyDocumentSchema,
  managedPolicyIds: ManagedPolicyIdsSchema,
  boundaryPolicyId: BoundaryPolicyIdSchema,
});

/**
 * An IAM group: a collection of users in one account. A group is not a principal — it cannot be named in a
 * policy's `Principal` or make a request — and its policies count as identity policies of every member
 * (IAM User Guide, "IAM user groups": https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html).
 * Added in version 2.
 */
export const IamGroupSchema = z.object({
  id: name(),
  name: name(),
  accountId: AccountIdSchema,
  path: PathSchema,
  /** Inline policies of the group. */
  policies: z.array(NamedPolicySchema).default([]),
  managedPolicyIds: ManagedPolicyIdsSchema,
});

/**
 * A managed policy, stored once however many users, groups and roles it is attached to. Customer managed
 * policies belong to an account (`arn:aws:iam::ACCOUNT:policy/PATH/NAME`); AWS managed policies have no
 * account (`arn:aws:iam::aws:policy/PATH/NAME`). The ARN is derived (`managedPolicyArn`). Only the default
 * version's document is kept: it is the one IAM evaluates (IAM User Guide, "Versioning IAM policies":
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html). Added in version 2.
 */
export const ManagedPolicySchema = z.object({
  id: name(),
  name: name(),
  path: PathSchema,
  /** The owning account of a customer managed policy; absent for an AWS managed policy. */
  accountId: AccountIdSchema.optional(),
  description: text().optional(),
  document: PolicyDocumentSchema,
});

export const AccountRootSchema = z.object({ ...principalBase, type: z.literal('account-root'), accountId: AccountIdSchema });

export const ServicePrincipalSchema = z.object({
  ...principalBase,
  type: z.literal('service'),
  service: text().regex(/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/, 'A service principal looks like events.amazonaws.com'),
});

export const PrincipalSchema = z.discriminatedUnion('type', [IamUserSchema, IamRoleSchema, AccountRootSchema, ServicePrincipalSchema]);

export const ResourceSchema = z.object({
  id: name(),
  type: z.enum(RESOURCE_TYPE_IDS),
  accountId: AccountIdSchema,
  region: text().regex(REGION_PATTERN, 'Region looks like us-east-1'),
  name: name(),
  /** The resource-based policy (the key policy for a KMS key). */
  policy: PolicyDocumentSchema.optional(),
});

export const RuleTargetSchema = z.object({
  id: name(),
  resourceId: name(),
  roleId: name().optional(),
  /** For an API Gateway target: the stage/METHOD/path invoked (see `API_INVOKE_PATH`). Optional (added in version 1). */
  resourcePath: text().regex(API_INVOKE_PATH, API_INVOKE_PATH_MESSAGE).optional(),
});

export const EventRuleSchema = z.object({
  id: name(),
  name: name(),
  busId: name(),
  eventPattern: z.record(text(), z.unknown()).optional(),
  targets: z.array(RuleTargetSchema).default([]),
});

const ContextSchema = z.record(text(), z.union([text(), z.array(text())]));
const ActionSchema = text().regex(/^(\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+)$/, 'An action looks like s3:GetObject');

export const AccessEdgeSchema = z.object({
  kind: z.literal('access'),
  id: name(),
  from: name(),
  to: name(),
  actions: z.array(ActionSchema).min(1, 'An access edge needs at least one action'),
  /** Sub-resource: an S3 object key, an API Gateway `stage/METHOD/path`, a DynamoDB `index/name`. */
  resourcePath: text().optional(),
  context: ContextSchema.optional(),
  sessionPolicy: PolicyDocumentSchema.optional(),
});

export const AssumeEdgeSchema = z.object({
  kind: z.literal('assume'),
  id: name(),
  from: name(),
  to: name(),
  sessionName: text().regex(/^[\w+=,.@-]{2,64}$/, 'A session name has 2–64 letters, digits or +=,.@-_').optional(),
  externalId: text().optional(),
  sessionPolicy: PolicyDocumentSchema.optional(),
  context: ContextSchema.optional(),
});

export const EdgeSchema = z.discriminatedUnion('kind', [AccessEdgeSchema, AssumeEdgeSchema]);

export const OrgPolicySchema = z.object({
  id: name(),
  name: name(),
  type: z.enum(['scp', 'rcp']),
  document: PolicyDocumentSchema,
  /** The organization root id, OU ids or account ids the policy is attached to. */
  targets: z.array(text()).default([]),
});

export const OrganizationSchema = z.object({
  id: text().regex(/^o-[a-z0-9]{10,32}$/, 'An organization id looks like o-a1b2c3d4e5'),
  name: name(),
  rootId: text().regex(/^r-[0-9a-z]{4,32}$/, 'A root id looks like r-a1b2'),
  managementAccountId: AccountIdSchema,
  ous: z.array(z.object({ id: text().regex(/^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/, 'An OU id looks like ou-a1b2-c3d4e5f6'), name: name(), parentId: text() })).default([]),
  policies: z.array(OrgPolicySchema).default([]),
});

export const AccountSchema = z.object({
  id: AccountIdSchema,
  name: name(),
  organizationId: text().optional(),
  /** The organization root or an OU; the root when omitted. */
  parentId: text().optional(),
});

export const LayoutSchema = z.object({
  /**
   * Ids of accounts, principals and resources that are in the scenario but not drawn (a large import draws
   * what the user picked). Hidden entities are still evaluated: this is a view setting, kept with the layout
   * and apart from the model. A bus's rules follow their bus; an edge is drawn when both its ends are.
   * Optional (added in version 2): absent means everything is drawn.
   */
  hidden: z.array(text()).optional(),
  nodes: z
    .record(
      text(),
      z.object({
        x: z.number().finite(),
        y: z.number().finite(),
        width: z.number().finite().positive().optional(),
        height: z.number().finite().positive().optional(),
      }),
    )
    .default({}),
});

export const ScenarioSchema = z.object({
  version: z.literal(CURRENT_SCENARIO_VERSION),
  name: text().default('Untitled scenario'),
  description: text().optional(),
  organizations: z.array(OrganizationSchema).default([]),
  accounts: z.array(AccountSchema).default([]),
  principals: z.array(PrincipalSchema).default([]),
  groups: z.array(IamGroupSchema).default([]),
  managedPolicies: z.array(ManagedPolicySchema).default([]),
  resources: z.array(ResourceSchema).default([]),
  rules: z.array(EventRuleSchema).default([]),
  edges: z.array(EdgeSchema).default([]),
  layout: LayoutSchema.default({ nodes: {} }),
});

export type PolicyDocument = z.infer<typeof PolicyDocumentSchema>;
export type NamedPolicy = z.infer<typeof NamedPolicySchema>;
export type IamUser = z.infer<typeof IamUserSchema>;
export type IamRole = z.infer<typeof IamRoleSchema>;
export type AccountRoot = z.infer<typeof AccountRootSchema>;
export type ServicePrincipal = z.infer<typeof ServicePrincipalSchema>;
export type Principal = z.infer<typeof PrincipalSchema>;
export type IamGroup = z.infer<typeof IamGroupSchema>;
export type ManagedPolicy = z.infer<typeof ManagedPolicySchema>;
export type Resource = z.infer<typeof ResourceSchema>;
export type RuleTarget = z.infer<typeof RuleTargetSchema>;
export type EventRule = z.infer<typeof EventRuleSchema>;
export type AccessEdge = z.infer<typeof AccessEdgeSchema>;
export type AssumeEdge = z.infer<typeof AssumeEdgeSchema>;
export type Edge = z.infer<typeof EdgeSchema>;
export type OrgPolicy = z.infer<typeof OrgPolicySchema>;
export type Organization = z.infer<typeof OrganizationSchema>;
export type Account = z.infer<typeof AccountSchema>;
export type Layout = z.infer<typeof LayoutSchema>;
export type Scenario = z.infer<typeof ScenarioSchema>;
