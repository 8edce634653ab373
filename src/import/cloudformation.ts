import { parseDocument, type ScalarTag, type CollectionTag, type YAMLMap, type YAMLSeq } from 'yaml';
import type { PolicyDocument, ResourceType } from '../model';
import { IacBuilder, iamNameOf, lambdaPermissionStatement, type Where } from './iac';
import { STAND_IN_ACCOUNT } from './standIn';
import type { ImportContext, ImportDefaults, Importer } from './types';
import { at, hintsFromFileName, isAccountId, isObject, isRegion, tagsOf, type Json } from './values';

/**
 * CloudFormation templates, JSON or YAML (AWS CloudFormation User Guide, "Template anatomy" and "Intrinsic
 * function reference": https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html),
 * `cdk synth` output included. YAML's short forms (`!Ref`, `!Sub`, `!GetAtt A.B` or `[A, B]`, `!Join`, …) are
 * read by the `yaml` library's custom tags into the long forms (`{"Fn::Sub": …}`), so one resolver serves
 * both. A template names no account or Region (it deploys wherever it is deployed): they come from the
 * import's defaults, a parameter (`AccountId`, `Region`), or the file name, and `Ref`/`Fn::GetAtt`/`Fn::Sub`
 * resolve to the ARNs the resources would have there. Names CloudFormation generates at deploy stand as
 * `STACK-LogicalId-(generated)`, with a note.
 *
 * The resource properties read are those of the CloudFormation resource reference
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html;
 * each type's page is cited in src/import/fixtures/iac/README.md).
 */

/** The intrinsic functions with a YAML short form, and their long keys. */
const SHORT_FORMS = ['Ref', 'Condition', 'Sub', 'GetAtt', 'Join', 'Select', 'Split', 'If', 'Equals', 'FindInMap', 'ImportValue', 'Base64', 'Cidr', 'GetAZs', 'Not', 'And', 'Or', 'Transform'] as const;

const CUSTOM_TAGS: (ScalarTag | CollectionTag)[] = SHORT_FORMS.flatMap((f) => {
  const key = f === 'Ref' || f === 'Condition' ? f : `Fn::${f}`;
  return [
    // `!GetAtt Role.Arn` is the short form of `{"Fn::GetAtt": ["Role", "Arn"]}` (split at the first dot).
    { tag: `!${f}`, resolve: (s: string) => ({ [key]: f === 'GetAtt' ? [s.slice(0, s.indexOf('.') < 0 ? s.length : s.indexOf('.')), s.slice(s.indexOf('.') + 1)] : s }) } as ScalarTag,
    { tag: `!${f}`, collection: 'seq', resolve: (seq: YAMLSeq) => ({ [key]: seq.toJSON() as unknown }) } as unknown as CollectionTag,
    { tag: `!${f}`, collection: 'map', resolve: (map: YAMLMap) => ({ [key]: map.toJSON() as unknown }) } as unknown as CollectionTag,
  ];
});

/** A template's text as a value: JSON, or YAML with CloudFormation's short forms. Errors are located (line, column). */
export function parseTemplateText(text: string): { ok: true; value: unknown } | { ok: false; message: string; line?: number; column?: number } {
  const doc = parseDocument(text, { customTags: CUSTOM_TAGS, prettyErrors: true, uniqueKeys: false });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    return { ok: false, message: (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, ''), ...(pos ? { line: pos.line, column: pos.col } : {}) };
  }
  return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) as unknown };
}

/** Whether a value is a CloudFormation template: a `Resources` map of `{ Type: "AWS::…" }`, or a format version. */
export function looksLikeTemplate(json: unknown): json is Json {
  if (!isObject(json)) return false;
  if (typeof json['AWSTemplateFormatVersion'] === 'string' && isObject(json['Resources'])) return true;
  const resources = json['Resources'];
  if (!isObject(resources)) return false;
  const entries = Object.values(resources);
  return entries.length > 0 && entries.every((r) => isObject(r) && typeof r['Type'] === 'string' && /^(AWS|Custom|Alexa)::|^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(r['Type']));
}

/** Whether a text that is not JSON might be a YAML template (cheap test before parsing). */
function mightBeYamlTemplate(name: string, text: string): boolean {
  return /\.(ya?ml|template|cfn)$/i.test(name) || /^\s*(AWSTemplateFormatVersion|Resources)\s*:/m.test(text.slice(0, 65536));
}

/** What `Ref` returns for each type, and its attributes (the resource reference's "Return values" of each type). */
interface Physical {
  readonly ref: string;
  readonly attrs: Readonly<Record<string, string>>;
}

/** The resolver's scope: the template's parameters, mappings, conditions and resources' physical ids. */
class Resolver {
  private readonly physical = new Map<string, Physical>();
  private readonly conditions = new Map<string, boolean>();
  constructor(
    private readonly ctx: ImportContext,
    readonly account: string,
    readonly region: string,
    readonly stack: string,
    private readonly params: ReadonlyMap<string, unknown>,
    private readonly mappings: Json,
    private readonly conditionDefs: Json,
  ) {}

