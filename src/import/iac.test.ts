import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateScenario, impliedEdges } from '../engine';
import type { IamRole, IamUser, Scenario } from '../model';
import { HEAVY_TEST_MS } from '../testing/timeouts';
import { importFiles } from './door';
import type { ImportInput, ImportResult } from './types';

/**
 * Terraform plans and CloudFormation templates through the import door. The fixtures (src/import/fixtures/iac,
 * README there) are written from Terraform's "JSON Output Format", the Terraform AWS provider's resource
 * documentation and the CloudFormation resource reference.
 */

const DIR = new URL('./fixtures/iac/', import.meta.url);
const fixture = (name: string): ImportInput => ({ name, text: readFileSync(new URL(name, DIR), 'utf8') });
const PLAN = 'platform.tfplan.json';
const YAML = '777788889999.eu-central-1.partner.template.yaml';
const CDK = '111122223333.us-east-1.PipelineStack.template.json';
const run = (inputs: readonly ImportInput[]): ImportResult => importFiles(inputs, { now: new Date('2026-12-01T00:00:00Z') });
function scenarioOf(r: ImportResult): Scenario {
  if (!r.scenario) throw new Error(r.failure ?? 'no scenario');
  return r.scenario;
}
const notes = (r: ImportResult, file: string): string[] => r.verdicts.find((v) => v.file === file)?.notes.map((n) => `${n.level} ${n.path}: ${n.message}`) ?? [];
const role = (s: Scenario, name: string) => s.principals.find((p): p is IamRole => p.type === 'iam-role' && p.name === name);
const user = (s: Scenario, name: string) => s.principals.find((p): p is IamUser => p.type === 'iam-user' && p.name === name);

