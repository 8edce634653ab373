import { API_INVOKE_PATH, resourceArn, type EventRule, type IamGroup, type ManagedPolicy, type NamedPolicy, type PolicyDocument, type Principal, type Resource, type ResourceType } from '../model';
import { RESOURCE_PLURAL, resourceId } from './awsResources';
import type { ImportContext, Located, OrganizationFacts, Reference, ResourceDraft, ScenarioFragment } from './types';
import { decodePolicy, isIamPath, statementsOf, type Json } from './values';

/**
 * What Terraform plans and CloudFormation templates have in common, once their own references are resolved:
 * IAM roles, users, groups and managed policies with their attachments, resources with their policies, policy
 * statements that services add one at a time (a Lambda permission, an EventBridge bus permission), EventBridge
 * rules and their targets, and organization policies. Each format's importer resolves its own expressions
 * (`terraform.ts`, `cloudformation.ts`) and hands the results here; this builds the door's fragment, with the
 * same ids (ARNs) as the AWS exports, so a plan and an authorization-details export of the same account combine.
 *
 * Everything lives in one account and Region unless a value says otherwise (an ARN of another account). When
 * the file does not say which account, the importer passes the one it assumed, and every entity is built in it.
 */

export { STAND_IN_ACCOUNT } from './standIn';

/** The account and Region a file's entities are built in, and whether they were stated or assumed. */
export interface IacEnv {
  readonly account: string;
  readonly region: string;
}

/** An entity's place in its file: the resource's address or logical id, and its JSON path. */
export interface Where {
  readonly key: string;
  readonly path: string;
}

/** A principal, group or managed policy as the builder collects it: policies attached later are added in place. */
interface IdentityDraft {
  readonly where: Where;
  readonly kind: 'role' | 'user' | 'group';
  readonly name: string;
  readonly iamPath: string;
  readonly tags: Record<string, string>;
  readonly trust?: PolicyDocument;
  readonly policies: NamedPolicy[];
  readonly managedArns: { arn: string; path: string }[];
  readonly groupNames: { name: string; path: string }[];
  boundaryArn?: { arn: string; path: string };
}

const EMPTY_TRUST: PolicyDocument = { Version: '2012-10-17', Statement: [] };

/** A statement's Sid, for replacing a statement of the same Sid (a Lambda permission re-added under its StatementId). */
function sidOf(st: unknown): string | undefined {
  return typeof st === 'object' && st !== null && typeof (st as Json)['Sid'] === 'string' ? ((st as Json)['Sid'] as string) : undefined;
}

/** `arn:aws:iam::ACCOUNT:TYPE/PATH/NAME` → its parts, for IAM ARNs of this account. */
function iamArnParts(arn: string): { account: string; kind: string; path: string; name: string } | undefined {
  const m = /^arn:aws[a-z-]*:iam::(\d{12}|aws):(role|user|group|policy)(\/(?:.*\/)?)([^/]+)$/.exec(arn);
  return m ? { account: m[1] as string, kind: m[2] as string, path: m[3] as string, name: m[4] as string } : undefined;
}

/** Collects one file's entities and builds its fragment. */
export class IacBuilder {
  private readonly identities = new Map<string, IdentityDraft>();
  private readonly managed = new Map<string, { where: Where; policy: ManagedPolicy }>();
  private readonly resources = new Map<string, { where: Where; resource: ResourceDraft & { accountId: string } }>();
  private readonly pendingPolicies: { where: Where; type: ResourceType; ref: string; document: PolicyDocument; mode: 'replace' | 'merge' }[] = [];
  private readonly rules: { where: Where; busRef: string; rule: Omit<EventRule, 'busId' | 'id'> & { id?: string }; targets: { where: Where; id: string; arn: string; roleArn?: string }[] }[] = [];
  private readonly orgPolicies: { where: Where; key: string; id: string; name: string; type: 'scp' | 'rcp'; document: PolicyDocument }[] = [];
  private readonly orgAttachments: { where: Where; policyRef: string; target: string }[] = [];
  private readonly accounts = new Set<string>();
  readonly counts: Record<string, number> = {};

