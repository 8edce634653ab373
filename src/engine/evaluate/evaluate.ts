import { createContext } from '../policy/context';
import { principalJson, principalObjectFor, type PrincipalIdentity, type PrincipalMatchKind } from '../policy/principal';
import { compiledOf } from '../policy/normalize';
import { evaluateStatement, type StatementRequest } from '../policy/statement';
import type { RequestContext, SourcedPolicy } from '../policy/types';
import type { AwsRule, ConditionMiss, Decision, MalformedPrincipal, DecisionKind, EvaluatedRequest, FailedSide, ReasonCode, StageName, StageTrace, StatementRef } from '../trace';
import type { OrganizationEntity, PrincipalEntity, Request, ResourceEntity, ResourcePolicyFlavor, World } from '../world';
import { evaluateOrgLevels, type OrgLevelsResult } from './orgLevels';
import { EMPTY_SET, evaluatePolicy, evaluatePolicySet, type Detail, type PolicySetResult } from './policySet';
import { resolvePrincipal, resolveResource } from './resolve';
import { awsRuleOfAction, isAssumeRoleAction, isServiceLinkedRoleArn, KMS_CROSS_ACCOUNT_ACTIONS, RCP_EXEMPT_ACTIONS, RCP_SERVICES, refuses, serviceOf, type Refusal } from './rules';
import { summarize } from './summary';

export interface EvaluateOptions {
  /** Fill every policy's statement-by-statement detail (for the explanation panel). Slower. */
  readonly trace?: boolean;
}

/** A decision without its explanation: enough to draw an edge. `decideRequest` computes it fastest. */
export interface Verdict {
  readonly decision: DecisionKind;
  readonly allowed: boolean;
  readonly reason: ReasonCode;
  readonly failedStage?: StageName;
}

/** How the decision is coming out (filled by the rules below). */
interface Outcome {
  reason: ReasonCode;
  failedStage: StageName | undefined;
  failedAccount: string | undefined;
  deciding: readonly StatementRef[];
}

/** Why an organization stage does not apply (rendered as the stage's note). */
type OrgSkip = 'no-org' | 'disabled' | 'management' | 'unsupported-service' | 'exempt-action' | 'service-principal' | 'service-linked-role' | 'service-linked-role-trust';

/** Everything one evaluation computed, from which a verdict or a full decision is made. */
interface Evaluation {
  readonly request: Request;
  readonly principal: PrincipalEntity;
  readonly resource: ResourceEntity;
  readonly isService: boolean;
  readonly crossAccount: boolean;
  readonly flavor: ResourcePolicyFlavor;
  /** The resource's policy when it takes part (a role's trust policy only for the AssumeRole family). */
  readonly resourcePolicy: SourcedPolicy | undefined;
  readonly rcpOrg: OrganizationEntity | undefined;
  readonly rcpSkip: OrgSkip | undefined;
  readonly scpOrg: OrganizationEntity | undefined;
  readonly scpSkip: OrgSkip | undefined;
  readonly rcp: OrgLevelsResult | undefined;
  readonly scp: OrgLevelsResult | undefined;
  readonly rp: PolicySetResult;
  readonly id: PolicySetResult;
  readonly b: PolicySetResult;
  readonly s: PolicySetResult;
  readonly boundaryPolicy: SourcedPolicy | undefined;
  readonly sessionPolicy: SourcedPolicy | undefined;
  readonly idOk: boolean;
  readonly out: Outcome;
  readonly decision: DecisionKind;
  /** Every failing evaluation, first in AWS's order (see `Decision.failedSides`). */
  readonly failedSides: readonly FailedSide[];
  readonly statementRequest: StatementRequest;
  /** The rule outside the policy documents that decided, if one did (the decision's `aws-rule` stage). */
  readonly awsRule: AwsRule | undefined;
  /** A refusal that applies but did not decide (an explicit Deny came first): said in the explanation. */
  readonly refusal: Refusal | undefined;
}

/** What principal matching needs of a principal (made once with the entity). */
export function identityOf(principal: PrincipalEntity): PrincipalIdentity {
  return principal.identity;
}

/** What the rules need to know of an action, worked out once per action. */
interface ActionFacts {
  /** Lower-cased (statements compare it with their patterns); one string per action. */
  readonly lower: string;
  /** RCPs apply to the action's service (Organizations: "List of AWS services that support RCPs"). */
  readonly rcpService: boolean;
  /** RCPs never restrict it (kms:RetireGrant). */
  readonly rcpExempt: boolean;
  /** One of the sts:AssumeRole family, which a role's trust policy governs. */
  readonly assumeRole: boolean;
  /** A KMS operation that works across accounts. */
  readonly kmsCrossAccount: boolean;
  /**
   * A rule outside the policy documents for this action: it needs no permission (sts:GetCallerIdentity),
   * or AWS refuses it on the resources of one family (see `refuses`).
   */
  readonly awsRule: Refusal | 'no-permission-needed' | undefined;
}

const actionFacts = new Map<string, ActionFacts>();
function factsOf(action: string): ActionFacts {
  let facts = actionFacts.get(action);
  if (facts === undefined) {
    const lower = action.toLowerCase();
    facts = {
      lower,
      rcpService: RCP_SERVICES.has(serviceOf(action)),
      rcpExempt: RCP_EXEMPT_ACTIONS.has(lower),
      assumeRole: isAssumeRoleAction(lower),
      kmsCrossAccount: KMS_CROSS_ACCOUNT_ACTIONS.has(lower),
      awsRule: awsRuleOfAction(lower),
    };
    if (actionFacts.size >= 10_000) actionFacts.clear();
    actionFacts.set(action, facts);
  }
  return facts;
}

