import { resourceArn, type PolicyDocument, type ResourceType } from '../model';
import type { ImportContext, ResourceDraft, ScenarioFragment } from './types';
import { at, decodePolicy, isAccountId, isObject, isRegion, parseArn, statementsOf, str, strings, type FileHints, type Json } from './values';

/**
 * Resource-based policies, one command's output at a time. The shapes, as each service's API reference gives
 * them:
 *
 * | command | output | the resource |
 * | --- | --- | --- |
 * | `s3api get-bucket-policy --bucket B` | `{ Policy: "<JSON>" }` | not in the output: `--bucket`, the policy's `Resource`, or the file name |
 * | `sns get-topic-attributes --topic-arn T` | `{ Attributes: { Policy: "<JSON>", TopicArn, Owner, … } }` | `TopicArn` |
 * | `sqs get-queue-attributes --attribute-names Policy QueueArn` | `{ Attributes: { Policy: "<JSON>", QueueArn } }` | `QueueArn` (only if asked for), `--queue-url` |
 * | `lambda get-policy --function-name F` | `{ Policy: "<JSON>", RevisionId }` | `--function-name`, the policy's `Resource` |
 * | `kms get-key-policy --key-id K` | `{ Policy: "<JSON>", PolicyName: "default" }` | `--key-id`, a key id in the file name |
 * | `events describe-event-bus --name N` | `{ Name, Arn, Policy?: "<JSON>" }` | `Arn` |
 * | `dynamodb get-resource-policy --resource-arn A` | `{ Policy: "<JSON>", RevisionId }` | `--resource-arn`, the policy's `Resource` |
 * | `apigateway get-rest-api --rest-api-id I` | `{ id, name, policy?: "<escaped JSON>", … }` | `id`; account and Region from the policy's `Resource` or the item |
 *
 * Policies that arrive as JSON strings are parsed (see `decodePolicy`). Where the account or Region is not
 * known, the door asks the other files (an import of one account gives its buckets that account).
 */

/** The resource commands this module reads, by the name the collection script records. */
export const RESOURCE_COMMANDS = {
  's3api get-bucket-policy': 's3-bucket',
  'sns get-topic-attributes': 'sns-topic',
  'sqs get-queue-attributes': 'sqs-queue',
  'lambda get-policy': 'lambda-function',
  'kms get-key-policy': 'kms-key',
  'events describe-event-bus': 'events-bus',
  'dynamodb get-resource-policy': 'dynamodb-table',
  'apigateway get-rest-api': 'apigateway-rest-api',
} as const satisfies Record<string, ResourceType>;

export type ResourceCommand = keyof typeof RESOURCE_COMMANDS;

/** What identifies a resource: its name as the model keeps it, and the account and Region where known. */
interface Identity {
  readonly name: string;
  readonly account?: string;
  readonly region?: string;
  readonly from: string;
}

const SERVICE_OF: Readonly<Record<ResourceType, string>> = {
  's3-bucket': 's3',
  'sns-topic': 'sns',
  'sqs-queue': 'sqs',
  'lambda-function': 'lambda',
  'kms-key': 'kms',
  'events-bus': 'events',
  'dynamodb-table': 'dynamodb',
  'apigateway-rest-api': 'execute-api',
  'kinesis-stream': 'kinesis',
  'states-state-machine': 'states',
  'ecs-task-definition': 'ecs',
  'ssm-document': 'ssm',
  'autoscaling-group': 'autoscaling',
};