describe('Terraform plan (terraform show -json)', () => {
  const r = run([fixture(PLAN)]);
  const s = scenarioOf(r);
  const n = notes(r, PLAN);

  it('Given a plan, then it is recognised, its account comes from aws_caller_identity and its Region from the provider', () => {
    expect(r.verdicts[0]).toMatchObject({ status: 'partial', recognised: { format: 'terraform-plan', label: 'Terraform plan (Terraform 1.9.8)' } });
    expect(s.accounts.map((a) => a.id)).toEqual(['111122223333']);
    expect(s.resources.find((x) => x.type === 'sns-topic')?.id).toBe('arn:aws:sns:eu-west-1:111122223333:alerts');
  });

  it('Given roles, users, groups and their policies, then each is imported with its inline policies, attachments and memberships', () => {
    expect(role(s, 'ci-deploy')).toMatchObject({ id: 'arn:aws:iam::111122223333:role/ci/ci-deploy', path: '/ci/', tags: { team: 'platform' }, managedPolicyIds: ['arn:aws:iam::111122223333:policy/bucket-readers'] });
    expect(role(s, 'ci-deploy')?.policies.map((p) => p.name)).toEqual(['artifacts']);
    expect(role(s, 'ci-deploy')?.trustPolicy.Statement).toEqual([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:role/github-actions' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'ci-7f3a' } } }]);
    expect(user(s, 'alice')).toMatchObject({ groupIds: ['arn:aws:iam::111122223333:group/ops'], policies: [{ name: 'publish-alerts' }] });
    expect(s.groups).toMatchObject([{ name: 'ops', managedPolicyIds: ['arn:aws:iam::111122223333:policy/bucket-readers'] }]);
  });

  it('Given a policy ARN known only after apply, then the configuration\'s reference (aws_iam_policy.readers.arn) finds the policy', () => {
    expect(s.managedPolicies.map((m) => m.id)).toEqual(['arn:aws:iam::111122223333:policy/bucket-readers']);
  });

  it('Given an AWS managed policy no file holds, then the attachment is left out and said where', () => {
    expect(n).toContain('warning $.planned_values.root_module.resources[0].values.managed_policy_arns[0]: The managed policy arn:aws:iam::aws:policy/ReadOnlyAccess of the role ci-deploy is not in the import (its document is not in any file): its decisions leave it out.');
  });

  it('Given resource policies set by their own resources, in a child module too, then each resource carries its policy', () => {
    const policyOf = (type: string) => s.resources.find((x) => x.type === type)?.policy;
    expect(policyOf('s3-bucket')?.Statement).toMatchObject([{ Sid: 'PartnerRead' }]);
    expect(policyOf('sqs-queue')?.Statement).toMatchObject([{ Action: 'sqs:SendMessage' }]);
    expect(policyOf('sns-topic')?.Statement).toMatchObject([{ Principal: { Service: 'events.amazonaws.com' } }]);
    expect(policyOf('events-bus')?.Statement).toMatchObject([{ Sid: 'PartnerPut' }]);
    expect(policyOf('dynamodb-table')?.Statement).toMatchObject([{ Action: 'dynamodb:GetItem' }]);
  });

  it('Given a Lambda permission whose source ARN is known only after apply, then the function policy gets its statement with the ARN built from the topic\'s name', () => {
    expect(s.resources.find((x) => x.type === 'lambda-function')?.policy?.Statement).toEqual([
      { Sid: 'AllowSNS', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:eu-west-1:111122223333:function:order-processor', Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:sns:eu-west-1:111122223333:alerts' } } },
    ]);
  });

  it('Given a KMS key whose id AWS assigns at apply, then it stands as a placeholder that says so', () => {
    expect(s.resources.find((x) => x.type === 'kms-key')?.name).toBe('(known after apply) aws_kms_key.data.key_id');
    expect(n).toContain('info $.planned_values.root_module.resources[14].values: aws_kms_key.data.key_id is known only after apply; it stands as “(known after apply) aws_kms_key.data.key_id”.');
  });

  it('Given an EventBridge rule and a target, then the rule is on its bus with the function as target', () => {
    expect(s.rules).toMatchObject([{ name: 'order-placed', busId: 'arn:aws:events:eu-west-1:111122223333:event-bus/orders', eventPattern: { 'detail-type': ['OrderPlaced'] }, targets: [{ resourceId: 'arn:aws:lambda:eu-west-1:111122223333:function:order-processor' }] }]);
  });

  it('Given SCPs attached to the root of the organization the plan reads, then they join that organization; a tag policy is skipped', () => {
    expect(s.organizations).toMatchObject([{ id: 'o-a1b2c3d4e5', rootId: 'r-a1b2', managementAccountId: '111122223333', policies: [{ name: 'deny-leave', targets: ['r-a1b2'] }, { name: 'full-access', targets: ['r-a1b2'] }] }]);
    expect(n).toContain('info $.planned_values.root_module.resources[23]: aws_organizations_policy.tags is a TAG_POLICY, which does not decide access; it is skipped.');
  });

  it('Given a resource type that grants nothing, then it is listed as skipped, located; a resource the plan deletes is not imported', () => {
    expect(n).toContain('info $.planned_values.root_module.resources[26]: aws_instance.bastion: aws_instance is not a resource this app models (it grants no access through a policy here); it is skipped.');
    expect(r.verdicts[0]?.counts['resources of other types skipped']).toBe(1);
    expect(role(s, 'legacy-admin')).toBeUndefined();
  });

  it('Given the plan, then the edges its policies imply are decided by the engine (the partner account reads the bucket; CI assumes the role only with its external id)', () => {
    const implied = impliedEdges(s, { includeOutside: true });
    const withEdges: Scenario = { ...s, accounts: [...s.accounts, ...implied.accounts], principals: [...s.principals, ...implied.principals], edges: implied.edges.map((e) => e.edge) };
    const e = evaluateScenario(withEdges);
    const partnerRead = implied.edges.find((x) => x.edge.kind === 'access' && x.edge.to === 'arn:aws:s3:::example-artifacts');
    expect(partnerRead && e.edges.get(partnerRead.edge.id)?.status).toBe('allowed');
    const ciAssume = implied.edges.find((x) => x.edge.kind === 'assume');
    expect(ciAssume?.edge).toMatchObject({ kind: 'assume', externalId: 'ci-7f3a', to: 'arn:aws:iam::111122223333:role/ci/ci-deploy' });
  }, HEAVY_TEST_MS);
});