const NO_REFS: readonly StatementRef[] = Object.freeze([]);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
const scratchReq: Mutable<StatementRequest> = { action: '', actionLower: '', resource: '', context: createContext({}), identity: { arn: '', isService: false, hasPermissionsBoundary: false } };
function scratchRequest(action: string, actionLower: string, resource: string, context: RequestContext, identity: PrincipalIdentity): StatementRequest {
  scratchReq.action = action;
  scratchReq.actionLower = actionLower;
  scratchReq.resource = resource;
  scratchReq.context = context;
  scratchReq.identity = identity;
  return scratchReq;
}
const scratch: Outcome = { reason: 'identity-no-allow', failedStage: undefined, failedAccount: undefined, deciding: NO_REFS };
function resetScratch(): Outcome {
  scratch.reason = 'identity-no-allow';
  scratch.failedStage = undefined;
  scratch.failedAccount = undefined;
  scratch.deciding = NO_REFS;
  return scratch;
}

function fail(out: Outcome, code: ReasonCode, stage: StageName, account: string | undefined): void {
  out.reason = code;
  out.failedStage = stage;
  out.failedAccount = account;
}

function allow(out: Outcome, code: ReasonCode, refs: readonly StatementRef[]): void {
  out.reason = code;
  out.deciding = refs;
}

/** The principal's own side: identity policy, then boundary, then session policy. */
function principalSide(out: Outcome, idOk: boolean, bOk: boolean, sOk: boolean, crossAccount: boolean, account: string | undefined, accountGrant: boolean): void {
  if (!idOk) fail(out, crossAccount ? 'cross-account-identity-missing' : accountGrant ? 'account-grant-needs-identity' : 'identity-no-allow', 'identity', account);
  else if (!bOk) fail(out, 'boundary-no-allow', 'boundary', account);
  else if (!sOk) fail(out, 'session-no-allow', 'session', account);
}

function concat(a: readonly StatementRef[], b: readonly StatementRef[]): readonly StatementRef[] {
  return a.length === 0 ? b : b.length === 0 ? a : [...a, ...b];
}

/**
 * A service-linked role (its path is /aws-service-role/...): "SCPs don't affect service-linked roles"
 * (Organizations: Service control policies) and "RCPs do not impact the effective permissions of any
 * service-linked role" (Organizations: Resource control policies).
 */
export function isServiceLinkedRole(principal: PrincipalEntity): boolean {
  return principal.serviceLinked;
}

function rcpSkipOf(org: OrganizationEntity | undefined, resource: ResourceEntity, action: ActionFacts, serviceLinked: boolean): OrgSkip | undefined {
  if (!org) return 'no-org';
  if (serviceLinked) return 'service-linked-role';
  // "RCPs also do not impact AWS services' ability to assume a service-linked role; that is, the
  // service-linked role's trust policy is also not impacted by RCPs" (Organizations: Resource control
  // policies — "Resources and entities not restricted by RCPs",
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html).
  if (action.assumeRole && isServiceLinkedRoleArn(resource.arn)) return 'service-linked-role-trust';
  const resourceAccount = resource.account;
  if (!org.rcpEnabled) return 'disabled';
  // "RCPs don't affect resources in the management account" (Organizations: Resource control policies).
  if (resourceAccount === org.managementAccount) return 'management';
  // RCPs "apply to actions for the following AWS services" only (ibid., List of AWS services that support RCPs).
  if (!action.rcpService) return 'unsupported-service';
  // "RCPs do not impact the kms:RetireGrant permission" (ibid., Resources and entities not restricted by RCPs).
  if (action.rcpExempt) return 'exempt-action';
  return undefined;
}

function scpSkipOf(org: OrganizationEntity | undefined, principalAccount: string | undefined, isService: boolean, serviceLinked: boolean): OrgSkip | undefined {
  // SCPs limit the IAM users and roles of member accounts; they do not apply to AWS service principals
  // nor restrict the management account (Organizations: Service control policies).
  if (isService) return 'service-principal';
  if (serviceLinked) return 'service-linked-role';
  if (!org) return 'no-org';
  if (!org.scpEnabled) return 'disabled';
  if (principalAccount === org.managementAccount) return 'management';
  return undefined;
}

/**
 * Evaluates one request at the given detail. The rules are in one place for every detail, so a verdict and
 * a full decision never disagree.
 */
