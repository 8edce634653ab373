/**
 * Service-specific facts the evaluator needs, each with the AWS page it comes from.
 */

/**
 * Services whose actions RCPs apply to, by service prefix (AWS Organizations: Resource control policies —
 * "List of AWS services that support RCPs"). For other services an RCP has no effect.
 */
export const RCP_SERVICES: ReadonlySet<string> = new Set([
  'appstream', 'dsql', 'clouddirectory', 'cloudfront', 'cloudsearch', 'logs', 'networkmonitor', 'cognito-identity',
  'cognito-idp', 'comprehend', 'comprehendmedical', 'firehose', 'dynamodb', 'dax', 'autoscaling', 'ecr', 'ecr-public',
  'gamelift', 'inspector-scan', 'kendra', 'kinesisvideo', 'memorydb', 'aoss', 'personalize', 'polly', 's3', 'swf', 'sqs',
  'textract', 'timestream-influxdb', 'transcribe', 'translate', 'workspaces', 'appconfig', 'autoscaling-plans', 'budgets',
  'servicediscovery', 'cloudtrail-data', 'codeartifact', 'codebuild', 'codecommit', 'codepipeline', 'compute-optimizer',
  'cost-optimization-hub', 'events', 'fms', 'fis', 'health', 'rolesanywhere', 'kms', 'opensearch', 'pricing',
  'pca-connector-ad', 'resource-groups', 'secretsmanager', 'sts', 'signin', 'support', 'transfer', 'notifications', 'wafv2',
  'xray',
]);

/**
 * Actions RCPs never restrict: "RCPs do not impact the kms:RetireGrant permission" (AWS Organizations:
 * Resource control policies — "Resources and entities not restricted by RCPs"). Lower-case.
 */
export const RCP_EXEMPT_ACTIONS: ReadonlySet<string> = new Set(['kms:retiregrant']);

/**
 * KMS operations that work across accounts. "Cross-account permission is effective only for the following
 * operations: cryptographic operations, CreateGrant, DescribeKey, GetKeyRotationStatus, GetPublicKey,
 * ListGrants, RetireGrant, RevokeGrant" (AWS KMS: Allowing users in other accounts to use a KMS key).
 */
export const KMS_CROSS_ACCOUNT_ACTIONS: ReadonlySet<string> = new Set(
  [
    'Decrypt',
    'DeriveSharedSecret',
    'Encrypt',
    'GenerateDataKey',
    'GenerateDataKeyPair',
    'GenerateDataKeyPairWithoutPlaintext',
    'GenerateDataKeyWithoutPlaintext',
    'GenerateMac',
    'ReEncryptFrom',
    'ReEncryptTo',
    'Sign',
    'Verify',
    'VerifyMac',
    'CreateGrant',
    'DescribeKey',
    'GetKeyRotationStatus',
    'GetPublicKey',
    'ListGrants',
    'RetireGrant',
    'RevokeGrant',
  ].map((a) => `kms:${a}`.toLowerCase()),
);

/** The service prefix of an action (`s3:GetObject` → `s3`), lower-cased. */
export function serviceOf(action: string): string {
  const colon = action.indexOf(':');
  return (colon < 0 ? action : action.slice(0, colon)).toLowerCase();
}

/** Actions that a role trust policy governs (IAM: role trust policies). */
export function isAssumeRoleAction(action: string): boolean {
  const a = action.toLowerCase();
  return a === 'sts:assumerole' || a === 'sts:assumerolewithsaml' || a === 'sts:assumerolewithwebidentity' || a === 'sts:tagsession' || a === 'sts:setsourceidentity' || a === 'sts:setcontext';
}

/**
 * sts:GetCallerIdentity needs no permission: "No permissions are required to perform this operation. If an
 * administrator attaches a policy to your identity that explicitly denies access to the
 * sts:GetCallerIdentity action, you can still perform this operation. Permissions are not required because
 * the same information is returned when access is denied" (AWS STS API Reference: GetCallerIdentity,
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html). Lower-case.
 */
export const NO_PERMISSION_ACTIONS: ReadonlySet<string> = new Set(['sts:getcalleridentity']);

/**
 * IAM operations that modify or delete a role, which AWS refuses on a service-linked role: "The service
 * controls the attached policies and when the role can be deleted ... To attach a policy to this
 * service-linked role, you must make the request using the AWS service that depends on this role" (IAM API
 * Reference: CreateServiceLinkedRole, https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateServiceLinkedRole.html),
 * and each of these operations lists the error UnmodifiableEntity: "The request was rejected because
 * service-linked roles are protected AWS resources. Only the service that depends on the service-linked
 * role can modify or delete the role on your behalf" (IAM API Reference: DeleteRole,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html; UpdateAssumeRolePolicy,
 * PutRolePolicy, DeleteRolePolicy, AttachRolePolicy, DetachRolePolicy, PutRolePermissionsBoundary,
 * DeleteRolePermissionsBoundary). Not listed, because a page says or implies otherwise or says nothing:
 * the description ("You can edit the description of any role from the IAM console, API, or CLI", IAM User
 * Guide: Update a service-linked role, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-service-linked-role.html),
 * iam:DeleteServiceLinkedRole (the documented way to delete one), iam:UpdateRole (it also changes the
 * description; the pages do not say which of its changes are refused) and tagging (the pages are silent).
 * Lower-case.
 */
