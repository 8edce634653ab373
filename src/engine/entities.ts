import { isServiceLinkedRoleArn } from './evaluate/rules';
import type { PrincipalEntity, PrincipalEntityInput, ResourceEntity } from './world';

/**
 * Principal and resource entities in one shape each: every property present, in one order, `undefined`
 * where absent. Worlds are made of many entities of different kinds (users, roles, sessions, services,
 * buckets with and without policies); one shape keeps the evaluator's property reads monomorphic.
 */

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export function principalEntity(e: PrincipalEntityInput): PrincipalEntity {
  const out: Writable<Required<PrincipalEntity>> | Writable<PrincipalEntity> = {
    arn: e.arn,
    type: e.type,
    account: e.account,
    label: e.label,
    nodeId: e.nodeId,
    identityPolicies: e.identityPolicies,
    permissionsBoundary: e.permissionsBoundary,
    trustPolicy: e.trustPolicy,
    tags: e.tags,
    roleArn: e.roleArn,
    identity: {
      arn: e.arn,
      isService: e.type === 'service',
      account: e.account,
      roleArn: e.roleArn,
      hasPermissionsBoundary: e.permissionsBoundary !== undefined,
    },
    serviceLinked: e.roleArn !== undefined && isServiceLinkedRoleArn(e.roleArn),
  };
  return out;
}

export function resourceEntity(e: ResourceEntity): ResourceEntity {
  const out: Writable<ResourceEntity> = {
    arn: e.arn,
    type: e.type,
    account: e.account,
    label: e.label,
    nodeId: e.nodeId,
    resourcePolicy: e.resourcePolicy,
    flavor: e.flavor,
    policyName: e.policyName,
    policyOwnerLabel: e.policyOwnerLabel,
  };
  return out;
}
