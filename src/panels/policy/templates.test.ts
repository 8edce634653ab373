import { describe, expect, it } from 'vitest';
import { checkPolicyText } from '../../engine';
import { connect, RESOURCE_TYPE_IDS, RESOURCE_TYPES, type Scenario } from '../../model';
import { seedCrossAccount } from '../../model/fixtures/seedCrossAccount';
import { templateContext } from '../inspector/context';
import { TEMPLATES } from './templates';

describe('policy templates', () => {
  const context = { accountId: '222222222222', otherAccountId: '111111111111', resourceArn: 'arn:aws:s3:::bucket-b', resourceType: 's3-bucket', actions: ['s3:GetObject', 's3:PutObject'], principalArn: 'arn:aws:iam::111111111111:user/alice' };
  for (const t of TEMPLATES) {
    for (const kind of t.kinds) {
      it(`Given the "${t.label}" template, when it fills a ${kind} policy, then the engine's checks find no error`, () => {
        const text = JSON.stringify(t.build({ ...context, resourceType: kind === 'key' ? 'kms-key' : context.resourceType }), null, 2);
        const errors = checkPolicyText(text, { kind, ...(kind === 'resource' ? { resourceType: 's3-bucket' } : kind === 'key' ? { resourceType: 'kms-key' } : {}) }).filter((p) => p.severity === 'error');
        expect(errors).toEqual([]);
      });
    }
  }

  it('Given an API Gateway API, when "Allow events.amazonaws.com" or "Grant another account" fills its policy, then it covers the API and every stage/method/path', () => {
    const api = { ...context, resourceArn: 'arn:aws:execute-api:us-east-1:222222222222:a1b2c3d4e5', resourceType: 'apigateway-rest-api', actions: ['execute-api:Invoke'] };
    for (const id of ['allow-eventbridge', 'grant-account']) {
      const doc = TEMPLATES.find((t) => t.id === id)?.build(api) as { Statement: Array<{ Resource: unknown }> };
      expect(doc.Statement[0]?.Resource, id).toEqual([api.resourceArn, `${api.resourceArn}/*`]);
    }
  });
  it('Given a resource in account B called from account A, when "Grant another account" fills it, then it names account A', () => {
    const doc = TEMPLATES.find((t) => t.id === 'grant-account')?.build(context);
    expect(JSON.stringify(doc)).toContain('arn:aws:iam::111111111111:root');
  });
});