describe('Terraform plans that are broken or incomplete', () => {
  it('Given a plan cut short, then the file gets a located error and nothing else is lost', () => {
    const text = readFileSync(new URL(PLAN, DIR), 'utf8').slice(0, 5000);
    const r = run([{ name: 'cut.tfplan.json', text }, fixture(YAML)]);
    expect(r.verdicts.find((v) => v.file === 'cut.tfplan.json')).toMatchObject({ status: 'skipped' });
    expect(notes(r, 'cut.tfplan.json')[0]).toMatch(/^error \$: This is not JSON \(line \d+, column \d+\)/);
    expect(scenarioOf(r).principals.length).toBeGreaterThan(0);
  });

  it('Given a plan in a JSON format of a later major version, then it is refused with the reason', () => {
    const r = run([{ name: 'future.json', text: JSON.stringify({ format_version: '2.0', planned_values: { root_module: {} } }) }]);
    expect(r.failure).toBeDefined();
    expect(notes(r, 'future.json')).toContain('error $.format_version: The plan is in JSON format 2.0; this app reads format 1.x (Terraform\'s rule: reject an unsupported major version).');
  });

  it('Given a policy known only after apply, then it is not imported and the note says what it is made from', () => {
    const plan = {
      format_version: '1.2',
      planned_values: { root_module: { resources: [{ address: 'aws_s3_bucket_policy.b', mode: 'managed', type: 'aws_s3_bucket_policy', name: 'b', values: { bucket: 'logs' } }] } },
      resource_changes: [{ address: 'aws_s3_bucket_policy.b', mode: 'managed', type: 'aws_s3_bucket_policy', name: 'b', change: { actions: ['create'], after: { bucket: 'logs' }, after_unknown: { policy: true } } }],
      configuration: { root_module: { resources: [{ address: 'aws_s3_bucket_policy.b', mode: 'managed', type: 'aws_s3_bucket_policy', name: 'b', expressions: { policy: { references: ['aws_s3_bucket.logs.arn', 'aws_s3_bucket.logs'] } } }] } },
    };
    const r = run([{ name: '111122223333.plan.json', text: JSON.stringify(plan) }]);
    expect(notes(r, '111122223333.plan.json')).toContain('warning $.planned_values.root_module.resources[0].values.policy: The policy aws_s3_bucket_policy.b is known only after apply (it is made from aws_s3_bucket.logs.arn, aws_s3_bucket.logs): it is not imported. Plan again once the resources it names exist, or write the ARNs it needs from names (aws_s3_bucket.x.bucket) so they are known at plan time.');
  });

  it('Given a plan that says no account, then the one given for the import is used', () => {
    const plan = { format_version: '1.2', planned_values: { root_module: { resources: [{ address: 'aws_iam_user.u', mode: 'managed', type: 'aws_iam_user', name: 'u', values: { name: 'u', path: '/' } }] } } };
    const r = importFiles([{ name: 'plan.json', text: JSON.stringify(plan) }], { defaults: { account: '222233334444', region: 'eu-north-1' } });
    expect(scenarioOf(r).principals[0]?.id).toBe('arn:aws:iam::222233334444:user/u');
    expect(notes(r, 'plan.json')).toContain('info $: The account 222233334444 is taken from the account given for the import.');
  });
});

