import { createContext } from '../policy/context';
import { expandExecuteApiShorthand } from '../policy/executeApi';
import { sourced } from '../policy/normalize';
import type { SourcedPolicy } from '../policy/types';
import { principalEntity, resourceEntity } from '../entities';
import { derivedEntities, type DerivedEntities, type OrganizationEntity, type OrgLevel, type PrincipalEntity, type Request, type ResourceEntity, type World } from '../world';
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
  'apigateway-rest-api': 'Resource policy',
};

function lastSegment(arn: string): string {
  const tail = arn.slice(arn.lastIndexOf(':') + 1);
  return tail.slice(tail.lastIndexOf('/') + 1) || arn;
}

/**
 * An organization of a case: each member account's levels, made when first asked and kept in a short list
 * (a case has a few accounts). A class, so that the evaluator's calls reach the same methods whichever case
 * it decides.
 */
class CaseOrganization implements OrganizationEntity {
  readonly id: string;
  readonly managementAccount: string;
  readonly scpEnabled: boolean;
  readonly rcpEnabled: boolean;
  /** Account, its SCP levels, its RCP levels, account, ... */
  private readonly made: Array<string | readonly OrgLevel[] | undefined> = [];
  constructor(private readonly o: ConformanceCase['organizations'][number]) {
    this.id = o.id;
    this.managementAccount = o.managementAccount;
    this.scpEnabled = o.scps.length > 0;
    this.rcpEnabled = o.rcps.length > 0;
  }
  get accounts(): ReadonlySet<string> {
    return new Set(this.o.accounts);
  }
  private levels(kind: 'scp' | 'rcp', account: string): readonly OrgLevel[] {
    const made = this.made;
    const slot = kind === 'scp' ? 1 : 2;
    let i = 0;
    while (i < made.length && made[i] !== account) i += 3;
    if (i === made.length) made.push(account, undefined, undefined);
    let levels = made[i + slot] as readonly OrgLevel[] | undefined;
    if (!levels) {
      const list = kind === 'scp' ? this.o.scps : this.o.rcps;
      const at = (target: string): SourcedPolicy[] =>
        list.filter((p) => p.target === target).map((p) => sourced(p.document, { kind, ownerId: this.o.id, name: p.name, target }));
      levels = [
        { target: 'root', label: 'root', policies: at('root') },
        { target: account, label: `account ${account}`, policies: at(account) },
      ];
      made[i + slot] = levels;
    }
    return levels;
  }
  scpLevels(account: string): readonly OrgLevel[] {
    return this.levels('scp', account);
  }
  rcpLevels(account: string): readonly OrgLevel[] {
    return this.levels('rcp', account);
  }
}

/**
 * The world of one case. A case holds a few principals, resources and organization accounts: they are
 * kept in lists (a later entry with the same key wins) and looked up by comparison, and the world is a
 * class, so deciding many cases calls the same methods.
 */
class CaseWorld implements World {
  readonly derived: DerivedEntities = derivedEntities();
  constructor(
    private readonly principals: readonly PrincipalEntity[],
    private readonly resources: readonly ResourceEntity[],
    /** Account, its organization, account, ... */
    private readonly orgs: ReadonlyArray<string | OrganizationEntity>,
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
    for (let i = this.orgs.length - 2; i >= 0; i -= 2) if (this.orgs[i] === account) return this.orgs[i + 1] as OrganizationEntity;
    return undefined;
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
      // An execute-api resource's policy may write its resources as execute-api:/… (API Gateway expands them
      // against the API's ARN when the policy is saved).
      resourcePolicy: r.resourcePolicy
        ? sourced(flavor === 'resource' ? expandExecuteApiShorthand(r.resourcePolicy, r.arn) : r.resourcePolicy, { kind: flavor === 'resource' ? 'resource' : flavor, ownerId: r.arn, name: policyName })
        : undefined,
      flavor,
      policyName,
    });
  });
  const orgs: Array<string | OrganizationEntity> = [];
  for (const o of c.organizations) {
    const org = new CaseOrganization(o);
    for (const a of o.accounts) orgs.push(a, org);
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
