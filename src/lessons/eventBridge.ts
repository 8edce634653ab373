import type { EventRule } from '../model';
import { updateRule } from '../model';
import { ACCOUNT_A, account, laidOut, policy, removeResourceStatement, resource, role, scenario, trustEventBridge } from './build';
import type { Lesson } from './types';

const RULE_ARN = `arn:aws:events:us-east-1:${ACCOUNT_A}:rule/order-placed`;

/** A target's resource policy statement admitting EventBridge for one rule (EventBridge User Guide examples). */
function admitRule(sid: string, action: string, resourceArn: string) {
  return { Sid: sid, Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: action, Resource: resourceArn, Condition: { ArnEquals: { 'aws:SourceArn': RULE_ARN } } };
}

const orderPlaced: EventRule = {
  id: 'order-placed',
  name: 'order-placed',
  busId: 'bus',
  eventPattern: { source: ['shop.orders'], 'detail-type': ['OrderPlaced'] },
  targets: [
    { id: 'to-lambda', resourceId: 'fn' },
    { id: 'to-sns', resourceId: 'topic' },
    { id: 'to-sqs', resourceId: 'queue' },
    // EventBridge invokes an API at a stage, method and path: the one the API's policy names.
    { id: 'to-api', resourceId: 'api', resourcePath: 'prod/POST/orders' },
  ],
};
const nightly: EventRule = {
  id: 'nightly',
  name: 'nightly',
  busId: 'bus',
  eventPattern: { source: ['aws.events'], 'detail-type': ['Scheduled Event'] },
  targets: [
    { id: 'to-ecs', resourceId: 'task', roleId: 'ecs-role' },
    { id: 'to-ssm', resourceId: 'command', roleId: 'ssm-role' },
    { id: 'to-asg', resourceId: 'asg', roleId: 'asg-role' },
  ],
};

/**
 * Seed document, "Amazon EventBridge – Security Models"; EventBridge User Guide: "Amazon SQS, Amazon SNS,
 * Lambda, CloudWatch Logs, and EventBridge bus targets do not use roles, and permissions to EventBridge
 * must be granted via a resource policy" ("IAM roles for sending events to targets").
 */