function evaluate(world: World, request: Request, principal: PrincipalEntity, resource: ResourceEntity, detail: 'verdict', identity?: PrincipalIdentity): Verdict;
function evaluate(world: World, request: Request, principal: PrincipalEntity, resource: ResourceEntity, detail: 'summary' | 'decision' | 'trace'): Evaluation;
function evaluate(world: World, request: Request, principal: PrincipalEntity, resource: ResourceEntity, detail: Detail, identity = principal.identity): Evaluation | Verdict {
  const action = request.action;
  const isService = principal.type === 'service';
  const principalAccount = principal.account;
  const resourceAccount = resource.account;
  const facts = factsOf(action);
  const context = request.contextLookup ?? createContext(request.context);
  // A verdict keeps nothing of what it matched with: one scratch request serves every verdict.
  const sreq: StatementRequest = detail === 'verdict' ? scratchRequest(action, facts.lower, request.resource, context, identity) : { action, actionLower: facts.lower, resource: request.resource, context, identity };
  // A resource in an unknown account is treated as another account's: both sides must then allow.
  const crossAccount = !isService && principalAccount !== resourceAccount;

  // The trust policy is a role's resource policy only for the sts:AssumeRole family of actions.
  const flavor = resource.flavor === 'trust' && !facts.assumeRole ? 'resource' : resource.flavor;
  const resourcePolicy = resource.resourcePolicy && !(resource.flavor === 'trust' && flavor !== 'trust') ? resource.resourcePolicy : undefined;

  // --- Organizations -----------------------------------------------------------------------------
  const rcpOrg = resourceAccount !== undefined ? world.organizationOf(resourceAccount) : undefined;
  const serviceLinked = principal.serviceLinked;
  const rcpSkip = rcpSkipOf(rcpOrg, resource, facts, serviceLinked);
  const rcp = rcpOrg && rcpSkip === undefined ? evaluateOrgLevels(rcpOrg.rcpLevels(resourceAccount as string), sreq, true, detail) : undefined;
  // Same account, same organization: asked once.
  const scpOrg = principalAccount === undefined ? undefined : principalAccount === resourceAccount ? rcpOrg : world.organizationOf(principalAccount);
  const scpSkip = scpSkipOf(scpOrg, principalAccount, isService, serviceLinked);
  const scp = scpOrg && scpSkip === undefined ? evaluateOrgLevels(scpOrg.scpLevels(principalAccount as string), sreq, false, detail) : undefined;

  // --- Resource, identity, boundary, session ------------------------------------------------------
  const rp = resourcePolicy ? evaluatePolicy(resourcePolicy, sreq, true, detail) : EMPTY_SET;
  const id = isService ? EMPTY_SET : evaluatePolicySet(principal.identityPolicies, sreq, false, detail);
  const boundaryPolicy = isService ? undefined : principal.permissionsBoundary;
  const b = boundaryPolicy ? evaluatePolicy(boundaryPolicy, sreq, false, detail) : EMPTY_SET;
  const sessionPolicy = isService ? undefined : request.sessionPolicy;
  const s = sessionPolicy ? evaluatePolicy(sessionPolicy, sreq, false, detail) : EMPTY_SET;

  // --- The rules, in AWS's order -------------------------------------------------------------------
  // A verdict keeps nothing of the outcome: one scratch object serves every verdict (evaluation is
  // synchronous and never re-enters itself).
  const out: Outcome = detail === 'verdict' ? resetScratch() : { reason: 'identity-no-allow', failedStage: undefined, failedAccount: undefined, deciding: NO_REFS };
  const rpAllows = rp.allowCount > 0;
  const match: PrincipalMatchKind | undefined = rp.principalMatch;
  const idOk = principal.type === 'root' || id.allowCount > 0;
  const bOk = !boundaryPolicy || b.allowCount > 0;
  const sOk = !sessionPolicy || s.allowCount > 0;


  const denyCount = (rcp?.denyCount ?? 0) + (scp?.denyCount ?? 0) + rp.denyCount + id.denyCount + b.denyCount + s.denyCount;
  // Rules outside the policy documents (rules.ts cites the AWS page of each).
  const ruleOfAction = facts.awsRule;
  const refusal = ruleOfAction !== undefined && ruleOfAction !== 'no-permission-needed' && refuses(ruleOfAction, request.resource) ? ruleOfAction : undefined;
  if (ruleOfAction === 'no-permission-needed') {
    // 0. sts:GetCallerIdentity needs no permission: no policy is consulted, and an explicit Deny does not
    // stop it (AWS STS API Reference: GetCallerIdentity).
    allow(out, 'allowed-no-permission-needed', NO_REFS);
  } else if (denyCount > 0) {
    // 1. An explicit Deny in any applicable policy decides.
    // The first stage, in AWS's order, whose policies deny.
    if ((rcp?.denyCount ?? 0) > 0) fail(out, 'explicit-deny', 'rcp', resourceAccount);
    else if ((scp?.denyCount ?? 0) > 0) fail(out, 'explicit-deny', 'scp', principalAccount);
    else if (rp.denyCount > 0) fail(out, 'explicit-deny', 'resource', resourceAccount);
    else if (id.denyCount > 0) fail(out, 'explicit-deny', 'identity', principalAccount);
    else if (b.denyCount > 0) fail(out, 'explicit-deny', 'boundary', principalAccount);
    else fail(out, 'explicit-deny', 'session', principalAccount);
    if (detail !== 'verdict') out.deciding = [...(rcp?.denies ?? []), ...(scp?.denies ?? []), ...rp.denies, ...id.denies, ...b.denies, ...s.denies];
  } else if (refusal !== undefined) {
    // 0. What AWS refuses whatever the policies say (a service-linked role, an AWS managed policy, an
    // alias/aws/ alias): no Allow can lift it. An explicit Deny, above, is what AWS reports first, since
    // the request is authorized before the service acts on it; the explanation then says both.
    fail(out, REFUSAL_REASON[refusal], 'aws-rule', resourceAccount);
  } else if (principal.type === 'root' && flavor === 'trust') {
    // STS refuses the root user's credentials: "You cannot call AssumeRole with the access key for the root
    // account" (IAM User Guide: Switch to an IAM role (AWS API), example code; AWS STS API Reference:
    // AssumeRole — "You must use credentials for an IAM user or an IAM role to call AssumeRole").
    fail(out, 'root-cannot-assume-role', 'resource', principalAccount);
  } else if (rcp?.failed) {
    // 2. RCPs of the resource's account must allow at every level.
    fail(out, 'rcp-no-allow', 'rcp', resourceAccount);
  } else if (scp?.failed) {
    // 3. SCPs of the principal's account must allow at every level.
    fail(out, 'scp-no-allow', 'scp', principalAccount);
  } else if (isService) {
    // A service principal has no identity policies: only the resource policy can admit it.
    if (rpAllows) allow(out, 'allowed-resource', rp.allows);
    else fail(out, 'service-not-allowed', 'resource', resourceAccount);
  } else if (flavor === 'trust' || flavor === 'key') {
    // Role trust policies and KMS key policies must allow explicitly; an identity policy alone is never
    // enough (IAM: "Cross-account policy evaluation logic"; AWS KMS: "Key policies in AWS KMS").
    if (!rpAllows) {
      fail(out, flavor === 'trust' ? 'trust-no-allow' : 'key-policy-no-allow', 'resource', resourceAccount);
    } else if (flavor === 'key' && crossAccount && !facts.kmsCrossAccount) {
      fail(out, 'kms-operation-not-cross-account', 'resource', resourceAccount);
    } else if (!crossAccount && (match === 'direct' || match === 'wildcard')) {
      // Named directly in the same account: no identity policy is needed, but "if a permissions boundary
      // is set for the user, then it must allow the sts:AssumeRole action" (IAM: Update a role trust policy).
      if (flavor === 'trust' && !bOk) fail(out, 'boundary-no-allow', 'boundary', principalAccount);
      else allow(out, 'allowed-resource', rp.allows);
    } else if (!crossAccount && match === 'role') {
      if (!bOk) fail(out, 'boundary-no-allow', 'boundary', principalAccount);
      else if (!sOk) fail(out, 'session-no-allow', 'session', principalAccount);
      else allow(out, 'allowed-resource', rp.allows);
    } else {
      // The policy names the account (delegating to IAM), or the request crosses accounts.
      principalSide(out, idOk, bOk, sOk, crossAccount, principalAccount, match === 'account');
      if (out.failedStage === undefined) allow(out, 'allowed-both', concat(id.allows, rp.allows));
    }
  } else if (!crossAccount) {
    // 4–7. Same account: the identity side and the resource side form a union (Policy evaluation for
    // requests within a single account), with what each kind of grant can stand in for.
    if (rpAllows && (match === 'direct' || match === 'wildcard')) allow(out, 'allowed-resource', rp.allows);
    else if (rpAllows && match === 'role' && bOk && sOk) allow(out, 'allowed-resource', rp.allows);
    else if (principal.type === 'root') allow(out, 'allowed-root', []);
    else if (idOk && bOk && sOk) allow(out, rpAllows ? 'allowed-both' : 'allowed-identity', concat(id.allows, rp.allows));
    else if (rpAllows && match === 'role') fail(out, !bOk ? 'boundary-no-allow' : 'session-no-allow', !bOk ? 'boundary' : 'session', principalAccount);
    else principalSide(out, idOk, bOk, sOk, crossAccount, principalAccount, rpAllows && match === 'account');
  } else {
    // 4–7. Cross account: both accounts must allow (Cross-account policy evaluation logic).
    if (!rpAllows) fail(out, 'resource-policy-no-allow', 'resource', resourceAccount);
    else principalSide(out, idOk, bOk, sOk, crossAccount, principalAccount, false);
    if (out.failedStage === undefined) allow(out, 'allowed-both', principal.type === 'root' ? rp.allows : concat(id.allows, rp.allows));
  }
  // A cross-account request is evaluated in both accounts and needs both to allow; AWS "evaluates all
  // policies that are applicable to the request context" (IAM: Policy evaluation logic, "How AWS
  // enforcement code logic evaluates requests"; "Cross-account policy evaluation logic"). An implicit deny
  // ends nothing, so when neither account allows the request the reason says so. (The decision and its
  // first failing stage, in AWS's order, are unchanged.)
  if (crossAccount && out.failedStage !== undefined && out.failedStage !== 'aws-rule' && out.reason !== 'explicit-deny' && out.reason !== 'root-cannot-assume-role' && out.reason !== 'kms-operation-not-cross-account') {
    const resourceSideFails = rcp?.failed === true || !rpAllows;
    const principalSideFails = scp?.failed === true || !idOk || !bOk || !sOk;
    if (resourceSideFails && principalSideFails) out.reason = 'neither-account-allows';
  }
  const decision: DecisionKind = out.reason === 'explicit-deny' ? 'explicit-deny' : out.failedStage === undefined ? 'allowed' : 'implicit-deny';
  // A verdict keeps nothing else of the evaluation (and allocates nothing more: verdicts are shared).
  if (detail === 'verdict') return verdictOf(decision, out.reason, out.failedStage);
  let failedSides: readonly FailedSide[] = [];
  if (out.reason === 'neither-account-allows') {
    const resourceSide: FailedSide = { side: 'resource', ...(resourceAccount !== undefined ? { account: resourceAccount } : {}), stage: rcp?.failed === true ? 'rcp' : 'resource' };
    const principalSide: FailedSide = {
      side: 'principal',
      ...(principalAccount !== undefined ? { account: principalAccount } : {}),
      stage: scp?.failed === true ? 'scp' : !idOk ? 'identity' : !bOk ? 'boundary' : 'session',
    };
    failedSides = STAGE_ORDER[resourceSide.stage] < STAGE_ORDER[principalSide.stage] ? [resourceSide, principalSide] : [principalSide, resourceSide];
  } else if (out.failedStage !== undefined) {
    // One failing evaluation. STS refusing the root user's credentials is the caller's side.
    const side = out.reason === 'root-cannot-assume-role' || !RESOURCE_SIDE.has(out.failedStage) ? 'principal' : 'resource';
    failedSides = [{ side, ...(out.failedAccount !== undefined ? { account: out.failedAccount } : {}), stage: out.failedStage }];
  }
  const awsRule: AwsRule | undefined = out.reason === 'allowed-no-permission-needed' ? 'no-permission-needed' : out.failedStage === 'aws-rule' ? refusal : undefined;
  return {
    request, principal, resource, isService, crossAccount, flavor, resourcePolicy, rcpOrg, rcpSkip, scpOrg, scpSkip, rcp, scp, rp, id, b, s, boundaryPolicy, sessionPolicy, idOk, out, decision, failedSides, statementRequest: sreq,
    awsRule,
    refusal: awsRule === undefined ? refusal : undefined,
  };
}