  constructor(
    readonly ctx: ImportContext,
    readonly env: IacEnv,
  ) {
    this.accounts.add(env.account);
  }

  private count(what: string): void {
    this.counts[what] = (this.counts[what] ?? 0) + 1;
  }

  /** A policy document from a file's value (an object, or a JSON string as Terraform holds it), or undefined with a located note. */
  document(value: unknown, path: string, what: string): PolicyDocument | undefined {
    return decodePolicy(value, this.ctx, path, what)?.document;
  }

  /** Adds an IAM role, user or group. Returns false (with a note) when the name is missing. */
  identity(kind: 'role' | 'user' | 'group', where: Where, fields: { name: string | undefined; iamPath?: unknown; tags?: Record<string, string>; trust?: PolicyDocument }): boolean {
    if (!fields.name) {
      this.ctx.note('error', where.path, `The ${kind} ${where.key} has no name that can be read; it is skipped.`);
      return false;
    }
    let iamPath = '/';
    if (fields.iamPath !== undefined && fields.iamPath !== null) {
      if (isIamPath(fields.iamPath)) iamPath = fields.iamPath;
      else this.ctx.note('warning', where.path, `The path of ${kind} ${fields.name} is not an IAM path (/…/); "/" is used.`);
    }
    const key = `${kind}/${fields.name}`;
    if (this.identities.has(key)) {
      this.ctx.note('warning', where.path, `A second ${kind} named ${fields.name} (${where.key}); the first (${this.identities.get(key)?.where.key}) is kept.`);
      return false;
    }
    if (kind === 'role' && !fields.trust) this.ctx.note('warning', where.path, `The role ${fields.name} has no trust policy that can be read; it is imported with an empty one, so nobody can assume it here.`);
    this.identities.set(key, { where, kind, name: fields.name, iamPath, tags: fields.tags ?? {}, ...(kind === 'role' ? { trust: fields.trust ?? EMPTY_TRUST } : {}), policies: [], managedArns: [], groupNames: [] });
    this.count(kind === 'role' ? 'roles' : kind === 'user' ? 'users' : 'groups');
    return true;
  }

  private holder(kind: 'role' | 'user' | 'group', name: string, path: string, what: string): IdentityDraft | undefined {
    const found = this.identities.get(`${kind}/${name}`);
    if (!found) this.ctx.note('warning', path, `${what} names the ${kind} ${name}, which is not in this file; it is skipped.`);
    return found;
  }

  /** An inline policy of a role, user or group (by name). */
  inline(kind: 'role' | 'user' | 'group', holderName: string, policyName: string, document: PolicyDocument, path: string): void {
    const h = this.holder(kind, holderName, path, `The inline policy ${policyName}`);
    if (!h) return;
    const same = h.policies.findIndex((p) => p.name === policyName);
    if (same >= 0) h.policies.splice(same, 1);
    h.policies.push({ name: policyName, document });
    this.count('inline policies');
  }

  /** A managed policy attached to a role, user or group, by ARN (AWS managed or customer managed). */
  attach(kind: 'role' | 'user' | 'group', holderName: string, policyArn: string, path: string): void {
    const h = this.holder(kind, holderName, path, `The attachment of ${policyArn}`);
    if (!h) return;
    if (!iamArnParts(policyArn)) {
      this.ctx.note('warning', path, `${policyArn} is not a managed policy ARN; the attachment to ${kind} ${holderName} is skipped.`);
      return;
    }
    if (!h.managedArns.some((m) => m.arn === policyArn)) h.managedArns.push({ arn: policyArn, path });
  }