  setPhysical(logicalId: string, p: Physical): void {
    this.physical.set(logicalId, p);
  }

  private pseudo(name: string): string | undefined {
    switch (name) {
      case 'AWS::AccountId':
        return this.account;
      case 'AWS::Region':
        return this.region;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return this.stack;
      case 'AWS::StackId':
        return `arn:aws:cloudformation:${this.region}:${this.account}:stack/${this.stack}/00000000-0000-0000-0000-000000000000`;
      default:
        return undefined;
    }
  }

  private ref(name: string, path: string): unknown {
    const pseudo = this.pseudo(name);
    if (pseudo !== undefined) return pseudo;
    if (this.params.has(name)) return this.params.get(name);
    const p = this.physical.get(name);
    if (p) return p.ref;
    this.ctx.note('warning', path, `Ref ${name} names no parameter or resource of the template; it stands as “(unresolved) ${name}”.`);
    return `(unresolved) ${name}`;
  }

  private getAtt(target: string, attr: string, path: string): string {
    const p = this.physical.get(target);
    const v = p?.attrs[attr];
    if (v !== undefined) return v;
    if (!p) this.ctx.note('warning', path, `Fn::GetAtt ${target}.${attr} names no resource of the template; it stands as “(unresolved) ${target}.${attr}”.`);
    return `(${p ? 'known after deploy' : 'unresolved'}) ${target}.${attr}`;
  }

  condition(name: string, path: string, depth = 0): boolean {
    const known = this.conditions.get(name);
    if (known !== undefined) return known;
    const def = this.conditionDefs[name];
    if (def === undefined || depth > 32) {
      this.ctx.note('warning', path, `The condition ${name} is not defined in the template; it is taken as true.`);
      return true;
    }
    const v = this.resolve(def, at('$.Conditions', name), depth + 1);
    const b = v === true || v === 'true';
    this.conditions.set(name, b);
    return b;
  }