/** The reason each refusal gives (see `rules.ts`). */
const REFUSAL_REASON: Record<Refusal, ReasonCode> = {
  'service-linked-role': 'service-linked-role-protected',
  'aws-managed-policy': 'aws-managed-policy-protected',
  'aws-managed-alias': 'aws-managed-alias-reserved',
};

/** AWS's order of the stages (IAM: Policy evaluation logic). */
const STAGE_ORDER: Record<StageName, number> = { 'aws-rule': 0, 'explicit-deny': 1, rcp: 2, scp: 3, resource: 4, identity: 5, boundary: 6, session: 7 };
/** Stages of the resource's account. A refusal (`aws-rule`) protects the resource, so it is on that side too. */
const RESOURCE_SIDE: ReadonlySet<StageName> = new Set(['aws-rule', 'rcp', 'resource']);

/**
 * When the resource policy allows nothing: its first Allow statement that names the requester, the
 * action and the resource but whose condition does not hold, with that condition (the first that fails).
 * That statement was written for this requester; saying why it does not apply is the useful explanation
 * (e.g. aws:SourceArn of another account's rule against a queue policy scoped to one rule).
 */
function conditionMissOf(e: Evaluation): ConditionMiss | undefined {
  const policy = e.resourcePolicy;
  if (!policy || e.rp.allowCount > 0) return undefined;
  const compiled = compiledOf(policy);
  for (const rule of compiled.rules) {
    // A statement about other actions is never the one meant (its trace would say so, at a cost).
    if (rule.effect !== 'Allow' || !rule.admits(e.statementRequest.actionLower)) continue;
    const t = evaluateStatement(rule, e.statementRequest, true, compiled.substitute, true).trace;
    if (!t || !t.action.matched || !t.resource.matched || t.principal?.matched !== true || t.conditionsMatched) continue;
    const c = t.conditions.find((x) => !x.matched);
    if (!c) continue;
    return {
      statement: { source: policy.source, index: rule.index, effect: 'Allow', ...(rule.sid !== undefined ? { sid: rule.sid } : {}) },
      operator: c.operator,
      key: c.key,
      requestValues: c.requestValues,
      policyValues: c.policyValues,
    };
  }
  return undefined;
}

