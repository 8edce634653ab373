import { describe, expect, it } from 'vitest';
import { caseSchema } from '../conformance/caseFormat';
import { caseRequest, caseWorld } from '../conformance/caseWorld';
import type { World } from '../world';
import { decideRequest, evaluateRequest } from './evaluate';

/**
 * The organization verdict memo: a list of levels is decided once per action when the statements that admit
 * the action apply to every request. These tests make a wrong memo fail: a verdict must never be reused for
 * a request it does not hold for, nor outlive an edit of the policies.
 */
const A = '111111111111';
const MGMT = '999999999999';
const ORG = 'o-exampleorg1';
const V = '2012-10-17';
const alice = `arn:aws:iam::${A}:user/alice`;
const object = `arn:aws:s3:::bucket-${A}/x.txt`;
const full = { Version: V, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

function world(scps: Array<{ name: string; target: string; document: object }>): World {
  const c = caseSchema.parse({
    id: 't',
    principals: [{ arn: alice, type: 'user', account: A, identityPolicies: [full] }],
    resources: [{ arn: object, type: 's3-object', account: A, resourcePolicy: null }],
    organizations: [{ id: ORG, managementAccount: MGMT, accounts: [MGMT, A], scps, rcps: [] }],
    request: { principal: alice, action: 's3:GetObject', resource: object, context: {} },
    expected: 'allowed',
  });
  return caseWorld(c);
}

function request(action: string, context: Record<string, string> = {}) {
  return caseRequest(caseSchema.parse({ id: 'r', principals: [], resources: [], organizations: [], request: { principal: alice, action, resource: object, context }, expected: 'allowed' }).request!);
}

describe('organization verdicts decided once per action', () => {
  it('Given FullAWSAccess and a deny-list by action, when two actions are decided in one world, then each gets its own verdict', () => {
    const w = world([
      { name: 'FullAWSAccess', target: 'root', document: full },
      { name: 'FullAWSAccess', target: A, document: full },
      { name: 'NoDelete', target: A, document: { Version: V, Statement: [{ Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }] } },
    ]);
    expect(decideRequest(w, request('s3:GetObject')).allowed).toBe(true);
    const del = decideRequest(w, request('s3:DeleteObject'));
    expect(del.reason).toBe('explicit-deny');
    expect(del.failedStage).toBe('scp');
    // Asked again in the other order: the memo holds both.
    expect(decideRequest(w, request('s3:GetObject')).allowed).toBe(true);
    expect(decideRequest(w, request('s3:DeleteObject')).reason).toBe('explicit-deny');
  });

  it('Given an SCP Deny with a condition, when the same action is decided with and without the condition met, then the verdicts differ (a conditional statement is never memoized)', () => {
    const w = world([
      { name: 'FullAWSAccess', target: 'root', document: full },
      { name: 'FullAWSAccess', target: A, document: full },
      { name: 'MFA', target: A, document: { Version: V, Statement: [{ Effect: 'Deny', Action: 's3:GetObject', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }] } },
    ]);
    expect(decideRequest(w, request('s3:GetObject', { 'aws:MultiFactorAuthPresent': 'true' })).allowed).toBe(true);
    expect(decideRequest(w, request('s3:GetObject', { 'aws:MultiFactorAuthPresent': 'false' })).reason).toBe('explicit-deny');
    expect(decideRequest(w, request('s3:GetObject', { 'aws:MultiFactorAuthPresent': 'true' })).allowed).toBe(true);
  });

  it('Given an SCP Deny limited to some resources, when the same action is decided on another resource, then it is not denied', () => {
    const other = `arn:aws:s3:::other-${A}/x.txt`;
    const c = caseSchema.parse({
      id: 't',
      principals: [{ arn: alice, type: 'user', account: A, identityPolicies: [full] }],
      resources: [
        { arn: object, type: 's3-object', account: A, resourcePolicy: null },
        { arn: other, type: 's3-object', account: A, resourcePolicy: null },
      ],
      organizations: [{ id: ORG, managementAccount: MGMT, accounts: [MGMT, A], rcps: [], scps: [
        { name: 'FullAWSAccess', target: 'root', document: full },
        { name: 'FullAWSAccess', target: A, document: full },
        { name: 'Guard', target: A, document: { Version: V, Statement: [{ Effect: 'Deny', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${A}/*` }] } },
      ] }],
      request: { principal: alice, action: 's3:GetObject', resource: object, context: {} },
      expected: 'allowed',
    });
    const w = caseWorld(c);
    const on = (resource: string) => caseRequest({ principal: alice, action: 's3:GetObject', resource, context: {} });
    expect(decideRequest(w, on(object)).reason).toBe('explicit-deny');
    expect(decideRequest(w, on(other)).allowed).toBe(true);
  });

  it('Given a decided world, when an SCP is edited (a new organization, as an edit makes it), then the new world decides with the edited SCP', () => {
    const allowList = (action: string) => [
      { name: 'FullAWSAccess', target: 'root', document: full },
      { name: 'AllowList', target: A, document: { Version: V, Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] } },
    ];
    const before = world(allowList('s3:GetObject'));
    expect(decideRequest(before, request('s3:GetObject')).allowed).toBe(true);
    const after = world(allowList('s3:PutObject'));
    const v = decideRequest(after, request('s3:GetObject'));
    expect(v.reason).toBe('scp-no-allow');
    // The old world keeps its own answer.
    expect(decideRequest(before, request('s3:GetObject')).allowed).toBe(true);
  });

  it('Given an RCP Deny naming one principal, when that principal and another ask for the same action, then only the named one is denied', () => {
    const bob = `arn:aws:iam::${A}:user/bob`;
    const rcpFull = { Version: V, Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };
    const c = caseSchema.parse({
      id: 't',
      principals: [
        { arn: alice, type: 'user', account: A, identityPolicies: [full] },
        { arn: bob, type: 'user', account: A, identityPolicies: [full] },
      ],
      resources: [{ arn: object, type: 's3-object', account: A, resourcePolicy: null }],
      organizations: [{ id: ORG, managementAccount: MGMT, accounts: [MGMT, A], scps: [], rcps: [
        { name: 'RCPFullAWSAccess', target: 'root', document: rcpFull },
        { name: 'RCPFullAWSAccess', target: A, document: rcpFull },
        { name: 'NotAlice', target: A, document: { Version: V, Statement: [{ Effect: 'Deny', Principal: { AWS: alice }, Action: 's3:GetObject', Resource: '*' }] } },
      ] }],
      request: { principal: alice, action: 's3:GetObject', resource: object, context: {} },
      expected: 'allowed',
    });
    const w = caseWorld(c);
    const as = (principal: string) => caseRequest({ principal, action: 's3:GetObject', resource: object, context: {} });
    expect(decideRequest(w, as(alice)).failedStage).toBe('rcp');
    expect(decideRequest(w, as(bob)).allowed).toBe(true);
    expect(decideRequest(w, as(alice)).failedStage).toBe('rcp');
  });

  it('Given memoized verdicts, then every one agrees with the full explanation', () => {
    const w = world([
      { name: 'FullAWSAccess', target: 'root', document: full },
      { name: 'NoIam', target: A, document: { Version: V, Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] } },
    ]);
    for (const action of ['s3:GetObject', 'iam:CreateUser', 's3:GetObject', 'iam:CreateUser']) {
      const v = decideRequest(w, request(action));
      const d = evaluateRequest(w, request(action));
      expect([v.decision, v.reason]).toEqual([d.decision, d.reason]);
    }
    expect(decideRequest(w, request('iam:CreateUser')).reason).toBe('scp-no-allow');
  });
});
