import { RESOURCE_TYPES, type PolicyDocument, type ResourceType } from '../../model';
import type { PolicyContextKind } from '../../engine';

/** A resource the principal's drawn access edges reach, with the actions they ask for there. */
export interface TemplateTarget {
  readonly arn: string;
  readonly type: string;
  readonly name: string;
  readonly actions: readonly string[];
}

/** Ready policies for the common cases, filled in for the node they are added to. */
export interface TemplateContext {
  readonly accountId: string;
  /** The resource's ARN (resource policies) or a sample ARN. */
  readonly resourceArn?: string;
  readonly resourceType?: string;
  /** The resource's name (resource policies). */
  readonly resourceName?: string;
  /** The actions to grant another account: those drawn into the resource from it, else the type's common ones. */
  readonly actions?: readonly string[];
  /** The actions the caller a grant would name (`principalArn`) asks for on its drawn edges. */
  readonly principalActions?: readonly string[];
  /** For identity, boundary and session policies: what the principal's access edges reach (or the edge's one target). */
  readonly targets?: readonly TemplateTarget[];
  /** An EventBridge rule ARN in the scenario, for the confused-deputy template. */
  readonly ruleArn?: string;
  /** Another account of the scenario (the one that calls in, when there is an edge from it). */
  readonly otherAccountId?: string;
  /** A principal of the scenario that calls this resource or role. */
  readonly principalArn?: string;
  /** A role the principal assumes (an AssumeRole edge from it). */
  readonly roleArn?: string;
  /** The organization of the account, for perimeter policies. */
  readonly orgId?: string;
}

const other = (c: TemplateContext): string => c.otherAccountId ?? (c.accountId === '222222222222' ? '111111111111' : '222222222222');

export interface PolicyTemplate {
  readonly id: string;
  /** What the menu offers ("Allow actions on a resource"). */
  readonly label: string;
  readonly kinds: readonly PolicyContextKind[];
  /**
   * The name the policy gets when added as an identity policy, from what it grants ("AllowPublishOnAlerts"):
   * two policies made from one template on two principals read differently wherever they are listed (a
   * journey's swap lists what the caller gives up and what the session acts with).
   */
  readonly name: (c: TemplateContext) => string;
  readonly build: (c: TemplateContext) => PolicyDocument;
}

const V = '2012-10-17';

/**
 * A word for a Sid or an identity policy name: letters and digits only, each part capitalised
 * (`bucket-b` → `BucketB`). A Sid "supports ASCII uppercase letters (A-Z), lowercase letters (a-z), and
 * numbers (0-9)" (IAM JSON policy elements: Sid,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html); policy names
 * allow more, so the same words serve both.
 */
export function word(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')
    .slice(0, 64);
}

/** A resource named for people: a KMS key by its id's first group, an API by its id, others by their name. */
function targetWord(type: string | undefined, name: string | undefined): string {
  if (!name) return 'Resource';
  if (type === 'kms-key') return `Key${word(name.split('-')[0] ?? name)}`;
  if (type === 'apigateway-rest-api') return `Api${word(name)}`;
  const w = word(name);
  return /^[0-9]/.test(w) || w === '' ? `${word(RESOURCE_TYPES[type as ResourceType]?.label ?? 'Resource')}${w}` : w;
}

/** What the actions do, in a word: `PutObject`, `GetObjectAndPutObject`, `S3Actions` for three or more. */
function actionsWord(actions: readonly string[]): string {
  const names = [...new Set(actions.map((a) => (a === '*' ? 'All' : word(a.split(':')[1] ?? a) || 'All')))];
  if (names.length <= 2) return names.join('And') || 'Actions';
  const services = [...new Set(actions.map((a) => a.split(':')[0] ?? ''))];
  return services.length === 1 ? `${word(services[0] ?? '')}Actions` : 'Actions';
}

/** The last part of a principal's ARN, as a word: `arn:aws:iam::1:user/alice` → `Alice`. */
const principalWord = (arn: string | undefined): string => word(arn?.split(/[/:]/).pop() ?? '') || 'Principal';
const roleWord = (arn: string | undefined): string => (arn ? word(arn.split('/').pop() ?? '') || 'Role' : 'ExportRole');

/**
 * The resource and what is addressed under it: a bucket and its objects; an API and every stage/method/path
 * (requests name `API_ID/STAGE/METHOD/PATH` once an edge or target sets one, and the bare API ARN until then).
 */
const addressed = (type: string | undefined, arn: string): string | string[] => (type === 's3-bucket' || type === 'apigateway-rest-api' ? [arn, `${arn}/*`] : arn);
const objectArn = (c: TemplateContext): string | string[] => (c.resourceArn ? addressed(c.resourceType, c.resourceArn) : '*');

