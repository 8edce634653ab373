import type { PolicyDocument, ResourceType } from '../model';
import { IacBuilder, iamNameOf, lambdaPermissionStatement, type IacEnv, type Where } from './iac';
import { STAND_IN_ACCOUNT } from './standIn';
import type { ImportContext, ImportDefaults, Importer } from './types';
import { at, hintsFromFileName, isAccountId, isObject, isRegion, str, type Json } from './values';

/**
 * Terraform plans as `terraform show -json PLAN` prints them (Terraform: "JSON Output Format",
 * https://developer.hashicorp.com/terraform/internals/json-format): `planned_values.root_module` holds every
 * resource instance as it will be after apply, with `resources` and nested `child_modules`; `resource_changes`
 * holds each instance's change, whose `after_unknown` marks the attributes known only after apply; and
 * `configuration` holds each resource's expressions, whose `references` say what an unknown value is made from.
 * A state (`terraform show -json` of a state file) has the same `values.root_module` and is read the same way.
 *
 * The attributes read are those of the Terraform AWS provider's resources (its documentation,
 * website/docs/r/<type>.html.markdown; cited per type in src/import/fixtures/iac/README.md). A value known only
 * after apply (a new role's ARN, a key's id) is built from what the configuration says it refers to — a role's
 * ARN from its name, account and path — and, where nothing can build it, stands as a placeholder that says so
 * ("(known after apply) aws_kms_key.data.key_id"; no colon, so ARNs built from it keep their six parts), with a note.
 */

/** One resource instance of the plan. */
interface Instance {
  readonly address: string;
  /** The module the instance is in (`module.network` or '' for the root), without instance keys. */
  readonly module: string;
  /** The configuration address: module path and `type.name`, without instance keys. */
  readonly configAddress: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: unknown;
  readonly values: Json;
  readonly unknown: Json;
  readonly path: string;
}

/** The resource types read, and what each is. */
const TYPES: Readonly<Record<string, string>> = {
  aws_iam_role: 'an IAM role',
  aws_iam_policy: 'a managed policy',
  aws_iam_role_policy: 'an inline policy of a role',
  aws_iam_role_policy_attachment: 'a managed policy attached to a role',
  aws_iam_user: 'an IAM user',
  aws_iam_user_policy: 'an inline policy of a user',
  aws_iam_user_policy_attachment: 'a managed policy attached to a user',
  aws_iam_group: 'an IAM group',
  aws_iam_group_policy: 'an inline policy of a group',
  aws_iam_group_policy_attachment: 'a managed policy attached to a group',
  aws_iam_group_membership: 'members of a group',
  aws_iam_user_group_membership: 'groups of a user',
  aws_iam_policy_attachment: 'a managed policy attached to users, roles and groups',
  aws_s3_bucket: 'an S3 bucket',
  aws_s3_bucket_policy: 'a bucket policy',
  aws_sns_topic: 'an SNS topic',
  aws_sns_topic_policy: 'a topic policy',
  aws_sqs_queue: 'an SQS queue',
  aws_sqs_queue_policy: 'a queue policy',
  aws_lambda_function: 'a Lambda function',
  aws_lambda_permission: 'a Lambda permission',
  aws_kms_key: 'a KMS key',
  aws_kms_key_policy: 'a key policy',
  aws_cloudwatch_event_bus: 'an EventBridge bus',
  aws_cloudwatch_event_bus_policy: 'an EventBridge bus policy',
  aws_cloudwatch_event_rule: 'an EventBridge rule',
  aws_cloudwatch_event_target: 'an EventBridge rule target',
  aws_dynamodb_table: 'a DynamoDB table',
  aws_dynamodb_resource_policy: 'a DynamoDB resource policy',
  aws_api_gateway_rest_api: 'an API Gateway REST API',
  aws_api_gateway_rest_api_policy: 'a REST API policy',
  aws_kinesis_stream: 'a Kinesis stream',
  aws_sfn_state_machine: 'a Step Functions state machine',
  aws_ecs_task_definition: 'an ECS task definition',
  aws_ssm_document: 'an SSM document',
  aws_autoscaling_group: 'an Auto Scaling group',
  aws_organizations_policy: 'an organization policy',
  aws_organizations_policy_attachment: 'an organization policy attachment',
};

/** The placeholder for a value known only after apply that nothing in the plan can build. */
export function knownAfterApply(what: string): string {
  return `(known after apply) ${what}`;
}

/** `module.a[0].aws_iam_role.r["x"]` → `module.a.aws_iam_role.r`. */
function withoutKeys(address: string): string {
  return address.replace(/\[[^\]]*\]/g, '');
}

