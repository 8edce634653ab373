import { ACCOUNT_A, ACCOUNT_C, access, account, laidOut, policy, resource, scenario } from './build';
import { updateResource } from '../model';
import type { Lesson } from './types';

const OWN_RULE = `arn:aws:events:us-east-1:${ACCOUNT_A}:rule/orders-to-queue`;
const OTHER_RULE = `arn:aws:events:us-east-1:${ACCOUNT_C}:rule/harvest`;
const QUEUE_ARN = `arn:aws:sqs:us-east-1:${ACCOUNT_A}:orders`;

/**
 * IAM User Guide, "The confused deputy problem" (cross-service): use aws:SourceArn and aws:SourceAccount in
 * resource policies that admit a service principal. EventBridge User Guide: "Cross-service confused deputy
 * prevention in Amazon EventBridge".
 */
export const confusedDeputyLesson: Lesson = {
  id: 'confused-deputy',
  title: 'The confused deputy, closed by aws:SourceArn and aws:SourceAccount',
  summary: "A queue that admits EventBridge must say for whose rule — or anyone's rule can write to it.",
  tags: ['EventBridge', 'confused deputy', 'conditions', 'SQS', 'cross-account'],
  text: [
    "The orders queue in account A admits the service principal events.amazonaws.com. EventBridge acts for every customer, so \"EventBridge may send\" alone would let EventBridge, acting for a rule in anyone's account — here account C's rule \"harvest\" — be used as a deputy to write into A's queue.",
    "The lower edge is that request: events.amazonaws.com calling sqs:SendMessage with the context EventBridge sets for C's rule (aws:SourceArn is C's rule, aws:SourceAccount is C).",
    "The queue policy closes this with conditions on the request's origin: aws:SourceArn must be A's own rule and aws:SourceAccount must be A. EventBridge sets both keys to the rule it acts for, so the request for C's rule does not match.",
  ],
  sources: [
    { title: 'IAM User Guide: The confused deputy problem', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html' },
    { title: 'EventBridge User Guide: Cross-service confused deputy prevention', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/cross-service-confused-deputy-prevention.html' },
  ],
  scenario: scenario({
    name: 'Lesson: the confused deputy',
    description: "Account A's queue admits EventBridge only for A's own rule; a rule in account C is refused.",
    accounts: [account(ACCOUNT_A, 'Account A (queue owner)'), account(ACCOUNT_C, 'Account C (someone else)')],
    principals: [{ id: 'events-for-c', type: 'service', name: "EventBridge, acting for C's rule", service: 'events.amazonaws.com', tags: {} }],
    resources: [
      resource('bus-a', 'events-bus', ACCOUNT_A, 'default'),
      resource(
        'queue',
        'sqs-queue',
        ACCOUNT_A,
        'orders',
        policy({
          Sid: 'EventBridgeForOurRuleOnly',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: QUEUE_ARN,
          Condition: { ArnEquals: { 'aws:SourceArn': OWN_RULE }, StringEquals: { 'aws:SourceAccount': ACCOUNT_A } },
        }),
      ),
      resource('bus-c', 'events-bus', ACCOUNT_C, 'default'),
    ],
    rules: [
      { id: 'own-rule', name: 'orders-to-queue', busId: 'bus-a', eventPattern: { source: ['shop.orders'] }, targets: [{ id: 'own-delivery', resourceId: 'queue' }] },
      { id: 'other-rule', name: 'harvest', busId: 'bus-c', eventPattern: { source: ['anything'] }, targets: [] },
    ],
    // What EventBridge would send for C's rule: the service principal, with the source keys it sets.
    edges: [access('other-delivery', 'events-for-c', 'queue', ['sqs:SendMessage'], { context: { 'aws:SourceArn': OTHER_RULE, 'aws:SourceAccount': ACCOUNT_C } })],
    layout: laidOut('confused-deputy'),
  }),
  edges: [
    { id: 'own-delivery', label: "A's rule delivers to A's queue", expected: 'allowed', why: 'aws:SourceArn is A\'s rule and aws:SourceAccount is A: the conditions match.' },
    { id: 'other-delivery', label: "EventBridge, for C's rule, sends to A's queue", expected: 'implicit-deny', why: "aws:SourceArn is C's rule: the statement does not apply, so nothing allows it." },
  ],
  tryThis: [
    {
      id: 'drop-conditions',
      label: 'Remove the aws:SourceArn and aws:SourceAccount conditions',
      apply: (s) =>
        updateResource(s, 'queue', (r) => {
          if (!r.policy || !Array.isArray(r.policy.Statement)) return r;
          const statements = r.policy.Statement;
          if (!statements.some((st) => 'Condition' in st)) return r;
          return { ...r, policy: { ...r.policy, Statement: statements.map(({ Condition: _dropped, ...rest }) => rest) } };
        }),
      edgeId: 'other-delivery',
      before: 'implicit-deny',
      after: 'allowed',
      explanation: "Now any rule in any account can make EventBridge write to A's queue: the deputy acts for whoever asks.",
    },
  ],
};
