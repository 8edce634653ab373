import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { evaluateScenario, type ScenarioEvaluation } from '../../engine';
import { importFiles, parseTemplateText, type ImportInput } from '../../import';
import { LESSONS, lessonScenario } from '../../lessons';
import { principalArn, type Principal, type Resource, type Scenario } from '../../model';
import { parseHcl, stateOf } from '../../testing/terraformState';
import { HEAVY_TEST_MS } from '../../testing/timeouts';
import { exportCloudFormation, exportTerraform } from '.';

/**
 * Export → import → the same decisions. Each lesson's scenario is exported as Terraform and as CloudFormation;
 * the files are read back through the import door (Terraform as the state `terraform show -json` prints after
 * applying them, CloudFormation as the templates themselves) together with the organization's structure as the
 * AWS Organizations CLI prints it (the exports write policies and where they attach, not the OU tree). The
 * lesson's edges are then drawn on the import — from the same principals to the same resources, found by ARN —
 * and every edge, every EventBridge target and every step of each is decided as in the lesson.
 */

function scenarioOf(lesson: (typeof LESSONS)[number]): Scenario {
  const r = lessonScenario(lesson);
  if (!r.ok) throw new Error('lesson does not parse');
  return r.scenario;
}

/** The organization's structure as AWS CLI outputs (describe-organization, list-roots, OUs and accounts per parent). */
function organizationFiles(s: Scenario): ImportInput[] {
  return s.organizations.flatMap((o) => {
    const parents = [o.rootId, ...o.ous.map((u) => u.id)];
    return [
      { name: `organizations.describe-organization.${o.id}.json`, text: JSON.stringify({ Organization: { Id: o.id, Arn: `arn:aws:organizations::${o.managementAccountId}:organization/${o.id}`, MasterAccountId: o.managementAccountId, FeatureSet: 'ALL' } }) },
      { name: `organizations.list-roots.${o.id}.json`, text: JSON.stringify({ Roots: [{ Id: o.rootId, Arn: `arn:aws:organizations::${o.managementAccountId}:root/${o.id}/${o.rootId}`, Name: 'Root', PolicyTypes: [] }] }) },
      ...parents.map((p) => ({ name: `organizations.list-organizational-units-for-parent.${p}.json`, text: JSON.stringify({ OrganizationalUnits: o.ous.filter((u) => u.parentId === p).map((u) => ({ Id: u.id, Arn: `arn:aws:organizations::${o.managementAccountId}:ou/${o.id}/${u.id}`, Name: u.name })) }) })),
      ...parents.map((p) => ({
        name: `organizations.list-accounts.${p}.json`,
        text: JSON.stringify({ Accounts: s.accounts.filter((a) => a.organizationId === o.id && (a.parentId ?? o.rootId) === p).map((a) => ({ Id: a.id, Arn: `arn:aws:organizations::${o.managementAccountId}:account/${o.id}/${a.id}`, Name: a.name, Email: `${a.id}@example.com`, Status: 'ACTIVE' })) }),
      })),
    ];
  });
}

/** The lesson's edges and rule targets drawn on the imported scenario, between the same principals and resources. */
function withLessonEdges(original: Scenario, imported: Scenario): { scenario: Scenario; edgeIds: Map<string, string> } {
  const principals = [...imported.principals];
  const principalId = (p: Principal): string => {
    if (p.type === 'iam-user' || p.type === 'iam-role') return principalArn(p);
    if (!principals.some((x) => x.id === p.id)) principals.push(p);
    return p.id;
  };
  const sameType = (r: Resource, list: readonly Resource[]) => list.filter((x) => x.type === r.type && x.accountId === r.accountId);
  const resourceId = (r: Resource): string | undefined => {
    const found = imported.resources.find((x) => x.type === r.type && x.accountId === r.accountId && x.name === r.name);
    // Ids AWS assigns (a key's, a REST API's) stand as placeholders in a template: the same resource, by order.
    return found?.id ?? sameType(r, imported.resources)[sameType(r, original.resources).indexOf(r)]?.id;
  };
  const edgeIds = new Map<string, string>();
  const edges = original.edges.map((e) => {
    const from = original.principals.find((p) => p.id === e.from) as Principal;
    const to = e.kind === 'assume' ? principalArn(original.principals.find((p) => p.id === e.to) as Principal) : resourceId(original.resources.find((r) => r.id === e.to) as Resource);
    edgeIds.set(e.id, e.id);
    return { ...e, from: principalId(from), to: to as string };
  });
  for (const rule of original.rules) {
    const imp = imported.rules.find((r) => r.name === rule.name);
    for (const t of rule.targets) {
      const it = imp?.targets.find((x) => x.id.endsWith(`/target/${t.id}`));
      if (it) edgeIds.set(t.id, it.id);
    }
  }
  return { scenario: { ...imported, principals, edges }, edgeIds };
}

/** Every edge's decisions, step by step: `[label, decision]`. */
function decisions(e: ScenarioEvaluation, id: string): { status: string; steps: [string, string][] } | undefined {
  const edge = e.edges.get(id);
  return edge ? { status: edge.status, steps: edge.steps.map((s) => [s.label.replace(/arn:aws:[^ ]+|\(known after deploy: [^)]+\)/g, 'ARN'), s.verdict.decision]) } : undefined;
}

