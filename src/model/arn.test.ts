import { describe, expect, it } from 'vitest';
import { accountRootArn, principalArn, resourceArn, ruleArn, sessionArn, sessionLabel } from './arn';
import type { Resource } from './schema';

const r = (type: Resource['type'], name: string): Resource => ({ id: 'x', type, accountId: '123456789012', region: 'us-east-1', name });

describe('principal ARNs', () => {
  it('Given a user with the default path, then its ARN is user/NAME', () => {
    expect(principalArn({ id: 'u', type: 'iam-user', name: 'alice', accountId: '123456789012', path: '/', tags: {}, policies: [] })).toBe('arn:aws:iam::123456789012:user/alice');
  });
  it('Given a role with a path, then the path is part of its ARN', () => {
    expect(principalArn({ id: 'r', type: 'iam-role', name: 'Deploy', accountId: '123456789012', path: '/ci/', tags: {}, policies: [], trustPolicy: { Statement: [] } })).toBe('arn:aws:iam::123456789012:role/ci/Deploy');
  });
  it('Given a role session, then the ARN is assumed-role/ROLE/SESSION in sts, without the path', () => {
    expect(sessionArn({ accountId: '123456789012', name: 'Deploy' }, 'bob')).toBe('arn:aws:sts::123456789012:assumed-role/Deploy/bob');
  });
  it('Given a role session, then it is named ROLE/SESSION-NAME everywhere: the end of its ARN', () => {
    expect(sessionLabel('Deploy', 'bob')).toBe('Deploy/bob');
    expect(sessionArn({ accountId: '123456789012', name: 'Deploy' }, 'bob').endsWith(`:assumed-role/${sessionLabel('Deploy', 'bob')}`)).toBe(true);
  });
  it('Given an account root or a service principal, then they are :root and the service name', () => {
    expect(accountRootArn('123456789012')).toBe('arn:aws:iam::123456789012:root');
    expect(principalArn({ id: 'root', type: 'account-root', name: 'root', accountId: '123456789012', tags: {} })).toBe('arn:aws:iam::123456789012:root');
    expect(principalArn({ id: 's', type: 'service', name: 'EventBridge', service: 'events.amazonaws.com', tags: {} })).toBe('events.amazonaws.com');
  });
});

describe('resource ARNs', () => {
  it.each([
    ['s3-bucket', 'my-bucket', undefined, 'arn:aws:s3:::my-bucket'],
    ['s3-bucket', 'my-bucket', 'reports/a.csv', 'arn:aws:s3:::my-bucket/reports/a.csv'],
    ['sns-topic', 'alerts', undefined, 'arn:aws:sns:us-east-1:123456789012:alerts'],
    ['sqs-queue', 'jobs', undefined, 'arn:aws:sqs:us-east-1:123456789012:jobs'],
    ['lambda-function', 'fn', undefined, 'arn:aws:lambda:us-east-1:123456789012:function:fn'],
    ['apigateway-rest-api', 'a1b2c3', 'prod/GET/pets', 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/pets'],
    ['events-bus', 'default', undefined, 'arn:aws:events:us-east-1:123456789012:event-bus/default'],
    ['dynamodb-table', 'Books', undefined, 'arn:aws:dynamodb:us-east-1:123456789012:table/Books'],
    ['dynamodb-table', 'Books', 'index/ByAuthor', 'arn:aws:dynamodb:us-east-1:123456789012:table/Books/index/ByAuthor'],
    ['kms-key', '1234abcd-12ab-34cd-56ef-1234567890ab', undefined, 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['kinesis-stream', 'clicks', undefined, 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks'],
    ['states-state-machine', 'Flow', undefined, 'arn:aws:states:us-east-1:123456789012:stateMachine:Flow'],
    ['ecs-task-definition', 'worker', undefined, 'arn:aws:ecs:us-east-1:123456789012:task-definition/worker'],
    ['ssm-document', 'AWS-RunShellScript', undefined, 'arn:aws:ssm:us-east-1:123456789012:document/AWS-RunShellScript'],
    ['autoscaling-group', 'web-asg', undefined, 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:00000000-0000-0000-0000-000000000000:autoScalingGroupName/web-asg'],
  ] as const)('Given a %s named %s (sub-path %s), then its ARN is %s', (type, name, sub, arn) => {
    expect(resourceArn(r(type, name), sub)).toBe(arn);
  });
  it('Given a rule on the default bus and on a custom bus, then custom-bus rules carry the bus name', () => {
    expect(ruleArn({ name: 'nightly' }, r('events-bus', 'default'))).toBe('arn:aws:events:us-east-1:123456789012:rule/nightly');
    expect(ruleArn({ name: 'nightly' }, r('events-bus', 'orders'))).toBe('arn:aws:events:us-east-1:123456789012:rule/orders/nightly');
  });
});
