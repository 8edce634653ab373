import { ACCOUNT_A, ACCOUNT_B, access, account, addResourceStatement, arnOf, assume, attachPolicy, laidOut, policy, removeResourceStatement, resource, role, scenario, trustAccount, user } from './build';
import type { Scenario } from '../model';
import type { Lesson } from './types';

const TABLE = `arn:aws:dynamodb:us-east-1:${ACCOUNT_A}:table/orders`;
const REPORTS = 'arn:aws:s3:::reports-b/*';

const writer = role('writer', 'CopyWriter', ACCOUNT_B, trustAccount(ACCOUNT_A), [
  { name: 'WriteReports', document: policy({ Effect: 'Allow', Action: 's3:PutObject', Resource: REPORTS }) },
]);

/**
 * The seed's one job identity: a user in account A whose identity policy allows both designs — the scan in
 * its own account, the write to the bucket in B (the bucket-policy way) and sts:AssumeRole on CopyWriter
 * (the role way). The compare view takes the two designs apart (src/journey/compare.ts).
 */
const job = user('copy-job', 'copy-job', ACCOUNT_A, [
  {
    name: 'CopyOrders',
    document: policy(
      { Sid: 'ScanOrders', Effect: 'Allow', Action: 'dynamodb:Scan', Resource: TABLE },
      { Sid: 'WriteReports', Effect: 'Allow', Action: 's3:PutObject', Resource: REPORTS },
      { Sid: 'AssumeWriter', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: arnOf.principal(writer) },
    ),
  },
]);

/**
 * "Let CopyWriter scan the table": across accounts both sides must allow (IAM User Guide, "Cross account
 * resource access in IAM"; DynamoDB Developer Guide, "Authorization with IAM identity-based policies and
 * DynamoDB resource-based policies": "For cross-account access, you must explicitly allow access in both the
 * identity and resource policies"): the role's own policy in B, and a table policy in A that names the role.
 */
function letWriterScan(s: Scenario): Scenario {
  const withIdentity = attachPolicy(s, 'writer', 'ScanOrders', policy({ Effect: 'Allow', Action: 'dynamodb:Scan', Resource: TABLE }));
  return addResourceStatement(withIdentity, 'orders', { Sid: 'AdmitCopyWriter', Effect: 'Allow', Principal: { AWS: arnOf.principal(writer) }, Action: 'dynamodb:Scan', Resource: TABLE });
}

/**
 * Seed document, "Example Use Case": "a user in Account A needs to scan a DynamoDB table in Account A and
 * store results in an S3 bucket in Account B" — keep DynamoDB access via IAM in A, allow the S3 write with a
 * bucket policy in B. One identity, one table, one bucket; both designs drawn, so "Compare the two designs"
 * is offered (`comparisonIngredients`).
 */
export const copyBothWaysLesson: Lesson = {
  id: 'copy-both-ways',
  title: 'Copy DynamoDB in A to S3 in B, both ways',
  summary: 'One copy job, two designs: a bucket policy (one identity) or a role (two identities), compared side by side.',
  tags: ['cross-account', 'resource-based policy', 'AssumeRole', 'DynamoDB', 'S3'],
  text: [
    'The job copy-job in account A must scan the orders table in account A and store the results in reports-b in account B. The seed document recommends: keep DynamoDB access via IAM in account A, and allow the S3 write with a bucket policy in account B.',
    'Bucket-policy way: copy-job writes as itself. The bucket policy admits it and its own identity policy allows the write (across accounts both must), and it keeps its permission to scan: one identity does the whole copy.',
    "Role way: copy-job assumes CopyWriter and writes as the session CopyWriter/copy-job (arn:aws:sts::222222222222:assumed-role/CopyWriter/copy-job). The session has only the role's permissions and cannot scan the table, so the job juggles two sets of credentials. Both ways are drawn for one identity: “Compare the two designs” plays each on its own.",
  ],
  sources: [
    { title: 'Seed: Example Use Case (DynamoDB in Account A, S3 in Account B)' },
    { title: 'IAM User Guide: How IAM roles differ from resource-based policies', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_compare-resource-policies.html' },
    { title: 'IAM User Guide: Cross account resource access in IAM', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies-cross-account-resource-access.html' },
  ],
  scenario: scenario({
    name: 'Lesson: copy DynamoDB in A to S3 in B, both ways',
    description: 'copy-job (account A) scans orders in A and writes reports-b in B: by the bucket policy (keeps its identity) or by assuming CopyWriter (swaps it).',
    accounts: [account(ACCOUNT_A, 'Account A'), account(ACCOUNT_B, 'Account B')],
    principals: [job, writer],
    resources: [
      resource('orders', 'dynamodb-table', ACCOUNT_A, 'orders'),
      resource('reports', 's3-bucket', ACCOUNT_B, 'reports-b', policy({ Sid: 'AdmitCopyJob', Effect: 'Allow', Principal: { AWS: arnOf.principal(job) }, Action: 's3:PutObject', Resource: REPORTS })),
    ],
    edges: [
      access('job-scan', 'copy-job', 'orders', ['dynamodb:Scan']),
      access('job-put', 'copy-job', 'reports', ['s3:PutObject'], { resourcePath: 'exports/orders.csv' }),
      assume('job-assume', 'copy-job', 'writer', { sessionName: 'copy-job' }),
      access('writer-put', 'writer', 'reports', ['s3:PutObject'], { resourcePath: 'exports/orders.csv' }),
      access('writer-scan', 'writer', 'orders', ['dynamodb:Scan']),
    ],
    layout: laidOut('copy-both-ways'),
  }),
  edges: [
    { id: 'job-scan', label: 'copy-job scans orders', expected: 'allowed', why: 'Its identity policy allows it in its own account: no other policy is needed.' },
    { id: 'job-put', label: 'copy-job writes to reports-b (bucket policy)', expected: 'allowed', why: 'The bucket policy in B admits copy-job and its identity policy in A allows the write: across accounts both must allow.' },
    { id: 'job-assume', label: 'copy-job assumes CopyWriter (role)', expected: 'allowed', why: "CopyWriter's trust policy trusts account A and copy-job's identity policy allows sts:AssumeRole on it." },
    { id: 'writer-put', label: 'CopyWriter session writes to reports-b', expected: 'allowed', why: "The role's own policy allows it, in the role's own account." },
    { id: 'writer-scan', label: 'CopyWriter session scans orders', expected: 'implicit-deny', why: "The session has only the role's permissions, and the table in account A has no policy that admits the role." },
  ],
  tryThis: [
    {
      id: 'remove-bucket-grant',
      label: 'Remove copy-job from the bucket policy',
      apply: (s) => removeResourceStatement(s, 'reports', 'AdmitCopyJob'),
      edgeId: 'job-put',
      before: 'allowed',
      after: 'implicit-deny',
      explanation: "The bucket-policy way depends on account B's bucket policy; the role way is untouched, because the session writes in the role's own account.",
    },
    {
      id: 'let-writer-scan',
      label: 'Let CopyWriter scan the table too',
      apply: letWriterScan,
      edgeId: 'writer-scan',
      before: 'implicit-deny',
      after: 'allowed',
      explanation:
        'It took two policies: ScanOrders on the role in account B and a table policy in account A that names CopyWriter — across accounts both sides must allow. Now the session can do the whole copy on its own; open the comparison again to see the role design change.',
    },
  ],
};
