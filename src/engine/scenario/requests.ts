import type { AccessEdge, AssumeEdge, EventRule, Principal, Resource, RuleTarget } from '../../model';
import { DEFAULT_SESSION_NAME, resourceArn, ruleArn, sessionArn, RESOURCE_TYPES } from '../../model';
import { contextLayer, layeredContext, ReusableLayers, sharedLayer, type ContextLayer } from '../policy/context';
import { sourced } from '../policy/normalize';
import type { RequestContext, SourcedPolicy } from '../policy/types';
import { identityOf } from '../evaluate/evaluate';
import { resolvePrincipal, resolveResource } from '../evaluate/resolve';
import type { PrincipalIdentity } from '../policy/principal';
import type { PrincipalEntity, Request, ResourceEntity } from '../world';
import type { ScenarioWorld } from './buildWorld';

/**
 * Builds engine requests from a scenario's edges and rule targets, filling the standard context keys the
 * way shared/conformance/FORMAT.md (convention 1) describes, so drawn scenarios and conformance cases are
 * decided alike.
 */

type Context = Record<string, string | readonly string[]>;

/** The session name used when a role acts (an access edge drawn from a role is a session of it). */
export { DEFAULT_SESSION_NAME } from '../../model';

/** Context keys shared by many requests, with their lookup. */
interface SharedKeys {
  readonly raw: Context;
  readonly layer: ContextLayer;
}

/** A context and its lookup. */
interface Keys {
  readonly raw: Context;
  readonly lookup: RequestContext;
}

/** A principal's keys, its acting ARN, and its keys merged with each resource account's (built on demand). */
interface PrincipalKeys extends SharedKeys {
  readonly actingArn: string;
  /** What the evaluator resolves `actingArn` to in this world (a role's session, for a role). */
  readonly acting: PrincipalEntity;
  /** What principal matching needs of it. */
  readonly identity: PrincipalIdentity;
  /** An account's keys, the pair's keys, ...: a principal's edges reach a few accounts. */
  readonly pairs: Array<SharedKeys | Keys>;
}

/**
 * The request-context pieces of one evaluation: each principal's keys and each account's keys are built
 * once, and requests layer them (`layeredContext`) instead of copying them into a lookup per request.
 * Requests from one principal to one account share one context object and one lookup.
 */
export class RequestContexts {
  private readonly principals = new Map<string, PrincipalKeys>();
  private readonly accounts = new Map<string, SharedKeys>();
  private readonly roles = new Map<string, ResourceEntity>();
  constructor(private readonly world: ScenarioWorld) {}

  /** Keys that describe the principal (AWS global condition context keys), and the ARN it acts as. */
  principal(p: Principal): PrincipalKeys {
    let keys = this.principals.get(p.id);
    if (!keys) {
      const raw = principalKeys(this.world, p);
      const arn = actingArn(this.world, p);
      const acting = resolvePrincipal(this.world, arn);
      keys = { raw, layer: contextLayer(raw), actingArn: arn, acting, identity: identityOf(acting), pairs: [] };
      this.principals.set(p.id, keys);
    }
    return keys;
  }

  /** What a request for a role's ARN resolves to in this world: the role as a resource (its trust policy). */
  roleAsResource(role: Principal, arn: string): ResourceEntity {
    let entity = this.roles.get(role.id);
    if (!entity) {
      entity = resolveResource(this.world, arn);
      this.roles.set(role.id, entity);
    }
    return entity;
  }

  /** Keys that describe a resource's account. */
  account(account: string): SharedKeys {
    let keys = this.accounts.get(account);
    if (!keys) {
      const raw = accountKeys(this.world, account);
      keys = { raw, layer: contextLayer(raw) };
      this.accounts.set(account, keys);
    }
    return keys;
  }