function moduleOf(address: string, type: string, name: string, mode: string): string {
  const tail = `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
  const bare = withoutKeys(address);
  return bare.endsWith(tail) ? bare.slice(0, bare.length - tail.length).replace(/\.$/, '') : '';
}

/** Whether a JSON value looks like a Terraform plan or state. */
export function looksLikeTerraform(json: unknown): json is Json {
  if (!isObject(json) || typeof json['format_version'] !== 'string') return false;
  return isObject(json['planned_values']) || Array.isArray(json['resource_changes']) || (isObject(json['values']) && 'root_module' in json['values']) || typeof json['terraform_version'] === 'string';
}

/** The plan's resource instances: planned values (with child modules), else the changes' `after`, else a state's values. */
function instancesOf(plan: Json, ctx: ImportContext): Instance[] {
  const unknownByAddress = new Map<string, Json>();
  const changes = Array.isArray(plan['resource_changes']) ? plan['resource_changes'] : [];
  const deleted = new Set<string>();
  changes.forEach((c) => {
    if (!isObject(c) || typeof c['address'] !== 'string' || !isObject(c['change'])) return;
    const change = c['change'];
    const actions = Array.isArray(change['actions']) ? change['actions'] : [];
    if (actions.length === 1 && actions[0] === 'delete') deleted.add(c['address']);
    if (isObject(change['after_unknown'])) unknownByAddress.set(c['address'], change['after_unknown']);
  });
  const out: Instance[] = [];
  const walk = (module: unknown, path: string, depth: number): void => {
    if (!isObject(module) || depth > 32) return;
    const resources = Array.isArray(module['resources']) ? module['resources'] : [];
    resources.forEach((r, i) => {
      const p = at(at(path, 'resources'), i);
      if (!isObject(r) || typeof r['address'] !== 'string' || typeof r['type'] !== 'string' || typeof r['name'] !== 'string') return ctx.note('warning', p, 'A resource without address, type and name is skipped.');
      const mode = r['mode'] === 'data' ? 'data' : 'managed';
      const m = moduleOf(r['address'], r['type'], r['name'], mode);
      out.push({
        address: r['address'],
        module: m,
        configAddress: withoutKeys(r['address']),
        mode,
        type: r['type'],
        name: r['name'],
        index: r['index'],
        values: isObject(r['values']) ? r['values'] : {},
        unknown: unknownByAddress.get(r['address']) ?? {},
        path: p,
      });
    });
    const children = Array.isArray(module['child_modules']) ? module['child_modules'] : [];
    children.forEach((c, i) => walk(c, at(at(path, 'child_modules'), i), depth + 1));
  };
  if (isObject(plan['planned_values'])) walk(plan['planned_values']['root_module'], '$.planned_values.root_module', 0);
  else if (isObject(plan['values'])) walk(plan['values']['root_module'], '$.values.root_module', 0);
  else {
    changes.forEach((c, i) => {
      if (!isObject(c) || typeof c['address'] !== 'string' || typeof c['type'] !== 'string' || typeof c['name'] !== 'string' || !isObject(c['change'])) return;
      if (deleted.has(c['address']) || !isObject(c['change']['after'])) return;
      const mode = c['mode'] === 'data' ? 'data' : 'managed';
      out.push({ address: c['address'], module: moduleOf(c['address'], c['type'], c['name'], mode), configAddress: withoutKeys(c['address']), mode, type: c['type'], name: c['name'], index: c['index'], values: c['change']['after'], unknown: unknownByAddress.get(c['address']) ?? {}, path: at(at(at('$.resource_changes', i), 'change'), 'after') });
    });
  }
  // Data sources read during planning are in the prior state, not the planned values.
  const prior = isObject(plan['prior_state']) && isObject(plan['prior_state']['values']) ? plan['prior_state']['values']['root_module'] : undefined;
  if (prior !== undefined) {
    const before = out.length;
    walk(prior, '$.prior_state.values.root_module', 0);
    const seen = new Set(out.slice(0, before).map((x) => x.address));
    const extra = out.splice(before).filter((x) => x.mode === 'data' && !seen.has(x.address));
    out.push(...extra);
  }
  return out;
}

/** Each resource's configuration expressions, by configuration address (module calls followed). */
function configurationOf(plan: Json): Map<string, Json> {
  const out = new Map<string, Json>();
  const walk = (module: unknown, prefix: string, depth: number): void => {
    if (!isObject(module) || depth > 32) return;
    for (const r of Array.isArray(module['resources']) ? module['resources'] : []) {
      if (isObject(r) && typeof r['address'] === 'string' && isObject(r['expressions'])) out.set(`${prefix}${r['address']}`, r['expressions']);
    }
    if (isObject(module['module_calls'])) {
      for (const [name, call] of Object.entries(module['module_calls'])) if (isObject(call)) walk(call['module'], `${prefix}module.${name}.`, depth + 1);
    }
  };
  if (isObject(plan['configuration'])) walk(plan['configuration']['root_module'], '', 0);
  return out;
}

/** Reads one plan. */
function readPlan(plan: Json, name: string, ctx: ImportContext, defaults: ImportDefaults | undefined): { fragment: ReturnType<IacBuilder['build']>['fragment']; counts: Record<string, number> } {
  const major = /^(\d+)\./.exec(String(plan['format_version']))?.[1];
  if (major !== undefined && major !== '0' && major !== '1') {
    ctx.note('error', '$.format_version', `The plan is in JSON format ${String(plan['format_version'])}; this app reads format 1.x (Terraform's rule: reject an unsupported major version).`);
    return { fragment: {}, counts: {} };
  }
  const instances = instancesOf(plan, ctx);
  const config = configurationOf(plan);
  const hints = hintsFromFileName(name);

  // The account: the caller identity data source, a known IAM ARN of the plan's own resources, the given default, the file name.
  const caller = instances.find((x) => x.mode === 'data' && x.type === 'aws_caller_identity');
  let account: string | undefined = isAccountId(caller?.values['account_id']) ? (caller?.values['account_id'] as string) : undefined;
  let accountFrom = 'the aws_caller_identity data source';
  if (!account) {
    for (const x of instances) {
      const m = x.mode === 'managed' && typeof x.values['arn'] === 'string' ? /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/.exec(x.values['arn']) : null;
      if (m) {
        account = m[1];
        accountFrom = `the ARN of ${x.address}`;
        break;
      }
    }
  }
  if (!account) {
    const pc = isObject(plan['configuration']) && isObject(plan['configuration']['provider_config']) ? plan['configuration']['provider_config']['aws'] : undefined;
    const allowed = isObject(pc) && isObject(pc['expressions']) && isObject(pc['expressions']['allowed_account_ids']) ? pc['expressions']['allowed_account_ids']['constant_value'] : undefined;
    if (Array.isArray(allowed) && allowed.length === 1 && isAccountId(allowed[0])) [account, accountFrom] = [allowed[0], 'the provider\'s allowed_account_ids'];
  }
  if (!account && defaults?.account) [account, accountFrom] = [defaults.account, 'the account given for the import'];
  if (!account && hints.account) [account, accountFrom] = [hints.account, hints.source];
  if (!account) {
    account = STAND_IN_ACCOUNT;
    ctx.note('warning', '$', 'The plan does not say which account it deploys to (no aws_caller_identity data source, no known ARN): 000000000000 stands for it. Give the account (the command line\'s --account) or put it in the file name (111122223333.plan.json).');
  } else if (accountFrom !== 'the aws_caller_identity data source') ctx.note('info', '$', `The account ${account} is taken from ${accountFrom}.`);

  const regionData = instances.find((x) => x.mode === 'data' && x.type === 'aws_region');
  const providerRegion = (() => {
    const pc = isObject(plan['configuration']) && isObject(plan['configuration']['provider_config']) ? plan['configuration']['provider_config']['aws'] : undefined;
    const expr = isObject(pc) && isObject(pc['expressions']) ? pc['expressions']['region'] : undefined;
    return isObject(expr) ? expr['constant_value'] : undefined;
  })();
  const regionCandidates = [regionData?.values['region'], regionData?.values['name'], providerRegion, defaults?.region, hints.region];
  let region = regionCandidates.find(isRegion);
  if (!region) {
    region = 'us-east-1';
    ctx.note('warning', '$', 'The plan does not say its Region (no provider region, no aws_region data source): us-east-1 is assumed; ARNs of topics, queues, functions, keys, buses and tables depend on it.');
  }
  const env: IacEnv = { account, region };
  const b = new IacBuilder(ctx, env);

  const byConfig = new Map<string, Instance[]>();
  for (const x of instances) byConfig.set(x.configAddress, [...(byConfig.get(x.configAddress) ?? []), x]);
  const regionOf = (x: Instance): string => (isRegion(x.values['region']) ? x.values['region'] : region);

  /** What a resource's attribute is after apply, built from its known attributes (undefined when it cannot be). */
  const derive = (x: Instance, attr: string): string | undefined => {
    const v = x.values;
    const s = (k: string): string | undefined => str(v[k]);
    const r = regionOf(x);
    const iam = (kind: string): string | undefined => (s('name') ? `arn:aws:iam::${account}:${kind}${typeof v['path'] === 'string' ? v['path'] : '/'}${s('name')}` : undefined);
    switch (x.type) {
      case 'aws_iam_role':
      case 'aws_iam_user':
      case 'aws_iam_group': {
        const kind = x.type.slice(8);
        return attr === 'arn' ? iam(kind) : attr === 'name' || attr === 'id' || attr === 'unique_id' ? s('name') : undefined;
      }
      case 'aws_iam_policy':
        return attr === 'arn' || attr === 'id' || attr === 'policy_id' ? iam('policy') : attr === 'name' ? s('name') : undefined;
      case 'aws_s3_bucket':
        return attr === 'arn' ? (s('bucket') ? `arn:aws:s3:::${s('bucket')}` : undefined) : attr === 'id' || attr === 'bucket' ? s('bucket') : undefined;
      case 'aws_sns_topic':
        return attr === 'arn' || attr === 'id' ? (s('name') ? `arn:aws:sns:${r}:${account}:${s('name')}` : undefined) : attr === 'name' ? s('name') : undefined;
      case 'aws_sqs_queue':
        if (!s('name')) return undefined;
        return attr === 'arn' ? `arn:aws:sqs:${r}:${account}:${s('name')}` : attr === 'id' || attr === 'url' ? `https://sqs.${r}.amazonaws.com/${account}/${s('name')}` : attr === 'name' ? s('name') : undefined;
      case 'aws_lambda_function':
        if (!s('function_name')) return undefined;
        return attr === 'arn' || attr === 'qualified_arn' ? `arn:aws:lambda:${r}:${account}:function:${s('function_name')}` : attr === 'function_name' || attr === 'id' ? s('function_name') : undefined;
      case 'aws_kms_key':
        return attr === 'arn' && s('key_id') ? `arn:aws:kms:${r}:${account}:key/${s('key_id')}` : attr === 'key_id' || attr === 'id' ? s('key_id') : undefined;
      case 'aws_cloudwatch_event_bus':
        return attr === 'arn' ? (s('name') ? `arn:aws:events:${r}:${account}:event-bus/${s('name')}` : undefined) : attr === 'name' || attr === 'id' ? s('name') : undefined;
      case 'aws_cloudwatch_event_rule': {
        const bus = s('event_bus_name') ?? 'default';
        return attr === 'arn' ? (s('name') ? `arn:aws:events:${r}:${account}:rule/${bus === 'default' ? '' : `${bus}/`}${s('name')}` : undefined) : attr === 'name' ? s('name') : undefined;
      }
      case 'aws_api_gateway_rest_api':
        return attr === 'id' ? s('id') : attr === 'execution_arn' && s('id') ? `arn:aws:execute-api:${r}:${account}:${s('id')}` : undefined;
      case 'aws_kinesis_stream':
        return attr === 'arn' || attr === 'id' ? (s('name') ? `arn:aws:kinesis:${r}:${account}:stream/${s('name')}` : undefined) : attr === 'name' ? s('name') : undefined;
      case 'aws_sfn_state_machine':
        return attr === 'arn' || attr === 'id' ? (s('name') ? `arn:aws:states:${r}:${account}:stateMachine:${s('name')}` : undefined) : attr === 'name' ? s('name') : undefined;
      case 'aws_ecs_task_definition':
        return attr === 'arn_without_revision' ? (s('family') ? `arn:aws:ecs:${r}:${account}:task-definition/${s('family')}` : undefined) : attr === 'family' ? s('family') : undefined;
      case 'aws_ssm_document':
        return attr === 'arn' ? (s('name') ? `arn:aws:ssm:${r}:${account}:document/${s('name')}` : undefined) : attr === 'name' || attr === 'id' ? s('name') : undefined;
      case 'aws_autoscaling_group':
        return attr === 'name' || attr === 'id' ? s('name') : undefined;
      case 'aws_dynamodb_table':
        return attr === 'arn' ? (s('name') ? `arn:aws:dynamodb:${r}:${account}:table/${s('name')}` : undefined) : attr === 'name' || attr === 'id' ? s('name') : undefined;
      default:
        return undefined;
    }
  };

  /**
   * An attribute's value: as planned, else built from what the configuration says it refers to, else a
   * placeholder that says it is known only after apply.
   */
  const value = (x: Instance, attr: string): string | undefined => {
    const known = x.values[attr];
    if (typeof known === 'string' && known !== '') return known;
    const self = derive(x, attr);
    if (self) return self;
    const expressions = config.get(x.configAddress);
    const expr = expressions?.[attr];
    const refs = isObject(expr) && Array.isArray(expr['references']) ? expr['references'].filter((r): r is string => typeof r === 'string') : [];
    for (const ref of refs) {
      const m = /^(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)$/.exec(ref.replace(/\[[^\]]*\]/g, ''));
      if (!m) continue;
      const target = `${x.module ? `${x.module}.` : ''}${m[1] ?? ''}${m[2]}.${m[3]}`;
      const candidates = byConfig.get(target) ?? [];
      const same = candidates.find((c) => JSON.stringify(c.index) === JSON.stringify(x.index)) ?? candidates[0];
      if (!same) continue;
      const v = typeof same.values[m[4] as string] === 'string' && same.values[m[4] as string] !== '' ? (same.values[m[4] as string] as string) : derive(same, m[4] as string);
      if (v) return v;
      const placeholder = knownAfterApply(`${same.address}.${m[4]}`);
      ctx.note('info', at(x.path, 'values'), `${x.address}.${attr} is known only after apply; it stands as “${placeholder}”.`);
      return placeholder;
    }
    if (x.unknown[attr] === true) {
      const placeholder = knownAfterApply(`${x.address}.${attr}`);
      ctx.note('info', at(x.path, 'values'), `${x.address}.${attr} is known only after apply; it stands as “${placeholder}”.`);
      return placeholder;
    }
    return undefined;
  };

  const where = (x: Instance): Where => ({ key: x.address, path: x.path });
  const valuesPath = (x: Instance, attr: string): string => at(at(x.path, 'values'), attr);
  /** A policy attribute (a JSON string in the plan); unknown until apply → a note saying what it is made of. */
  const policy = (x: Instance, attr: string, what: string): PolicyDocument | undefined => {
    const raw = x.values[attr];
    if (typeof raw === 'string' && raw.trim() !== '') return b.document(raw, valuesPath(x, attr), what);
    if (x.unknown[attr] === true) {
      const expr = config.get(x.configAddress)?.[attr];
      const refs = isObject(expr) && Array.isArray(expr['references']) ? expr['references'].filter((r): r is string => typeof r === 'string') : [];
      ctx.note('warning', valuesPath(x, attr), `${what} is known only after apply${refs.length > 0 ? ` (it is made from ${refs.slice(0, 4).join(', ')})` : ''}: it is not imported. Plan again once the resources it names exist, or write the ARNs it needs from names (aws_s3_bucket.x.bucket) so they are known at plan time.`);
    }
    return undefined;
  };
  const tags = (x: Instance): Record<string, string> => {
    const out: Record<string, string> = {};
    const t = isObject(x.values['tags']) ? x.values['tags'] : {};
    for (const [k, v] of Object.entries(t)) if (typeof v === 'string' && k !== '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  };
  const stringList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s !== '') : []);

  const organization = instances.find((x) => x.mode === 'data' && x.type === 'aws_organizations_organization');
  const skippedTypes = new Map<string, number>();
  let unsupportedOrg = 0;

  // Roles, users, groups and policies first: attachments and memberships name them.
  const order = (t: string): number => (/^aws_iam_(role|user|group|policy)$/.test(t) ? 0 : t in RESOURCE_OF || t === 'aws_cloudwatch_event_rule' ? 1 : 2);
  const managed = instances.filter((x) => x.mode === 'managed').sort((p, q) => order(p.type) - order(q.type));
  for (const x of managed) {
    const v = x.values;
    const w = where(x);
    const label = `${x.address}`;
    switch (x.type) {
      case 'aws_iam_role': {
        const name = value(x, 'name');
        const trust = policy(x, 'assume_role_policy', `The trust policy of ${label}`);
        if (!b.identity('role', w, { name, iamPath: v['path'], tags: tags(x), ...(trust ? { trust } : {}) }) || !name) break;
        const inline = Array.isArray(v['inline_policy']) ? v['inline_policy'] : [];
        inline.forEach((p, i) => {
          if (!isObject(p) || !str(p['name'])) return;
          const doc = b.document(p['policy'], at(at(valuesPath(x, 'inline_policy'), i), 'policy'), `The inline policy ${String(p['name'])} of ${label}`);
          if (doc) b.inline('role', name, p['name'] as string, doc, at(valuesPath(x, 'inline_policy'), i));
        });
        stringList(v['managed_policy_arns']).forEach((arn, i) => b.attach('role', name, arn, at(valuesPath(x, 'managed_policy_arns'), i)));
        const boundary = value(x, 'permissions_boundary');
        if (boundary) b.boundary('role', name, boundary, valuesPath(x, 'permissions_boundary'));
        break;
      }
      case 'aws_iam_user':
      case 'aws_iam_group': {
        const kind = x.type === 'aws_iam_user' ? 'user' : 'group';
        const name = value(x, 'name');
        if (!b.identity(kind, w, { name, iamPath: v['path'], tags: tags(x) }) || !name) break;
        const boundary = kind === 'user' ? value(x, 'permissions_boundary') : undefined;
        if (boundary) b.boundary('user', name, boundary, valuesPath(x, 'permissions_boundary'));
        break;
      }
      case 'aws_iam_policy': {
        const doc = policy(x, 'policy', `The managed policy ${label}`);
        b.managedPolicy(w, { name: value(x, 'name'), iamPath: v['path'], ...(str(v['description']) ? { description: v['description'] as string } : {}), document: doc });
        break;
      }
      case 'aws_iam_role_policy':
      case 'aws_iam_user_policy':
      case 'aws_iam_group_policy': {
        const kind = x.type === 'aws_iam_role_policy' ? 'role' : x.type === 'aws_iam_user_policy' ? 'user' : 'group';
        const holder = value(x, kind);
        const name = value(x, 'name') ?? x.name;
        const doc = policy(x, 'policy', `The inline policy ${label}`);
        if (holder && doc) b.inline(kind, iamNameOf(holder), name, doc, x.path);
        break;
      }
      case 'aws_iam_role_policy_attachment':
      case 'aws_iam_user_policy_attachment':
      case 'aws_iam_group_policy_attachment': {
        const kind = x.type === 'aws_iam_role_policy_attachment' ? 'role' : x.type === 'aws_iam_user_policy_attachment' ? 'user' : 'group';
        const holder = value(x, kind);
        const arn = value(x, 'policy_arn');
        if (holder && arn) b.attach(kind, iamNameOf(holder), arn, x.path);
        break;
      }
      case 'aws_iam_policy_attachment': {
        const arn = value(x, 'policy_arn');
        if (!arn) break;
        for (const [kind, attr] of [['role', 'roles'], ['user', 'users'], ['group', 'groups']] as const) stringList(v[attr]).forEach((n) => b.attach(kind, iamNameOf(n), arn, x.path));
        break;
      }
      case 'aws_iam_group_membership': {
        const group = value(x, 'group');
        if (group) stringList(v['users']).forEach((u) => b.member(u, group, x.path));
        break;
      }
      case 'aws_iam_user_group_membership': {
        const user = value(x, 'user');
        if (user) stringList(v['groups']).forEach((g) => b.member(user, g, x.path));
        break;
      }
      case 'aws_s3_bucket':
      case 'aws_sns_topic':
      case 'aws_sqs_queue':
      case 'aws_lambda_function':
      case 'aws_kms_key':
      case 'aws_cloudwatch_event_bus':
      case 'aws_dynamodb_table': {
        const type = RESOURCE_OF[x.type] as ResourceType;
        const nameAttr = x.type === 'aws_s3_bucket' ? 'bucket' : x.type === 'aws_lambda_function' ? 'function_name' : x.type === 'aws_kms_key' ? 'key_id' : 'name';
        const name = value(x, nameAttr) ?? knownAfterApply(`${x.address}.${nameAttr}`);
        // The bucket's own `policy` argument is deprecated in favour of aws_s3_bucket_policy, but still read.
        const doc = x.type === 'aws_s3_bucket' || x.type === 'aws_sns_topic' || x.type === 'aws_sqs_queue' || x.type === 'aws_kms_key' ? policy(x, 'policy', `The policy of ${label}`) : undefined;
        b.resource(w, type, name, { region: regionOf(x), ...(doc ? { policy: doc } : {}) });
        break;
      }
      case 'aws_api_gateway_rest_api':
      case 'aws_kinesis_stream':
      case 'aws_sfn_state_machine':
      case 'aws_ecs_task_definition':
      case 'aws_ssm_document':
      case 'aws_autoscaling_group': {
        const type = RESOURCE_OF[x.type] as ResourceType;
        // A REST API is named by the id API Gateway assigns (its ARN holds it); a task definition by its family.
        const nameAttr = x.type === 'aws_api_gateway_rest_api' ? 'id' : x.type === 'aws_ecs_task_definition' ? 'family' : 'name';
        const name = value(x, nameAttr) ?? knownAfterApply(`${x.address}.${nameAttr}`);
        const doc = x.type === 'aws_api_gateway_rest_api' ? policy(x, 'policy', `The policy of ${label}`) : undefined;
        b.resource(w, type, name, { region: regionOf(x), ...(doc ? { policy: doc } : {}) });
        break;
      }
      case 'aws_s3_bucket_policy':
      case 'aws_api_gateway_rest_api_policy':
      case 'aws_sns_topic_policy':
      case 'aws_sqs_queue_policy':
      case 'aws_kms_key_policy':
      case 'aws_cloudwatch_event_bus_policy':
      case 'aws_dynamodb_resource_policy': {
        const [type, refAttr] = POLICY_OF[x.type] as [ResourceType, string];
        const ref = value(x, refAttr) ?? (x.type === 'aws_cloudwatch_event_bus_policy' ? 'default' : undefined);
        const doc = policy(x, 'policy', `The policy ${label}`);
        if (ref && doc) b.resourcePolicy(w, type, ref, doc);
        else if (!ref) ctx.note('warning', x.path, `${label} does not say which resource it is for; it is skipped.`);
        break;
      }
      case 'aws_lambda_permission': {
        const fn = value(x, 'function_name');
        const principal = value(x, 'principal');
        const action = value(x, 'action') ?? 'lambda:InvokeFunction';
        if (!fn || !principal) {
          ctx.note('warning', x.path, `${label} has no function_name or principal that can be read; it is skipped.`);
          break;
        }
        if (str(v['qualifier'])) ctx.note('info', valuesPath(x, 'qualifier'), `${label} is for the qualifier ${String(v['qualifier'])}; it is applied to the function itself (versions and aliases are not modelled).`);
        const fnName = fn.startsWith('arn:') ? (/:function:([^:]+)/.exec(fn)?.[1] ?? fn) : fn;
        const functionArn = `arn:aws:lambda:${regionOf(x)}:${account}:function:${fnName}`;
        const sourceArn = value(x, 'source_arn');
        const sourceAccount = value(x, 'source_account');
        const org = value(x, 'principal_org_id');
        const urlAuth = value(x, 'function_url_auth_type');
        const statement = lambdaPermissionStatement({ sid: value(x, 'statement_id') ?? x.name, action, principal, functionArn, ...(sourceArn ? { sourceArn } : {}), ...(sourceAccount ? { sourceAccount } : {}), ...(org ? { principalOrgId: org } : {}), ...(urlAuth ? { functionUrlAuthType: urlAuth } : {}) });
        b.resourcePolicy(w, 'lambda-function', fnName, { Version: '2012-10-17', Statement: [statement] }, 'merge');
        break;
      }
      case 'aws_cloudwatch_event_rule': {
        const name = value(x, 'name');
        if (!name) {
          ctx.note('warning', x.path, `${label} has no name that can be read; it is skipped.`);
          break;
        }
        let eventPattern: Record<string, unknown> | undefined;
        if (typeof v['event_pattern'] === 'string') {
          try {
            const parsed: unknown = JSON.parse(v['event_pattern']);
            if (isObject(parsed)) eventPattern = parsed;
          } catch {
            ctx.note('warning', valuesPath(x, 'event_pattern'), `The event pattern of ${label} is not JSON; the rule is imported without it.`);
          }
        }
        b.rule(w, value(x, 'event_bus_name') ?? 'default', { name, ...(eventPattern ? { eventPattern } : {}) });
        break;
      }
      case 'aws_cloudwatch_event_target': {
        const rule = value(x, 'rule');
        const arn = value(x, 'arn');
        if (!rule || !arn) {
          ctx.note('warning', x.path, `${label} has no rule or arn that can be read; it is skipped.`);
          break;
        }
        const roleArn = value(x, 'role_arn');
        b.ruleTarget(w, rule, value(x, 'event_bus_name') ?? 'default', { id: value(x, 'target_id') ?? x.name, arn, ...(roleArn ? { roleArn } : {}) });
        break;
      }
      case 'aws_organizations_policy': {
        const type = v['type'] === 'RESOURCE_CONTROL_POLICY' ? 'rcp' : v['type'] === undefined || v['type'] === 'SERVICE_CONTROL_POLICY' ? 'scp' : undefined;
        if (!type) {
          unsupportedOrg++;
          ctx.note('info', x.path, `${label} is a ${String(v['type'])}, which does not decide access; it is skipped.`);
          break;
        }
        const doc = policy(x, 'content', `The ${type.toUpperCase()} ${label}`);
        const id = str(v['id']) ?? x.address;
        if (doc) b.orgPolicy(w, x.address, { id, name: value(x, 'name') ?? x.name, type, document: doc });
        break;
      }
      case 'aws_organizations_policy_attachment': {
        const target = value(x, 'target_id');
        let policyRef = str(v['policy_id']);
        if (!policyRef) {
          const expr = config.get(x.configAddress)?.['policy_id'];
          const ref = isObject(expr) && Array.isArray(expr['references']) ? expr['references'].find((r): r is string => typeof r === 'string' && /^aws_organizations_policy\.[^.]+$/.test(r.replace(/\[[^\]]*\]/g, ''))) : undefined;
          if (ref) policyRef = `${x.module ? `${x.module}.` : ''}${ref}`;
        }
        if (target && policyRef) b.orgAttachment(w, policyRef, target);
        else ctx.note('warning', x.path, `${label} does not say which policy or target it attaches; it is skipped.`);
        break;
      }
      default:
        skippedTypes.set(x.type, (skippedTypes.get(x.type) ?? 0) + 1);
        ctx.note('info', x.path, `${x.address}: ${x.type} is not a resource this app models (it grants no access through a policy here); it is skipped.`);
    }
  }
  if (unsupportedOrg > 0) b.counts['organization policies skipped (not SCPs or RCPs)'] = unsupportedOrg;
  if (skippedTypes.size > 0) b.counts['resources of other types skipped'] = [...skippedTypes.values()].reduce((a, n) => a + n, 0);
  const built = b.build();
  // The organization the caller reads (data "aws_organizations_organization"), when the plan has it: its id, root and management account.
  if (organization && built.fragment.organizations && built.fragment.organizations.length > 0) {
    const o = organization.values;
    const roots = Array.isArray(o['roots']) ? o['roots'] : [];
    const rootId = roots.map((r) => (isObject(r) ? str(r['id']) : undefined)).find(Boolean);
    const orgs = built.fragment.organizations.map((f) => ({ ...f, value: { ...f.value, ...(str(o['id']) ? { id: o['id'] as string } : {}), ...(isAccountId(o['master_account_id']) ? { managementAccountId: o['master_account_id'] as string } : {}), ...(rootId ? { rootId } : {}) } }));
    return { fragment: { ...built.fragment, organizations: orgs }, counts: built.counts };
  }
  return built;
}