/**
 * In a key policy `Resource` is `"*"`: it means the key the policy is attached to (KMS Developer Guide,
 * "Key policies in AWS KMS": "In a key policy, the value of the Resource element is "*", which means
 * "this KMS key."").
 */
const resourceFor = (c: TemplateContext): string | string[] => (c.resourceType === 'kms-key' ? '*' : objectArn(c));

/** One statement per target reached: its actions on its ARN (objects included for a bucket or an API). */
function targetStatements(c: TemplateContext, fallback: readonly string[]): Record<string, unknown>[] {
  const targets = c.targets ?? [];
  if (targets.length === 0) return [{ Sid: `Allow${actionsWord(c.actions ?? fallback)}`, Effect: 'Allow', Action: [...(c.actions ?? fallback)], Resource: objectArn(c) }];
  return targets.map((t) => ({ Sid: `Allow${actionsWord(t.actions)}On${targetWord(t.type, t.name)}`, Effect: 'Allow', Action: [...t.actions], Resource: addressed(t.type, t.arn) }));
}

/** The name of a policy covering the targets: one target by what it does there, several by what they are. */
function targetsName(c: TemplateContext, fallback: string): string {
  const targets = c.targets ?? [];
  if (targets.length === 1 && targets[0]) return `Allow${actionsWord(targets[0].actions)}On${targetWord(targets[0].type, targets[0].name)}`;
  if (targets.length > 1) return `AccessTo${targets.slice(0, 2).map((t) => targetWord(t.type, t.name)).join('And')}${targets.length > 2 ? 'AndMore' : ''}`;
  return fallback;
}

const buckets = (c: TemplateContext): readonly TemplateTarget[] => (c.targets ?? []).filter((t) => t.type === 's3-bucket');