export const eventBridgeLesson: Lesson = {
  id: 'eventbridge-models',
  title: 'EventBridge: resource policies versus roles',
  summary: 'Lambda, SNS, SQS and API Gateway admit EventBridge by resource policy; ECS, Run Command and Auto Scaling need a role.',
  tags: ['EventBridge', 'resource-based policy', 'roles'],
  text: [
    'When a rule matches, EventBridge must be allowed to act on each target. Targets whose service has resource-based policies — Lambda, SNS, SQS, API Gateway — admit events.amazonaws.com in their own policy, here only for the rule order-placed (aws:SourceArn).',
    'ECS tasks, Systems Manager Run Command and EC2 Auto Scaling have no resource policy to admit anyone. EventBridge assumes a role that trusts events.amazonaws.com and makes the call as that role: each role target is two steps, the AssumeRole and the call.',
    'Rule of thumb: if the service supports a resource-based policy, grant EventBridge there; if it does not, give EventBridge a role. (Newer EventBridge documentation also lets API Gateway, Lambda, SNS and SQS targets use a role; this lesson shows the resource-policy model.)',
  ],
  sources: [
    { title: 'Seed: Amazon EventBridge – Security Models' },
    { title: 'EventBridge User Guide: Using resource-based policies for Amazon EventBridge', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html' },
    { title: 'EventBridge User Guide: IAM roles for sending events to targets', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-iam-roles.html' },
  ],
  scenario: scenario({
    name: 'Lesson: EventBridge resource policies versus roles',
    description: 'Two rules on the default bus: one delivers to targets with resource policies, one to targets through roles.',
    accounts: [account(ACCOUNT_A, 'Account A')],
    principals: [
      role('ecs-role', 'EventBridgeRunTask', ACCOUNT_A, trustEventBridge(), [
        { name: 'RunReportTask', document: policy({ Effect: 'Allow', Action: 'ecs:RunTask', Resource: `arn:aws:ecs:us-east-1:${ACCOUNT_A}:task-definition/nightly-report` }) },
      ]),
      role('ssm-role', 'EventBridgeRunCommand', ACCOUNT_A, trustEventBridge(), [
        { name: 'SendCommand', document: policy({ Effect: 'Allow', Action: 'ssm:SendCommand', Resource: [`arn:aws:ssm:us-east-1:${ACCOUNT_A}:document/AWS-RunShellScript`, `arn:aws:ec2:us-east-1:${ACCOUNT_A}:instance/*`] }) },
      ]),
      role('asg-role', 'EventBridgeScaleWeb', ACCOUNT_A, trustEventBridge(), [
        { name: 'ScaleWeb', document: policy({ Effect: 'Allow', Action: 'autoscaling:SetDesiredCapacity', Resource: `arn:aws:autoscaling:us-east-1:${ACCOUNT_A}:autoScalingGroup:*:autoScalingGroupName/web-asg` }) },
      ]),
    ],
    resources: [
      resource('bus', 'events-bus', ACCOUNT_A, 'default'),
      resource('fn', 'lambda-function', ACCOUNT_A, 'process-order', policy(admitRule('AllowOrderPlaced', 'lambda:InvokeFunction', `arn:aws:lambda:us-east-1:${ACCOUNT_A}:function:process-order`))),
      resource('topic', 'sns-topic', ACCOUNT_A, 'order-alerts', policy(admitRule('AllowOrderPlaced', 'sns:Publish', `arn:aws:sns:us-east-1:${ACCOUNT_A}:order-alerts`))),
      resource('queue', 'sqs-queue', ACCOUNT_A, 'order-jobs', policy(admitRule('AllowOrderPlaced', 'sqs:SendMessage', `arn:aws:sqs:us-east-1:${ACCOUNT_A}:order-jobs`))),
      resource('api', 'apigateway-rest-api', ACCOUNT_A, 'a1b2c3d4e5', policy(admitRule('AllowOrderPlaced', 'execute-api:Invoke', `arn:aws:execute-api:us-east-1:${ACCOUNT_A}:a1b2c3d4e5/prod/POST/orders`))),
      resource('task', 'ecs-task-definition', ACCOUNT_A, 'nightly-report'),
      resource('command', 'ssm-document', ACCOUNT_A, 'AWS-RunShellScript'),
      resource('asg', 'autoscaling-group', ACCOUNT_A, 'web-asg'),
    ],
    rules: [orderPlaced, nightly],
    edges: [],
    layout: laidOut('eventbridge-models'),
  }),
  edges: [
    { id: 'to-lambda', label: 'order-placed → Lambda process-order', expected: 'allowed', why: 'The function policy admits events.amazonaws.com for this rule.' },
    { id: 'to-sns', label: 'order-placed → SNS order-alerts', expected: 'allowed', why: 'The topic policy admits events.amazonaws.com for this rule.' },
    { id: 'to-sqs', label: 'order-placed → SQS order-jobs', expected: 'allowed', why: 'The queue policy admits events.amazonaws.com for this rule.' },
    { id: 'to-api', label: 'order-placed → API Gateway', expected: 'allowed', why: "The API's resource policy admits events.amazonaws.com for this rule on prod/POST/orders, the stage, method and path the target invokes." },
    { id: 'to-ecs', label: 'nightly → ECS task (via a role)', expected: 'allowed', why: 'EventBridge assumes EventBridgeRunTask, whose policy allows ecs:RunTask.' },
    { id: 'to-ssm', label: 'nightly → Run Command (via a role)', expected: 'allowed', why: 'EventBridge assumes EventBridgeRunCommand, whose policy allows ssm:SendCommand.' },
    { id: 'to-asg', label: 'nightly → Auto Scaling group (via a role)', expected: 'allowed', why: 'EventBridge assumes EventBridgeScaleWeb, whose policy allows autoscaling:SetDesiredCapacity.' },
  ],
  tryThis: [
    {
      id: 'remove-queue-grant',
      label: 'Remove EventBridge from the queue policy',
      apply: (s) => removeResourceStatement(s, 'queue', 'AllowOrderPlaced'),
      edgeId: 'to-sqs',
      before: 'allowed',
      after: 'implicit-deny',
      explanation: 'SQS delivery relies on the queue policy alone: without it nothing admits events.amazonaws.com.',
    },
    {
      id: 'remove-scaling-role',
      label: 'Take the role away from the Auto Scaling target',
      apply: (s) =>
        updateRule(s, 'nightly', (r) => {
          const target = r.targets.find((t) => t.id === 'to-asg');
          if (!target?.roleId) return r;
          return { ...r, targets: r.targets.map((t) => (t.id === 'to-asg' ? (({ roleId: _role, ...rest }) => rest)(t) : t)) };
        }),
      edgeId: 'to-asg',
      before: 'allowed',
      after: 'implicit-deny',
      explanation: 'An Auto Scaling group has no resource policy that could admit EventBridge: without a role there is nothing to deliver with.',
    },
  ],
};