  private sub(template: string, vars: Json, path: string, depth: number): string {
    // "${!Literal}" writes "${Literal}"; "${Name}" is a parameter, resource or variable; "${Name.Attr}" an attribute.
    return template.replace(/\$\{(!?)([^}]*)\}/g, (_m, bang: string, body: string) => {
      if (bang) return `\${${body}}`;
      const name = body.trim();
      if (name in vars) return this.stringOf(this.resolve(vars[name], at(path, name), depth + 1));
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::')) return this.getAtt(name.slice(0, dot), name.slice(dot + 1), path);
      return this.stringOf(this.ref(name, path));
    });
  }

  private stringOf(v: unknown): string {
    return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  }

  /** The value with every intrinsic function applied. `AWS::NoValue` becomes undefined and is dropped from maps and lists. */
  resolve(value: unknown, path: string, depth = 0): unknown {
    if (depth > 64) return undefined;
    if (Array.isArray(value)) return value.map((v, i) => this.resolve(v, at(path, i), depth + 1)).filter((v) => v !== undefined);
    if (!isObject(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const key = keys[0] as string;
      const arg = value[key];
      const p = at(path, key);
      const list = (): unknown[] => {
        const r = this.resolve(arg, p, depth + 1);
        return Array.isArray(r) ? r : [r];
      };
      switch (key) {
        case 'Ref':
          return arg === 'AWS::NoValue' ? undefined : this.ref(this.stringOf(arg), p);
        case 'Condition':
          if (typeof arg === 'string') return this.condition(arg, p, depth + 1);
          break;
        case 'Fn::GetAtt': {
          const parts = Array.isArray(arg) ? arg.map((a) => this.stringOf(this.resolve(a, p, depth + 1))) : typeof arg === 'string' ? [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)] : [];
          return this.getAtt(parts[0] ?? '', parts.slice(1).join('.'), p);
        }
        case 'Fn::Sub': {
          if (typeof arg === 'string') return this.sub(arg, {}, p, depth);
          if (Array.isArray(arg) && typeof arg[0] === 'string') return this.sub(arg[0], isObject(arg[1]) ? arg[1] : {}, p, depth);
          break;
        }
        case 'Fn::Join': {
          if (!Array.isArray(arg) || arg.length !== 2) break;
          const items = this.resolve(arg[1], at(p, 1), depth + 1);
          return (Array.isArray(items) ? items : [items]).map((i) => this.stringOf(i)).join(this.stringOf(this.resolve(arg[0], at(p, 0), depth + 1)));
        }
        case 'Fn::Select': {
          const [index, items] = list();
          const from = Array.isArray(items) ? items : [];
          return from[Number(index)];
        }
        case 'Fn::Split': {
          const [sep, s] = list();
          return this.stringOf(s).split(this.stringOf(sep));
        }
        case 'Fn::If': {
          if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') break;
          return this.condition(arg[0], p, depth + 1) ? this.resolve(arg[1], at(p, 1), depth + 1) : this.resolve(arg[2], at(p, 2), depth + 1);
        }
        case 'Fn::Equals': {
          const [a, b] = list();
          return this.stringOf(a) === this.stringOf(b);
        }
        case 'Fn::Not':
          return !(list()[0] === true);
        case 'Fn::And':
          return list().every((x) => x === true);
        case 'Fn::Or':
          return list().some((x) => x === true);
        case 'Fn::FindInMap': {
          const [m, k1, k2] = list().map((x) => this.stringOf(x));
          const map = isObject(this.mappings[m ?? '']) ? (this.mappings[m ?? ''] as Json) : undefined;
          const row = map && isObject(map[k1 ?? '']) ? (map[k1 ?? ''] as Json) : undefined;
          if (row && k2 !== undefined && k2 in row) return row[k2];
          this.ctx.note('warning', p, `Fn::FindInMap ${[m, k1, k2].join('.')} finds nothing in the template's Mappings; it stands as “(unresolved)”.`);
          return '(unresolved)';
        }
        case 'Fn::ImportValue': {
          const name = this.stringOf(this.resolve(arg, p, depth + 1));
          this.ctx.note('info', p, `Fn::ImportValue ${name} is another stack's output, known only at deploy; it stands as “(imported) ${name}”.`);
          return `(imported) ${name}`;
        }
        case 'Fn::Base64':
          return this.resolve(arg, p, depth + 1);
        case 'Fn::GetAZs': {
          const region = this.stringOf(this.resolve(arg, p, depth + 1)) || this.region;
          return ['a', 'b', 'c'].map((z) => `${region}${z}`);
        }
        case 'Fn::Cidr':
          return [];
        default:
          break;
      }
    }
    const out: Json = {};
    for (const k of keys) {
      const v = this.resolve(value[k], at(path, k), depth + 1);
      if (v !== undefined && k !== '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
}

/** A resource the template declares: its logical id, type, properties (unresolved) and path. */
interface Declared {
  readonly id: string;
  readonly type: string;
  readonly properties: Json;
  readonly path: string;
  readonly condition?: string;
}

const RESOURCE_OF: Readonly<Record<string, ResourceType>> = {
  'AWS::S3::Bucket': 's3-bucket',
  'AWS::SNS::Topic': 'sns-topic',
  'AWS::SQS::Queue': 'sqs-queue',
  'AWS::Lambda::Function': 'lambda-function',
  'AWS::KMS::Key': 'kms-key',
  'AWS::Events::EventBus': 'events-bus',
  'AWS::DynamoDB::Table': 'dynamodb-table',
  'AWS::ApiGateway::RestApi': 'apigateway-rest-api',
  'AWS::Kinesis::Stream': 'kinesis-stream',
  'AWS::StepFunctions::StateMachine': 'states-state-machine',
  'AWS::ECS::TaskDefinition': 'ecs-task-definition',
  'AWS::SSM::Document': 'ssm-document',
  'AWS::AutoScaling::AutoScalingGroup': 'autoscaling-group',
};

/** Types read for what they grant or hold; everything else is listed as skipped. */
export const CLOUDFORMATION_TYPES: readonly string[] = [
  'AWS::IAM::Role',
  'AWS::IAM::User',
  'AWS::IAM::Group',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
  'AWS::IAM::UserToGroupAddition',
  'AWS::S3::Bucket',
  'AWS::S3::BucketPolicy',
  'AWS::SNS::Topic',
  'AWS::SNS::TopicPolicy',
  'AWS::SNS::TopicInlinePolicy',
  'AWS::SQS::Queue',
  'AWS::SQS::QueuePolicy',
  'AWS::SQS::QueueInlinePolicy',
  'AWS::Lambda::Function',
  'AWS::Lambda::Permission',
  'AWS::KMS::Key',
  'AWS::Events::EventBus',
  'AWS::Events::EventBusPolicy',
  'AWS::Events::Rule',
  'AWS::DynamoDB::Table',
  'AWS::ApiGateway::RestApi',
  'AWS::Kinesis::Stream',
  'AWS::StepFunctions::StateMachine',
  'AWS::ECS::TaskDefinition',
  'AWS::SSM::Document',
  'AWS::AutoScaling::AutoScalingGroup',
  'AWS::Organizations::Policy',
];

/** The physical name CloudFormation generates when a name property is absent: STACK-LogicalId-RANDOM (buckets in lower case). */
function generated(stack: string, id: string, lower = false): string {
  const n = `${stack}-${id}-(generated)`;
  return lower ? n.toLowerCase() : n;
}

function readTemplate(template: Json, fileName: string, ctx: ImportContext, defaults: ImportDefaults | undefined): { fragment: ReturnType<IacBuilder['build']>['fragment']; counts: Record<string, number> } {
  const hints = hintsFromFileName(fileName);
  const parameters = isObject(template['Parameters']) ? template['Parameters'] : {};
  const params = new Map<string, unknown>();
  let accountParam: string | undefined;
  let regionParam: string | undefined;
  for (const [name, def] of Object.entries(parameters)) {
    const d = isObject(def) ? def['Default'] : undefined;
    if (d === undefined) {
      ctx.note('info', at('$.Parameters', name), `The parameter ${name} has no default; it stands as “(parameter ${name})”.`);
      params.set(name, `(parameter ${name})`);
      continue;
    }
    params.set(name, isObject(def) && def['Type'] === 'CommaDelimitedList' && typeof d === 'string' ? d.split(',') : d);
    if (/^(aws)?account(id)?$/i.test(name) && isAccountId(d)) accountParam = d;
    if (/^(aws)?region$/i.test(name) && isRegion(d)) regionParam = d;
  }
  // A template may assert where it deploys (Rules: Fn::Equals of AWS::AccountId or AWS::Region with a literal),
  // as the export writes it; CloudFormation checks rules before creating anything.
  const asserted = (pseudo: string): string | undefined => {
    const rules = isObject(template['Rules']) ? Object.values(template['Rules']) : [];
    for (const rule of rules) {
      for (const a of isObject(rule) && Array.isArray(rule['Assertions']) ? rule['Assertions'] : []) {
        const eq = isObject(a) && isObject(a['Assert']) ? a['Assert']['Fn::Equals'] : undefined;
        if (!Array.isArray(eq) || eq.length !== 2) continue;
        const [x, y] = eq as unknown[];
        if (isObject(x) && x['Ref'] === pseudo && typeof y === 'string') return y;
        if (isObject(y) && y['Ref'] === pseudo && typeof x === 'string') return x;
      }
    }
    return undefined;
  };
  const ruleAccount = asserted('AWS::AccountId');
  const ruleRegion = asserted('AWS::Region');
  const account = defaults?.account ?? (isAccountId(ruleAccount) ? ruleAccount : undefined) ?? accountParam ?? hints.account;
  const region = defaults?.region ?? (isRegion(ruleRegion) ? ruleRegion : undefined) ?? regionParam ?? hints.region ?? 'us-east-1';
  if (!account) ctx.note('warning', '$', 'A template does not say which account it deploys to: 000000000000 stands for it. Give the account (the command line\'s --account, a parameter AccountId with a default, or the file name: 111122223333.template.yaml).');
  if (!defaults?.region && !isRegion(ruleRegion) && !regionParam && !hints.region) ctx.note('info', '$', 'A template does not say which Region it deploys to: us-east-1 is assumed.');
  const stack = (hints.stem || 'stack').replace(/\.(template|cfn|yaml|yml)$/i, '').replace(/[^A-Za-z0-9-]/g, '-') || 'stack';
  const b = new IacBuilder(ctx, { account: account ?? STAND_IN_ACCOUNT, region });
  const r = new Resolver(ctx, b.env.account, region, stack, params, isObject(template['Mappings']) ? template['Mappings'] : {}, isObject(template['Conditions']) ? template['Conditions'] : {});

  const declared: Declared[] = [];
  const resources = isObject(template['Resources']) ? template['Resources'] : {};
  for (const [id, res] of Object.entries(resources)) {
    const path = at('$.Resources', id);
    if (!isObject(res) || typeof res['Type'] !== 'string') {
      ctx.note('warning', path, `The resource ${id} has no Type; it is skipped.`);
      continue;
    }
    declared.push({ id, type: res['Type'], properties: isObject(res['Properties']) ? res['Properties'] : {}, path, ...(typeof res['Condition'] === 'string' ? { condition: res['Condition'] } : {}) });
  }

  // Physical ids first, from each resource's own (resolved) name property: every Ref and GetAtt needs them.
  const { account: acct } = b.env;
  const nameProp = (d: Declared, key: string): string | undefined => {
    const v = d.properties[key];
    if (v === undefined) return undefined;
    const resolved = r.resolve(v, at(at(d.path, 'Properties'), key));
    return typeof resolved === 'string' && resolved !== '' ? resolved : undefined;
  };
  const names = new Map<string, string>();
  for (const d of declared) {
    const gen = (lower = false): string => {
      const g = generated(stack, d.id, lower);
      ctx.note('info', d.path, `${d.id} has no name in the template: CloudFormation generates one at deploy; it stands as “${g}”.`);
      return g;
    };
    let p: Physical | undefined;
    switch (d.type) {
      case 'AWS::IAM::Role':
      case 'AWS::IAM::User':
      case 'AWS::IAM::Group': {
        const kind = d.type.slice(10).toLowerCase();
        const n = nameProp(d, `${d.type.slice(10)}Name`) ?? gen();
        const iamPath = nameProp(d, 'Path') ?? '/';
        const arn = `arn:aws:iam::${acct}:${kind}${iamPath}${n}`;
        p = { ref: n, attrs: { Arn: arn, RoleId: `(known after deploy) ${d.id}.RoleId` } };
        break;
      }
      case 'AWS::IAM::ManagedPolicy': {
        const n = nameProp(d, 'ManagedPolicyName') ?? gen();
        const arn = `arn:aws:iam::${acct}:policy${nameProp(d, 'Path') ?? '/'}${n}`;
        p = { ref: arn, attrs: { PolicyArn: arn } };
        break;
      }
      case 'AWS::S3::Bucket': {
        const n = nameProp(d, 'BucketName') ?? gen(true);
        p = { ref: n, attrs: { Arn: `arn:aws:s3:::${n}`, DomainName: `${n}.s3.amazonaws.com`, RegionalDomainName: `${n}.s3.${region}.amazonaws.com` } };
        break;
      }
      case 'AWS::SNS::Topic': {
        const n = nameProp(d, 'TopicName') ?? gen();
        const arn = `arn:aws:sns:${region}:${acct}:${n}`;
        p = { ref: arn, attrs: { TopicArn: arn, TopicName: n } };
        break;
      }
      case 'AWS::SQS::Queue': {
        let n = nameProp(d, 'QueueName') ?? gen();
        const fifo = r.resolve(d.properties['FifoQueue'], d.path);
        if ((fifo === true || fifo === 'true') && !n.endsWith('.fifo')) n = `${n}.fifo`;
        const url = `https://sqs.${region}.amazonaws.com/${acct}/${n}`;
        p = { ref: url, attrs: { Arn: `arn:aws:sqs:${region}:${acct}:${n}`, QueueName: n, QueueUrl: url } };
        break;
      }
      case 'AWS::Lambda::Function': {
        const n = nameProp(d, 'FunctionName') ?? gen();
        p = { ref: n, attrs: { Arn: `arn:aws:lambda:${region}:${acct}:function:${n}` } };
        break;
      }
      case 'AWS::KMS::Key': {
        // A key's id is assigned at creation.
        const n = `(known after deploy) ${d.id}`;
        p = { ref: n, attrs: { Arn: `arn:aws:kms:${region}:${acct}:key/${n}`, KeyId: n } };
        break;
      }
      case 'AWS::Events::EventBus': {
        const n = nameProp(d, 'Name') ?? gen();
        const arn = `arn:aws:events:${region}:${acct}:event-bus/${n}`;
        p = { ref: n, attrs: { Arn: arn, Name: n } };
        break;
      }
      case 'AWS::Events::Rule': {
        const n = nameProp(d, 'Name') ?? gen();
        const busRef = nameProp(d, 'EventBusName') ?? 'default';
        const bus = busRef.replace(/^.*event-bus\//, '');
        p = { ref: n, attrs: { Arn: `arn:aws:events:${region}:${acct}:rule/${bus === 'default' ? '' : `${bus}/`}${n}` } };
        break;
      }
      case 'AWS::ApiGateway::RestApi': {
        // Ref returns the REST API id, which API Gateway assigns at creation.
        const n = `(known after deploy) ${d.id}`;
        p = { ref: n, attrs: { RootResourceId: `(known after deploy) ${d.id}.RootResourceId` } };
        break;
      }
      case 'AWS::Kinesis::Stream': {
        const n = nameProp(d, 'Name') ?? gen();
        p = { ref: n, attrs: { Arn: `arn:aws:kinesis:${region}:${acct}:stream/${n}` } };
        break;
      }
      case 'AWS::StepFunctions::StateMachine': {
        const n = nameProp(d, 'StateMachineName') ?? gen();
        const arn = `arn:aws:states:${region}:${acct}:stateMachine:${n}`;
        p = { ref: arn, attrs: { Arn: arn, Name: n } };
        break;
      }
      case 'AWS::ECS::TaskDefinition': {
        const n = nameProp(d, 'Family') ?? gen();
        const arn = `arn:aws:ecs:${region}:${acct}:task-definition/${n}:1`;
        p = { ref: arn, attrs: { TaskDefinitionArn: arn } };
        break;
      }
      case 'AWS::SSM::Document': {
        const n = nameProp(d, 'Name') ?? gen();
        p = { ref: n, attrs: {} };
        break;
      }
      case 'AWS::AutoScaling::AutoScalingGroup': {
        const n = nameProp(d, 'AutoScalingGroupName') ?? gen();
        p = { ref: n, attrs: {} };
        break;
      }
      case 'AWS::DynamoDB::Table': {
        const n = nameProp(d, 'TableName') ?? gen();
        p = { ref: n, attrs: { Arn: `arn:aws:dynamodb:${region}:${acct}:table/${n}`, StreamArn: `arn:aws:dynamodb:${region}:${acct}:table/${n}/stream/(known after deploy) stream` } };
        break;
      }
      default:
        p = { ref: `(known after deploy) ${d.id}`, attrs: {} };
    }
    names.set(d.id, p.ref);
    r.setPhysical(d.id, p);
  }

  const where = (d: Declared): Where => ({ key: d.id, path: d.path });
  const prop = (d: Declared, key: string): unknown => r.resolve(d.properties[key], at(at(d.path, 'Properties'), key));
  const propPath = (d: Declared, key: string): string => at(at(d.path, 'Properties'), key);
  const strList = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string' && x !== '');
  const doc = (d: Declared, key: string, what: string): PolicyDocument | undefined => {
    const v = prop(d, key);
    return v === undefined ? undefined : b.document(v, propPath(d, key), what);
  };
  const inlineList = (d: Declared, kind: 'role' | 'user' | 'group', holder: string): void => {
    const list = prop(d, 'Policies');
    (Array.isArray(list) ? list : []).forEach((p, i) => {
      const path = at(propPath(d, 'Policies'), i);
      if (!isObject(p) || typeof p['PolicyName'] !== 'string') return ctx.note('warning', path, 'A policy without PolicyName is skipped.');
      const document = b.document(p['PolicyDocument'], at(path, 'PolicyDocument'), `The inline policy ${p['PolicyName']} of ${d.id}`);
      if (document) b.inline(kind, holder, p['PolicyName'], document, path);
    });
  };
  const attachAll = (d: Declared, kind: 'role' | 'user' | 'group', holder: string): void => {
    strList(prop(d, 'ManagedPolicyArns')).forEach((arn, i) => b.attach(kind, holder, arn, at(propPath(d, 'ManagedPolicyArns'), i)));
    const boundary = prop(d, 'PermissionsBoundary');
    if (typeof boundary === 'string' && kind !== 'group') b.boundary(kind, holder, boundary, propPath(d, 'PermissionsBoundary'));
  };

  // Identities and resources first, then what attaches to them.
  const order = (t: string): number => (/^AWS::IAM::(Role|User|Group)$/.test(t) ? 0 : t in RESOURCE_OF || t === 'AWS::IAM::ManagedPolicy' ? 1 : 2);
  const skipped = new Map<string, number>();
  for (const d of [...declared].sort((a, c) => order(a.type) - order(c.type))) {
    if (d.condition !== undefined && !r.condition(d.condition, at(d.path, 'Condition'))) {
      ctx.note('info', d.path, `${d.id} is created only when the condition ${d.condition} holds, which it does not with the parameters' defaults; it is skipped.`);
      continue;
    }
    const w = where(d);
    const name = names.get(d.id) ?? d.id;
    switch (d.type) {
      case 'AWS::IAM::Role': {
        const trust = doc(d, 'AssumeRolePolicyDocument', `The trust policy of ${d.id}`);
        if (!b.identity('role', w, { name, iamPath: prop(d, 'Path'), tags: tagsOf(prop(d, 'Tags'), ctx, propPath(d, 'Tags')), ...(trust ? { trust } : {}) })) break;
        inlineList(d, 'role', name);
        attachAll(d, 'role', name);
        break;
      }
      case 'AWS::IAM::User':
      case 'AWS::IAM::Group': {
        const kind = d.type === 'AWS::IAM::User' ? 'user' : 'group';
        if (!b.identity(kind, w, { name, iamPath: prop(d, 'Path'), ...(kind === 'user' ? { tags: tagsOf(prop(d, 'Tags'), ctx, propPath(d, 'Tags')) } : {}) })) break;
        inlineList(d, kind, name);
        attachAll(d, kind, name);
        if (kind === 'user') strList(prop(d, 'Groups')).forEach((g) => b.member(name, iamNameOf(g), propPath(d, 'Groups')));
        break;
      }
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::RolePolicy':
      case 'AWS::IAM::UserPolicy':
      case 'AWS::IAM::GroupPolicy': {
        const policyName = prop(d, 'PolicyName');
        const document = doc(d, 'PolicyDocument', `The policy ${d.id}`);
        if (typeof policyName !== 'string' || !document) break;
        const holders: ['role' | 'user' | 'group', unknown][] =
          d.type === 'AWS::IAM::Policy' ? [['role', prop(d, 'Roles')], ['user', prop(d, 'Users')], ['group', prop(d, 'Groups')]] : [[d.type === 'AWS::IAM::RolePolicy' ? 'role' : d.type === 'AWS::IAM::UserPolicy' ? 'user' : 'group', prop(d, `${d.type.slice(10, -6)}Name`)]];
        for (const [kind, list] of holders) strList(list).forEach((h) => b.inline(kind, iamNameOf(h), policyName, document, d.path));
        break;
      }
      case 'AWS::IAM::ManagedPolicy': {
        const document = doc(d, 'PolicyDocument', `The managed policy ${d.id}`);
        const description = prop(d, 'Description');
        const arn = b.managedPolicy(w, { name: iamNameOf(name), iamPath: prop(d, 'Path'), ...(typeof description === 'string' ? { description } : {}), document });
        if (!arn) break;
        for (const [kind, key] of [['role', 'Roles'], ['user', 'Users'], ['group', 'Groups']] as const) strList(prop(d, key)).forEach((h) => b.attach(kind, iamNameOf(h), arn, propPath(d, key)));
        break;
      }
      case 'AWS::IAM::UserToGroupAddition': {
        const group = prop(d, 'GroupName');
        if (typeof group === 'string') strList(prop(d, 'Users')).forEach((u) => b.member(iamNameOf(u), group, propPath(d, 'Users')));
        break;
      }
      case 'AWS::S3::Bucket':
      case 'AWS::SNS::Topic':
      case 'AWS::SQS::Queue':
      case 'AWS::Lambda::Function':
      case 'AWS::Events::EventBus':
      case 'AWS::DynamoDB::Table':
      case 'AWS::ApiGateway::RestApi':
      case 'AWS::Kinesis::Stream':
      case 'AWS::StepFunctions::StateMachine':
      case 'AWS::ECS::TaskDefinition':
      case 'AWS::SSM::Document':
      case 'AWS::AutoScaling::AutoScalingGroup':
      case 'AWS::KMS::Key': {
        const type = RESOURCE_OF[d.type] as ResourceType;
        const resourceName = type === 'sns-topic' || type === 'states-state-machine' ? name.slice(name.lastIndexOf(':') + 1) : type === 'sqs-queue' ? name.slice(name.lastIndexOf('/') + 1) : type === 'ecs-task-definition' ? name.replace(/^.*task-definition\/|:\d+$/g, '') : name;
        let policy: PolicyDocument | undefined;
        if (d.type === 'AWS::KMS::Key') {
          policy = doc(d, 'KeyPolicy', `The key policy of ${d.id}`);
          if (!policy && d.properties['KeyPolicy'] === undefined) {
            // "If you don't specify a key policy, AWS KMS attaches a default key policy to the KMS key" — the
            // one that lets the account's IAM policies grant access (AWS::KMS::Key, KeyPolicy; KMS Developer
            // Guide, "Default key policy").
            policy = { Version: '2012-10-17', Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct}:root` }, Action: 'kms:*', Resource: '*' }] };
            ctx.note('info', d.path, `${d.id} has no KeyPolicy: AWS KMS gives it the default key policy, which lets the account's IAM policies grant access.`);
          }
        } else if (d.type === 'AWS::Events::EventBus' || d.type === 'AWS::ApiGateway::RestApi') policy = doc(d, 'Policy', `The policy of ${d.id}`);
        else if (d.type === 'AWS::DynamoDB::Table') {
          const rp = prop(d, 'ResourcePolicy');
          if (isObject(rp) && rp['PolicyDocument'] !== undefined) policy = b.document(rp['PolicyDocument'], at(propPath(d, 'ResourcePolicy'), 'PolicyDocument'), `The resource policy of ${d.id}`);
        }
        b.resource(w, type, resourceName, policy ? { policy } : {});
        break;
      }
      case 'AWS::S3::BucketPolicy':
      case 'AWS::SNS::TopicPolicy':
      case 'AWS::SNS::TopicInlinePolicy':
      case 'AWS::SQS::QueuePolicy':
      case 'AWS::SQS::QueueInlinePolicy': {
        const [type, key] = ({ 'AWS::S3::BucketPolicy': ['s3-bucket', 'Bucket'], 'AWS::SNS::TopicPolicy': ['sns-topic', 'Topics'], 'AWS::SNS::TopicInlinePolicy': ['sns-topic', 'TopicArn'], 'AWS::SQS::QueuePolicy': ['sqs-queue', 'Queues'], 'AWS::SQS::QueueInlinePolicy': ['sqs-queue', 'Queue'] } as const)[d.type];
        const document = doc(d, 'PolicyDocument', `The policy ${d.id}`);
        const targets = strList(prop(d, key));
        if (targets.length === 0) ctx.note('warning', propPath(d, key), `${d.id} names no ${type}; it is skipped.`);
        if (document) targets.forEach((t) => b.resourcePolicy(w, type, t, document));
        break;
      }
      case 'AWS::Lambda::Permission': {
        const fn = prop(d, 'FunctionName');
        const principal = prop(d, 'Principal');
        const action = prop(d, 'Action');
        if (typeof fn !== 'string' || typeof principal !== 'string' || typeof action !== 'string') {
          ctx.note('warning', d.path, `${d.id} has no FunctionName, Action or Principal that can be read; it is skipped.`);
          break;
        }
        const fnName = fn.startsWith('arn:') ? (/:function:([^:]+)/.exec(fn)?.[1] ?? fn) : fn;
        const opt = (k: string): string | undefined => {
          const v = prop(d, k);
          return typeof v === 'string' ? v : undefined;
        };
        const sourceArn = opt('SourceArn');
        const sourceAccount = opt('SourceAccount');
        const org = opt('PrincipalOrgID');
        const url = opt('FunctionUrlAuthType');
        // CloudFormation names the statement after the resource (its physical id).
        const statement = lambdaPermissionStatement({ sid: d.id, action, principal, functionArn: `arn:aws:lambda:${region}:${acct}:function:${fnName}`, ...(sourceArn ? { sourceArn } : {}), ...(sourceAccount ? { sourceAccount } : {}), ...(org ? { principalOrgId: org } : {}), ...(url ? { functionUrlAuthType: url } : {}) });
        b.resourcePolicy(w, 'lambda-function', fnName, { Version: '2012-10-17', Statement: [statement] }, 'merge');
        break;
      }
      case 'AWS::Events::EventBusPolicy': {
        const bus = prop(d, 'EventBusName');
        const busName = typeof bus === 'string' ? bus.replace(/^.*event-bus\//, '') : 'default';
        const sid = prop(d, 'StatementId');
        const busArn = `arn:aws:events:${region}:${acct}:event-bus/${busName}`;
        let statement = prop(d, 'Statement');
        if (!isObject(statement)) {
          // The older form: Action, Principal (an account id or "*") and Condition, which EventBridge turns into one statement.
          const principal = prop(d, 'Principal');
          const condition = prop(d, 'Condition');
          if (typeof principal !== 'string') {
            ctx.note('warning', d.path, `${d.id} has neither a Statement nor a Principal; it is skipped.`);
            break;
          }
          const cond = isObject(condition) && typeof condition['Key'] === 'string' ? { [String(condition['Type'] ?? 'StringEquals')]: { [condition['Key']]: condition['Value'] } } : undefined;
          statement = { Effect: 'Allow', Principal: principal === '*' ? '*' : { AWS: /^\d{12}$/.test(principal) ? `arn:aws:iam::${principal}:root` : principal }, Action: prop(d, 'Action') ?? 'events:PutEvents', Resource: busArn, ...(cond ? { Condition: cond } : {}) };
        }
        b.resourcePolicy(w, 'events-bus', busName, { Version: '2012-10-17', Statement: [{ ...(typeof sid === 'string' ? { Sid: sid } : {}), ...(statement as Json) }] }, 'merge');
        break;
      }
      case 'AWS::Events::Rule': {
        const bus = prop(d, 'EventBusName');
        const busRef = typeof bus === 'string' ? bus : 'default';
        const pattern = prop(d, 'EventPattern');
        b.rule(w, busRef, { name, ...(isObject(pattern) ? { eventPattern: pattern } : {}) });
        const targets = prop(d, 'Targets');
        (Array.isArray(targets) ? targets : []).forEach((t, i) => {
          const path = at(propPath(d, 'Targets'), i);
          if (!isObject(t) || typeof t['Arn'] !== 'string' || typeof t['Id'] !== 'string') return ctx.note('warning', path, 'A target without Arn and Id is skipped.');
          b.ruleTarget({ key: `${d.id}.Targets[${i}]`, path }, name, busRef, { id: t['Id'], arn: t['Arn'], ...(typeof t['RoleArn'] === 'string' ? { roleArn: t['RoleArn'] } : {}) });
        });
        break;
      }
      case 'AWS::Organizations::Policy': {
        const type = prop(d, 'Type');
        const kind = type === 'RESOURCE_CONTROL_POLICY' ? 'rcp' : type === 'SERVICE_CONTROL_POLICY' ? 'scp' : undefined;
        if (!kind) {
          ctx.note('info', d.path, `${d.id} is a ${String(type)}, which does not decide access; it is skipped.`);
          break;
        }
        const document = doc(d, 'Content', `The ${kind.toUpperCase()} ${d.id}`);
        const policyName = prop(d, 'Name');
        if (!document) break;
        b.orgPolicy(w, d.id, { id: d.id, name: typeof policyName === 'string' ? policyName : d.id, type: kind, document });
        strList(prop(d, 'TargetIds')).forEach((t) => b.orgAttachment({ key: d.id, path: propPath(d, 'TargetIds') }, d.id, t));
        break;
      }
      default:
        skipped.set(d.type, (skipped.get(d.type) ?? 0) + 1);
        ctx.note('info', d.path, `${d.id}: ${d.type} is not a resource this app models (it grants no access through a policy here); it is skipped.`);
    }
  }
  const built = b.build();
  if (skipped.size > 0) built.counts['resources of other types skipped'] = [...skipped.values()].reduce((a, n) => a + n, 0);
  return built;
}

/** The CloudFormation template importer (JSON, or YAML read with the short forms). */
export const cloudFormationTemplate: Importer = {
  format: 'cloudformation-template',
  label: 'CloudFormation template',
  recognise: ({ json, name, text }) => (json !== undefined ? looksLikeTemplate(json) : mightBeYamlTemplate(name, text)),
  read: ({ json, name, text, defaults }, ctx) => {
    let template: unknown = json;
    let yaml = false;
    if (template === undefined) {
      const parsed = parseTemplateText(text);
      if (!parsed.ok) {
        ctx.note('error', '$', `This YAML cannot be read${parsed.line !== undefined ? ` (line ${parsed.line}, column ${parsed.column})` : ''}: ${parsed.message}`);
        return { recognised: { format: 'cloudformation-template', label: 'CloudFormation template (YAML that cannot be read)' }, fragment: {}, counts: {} };
      }
      template = parsed.value;
      yaml = true;
    }
    if (!looksLikeTemplate(template)) {
      ctx.note('error', '$', 'This YAML is not a CloudFormation template: it has no Resources map of { Type: "AWS::…" } entries.');
      return { recognised: { format: 'cloudformation-template', label: 'YAML, not a CloudFormation template' }, fragment: {}, counts: {} };
    }
    const cdk = isObject(template['Resources']) && Object.values(template['Resources']).some((r) => isObject(r) && r['Type'] === 'AWS::CDK::Metadata');
    const r = readTemplate(template, name, ctx, defaults);
    return { recognised: { format: 'cloudformation-template', label: `CloudFormation template (${yaml ? 'YAML' : 'JSON'}${cdk ? ', cdk synth' : ''})` }, ...r };
  },
};
