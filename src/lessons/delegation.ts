import { ACCOUNT_A, ACCOUNT_B, access, account, arnOf, attachPolicy, laidOut, policy, resource, root, scenario, user } from './build';
import type { Lesson } from './types';

/** User2's read-only delegation, reused by "try this" for User1. */
export const READ_ONLY_BUCKET_A = policy({ Sid: 'ReadBucketA', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::bucket-a', 'arn:aws:s3:::bucket-a/*'] });

/** IAM User Guide, "About delegating AWS permissions in a resource-based policy" — the four numbered points. */
export const delegationLesson: Lesson = {
  id: 'delegation',
  title: 'Delegation: account A grants account B, B delegates to its users',
  summary: 'BucketA trusts account B; User1 (no policy) is denied, User2 may read but not write, B\'s root has full access.',
  tags: ['cross-account', 'delegation', 'S3'],
  text: [
    "AccountA's bucket policy names account B — arn:aws:iam::222222222222:root — as principal with full access to BucketA's objects. That grants the account, not any particular user: B's administrator decides whom to delegate it to.",
    "B's root user has every permission granted to the account, so it has full access. User1 has no policy: users have no permissions except those explicitly granted, so User1 is denied. User2 has a read-only policy: it may read, but not write — the account could delegate more, but gave User2 only reads.",
  ],
  sources: [
    { title: 'Seed: About delegating AWS permissions in a resource-based policy' },
    { title: 'IAM User Guide: How IAM roles differ from resource-based policies', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_compare-resource-policies.html' },
  ],
  scenario: scenario({
    name: 'Lesson: delegation from account A to account B',
    description: "BucketA (account A) grants account B full access; B's administrator delegates to its users.",
    accounts: [account(ACCOUNT_A, 'AccountA'), account(ACCOUNT_B, 'AccountB')],
    principals: [user('user1', 'User1', ACCOUNT_B), user('user2', 'User2', ACCOUNT_B, [{ name: 'ReadOnlyBucketA', document: READ_ONLY_BUCKET_A }]), root('root-b', ACCOUNT_B)],
    resources: [
      resource(
        'bucket-a',
        's3-bucket',
        ACCOUNT_A,
        'bucket-a',
        policy({ Sid: 'AccountBFullAccess', Effect: 'Allow', Principal: { AWS: arnOf.root(ACCOUNT_B) }, Action: 's3:*', Resource: ['arn:aws:s3:::bucket-a', 'arn:aws:s3:::bucket-a/*'] }),
      ),
    ],
    edges: [
      access('user1-read', 'user1', 'bucket-a', ['s3:GetObject'], { resourcePath: 'data/report.csv' }),
      access('user2-access', 'user2', 'bucket-a', ['s3:GetObject', 's3:PutObject'], { resourcePath: 'data/report.csv' }),
      access('root-full', 'root-b', 'bucket-a', ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], { resourcePath: 'data/report.csv' }),
    ],
    layout: laidOut('delegation'),
  }),
  edges: [
    { id: 'user1-read', label: 'User1 reads from BucketA', expected: 'implicit-deny', why: 'B granted User1 nothing: users have no permissions but those explicitly granted.' },
    { id: 'user2-access', action: 's3:GetObject', label: 'User2 reads from BucketA', expected: 'allowed', why: "User2's read-only policy is within what account A granted account B." },
    { id: 'user2-access', action: 's3:PutObject', label: 'User2 writes to BucketA', expected: 'implicit-deny', why: "Account A would allow it, but B delegated only reads to User2." },
    { id: 'root-full', label: "B's root user reads, writes and deletes", expected: 'allowed', why: 'The root user has all the permissions granted to its account.' },
  ],
  tryThis: [
    {
      id: 'delegate-to-user1',
      label: 'Attach the read-only policy to User1',
      apply: (s) => attachPolicy(s, 'user1', 'ReadOnlyBucketA', READ_ONLY_BUCKET_A),
      edgeId: 'user1-read',
      before: 'implicit-deny',
      after: 'allowed',
      explanation: "Nothing changed in account A: B's administrator delegated part of what the account was granted, and that is all User1 needed.",
    },
  ],
};
