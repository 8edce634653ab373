import { ACCOUNT_A, ACCOUNT_B, access, account, addResourceStatement, arnOf, laidOut, policy, resource, root, scenario, user } from './build';
import type { Lesson } from './types';

/** IAM User Guide: "it cannot delegate more access than the account itself has been granted". */
export const delegationCeilingLesson: Lesson = {
  id: 'delegation-ceiling',
  title: 'The delegation ceiling',
  summary: 'Account A grants account B only list access; a user given s3:* in B still only lists.',
  tags: ['cross-account', 'delegation', 'S3'],
  text: [
    "This time BucketA's policy grants account B only s3:ListBucket. B's administrator gives User3 a policy allowing s3:* on BucketA — more than the account has.",
    'User3 can list the bucket, but not read objects: an account can delegate only up to what it was granted. Even B\'s root user, which has everything granted to the account, cannot read.',
    "Across accounts, the resource owner's policy is the ceiling; the trusted account's policies only decide who below it gets how much.",
  ],
  sources: [
    { title: 'Seed: About delegating AWS permissions — "If you try to delegate more permissions than your account has, your principals will still have only list access."' },
    { title: 'IAM User Guide: How IAM roles differ from resource-based policies', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_compare-resource-policies.html' },
  ],
  scenario: scenario({
    name: 'Lesson: the delegation ceiling',
    description: 'Account A grants account B list access only; B cannot delegate more.',
    accounts: [account(ACCOUNT_A, 'AccountA'), account(ACCOUNT_B, 'AccountB')],
    principals: [
      user('user3', 'User3', ACCOUNT_B, [{ name: 'EverythingOnBucketA', document: policy({ Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::bucket-a', 'arn:aws:s3:::bucket-a/*'] }) }]),
      root('root-b', ACCOUNT_B),
    ],
    resources: [
      resource('bucket-a', 's3-bucket', ACCOUNT_A, 'bucket-a', policy({ Sid: 'AccountBMayList', Effect: 'Allow', Principal: { AWS: arnOf.root(ACCOUNT_B) }, Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket-a' })),
    ],
    edges: [
      access('user3-access', 'user3', 'bucket-a', ['s3:ListBucket', 's3:GetObject'], { resourcePath: 'data/report.csv' }),
      access('root-read', 'root-b', 'bucket-a', ['s3:GetObject'], { resourcePath: 'data/report.csv' }),
    ],
    layout: laidOut('delegation-ceiling'),
  }),
  edges: [
    { id: 'user3-access', action: 's3:ListBucket', label: 'User3 lists BucketA', expected: 'allowed', why: 'Within what account A granted account B.' },
    { id: 'user3-access', action: 's3:GetObject', label: 'User3 reads an object', expected: 'implicit-deny', why: "User3's s3:* cannot exceed the account's grant, which is list only." },
    { id: 'root-read', label: "B's root user reads an object", expected: 'implicit-deny', why: 'Even the root user has only what the account was granted.' },
  ],
  tryThis: [
    {
      id: 'raise-the-ceiling',
      label: 'Account A also grants account B s3:GetObject',
      apply: (s) => addResourceStatement(s, 'bucket-a', { Sid: 'AccountBMayRead', Effect: 'Allow', Principal: { AWS: arnOf.root(ACCOUNT_B) }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket-a/*' }),
      edgeId: 'user3-access',
      action: 's3:GetObject',
      before: 'implicit-deny',
      after: 'allowed',
      explanation: "User3's policy did not change; the ceiling rose. What a delegated user may do is the overlap of the owner's grant and the user's own policy.",
    },
  ],
};