describe('templates fill in what the drawing asks for, under names that say what they grant', () => {
  const find = (id: string) => {
    const t = TEMPLATES.find((x) => x.id === id);
    if (!t) throw new Error(`no template ${id}`);
    return t;
  };
  const statements = (doc: { Statement: unknown }) => doc.Statement as Array<Record<string, unknown>>;
  /** The seed with alice also publishing to a topic in account B, and ExportRole writing the bucket. */
  const drawn: Scenario = {
    ...seedCrossAccount,
    resources: [...seedCrossAccount.resources, { id: 'topic', type: 'sns-topic', accountId: '222222222222', region: 'us-east-1', name: 'alerts' }],
    edges: [
      ...seedCrossAccount.edges,
      { kind: 'access', id: 'alice-publish', from: 'alice', to: 'topic', actions: ['sns:Publish'] },
      { kind: 'access', id: 'role-put', from: 'export-role', to: 'bucket', actions: ['s3:PutObject'] },
    ],
  };

  it('Given alice reaching a table, a bucket and a topic, when "Allow actions on a resource" fills her policy, then each target gets its own statement with its actions on its ARN, none on *', () => {
    const c = templateContext(drawn, 'alice');
    const doc = find('allow-actions').build(c);
    expect(statements(doc)).toEqual([
      { Sid: 'AllowScanOnResultsSource', Effect: 'Allow', Action: ['dynamodb:Scan'], Resource: 'arn:aws:dynamodb:us-east-1:111111111111:table/results-source' },
      { Sid: 'AllowPutObjectOnBucketB', Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::bucket-b', 'arn:aws:s3:::bucket-b/*'] },
      { Sid: 'AllowPublishOnAlerts', Effect: 'Allow', Action: ['sns:Publish'], Resource: 'arn:aws:sns:us-east-1:222222222222:alerts' },
    ]);
    expect(find('allow-actions').name(c)).toBe('AccessToResultsSourceAndBucketBAndMore');
  });

  it('Given alice and ExportRole each given "Allow actions on a resource", then their policies have different names (a swap does not read "Allow actions on a resource" on both sides)', () => {
    const t = find('allow-actions');
    const names = ['alice', 'export-role'].map((id) => t.name(templateContext(drawn, id)));
    expect(names).toEqual(['AccessToResultsSourceAndBucketBAndMore', 'AllowPutObjectOnBucketB']);
    expect(names).not.toContain(t.label);
  });

  it('Given a role drawn writing the bucket, when a session policy is set on that edge, then it covers that edge’s target only', () => {
    const c = templateContext(drawn, 'alice', 'alice-publish');
    expect(statements(find('allow-actions').build(c))).toEqual([{ Sid: 'AllowPublishOnAlerts', Effect: 'Allow', Action: ['sns:Publish'], Resource: 'arn:aws:sns:us-east-1:222222222222:alerts' }]);
  });

  it('Given a principal reaching a bucket, then "Read-only S3" names that bucket and its objects; "Allow sts:AssumeRole" names the role assumed', () => {
    const c = templateContext(drawn, 'alice');
    expect(statements(find('s3-read-only').build(c))).toEqual([{ Sid: 'ReadOnlyBucketB', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::bucket-b', 'arn:aws:s3:::bucket-b/*'] }]);
    expect(find('s3-read-only').name(c)).toBe('ReadOnlyBucketB');
    expect(statements(find('allow-assume').build(c))[0]).toMatchObject({ Sid: 'AssumeExportRole', Resource: 'arn:aws:iam::222222222222:role/ExportRole' });
  });

  it('Given the topic called by alice from account A, then the grants give what she asks for, to her or her account, under names that say so', () => {
    const c = templateContext(drawn, 'topic');
    expect(statements(find('grant-principal').build(c))).toEqual([
      { Sid: 'GrantPublishToAlice', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:user/alice' }, Action: ['sns:Publish'], Resource: 'arn:aws:sns:us-east-1:222222222222:alerts' },
    ]);
    expect(statements(find('grant-account').build(c))[0]).toMatchObject({ Sid: 'GrantPublishToAccount111111111111', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: ['sns:Publish'] });
  });

  it('Given no edge from another account into a resource, then "Grant another account" offers the type’s common actions', () => {
    const c = templateContext(seedCrossAccount, 'table');
    expect(statements(find('grant-account').build(c))[0]?.['Action']).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:Scan']);
    expect(statements(find('grant-account').build(c))[0]?.['Sid']).toBe('GrantDynamodbActionsToAccount999999999999');
  });

  it('Given every template on one context, then every Sid is letters and digits only (IAM: Sid) and no two templates share a Sid', () => {
    const sids = TEMPLATES.flatMap((t) => statements(t.build(templateContext(drawn, t.kinds.includes('identity') ? 'alice' : t.kinds.includes('trust') ? 'export-role' : 'topic'))).map((st) => st['Sid'])).filter((x) => x !== undefined);
    for (const sid of sids) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
    expect(new Set(sids).size).toBe(sids.length);
  });
});

describe('a new access edge', () => {
  it('Given a principal connected to each resource type, then the edge starts with an action of that type’s service', () => {
    for (const type of RESOURCE_TYPE_IDS) {
      const s: Scenario = { ...seedCrossAccount, resources: [...seedCrossAccount.resources, { id: 'target', type, accountId: '111111111111', region: 'us-east-1', name: 'target' }] };
      const r = connect(s, 'alice', 'target');
      if ('error' in r) throw new Error(r.error);
      const edge = r.scenario.edges.find((e) => e.id === r.id);
      const service = RESOURCE_TYPES[type].service;
      expect(edge?.kind === 'access' && edge.actions, type).toEqual([RESOURCE_TYPES[type].commonActions[0]]);
      expect(edge?.kind === 'access' && edge.actions[0]?.startsWith(`${service}:`), type).toBe(true);
    }
  });
});