/** The resource an ARN names, for the types this module imports (undefined for other ARNs or a sub-resource of another kind). */
function identityOfArn(type: ResourceType, value: string): Omit<Identity, 'from'> | undefined {
  const arn = parseArn(value);
  if (!arn || arn.service !== SERVICE_OF[type]) return undefined;
  const where = { ...(isAccountId(arn.account) ? { account: arn.account } : {}), ...(isRegion(arn.region) ? { region: arn.region } : {}) };
  const r = arn.resource;
  switch (type) {
    case 's3-bucket': {
      const bucket = r.split('/')[0] ?? '';
      return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) ? { name: bucket } : undefined;
    }
    case 'lambda-function': {
      const m = /^function:([A-Za-z0-9_-]{1,140})(:[A-Za-z0-9$_-]+)?$/.exec(r);
      return m?.[1] ? { name: m[1], ...where } : undefined;
    }
    case 'dynamodb-table': {
      const m = /^table\/([A-Za-z0-9_.-]{3,255})(\/.*)?$/.exec(r);
      return m?.[1] ? { name: m[1], ...where } : undefined;
    }
    case 'kms-key': {
      const m = /^key\/([A-Za-z0-9-]+)$/.exec(r);
      return m?.[1] ? { name: m[1], ...where } : undefined;
    }
    case 'sqs-queue':
    case 'sns-topic':
      return /^[A-Za-z0-9_.-]{1,256}$/.test(r) ? { name: r, ...where } : undefined;
    case 'events-bus': {
      const m = /^event-bus\/([/.A-Za-z0-9_-]+)$/.exec(r);
      return m?.[1] ? { name: m[1], ...where } : undefined;
    }
    case 'apigateway-rest-api': {
      const m = /^([a-z0-9]{10})(\/.*)?$/.exec(r);
      return m?.[1] ? { name: m[1], ...where } : undefined;
    }
    default:
      return undefined;
  }
}

/** The one resource of `type` the policy's Resource elements name, if they name exactly one. */
function identityFromPolicy(type: ResourceType, doc: PolicyDocument | undefined): Omit<Identity, 'from'> | undefined {
  if (!doc) return undefined;
  const found = new Map<string, Omit<Identity, 'from'>>();
  for (const st of statementsOf(doc)) {
    for (const v of [...strings(st['Resource']), ...strings(st['NotResource'])]) {
      if (v.includes('*') && type !== 's3-bucket' && type !== 'apigateway-rest-api') continue;
      const id = identityOfArn(type, v);
      if (id && !id.name.includes('*')) found.set(`${id.account ?? ''}/${id.region ?? ''}/${id.name}`, id);
    }
  }
  return found.size === 1 ? [...found.values()][0] : undefined;
}

/** The service prefixes of a policy's actions (`s3`, `kms`, …), for telling apart outputs that look alike. */
function actionServices(doc: PolicyDocument): Set<string> {
  const out = new Set<string>();
  for (const st of statementsOf(doc)) for (const a of [...strings(st['Action']), ...strings(st['NotAction'])]) if (a.includes(':')) out.add(a.slice(0, a.indexOf(':')).toLowerCase());
  return out;
}

/** `https://sqs.us-east-1.amazonaws.com/111122223333/orders` → the queue. */
function identityOfQueueUrl(url: string): Omit<Identity, 'from'> | undefined {
  const m = /^https:\/\/(?:sqs\.([a-z0-9-]+)\.amazonaws\.com|([a-z0-9-]+)\.queue\.amazonaws\.com)\/(\d{12})\/([A-Za-z0-9_.-]{1,80})$/.exec(url);
  if (!m) return undefined;
  const region = m[1] ?? m[2];
  return { name: m[4] as string, account: m[3] as string, ...(region && isRegion(region) ? { region } : {}) };
}

/**
 * Which resource command a raw output is, by its shape and, where two look alike (`{ Policy }` alone), by
 * the services its policy names. Undefined when it is no resource policy output.
 */