export const TEMPLATES: readonly PolicyTemplate[] = [
  {
    id: 'grant-account',
    label: 'Grant another account',
    kinds: ['resource', 'key'],
    name: (c) => `Grant${actionsWord(c.actions ?? ['*'])}ToAccount${other(c)}`,
    build: (c) => ({ Version: V, Statement: [{ Sid: `Grant${actionsWord(c.actions ?? ['*'])}ToAccount${other(c)}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${other(c)}:root` }, Action: [...(c.actions ?? ['*'])], Resource: resourceFor(c) }] }),
  },
  {
    id: 'grant-principal',
    label: 'Grant a specific principal',
    kinds: ['resource', 'key'],
    name: (c) => `Grant${actionsWord(c.principalActions ?? c.actions ?? ['*'])}To${principalWord(c.principalArn ?? 'alice')}`,
    build: (c) => ({
      Version: V,
      Statement: [
        {
          Sid: `Grant${actionsWord(c.principalActions ?? c.actions ?? ['*'])}To${principalWord(c.principalArn ?? 'alice')}`,
          Effect: 'Allow',
          Principal: { AWS: c.principalArn ?? `arn:aws:iam::${other(c)}:user/alice` },
          Action: [...(c.principalActions ?? c.actions ?? ['*'])],
          Resource: resourceFor(c),
        },
      ],
    }),
  },
  {
    id: 'allow-eventbridge',
    label: 'Allow events.amazonaws.com (with aws:SourceArn)',
    kinds: ['resource'],
    name: (c) => `AllowEventBridgeRule${c.ruleArn ? word(c.ruleArn.split('/').pop() ?? '') : ''}`,
    build: (c) => ({
      Version: V,
      Statement: [
        {
          Sid: `AllowEventBridgeRule${c.ruleArn ? word(c.ruleArn.split('/').pop() ?? '') : ''}`,
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          // What EventBridge calls on this type of target (src/model/resourceTypes.ts).
          Action: RESOURCE_TYPES[c.resourceType as ResourceType]?.eventBridgeTarget?.action ?? c.actions?.[0] ?? 'sqs:SendMessage',
          Resource: objectArn(c),
          Condition: { ArnEquals: { 'aws:SourceArn': c.ruleArn ?? `arn:aws:events:us-east-1:${c.accountId}:rule/my-rule` } },
        },
      ],
    }),
  },
  {
    id: 'key-enable-iam',
    label: 'Key policy: let IAM policies grant use',
    kinds: ['key'],
    name: () => 'EnableIAMPolicies',
    build: (c) => ({ Version: V, Statement: [{ Sid: 'EnableIAMPolicies', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${c.accountId}:root` }, Action: 'kms:*', Resource: '*' }] }),
  },
  {
    id: 's3-read-only',
    label: 'Read-only S3',
    kinds: ['identity', 'boundary', 'session'],
    name: (c) => {
      const b = buckets(c);
      return b.length === 1 && b[0] ? `ReadOnly${targetWord(b[0].type, b[0].name)}` : b.length > 1 ? `ReadOnly${b.slice(0, 2).map((t) => targetWord(t.type, t.name)).join('And')}${b.length > 2 ? 'AndMore' : ''}` : 'ReadOnlyS3';
    },
    build: (c) => {
      const b = buckets(c);
      return {
        Version: V,
        Statement: [
          b.length > 0
            ? { Sid: `ReadOnly${b.length === 1 && b[0] ? targetWord(b[0].type, b[0].name) : 'Buckets'}`, Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: b.flatMap((t) => [t.arn, `${t.arn}/*`]) }
            : { Sid: 'ReadOnlyS3', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' },
        ],
      };
    },
  },
  {
    id: 'allow-actions',
    label: 'Allow actions on a resource',
    kinds: ['identity', 'boundary', 'session'],
    name: (c) => targetsName(c, `Allow${actionsWord(c.actions ?? ['s3:PutObject'])}`),
    build: (c) => ({ Version: V, Statement: targetStatements(c, ['s3:PutObject']) }),
  },
  {
    id: 'allow-assume',
    label: 'Allow sts:AssumeRole',
    kinds: ['identity', 'boundary', 'session'],
    name: (c) => `Assume${roleWord(c.roleArn)}`,
    build: (c) => ({ Version: V, Statement: [{ Sid: `Assume${roleWord(c.roleArn)}`, Effect: 'Allow', Action: 'sts:AssumeRole', Resource: c.roleArn ?? `arn:aws:iam::${other(c)}:role/ExportRole` }] }),
  },
  {
    id: 'require-mfa',
    label: 'Require MFA (deny without it)',
    kinds: ['identity', 'boundary'],
    name: () => 'DenyWithoutMFA',
    build: () => ({
      Version: V,
      Statement: [{ Sid: 'DenyWithoutMFA', Effect: 'Deny', NotAction: ['iam:*', 'sts:GetSessionToken'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }],
    }),
  },
  {
    id: 'trust-account',
    label: 'Trust another account',
    kinds: ['trust'],
    name: (c) => `TrustAccount${other(c)}`,
    build: (c) => ({ Version: V, Statement: [{ Sid: `TrustAccount${other(c)}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${other(c)}:root` }, Action: 'sts:AssumeRole' }] }),
  },
  {
    id: 'trust-principal',
    label: 'Trust a specific principal',
    kinds: ['trust'],
    name: (c) => `Trust${principalWord(c.principalArn ?? 'alice')}`,
    build: (c) => ({ Version: V, Statement: [{ Sid: `Trust${principalWord(c.principalArn ?? 'alice')}`, Effect: 'Allow', Principal: { AWS: c.principalArn ?? `arn:aws:iam::${other(c)}:user/alice` }, Action: 'sts:AssumeRole' }] }),
  },
  {
    id: 'trust-external-id',
    label: 'Trust another account, require an external id',
    kinds: ['trust'],
    name: (c) => `TrustAccount${other(c)}WithExternalId`,
    build: (c) => ({
      Version: V,
      Statement: [{ Sid: `TrustAccount${other(c)}WithExternalId`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${other(c)}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'unique-external-id' } } }],
    }),
  },
  {
    id: 'trust-eventbridge',
    label: 'Trust EventBridge',
    kinds: ['trust'],
    name: (c) => `TrustEventBridgeFromAccount${c.accountId}`,
    build: (c) => ({
      Version: V,
      Statement: [{ Sid: `TrustEventBridgeFromAccount${c.accountId}`, Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': c.accountId } } }],
    }),
  },
  {
    // As AWS writes its managed FullAWSAccess policies: no Sid.
    id: 'scp-full',
    label: 'FullAWSAccess',
    kinds: ['scp'],
    name: () => 'FullAWSAccess',
    build: () => ({ Version: V, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
  },
  {
    id: 'scp-deny-leave',
    label: 'Deny leaving the organization',
    kinds: ['scp'],
    name: () => 'DenyLeaveOrganization',
    build: () => ({ Version: V, Statement: [{ Sid: 'DenyLeaveOrganization', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] }),
  },
  {
    id: 'rcp-full',
    label: 'RCPFullAWSAccess',
    kinds: ['rcp'],
    name: () => 'RCPFullAWSAccess',
    build: () => ({ Version: V, Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }),
  },
  {
    id: 'rcp-perimeter',
    label: 'Only principals of this organization',
    kinds: ['rcp'],
    name: () => 'EnforceOrgIdentities',
    build: (c) => ({
      Version: V,
      Statement: [
        {
          Sid: 'EnforceOrgIdentities',
          Effect: 'Deny',
          Principal: '*',
          Action: ['s3:*', 'sqs:*', 'kms:*', 'sts:AssumeRole'],
          Resource: '*',
          Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': c.orgId ?? 'o-exampleorg1' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
        },
      ],
    }),
  },
];

export function templatesFor(kind: PolicyContextKind): PolicyTemplate[] {
  return TEMPLATES.filter((t) => t.kinds.includes(kind));
}
