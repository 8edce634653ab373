import hcl from 'hcl2-parser';

/**
 * Test support: what `terraform apply` then `terraform show -json` would print for an exported module, made
 * without Terraform (it cannot run here). The HCL is parsed by a real HCL parser (hcl2-parser, HashiCorp's
 * HCL v2 compiled to JavaScript); each resource's arguments become its values, the attributes AWS computes
 * (ARNs, ids) are filled in as the provider documents them, and references between resources
 * (`aws_iam_role.deploy.name`, `"${aws_api_gateway_rest_api.api.execution_arn}/prod"`) are resolved. Ids AWS
 * assigns at creation (a KMS key's, a REST API's) are taken from `assigned`, in the order the file declares
 * them, as AWS would hand them out.
 */

type Json = Record<string, unknown>;

export interface StateOptions {
  readonly account: string;
  /** Ids AWS assigns, by resource type, in declaration order: `{ aws_kms_key: ['1234abcd-…'] }`. */
  readonly assigned?: Readonly<Record<string, readonly string[]>>;
}

/** Parses HCL, failing the test with the parser's message when it is not valid HCL. */
export function parseHcl(text: string): Json {
  const [value, error] = hcl.parseToObject(text) as [Json | null, unknown];
  if (!value) throw new Error(`Not valid HCL: ${JSON.stringify(error)}`);
  return value;
}

function computed(type: string, v: Json, account: string, region: string, assigned: () => string | undefined): Json {
  const s = (k: string): string => String(v[k] ?? '');
  const r = typeof v['region'] === 'string' ? v['region'] : region;
  switch (type) {
    case 'aws_iam_role':
    case 'aws_iam_user':
    case 'aws_iam_group':
      return { id: s('name'), arn: `arn:aws:iam::${account}:${type.slice(8)}${typeof v['path'] === 'string' ? v['path'] : '/'}${s('name')}` };
    case 'aws_iam_policy': {
      const arn = `arn:aws:iam::${account}:policy${typeof v['path'] === 'string' ? v['path'] : '/'}${s('name')}`;
      return { id: arn, arn };
    }
    case 'aws_s3_bucket':
      return { id: s('bucket'), arn: `arn:aws:s3:::${s('bucket')}` };
    case 'aws_sns_topic':
      return { id: `arn:aws:sns:${r}:${account}:${s('name')}`, arn: `arn:aws:sns:${r}:${account}:${s('name')}` };
    case 'aws_sqs_queue':
      return { id: `https://sqs.${r}.amazonaws.com/${account}/${s('name')}`, url: `https://sqs.${r}.amazonaws.com/${account}/${s('name')}`, arn: `arn:aws:sqs:${r}:${account}:${s('name')}` };
    case 'aws_lambda_function':
      return { id: s('function_name'), arn: `arn:aws:lambda:${r}:${account}:function:${s('function_name')}` };
    case 'aws_kms_key': {
      const id = assigned() ?? 'unassigned';
      return { id, key_id: id, arn: `arn:aws:kms:${r}:${account}:key/${id}` };
    }
    case 'aws_api_gateway_rest_api': {
      const id = assigned() ?? 'unassigned';
      return { id, execution_arn: `arn:aws:execute-api:${r}:${account}:${id}` };
    }
    case 'aws_cloudwatch_event_bus':
      return { id: s('name'), arn: `arn:aws:events:${r}:${account}:event-bus/${s('name')}` };
    case 'aws_cloudwatch_event_rule':
      return { id: s('name'), arn: `arn:aws:events:${r}:${account}:rule/${v['event_bus_name'] && v['event_bus_name'] !== 'default' ? `${s('event_bus_name')}/` : ''}${s('name')}` };
    case 'aws_dynamodb_table':
      return { id: s('name'), arn: `arn:aws:dynamodb:${r}:${account}:table/${s('name')}` };
    case 'aws_organizations_policy':
      return { id: `p-${s('name').toLowerCase().replace(/[^a-z0-9]/g, '').padEnd(8, '0').slice(0, 12)}` };
    default:
      return {};
  }
}

/** `terraform show -json` of the state after applying `text` in `account`. */
export function stateOf(text: string, options: StateOptions): Json {
  const doc = parseHcl(text);
  const provider = ((doc['provider'] as Json | undefined)?.['aws'] as Json[] | undefined)?.[0] ?? {};
  const region = typeof provider['region'] === 'string' ? provider['region'] : 'us-east-1';
  const queues = new Map(Object.entries(options.assigned ?? {}).map(([k, v]) => [k, [...v]]));
  const resources: { address: string; type: string; name: string; values: Json }[] = [];
  for (const [type, byName] of Object.entries((doc['resource'] as Json | undefined) ?? {})) {
    for (const [name, blocks] of Object.entries(byName as Json)) {
      const values = { ...((blocks as Json[])[0] ?? {}) };
      resources.push({ address: `${type}.${name}`, type, name, values });
    }
  }
  // Declaration order, as AWS would assign ids in the order resources are created.
  const order = (t: string) => [...text.matchAll(new RegExp(`resource "${t}" "([^"]+)"`, 'g'))].map((m) => m[1]);
  for (const [type, ids] of queues) {
    const names = order(type);
    for (const r of resources.filter((x) => x.type === type).sort((a, b) => names.indexOf(a.name) - names.indexOf(b.name))) {
      r.values['__assigned'] = ids.shift();
    }
  }
  const byAddress = new Map(resources.map((r) => [r.address, r]));
  const resolve = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return value.replace(/\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}/g, (whole, t: string, n: string, attr: string) => {
        const target = byAddress.get(`${t}.${n}`);
        const v = target?.values[attr];
        return typeof v === 'string' && !/\$\{[a-z0-9_]+\./.test(v) ? v : whole;
      });
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    return value;
  };
  // Arguments first (names may be references), then what AWS computes from them, until nothing changes.
  for (let round = 0; round < 6; round++) {
    for (const r of resources) {
      const assigned = r.values['__assigned'] as string | undefined;
      for (const [k, v] of Object.entries(r.values)) if (k !== '__assigned') r.values[k] = resolve(v);
      Object.assign(r.values, computed(r.type, r.values, options.account, region, () => assigned));
    }
  }
  for (const r of resources) delete r.values['__assigned'];
  const data = ((doc['data'] as Json | undefined)?.['aws_caller_identity'] as Json | undefined) ? [{ address: 'data.aws_caller_identity.current', mode: 'data', type: 'aws_caller_identity', name: 'current', values: { account_id: options.account, id: options.account } }] : [];
  return {
    format_version: '1.0',
    terraform_version: '1.9.8',
    values: { root_module: { resources: [...resources.map((r) => ({ address: r.address, mode: 'managed', type: r.type, name: r.name, provider_name: 'registry.terraform.io/hashicorp/aws', values: r.values })), ...data] } },
  };
}