  /** A permissions boundary (a managed policy ARN). */
  boundary(kind: 'role' | 'user', holderName: string, policyArn: string, path: string): void {
    const h = this.holder(kind, holderName, path, 'The permissions boundary');
    if (h && iamArnParts(policyArn)) h.boundaryArn = { arn: policyArn, path };
  }

  /** A user's membership of groups of this account, by group name. */
  member(userName: string, groupName: string, path: string): void {
    const h = this.holder('user', userName, path, `The membership of group ${groupName}`);
    if (h && !h.groupNames.some((g) => g.name === groupName)) h.groupNames.push({ name: groupName, path });
  }

  /** A customer managed policy of this account. Returns its ARN. */
  managedPolicy(where: Where, fields: { name: string | undefined; iamPath?: unknown; description?: string; document: PolicyDocument | undefined }): string | undefined {
    if (!fields.name || !fields.document) {
      if (!fields.name) this.ctx.note('error', where.path, `The managed policy ${where.key} has no name that can be read; it is skipped.`);
      return undefined;
    }
    const iamPath = isIamPath(fields.iamPath) ? fields.iamPath : '/';
    const arn = `arn:aws:iam::${this.env.account}:policy${iamPath}${fields.name}`;
    if (!this.managed.has(arn)) {
      this.managed.set(arn, { where, policy: { id: arn, name: fields.name, path: iamPath, accountId: this.env.account, ...(fields.description ? { description: fields.description } : {}), document: fields.document } });
      this.count('customer managed policies');
    }
    return arn;
  }

  /** A resource of a type the model knows. Its id is its ARN, as the AWS exports give it. */
  resource(where: Where, type: ResourceType, name: string | undefined, fields: { region?: string; account?: string; policy?: PolicyDocument } = {}): string | undefined {
    if (!name) {
      this.ctx.note('error', where.path, `The ${type} ${where.key} has no name that can be read; it is skipped.`);
      return undefined;
    }
    const region = fields.region ?? this.env.region;
    const account = fields.account ?? this.env.account;
    this.accounts.add(account);
    // Its ARN, as the AWS exports' resources have it.
    const id = resourceId(type, name, account, region);
    const before = this.resources.get(id);
    if (before) {
      if (fields.policy) before.resource = { ...before.resource, policy: fields.policy };
      return id;
    }
    this.resources.set(id, { where, resource: { id, type, name, region, accountId: account, ...(fields.policy ? { policy: fields.policy } : {}) } });
    this.count(RESOURCE_PLURAL[type] ?? type);
    return id;
  }

  /**
   * A resource policy set on a resource by a resource of its own (an S3 bucket policy, an SQS queue policy):
   * `ref` is the resource's name or ARN. `merge` adds statements to what is there (a Lambda permission, an
   * EventBridge bus permission: each adds one statement, replacing one of the same Sid).
   */
  resourcePolicy(where: Where, type: ResourceType, ref: string, document: PolicyDocument, mode: 'replace' | 'merge' = 'replace'): void {
    this.pendingPolicies.push({ where, type, ref, document, mode });
  }

  /** An EventBridge rule on a bus (a bus name or ARN), with its targets by ARN. */
  rule(where: Where, busRef: string, rule: Omit<EventRule, 'busId' | 'id' | 'targets'>): void {
    this.rules.push({ where, busRef, rule: { ...rule, targets: [] }, targets: [] });
  }

