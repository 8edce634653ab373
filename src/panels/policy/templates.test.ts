import { describe, expect, it } from 'vitest';
import { checkPolicyText } from '../../engine';
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
