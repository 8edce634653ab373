/**
 * What the product knows about each resource type: its label, AWS service prefix, what its resource-based
 * policy is called, common actions, and how EventBridge delivers to it as a rule target.
 *
 * EventBridge delivery: "For Lambda, Amazon SNS, Amazon SQS and API Gateway ... EventBridge relies on
 * resource-based policies"; for other targets (Kinesis, Step Functions, ECS tasks, Systems Manager Run
 * Command, event buses in other accounts) "EventBridge needs an IAM role" (EventBridge User Guide: "Using
 * resource-based policies for Amazon EventBridge" and "Using IAM roles to send events to targets").
 *
 * EC2 Auto Scaling: the seed document lists it among the targets that need a role. EventBridge's own
 * target list ("Event bus targets in Amazon EventBridge") has no direct Auto Scaling entry; a call on an
 * Auto Scaling group is made as a role's session (EventBridge Scheduler's universal targets and SSM
 * Automation both work that way), so it is modelled as a role target calling
 * `autoscaling:SetDesiredCapacity` on the group.
 */

export const RESOURCE_TYPE_IDS = [
  's3-bucket',
  'sns-topic',
  'sqs-queue',
  'lambda-function',
  'apigateway-rest-api',
  'events-bus',
  'dynamodb-table',
  'kms-key',
  'kinesis-stream',
  'states-state-machine',
  'ecs-task-definition',
  'ssm-document',
  'autoscaling-group',
] as const;

export type ResourceType = (typeof RESOURCE_TYPE_IDS)[number];

export interface EventBridgeDelivery {
  /** `resource-policy`: the target's policy admits events.amazonaws.com; `role`: EventBridge assumes a role. */
  readonly mode: 'resource-policy' | 'role';
  readonly action: string;
}

export interface ResourceTypeInfo {
  readonly label: string;
  readonly service: string;
  /** What the resource-based policy is called, or `undefined` when the type has none. */
  readonly policyName?: string;
  readonly commonActions: readonly string[];
  /** How EventBridge delivers to this type, or `null` when it is not a rule target here. */
  readonly eventBridgeTarget: EventBridgeDelivery | null;
  /** What the `name` field holds, for the inspector. */
  readonly nameLabel: string;
}

export const RESOURCE_TYPES: Readonly<Record<ResourceType, ResourceTypeInfo>> = {
  's3-bucket': {
    label: 'S3 bucket',
    service: 's3',
    policyName: 'Bucket policy',
    commonActions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket'],
    eventBridgeTarget: null,
    nameLabel: 'Bucket name',
  },
  'sns-topic': {
    label: 'SNS topic',
    service: 'sns',
    policyName: 'Topic policy',
    commonActions: ['sns:Publish', 'sns:Subscribe'],
    eventBridgeTarget: { mode: 'resource-policy', action: 'sns:Publish' },
    nameLabel: 'Topic name',
  },
  'sqs-queue': {
    label: 'SQS queue',
    service: 'sqs',
    policyName: 'Queue policy',
    commonActions: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage'],
    eventBridgeTarget: { mode: 'resource-policy', action: 'sqs:SendMessage' },
    nameLabel: 'Queue name',
  },
  'lambda-function': {
    label: 'Lambda function',
    service: 'lambda',
    policyName: 'Function policy',
    commonActions: ['lambda:InvokeFunction'],
    eventBridgeTarget: { mode: 'resource-policy', action: 'lambda:InvokeFunction' },
    nameLabel: 'Function name',
  },
  'apigateway-rest-api': {
    label: 'API Gateway REST API',
    service: 'execute-api',
    policyName: 'Resource policy',
    commonActions: ['execute-api:Invoke'],
    eventBridgeTarget: { mode: 'resource-policy', action: 'execute-api:Invoke' },
    nameLabel: 'API id',
  },
  'events-bus': {
    label: 'EventBridge event bus',
    service: 'events',
    policyName: 'Event bus policy',
    commonActions: ['events:PutEvents'],
    // A bus in another account is reached through a role (EventBridge: "Sending and receiving events
    // between AWS accounts" — newer cross-account targets require an IAM role).
    eventBridgeTarget: { mode: 'role', action: 'events:PutEvents' },
    nameLabel: 'Event bus name',
  },
  'dynamodb-table': {
    label: 'DynamoDB table',
    service: 'dynamodb',
    policyName: 'Resource policy',
    commonActions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:Scan'],
    eventBridgeTarget: null,
    nameLabel: 'Table name',
  },
  'kms-key': {
    label: 'KMS key',
    service: 'kms',
    policyName: 'Key policy',
    commonActions: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
    eventBridgeTarget: null,
    nameLabel: 'Key id',
  },
  'kinesis-stream': {
    label: 'Kinesis data stream',
    service: 'kinesis',
    policyName: 'Resource policy',
    commonActions: ['kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:GetRecords'],
    eventBridgeTarget: { mode: 'role', action: 'kinesis:PutRecord' },
    nameLabel: 'Stream name',
  },
  'states-state-machine': {
    label: 'Step Functions state machine',
    service: 'states',
    commonActions: ['states:StartExecution'],
    eventBridgeTarget: { mode: 'role', action: 'states:StartExecution' },
    nameLabel: 'State machine name',
  },
  'ecs-task-definition': {
    label: 'ECS task definition',
    service: 'ecs',
    commonActions: ['ecs:RunTask'],
    eventBridgeTarget: { mode: 'role', action: 'ecs:RunTask' },
    nameLabel: 'Task definition family',
  },
  'ssm-document': {
    label: 'Systems Manager document (Run Command)',
    service: 'ssm',
    commonActions: ['ssm:SendCommand'],
    eventBridgeTarget: { mode: 'role', action: 'ssm:SendCommand' },
    nameLabel: 'Document name',
  },
  'autoscaling-group': {
    label: 'EC2 Auto Scaling group',
    service: 'autoscaling',
    commonActions: ['autoscaling:SetDesiredCapacity', 'autoscaling:UpdateAutoScalingGroup', 'autoscaling:CompleteLifecycleAction'],
    eventBridgeTarget: { mode: 'role', action: 'autoscaling:SetDesiredCapacity' },
    nameLabel: 'Auto Scaling group name',
  },
};