/**
 * When the resource policy allows nothing: its first Allow statement whose action and resource cover the
 * request but whose Principal is written in a form the grammar does not allow (a plain string other than
 * "*"), so it names no one. The author almost certainly meant it for this requester; saying so, with the
 * object form, is the useful explanation.
 */
function malformedPrincipalOf(e: Evaluation): MalformedPrincipal | undefined {
  const policy = e.resourcePolicy;
  if (!policy || e.rp.allowCount > 0) return undefined;
  const compiled = compiledOf(policy);
  for (const rule of compiled.rules) {
    const written = rule.malformedPrincipal;
    if (rule.effect !== 'Allow' || written === undefined || !rule.admits(e.statementRequest.actionLower)) continue;
    const t = evaluateStatement(rule, e.statementRequest, true, compiled.substitute, true).trace;
    if (!t || !t.action.matched || !t.resource.matched) continue;
    const suggestion = principalObjectFor(written.value);
    return {
      statement: { source: policy.source, index: rule.index, effect: 'Allow', ...(rule.sid !== undefined ? { sid: rule.sid } : {}) },
      element: written.element,
      written: written.written,
      ...(suggestion ? { suggestion: principalJson(suggestion) } : {}),
    };
  }
  return undefined;
}

/**
 * Decides one request, without building its explanation: what `evaluateScenario` needs to draw every
 * edge. Always agrees with `evaluateRequest` (both run the same rules).
 */
export function decideRequest(world: World, request: Request): Verdict {
  return evaluate(world, request, resolvePrincipal(world, request.principal), resolveResource(world, request.resource), 'verdict');
}

/**
 * `decideRequest` for callers that already resolved the request's principal and resource in `world`
 * (`resolvePrincipal(world, request.principal)`, `resolveResource(world, request.resource)`) and possibly
 * the principal's `identityOf`: a scenario resolves each principal and resource once for all its requests.
 */
export function decideResolved(world: World, request: Request, principal: PrincipalEntity, resource: ResourceEntity, identity?: PrincipalIdentity): Verdict {
  return evaluate(world, request, principal, resource, 'verdict', identity);
}

