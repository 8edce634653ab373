import { ACCOUNT_A, ACCOUNT_B, access, account, arnOf, assume, layout, policy, removeResourceStatement, resource, role, scenario, trustAccount, user } from './build';
import type { Lesson } from './types';

const TABLE = `arn:aws:dynamodb:us-east-1:${ACCOUNT_A}:table/orders`;

const writer = role('writer', 'CopyWriter', ACCOUNT_B, trustAccount(ACCOUNT_A), [
  { name: 'WriteReports', document: policy({ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::reports-b/*' }) },
]);
const alice = user('alice', 'alice', ACCOUNT_A, [
  {
    name: 'CopyWithBucketPolicy',
    document: policy(
      { Sid: 'ScanOrders', Effect: 'Allow', Action: 'dynamodb:Scan', Resource: TABLE },
      { Sid: 'WriteReports', Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::reports-b/*' },
    ),
  },
]);
const bob = user('bob', 'bob', ACCOUNT_A, [
  {
    name: 'CopyWithRole',
    document: policy(
      { Sid: 'ScanOrders', Effect: 'Allow', Action: 'dynamodb:Scan', Resource: TABLE },
      { Sid: 'AssumeWriter', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: arnOf.principal(writer) },
    ),
  },
]);

/** Seed document: "a user in Account A needs to scan a DynamoDB table in Account A and store results in an S3 bucket in Account B". */
export const copyBothWaysLesson: Lesson = {
  id: 'copy-both-ways',
  title: 'Copy DynamoDB in A to S3 in B, both ways',
  summary: 'The same copy job with a bucket policy (one identity) and with a role (two identities), side by side.',
  tags: ['cross-account', 'resource-based policy', 'AssumeRole', 'DynamoDB', 'S3'],
  text: [
    'A job in account A must scan the orders table in account A and store the results in reports-b in account B. The seed document recommends: keep DynamoDB access via IAM in account A, and allow the S3 write with a bucket policy in account B.',
    "alice does it that way: one identity reads and writes, because the bucket policy admits her and she keeps her own permissions. This is what resource-based policies are good at: copying to or from a shared resource in another account.",
    'bob does it with a role: he scans as himself, then assumes CopyWriter in account B to write. The role session cannot read the table — it gave up bob\'s permissions — so the job must juggle two sets of credentials.',
  ],
  sources: [
    { title: 'Seed: Example Use Case (DynamoDB in Account A, S3 in Account B)' },
    { title: 'IAM User Guide: How IAM roles differ from resource-based policies', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_compare-resource-policies.html' },
  ],
  scenario: scenario({
    name: 'Lesson: copy DynamoDB in A to S3 in B, both ways',
    description: 'alice copies with a bucket policy (keeps her identity); bob copies by assuming CopyWriter (swaps identity).',
    accounts: [account(ACCOUNT_A, 'Account A'), account(ACCOUNT_B, 'Account B')],
    principals: [alice, bob, writer],
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
      access('alice-scan', 'alice', 'orders', ['dynamodb:Scan']),
      access('alice-put', 'alice', 'reports', ['s3:PutObject'], { resourcePath: 'exports/orders.csv' }),
      access('bob-scan', 'bob', 'orders', ['dynamodb:Scan']),
      assume('bob-assume', 'bob', 'writer', { sessionName: 'bob' }),
      access('writer-put', 'writer', 'reports', ['s3:PutObject'], { resourcePath: 'exports/orders.csv' }),
      access('writer-scan', 'writer', 'orders', ['dynamodb:Scan']),
    ],
    layout: layout(
      { [ACCOUNT_A]: { x: 0, y: 0, columns: 2, rows: 3 }, [ACCOUNT_B]: { x: 696, y: 0, columns: 1, rows: 3 } },
      { alice: [0, 0], bob: [0, 2], orders: [1, 1], writer: [0, 2], reports: [0, 0] },
    ),
  }),
  edges: [
    { id: 'alice-scan', label: 'alice scans orders', expected: 'allowed', why: 'Her identity policy allows it in her own account.' },
    { id: 'alice-put', label: 'alice writes to reports-b', expected: 'allowed', why: 'The bucket policy admits her and her identity policy allows it: one identity does the whole copy.' },
    { id: 'bob-scan', label: 'bob scans orders', expected: 'allowed', why: 'His identity policy allows it in his own account.' },
    { id: 'bob-assume', label: 'bob assumes CopyWriter', expected: 'allowed', why: 'The role trusts account A and bob may call sts:AssumeRole on it.' },
    { id: 'writer-put', label: 'CopyWriter writes to reports-b', expected: 'allowed', why: "The role's own policy allows it in its own account." },
    { id: 'writer-scan', label: 'CopyWriter scans orders', expected: 'implicit-deny', why: "The role session has only the role's permissions, and the table is in another account." },
  ],
  tryThis: [
    {
      id: 'remove-bucket-grant',
      label: 'Remove alice from the bucket policy',
      apply: (s) => removeResourceStatement(s, 'reports', 'AdmitAlice'),
      edgeId: 'alice-put',
      before: 'allowed',
      after: 'implicit-deny',
      explanation: "The bucket-policy way depends on account B's policy; the role way is untouched, because the role writes in its own account.",
    },
  ],
};
