/**
 * Service-specific facts the evaluator needs, each with the AWS page it comes from.
 */

/**
 * Services whose resources RCPs apply to (AWS Organizations: Resource control policies — "List of AWS
 * services that support RCPs"). For other services an RCP has no effect.
 */
export const RCP_SERVICES: ReadonlySet<string> = new Set([
  's3',
  'sts',
  'kms',
  'sqs',
  'secretsmanager',
  'ecr',
  'aoss',
  'cognito-idp',
  'logs',
  'dynamodb',
]);

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
