import type { EdgeStatus } from '../engine';
import type { Principal, ResourceType } from '../model';
import type { IconName } from '../ui/icons';

/** How each entity type and each decision looks. Colour is never the only signal: every decision also has
 * a line style, an icon and a word. */

export const PRINCIPAL_LOOK: Record<Principal['type'], { icon: IconName; label: string; tint: string }> = {
  'iam-user': { icon: 'user', label: 'IAM user', tint: 'text-sky-700 dark:text-sky-300' },
  'iam-role': { icon: 'role', label: 'IAM role', tint: 'text-violet-700 dark:text-violet-300' },
  'account-root': { icon: 'root', label: 'Root user', tint: 'text-amber-700 dark:text-amber-300' },
  service: { icon: 'service', label: 'Service principal', tint: 'text-teal-700 dark:text-teal-300' },
};

export const RESOURCE_LOOK: Record<ResourceType, { icon: IconName; short: string; tint: string }> = {
  's3-bucket': { icon: 'bucket', short: 'S3', tint: 'text-emerald-700 dark:text-emerald-300' },
  'sns-topic': { icon: 'topic', short: 'SNS', tint: 'text-pink-700 dark:text-pink-300' },
  'sqs-queue': { icon: 'queue', short: 'SQS', tint: 'text-pink-700 dark:text-pink-300' },
  'lambda-function': { icon: 'lambda', short: 'Lambda', tint: 'text-orange-700 dark:text-orange-300' },
  'apigateway-rest-api': { icon: 'api', short: 'API Gateway', tint: 'text-fuchsia-700 dark:text-fuchsia-300' },
  'events-bus': { icon: 'bus', short: 'Event bus', tint: 'text-rose-700 dark:text-rose-300' },
  'dynamodb-table': { icon: 'table', short: 'DynamoDB', tint: 'text-blue-700 dark:text-blue-300' },
  'kms-key': { icon: 'key', short: 'KMS', tint: 'text-red-700 dark:text-red-300' },
  'kinesis-stream': { icon: 'stream', short: 'Kinesis', tint: 'text-purple-700 dark:text-purple-300' },
  'states-state-machine': { icon: 'workflow', short: 'Step Functions', tint: 'text-pink-700 dark:text-pink-300' },
  'ecs-task-definition': { icon: 'container', short: 'ECS', tint: 'text-orange-700 dark:text-orange-300' },
  'ssm-document': { icon: 'command', short: 'SSM', tint: 'text-green-700 dark:text-green-300' },
  'autoscaling-group': { icon: 'layout', short: 'Auto Scaling', tint: 'text-orange-700 dark:text-orange-300' },
};

export interface DecisionLook {
  readonly label: string;
  readonly icon: IconName;
  /** Stroke colour (CSS variable so dark mode can adjust). */
  readonly stroke: string;
  readonly dash?: string;
  readonly width: number;
  /** Classes for the label chip. */
  readonly chip: string;
}

export const DECISION_LOOK: Record<EdgeStatus, DecisionLook> = {
  allowed: { label: 'Allowed', icon: 'allowed', stroke: 'var(--decision-allowed)', width: 2.5, chip: 'border-green-700 bg-green-50 text-green-900 dark:border-green-500 dark:bg-green-950 dark:text-green-100' },
  'explicit-deny': { label: 'Explicitly denied', icon: 'denied', stroke: 'var(--decision-explicit)', width: 3, chip: 'border-red-700 bg-red-50 text-red-900 dark:border-red-500 dark:bg-red-950 dark:text-red-100' },
  'implicit-deny': { label: 'Implicitly denied', icon: 'implicit', stroke: 'var(--decision-implicit)', dash: '7 5', width: 2.5, chip: 'border-amber-700 bg-amber-50 text-amber-950 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-100' },
  mixed: { label: 'Mixed', icon: 'mixed', stroke: 'var(--decision-mixed)', dash: '14 4 2 4', width: 2.5, chip: 'border-violet-700 bg-violet-50 text-violet-900 dark:border-violet-400 dark:bg-violet-950 dark:text-violet-100' },
  invalid: { label: 'Incomplete', icon: 'implicit', stroke: 'var(--decision-invalid)', dash: '2 4', width: 2, chip: 'border-slate-500 bg-slate-50 text-slate-800 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-200' },
};