const RESOURCE_OF: Readonly<Record<string, ResourceType>> = {
  aws_s3_bucket: 's3-bucket',
  aws_sns_topic: 'sns-topic',
  aws_sqs_queue: 'sqs-queue',
  aws_lambda_function: 'lambda-function',
  aws_kms_key: 'kms-key',
  aws_cloudwatch_event_bus: 'events-bus',
  aws_dynamodb_table: 'dynamodb-table',
  aws_api_gateway_rest_api: 'apigateway-rest-api',
  aws_kinesis_stream: 'kinesis-stream',
  aws_sfn_state_machine: 'states-state-machine',
  aws_ecs_task_definition: 'ecs-task-definition',
  aws_ssm_document: 'ssm-document',
  aws_autoscaling_group: 'autoscaling-group',
};

/** A resource policy's type and the argument naming its resource (the provider's documentation of each). */
const POLICY_OF: Readonly<Record<string, [ResourceType, string]>> = {
  aws_s3_bucket_policy: ['s3-bucket', 'bucket'],
  aws_api_gateway_rest_api_policy: ['apigateway-rest-api', 'rest_api_id'],
  aws_sns_topic_policy: ['sns-topic', 'arn'],
  aws_sqs_queue_policy: ['sqs-queue', 'queue_url'],
  aws_kms_key_policy: ['kms-key', 'key_id'],
  aws_cloudwatch_event_bus_policy: ['events-bus', 'event_bus_name'],
  aws_dynamodb_resource_policy: ['dynamodb-table', 'resource_arn'],
};

/** The Terraform plan importer. */
export const terraformPlan: Importer = {
  format: 'terraform-plan',
  label: 'Terraform plan (terraform show -json)',
  recognise: ({ json }) => looksLikeTerraform(json),
  read: ({ json, name, defaults }, ctx) => {
    const plan = json as Json;
    const r = readPlan(plan, name, ctx, defaults);
    const isState = !isObject(plan['planned_values']) && isObject(plan['values']);
    const tv = typeof plan['terraform_version'] === 'string' ? ` (Terraform ${plan['terraform_version']})` : '';
    return { recognised: { format: isState ? 'terraform-state' : 'terraform-plan', label: `${isState ? 'Terraform state' : 'Terraform plan'}${tv}` }, ...r };
  },
};

/** Resource types the Terraform importer reads (for the README and tests). */
export const TERRAFORM_TYPES: readonly string[] = Object.keys(TYPES);