  /** The principal's and the resource account's keys: one context and lookup per pair. */
  pair(p: Principal, account: string): Keys {
    const pk = this.principal(p);
    const ak = this.account(account);
    const pairs = pk.pairs;
    for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === ak) return pairs[i + 1] as Keys;
    const pair: Keys = { raw: { ...pk.raw, ...ak.raw }, lookup: layeredContext(pk.layer, ak.layer) };
    pairs.push(ak, pair);
    return pair;
  }

  /** The pair's keys with `extra` on top (later keys win). */
  withExtra(p: Principal, account: string, extra: Context): Keys {
    const pk = this.principal(p);
    const ak = this.account(account);
    return { raw: { ...pk.raw, ...ak.raw, ...extra }, lookup: layeredContext(pk.layer, ak.layer, contextLayer(extra)) };
  }

  private readonly reusable = new ReusableLayers();

  /**
   * The lookup `pair` or `withExtra` would give, for deciding one request at verdict detail (nothing keeps
   * it): one reused object over the shared layers, so deciding an edge builds no context. `extra` is an
   * object that outlives the evaluation (the edge's keys), whose layer is made once.
   */
  decisionLookup(p: Principal, account: string, extra: Context | undefined): RequestContext {
    const pk = this.principal(p);
    const ak = this.account(account);
    return this.reusable.set(pk.layer, ak.layer, extra ? sharedLayer(extra) : undefined);
  }
}

/** Keys that describe the principal (AWS global condition context keys). */
function principalKeys(world: ScenarioWorld, p: Principal): Context {
  if (p.type === 'service') {
    return { 'aws:PrincipalIsAWSService': 'true', 'aws:PrincipalServiceName': p.service };
  }
  const entity = world.principalsById.get(p.id)?.entity;
  const ctx: Context = {
    // For a role session aws:PrincipalArn is the role's ARN, not the session's.
    'aws:PrincipalArn': entity?.arn ?? '',
    'aws:PrincipalAccount': p.accountId,
    'aws:PrincipalIsAWSService': 'false',
  };
  if (p.type === 'iam-user') ctx['aws:username'] = p.name;
  for (const k of Object.keys(p.tags)) ctx[`aws:PrincipalTag/${k}`] = p.tags[k] as string;
  const orgId = world.accountsById.get(p.accountId)?.organizationId;
  if (orgId) ctx['aws:PrincipalOrgID'] = orgId;
  return ctx;
}

/** Keys that describe the resource's account. */
function accountKeys(world: ScenarioWorld, account: string): Context {
  const ctx: Context = { 'aws:ResourceAccount': account };
  const orgId = world.accountsById.get(account)?.organizationId;
  if (orgId) ctx['aws:ResourceOrgID'] = orgId;
  return ctx;
}

/** The ARN a request principal uses: a role acts as a session of itself. */
export function actingArn(world: ScenarioWorld, p: Principal): string {
  if (p.type === 'iam-role') return sessionArn(p, DEFAULT_SESSION_NAME);
  return world.principalsById.get(p.id)?.entity.arn ?? '';
}

/** Whether each action seen acts on objects (asked for every request of every bucket edge). Bounded. */
const objectActions = new Map<string, boolean>();

/** S3 actions that act on objects (their resource is `bucket/key`), the rest act on the bucket. */
function isS3ObjectAction(action: string): boolean {
  let known = objectActions.get(action);
  if (known === undefined) {
    const name = action.slice(action.indexOf(':') + 1).toLowerCase();
    known = name.includes('object') || name === 'abortmultipartupload' || name === 'listmultipartuploadparts' || name === '*';
    if (objectActions.size >= 10_000) objectActions.clear();
    objectActions.set(action, known);
  }
  return known;
}

/** The ARN one action of an access edge targets. */
export function actionResourceArn(resource: Resource, action: string, resourcePath: string | undefined): string {
  if (resource.type === 's3-bucket') {
    return isS3ObjectAction(action) ? resourceArn(resource, resourcePath ?? '*') : resourceArn(resource);
  }
  return resourceArn(resource, resourcePath);
}

function withSession(doc: unknown, ownerId: string): SourcedPolicy | undefined {
  return doc ? sourced(doc, { kind: 'session', ownerId, name: 'Session policy' }) : undefined;
}

/** A request; `sessionPolicy` only when there is one (requests have one of two shapes). */
function request(principal: string, action: string, resource: string, context: Context, contextLookup: RequestContext, sessionPolicy: SourcedPolicy | undefined): Request {
  return sessionPolicy ? { principal, action, resource, context, contextLookup, sessionPolicy } : { principal, action, resource, context, contextLookup };
}

/**
 * The ARN each action of an access edge addresses, in the edge's order. `wholeArn` is the resource's own ARN
 * (its entity's), used as it is when the action addresses the whole resource.
 */
