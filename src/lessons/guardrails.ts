import { updateOrganizationPolicyTargets } from './edits';
import { ACCOUNT_A, MANAGEMENT, access, account, addResourceStatement, arnOf, laidOut, policy, resource, role, scenario, trustAccount } from './build';
import type { Lesson } from './types';

const ORG = 'o-exampleorg1';
const ROOT = 'r-root';
const OU = 'ou-prod-workloads';
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

const admin = role('admin', 'Administrator', ACCOUNT_A, trustAccount(ACCOUNT_A), [{ name: 'AdministratorAccess', document: policy({ Effect: 'Allow', Action: '*', Resource: '*' }) }]);
const app = role('app', 'AppRole', ACCOUNT_A, trustAccount(ACCOUNT_A));

/**
 * Organizations User Guide, "Service control policies": SCPs limit every principal in member accounts,
 * administrators included; KMS Developer Guide, "Key policies": "Unless the key policy explicitly allows
 * it, you cannot use IAM policies to allow access to a KMS key."
 */
export const guardrailsLesson: Lesson = {
  id: 'guardrails',
  title: 'Guardrails: an SCP denies even an administrator, and a KMS key policy must allow',
  summary: 'AdministratorAccess is not enough: an SCP Deny wins, and a KMS key decides in its own policy.',
  tags: ['Organizations', 'SCP', 'KMS', 'same account'],
  text: [
    'Administrator has AdministratorAccess — every action on every resource. Yet the SCP ProtectAuditLogs, attached to the Production OU, denies deleting objects in audit-logs-a, and an explicit Deny in any SCP wins over any Allow. SCPs apply to every principal in a member account, administrators included (not to the management account).',
    "The KMS key's policy names only AppRole. For KMS, IAM policies count only if the key policy delegates to the account (the \"Enable IAM User Permissions\" statement that names the account root). This key's policy does not, so Administrator cannot decrypt with it — while AppRole, with no IAM policy at all, can.",
  ],
  sources: [
    { title: 'Organizations User Guide: Service control policies (SCPs)', url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html' },
    { title: 'KMS Developer Guide: Default key policy — allows access to the AWS account and enables IAM policies', url: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html' },
  ],
  scenario: scenario({
    name: 'Lesson: SCP guardrail and KMS key policy',
    description: 'An SCP denies even AdministratorAccess; a KMS key whose policy does not enable IAM policies ignores them.',
    organizations: [
      {
        id: ORG,
        name: 'Example org',
        rootId: ROOT,
        managementAccountId: MANAGEMENT,
        ous: [{ id: OU, name: 'Production', parentId: ROOT }],
        policies: [
          // AWS attaches FullAWSAccess to the root, every OU and every account; an action must be allowed at each level.
          { id: 'scp-full', name: 'FullAWSAccess', type: 'scp', targets: [ROOT, OU, ACCOUNT_A, MANAGEMENT], document: policy({ Effect: 'Allow', Action: '*', Resource: '*' }) },
          {
            id: 'scp-audit',
            name: 'ProtectAuditLogs',
            type: 'scp',
            targets: [OU],
            document: policy({ Sid: 'NoDeletingAuditLogs', Effect: 'Deny', Action: ['s3:DeleteObject', 's3:DeleteBucket'], Resource: ['arn:aws:s3:::audit-logs-a', 'arn:aws:s3:::audit-logs-a/*'] }),
          },
        ],
      },
    ],
    accounts: [account(MANAGEMENT, 'Management', { organizationId: ORG }), account(ACCOUNT_A, 'Workloads', { organizationId: ORG, parentId: OU })],
    principals: [admin, app],
    resources: [
      resource('logs', 's3-bucket', ACCOUNT_A, 'audit-logs-a'),
      resource('key', 'kms-key', ACCOUNT_A, KEY_ID, policy({ Sid: 'AppRoleUsesKey', Effect: 'Allow', Principal: { AWS: arnOf.principal(app) }, Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], Resource: '*' })),
    ],
    edges: [
      access('admin-logs', 'admin', 'logs', ['s3:DeleteObject', 's3:GetObject'], { resourcePath: '2026/11/22/trail.json.gz' }),
      access('admin-decrypt', 'admin', 'key', ['kms:Decrypt']),
      access('app-decrypt', 'app', 'key', ['kms:Decrypt']),
    ],
    layout: laidOut('guardrails'),
  }),
  edges: [
    { id: 'admin-logs', action: 's3:DeleteObject', label: 'Administrator deletes an audit log', expected: 'explicit-deny', why: 'The SCP ProtectAuditLogs denies it, and an explicit Deny beats AdministratorAccess.' },
    { id: 'admin-logs', action: 's3:GetObject', label: 'Administrator reads an audit log', expected: 'allowed', why: 'The SCP denies only deletion; FullAWSAccess and AdministratorAccess allow the rest.' },
    { id: 'admin-decrypt', label: 'Administrator decrypts with the key', expected: 'implicit-deny', why: 'The key policy neither names Administrator nor enables IAM policies.' },
    { id: 'app-decrypt', label: 'AppRole decrypts with the key', expected: 'allowed', why: 'The key policy names AppRole directly.' },
  ],
  tryThis: [
    {
      id: 'enable-iam-policies',
      label: 'Add "Enable IAM User Permissions" to the key policy',
      apply: (s) => addResourceStatement(s, 'key', { Sid: 'EnableIAMUserPermissions', Effect: 'Allow', Principal: { AWS: arnOf.root(ACCOUNT_A) }, Action: 'kms:*', Resource: '*' }),
      edgeId: 'admin-decrypt',
      before: 'implicit-deny',
      after: 'allowed',
      explanation: "Now the key delegates to the account, so the account's IAM policies count — and AdministratorAccess allows kms:Decrypt.",
    },
    {
      id: 'detach-scp',
      label: 'Detach ProtectAuditLogs from the Production OU',
      apply: (s) => updateOrganizationPolicyTargets(s, ORG, 'scp-audit', () => []),
      edgeId: 'admin-logs',
      action: 's3:DeleteObject',
      before: 'explicit-deny',
      after: 'allowed',
      explanation: 'Without the guardrail, AdministratorAccess is all it takes. The SCP was the only thing protecting the logs.',
    },
  ],
};