/** Verdicts are immutable and few (one per reason and stage): shared, so deciding allocates none. */
const verdicts = new Map<ReasonCode, Map<StageName | undefined, Verdict>>();
function verdictOf(decision: DecisionKind, reason: ReasonCode, failedStage: StageName | undefined): Verdict {
  let byStage = verdicts.get(reason);
  if (!byStage) {
    byStage = new Map();
    verdicts.set(reason, byStage);
  }
  let v = byStage.get(failedStage);
  if (!v) {
    v = Object.freeze(
      failedStage !== undefined ? { decision, allowed: false, reason, failedStage } : { decision, allowed: decision === 'allowed', reason },
    );
    byStage.set(failedStage, v);
  }
  return v;
}

/**
 * Decides one request the way AWS does (IAM User Guide: "Policy evaluation logic", "How AWS enforcement
 * code logic evaluates requests", "Policy evaluation for requests within a single account",
 * "Cross-account policy evaluation logic") and explains it:
 *
 * 1. an explicit Deny in any applicable policy decides;
 * 2. the RCPs of the resource's account must allow at every level;
 * 3. the SCPs of the principal's account must allow at every level;
 * 4–7. the resource policy, identity policies, permissions boundary and session policy combine as a
 *      union within one account (with the principal-type subtleties) and as an intersection across
 *      accounts; trust policies and KMS key policies must always allow explicitly.
 */
export function evaluateRequest(world: World, request: Request, options: EvaluateOptions = {}): Decision {
  return explain(world, request, resolvePrincipal(world, request.principal), resolveResource(world, request.resource), options.trace === true);
}

/**
 * `evaluateRequest` (without the trace) for a request whose principal and resource the caller has already
 * resolved as `evaluateRequest` would: a scenario's steps are made from entities it already holds, so
 * explaining 13,000 steps resolves no ARN again.
 */
export function evaluateResolved(world: World, request: Request, principal: PrincipalEntity, resource: ResourceEntity): Decision {
  return explain(world, request, principal, resource, false);
}

function explain(world: World, request: Request, principalEntity: PrincipalEntity, resourceEntity: ResourceEntity, trace: boolean): Decision {
  // Without the trace, what the summary needs: the stages are made when read (`ExplainedDecision`).
  const e = evaluate(world, request, principalEntity, resourceEntity, trace ? 'trace' : 'summary');
  const { principal, resource, rcp, scp, out } = e;
  const principalAccount = principal.account;
  const resourceAccount = resource.account;
  const { reason, failedStage, failedAccount, deciding } = out;
  const evaluated: EvaluatedRequest = {
    principal: principal.arn,
    principalType: principal.type,
    principalLabel: principal.label,
    action: e.request.action,
    resource: e.request.resource,
    resourceLabel: resource.label,
    context: e.request.context,
    ...(principalAccount !== undefined ? { principalAccount } : {}),
    ...(resourceAccount !== undefined ? { resourceAccount } : {}),
  };
  // Why the resource policy's statement for this requester does not apply, when that is what denies.
  const resourceSideFailed = e.decision === 'implicit-deny' && (reason === 'identity-no-allow' || e.failedSides.some((f) => f.stage === 'resource'));
  const conditionMiss = resourceSideFailed ? conditionMissOf(e) : undefined;
  // Or a statement that would cover the request but whose Principal is written so that it names no one.
  const malformedPrincipal = resourceSideFailed && !conditionMiss ? malformedPrincipalOf(e) : undefined;
  const summary = summarize(
    { reason, deciding, crossAccount: e.crossAccount, request: evaluated, failedSides: e.failedSides },
    {
      resourcePolicyName: resource.policyName,
      policyOwner: resource.policyOwnerLabel ?? resource.label,
      hasResourcePolicy: e.resourcePolicy !== undefined,
      failedLevel: reason === 'rcp-no-allow' ? rcp?.failedLevel?.label : reason === 'scp-no-allow' ? scp?.failedLevel?.label : undefined,
      rcpFailedLevel: rcp?.failedLevel?.label,
      scpFailedLevel: scp?.failedLevel?.label,
      ...(conditionMiss ? { conditionMiss } : {}),
      ...(malformedPrincipal ? { malformedPrincipal } : {}),
      ...(e.refusal ? { refusedAnyway: AWS_RULE_TEXT[e.refusal].short } : {}),
    },
  );
  // A traced decision is complete data (it is sent to the explanation panel); otherwise the stage outcomes
  // are made when first read: drawing an edge needs the decision and its summary, not the stages.
  if (!trace) return new ExplainedDecision(e, evaluated, summary, world);
  return {
    decision: e.decision,
    allowed: e.decision === 'allowed',
    reason,
    crossAccount: e.crossAccount,
    ...(failedAccount !== undefined ? { failedAccount } : {}),
    ...(failedStage !== undefined ? { failedStage } : {}),
    ...(e.failedSides.length > 0 ? { failedSides: e.failedSides } : {}),
    deciding,
    stages: stagesOf(e),
    request: evaluated,
    summary,
  };
}

/**
 * A decision whose stage outcomes are made on first read. `stages` is an own enumerable accessor (set in
 * its place among the fields), so reading, spreading, serializing or cloning the decision sees them. The
 * decision keeps only what it was decided from (the world, the request and its resolved entities, which
 * live on anyway) and evaluates again when the stages are read: kept decisions stay small.
 */
interface DecidedFrom {
  readonly world: World;
  readonly request: Request;
  readonly principal: PrincipalEntity;
  readonly resource: ResourceEntity;
}

