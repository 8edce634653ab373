import type { AccessEdge, AssumeEdge, EventRule, Principal, Resource } from '../../model';
import { resourceArn, ruleArn, sessionArn, RESOURCE_TYPES } from '../../model';
import { layeredContext } from '../policy/context';
import { sourced } from '../policy/normalize';
import type { Request } from '../world';
import type { ScenarioWorld } from './buildWorld';

/**
 * Builds engine requests from a scenario's edges and rule targets, filling the standard context keys the
 * way shared/conformance/FORMAT.md (convention 1) describes, so drawn scenarios and conformance cases are
 * decided alike.
 */

type Context = Record<string, string | readonly string[]>;

/** The session name used when a role acts (an access edge drawn from a role is a session of it). */
export const DEFAULT_SESSION_NAME = 'session';

/** Principal and account keys, cached by model object: the same principal makes many requests. */
const principalContexts = new WeakMap<Principal, { readonly orgId: string | undefined; readonly ctx: Context }>();
const resourceContexts = new WeakMap<object, Context>();

/** Keys that describe the principal (AWS global condition context keys). */
export function principalContext(world: ScenarioWorld, p: Principal): Context {
  const orgId = p.type === 'service' ? undefined : world.accountsById.get(p.accountId)?.organizationId;
  const hit = principalContexts.get(p);
  if (hit && hit.orgId === orgId) return hit.ctx;
  const ctx = buildPrincipalContext(world, p);
  principalContexts.set(p, { orgId, ctx });
  return ctx;
}

function buildPrincipalContext(world: ScenarioWorld, p: Principal): Context {
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
  for (const [k, v] of Object.entries(p.tags)) ctx[`aws:PrincipalTag/${k}`] = v;
  const orgId = world.accountsById.get(p.accountId)?.organizationId;
  if (orgId) ctx['aws:PrincipalOrgID'] = orgId;
  return ctx;
}

const merged = new WeakMap<Context, WeakMap<Context, Context>>();

/** `{...a, ...b}`, shared for the same pair: edges from one principal to one account carry the same keys. */
function mergedContext(a: Context, b: Context): Context {
  let inner = merged.get(a);
  if (!inner) {
    inner = new WeakMap();
    merged.set(a, inner);
  }
  let ctx = inner.get(b);
  if (!ctx) {
    ctx = { ...a, ...b };
    inner.set(b, ctx);
  }
  return ctx;
}

/** Keys that describe the resource (cached per account object). */
export function resourceContext(world: ScenarioWorld, account: string): Context {
  const acct = world.accountsById.get(account);
  const hit = acct ? resourceContexts.get(acct) : undefined;
  if (hit) return hit;
  const ctx: Context = { 'aws:ResourceAccount': account };
  const orgId = acct?.organizationId;
  if (orgId) ctx['aws:ResourceOrgID'] = orgId;
  if (acct) resourceContexts.set(acct, ctx);
  return ctx;
}

const sessionArns = new WeakMap<Principal, string>();

/**
 * The ARN a request principal uses: a role acts as a session of itself. The same string is reused for the
 * same role (lookups by ARN then hash it once).
 */
export function actingArn(world: ScenarioWorld, p: Principal): string {
  if (p.type === 'iam-role') {
    let arn = sessionArns.get(p);
    if (arn === undefined) {
      arn = sessionArn(p, DEFAULT_SESSION_NAME);
      sessionArns.set(p, arn);
    }
    return arn;
  }
  return world.principalsById.get(p.id)?.entity.arn ?? '';
}

/** S3 actions that act on objects (their resource is `bucket/key`), the rest act on the bucket. */
function isS3ObjectAction(action: string): boolean {
  const name = action.slice(action.indexOf(':') + 1).toLowerCase();
  return name.includes('object') || name === 'abortmultipartupload' || name === 'listmultipartuploadparts' || name === '*';
}

/** The ARN one action of an access edge targets. */
export function actionResourceArn(resource: Resource, action: string, resourcePath: string | undefined): string {
  if (resource.type === 's3-bucket') {
    return isS3ObjectAction(action) ? resourceArn(resource, resourcePath ?? '*') : resourceArn(resource);
  }
  return resourceArn(resource, resourcePath);
}

function withSession(doc: unknown, ownerId: string): Pick<Request, 'sessionPolicy'> {
  return doc ? { sessionPolicy: sourced(doc, { kind: 'session', ownerId, name: 'Session policy' }) } : {};
}

/** One request per action of an access edge. */
export function accessRequests(world: ScenarioWorld, edge: AccessEdge, p: Principal, r: Resource): Request[] {
  const pc = principalContext(world, p);
  const rc = resourceContext(world, r.accountId);
  const base: Context = edge.context ? { ...pc, ...rc, ...edge.context } : mergedContext(pc, rc);
  const contextLookup = layeredContext([pc, rc, edge.context]);
  const principal = actingArn(world, p);
  const wholeArn = world.resourcesById.get(r.id)?.entity.arn;
  return edge.actions.map((action) => ({
    principal,
    action,
    // The resource's own ARN string when the action addresses the whole resource (no sub-path).
    resource: wholeArn !== undefined && r.type !== 's3-bucket' && !edge.resourcePath ? wholeArn : actionResourceArn(r, action, edge.resourcePath),
    context: base,
    contextLookup,
    ...(p.type === 'iam-role' ? withSession(edge.sessionPolicy, edge.id) : {}),
  }));
}

/** The sts:AssumeRole request of an assume edge. */
export function assumeRequest(world: ScenarioWorld, edge: AssumeEdge, p: Principal, role: Principal & { type: 'iam-role' }): Request {
  const ctx: Context = { ...principalContext(world, p), ...resourceContext(world, role.accountId) };
  if (edge.externalId !== undefined) ctx['sts:ExternalId'] = edge.externalId;
  if (edge.sessionName !== undefined) ctx['sts:RoleSessionName'] = edge.sessionName;
  Object.assign(ctx, edge.context ?? {});
  return {
    principal: actingArn(world, p),
    action: 'sts:AssumeRole',
    resource: world.principalsById.get(role.id)?.entity.arn ?? '',
    context: ctx,
    // A role assuming another role (role chaining) carries its own session's policy, if any.
    ...(p.type === 'iam-role' ? withSession(undefined, edge.id) : {}),
  };
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
 * How EventBridge delivers to one rule target (EventBridge: "Using resource-based policies for Amazon
 * EventBridge" and "Using IAM roles to send events to targets"): as `events.amazonaws.com` into the
 * target's resource policy, or by assuming the target's role and calling the target as that session.
 */
export function targetRequests(world: ScenarioWorld, rule: EventRule, bus: Resource, r: Resource, role: Principal | undefined): TargetPlan {
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
      requests: [
        {
          principal: EVENTS_PRINCIPAL,
          action: delivery.action,
          resource: resourceArn(r),
          context: { 'aws:PrincipalIsAWSService': 'true', 'aws:PrincipalServiceName': EVENTS_PRINCIPAL, ...resourceContext(world, r.accountId), ...source },
        },
      ],
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
  return {
    mode,
    action: delivery.action,
    requests: [
      {
        principal: EVENTS_PRINCIPAL,
        action: 'sts:AssumeRole',
        resource: roleArnValue,
        context: { 'aws:PrincipalIsAWSService': 'true', 'aws:PrincipalServiceName': EVENTS_PRINCIPAL, ...resourceContext(world, role.accountId), ...source },
      },
      {
        principal: session,
        action: delivery.action,
        resource: resourceArn(r),
        context: { ...principalContext(world, role), ...resourceContext(world, r.accountId) },
      },
    ],
  };
}