function expectSameDecisions(original: Scenario, imported: Scenario): void {
  const { scenario, edgeIds } = withLessonEdges(original, imported);
  const before = evaluateScenario(original);
  const after = evaluateScenario(scenario);
  expect(edgeIds.size).toBe(original.edges.length + original.rules.reduce((n, r) => n + r.targets.length, 0));
  for (const [id, importedId] of edgeIds) {
    const a = decisions(before, id);
    const b = decisions(after, importedId);
    expect({ id, ...b }, `edge ${id}`).toEqual({ id, status: a?.status, steps: a?.steps.map(([, d]) => [expect.any(String), d]) });
  }
}

const lessonsWithPolicies = LESSONS.filter((l) => l.scenario.principals.length + l.scenario.resources.length > 0);

describe('Terraform export → terraform show -json of the applied state → import: the same decisions', () => {
  for (const lesson of lessonsWithPolicies) {
    it(`Given the lesson “${lesson.title}”, when exported as Terraform, applied and imported, then every edge is decided as before`, () => {
      const s = scenarioOf(lesson);
      const out = exportTerraform(s);
      const files: ImportInput[] = out.files.map((f) => {
        const account = f.path.slice(0, 12);
        const assigned = {
          aws_kms_key: s.resources.filter((r) => r.accountId === account && r.type === 'kms-key').map((r) => r.name),
          aws_api_gateway_rest_api: s.resources.filter((r) => r.accountId === account && r.type === 'apigateway-rest-api').map((r) => r.name),
        };
        return { name: `${f.path.replace('/', '.')}.state.json`, text: JSON.stringify(stateOf(f.text, { account, assigned })) };
      });
      const r = importFiles([...files, ...organizationFiles(s)]);
      expect(r.failure).toBeUndefined();
      expect(r.verdicts.filter((v) => v.recognised?.format === 'terraform-state').length).toBe(out.files.length);
      expectSameDecisions(s, r.scenario as Scenario);
    }, HEAVY_TEST_MS);
  }

  it('Given an export, then every file parses as HCL and pins its account and Region', () => {
    const s = scenarioOf(LESSONS.find((l) => l.id === 'eventbridge-models') ?? (LESSONS[0] as (typeof LESSONS)[number]));
    for (const f of exportTerraform(s).files) {
      const doc = parseHcl(f.text);
      expect(doc).toHaveProperty('resource');
      expect(f.text).toMatch(/allowed_account_ids = \["\d{12}"\]/);
    }
  });

  it('Given a policy with a policy variable, then the HCL escapes it ($${…}) and the parsed value is the policy as written', () => {
    const s = scenarioOf(LESSONS.find((l) => l.scenario.principals.some((p) => p.type === 'iam-role')) as (typeof LESSONS)[number]);
    const role = s.principals.find((p) => p.type === 'iam-role');
    if (!role || role.type !== 'iam-role') throw new Error('no role');
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' }] };
    const changed = { ...s, principals: s.principals.map((p) => (p.id === role.id ? { ...role, policies: [{ name: 'Own', document: doc }] } : p)) };
    const tf = exportTerraform(changed).files.map((f) => f.text).join('\n');
    expect(tf).toContain('b/$${aws:username}/*');
    const parsed = parseHcl(tf.split('\n\n').filter((b) => b.includes('aws_iam_role_policy')).join('\n\n')) as { resource: { aws_iam_role_policy: Record<string, [{ policy: string }]> } };
    expect(JSON.parse(Object.values(parsed.resource.aws_iam_role_policy)[0]?.[0].policy ?? '')).toEqual(doc);
  });
});

describe('CloudFormation export → import of the templates: the same decisions', () => {
  for (const lesson of lessonsWithPolicies) {
    it(`Given the lesson “${lesson.title}”, when exported as CloudFormation and imported, then every edge is decided as before`, () => {
      const s = scenarioOf(lesson);
      const out = exportCloudFormation(s);
      for (const f of out.files) expect(parseTemplateText(f.text).ok).toBe(true);
      const r = importFiles([...out.files.map((f) => ({ name: f.path, text: f.text })), ...organizationFiles(s)]);
      expect(r.failure).toBeUndefined();
      expect(r.verdicts.filter((v) => v.recognised?.format === 'cloudformation-template').length).toBe(out.files.length);
      expectSameDecisions(s, r.scenario as Scenario);
    }, HEAVY_TEST_MS);
  }

  it('Given an export, then each template is YAML whose policies are maps, asserting its account and Region in Rules', () => {
    const s = scenarioOf(LESSONS[0] as (typeof LESSONS)[number]);
    for (const f of exportCloudFormation(s).files) {
      const t = parseYaml(f.text) as { Rules: Record<string, { Assertions: { Assert: Record<string, unknown> }[] }>; Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
      expect(t.Rules['OnlyInThisAccount']?.Assertions[0]?.Assert).toEqual({ 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, f.path.slice(0, 12)] });
      const role = Object.values(t.Resources).find((r) => r.Type === 'AWS::IAM::Role');
      if (role) expect(typeof role.Properties['AssumeRolePolicyDocument']).toBe('object');
    }
  });
});
