import { managedPolicyArn, resourceArn, type NamedPolicy, type PolicyDocument, type Resource, type Scenario } from '../../model';
import { accountParts, accountSlug, asLambdaPermission, Names, statements, type AccountPart, type IacExport } from './common';

/**
 * The scenario's IAM and resource policies as Terraform (HCL), one root module per account
 * (`<account>/main.tf`), written with the Terraform AWS provider's resources (its documentation,
 * website/docs/r/<type>.html.markdown; cited in src/import/fixtures/iac/README.md). Policies are heredoc JSON,
 * exactly the scenario's documents, so a review reads them as AWS will; references between resources of the
 * same file are Terraform references (`aws_iam_role.deploy.name`), everything else is written literally.
 * Each file pins its account (`allowed_account_ids`) and Region, and reads `aws_caller_identity`, so a plan of
 * it says which account it is for. What a file cannot say (a Lambda function's code, a table's key schema) is
 * marked `TODO` in it.
 */

/** An HCL string literal (Terraform "Strings and Templates": `${` and `%{` are escaped by doubling the sigil). */
export function hclString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t').replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')}"`;
}

/** A policy document as an indented heredoc of its JSON (interpolation sequences escaped). */
function heredoc(doc: unknown, indent: string): string {
  const json = JSON.stringify(doc, null, 2).replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
  return `<<-POLICY\n${json.split('\n').map((l) => `${indent}  ${l}`).join('\n')}\n${indent}POLICY`;
}

type Value = string | { raw: string } | { doc: unknown } | readonly string[] | Record<string, string> | undefined;

/** One resource or data block. */
function block(kind: 'resource' | 'data', type: string, name: string, attrs: readonly (readonly [string, Value] | string)[], comment?: string): string {
  const lines: string[] = [];
  if (comment) lines.push(...comment.split('\n').map((l) => `# ${l}`));
  lines.push(`${kind} "${type}" "${name}" {`);
  const keys = attrs.filter((a): a is readonly [string, Value] => typeof a !== 'string' && a[1] !== undefined);
  const width = Math.max(0, ...keys.map(([k]) => k.length));
  for (const a of attrs) {
    if (typeof a === 'string') {
      lines.push(`  ${a}`);
      continue;
    }
    const [k, v] = a;
    if (v === undefined) continue;
    const pad = k.padEnd(width);
    if (typeof v === 'string') lines.push(`  ${pad} = ${hclString(v)}`);
    else if (Array.isArray(v)) lines.push(`  ${pad} = [${(v as readonly string[]).map((x) => (x.startsWith('\u0000') ? x.slice(1) : hclString(x))).join(', ')}]`);
    else if ('raw' in v) lines.push(`  ${pad} = ${v.raw}`);
    else if ('doc' in v) lines.push(`  ${pad} = ${heredoc(v.doc, '  ')}`);
    else {
      const entries = Object.entries(v as Record<string, string>);
      lines.push(entries.length === 0 ? `  ${pad} = {}` : `  ${pad} = {\n${entries.map(([tk, tv]) => `    ${hclString(tk)} = ${hclString(tv)}`).join('\n')}\n  }`);
    }
  }
  lines.push('}');
  return lines.join('\n');
}

const ref = (s: string): { raw: string } => ({ raw: s });
/** A list item that is a reference, not a string. */
const refItem = (s: string): string => `\u0000${s}`;