export function accessResourceArns(edge: AccessEdge, r: Resource, wholeArn: string): string[] {
  const actions = edge.actions;
  const out = new Array<string>(actions.length);
  // The resource's own ARN string when the action addresses the whole resource (no sub-path).
  const whole = r.type !== 's3-bucket' && !edge.resourcePath ? wholeArn : undefined;
  // A bucket's object actions of one edge address one object ARN: made once for the edge.
  let objectArn: string | undefined;
  for (let i = 0; i < actions.length; i++) {
    const action = actions[i] as string;
    let arn = whole;
    if (arn === undefined) {
      if (r.type === 's3-bucket' && isS3ObjectAction(action)) arn = objectArn ??= actionResourceArn(r, action, edge.resourcePath);
      else arn = actionResourceArn(r, action, edge.resourcePath);
    }
    out[i] = arn;
  }
  return out;
}

/** The session policy an access edge from a role carries (its request is made as a session of the role). */
export function edgeSessionPolicy(edge: AccessEdge, p: Principal): SourcedPolicy | undefined {
  return p.type === 'iam-role' ? withSession(edge.sessionPolicy, edge.id) : undefined;
}

/** One request per action of an access edge. */
export function accessRequests(contexts: RequestContexts, edge: AccessEdge, p: Principal, r: Resource, entity: ResourceEntity): Request[] {
  const { raw, lookup } = edge.context ? contexts.withExtra(p, r.accountId, edge.context) : contexts.pair(p, r.accountId);
  const principal = contexts.principal(p).actingArn;
  const session = edgeSessionPolicy(edge, p);
  const arns = accessResourceArns(edge, r, entity.arn);
  const actions = edge.actions;
  const out = new Array<Request>(actions.length);
  for (let i = 0; i < actions.length; i++) out[i] = request(principal, actions[i] as string, arns[i] as string, raw, lookup, session);
  return out;
}

/** The keys an assume edge adds to its request (external id, session name, its own keys), made once per edge object. */
const assumeKeys = new WeakMap<AssumeEdge, Context | null>();

export function assumeExtra(edge: AssumeEdge): Context | undefined {
  let extra = assumeKeys.get(edge);
  if (extra === undefined) {
    extra = null;
    if (edge.externalId !== undefined || edge.sessionName !== undefined || edge.context !== undefined) {
      extra = {};
      if (edge.externalId !== undefined) extra['sts:ExternalId'] = edge.externalId;
      if (edge.sessionName !== undefined) extra['sts:RoleSessionName'] = edge.sessionName;
      Object.assign(extra, edge.context ?? {});
    }
    assumeKeys.set(edge, extra);
  }
  return extra ?? undefined;
}

/** The sts:AssumeRole request of an assume edge. */
export function assumeRequest(world: ScenarioWorld, contexts: RequestContexts, edge: AssumeEdge, p: Principal, role: Principal & { type: 'iam-role' }): Request {
  const extra = assumeExtra(edge);
  const { raw, lookup } = extra ? contexts.withExtra(p, role.accountId, extra) : contexts.pair(p, role.accountId);
  // A role assuming another role (role chaining) would carry its own session's policy; an assume edge
  // has none.
  return request(contexts.principal(p).actingArn, 'sts:AssumeRole', world.principalsById.get(role.id)?.entity.arn ?? '', raw, lookup, undefined);
}

/** Target types EventBridge can reach in another account (through an execution role). */
const CROSS_ACCOUNT_TARGETS: ReadonlySet<string> = new Set(['apigateway-rest-api', 'kinesis-stream', 'lambda-function', 'sns-topic', 'sqs-queue', 'events-bus']);

/** The service principal EventBridge uses to deliver events. */
export const EVENTS_PRINCIPAL = 'events.amazonaws.com';

export interface TargetPlan {
  readonly mode: 'resource-policy' | 'role' | 'unsupported';
  readonly action?: string;
  readonly requests: Request[];
  /** Set when delivery cannot even be attempted (a role-requiring target without a role). */
  readonly problem?: string;
}

/**
 * The ARN EventBridge acts on for a target: for an API Gateway target with a `resourcePath`, the API's ARN
 * with that stage/METHOD/path; otherwise the resource's own ARN.
 */
