import { ACCOUNT_A, ACCOUNT_B, access, account, addResourceStatement, arnOf, laidOut, policy, resource, scenario, user } from './build';
import type { Lesson } from './types';

/** IAM User Guide: "if you use wildcards (*) to give users full access to your resources, principals can access any resources that your AWS account has access to". */
export const wildcardLesson: Lesson = {
  id: 'wildcard',
  title: 'The wildcard warning: full access includes grants made later',
  summary: 'A user with Action * on Resource * gets everything its account is granted — including tomorrow\'s grants.',
  tags: ['cross-account', 'delegation', 'least privilege', 'S3', 'SQS'],
  text: [
    "User2 in account B has a policy allowing every action on every resource in every account. Account A's bucket grants account B read access, so User2 can read it — nobody in account B decided that User2 should.",
    'IAM evaluates permissions when the request is made. When account A later grants account B access to something else, User2 has it at once, without any change to User2\'s policy.',
    'Give only the access needed: whenever another account trusts yours, a wildcard policy hands that trust on to whoever holds it.',
  ],
  sources: [
    { title: 'Seed: About delegating AWS permissions — the wildcard paragraph' },
    { title: 'IAM User Guide: Security best practices — apply least-privilege permissions', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html' },
  ],
  scenario: scenario({
    name: 'Lesson: the wildcard warning',
    description: 'User2 has Action * on Resource *: it inherits every grant made to account B, now and later.',
    accounts: [account(ACCOUNT_A, 'AccountA'), account(ACCOUNT_B, 'AccountB')],
    principals: [user('user2', 'User2', ACCOUNT_B, [{ name: 'FullAccess', document: policy({ Effect: 'Allow', Action: '*', Resource: '*' }) }])],
    resources: [
      resource('bucket-a', 's3-bucket', ACCOUNT_A, 'bucket-a', policy({ Sid: 'AccountBMayRead', Effect: 'Allow', Principal: { AWS: arnOf.root(ACCOUNT_B) }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket-a/*' })),
      resource('jobs', 'sqs-queue', ACCOUNT_A, 'jobs-a'),
    ],
    edges: [
      access('user2-read', 'user2', 'bucket-a', ['s3:GetObject'], { resourcePath: 'data/report.csv' }),
      access('user2-send', 'user2', 'jobs', ['sqs:SendMessage']),
    ],
    layout: laidOut('wildcard'),
  }),
  edges: [
    { id: 'user2-read', label: 'User2 reads from BucketA', expected: 'allowed', why: "Account A granted account B, and User2's wildcard policy passes it on." },
    { id: 'user2-send', label: "User2 sends to account A's queue", expected: 'implicit-deny', why: 'Account A has not granted account B anything on this queue — yet.' },
  ],
  tryThis: [
    {
      id: 'grant-later',
      label: "Later, account A grants account B access to its queue",
      apply: (s) => addResourceStatement(s, 'jobs', { Sid: 'AccountBMaySend', Effect: 'Allow', Principal: { AWS: arnOf.root(ACCOUNT_B) }, Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:us-east-1:${ACCOUNT_A}:jobs-a` }),
      edgeId: 'user2-send',
      before: 'implicit-deny',
      after: 'allowed',
      explanation: "User2's policy did not change, yet User2 can now send: the wildcard covers every grant account B will ever receive.",
    },
  ],
};
