import { ACCOUNT_A, ACCOUNT_B, access, account, arnOf, laidOut, policy, removeResourceStatement, resource, scenario, user } from './build';
import type { Lesson } from './types';

const alice = user('alice', 'alice', ACCOUNT_A, [
  {
    name: 'CopyOrdersToPartner',
    document: policy(
      { Sid: 'ReadOwnTable', Effect: 'Allow', Action: 'dynamodb:Scan', Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT_A}:table/orders` },
      { Sid: 'WritePartnerBucket', Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::reports-b/*' },
    ),
  },
]);

/** Seed document: "An S3 bucket in Account B allows a user from Account A to PutObject via its bucket policy." */
export const bucketPolicyLesson: Lesson = {
  id: 'bucket-policy',
  title: 'A bucket policy admits a user from another account',
  summary: 'alice in account A writes to a bucket in account B and keeps her own identity.',
  tags: ['cross-account', 'resource-based policy', 'S3'],
  text: [
    'A resource-based policy is attached to the resource itself. Here the bucket policy of reports-b, in account B, names alice from account A as its principal and allows her s3:PutObject.',
    'alice keeps her identity: she is still arn:aws:iam::111111111111:user/alice, with all her own permissions. That is why she can scan the orders table in her own account and write to the bucket in account B in the same session.',
    "Across accounts both sides must allow: alice's identity policy in account A, and the bucket policy in account B.",
  ],
  sources: [
    { title: 'Seed: Cross-Account Access Methods — Resource-Based Policy' },
    { title: 'IAM User Guide: How IAM roles differ from resource-based policies', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_compare-resource-policies.html' },
  ],
  scenario: scenario({
    name: 'Lesson: a bucket policy admits a user from another account',
    description: 'alice (account A) writes to reports-b (account B) through its bucket policy and keeps her identity.',
    accounts: [account(ACCOUNT_A, 'Account A'), account(ACCOUNT_B, 'Account B')],
    principals: [alice],
    resources: [
      resource('orders', 'dynamodb-table', ACCOUNT_A, 'orders'),
      resource(
        'reports',
        's3-bucket',
        ACCOUNT_B,
        'reports-b',
        policy({ Sid: 'AdmitAlice', Effect: 'Allow', Principal: { AWS: arnOf.principal(alice) }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::reports-b/*' }),
      ),
    ],
    edges: [
      access('alice-put', 'alice', 'reports', ['s3:PutObject'], { resourcePath: 'exports/orders.csv' }),
      access('alice-scan', 'alice', 'orders', ['dynamodb:Scan']),
    ],
    layout: laidOut('bucket-policy'),
  }),
  edges: [
    { id: 'alice-put', label: 'alice puts an object into reports-b (account B)', expected: 'allowed', why: "Her identity policy allows it and the bucket policy names her: both accounts allow." },
    { id: 'alice-scan', label: 'alice scans the orders table (account A)', expected: 'allowed', why: 'She kept her identity, so her own permissions still apply in account A.' },
  ],
  tryThis: [
    {
      id: 'remove-bucket-grant',
      label: 'Remove alice from the bucket policy',
      apply: (s) => removeResourceStatement(s, 'reports', 'AdmitAlice'),
      edgeId: 'alice-put',
      before: 'allowed',
      after: 'implicit-deny',
      explanation: "Her identity policy still allows s3:PutObject, but account B no longer admits her. Across accounts one side's Allow is not enough.",
    },
  ],
};