export function resourceCommandOf(json: unknown): ResourceCommand | undefined {
  if (!isObject(json)) return undefined;
  const attributes = json['Attributes'];
  if (isObject(attributes)) {
    if ('TopicArn' in attributes || 'SubscriptionsConfirmed' in attributes || 'DisplayName' in attributes) return 'sns get-topic-attributes';
    if ('QueueArn' in attributes || 'VisibilityTimeout' in attributes || 'MessageRetentionPeriod' in attributes) return 'sqs get-queue-attributes';
    if ('Policy' in attributes) return servicesOfPolicyValue(attributes['Policy']).has('sns') ? 'sns get-topic-attributes' : 'sqs get-queue-attributes';
    return undefined;
  }
  if (typeof json['Arn'] === 'string' && /^arn:[^:]+:events:[^:]*:\d{12}:event-bus\//.test(json['Arn'])) return 'events describe-event-bus';
  if (typeof json['id'] === 'string' && ('policy' in json || 'createdDate' in json || 'endpointConfiguration' in json || 'apiKeySource' in json)) return 'apigateway get-rest-api';
  if (!('Policy' in json) || isObject(json['Policy']) && ('Content' in (json['Policy'] as Json) || 'PolicySummary' in (json['Policy'] as Json))) return undefined;
  if (typeof json['PolicyName'] === 'string') return 'kms get-key-policy';
  const services = servicesOfPolicyValue(json['Policy']);
  if ('RevisionId' in json) return services.has('dynamodb') && !services.has('lambda') ? 'dynamodb get-resource-policy' : 'lambda get-policy';
  if (services.has('kms')) return 'kms get-key-policy';
  if (services.has('lambda')) return 'lambda get-policy';
  if (services.has('dynamodb')) return 'dynamodb get-resource-policy';
  return 's3api get-bucket-policy';
}

/** Services named by a policy given as an object or a JSON string (actions and Resource ARNs); empty when unreadable. */
function servicesOfPolicyValue(value: unknown): Set<string> {
  let doc: unknown = value;
  if (typeof value === 'string') {
    try {
      doc = JSON.parse(value) as unknown;
    } catch {
      return new Set();
    }
  }
  if (!isObject(doc) || (!isObject(doc['Statement']) && !Array.isArray(doc['Statement']))) return new Set();
  const policy = doc as PolicyDocument;
  const out = actionServices(policy);
  for (const st of statementsOf(policy)) for (const r of strings(st['Resource'])) {
    const arn = parseArn(r);
    if (arn) out.add(arn.service);
  }
  return out;
}

/** Reads one resource command's output into a resource with its policy. */
export function readResourcePolicy(command: ResourceCommand, json: Json, ctx: ImportContext, base: string, hints: FileHints): { fragment: ScenarioFragment; counts: Record<string, number> } {
  const type: ResourceType = RESOURCE_COMMANDS[command];
  const args = hints.args ?? {};
  let policyValue: unknown;
  let policyPath: string;
  let identity: Identity | undefined;
  const fromArn = (value: unknown, from: string): Identity | undefined => {
    const id = typeof value === 'string' ? identityOfArn(type, value) : undefined;
    return id ? { ...id, from } : undefined;
  };

  switch (command) {
    case 'sns get-topic-attributes':
    case 'sqs get-queue-attributes': {
      const attributes = isObject(json['Attributes']) ? json['Attributes'] : {};
      policyValue = attributes['Policy'];
      policyPath = at(at(base, 'Attributes'), 'Policy');
      identity = command === 'sns get-topic-attributes' ? fromArn(attributes['TopicArn'] ?? args['topic-arn'], 'its TopicArn') : fromArn(attributes['QueueArn'], 'its QueueArn');
      if (!identity && command === 'sqs get-queue-attributes' && args['queue-url']) {
        const q = identityOfQueueUrl(args['queue-url']);
        if (q) identity = { ...q, from: `the queue URL in ${hints.source}` };
      }
      break;
    }
    case 'events describe-event-bus':
      policyValue = json['Policy'];
      policyPath = at(base, 'Policy');
      identity = fromArn(json['Arn'], 'its Arn');
      break;
    case 'apigateway get-rest-api': {
      policyValue = json['policy'];
      policyPath = at(base, 'policy');
      const id = str(json['id']) ?? args['rest-api-id'];
      if (id && /^[a-z0-9]{10}$/.test(id)) identity = { name: id, from: 'its id' };
      break;
    }
    default:
      policyValue = json['Policy'];
      policyPath = at(base, 'Policy');
  }

  if (command === 'dynamodb get-resource-policy' && args['resource-arn']?.includes('/stream/')) {
    ctx.note('info', base, 'This is the policy of a DynamoDB stream, which is not modelled here; it is skipped.');
    return { fragment: {}, counts: {} };
  }
  const decoded = policyValue === undefined || policyValue === null || policyValue === '' ? undefined : decodePolicy(policyValue, ctx, policyPath, `The ${RESOURCE_LABEL[type]} policy`);
  if (policyValue !== undefined && policyValue !== null && policyValue !== '' && !decoded) return { fragment: {}, counts: {} };
  const policy = decoded?.document;

  // What the command was called with (the bundle item), then what the policy names, then the file name.
  if (!identity) {
    const arg = args['bucket'] ?? args['function-name'] ?? args['key-id'] ?? args['resource-arn'] ?? args['name'];
    if (arg) identity = fromArn(arg, hints.source) ?? (arg.startsWith('arn:') ? undefined : { name: arg, from: hints.source });
  }
  if (identity && !identity.account) {
    const p = identityFromPolicy(type, policy);
    if (p && p.name === identity.name) identity = { ...identity, ...(p.account ? { account: p.account } : {}), ...(p.region ? { region: p.region } : {}) };
  }
  if (!identity) {
    const p = identityFromPolicy(type, policy);
    if (p) identity = { ...p, from: "the policy's Resource" };
  }
  if (!identity && type === 'kms-key' && hints.keyId) identity = { name: hints.keyId, from: hints.source };
  if (!identity && hints.stem && type !== 'kms-key' && type !== 'apigateway-rest-api' && /^[A-Za-z0-9_.-]{1,255}$/.test(hints.stem)) identity = { name: hints.stem, from: hints.source };
  if (type === 'apigateway-rest-api' && identity) {
    const p = identityFromPolicy(type, policy);
    if (p && p.name === identity.name) identity = { ...identity, ...(p.account ? { account: p.account } : {}), ...(p.region ? { region: p.region } : {}) };
  }
  if (!identity) {
    ctx.note('error', base, `Which ${RESOURCE_LABEL[type]} this policy belongs to is not known: the output does not say and the policy names no single ${RESOURCE_LABEL[type]}. Wrap it ({"command": "${command}", "args": {…}, "output": …}) or name the file after the resource (see the README).`);
    return { fragment: {}, counts: {} };
  }
  if (identity.from === hints.source) ctx.note('info', base, `The ${RESOURCE_LABEL[type]} ${identity.name} is named by ${hints.source}.`);

  const account = identity.account ?? hints.account;
  let region = identity.region ?? hints.region;
  if (!region) {
    // An S3 bucket's ARN carries no Region, and decisions here do not depend on it.
    region = 'us-east-1';
    if (type !== 's3-bucket') ctx.note('warning', base, `The Region of ${RESOURCE_LABEL[type]} ${identity.name} is not known; us-east-1 is assumed (its ARN, and so policies naming it, depend on it).`);
  }
  if (identity.account && hints.account && identity.account !== hints.account) ctx.note('warning', base, `${hints.source} names account ${hints.account}, but the ${RESOURCE_LABEL[type]}'s ARN says ${identity.account}; the ARN is used.`);
  const id = resourceId(type, identity.name, account, region);
  const draft: ResourceDraft = { id, type, region, name: identity.name, ...(account ? { accountId: account } : {}), ...(policy ? { policy } : {}) };
  if (!policy) ctx.note('info', base, `The ${RESOURCE_LABEL[type]} ${identity.name} has no resource policy: only identity policies of its own account can grant access to it.`);
  return { fragment: { resources: [{ path: base, value: draft }], ...(account ? { accounts: [{ path: base, value: { id: account } }] } : {}) }, counts: { [RESOURCE_PLURAL[type] ?? type]: 1 } };
}

const RESOURCE_LABEL: Readonly<Partial<Record<ResourceType, string>>> & Record<(typeof RESOURCE_COMMANDS)[ResourceCommand], string> = {
  's3-bucket': 'bucket',
  'sns-topic': 'topic',
  'sqs-queue': 'queue',
  'lambda-function': 'function',
  'kms-key': 'key',
  'events-bus': 'event bus',
  'dynamodb-table': 'table',
  'apigateway-rest-api': 'REST API',
};
/** How an import report counts resources of each type. */
export const RESOURCE_PLURAL: Partial<Record<ResourceType, string>> = {
  's3-bucket': 'buckets',
  'sns-topic': 'topics',
  'sqs-queue': 'queues',
  'lambda-function': 'functions',
  'kms-key': 'keys',
  'events-bus': 'event buses',
  'dynamodb-table': 'tables',
  'apigateway-rest-api': 'REST APIs',
  'kinesis-stream': 'streams',
  'states-state-machine': 'state machines',
  'ecs-task-definition': 'task definitions',
  'ssm-document': 'SSM documents',
  'autoscaling-group': 'Auto Scaling groups',
};

/**
 * A resource's id: its ARN where the account is known; for a bucket (its ARN has neither account nor
 * Region) the bucket ARN. A resource whose account is still unknown gets its ARN once the door resolves it.
 */
export function resourceId(type: ResourceType, name: string, account: string | undefined, region: string): string {
  return resourceArn({ type, name, accountId: account ?? 'unknown-account', region });
}
