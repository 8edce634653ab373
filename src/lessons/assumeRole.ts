import { ACCOUNT_A, ACCOUNT_B, ACCOUNT_C, access, account, arnOf, assume, laidOut, policy, resource, role, scenario, trustAccount, user } from './build';
import { updatePrincipal } from '../model';
import type { Lesson } from './types';

const writer = role('writer', 'ReportWriter', ACCOUNT_B, trustAccount(ACCOUNT_A), [
  { name: 'WriteReports', document: policy({ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::reports-b/*' }) },
]);

const alice = user('alice', 'alice', ACCOUNT_A, [
  {
    name: 'AssumeReportWriter',
    document: policy(
      { Sid: 'AssumeWriter', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: arnOf.principal(writer) },
      { Sid: 'ReadOwnTable', Effect: 'Allow', Action: 'dynamodb:Scan', Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT_A}:table/orders` },
    ),
  },
]);

/** Seed document: "A user from Account A assumes a role in Account B that grants S3 access." */
export const assumeRoleLesson: Lesson = {
  id: 'assume-role',
  title: 'Assume a role in another account: the identity swap',
  summary: 'alice becomes ReportWriter in account B, gains its permissions and gives up her own.',
  tags: ['cross-account', 'AssumeRole', 'S3'],
  text: [
    'The role ReportWriter lives in account B. Its trust policy trusts account A, and alice\'s identity policy allows her to call sts:AssumeRole on it — across accounts, both are needed.',
    "After the swap alice acts as arn:aws:sts::222222222222:assumed-role/ReportWriter/…: only the role's permissions count. The session may write to reports-b, which lives in the role's own account, so no bucket policy is needed.",
    'The session has given up alice\'s permissions: it cannot scan the orders table in account A, even though alice can. And alice herself cannot write to reports-b: the bucket has no policy that admits her.',
  ],
  sources: [
    { title: 'Seed: Cross-Account Access Methods — IAM Role (AssumeRole)' },
    { title: 'IAM User Guide: Cross account resource access in IAM', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies-cross-account-resource-access.html' },
  ],
  scenario: scenario({
    name: 'Lesson: assume a role in another account',
    description: 'alice (account A) assumes ReportWriter (account B): the caller swaps its identity.',
    accounts: [account(ACCOUNT_A, 'Account A'), account(ACCOUNT_B, 'Account B')],
    principals: [alice, writer],
    resources: [resource('orders', 'dynamodb-table', ACCOUNT_A, 'orders'), resource('reports', 's3-bucket', ACCOUNT_B, 'reports-b')],
    edges: [
      assume('alice-assume', 'alice', 'writer', { sessionName: 'alice' }),
      access('writer-put', 'writer', 'reports', ['s3:PutObject'], { resourcePath: 'exports/orders.csv' }),
      access('writer-scan', 'writer', 'orders', ['dynamodb:Scan']),
      access('alice-put', 'alice', 'reports', ['s3:PutObject'], { resourcePath: 'exports/orders.csv' }),
    ],
    layout: laidOut('assume-role'),
  }),
  edges: [
    { id: 'alice-assume', label: 'alice assumes ReportWriter', expected: 'allowed', why: "The role's trust policy trusts account A and alice's policy allows sts:AssumeRole." },
    { id: 'writer-put', label: 'ReportWriter writes to reports-b', expected: 'allowed', why: "The role's identity policy allows it, in the role's own account." },
    { id: 'writer-scan', label: 'ReportWriter scans the orders table in account A', expected: 'implicit-deny', why: "The session has only the role's permissions; alice's are gone." },
    { id: 'alice-put', label: 'alice writes to reports-b directly', expected: 'implicit-deny', why: 'No bucket policy admits her: without the role she cannot reach account B.' },
  ],
  tryThis: [
    {
      id: 'trust-another-account',
      label: 'Make the role trust account C instead of account A',
      apply: (s) =>
        updatePrincipal(s, 'writer', (p) => {
          if (p.type !== 'iam-role') return p;
          const next = trustAccount(ACCOUNT_C);
          return JSON.stringify(p.trustPolicy) === JSON.stringify(next) ? p : { ...p, trustPolicy: next };
        }),
      edgeId: 'alice-assume',
      before: 'allowed',
      after: 'implicit-deny',
      explanation: "alice's own policy still allows sts:AssumeRole, but the role no longer trusts her account. The trust policy is the role's resource-based policy: it decides who may become the role.",
    },
  ],
};
