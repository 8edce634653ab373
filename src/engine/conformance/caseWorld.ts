import { createContext } from '../policy/context';
import { sourced } from '../policy/normalize';
import type { SourcedPolicy } from '../policy/types';
import type { OrganizationEntity, OrgLevel, PrincipalEntity, Request, ResourceEntity, World } from '../world';
import type { ConformanceCase, ConformanceRequest } from './caseFormat';

/** What each resource type calls its resource-based policy. */
const POLICY_NAMES: Record<string, string> = {
  'iam-role': 'Trust policy',
  's3-bucket': 'Bucket policy',
  's3-object': 'Bucket policy',
  'sqs-queue': 'Queue policy',
  'sns-topic': 'Topic policy',
  'lambda-function': 'Function policy',
  'kms-key': 'Key policy',
  'events-bus': 'Event bus policy',
};

function lastSegment(arn: string): string {
  const tail = arn.slice(arn.lastIndexOf(':') + 1);
  return tail.slice(tail.lastIndexOf('/') + 1) || arn;
}

/** Builds the engine's world from one conformance case. */
export function caseWorld(c: ConformanceCase): World {
  const principals = new Map<string, PrincipalEntity>();
  for (const p of c.principals) {
    const identityPolicies: SourcedPolicy[] = p.identityPolicies.map((doc, i) =>
      sourced(doc, { kind: 'identity', ownerId: p.arn, name: `identity policy ${i + 1}` }),
    );
    principals.set(p.arn, {
      arn: p.arn,
      type: p.type,
      ...(p.account !== undefined ? { account: p.account } : {}),
      label: p.type === 'root' ? `root of ${p.account}` : lastSegment(p.arn),
      identityPolicies,
      ...(p.permissionsBoundary ? { permissionsBoundary: sourced(p.permissionsBoundary, { kind: 'boundary', ownerId: p.arn, name: 'permissions boundary' }) } : {}),
      ...(p.trustPolicy ? { trustPolicy: sourced(p.trustPolicy, { kind: 'trust', ownerId: p.arn, name: 'Trust policy' }) } : {}),
      tags: p.tags,
      ...(p.roleArn !== undefined ? { roleArn: p.roleArn } : p.type === 'role' ? { roleArn: p.arn } : {}),
    });
  }
  const resources = new Map<string, ResourceEntity>();
  for (const r of c.resources) {
    const flavor = r.type === 'iam-role' ? 'trust' : r.type === 'kms-key' ? 'key' : 'resource';
    const policyName = POLICY_NAMES[r.type] ?? 'Resource policy';
    resources.set(r.arn, {
      arn: r.arn,
      type: r.type,
      ...(r.account !== undefined ? { account: r.account } : {}),
      label: r.type === 's3-object' ? r.arn.replace(/^arn:[^:]+:s3:::/, '') : lastSegment(r.arn),
      ...(r.resourcePolicy
        ? { resourcePolicy: sourced(r.resourcePolicy, { kind: flavor === 'resource' ? 'resource' : flavor, ownerId: r.arn, name: policyName }) }
        : {}),
      flavor,
      policyName,
    });
  }
  const orgs = new Map<string, OrganizationEntity>();
  for (const o of c.organizations) {
    const caches = { scp: new Map<string, OrgLevel[]>(), rcp: new Map<string, OrgLevel[]>() };
    const levels = (list: typeof o.scps, kind: 'scp' | 'rcp', account: string): OrgLevel[] => {
      const cache = caches[kind];
      const hit = cache.get(account);
      if (hit) return hit;
      const at = (target: string): SourcedPolicy[] =>
        list.filter((p) => p.target === target).map((p) => sourced(p.document, { kind, ownerId: o.id, name: p.name, target }));
      const result = [
        { target: 'root', label: 'root', policies: at('root') },
        { target: account, label: `account ${account}`, policies: at(account) },
      ];
      cache.set(account, result);
      return result;
    };
    const org: OrganizationEntity = {
      id: o.id,
      managementAccount: o.managementAccount,
      accounts: new Set(o.accounts),
      scpEnabled: o.scps.length > 0,
      rcpEnabled: o.rcps.length > 0,
      scpLevels: (account) => levels(o.scps, 'scp', account),
      rcpLevels: (account) => levels(o.rcps, 'rcp', account),
    };
    for (const a of o.accounts) orgs.set(a, org);
  }
  return {
    principal: (arn) => principals.get(arn),
    resource: (arn) => resources.get(arn),
    organizationOf: (account) => orgs.get(account),
    roleByName: (account, name) =>
      [...principals.values()].find((p) => p.type === 'role' && p.account === account && lastSegment(p.arn) === name),
  };
}

/** The engine request for one case request. */
export function caseRequest(r: ConformanceRequest): Request {
  return {
    principal: r.principal,
    action: r.action,
    resource: r.resource,
    context: r.context,
    contextLookup: createContext(r.context),
    ...(r.sessionPolicy ? { sessionPolicy: sourced(r.sessionPolicy, { kind: 'session', name: 'session policy' }) } : {}),
  };
}
