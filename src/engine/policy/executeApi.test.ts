import { describe, expect, it } from 'vitest';
import { executeApiOwnerArn, expandExecuteApiShorthand } from './executeApi';

/**
 * API Gateway resource policy examples: "you can specify the resource execute-api:/stage-name/GET/pets in a
 * resource policy. API Gateway converts the resource to
 * arn:aws:execute-api:us-east-2:123456789012:aabbccddee/stage-name/GET/pets when you save the resource policy."
 */
const API = 'arn:aws:execute-api:us-east-2:123456789012:aabbccddee';
const doc = (statement: object) => ({ Version: '2012-10-17', Statement: [statement] });

describe('the execute-api:/ shorthand', () => {
  it('Given an API ARN or one of its method ARNs, then the owning API is found; other ARNs have none', () => {
    expect(executeApiOwnerArn(API)).toBe(API);
    expect(executeApiOwnerArn(`${API}/prod/GET/pets`)).toBe(API);
    expect(executeApiOwnerArn('arn:aws-cn:execute-api:cn-north-1:123456789012:abc/*')).toBe('arn:aws-cn:execute-api:cn-north-1:123456789012:abc');
    expect(executeApiOwnerArn('arn:aws:sqs:us-east-2:123456789012:q')).toBeUndefined();
  });

  it('Given execute-api:/stage-name/GET/pets in the API\'s policy, then it becomes the documented full ARN', () => {
    const out = expandExecuteApiShorthand(doc({ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/stage-name/GET/pets' }), `${API}/prod/GET/pets`) as { Statement: Array<{ Resource: string }> };
    expect(out.Statement[0]?.Resource).toBe('arn:aws:execute-api:us-east-2:123456789012:aabbccddee/stage-name/GET/pets');
  });

  it('Given execute-api:/* in a list and in NotResource, then each entry is expanded and full ARNs are kept', () => {
    const out = expandExecuteApiShorthand(
      { Version: '2012-10-17', Statement: { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', NotResource: ['execute-api:/*', `${API}/dev/*`] } },
      API,
    ) as { Statement: { NotResource: string[] } };
    expect(out.Statement.NotResource).toEqual([`${API}/*`, `${API}/dev/*`]);
  });

  it('Given a policy without the shorthand, or a resource that is not an API, then the very same document comes back (its compiled form is reused)', () => {
    const plain = doc({ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: `${API}/*` });
    expect(expandExecuteApiShorthand(plain, API)).toBe(plain);
    const shorthand = doc({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: 'execute-api:/*' });
    expect(expandExecuteApiShorthand(shorthand, 'arn:aws:sqs:us-east-2:123456789012:q')).toBe(shorthand);
  });

  it('Given the same document and API twice, then the expanded document is the same object; the original is not changed', () => {
    const original = doc({ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' });
    const once = expandExecuteApiShorthand(original, API);
    expect(expandExecuteApiShorthand(original, `${API}/prod/GET/x`)).toBe(once);
    expect(original.Statement[0]).toMatchObject({ Resource: 'execute-api:/*' });
  });
});