  /** A target of a rule in this file (by rule name and bus). */
  ruleTarget(where: Where, ruleName: string, busRef: string, target: { id: string; arn: string; roleArn?: string }): void {
    const busName = busRef.replace(/^.*event-bus\//, '');
    const r = this.rules.find((x) => x.rule.name === ruleName && x.busRef.replace(/^.*event-bus\//, '') === busName);
    if (!r) {
      this.ctx.note('warning', where.path, `The target ${target.id} names the rule ${ruleName}, which is not in this file; it is skipped.`);
      return;
    }
    r.targets.push({ where, ...target });
  }

  /** An SCP or RCP; `key` is how attachments in the file name it. */
  orgPolicy(where: Where, key: string, fields: { id: string; name: string; type: 'scp' | 'rcp'; document: PolicyDocument }): void {
    this.orgPolicies.push({ where, key, ...fields });
    this.count(fields.type === 'scp' ? 'SCPs' : 'RCPs');
  }

  orgAttachment(where: Where, policyRef: string, target: string): void {
    this.orgAttachments.push({ where, policyRef, target });
  }

  /** Finds a resource of this file by name, ARN or (for queues) URL. */
  private findResource(type: ResourceType, ref: string): { where: Where; resource: ResourceDraft & { accountId: string } } | undefined {
    for (const r of this.resources.values()) {
      if (r.resource.type !== type) continue;
      const res = r.resource as Resource;
      if (ref === res.name || ref === res.id || ref === resourceArn(res)) return r;
      if (type === 'sqs-queue' && /^https:\/\/(sqs\.[^/]+|[^/]*queue\.amazonaws\.com)\/\d{12}\/([^/]+)$/.exec(ref)?.[2] === res.name) return r;
      if (type === 'kms-key' && ref.endsWith(`:key/${res.name}`)) return r;
    }
    return undefined;
  }

  /** The fragment: principals, groups, managed policies, resources and rules with ARN ids, and the links to check once files are combined. */
  build(): { fragment: ScenarioFragment; counts: Record<string, number> } {
    const { ctx, env } = this;
    for (const p of this.pendingPolicies) {
      let found = this.findResource(p.type, p.ref);
      if (!found) {
        // A policy on a resource that is not in the file (an existing bucket): the resource is imported with it.
        const name = nameFromRef(p.type, p.ref);
        const arnAccount = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/.exec(p.ref)?.[1];
        const arnRegion = /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]+):/.exec(p.ref)?.[1];
        if (!name) {
          ctx.note('warning', p.where.path, `The policy of ${p.where.key} is for ${p.ref}, which is not a ${p.type} this app can name; it is skipped.`);
          continue;
        }
        this.resource(p.where, p.type, name, { ...(arnAccount ? { account: arnAccount } : {}), ...(arnRegion ? { region: arnRegion } : {}) });
        found = this.findResource(p.type, p.ref) ?? this.findResource(p.type, name);
        if (!found) continue;
        ctx.note('info', p.where.path, `The ${p.type} ${name} is not defined in this file; it is imported with the policy ${p.where.key} sets on it.`);
      }
      const before = found.resource.policy;
      if (p.mode === 'merge' && before) {
        const incoming = statementsOf(p.document);
        const sids = new Set(incoming.map(sidOf).filter((s): s is string => s !== undefined));
        const kept = statementsOf(before).filter((s) => !sids.has(sidOf(s) ?? '\u0000'));
        found.resource = { ...found.resource, policy: { Version: before.Version ?? '2012-10-17', Statement: [...kept, ...incoming] } };
      } else {
        if (before && p.mode === 'replace') ctx.note('warning', p.where.path, `${found.resource.name} has a policy set twice in this file; ${p.where.key}'s is kept (the last one applied wins in AWS too).`);
        found.resource = { ...found.resource, policy: p.document };
      }
    }

    const principals: Located<Principal>[] = [];
    const groups: Located<IamGroup>[] = [];
    const references: Reference[] = [];
    const iamArn = (kind: string, d: IdentityDraft): string => `arn:aws:iam::${env.account}:${kind}${d.iamPath}${d.name}`;
    const groupArnByName = new Map([...this.identities.values()].filter((d) => d.kind === 'group').map((g) => [g.name, iamArn('group', g)]));
    for (const d of this.identities.values()) {
      const id = iamArn(d.kind, d);
      const label = `${d.kind} ${d.name}`;
      const managedPolicyIds = d.managedArns.map((m) => {
        references.push({ holderId: id, kind: 'managed-policy', targetId: m.arn, path: m.path, holder: label });
        return m.arn;
      });
      const links = {
        ...(managedPolicyIds.length > 0 ? { managedPolicyIds } : {}),
        ...(d.boundaryArn ? { boundaryPolicyId: d.boundaryArn.arn } : {}),
      };
      if (d.boundaryArn) references.push({ holderId: id, kind: 'boundary', targetId: d.boundaryArn.arn, path: d.boundaryArn.path, holder: label });
      if (d.kind === 'group') {
        groups.push({ path: d.where.path, value: { id, name: d.name, accountId: env.account, path: d.iamPath, policies: d.policies, ...(managedPolicyIds.length > 0 ? { managedPolicyIds } : {}) } });
      } else if (d.kind === 'user') {
        const groupIds = d.groupNames.map((g) => {
          const target = groupArnByName.get(g.name) ?? `arn:aws:iam::${env.account}:group/${g.name}`;
          references.push({ holderId: id, kind: 'group', targetId: target, path: g.path, holder: label });
          return target;
        });
        principals.push({ path: d.where.path, value: { id, type: 'iam-user', name: d.name, accountId: env.account, path: d.iamPath, tags: d.tags, policies: d.policies, ...(groupIds.length > 0 ? { groupIds } : {}), ...links } });
      } else {
        principals.push({ path: d.where.path, value: { id, type: 'iam-role', name: d.name, accountId: env.account, path: d.iamPath, tags: d.tags, policies: d.policies, trustPolicy: d.trust ?? EMPTY_TRUST, ...links } });
      }
    }

    const byArn = new Map<string, string>();
    for (const r of this.resources.values()) byArn.set(resourceArn(r.resource as Resource), r.resource.id);
    const roleIdByArn = new Map([...this.identities.values()].filter((d) => d.kind === 'role').map((d) => [iamArn('role', d), iamArn('role', d)]));

    const rules: Located<EventRule>[] = [];
    for (const r of this.rules) {
      const bus = this.findResource('events-bus', r.busRef) ?? this.findResource('events-bus', r.busRef.replace(/^.*event-bus\//, ''));
      let busId = bus?.resource.id;
      if (!busId) {
        // The default bus exists in every account and Region without being declared.
        const name = r.busRef.replace(/^.*event-bus\//, '') || 'default';
        busId = this.resource(r.where, 'events-bus', name);
        if (!busId) continue;
      }
      const bare = bus?.resource ?? this.resources.get(busId)?.resource;
      const ruleId = bare ? `arn:aws:events:${bare.region}:${bare.accountId}:rule/${bare.name === 'default' ? '' : `${bare.name}/`}${r.rule.name}` : `${busId}/${r.rule.name}`;
      const targets = r.targets.flatMap((t) => {
        let resourceIdOf = byArn.get(t.arn) ?? byArn.get(t.arn.replace(/:\d+$|:\$LATEST$/, ''));
        let resourcePath: string | undefined;
        if (!resourceIdOf) {
          // A target defined elsewhere (another stack, an existing resource): imported from its ARN, without a policy.
          const fromArn = resourceFromArn(t.arn);
          if (fromArn) {
            resourceIdOf = byArn.get(fromArn.arn) ?? this.resource(t.where, fromArn.type, fromArn.name, { ...(fromArn.account ? { account: fromArn.account } : {}), region: fromArn.region });
            if (resourceIdOf && !byArn.has(fromArn.arn)) {
              byArn.set(fromArn.arn, resourceIdOf);
              ctx.note('info', t.where.path, `The target ${t.id} of rule ${r.rule.name}, ${fromArn.type} ${fromArn.name}, is not defined in this file; it is imported from its ARN (without a policy).`);
            }
            resourcePath = fromArn.path;
          }
        } else if (t.arn.startsWith('arn:aws:execute-api:')) resourcePath = resourceFromArn(t.arn)?.path;
        if (!resourceIdOf) {
          ctx.note('warning', t.where.path, `The target ${t.id} of rule ${r.rule.name} is ${t.arn}, which is not a resource this app can name; it is skipped.`);
          return [];
        }
        const roleId = t.roleArn ? (roleIdByArn.get(t.roleArn) ?? t.roleArn) : undefined;
        if (t.roleArn && !roleIdByArn.has(t.roleArn)) ctx.note('warning', t.where.path, `The role ${t.roleArn} of target ${t.id} is not in this file; the target is imported without it.`);
        return [{ id: `${ruleId}/target/${t.id}`, resourceId: resourceIdOf, ...(roleId && roleIdByArn.has(t.roleArn ?? '') ? { roleId } : {}), ...(resourcePath && API_INVOKE_PATH.test(resourcePath) ? { resourcePath } : {}) }];
      });
      rules.push({ path: r.where.path, value: { id: ruleId, name: r.rule.name, busId, ...(r.rule.eventPattern ? { eventPattern: r.rule.eventPattern } : {}), targets } });
      this.count('EventBridge rules');
    }

    const resources = [...this.resources.values()].map((r) => ({ path: r.where.path, value: r.resource }));
    const organizations: Located<OrganizationFacts>[] = [];
    if (this.orgPolicies.length > 0) {
      const targets = new Map<string, string[]>();
      for (const a of this.orgAttachments) {
        const p = this.orgPolicies.find((x) => x.key === a.policyRef || x.id === a.policyRef);
        if (!p) {
          ctx.note('warning', a.where.path, `The attachment ${a.where.key} is of ${a.policyRef}, which is not in this file; it is skipped.`);
          continue;
        }
        targets.set(p.id, [...(targets.get(p.id) ?? []), a.target]);
      }
      organizations.push({
        path: this.orgPolicies[0]?.where.path ?? '$',
        value: { policies: this.orgPolicies.map((p) => ({ id: p.id, name: p.name, type: p.type, document: p.document })), targets: [...targets].map(([policyId, targetIds]) => ({ policyId, targetIds })) },
      });
    }
    return {
      fragment: {
        accounts: [...this.accounts].map((id) => ({ path: '$', value: { id } })),
        principals,
        groups,
        managedPolicies: [...this.managed.values()].map((m) => ({ path: m.where.path, value: m.policy })),
        resources,
        rules,
        organizations,
        references,
      },
      counts: this.counts,
    };
  }
}

/** The resource's name from a name, ARN or queue URL. */
export function nameFromRef(type: ResourceType, ref: string): string | undefined {
  if (!ref.startsWith('arn:') && !ref.startsWith('https://')) return ref || undefined;
  const queue = /^https:\/\/[^/]+\/\d{12}\/([^/]+)$/.exec(ref);
  if (queue) return queue[1];
  const resource = ref.split(':').slice(5).join(':');
  switch (type) {
    case 's3-bucket':
    case 'sns-topic':
    case 'sqs-queue':
      return resource.split('/')[0] || undefined;
    case 'lambda-function':
      return /^function:([^:]+)/.exec(resource)?.[1];
    case 'kms-key':
    case 'events-bus':
    case 'dynamodb-table':
      return /^[a-z-]+\/([^/]+)/.exec(resource)?.[1];
    default:
      return undefined;
  }
}

/**
 * A resource from its ARN, for the types whose ARN names them (each service's "Resource types" table in the
 * Service Authorization Reference): the type, name, account, Region, the ARN of the resource itself, and for
 * an API Gateway endpoint the stage/METHOD/path after the API id.
 */
export function resourceFromArn(arn: string): { type: ResourceType; name: string; account: string; region: string; arn: string; path?: string } | undefined {
  const m = /^arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):(\d{12})?:(.+)$/.exec(arn);
  if (!m) return undefined;
  const [, service, region = '', account = '', rest = ''] = m;
  if (service === 's3') return rest.includes('/') ? undefined : { type: 's3-bucket', name: rest, account: '', region: 'us-east-1', arn: `arn:aws:s3:::${rest}` };
  if (!account || !region) return undefined;
  const r = (type: ResourceType, name: string | undefined, path?: string): ReturnType<typeof resourceFromArn> => {
    if (!name) return undefined;
    const res = { id: '', type, name, accountId: account, region } as Resource;
    return { type, name, account, region, arn: resourceArn(res), ...(path ? { path } : {}) };
  };
  switch (service) {
    case 'sns':
      return r('sns-topic', rest);
    case 'sqs':
      return r('sqs-queue', rest);
    case 'lambda':
      return r('lambda-function', /^function:([^:]+)/.exec(rest)?.[1]);
    case 'kms':
      return r('kms-key', /^key\/(.+)$/.exec(rest)?.[1]);
    case 'events':
      return r('events-bus', /^event-bus\/(.+)$/.exec(rest)?.[1]);
    case 'dynamodb':
      return r('dynamodb-table', /^table\/([^/]+)$/.exec(rest)?.[1]);
    case 'execute-api': {
      const [id, ...path] = rest.split('/');
      return r('apigateway-rest-api', id, path.length > 0 ? path.join('/') : undefined);
    }
    case 'kinesis':
      return r('kinesis-stream', /^stream\/(.+)$/.exec(rest)?.[1]);
    case 'states':
      return r('states-state-machine', /^stateMachine:(.+)$/.exec(rest)?.[1]);
    case 'ecs':
      return r('ecs-task-definition', /^task-definition\/([^:]+)/.exec(rest)?.[1]);
    case 'ssm':
      return r('ssm-document', /^document\/(.+)$/.exec(rest)?.[1]);
    case 'autoscaling':
      return r('autoscaling-group', /autoScalingGroupName\/(.+)$/.exec(rest)?.[1]);
    default:
      return undefined;
  }
}

/** What a Lambda permission adds to the function's policy (AWS Lambda Developer Guide, "Viewing resource-based IAM policies in Lambda" and the AddPermission API). */
export function lambdaPermissionStatement(fields: {
  sid: string;
  action: string;
  principal: string;
  functionArn: string;
  sourceArn?: string;
  sourceAccount?: string;
  principalOrgId?: string;
  functionUrlAuthType?: string;
}): Json {
  const p = fields.principal;
  // AddPermission: "The AWS service, AWS account, IAM user, or IAM role that invokes the function": an account
  // id becomes its root ARN in the policy, an ARN stays, "*" is everyone, anything else is a service.
  const principal = p === '*' ? '*' : /^\d{12}$/.test(p) ? { AWS: `arn:aws:iam::${p}:root` } : p.startsWith('arn:') ? { AWS: p } : { Service: p };
  const condition: Record<string, Record<string, string>> = {};
  if (fields.sourceArn) condition['ArnLike'] = { 'AWS:SourceArn': fields.sourceArn };
  if (fields.sourceAccount) condition['StringEquals'] = { ...condition['StringEquals'], 'AWS:SourceAccount': fields.sourceAccount };
  if (fields.principalOrgId) condition['StringEquals'] = { ...condition['StringEquals'], 'aws:PrincipalOrgID': fields.principalOrgId };
  if (fields.functionUrlAuthType) condition['StringEquals'] = { ...condition['StringEquals'], 'lambda:FunctionUrlAuthType': fields.functionUrlAuthType };
  return { Sid: fields.sid, Effect: 'Allow', Principal: principal, Action: fields.action, Resource: fields.functionArn, ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}) };
}

/** IAM ARN helper for importers: the name of a role/user/group ARN or plain name. */
export function iamNameOf(value: string): string {
  return iamArnParts(value)?.name ?? value;
}