export function targetResourceArn(r: Resource, target: Pick<RuleTarget, 'resourcePath'>): string {
  // An API Gateway target is an endpoint at a stage, method and path: "PathParameterValues lists the values
  // that correspond sequentially to any path variables in your endpoint ARN, for example
  // "arn:aws:execute-api:us-east-1:112233445566:myapi/*/POST/pets/*"" (EventBridge User Guide: "Amazon API
  // Gateway targets for rules in Amazon EventBridge",
  // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-gateway-target.html), and an API's policy
  // grants EventBridge execute-api:Invoke on "arn:aws:execute-api:us-east-1:123456789012:API-id/stage/GET/api"
  // (EventBridge: "Using resource-based policies for Amazon EventBridge" — Amazon API Gateway permissions).
  return r.type === 'apigateway-rest-api' && target.resourcePath ? resourceArn(r, target.resourcePath) : resourceArn(r);
}

/**
 * How EventBridge delivers to one rule target (EventBridge: "Using resource-based policies for Amazon
 * EventBridge" and "Using IAM roles to send events to targets"): as `events.amazonaws.com` into the
 * target's resource policy, or by assuming the target's role and calling the target as that session.
 */
export function targetRequests(world: ScenarioWorld, contexts: RequestContexts, rule: EventRule, target: Pick<RuleTarget, 'resourcePath'>, bus: Resource, r: Resource, role: Principal | undefined): TargetPlan {
  const delivery = RESOURCE_TYPES[r.type].eventBridgeTarget;
  const source: Context = { 'aws:SourceArn': ruleArn(rule, bus), 'aws:SourceAccount': bus.accountId };
  if (!delivery) return { mode: 'unsupported', requests: [], problem: `${RESOURCE_TYPES[r.type].label} is not an EventBridge target.` };
  const crossAccount = r.accountId !== bus.accountId;
  // "EventBridge supports sending events to the following targets in other AWS accounts: API Gateway APIs,
  // Kinesis Data Streams streams, Lambda functions, SNS topics, SQS queues" (and event buses), and a
  // cross-account target needs an execution role that EventBridge assumes (EventBridge: "Sending events to
  // an AWS service in another account"; "Sending and receiving events between AWS accounts").
  if (crossAccount && !CROSS_ACCOUNT_TARGETS.has(r.type)) {
    return { mode: 'unsupported', requests: [], problem: `EventBridge cannot deliver to a ${RESOURCE_TYPES[r.type].label} in another account (${r.accountId}); put the target in ${bus.accountId} or forward to an event bus there.` };
  }
  const mode = delivery.mode === 'role' || crossAccount ? 'role' : 'resource-policy';
  if (mode === 'resource-policy') {
    return {
      mode,
      action: delivery.action,
      requests: [eventsRequest(delivery.action, targetResourceArn(r, target), { 'aws:PrincipalIsAWSService': 'true', 'aws:PrincipalServiceName': EVENTS_PRINCIPAL, ...contexts.account(r.accountId).raw, ...source })],
    };
  }
  if (!role || role.type !== 'iam-role') {
    return {
      mode,
      action: delivery.action,
      requests: [],
      problem: `EventBridge needs an IAM role to call ${delivery.action} on ${r.name}${crossAccount ? ' in another account' : ''}: choose a role for this target.`,
    };
  }
  // "This execution role must be in the same account as the event bus" (Sending events to an AWS service in
  // another account).
  if (role.accountId !== bus.accountId) {
    return { mode, action: delivery.action, requests: [], problem: `the role ${role.name} is in ${role.accountId}, but a rule's execution role must be in the event bus's account (${bus.accountId}).` };
  }
  const roleArnValue = world.principalsById.get(role.id)?.entity.arn ?? '';
  const session = sessionArn(role, 'eventbridge-target');
  const asSession = contexts.pair(role, r.accountId);
  return {
    mode,
    action: delivery.action,
    requests: [
      eventsRequest('sts:AssumeRole', roleArnValue, { 'aws:PrincipalIsAWSService': 'true', 'aws:PrincipalServiceName': EVENTS_PRINCIPAL, ...contexts.account(role.accountId).raw, ...source }),
      request(session, delivery.action, targetResourceArn(r, target), asSession.raw, asSession.lookup, undefined),
    ],
  };
}

/** A request made by EventBridge itself. */
function eventsRequest(action: string, resource: string, context: Context): Request {
  return request(EVENTS_PRINCIPAL, action, resource, context, contextLayer(context), undefined);
}
