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

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] as number;
}

/** The closest known prefix within distance 2, if any. */
export function closestService(prefix: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of KNOWN_SERVICE_PREFIXES) {
    const d = editDistance(prefix, known);
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
    const d = editDistance(lower, known);
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  return best;
}