export const SERVICE_LINKED_ROLE_PROTECTED_ACTIONS: ReadonlySet<string> = new Set(
  ['DeleteRole', 'UpdateAssumeRolePolicy', 'PutRolePolicy', 'DeleteRolePolicy', 'AttachRolePolicy', 'DetachRolePolicy', 'PutRolePermissionsBoundary', 'DeleteRolePermissionsBoundary'].map((a) => `iam:${a}`.toLowerCase()),
);

/**
 * IAM operations that change or delete a managed policy, which AWS refuses on an AWS managed policy
 * (`arn:aws:iam::aws:policy/…`): "An AWS managed policy is a standalone policy that is created and
 * administered by AWS ... You cannot change the permissions defined in AWS managed policies" (IAM User
 * Guide: Managed policies and inline policies,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html — its table: who
 * manages the policy, "AWS"; modify permissions, "No"). A new version or another default version would
 * change its permissions; deleting the policy or a version rests on "administered by AWS" (the page does
 * not name those operations). Tagging is not modelled: the page is silent. Lower-case.
 */
export const AWS_MANAGED_POLICY_PROTECTED_ACTIONS: ReadonlySet<string> = new Set(
  ['CreatePolicyVersion', 'SetDefaultPolicyVersion', 'DeletePolicyVersion', 'DeletePolicy'].map((a) => `iam:${a}`.toLowerCase()),
);

/**
 * KMS alias operations AWS refuses on an alias whose name begins with `alias/aws/`: "The alias name for a
 * customer managed key cannot begin with alias/aws/. The alias/aws/ prefix is reserved for AWS managed key"
 * and "You cannot manage aliases for AWS managed keys or AWS owned keys" (AWS KMS Developer Guide: Create
 * aliases, https://docs.aws.amazon.com/kms/latest/developerguide/alias-create.html; the same sentence in
 * Delete an alias, https://docs.aws.amazon.com/kms/latest/developerguide/alias-delete.html); the aliases of
 * AWS managed keys "always have the form aws/<service-name>" (Aliases in AWS KMS,
 * https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html). The pages write the prefix in
 * lower case and say nothing of other cases, so it is compared as written. Lower-case.
 */
export const AWS_MANAGED_ALIAS_PROTECTED_ACTIONS: ReadonlySet<string> = new Set(['kms:createalias', 'kms:updatealias', 'kms:deletealias']);

/** A service-linked role's ARN: its path begins /aws-service-role/ (IAM: Using service-linked roles). */
export function isServiceLinkedRoleArn(arn: string): boolean {
  return arn.includes(':role/aws-service-role/');
}

const SERVICE_LINKED_ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/aws-service-role\//;
const AWS_MANAGED_POLICY_ARN = /^arn:aws[a-z-]*:iam::aws:policy\//;
const AWS_MANAGED_ALIAS_ARN = /^arn:aws[a-z-]*:kms:[^:]*:[^:]*:alias\/aws\//;

/** The refusal that applies to a request, given what the action is (from `awsRuleOfAction`) and its resource ARN. */
export type Refusal = 'service-linked-role' | 'aws-managed-policy' | 'aws-managed-alias';

/** Which refusal family an action belongs to, if any; `no-permission-needed` for sts:GetCallerIdentity. */
export function awsRuleOfAction(actionLower: string): Refusal | 'no-permission-needed' | undefined {
  if (NO_PERMISSION_ACTIONS.has(actionLower)) return 'no-permission-needed';
  if (SERVICE_LINKED_ROLE_PROTECTED_ACTIONS.has(actionLower)) return 'service-linked-role';
  if (AWS_MANAGED_POLICY_PROTECTED_ACTIONS.has(actionLower)) return 'aws-managed-policy';
  if (AWS_MANAGED_ALIAS_PROTECTED_ACTIONS.has(actionLower)) return 'aws-managed-alias';
  return undefined;
}

/** Whether AWS refuses an action of `family` on `resourceArn` (the resource the family protects). */
export function refuses(family: Refusal, resourceArn: string): boolean {
  switch (family) {
    case 'service-linked-role':
      return SERVICE_LINKED_ROLE_ARN.test(resourceArn);
    case 'aws-managed-policy':
      return AWS_MANAGED_POLICY_ARN.test(resourceArn);
    case 'aws-managed-alias':
      return AWS_MANAGED_ALIAS_ARN.test(resourceArn);
  }
}
