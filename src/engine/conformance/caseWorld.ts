import { createContext } from '../policy/context';
import { sourced } from '../policy/normalize';
import type { SourcedPolicy } from '../policy/types';
import { principalEntity, resourceEntity } from '../entities';
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

/**
 * An organization of a case: each member account's levels, made when first asked. A class, so that the
 * evaluator's calls reach the same methods whichever case it decides.
 */
class CaseOrganization implements OrganizationEntity {
  readonly id: string;
  readonly managementAccount: string;
  readonly accounts: ReadonlySet<string>;
  readonly scpEnabled: boolean;
  readonly rcpEnabled: boolean;
  private readonly scp = new Map<string, readonly OrgLevel[]>();
  private readonly rcp = new Map<string, readonly OrgLevel[]>();
  constructor(private readonly o: ConformanceCase['organizations'][number]) {
    this.id = o.id;
    this.managementAccount = o.managementAccount;
    this.accounts = new Set(o.accounts);
    this.scpEnabled = o.scps.length > 0;
    this.rcpEnabled = o.rcps.length > 0;
  }
  private levels(list: ConformanceCase['organizations'][number]['scps'], kind: 'scp' | 'rcp', account: string): readonly OrgLevel[] {
    const at = (target: string): SourcedPolicy[] =>
      list.filter((p) => p.target === target).map((p) => sourced(p.document, { kind, ownerId: this.o.id, name: p.name, target }));
    return [
      { target: 'root', label: 'root', policies: at('root') },
      { target: account, label: `account ${account}`, policies: at(account) },
    ];
  }
  scpLevels(account: string): readonly OrgLevel[] {
    let levels = this.scp.get(account);
    if (!levels) this.scp.set(account, (levels = this.levels(this.o.scps, 'scp', account)));
    return levels;
  }
  rcpLevels(account: string): readonly OrgLevel[] {
    let levels = this.rcp.get(account);
    if (!levels) this.rcp.set(account, (levels = this.levels(this.o.rcps, 'rcp', account)));
    return levels;
  }
}

/**
 * The world of one case. A case holds a few principals and resources: they are kept in lists (a later
 * entry with the same ARN wins) and looked up by comparison, and the world is a class, so deciding many
 * cases calls the same methods.
 */
class CaseWorld implements World {
  constructor(
    private readonly principals: readonly PrincipalEntity[],
    private readonly resources: readonly ResourceEntity[],
    private readonly orgs: ReadonlyMap<string, OrganizationEntity>,
  ) {}
  principal(arn: string): PrincipalEntity | undefined {
    for (let i = this.principals.length - 1; i >= 0; i--) if ((this.principals[i] as PrincipalEntity).arn === arn) return this.principals[i];
    return undefined;
  }
  resource(arn: string): ResourceEntity | undefined {
    for (let i = this.resources.length - 1; i >= 0; i--) if ((this.resources[i] as ResourceEntity).arn === arn) return this.resources[i];
    return undefined;
  }
  organizationOf(account: string): OrganizationEntity | undefined {
    return this.orgs.get(account);
  }
  roleByName(account: string, name: string): PrincipalEntity | undefined {
    // Among distinct ARNs in order of first appearance, each the last entry with that ARN.
    const byArn = new Map(this.principals.map((p) => [p.arn, p]));
    return [...byArn.values()].find((p) => p.type === 'role' && p.account === account && lastSegment(p.arn) === name);
  }
}

/** Builds the engine's world from one conformance case. */
export function caseWorld(c: ConformanceCase): World {
  const principals = c.principals.map((p): PrincipalEntity => {
    const identityPolicies: SourcedPolicy[] = p.identityPolicies.map((doc, i) =>
      sourced(doc, { kind: 'identity', ownerId: p.arn, name: `identity policy ${i + 1}` }),
    );
    return principalEntity({
      arn: p.arn,
      type: p.type,
      account: p.account,
      label: p.type === 'root' ? `root of ${p.account}` : lastSegment(p.arn),
      nodeId: undefined,
      identityPolicies,
      permissionsBoundary: p.permissionsBoundary ? sourced(p.permissionsBoundary, { kind: 'boundary', ownerId: p.arn, name: 'permissions boundary' }) : undefined,
      trustPolicy: p.trustPolicy ? sourced(p.trustPolicy, { kind: 'trust', ownerId: p.arn, name: 'Trust policy' }) : undefined,
      tags: p.tags,
      roleArn: p.roleArn !== undefined ? p.roleArn : p.type === 'role' ? p.arn : undefined,
    });
  });
  const resources = c.resources.map((r): ResourceEntity => {
    const flavor = r.type === 'iam-role' ? 'trust' : r.type === 'kms-key' ? 'key' : 'resource';
    const policyName = POLICY_NAMES[r.type] ?? 'Resource policy';
    return resourceEntity({
      arn: r.arn,
      type: r.type,
      account: r.account,
      label: r.type === 's3-object' ? r.arn.replace(/^arn:[^:]+:s3:::/, '') : lastSegment(r.arn),
      nodeId: undefined,
      resourcePolicy: r.resourcePolicy ? sourced(r.resourcePolicy, { kind: flavor === 'resource' ? 'resource' : flavor, ownerId: r.arn, name: policyName }) : undefined,
      flavor,
      policyName,
    });
  });
  const orgs = new Map<string, OrganizationEntity>();
  for (const o of c.organizations) {
    const org = new CaseOrganization(o);
    for (const a of o.accounts) orgs.set(a, org);
  }
  return new CaseWorld(principals, resources, orgs);
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