class ExplainedDecision implements Decision {
  declare readonly decision: DecisionKind;
  declare readonly allowed: boolean;
  declare readonly reason: ReasonCode;
  declare readonly crossAccount: boolean;
  declare readonly failedAccount?: string;
  declare readonly failedStage?: StageName;
  declare readonly failedSides?: readonly FailedSide[];
  declare readonly deciding: readonly StatementRef[];
  declare readonly stages: readonly StageTrace[];
  declare readonly request: EvaluatedRequest;
  declare readonly summary: string;
  #from: DecidedFrom | undefined;
  #stages: readonly StageTrace[] | undefined;
  constructor(e: Evaluation, request: EvaluatedRequest, summary: string, world: World) {
    const self = this as { -readonly [K in keyof Decision]: Decision[K] };
    self.decision = e.decision;
    self.allowed = e.decision === 'allowed';
    self.reason = e.out.reason;
    self.crossAccount = e.crossAccount;
    if (e.out.failedAccount !== undefined) self.failedAccount = e.out.failedAccount;
    if (e.out.failedStage !== undefined) self.failedStage = e.out.failedStage;
    if (e.failedSides.length > 0) self.failedSides = e.failedSides;
    self.deciding = e.out.deciding;
    Object.defineProperty(this, 'stages', STAGES);
    self.request = request;
    self.summary = summary;
    this.#from = { world, request: e.request, principal: e.principal, resource: e.resource };
  }
  /** The stage outcomes, made once. */
  buildStages(): readonly StageTrace[] {
    if (this.#stages === undefined) {
      const from = this.#from as DecidedFrom;
      this.#stages = stagesOf(evaluate(from.world, from.request, from.principal, from.resource, 'decision'));
      this.#from = undefined;
    }
    return this.#stages;
  }
}

function decisionStages(this: ExplainedDecision): readonly StageTrace[] {
  return this.buildStages();
}

const STAGES: PropertyDescriptor = { get: decisionStages, enumerable: true };

/** Every stage in AWS's order, with its outcome and the policies it consulted. */
function stagesOf(e: Evaluation): StageTrace[] {
  const { principal, resource, isService, rcp, scp, rp, id, b, s, out } = e;
  const principalAccount = principal.account;
  const resourceAccount = resource.account;
  const denies = out.reason === 'explicit-deny' ? out.deciding : [];
  const owner = resource.policyOwnerLabel ?? resource.label;
  const policyName = resource.policyName.toLowerCase();
  // Without a resource policy, the resource's side allows nothing: that fails the request when the
  // resource's side must allow (another account's principal, a service principal, a trust or key policy).
  const resourceRequired = e.crossAccount || isService || e.flavor !== 'resource';
  const requiredWhy = e.crossAccount ? 'a cross-account request needs it' : isService ? 'a service principal is admitted only by a resource policy' : `a ${policyName} must allow explicitly`;
  const stages: StageTrace[] = [
    {
      stage: 'explicit-deny',
      title: 'Explicit deny in any policy',
      side: 'principal',
      outcome: denies.length > 0 ? 'deny' : 'allow',
      note: denies.length > 0 ? `${denies.length} Deny statement(s) match.${e.refusal ? ` Even without them, AWS refuses ${e.request.action} on ${resource.label}: ${AWS_RULE_TEXT[e.refusal].short}.` : ''}` : 'No Deny statement matches.',
      policies: [],
    },
    orgStage('rcp', `Resource control policies of ${resourceAccount ?? 'the resource account'}`, 'resource', resourceAccount, rcp, orgNote('rcp', e.rcpSkip, e.rcpOrg, resourceAccount, e.request.action)),
    orgStage('scp', `Service control policies of ${principalAccount ?? 'the principal account'}`, 'principal', principalAccount, scp, orgNote('scp', e.scpSkip, e.scpOrg, principalAccount, e.request.action)),
    {
      stage: 'resource',
      // The policy is named after the resource that carries it (the bucket, the API), not the object path.
      title: `${resource.policyName} of ${owner}`,
      side: 'resource',
      ...(resourceAccount !== undefined ? { account: resourceAccount } : {}),
      outcome: rp.denyCount > 0 ? 'deny' : rp.allowCount > 0 ? 'allow' : e.resourcePolicy === undefined && !resourceRequired ? 'not-applicable' : 'no-allow',
      ...(e.resourcePolicy === undefined ? { note: resourceRequired ? `${owner} has no ${policyName}, so nothing on the resource's side allows the request — ${requiredWhy}.` : `${owner} has no ${policyName}; in one account an identity policy alone can allow the request.` } : {}),
      policies: rp.policies,
      ...(rp.principalMatch ? { principalMatch: rp.principalMatch } : {}),
    },
    setStage('identity', `Identity policies of ${principal.label}`, principalAccount, id, isService
      ? 'A service principal has no identity policies.'
      : principal.type === 'root'
        ? 'The root user has every permission of its account.'
        : principal.identityPolicies.length === 0 ? `${principal.label} has no identity policies.` : undefined,
      principal.type === 'root', isService ? 'not-applicable' : 'no-allow'),
    setStage('boundary', `Permissions boundary of ${principal.label}`, principalAccount, b, e.boundaryPolicy ? undefined : 'No permissions boundary is set.'),
    setStage('session', 'Session policy', principalAccount, s, e.sessionPolicy ? undefined : 'The request carries no session policy.'),
  ];
  if (e.awsRule === undefined) return stages;
  const text = AWS_RULE_TEXT[e.awsRule];
  const rule: StageTrace = {
    stage: 'aws-rule',
    title: text.title,
    // Needing no permission is about the caller; a refusal protects the resource.
    ...(e.awsRule === 'no-permission-needed'
      ? { side: 'principal' as const, ...(principalAccount !== undefined ? { account: principalAccount } : {}) }
      : { side: 'resource' as const, ...(resourceAccount !== undefined ? { account: resourceAccount } : {}) }),
    outcome: e.awsRule === 'no-permission-needed' ? 'allow' : 'deny',
    note: text.note,
    policies: [],
  };
  if (e.awsRule !== 'no-permission-needed') return [rule, ...stages];
  // No policy is consulted: every policy stage is shown as not applying (its policies are still listed, so
  // what they say can be read), and a Deny that matches is said to have no effect.
  const ignored = rp.denies.length + id.denies.length + b.denies.length + s.denies.length + (rcp?.denies.length ?? 0) + (scp?.denies.length ?? 0);
  return [
    rule,
    ...stages.map((st): StageTrace => {
      const { levels: _levels, principalMatch: _match, ...rest } = st;
      if (st.stage === 'explicit-deny') {
        return { ...rest, outcome: 'not-applicable', note: ignored > 0 ? `${ignored} Deny statement(s) match ${e.request.action}, but have no effect: it needs no permission.` : 'No Deny statement matches (none would have an effect).' };
      }
      return { ...rest, outcome: 'not-applicable', note: `Not consulted: ${e.request.action} needs no permission.` };
    }),
  ];
}

