import type { EventRule, IamGroup, IamRole, ManagedPolicy, Principal, Resource } from './schema';

/**
 * ARNs derived the way AWS writes them (IAM: "IAM identifiers"; each service's "Resource types" table in
 * the Service Authorization Reference). The partition is always `aws` here.
 */

/** The group id in a drawn Auto Scaling group's ARN (AWS assigns the real one; see `resourceArn`). */
export const AUTOSCALING_GROUP_ID_PLACEHOLDER = '00000000-0000-0000-0000-000000000000';

/** `arn:aws:iam::ACCOUNT:root` — the account principal and its root user. */
export function accountRootArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}

/** The principal's ARN, or the service principal's name (`events.amazonaws.com`). */
export function principalArn(p: Principal): string {
  switch (p.type) {
    case 'iam-user':
      return `arn:aws:iam::${p.accountId}:user${p.path}${p.name}`;
    case 'iam-role':
      return `arn:aws:iam::${p.accountId}:role${p.path}${p.name}`;
    case 'account-root':
      return accountRootArn(p.accountId);
    case 'service':
      return p.service;
  }
}

/** `arn:aws:iam::ACCOUNT:group/PATH/NAME` (IAM User Guide, "IAM identifiers"). */
export function groupArn(g: Pick<IamGroup, 'accountId' | 'path' | 'name'>): string {
  return `arn:aws:iam::${g.accountId}:group${g.path}${g.name}`;
}

/**
 * A managed policy's ARN: `arn:aws:iam::ACCOUNT:policy/PATH/NAME` for a customer managed policy,
 * `arn:aws:iam::aws:policy/PATH/NAME` for an AWS managed one (IAM User Guide, "IAM identifiers" and
 * "AWS managed policies": https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html).
 */
export function managedPolicyArn(p: Pick<ManagedPolicy, 'accountId' | 'path' | 'name'>): string {
  return `arn:aws:iam::${p.accountId ?? 'aws'}:policy${p.path}${p.name}`;
}

/** A role session: `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION` (the role's path is not part of it). */
export function sessionArn(role: Pick<IamRole, 'accountId' | 'name'>, sessionName: string): string {
  return `arn:aws:sts::${role.accountId}:assumed-role/${sessionLabel(role.name, sessionName)}`;
}

/**
 * The session name a role acts under when nothing names one: an access edge drawn from a role is decided as
 * this session of it (any caller may have assumed the role), and an AssumeRole edge without a session name
 * creates it.
 */
export const DEFAULT_SESSION_NAME = 'session';

/**
 * How a role session is named wherever the app shows one (the engine's explanations, the journey's badge
 * and narration): `ROLE/SESSION-NAME`, the end of the session's ARN
 * `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION-NAME` (IAM User Guide, "IAM identifiers":
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html). One spelling, so the
 * inspector and the journey never name the same session two ways.
 */
export function sessionLabel(roleName: string, sessionName: string): string {
  return `${roleName}/${sessionName}`;
}

/**
 * How a policy is named wherever the app shows where a statement came from: `ExportResults`,
 * `ReadOnlyAccess (AWS managed)`, `DevAccess (customer managed) via group Admins`. A group's policies are
 * its members' identity policies, so a member's explanation says which group brought the statement.
 */
export function policyCaption(source: { readonly name: string; readonly via?: { readonly groupName: string }; readonly managed?: { readonly aws: boolean } }): string {
  const managed = source.managed ? ` (${source.managed.aws ? 'AWS managed' : 'customer managed'})` : '';
  return `${source.name}${managed}${source.via ? ` via group ${source.via.groupName}` : ''}`;
}

/** The resource's ARN; `subPath` addresses a part of it (an S3 object key, an API stage/method/path). */
export function resourceArn(r: Pick<Resource, 'type' | 'region' | 'accountId' | 'name'>, subPath?: string): string {
  const { region, accountId: acct, name } = r;
  const sub = subPath !== undefined && subPath !== '' ? `/${subPath.replace(/^\/+/, '')}` : '';
  switch (r.type) {
    case 's3-bucket':
      // S3 bucket ARNs carry neither region nor account.
      return `arn:aws:s3:::${name}${sub}`;
    case 'sns-topic':
      return `arn:aws:sns:${region}:${acct}:${name}`;
    case 'sqs-queue':
      return `arn:aws:sqs:${region}:${acct}:${name}`;
    case 'lambda-function':
      return `arn:aws:lambda:${region}:${acct}:function:${name}`;
    case 'apigateway-rest-api':
      // execute-api:Invoke addresses arn:aws:execute-api:REGION:ACCOUNT:API_ID/STAGE/METHOD/PATH.
      return `arn:aws:execute-api:${region}:${acct}:${name}${sub}`;
    case 'events-bus':
      return `arn:aws:events:${region}:${acct}:event-bus/${name}`;
    case 'dynamodb-table':
      return `arn:aws:dynamodb:${region}:${acct}:table/${name}${sub}`;
    case 'kms-key':
      return `arn:aws:kms:${region}:${acct}:key/${name}`;
    case 'kinesis-stream':
      return `arn:aws:kinesis:${region}:${acct}:stream/${name}`;
    case 'states-state-machine':
      return `arn:aws:states:${region}:${acct}:stateMachine:${name}`;
    case 'ecs-task-definition':
      return `arn:aws:ecs:${region}:${acct}:task-definition/${name}`;
    case 'ssm-document':
      return `arn:aws:ssm:${region}:${acct}:document/${name}`;
    case 'autoscaling-group':
      // arn:aws:autoscaling:REGION:ACCOUNT:autoScalingGroup:GROUP_ID:autoScalingGroupName/NAME. AWS assigns
      // the group id (a UUID) at creation; a drawing has none, so the nil UUID stands in. Policies name
      // groups as AWS's examples do, autoScalingGroup:*:autoScalingGroupName/NAME, which matches it.
      return `arn:aws:autoscaling:${region}:${acct}:autoScalingGroup:${AUTOSCALING_GROUP_ID_PLACEHOLDER}:autoScalingGroupName/${name}`;
  }
}

/**
 * An EventBridge rule: `arn:aws:events:REGION:ACCOUNT:rule/RULE` on the default bus,
 * `arn:aws:events:REGION:ACCOUNT:rule/BUS/RULE` on a custom bus.
 */
export function ruleArn(rule: Pick<EventRule, 'name'>, bus: Pick<Resource, 'region' | 'accountId' | 'name'>): string {
  const prefix = bus.name === 'default' ? '' : `${bus.name}/`;
  return `arn:aws:events:${bus.region}:${bus.accountId}:rule/${prefix}${rule.name}`;
}