describe('CloudFormation template in YAML with the short intrinsic forms', () => {
  const r = run([fixture(YAML)]);
  const s = scenarioOf(r);
  const n = notes(r, YAML);

  it('Given the template, then it is recognised and its account and Region come from the file name', () => {
    expect(r.verdicts[0]).toMatchObject({ status: 'imported', recognised: { format: 'cloudformation-template', label: 'CloudFormation template (YAML)' } });
    expect(s.accounts.map((a) => a.id)).toEqual(['777788889999']);
  });

  it('Given !Sub with a parameter, !GetAtt in both forms and !Join, then names and ARNs resolve', () => {
    const reader = role(s, 'partner-reader-prod');
    expect(reader).toMatchObject({ id: 'arn:aws:iam::777788889999:role/partners/partner-reader-prod', tags: { team: 'partners' }, managedPolicyIds: ['arn:aws:iam::777788889999:policy/queue-senders'] });
    expect(reader?.trustPolicy.Statement).toEqual([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }]);
    expect(reader?.policies.find((p) => p.name === 'read-reports')?.document.Statement).toEqual([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::partner-reports-prod', 'arn:aws:s3:::partner-reports-prod/*'] }]);
    expect(reader?.policies.find((p) => p.name === 'decrypt-reports')?.document.Statement).toEqual([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:eu-central-1:777788889999:key/(known after deploy) ReportsKey' }]);
  });

  it('Given groups by Ref, a managed policy, topic and queue policies by Ref, a Lambda permission and a bus policy statement, then each lands on its entity', () => {
    expect(user(s, 'auditor')?.groupIds).toEqual(['arn:aws:iam::777788889999:group/auditors']);
    const byType = (t: string) => s.resources.find((x) => x.type === t);
    expect(byType('sqs-queue')).toMatchObject({ id: 'arn:aws:sqs:eu-central-1:777788889999:partner-inbox', policy: { Statement: [{ Action: 'sqs:SendMessage' }] } });
    expect(byType('sns-topic')?.policy?.Statement).toMatchObject([{ Resource: 'arn:aws:sns:eu-central-1:777788889999:partner-alerts' }]);
    expect(byType('lambda-function')?.policy?.Statement).toEqual([{ Sid: 'HandlerFromRule', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:eu-central-1:777788889999:function:partner-handler', Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:events:eu-central-1:777788889999:rule/partner-events/partner-incoming' } } }]);
    expect(byType('events-bus')?.policy?.Statement).toMatchObject([{ Sid: 'TrustedPut', Action: 'events:PutEvents' }]);
    expect(byType('dynamodb-table')?.policy?.Statement).toMatchObject([{ Principal: { AWS: 'arn:aws:iam::777788889999:role/partners/partner-reader-prod' } }]);
    expect(s.rules[0]?.targets.map((t) => t.resourceId)).toEqual(['arn:aws:lambda:eu-central-1:777788889999:function:partner-handler', 'arn:aws:sns:eu-central-1:777788889999:partner-alerts']);
  });

  it('Given a resource whose condition does not hold and a type that grants nothing, then both are listed as skipped, located', () => {
    expect(s.resources.some((x) => x.name === 'partner-scratch')).toBe(false);
    expect(n).toContain("info $.Resources.DevOnlyBucket: DevOnlyBucket is created only when the condition IsDev holds, which it does not with the parameters' defaults; it is skipped.");
    expect(n).toContain('info $.Resources.Network: Network: AWS::EC2::VPC is not a resource this app models (it grants no access through a policy here); it is skipped.');
  });

  it('Given YAML that cannot be read, then the file gets an error with its line and column', () => {
    const r2 = run([{ name: 'broken.yaml', text: 'Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties: [\n      RoleName: : x\n' }]);
    expect(r2.verdicts[0]?.status).toBe('skipped');
    expect(notes(r2, 'broken.yaml')[0]).toMatch(/^error \$: This YAML cannot be read \(line \d+, column \d+\): /);
  });

  it('Given YAML that is not a template, then it is said so', () => {
    const r2 = run([{ name: 'compose.yml', text: 'services:\n  web:\n    image: nginx\n' }]);
    expect(notes(r2, 'compose.yml')).toContain('error $: This YAML is not a CloudFormation template: it has no Resources map of { Type: "AWS::…" } entries.');
  });
});

describe('cdk synth output (JSON, Fn::Join everywhere)', () => {
  const r = run([fixture(CDK)]);
  const s = scenarioOf(r);

  it('Given the template, then it is recognised as cdk synth, generated names stand as such, and Fn::Join builds the ARNs', () => {
    expect(r.verdicts[0]?.recognised?.label).toBe('CloudFormation template (JSON, cdk synth)');
    const bucket = s.resources.find((x) => x.type === 's3-bucket');
    expect(bucket?.name).toBe('pipelinestack-artifactsbucket2aac5544-(generated)');
    expect(bucket?.policy?.Statement).toMatchObject([{ Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Resource: ['arn:aws:s3:::pipelinestack-artifactsbucket2aac5544-(generated)', 'arn:aws:s3:::pipelinestack-artifactsbucket2aac5544-(generated)/*'] }]);
    const build = s.principals.find((p): p is IamRole => p.type === 'iam-role');
    expect(build?.name).toBe('PipelineStack-BuildRole5A1B2C3D-(generated)');
    expect(build?.policies[0]?.document.Statement).toMatchObject([{ Action: expect.arrayContaining(['s3:PutObject']) }, { Resource: 'arn:aws:sqs:us-east-1:111122223333:build-events' }]);
    expect(notes(r, CDK)).toContain('info $.Resources.CDKMetadata: CDKMetadata: AWS::CDK::Metadata is not a resource this app models (it grants no access through a policy here); it is skipped.');
  });

  it('Given the plan, the YAML template and the cdk template together, then they combine into one scenario of two accounts (the plan and the stack share 111122223333)', () => {
    const all = scenarioOf(run([fixture(PLAN), fixture(YAML), fixture(CDK)]));
    expect(all.accounts.map((a) => a.id)).toEqual(['111122223333', '777788889999']);
    expect(all.principals.filter((p) => p.type === 'iam-role').length).toBe(3);
  });
});