/** The Region most of an account's resources are in (the provider's), us-east-1 when it has none. */
function mainRegion(part: AccountPart): string {
  const counts = new Map<string, number>();
  for (const r of part.resources) if (r.type !== 's3-bucket') counts.set(r.region, (counts.get(r.region) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? part.resources[0]?.region ?? 'us-east-1';
}

/** One account's module. */
function accountModule(s: Scenario, part: AccountPart, leftOut: string[]): string {
  const names = new Names('snake');
  const out: string[] = [];
  const { account } = part;
  const region = mainRegion(part);
  out.push(
    [
      `# ${account.name} (${account.id}) — exported by Crossaccount from “${s.name}”.`,
      '# The IAM and resource policies of this account as the scenario has them: review them, then plan and apply',
      '# with credentials for this account. Policies are written as JSON exactly as the scenario evaluates them.',
      '',
      'terraform {',
      '  required_providers {',
      '    aws = {',
      '      source  = "hashicorp/aws"',
      '      version = ">= 5.0"',
      '    }',
      '  }',
      '}',
      '',
      'provider "aws" {',
      `  region              = ${hclString(region)}`,
      `  allowed_account_ids = [${hclString(account.id)}]`,
      '}',
      '',
      'data "aws_caller_identity" "current" {}',
    ].join('\n'),
  );
  const regionArg = (r: Resource): readonly [string, Value] => ['region', r.type !== 's3-bucket' && r.region !== region ? r.region : undefined];

  // Customer managed policies first: attachments refer to them.
  const policyRef = new Map<string, string>();
  for (const m of part.managedPolicies) {
    const n = names.get(`policy:${m.id}`, m.name);
    policyRef.set(m.id, `aws_iam_policy.${n}.arn`);
    out.push(block('resource', 'aws_iam_policy', n, [['name', m.name], ['path', m.path === '/' ? undefined : m.path], ['description', m.description], ['policy', { doc: m.document }]]));
  }
  const arnOf = (id: string): Value => {
    const local = policyRef.get(id);
    if (local) return ref(local);
    const m = s.managedPolicies.find((p) => p.id === id);
    return m ? managedPolicyArn(m) : undefined;
  };
  const inline = (kind: 'role' | 'user' | 'group', holderRef: string, holderName: string, policies: readonly NamedPolicy[]): void => {
    for (const p of policies) {
      out.push(block('resource', `aws_iam_${kind}_policy`, names.get(`${kind}-policy:${holderName}/${p.name}`, `${holderName} ${p.name}`), [['name', p.name], [kind, ref(holderRef)], ['policy', { doc: p.document }]]));
    }
  };
  const attachments = (kind: 'role' | 'user' | 'group', holderRef: string, holderName: string, ids: readonly string[] | undefined): void => {
    for (const id of ids ?? []) {
      const arn = arnOf(id);
      if (!arn) continue;
      out.push(block('resource', `aws_iam_${kind}_policy_attachment`, names.get(`${kind}-attach:${holderName}/${id}`, `${holderName} ${id.replace(/^.*\//, '')}`), [[kind, ref(holderRef)], ['policy_arn', arn]]));
    }
  };
  /** A boundary must be a managed policy in IAM: an inline one is written as a policy of its own. */
  const boundary = (holder: { name: string; permissionsBoundary?: PolicyDocument | undefined; boundaryPolicyId?: string | undefined }): Value => {
    if (holder.boundaryPolicyId) return arnOf(holder.boundaryPolicyId);
    if (!holder.permissionsBoundary) return undefined;
    const n = names.get(`boundary:${holder.name}`, `${holder.name} boundary`);
    out.push(block('resource', 'aws_iam_policy', n, [['name', `${holder.name}-boundary`], ['policy', { doc: holder.permissionsBoundary }]], `The permissions boundary of ${holder.name} (IAM sets a boundary from a managed policy).`));
    return ref(`aws_iam_policy.${n}.arn`);
  };

  for (const g of part.groups) {
    const n = names.get(`group:${g.id}`, g.name);
    out.push(block('resource', 'aws_iam_group', n, [['name', g.name], ['path', g.path === '/' ? undefined : g.path]]));
    inline('group', `aws_iam_group.${n}.name`, g.name, g.policies);
    attachments('group', `aws_iam_group.${n}.name`, g.name, g.managedPolicyIds);
  }
  for (const r of part.roles) {
    const n = names.get(`role:${r.id}`, r.name);
    const b = boundary(r);
    out.push(block('resource', 'aws_iam_role', n, [['name', r.name], ['path', r.path === '/' ? undefined : r.path], ['assume_role_policy', { doc: r.trustPolicy }], ['permissions_boundary', b], ['tags', Object.keys(r.tags).length > 0 ? r.tags : undefined]]));
    inline('role', `aws_iam_role.${n}.name`, r.name, r.policies);
    attachments('role', `aws_iam_role.${n}.name`, r.name, r.managedPolicyIds);
  }
  for (const u of part.users) {
    const n = names.get(`user:${u.id}`, u.name);
    const b = boundary(u);
    out.push(block('resource', 'aws_iam_user', n, [['name', u.name], ['path', u.path === '/' ? undefined : u.path], ['permissions_boundary', b], ['tags', Object.keys(u.tags).length > 0 ? u.tags : undefined]]));
    inline('user', `aws_iam_user.${n}.name`, u.name, u.policies);
    attachments('user', `aws_iam_user.${n}.name`, u.name, u.managedPolicyIds);
    const groups = (u.groupIds ?? []).map((id) => s.groups.find((g) => g.id === id)).filter((g) => g !== undefined);
    if (groups.length > 0) {
      out.push(block('resource', 'aws_iam_user_group_membership', names.get(`membership:${u.id}`, `${u.name} groups`), [['user', ref(`aws_iam_user.${n}.name`)], ['groups', groups.map((g) => refItem(`aws_iam_group.${names.get(`group:${g.id}`, g.name)}.name`))]]));
    }
  }

  const resourceRef = new Map<string, string>();
  for (const r of part.resources) {
    const n = names.get(`resource:${r.id}`, r.name);
    switch (r.type) {
      case 's3-bucket':
        resourceRef.set(r.id, `aws_s3_bucket.${n}`);
        out.push(block('resource', 'aws_s3_bucket', n, [['bucket', r.name]]));
        if (r.policy) out.push(block('resource', 'aws_s3_bucket_policy', n, [['bucket', ref(`aws_s3_bucket.${n}.id`)], ['policy', { doc: r.policy }]]));
        break;
      case 'sns-topic':
        resourceRef.set(r.id, `aws_sns_topic.${n}`);
        out.push(block('resource', 'aws_sns_topic', n, [regionArg(r), ['name', r.name]]));
        if (r.policy) out.push(block('resource', 'aws_sns_topic_policy', n, [regionArg(r), ['arn', ref(`aws_sns_topic.${n}.arn`)], ['policy', { doc: r.policy }]]));
        break;
      case 'sqs-queue':
        resourceRef.set(r.id, `aws_sqs_queue.${n}`);
        out.push(block('resource', 'aws_sqs_queue', n, [regionArg(r), ['name', r.name], ['fifo_queue', r.name.endsWith('.fifo') ? ref('true') : undefined]]));
        if (r.policy) out.push(block('resource', 'aws_sqs_queue_policy', n, [regionArg(r), ['queue_url', ref(`aws_sqs_queue.${n}.id`)], ['policy', { doc: r.policy }]]));
        break;
      case 'lambda-function': {
        resourceRef.set(r.id, `aws_lambda_function.${n}`);
        out.push(block('resource', 'aws_lambda_function', n, [regionArg(r), ['function_name', r.name], ['role', 'TODO: the execution role ARN'], ['runtime', 'TODO'], ['handler', 'TODO'], ['filename', 'TODO: the deployment package']], 'TODO: the function\'s code, runtime and execution role are not part of the scenario.'));
        // Lambda has no policy resource: each statement is a permission (AddPermission), when it can be one.
        statements(r.policy ?? { Statement: [] }).forEach((st, i) => {
          const p = asLambdaPermission(st);
          if (!p) {
            leftOut.push(`Statement ${i + 1} of the policy of function ${r.name} (${account.id}): a Lambda permission cannot express it (one principal, one action, SourceArn/SourceAccount/PrincipalOrgID conditions only).`);
            out.push(`# Not exported: statement ${i + 1} of the function's policy cannot be written as one aws_lambda_permission:\n${JSON.stringify(st, null, 2).split('\n').map((l) => `#   ${l}`).join('\n')}`);
            return;
          }
          out.push(block('resource', 'aws_lambda_permission', names.get(`permission:${r.id}/${i}`, `${r.name} ${p.sid ?? `statement ${i + 1}`}`), [regionArg(r), ['statement_id', p.sid ?? `statement-${i + 1}`], ['action', p.action], ['function_name', ref(`aws_lambda_function.${n}.function_name`)], ['principal', p.principal], ['source_arn', p.sourceArn], ['source_account', p.sourceAccount], ['principal_org_id', p.principalOrgId]]));
        });
        break;
      }
      case 'kms-key':
        resourceRef.set(r.id, `aws_kms_key.${n}`);
        out.push(block('resource', 'aws_kms_key', n, [regionArg(r), ['description', `${r.name} (key id in the scenario; AWS assigns the real one)`], ['policy', r.policy ? { doc: r.policy } : undefined]]));
        break;
      case 'events-bus':
        if (r.name === 'default') {
          // The default bus exists in every account and Region: only its policy is managed here.
          resourceRef.set(r.id, 'default');
          if (r.policy) out.push(block('resource', 'aws_cloudwatch_event_bus_policy', n, [regionArg(r), ['event_bus_name', 'default'], ['policy', { doc: r.policy }]]));
          break;
        }
        resourceRef.set(r.id, `aws_cloudwatch_event_bus.${n}`);
        out.push(block('resource', 'aws_cloudwatch_event_bus', n, [regionArg(r), ['name', r.name]]));
        if (r.policy) out.push(block('resource', 'aws_cloudwatch_event_bus_policy', n, [regionArg(r), ['event_bus_name', ref(`aws_cloudwatch_event_bus.${n}.name`)], ['policy', { doc: r.policy }]]));
        break;
      case 'apigateway-rest-api':
        resourceRef.set(r.id, `aws_api_gateway_rest_api.${n}`);
        out.push(block('resource', 'aws_api_gateway_rest_api', n, [regionArg(r), ['name', r.name]], `The scenario names this REST API by its id (${r.name}); API Gateway assigns the real one.`));
        if (r.policy) out.push(block('resource', 'aws_api_gateway_rest_api_policy', n, [regionArg(r), ['rest_api_id', ref(`aws_api_gateway_rest_api.${n}.id`)], ['policy', { doc: r.policy }]]));
        break;
      case 'dynamodb-table':
        resourceRef.set(r.id, `aws_dynamodb_table.${n}`);
        out.push(block('resource', 'aws_dynamodb_table', n, [regionArg(r), ['name', r.name], ['billing_mode', 'PAY_PER_REQUEST'], ['hash_key', 'id'], 'attribute {', '    name = "id"', '    type = "S"', '  }'], 'TODO: the key schema is not part of the scenario; "id" stands for it.'));
        if (r.policy) out.push(block('resource', 'aws_dynamodb_resource_policy', n, [regionArg(r), ['resource_arn', ref(`aws_dynamodb_table.${n}.arn`)], ['policy', { doc: r.policy }]]));
        break;
      default:
        out.push(`# Not written: ${r.type} ${r.name} has no resource policy; rules name it by its ARN (${resourceArn(r)}).`);
    }
  }

  for (const rule of part.rules) {
    const bus = s.resources.find((r) => r.id === rule.busId);
    if (!bus) continue;
    const busRef = resourceRef.get(bus.id);
    const busName: Value = busRef && busRef !== 'default' ? ref(`${busRef}.name`) : bus.name === 'default' ? undefined : bus.name;
    const n = names.get(`rule:${rule.id}`, rule.name);
    out.push(block('resource', 'aws_cloudwatch_event_rule', n, [regionArg(bus), ['name', rule.name], ['event_bus_name', busName], ['event_pattern', { doc: rule.eventPattern ?? { source: ['TODO'] } }]]));
    for (const t of rule.targets) {
      const target = s.resources.find((r) => r.id === t.resourceId);
      if (!target) continue;
      const targetRef = resourceRef.get(target.id);
      const role = t.roleId ? s.principals.find((p) => p.id === t.roleId) : undefined;
      const roleRef = role?.type === 'iam-role' && role.accountId === account.id ? ref(`aws_iam_role.${names.get(`role:${role.id}`, role.name)}.arn`) : role?.type === 'iam-role' ? `arn:aws:iam::${role.accountId}:role${role.path}${role.name}` : undefined;
      out.push(
        block('resource', 'aws_cloudwatch_event_target', names.get(`target:${rule.id}/${t.id}`, `${rule.name} ${t.id}`), [
          regionArg(bus),
          ['rule', ref(`aws_cloudwatch_event_rule.${n}.name`)],
          ['event_bus_name', busName],
          ['target_id', t.id.replace(/^.*\//, '').slice(0, 64)],
          [
            'arn',
            target.type === 'apigateway-rest-api' && targetRef
              ? ref(`"\${${targetRef}.execution_arn}${t.resourcePath ? `/${t.resourcePath}` : ''}"`)
              : targetRef && targetRef !== 'default' && target.type !== 'kms-key'
                ? ref(`${targetRef}.arn`)
                : resourceArn(target, t.resourcePath),
          ],
          ['role_arn', roleRef],
        ]),
      );
    }
  }

  for (const p of part.orgPolicies) {
    const n = names.get(`org:${p.id}`, p.name);
    out.push(block('resource', 'aws_organizations_policy', n, [['name', p.name], ['type', p.type === 'scp' ? 'SERVICE_CONTROL_POLICY' : 'RESOURCE_CONTROL_POLICY'], ['content', { doc: p.document }]], p.name === 'FullAWSAccess' || p.name === 'RCPFullAWSAccess' ? `AWS attaches ${p.name} everywhere by default; this is a copy for review — use the existing p-${p.name} instead when applying.` : undefined));
    p.targets.forEach((target, i) => {
      out.push(block('resource', 'aws_organizations_policy_attachment', names.get(`org-attach:${p.id}/${target}`, `${p.name} ${i + 1}`), [['policy_id', ref(`aws_organizations_policy.${n}.id`)], ['target_id', target]]));
    });
  }
  return `${out.join('\n\n')}\n`;
}

/**
 * The scenario as Terraform: `<account-id>-<name>/main.tf` per account (accounts with nothing to write are
 * left out), and what could not be written.
 */
export function exportTerraform(s: Scenario): IacExport {
  const leftOut: string[] = [];
  const files = accountParts(s)
    .filter((p) => p.roles.length + p.users.length + p.groups.length + p.managedPolicies.length + p.resources.length + p.rules.length + p.orgPolicies.length > 0)
    .map((p) => ({ path: `${accountSlug(p.account)}/main.tf`, text: accountModule(s, p, leftOut) }));
  return { files, leftOut };
}
