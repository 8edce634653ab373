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
