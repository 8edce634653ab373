/**
 * Service prefixes the checks recognise (Service Authorization Reference: "Actions, resources, and
 * condition keys for AWS services"). Not exhaustive: an unknown prefix is only a warning.
 */
export const KNOWN_SERVICE_PREFIXES: ReadonlySet<string> = new Set([
  'access-analyzer', 'acm', 'aoss', 'apigateway', 'application-autoscaling', 'appsync', 'athena', 'autoscaling', 'backup',
  'batch', 'bedrock', 'budgets', 'ce', 'cloudformation', 'cloudfront', 'cloudtrail', 'cloudwatch', 'codebuild', 'codecommit',
  'codedeploy', 'codepipeline', 'cognito-identity', 'cognito-idp', 'config', 'datasync', 'dms', 'ds', 'dynamodb', 'ebs', 'ec2',
  'ecr', 'ecs', 'eks', 'elasticache', 'elasticbeanstalk', 'elasticfilesystem', 'elasticloadbalancing', 'elasticmapreduce', 'es',
  'events', 'execute-api', 'firehose', 'fsx', 'glacier', 'glue', 'guardduty', 'health', 'iam', 'identitystore', 'inspector2',
  'iot', 'kafka', 'kinesis', 'kinesisanalytics', 'kms', 'lakeformation', 'lambda', 'logs', 'macie2', 'mq', 'organizations',
  'pipes', 'quicksight', 'ram', 'rds', 'rds-data', 'redshift', 'resource-groups', 'route53', 'route53domains', 's3',
  's3express', 's3-object-lambda', 'sagemaker', 'scheduler', 'schemas', 'secretsmanager', 'securityhub', 'servicecatalog',
  'servicediscovery', 'ses', 'shield', 'sns', 'sqs', 'ssm', 'ssmmessages', 'sso', 'states', 'storagegateway', 'sts', 'support',
  'tag', 'transfer', 'waf', 'wafv2', 'xray',
]);

/** The service prefix a resource type's actions use. */
export const RESOURCE_TYPE_SERVICE: Readonly<Record<string, string>> = {
  's3-bucket': 's3',
  'sns-topic': 'sns',
  'sqs-queue': 'sqs',
  'lambda-function': 'lambda',
  'apigateway-rest-api': 'execute-api',
  'events-bus': 'events',
  'dynamodb-table': 'dynamodb',
  'kms-key': 'kms',
  'kinesis-stream': 'kinesis',
  'states-state-machine': 'states',
  'ecs-task-definition': 'ecs',
  'ssm-document': 'ssm',
};

/**
 * Levenshtein distance, for "did you mean", up to `max`: any distance above it comes back as `max + 1`.
 * Only a band of 2·max + 1 cells per row is computed, and the work stops as soon as a whole row is past
 * `max`, so comparing a 100,000-character name with a list of short ones costs little per name (without the
 * cut-off, very long unknown prefixes held the policy editor for seconds).
 */
export function editDistance(a: string, b: string, max: number = Math.max(a.length, b.length)): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Keep `b` the shorter: rows are as long as it is.
  if (b.length > a.length) [a, b] = [b, a];
  const over = max + 1;
  let prev = new Array<number>(b.length + 1);
  let row = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j <= max ? j : over;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    row[0] = i <= max ? i : over;
    if (from > 1 && from - 1 <= b.length) row[from - 1] = over;
    let best = row[0] as number;
    for (let j = from; j <= to; j++) {
      const d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      row[j] = d > over ? over : d;
      if (d < best) best = d;
    }
    if (to < b.length) row[to + 1] = over;
    if (best > max) return over;
    [prev, row] = [row, prev];
  }
  return Math.min(prev[b.length] as number, over);
}

/** The closest known prefix within distance 2, if any. */
export function closestService(prefix: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of KNOWN_SERVICE_PREFIXES) {
    const d = editDistance(prefix, known, bestDistance - 1);
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Global condition keys (IAM User Guide: "AWS global condition context keys"), lower-case. Keys with a
 * tag suffix are listed by their prefix ending in "/".
 */
export const GLOBAL_CONDITION_KEYS: ReadonlySet<string> = new Set(
  [
    'aws:PrincipalArn', 'aws:PrincipalAccount', 'aws:PrincipalOrgPaths', 'aws:PrincipalOrgID', 'aws:PrincipalTag/',
    'aws:PrincipalIsAWSService', 'aws:PrincipalServiceName', 'aws:PrincipalServiceNamesList', 'aws:PrincipalType',
    'aws:userid', 'aws:username', 'aws:AssumedRoot', 'aws:FederatedProvider', 'aws:TokenIssueTime', 'aws:MultiFactorAuthAge',
    'aws:MultiFactorAuthPresent', 'aws:ChatbotSourceArn', 'aws:Ec2InstanceSourceVpc', 'aws:Ec2InstanceSourcePrivateIPv4',
    'aws:SourceIdentity', 'aws:SourceIp', 'aws:SourceVpc', 'aws:SourceVpcArn', 'aws:SourceVpce', 'aws:VpceAccount', 'aws:VpceOrgID',
    'aws:VpceOrgPaths', 'aws:VpcSourceIp', 'aws:ResourceAccount', 'aws:ResourceOrgPaths', 'aws:ResourceOrgID', 'aws:ResourceTag/',
    'aws:CalledVia', 'aws:CalledViaFirst', 'aws:CalledViaLast', 'aws:ViaAWSService', 'aws:CurrentTime', 'aws:EpochTime',
    'aws:referer', 'aws:RequestedRegion', 'aws:RequestTag/', 'aws:TagKeys', 'aws:SecureTransport', 'aws:SourceAccount',
    'aws:SourceArn', 'aws:SourceOrgID', 'aws:SourceOrgPaths', 'aws:UserAgent', 'aws:IsMcpServiceAction', 'aws:CalledViaAWSMCP',
  ].map((k) => k.toLowerCase()),
);

/** The closest global condition key within distance 3, if any (for "did you mean"). */
export function closestGlobalKey(key: string): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = 4;
  for (const known of GLOBAL_CONDITION_KEYS) {
    const d = editDistance(lower, known, bestDistance - 1);
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  return best;
}
