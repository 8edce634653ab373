import { stringify } from 'yaml';
import { managedPolicyArn, resourceArn, type NamedPolicy, type PolicyDocument, type Scenario } from '../../model';
import { accountParts, accountSlug, asLambdaPermission, Names, statements, type AccountPart, type IacExport } from './common';

/**
 * The scenario's IAM and resource policies as CloudFormation templates (YAML), one per account, written with
 * the CloudFormation resource reference's types (cited in src/import/fixtures/iac/README.md). Policy documents
 * are YAML maps of the scenario's documents; references between resources of one template are `Ref` and
 * `Fn::GetAtt`. Each template asserts the account and Region it is for in `Rules` (a deploy elsewhere fails
 * before anything is created), which is also how an import of it knows them.
 */

type Json = Record<string, unknown>;

const ref = (id: string): Json => ({ Ref: id });
const getAtt = (id: string, attr: string): Json => ({ 'Fn::GetAtt': [id, attr] });
const tags = (t: Record<string, string>): Json[] | undefined => (Object.keys(t).length > 0 ? Object.entries(t).map(([Key, Value]) => ({ Key, Value })) : undefined);
/** Properties without the undefined ones. */
const props = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function template(s: Scenario, part: AccountPart, leftOut: string[]): string {
  const { account } = part;
  const names = new Names('pascal');
  const resources: Json = {};
  const add = (id: string, type: string, properties: Json, metadata?: Json): void => {
    resources[id] = { Type: type, ...(metadata ? { Metadata: metadata } : {}), Properties: props(properties) };
  };
  const regions = new Map<string, number>();
  for (const r of part.resources) if (r.type !== 's3-bucket') regions.set(r.region, (regions.get(r.region) ?? 0) + 1);
  const region = [...regions].sort((a, b) => b[1] - a[1])[0]?.[0] ?? part.resources[0]?.region ?? 'us-east-1';
  const otherRegion = part.resources.filter((r) => r.type !== 's3-bucket' && r.region !== region);
  for (const r of otherRegion) leftOut.push(`${r.type} ${r.name} (${account.id}) is in ${r.region}; the template deploys to ${region} (a stack is in one Region): it is written there.`);

  const policyIds = new Map<string, string>();
  for (const m of part.managedPolicies) {
    const id = names.get(`policy:${m.id}`, `${m.name} Policy`);
    policyIds.set(m.id, id);
    add(id, 'AWS::IAM::ManagedPolicy', { ManagedPolicyName: m.name, Path: m.path === '/' ? undefined : m.path, Description: m.description, PolicyDocument: m.document });
  }
  const arnOf = (pid: string): unknown => {
    const local = policyIds.get(pid);
    if (local) return ref(local);
    const m = s.managedPolicies.find((p) => p.id === pid);
    return m ? managedPolicyArn(m) : undefined;
  };
  const managed = (ids: readonly string[] | undefined): unknown[] | undefined => {
    const list = (ids ?? []).map(arnOf).filter((x) => x !== undefined);
    return list.length > 0 ? list : undefined;
  };
  const inline = (policies: readonly NamedPolicy[]): Json[] | undefined => (policies.length > 0 ? policies.map((p) => ({ PolicyName: p.name, PolicyDocument: p.document })) : undefined);
  const boundary = (holder: { name: string; permissionsBoundary?: PolicyDocument | undefined; boundaryPolicyId?: string | undefined }): unknown => {
    if (holder.boundaryPolicyId) return arnOf(holder.boundaryPolicyId);
    if (!holder.permissionsBoundary) return undefined;
    const id = names.get(`boundary:${holder.name}`, `${holder.name} Boundary`);
    add(id, 'AWS::IAM::ManagedPolicy', { ManagedPolicyName: `${holder.name}-boundary`, PolicyDocument: holder.permissionsBoundary });
    return ref(id);
  };

  const groupIds = new Map<string, string>();
  for (const g of part.groups) {
    const id = names.get(`group:${g.id}`, `${g.name} Group`);
    groupIds.set(g.id, id);
    add(id, 'AWS::IAM::Group', { GroupName: g.name, Path: g.path === '/' ? undefined : g.path, Policies: inline(g.policies), ManagedPolicyArns: managed(g.managedPolicyIds) });
  }
  const roleIds = new Map<string, string>();
  for (const r of part.roles) {
    const id = names.get(`role:${r.id}`, `${r.name} Role`);
    roleIds.set(r.id, id);
    add(id, 'AWS::IAM::Role', { RoleName: r.name, Path: r.path === '/' ? undefined : r.path, AssumeRolePolicyDocument: r.trustPolicy, Policies: inline(r.policies), ManagedPolicyArns: managed(r.managedPolicyIds), PermissionsBoundary: boundary(r), Tags: tags(r.tags) });
  }
  for (const u of part.users) {
    const id = names.get(`user:${u.id}`, `${u.name} User`);
    const groups = (u.groupIds ?? []).map((g) => groupIds.get(g)).filter((g): g is string => g !== undefined).map(ref);
    add(id, 'AWS::IAM::User', { UserName: u.name, Path: u.path === '/' ? undefined : u.path, Groups: groups.length > 0 ? groups : undefined, Policies: inline(u.policies), ManagedPolicyArns: managed(u.managedPolicyIds), PermissionsBoundary: boundary(u), Tags: tags(u.tags) });
  }

  const resourceIds = new Map<string, string>();
  /** Ids AWS assigns (a key's, a REST API's), by the scenario's stand-in, and the logical id whose Ref gives the real one. */
  const assigned = new Map<string, string>();
  for (const r of part.resources) {
    const id = names.get(`resource:${r.id}`, r.name);
    switch (r.type) {
      case 's3-bucket':
        resourceIds.set(r.id, `${id}Bucket`);
        add(`${id}Bucket`, 'AWS::S3::Bucket', { BucketName: r.name });
        if (r.policy) add(`${id}BucketPolicy`, 'AWS::S3::BucketPolicy', { Bucket: ref(`${id}Bucket`), PolicyDocument: r.policy });
        break;
      case 'sns-topic':
        resourceIds.set(r.id, `${id}Topic`);
        add(`${id}Topic`, 'AWS::SNS::Topic', { TopicName: r.name });
        if (r.policy) add(`${id}TopicPolicy`, 'AWS::SNS::TopicPolicy', { Topics: [ref(`${id}Topic`)], PolicyDocument: r.policy });
        break;
      case 'sqs-queue':
        resourceIds.set(r.id, `${id}Queue`);
        add(`${id}Queue`, 'AWS::SQS::Queue', { QueueName: r.name, FifoQueue: r.name.endsWith('.fifo') ? true : undefined });
        if (r.policy) add(`${id}QueuePolicy`, 'AWS::SQS::QueuePolicy', { Queues: [ref(`${id}Queue`)], PolicyDocument: r.policy });
        break;
      case 'lambda-function':
        resourceIds.set(r.id, `${id}Function`);
        add(`${id}Function`, 'AWS::Lambda::Function', { FunctionName: r.name, Role: 'TODO: the execution role ARN', Runtime: 'TODO', Handler: 'TODO', Code: { ZipFile: 'TODO: the function code is not part of the scenario' } });
        statements(r.policy ?? { Statement: [] }).forEach((st, i) => {
          const p = asLambdaPermission(st);
          if (!p) {
            leftOut.push(`Statement ${i + 1} of the policy of function ${r.name} (${account.id}): a Lambda permission cannot express it (one principal, one action, SourceArn/SourceAccount/PrincipalOrgID conditions only).`);
            return;
          }
          add(names.get(`permission:${r.id}/${i}`, `${r.name} ${p.sid ?? `Statement ${i + 1}`} Permission`), 'AWS::Lambda::Permission', { FunctionName: ref(`${id}Function`), Action: p.action, Principal: p.principal, SourceArn: p.sourceArn, SourceAccount: p.sourceAccount, PrincipalOrgID: p.principalOrgId });
        });
        break;
      case 'kms-key':
        resourceIds.set(r.id, `${id}Key`);
        assigned.set(r.name, `${id}Key`);
        add(`${id}Key`, 'AWS::KMS::Key', { Description: `${r.name} (key id in the scenario; AWS assigns the real one)`, KeyPolicy: r.policy });
        break;
      case 'events-bus':
        if (r.name === 'default') {
          resourceIds.set(r.id, 'default');
          statements(r.policy ?? { Statement: [] }).forEach((st, i) => add(names.get(`bus-policy:${r.id}/${i}`, `Default Bus ${typeof st['Sid'] === 'string' ? st['Sid'] : `Statement ${i + 1}`}`), 'AWS::Events::EventBusPolicy', { EventBusName: 'default', StatementId: typeof st['Sid'] === 'string' ? st['Sid'] : `statement-${i + 1}`, Statement: Object.fromEntries(Object.entries(st).filter(([k]) => k !== 'Sid')) }));
          break;
        }
        resourceIds.set(r.id, `${id}Bus`);
        add(`${id}Bus`, 'AWS::Events::EventBus', { Name: r.name, Policy: r.policy });
        break;
      case 'apigateway-rest-api':
        resourceIds.set(r.id, `${id}Api`);
        assigned.set(r.name, `${id}Api`);
        add(`${id}Api`, 'AWS::ApiGateway::RestApi', { Name: r.name, Policy: r.policy });
        break;
      case 'dynamodb-table':
        resourceIds.set(r.id, `${id}Table`);
        add(`${id}Table`, 'AWS::DynamoDB::Table', { TableName: r.name, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], ResourcePolicy: r.policy ? { PolicyDocument: r.policy } : undefined });
        break;
      default:
        // Kinesis streams, state machines, task definitions, SSM documents, Auto Scaling groups: no resource
        // policy; a rule names them by ARN.
        break;
    }
  }

  for (const rule of part.rules) {
    const bus = s.resources.find((r) => r.id === rule.busId);
    if (!bus) continue;
    const busId = resourceIds.get(bus.id);
    const targets = rule.targets.flatMap((t) => {
      const target = s.resources.find((r) => r.id === t.resourceId);
      if (!target) return [];
      const local = resourceIds.get(target.id);
      const arn =
        target.type === 'apigateway-rest-api' && local
          ? { 'Fn::Sub': `arn:aws:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${local}}${t.resourcePath ? `/${t.resourcePath}` : ''}` }
          : local && local !== 'default' && target.type !== 'kms-key'
            ? target.type === 'sns-topic'
              ? ref(local)
              : getAtt(local, 'Arn')
            : resourceArn(target, t.resourcePath);
      const role = t.roleId ? s.principals.find((p) => p.id === t.roleId) : undefined;
      const roleArn = role?.type === 'iam-role' ? (roleIds.has(role.id) ? getAtt(roleIds.get(role.id) as string, 'Arn') : `arn:aws:iam::${role.accountId}:role${role.path}${role.name}`) : undefined;
      return [props({ Id: t.id.replace(/^.*\//, '').slice(0, 64), Arn: arn, RoleArn: roleArn })];
    });
    add(names.get(`rule:${rule.id}`, `${rule.name} Rule`), 'AWS::Events::Rule', { Name: rule.name, EventBusName: busId && busId !== 'default' ? ref(busId) : bus.name === 'default' ? undefined : bus.name, EventPattern: rule.eventPattern ?? { source: ['TODO'] }, Targets: targets.length > 0 ? targets : undefined });
  }

  for (const p of part.orgPolicies) {
    add(names.get(`org:${p.id}`, `${p.name} ${p.type.toUpperCase()}`), 'AWS::Organizations::Policy', { Name: p.name, Type: p.type === 'scp' ? 'SERVICE_CONTROL_POLICY' : 'RESOURCE_CONTROL_POLICY', Content: p.document, TargetIds: p.targets.length > 0 ? p.targets : undefined });
  }

  // Policies that name a key or REST API of this template by the scenario's id name it by Ref instead: AWS
  // assigns the real id at creation (Fn::Sub; "${!…}" keeps policy variables such as ${aws:username} literal).
  if (assigned.size > 0) {
    const pattern = new RegExp(`(?<=[:/])(${[...assigned.keys()].map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?=$|[/:])`, 'g');
    const names = new RegExp(pattern.source);
    const rewrite = (v: unknown, key?: string): unknown => {
      if (typeof v === 'string') return key !== 'Name' && key !== 'Description' && names.test(v) ? { 'Fn::Sub': v.replace(/\$\{/g, () => '${!').replace(pattern, (id) => `\${${assigned.get(id)}}`) } : v;
      if (Array.isArray(v)) return v.map((x) => rewrite(x));
      if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewrite(x, k)]));
      return v;
    };
    for (const [id, r] of Object.entries(resources)) resources[id] = rewrite(r);
  }
  const doc = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `${account.name} (${account.id}): IAM and resource policies exported by Crossaccount from “${s.name}”. Review before deploying.`,
    // Rules are checked before a stack is created or changed: deployed to another account or Region, it stops.
    Rules: {
      OnlyInThisAccount: { Assertions: [{ Assert: { 'Fn::Equals': [ref('AWS::AccountId'), account.id] }, AssertDescription: `This template is for account ${account.id} (${account.name}).` }] },
      OnlyInThisRegion: { Assertions: [{ Assert: { 'Fn::Equals': [ref('AWS::Region'), region] }, AssertDescription: `This template is for ${region}.` }] },
    },
    Resources: resources,
  };
  // Written with YAML 1.1's rules, which CloudFormation's reader follows: strings it would take for dates,
  // booleans or numbers ("2012-10-17", "on", "111111111111") are quoted.
  return stringify(doc, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
}

/** The scenario as CloudFormation: `<account-id>.<name>.template.yaml` per account, and what could not be written. */
export function exportCloudFormation(s: Scenario): IacExport {
  const leftOut: string[] = [];
  const files = accountParts(s)
    .filter((p) => p.roles.length + p.users.length + p.groups.length + p.managedPolicies.length + p.resources.length + p.rules.length + p.orgPolicies.length > 0)
    .map((p) => ({ path: `${accountSlug(p.account).replace('-', '.')}.template.yaml`, text: template(s, p, leftOut) }));
  return { files, leftOut };
}
