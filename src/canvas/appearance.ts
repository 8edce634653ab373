import type { ReasonCode } from '../engine';
import type { EdgeLook } from '../graph/verdict';
import type { Principal, ResourceType } from '../model';
import type { IconName } from '../ui/icons';

/** How each entity type and each decision looks. Colour is never the only signal: every decision also has
 * a line style, an icon and a word. */

export const PRINCIPAL_LOOK: Record<Principal['type'], { icon: IconName; label: string; tint: string; color: string }> = {
  'iam-user': { icon: 'user', label: 'IAM user', tint: 'text-sky-700 dark:text-sky-300', color: '#0369a1' },
  'iam-role': { icon: 'role', label: 'IAM role', tint: 'text-violet-700 dark:text-violet-300', color: '#6d28d9' },
  'account-root': { icon: 'root', label: 'Root user', tint: 'text-amber-700 dark:text-amber-300', color: '#b45309' },
  service: { icon: 'service', label: 'Service principal', tint: 'text-teal-700 dark:text-teal-300', color: '#0f766e' },
};

/** `short` is the kind line of a card: it must fit beside the policy badge (the inspector has the full name). */
export const RESOURCE_LOOK: Record<ResourceType, { icon: IconName; short: string; tint: string; color: string }> = {
  's3-bucket': { icon: 'bucket', short: 'S3 bucket', tint: 'text-emerald-700 dark:text-emerald-300', color: '#047857' },
  'sns-topic': { icon: 'topic', short: 'SNS topic', tint: 'text-pink-700 dark:text-pink-300', color: '#be185d' },
  'sqs-queue': { icon: 'queue', short: 'SQS queue', tint: 'text-pink-700 dark:text-pink-300', color: '#be185d' },
  'lambda-function': { icon: 'lambda', short: 'Lambda', tint: 'text-orange-700 dark:text-orange-300', color: '#c2410c' },
  'apigateway-rest-api': { icon: 'api', short: 'API Gateway', tint: 'text-fuchsia-700 dark:text-fuchsia-300', color: '#a21caf' },
  'events-bus': { icon: 'bus', short: 'Event bus', tint: 'text-rose-700 dark:text-rose-300', color: '#be123c' },
  'dynamodb-table': { icon: 'table', short: 'DynamoDB', tint: 'text-blue-700 dark:text-blue-300', color: '#1d4ed8' },
  'kms-key': { icon: 'key', short: 'KMS key', tint: 'text-red-700 dark:text-red-300', color: '#b91c1c' },
  'kinesis-stream': { icon: 'stream', short: 'Kinesis', tint: 'text-purple-700 dark:text-purple-300', color: '#7e22ce' },
  'states-state-machine': { icon: 'workflow', short: 'Step Functions', tint: 'text-pink-700 dark:text-pink-300', color: '#be185d' },
  'ecs-task-definition': { icon: 'container', short: 'ECS task', tint: 'text-orange-700 dark:text-orange-300', color: '#c2410c' },
  'ssm-document': { icon: 'command', short: 'SSM document', tint: 'text-green-700 dark:text-green-300', color: '#15803d' },
  'autoscaling-group': { icon: 'layout', short: 'Auto Scaling', tint: 'text-orange-700 dark:text-orange-300', color: '#c2410c' },
};

export const RULE_LOOK = { icon: 'rule' as IconName, tint: 'text-rose-700 dark:text-rose-300', color: '#be123c' };

export interface DecisionLook {
  readonly label: string;
  readonly icon: IconName;
  /** Stroke colour (a CSS variable so dark mode can adjust). */
  readonly stroke: string;
  readonly dash?: string;
  readonly width: number;
  /** Classes for the label chip. */
  readonly chip: string;
  /** The mark beside each action on a label. */
  readonly mark: string;
}

export const DECISION_LOOK: Record<EdgeLook, DecisionLook> = {
  allowed: { label: 'Allowed', icon: 'allowed', mark: '✓', stroke: 'var(--decision-allowed)', width: 2.5, chip: 'border-green-700 bg-green-50 text-green-900 dark:border-green-500 dark:bg-green-950 dark:text-green-100' },
  'explicit-deny': { label: 'Explicitly denied', icon: 'denied', mark: '✕', stroke: 'var(--decision-explicit-deny)', width: 3, chip: 'border-red-700 bg-red-50 text-red-900 dark:border-red-500 dark:bg-red-950 dark:text-red-100' },
  'implicit-deny': { label: 'Implicitly denied', icon: 'implicit', mark: '⊘', stroke: 'var(--decision-implicit-deny)', dash: '8 5', width: 2.5, chip: 'border-amber-700 bg-amber-50 text-amber-950 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-100' },
  mixed: { label: 'Mixed', icon: 'mixed', mark: '◐', stroke: 'var(--decision-mixed)', dash: '14 4 2 4', width: 2.5, chip: 'border-violet-700 bg-violet-50 text-violet-900 dark:border-violet-400 dark:bg-violet-950 dark:text-violet-100' },
  invalid: { label: 'Incomplete', icon: 'implicit', mark: '?', stroke: 'var(--decision-invalid)', dash: '2 4', width: 2, chip: 'border-slate-500 bg-slate-50 text-slate-800 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-200' },
  pending: { label: 'Deciding…', icon: 'pending', mark: '…', stroke: 'var(--decision-pending)', dash: '1 5', width: 2, chip: 'border-slate-400 bg-white text-slate-700 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-300' },
};

/** A few words for why a step was denied, shown on the edge itself; the explanation panel has the rest. */
export const SHORT_REASON: Partial<Record<ReasonCode, string>> = {
  'explicit-deny': 'a Deny statement matches',
  'rcp-no-allow': 'no RCP allows it',
  'scp-no-allow': 'no SCP allows it',
  'trust-no-allow': 'the trust policy does not allow it',
  'key-policy-no-allow': 'the key policy does not allow it',
  'kms-operation-not-cross-account': 'not usable across accounts',
  'root-cannot-assume-role': 'the root user cannot assume a role',
  // Refusals no policy can lift: said as AWS refusing, never as a policy that does not allow.
  'service-linked-role-protected': 'AWS refuses it: only its service can change it',
  'aws-managed-policy-protected': 'AWS refuses it: AWS managed policies cannot change',
  'aws-managed-alias-reserved': 'AWS refuses it: alias/aws/ is reserved',
  'resource-policy-no-allow': 'the resource policy does not allow it',
  'service-not-allowed': 'the resource policy does not allow the service',
  'identity-no-allow': 'no policy allows it',
  'cross-account-identity-missing': 'no identity policy allows it',
  'account-grant-needs-identity': 'no identity policy allows it',
  'boundary-no-allow': 'the permissions boundary blocks it',
  'session-no-allow': 'the session policy blocks it',
  'neither-account-allows': 'neither account allows it',
};