/**
 * How the explanation names each rule outside the policy documents (`rules.ts` cites the pages in full):
 * the stage's title, a note quoting the page, and a few words for the summary.
 */
const AWS_RULE_TEXT: Record<AwsRule, { readonly title: string; readonly note: string; readonly short: string }> = {
  'no-permission-needed': {
    title: 'AWS STS: sts:GetCallerIdentity needs no permission',
    note: 'AWS STS API Reference, GetCallerIdentity: "No permissions are required to perform this operation. If an administrator attaches a policy to your identity that explicitly denies access to the sts:GetCallerIdentity action, you can still perform this operation."',
    short: 'it needs no permission',
  },
  'service-linked-role': {
    title: 'AWS IAM: a service-linked role is changed only by its service',
    note: 'IAM API Reference: "service-linked roles are protected AWS resources. Only the service that depends on the service-linked role can modify or delete the role on your behalf." No policy can allow it.',
    short: 'only the service that depends on a service-linked role can modify or delete it',
  },
  'aws-managed-policy': {
    title: 'AWS IAM: AWS managed policies cannot be changed',
    note: 'IAM User Guide, Managed policies and inline policies: an AWS managed policy "is created and administered by AWS" and "You cannot change the permissions defined in AWS managed policies." No policy can allow it.',
    short: 'an AWS managed policy is created and administered by AWS and cannot be changed',
  },
  'aws-managed-alias': {
    title: 'AWS KMS: alias/aws/ is reserved for AWS managed keys',
    note: 'AWS KMS Developer Guide, Create aliases: "The alias/aws/ prefix is reserved for AWS managed key" and "You cannot manage aliases for AWS managed keys or AWS owned keys." No policy can allow it.',
    short: 'aliases that begin with alias/aws/ are reserved for AWS managed keys',
  },
};

function orgNote(kind: 'rcp' | 'scp', skip: OrgSkip | undefined, org: OrganizationEntity | undefined, account: string | undefined, action: string): string | undefined {
  switch (skip) {
    case undefined:
      return undefined;
    case 'no-org':
      return `Account ${account ?? '(unknown)'} is not in an organization.`;
    case 'disabled':
      return `Organization ${org?.id ?? ''} has no ${kind === 'rcp' ? 'RCPs' : 'SCPs'} (the policy type is not enabled).`;
    case 'management':
      return kind === 'rcp' ? 'RCPs do not apply to resources of the management account.' : 'SCPs do not restrict the management account.';
    case 'unsupported-service':
      return `RCPs do not apply to ${serviceOf(action)} resources.`;
    case 'exempt-action':
      return `RCPs do not restrict ${action}.`;
    case 'service-linked-role':
      return `${kind === 'rcp' ? 'RCPs' : 'SCPs'} do not affect service-linked roles.`;
    case 'service-linked-role-trust':
      return 'RCPs do not affect AWS services assuming a service-linked role (its trust policy).';
    case 'service-principal':
      return 'SCPs do not apply to AWS service principals.';
  }
}

function orgStage(
  stage: 'rcp' | 'scp',
  title: string,
  side: 'principal' | 'resource',
  account: string | undefined,
  result: OrgLevelsResult | undefined,
  note: string | undefined,
): StageTrace {
  return {
    stage,
    title,
    side,
    ...(account !== undefined ? { account } : {}),
    outcome: !result ? 'not-applicable' : result.denies.length > 0 ? 'deny' : result.failedLevel ? 'no-allow' : 'allow',
    ...(note !== undefined ? { note } : result?.failedLevel ? { note: `Nothing allows the action at level ${result.failedLevel.label}.` } : {}),
    policies: result?.policies ?? [],
    ...(result ? { levels: result.levels } : {}),
  };
}

function setStage(
  stage: 'identity' | 'boundary' | 'session',
  title: string,
  account: string | undefined,
  result: PolicySetResult,
  note: string | undefined,
  impliedAllow = false,
  whenAbsent: 'not-applicable' | 'no-allow' = 'not-applicable',
): StageTrace {
  const outcome = result.denies.length > 0 ? 'deny' : result.allows.length > 0 || impliedAllow ? 'allow' : result.policies.length === 0 ? whenAbsent : 'no-allow';
  return {
    stage,
    title,
    side: 'principal',
    ...(account !== undefined ? { account } : {}),
    outcome,
    ...(note !== undefined ? { note } : {}),
    policies: result.policies,
  };
}
