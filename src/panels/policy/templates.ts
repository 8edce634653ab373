import type { PolicyDocument } from '../../model';
import type { PolicyContextKind } from '../../engine';

/** Ready policies for the common cases, filled in for the node they are added to. */
export interface TemplateContext {
  readonly accountId: string;
  /** The resource's ARN (resource policies) or a sample ARN. */
  readonly resourceArn?: string;
  readonly resourceType?: string;
  readonly actions?: readonly string[];
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
  readonly label: string;
  readonly kinds: readonly PolicyContextKind[];
  readonly build: (c: TemplateContext) => PolicyDocument;
}

const V = '2012-10-17';
/**
 * The resource and what is addressed under it: a bucket and its objects; an API and every stage/method/path
 * (requests name `API_ID/STAGE/METHOD/PATH` once an edge or target sets one, and the bare API ARN until then).
 */
const objectArn = (c: TemplateContext): string | string[] =>
  (c.resourceType === 's3-bucket' || c.resourceType === 'apigateway-rest-api') && c.resourceArn ? [c.resourceArn, `${c.resourceArn}/*`] : (c.resourceArn ?? '*');

export const TEMPLATES: readonly PolicyTemplate[] = [
  {
    id: 'grant-account',
    label: 'Grant another account',
    kinds: ['resource', 'key'],
    build: (c) => ({ Version: V, Statement: [{ Sid: 'GrantAccount', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${other(c)}:root` }, Action: [...(c.actions ?? ['*'])], Resource: c.resourceType === 'kms-key' ? '*' : objectArn(c) }] }),
  },
  {
    id: 'grant-principal',
    label: 'Grant a specific principal',
    kinds: ['resource', 'key'],
    build: (c) => ({ Version: V, Statement: [{ Sid: 'GrantPrincipal', Effect: 'Allow', Principal: { AWS: c.principalArn ?? `arn:aws:iam::${other(c)}:user/alice` }, Action: [...(c.actions ?? ['*'])], Resource: c.resourceType === 'kms-key' ? '*' : objectArn(c) }] }),
  },
  {
    id: 'allow-eventbridge',
    label: 'Allow events.amazonaws.com (with aws:SourceArn)',
    kinds: ['resource'],
    build: (c) => ({
      Version: V,
      Statement: [
        {
          Sid: 'AllowEventBridgeRule',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: c.actions?.[0] ?? 'sqs:SendMessage',
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
    build: (c) => ({ Version: V, Statement: [{ Sid: 'EnableIAMPolicies', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${c.accountId}:root` }, Action: 'kms:*', Resource: '*' }] }),
  },
  {
    id: 's3-read-only',
    label: 'Read-only S3',
    kinds: ['identity', 'boundary', 'session'],
    build: () => ({ Version: V, Statement: [{ Sid: 'ReadOnlyS3', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }] }),
  },
  {
    id: 'allow-actions',
    label: 'Allow actions on a resource',
    kinds: ['identity', 'boundary', 'session'],
    build: (c) => ({ Version: V, Statement: [{ Sid: 'AllowActions', Effect: 'Allow', Action: [...(c.actions ?? ['s3:PutObject'])], Resource: objectArn(c) }] }),
  },
  {
    id: 'allow-assume',
    label: 'Allow sts:AssumeRole',
    kinds: ['identity', 'boundary', 'session'],
    build: (c) => ({ Version: V, Statement: [{ Sid: 'AssumeRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: c.roleArn ?? `arn:aws:iam::${other(c)}:role/ExportRole` }] }),
  },
  {
    id: 'require-mfa',
    label: 'Require MFA (deny without it)',
    kinds: ['identity', 'boundary'],
    build: () => ({
      Version: V,
      Statement: [{ Sid: 'DenyWithoutMFA', Effect: 'Deny', NotAction: ['iam:*', 'sts:GetSessionToken'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }],
    }),
  },
  {
    id: 'trust-account',
    label: 'Trust another account',
    kinds: ['trust'],
    build: (c) => ({ Version: V, Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${other(c)}:root` }, Action: 'sts:AssumeRole' }] }),
  },
  {
    id: 'trust-principal',
    label: 'Trust a specific principal',
    kinds: ['trust'],
    build: (c) => ({ Version: V, Statement: [{ Effect: 'Allow', Principal: { AWS: c.principalArn ?? `arn:aws:iam::${other(c)}:user/alice` }, Action: 'sts:AssumeRole' }] }),
  },
  {
    id: 'trust-external-id',
    label: 'Trust another account, require an external id',
    kinds: ['trust'],
    build: (c) => ({
      Version: V,
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${other(c)}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'unique-external-id' } } }],
    }),
  },
  {
    id: 'trust-eventbridge',
    label: 'Trust EventBridge',
    kinds: ['trust'],
    build: (c) => ({
      Version: V,
      Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': c.accountId } } }],
    }),
  },
  {
    id: 'scp-full',
    label: 'FullAWSAccess',
    kinds: ['scp'],
    build: () => ({ Version: V, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
  },
  {
    id: 'scp-deny-leave',
    label: 'Deny leaving the organization',
    kinds: ['scp'],
    build: () => ({ Version: V, Statement: [{ Sid: 'DenyLeave', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] }),
  },
  {
    id: 'rcp-full',
    label: 'RCPFullAWSAccess',
    kinds: ['rcp'],
    build: () => ({ Version: V, Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }),
  },
  {
    id: 'rcp-perimeter',
    label: 'Only principals of this organization',
    kinds: ['rcp'],
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
