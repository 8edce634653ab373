import { createContext } from '../policy/context';
import type { PrincipalIdentity } from '../policy/principal';
import type { StatementRequest } from '../policy/statement';
import type { SourcedPolicy } from '../policy/types';
import type { Decision, ReasonCode, StageName, StageTrace, StatementRef } from '../trace';
import type { Request, World } from '../world';
import { evaluateOrgLevels, type OrgLevelsResult } from './orgLevels';
import { evaluatePolicySet, type PolicySetResult } from './policySet';
import { resolvePrincipal, resolveResource } from './resolve';
import { isAssumeRoleAction, KMS_CROSS_ACCOUNT_ACTIONS, RCP_SERVICES, serviceOf } from './rules';
import { summarize } from './summary';

export interface EvaluateOptions {
  /** Fill every policy's statement-by-statement detail (for the explanation panel). Slower. */
  readonly trace?: boolean;
}

const EMPTY: PolicySetResult = { policies: [], allows: [], denies: [] };

/** How the decision is coming out (filled by the rules below). */
interface Outcome {
  reason: ReasonCode;
  failedStage: StageName | undefined;
  failedAccount: string | undefined;
  deciding: readonly StatementRef[];
}

interface PrincipalSide {
  readonly idOk: boolean;
  readonly bOk: boolean;
  readonly sOk: boolean;
  readonly crossAccount: boolean;
  readonly principalAccount: string | undefined;
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
function principalSide(out: Outcome, side: PrincipalSide, accountGrant: boolean): void {
  if (!side.idOk) {
    fail(out, side.crossAccount ? 'cross-account-identity-missing' : accountGrant ? 'account-grant-needs-identity' : 'identity-no-allow', 'identity', side.principalAccount);
  } else if (!side.bOk) fail(out, 'boundary-no-allow', 'boundary', side.principalAccount);
  else if (!side.sOk) fail(out, 'session-no-allow', 'session', side.principalAccount);
}

/**
 * Decides one request the way AWS does (IAM User Guide: "Policy evaluation logic", "How AWS enforcement
 * code logic evaluates requests", "Policy evaluation for requests within a single account",
 * "Cross-account policy evaluation logic"):
 *
 * 1. an explicit Deny in any applicable policy decides;
 * 2. the RCPs of the resource's account must allow at every level;
 * 3. the SCPs of the principal's account must allow at every level;
 * 4–7. the resource policy, identity policies, permissions boundary and session policy combine as a
 *      union within one account (with the principal-type subtleties) and as an intersection across
 *      accounts; trust policies and KMS key policies must always allow explicitly.
 */
export function evaluateRequest(world: World, request: Request, options: EvaluateOptions = {}): Decision {
  const trace = options.trace === true;
  const principal = resolvePrincipal(world, request.principal);
  const resource = resolveResource(world, request.resource);
  const action = request.action;
  const isService = principal.type === 'service';
  const principalAccount = principal.account;
  const resourceAccount = resource.account;
  const identity: PrincipalIdentity = {
    arn: principal.arn,
    isService,
    ...(principalAccount !== undefined ? { account: principalAccount } : {}),
    ...(principal.roleArn !== undefined ? { roleArn: principal.roleArn } : {}),
    hasPermissionsBoundary: principal.permissionsBoundary !== undefined,
  };
  const sreq: StatementRequest = { action, actionLower: action.toLowerCase(), resource: request.resource, context: createContext(request.context), identity };
  // A resource in an unknown account is treated as another account's: both sides must then allow.
  const crossAccount = !isService && principalAccount !== resourceAccount;

  // The trust policy is a role's resource policy only for the sts:AssumeRole family of actions.
  const flavor = resource.flavor === 'trust' && !isAssumeRoleAction(action) ? 'resource' : resource.flavor;
  const resourcePolicies: SourcedPolicy[] =
    resource.resourcePolicy && !(resource.flavor === 'trust' && flavor !== 'trust') ? [resource.resourcePolicy] : [];

  // --- Organizations -----------------------------------------------------------------------------
  const rcpOrg = resourceAccount !== undefined ? world.organizationOf(resourceAccount) : undefined;
  let rcpNote: string | undefined;
  if (!rcpOrg) rcpNote = `Account ${resourceAccount ?? '(unknown)'} is not in an organization.`;
  else if (!rcpOrg.rcpEnabled) rcpNote = `Organization ${rcpOrg.id} has no RCPs (the policy type is not enabled).`;
  else if (resourceAccount === rcpOrg.managementAccount) rcpNote = 'RCPs do not apply to resources of the management account.';
  else if (!RCP_SERVICES.has(serviceOf(action))) rcpNote = `RCPs do not apply to ${serviceOf(action)} resources.`;
  const rcp: OrgLevelsResult | undefined =
    rcpOrg && rcpNote === undefined ? evaluateOrgLevels(rcpOrg.rcpLevels(resourceAccount as string), sreq, true, trace) : undefined;

  const scpOrg = principalAccount !== undefined ? world.organizationOf(principalAccount) : undefined;
  let scpNote: string | undefined;
  if (isService) scpNote = 'SCPs do not apply to AWS service principals.';
  else if (!scpOrg) scpNote = `Account ${principalAccount ?? '(unknown)'} is not in an organization.`;
  else if (!scpOrg.scpEnabled) scpNote = `Organization ${scpOrg.id} has no SCPs (the policy type is not enabled).`;
  else if (principalAccount === scpOrg.managementAccount) scpNote = 'SCPs do not restrict the management account.';
  const scp: OrgLevelsResult | undefined =
    scpOrg && scpNote === undefined ? evaluateOrgLevels(scpOrg.scpLevels(principalAccount as string), sreq, false, trace) : undefined;

  // --- Resource, identity, boundary, session ------------------------------------------------------
  const rp = evaluatePolicySet(resourcePolicies, sreq, true, trace);
  const id = isService ? EMPTY : evaluatePolicySet(principal.identityPolicies, sreq, false, trace);
  const boundaryPolicy = isService ? undefined : principal.permissionsBoundary;
  const b = boundaryPolicy ? evaluatePolicySet([boundaryPolicy], sreq, false, trace) : EMPTY;
  const sessionPolicy = isService ? undefined : request.sessionPolicy;
  const s = sessionPolicy ? evaluatePolicySet([sessionPolicy], sreq, false, trace) : EMPTY;

  // --- 1. Explicit deny anywhere, then the stages in AWS's order --------------------------------------
  const out: Outcome = { reason: 'identity-no-allow', failedStage: undefined, failedAccount: undefined, deciding: [] };
  const rpAllows = rp.allows.length > 0;
  const match = rp.principalMatch;
  const idOk = principal.type === 'root' || id.allows.length > 0;
  const bOk = !boundaryPolicy || b.allows.length > 0;
  const sOk = !sessionPolicy || s.allows.length > 0;
  const side: PrincipalSide = { idOk, bOk, sOk, crossAccount, principalAccount };

  let denyCount = 0;
  let firstDeny: StageName | undefined;
  let firstDenyAccount: string | undefined;
  const denyLists: Array<readonly StatementRef[]> = [];
  for (const [stage, refs, account] of [
    ['rcp', rcp?.denies, resourceAccount],
    ['scp', scp?.denies, principalAccount],
    ['resource', rp.denies, resourceAccount],
    ['identity', id.denies, principalAccount],
    ['boundary', b.denies, principalAccount],
    ['session', s.denies, principalAccount],
  ] as const) {
    if (!refs || refs.length === 0) continue;
    denyCount += refs.length;
    denyLists.push(refs);
    if (firstDeny === undefined) {
      firstDeny = stage;
      firstDenyAccount = account;
    }
  }

  if (denyCount > 0) {
    fail(out, 'explicit-deny', firstDeny ?? 'explicit-deny', firstDenyAccount);
    out.deciding = denyLists.length === 1 ? (denyLists[0] as readonly StatementRef[]) : denyLists.flat();
  } else if (rcp?.failedLevel) {
    fail(out, 'rcp-no-allow', 'rcp', resourceAccount);
  } else if (scp?.failedLevel) {
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
    } else if (flavor === 'key' && crossAccount && !KMS_CROSS_ACCOUNT_ACTIONS.has(action.toLowerCase())) {
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
      principalSide(out, side, match === 'account');
      if (out.failedStage === undefined) allow(out, 'allowed-both', [...id.allows, ...rp.allows]);
    }
  } else if (!crossAccount) {
    // Same account: the identity side and the resource side form a union (single-account evaluation).
    if (rpAllows && (match === 'direct' || match === 'wildcard')) allow(out, 'allowed-resource', rp.allows);
    else if (rpAllows && match === 'role' && bOk && sOk) allow(out, 'allowed-resource', rp.allows);
    else if (principal.type === 'root') allow(out, 'allowed-root', []);
    else if (idOk && bOk && sOk) allow(out, rpAllows ? 'allowed-both' : 'allowed-identity', rpAllows ? [...id.allows, ...rp.allows] : id.allows);
    else if (rpAllows && match === 'role') fail(out, !bOk ? 'boundary-no-allow' : 'session-no-allow', !bOk ? 'boundary' : 'session', principalAccount);
    else principalSide(out, side, rpAllows && match === 'account');
  } else {
    // Cross account: both accounts must allow (Cross-account policy evaluation logic).
    if (!rpAllows) fail(out, 'resource-policy-no-allow', 'resource', resourceAccount);
    else principalSide(out, side, false);
    if (out.failedStage === undefined) allow(out, 'allowed-both', principal.type === 'root' ? rp.allows : [...id.allows, ...rp.allows]);
  }
  const { reason, failedStage, failedAccount, deciding } = out;
  const denies = out.reason === 'explicit-deny' ? deciding : [];

  const decision = reason === 'explicit-deny' ? 'explicit-deny' : failedStage === undefined ? 'allowed' : 'implicit-deny';

  // --- Trace ---------------------------------------------------------------------------------------
  const stages: StageTrace[] = [
    {
      stage: 'explicit-deny',
      title: 'Explicit deny in any policy',
      side: 'principal',
      outcome: denies.length > 0 ? 'deny' : 'allow',
      note: denies.length > 0 ? `${denies.length} Deny statement(s) match.` : 'No Deny statement matches.',
      policies: [],
    },
    orgStage('rcp', `Resource control policies of ${resourceAccount ?? 'the resource account'}`, 'resource', resourceAccount, rcp, rcpNote),
    orgStage('scp', `Service control policies of ${principalAccount ?? 'the principal account'}`, 'principal', principalAccount, scp, scpNote),
    {
      stage: 'resource',
      title: `${resource.policyName} of ${resource.label}`,
      side: 'resource',
      ...(resourceAccount !== undefined ? { account: resourceAccount } : {}),
      outcome: rp.denies.length > 0 ? 'deny' : rpAllows ? 'allow' : resourcePolicies.length === 0 ? 'not-applicable' : 'no-allow',
      ...(resourcePolicies.length === 0 ? { note: `${resource.label} has no ${resource.policyName.toLowerCase()}.` } : {}),
      policies: rp.policies,
      ...(match ? { principalMatch: match } : {}),
    },
    setStage('identity', `Identity policies of ${principal.label}`, principalAccount, id, isService
      ? 'A service principal has no identity policies.'
      : principal.type === 'root'
        ? 'The root user has every permission of its account.'
        : principal.identityPolicies.length === 0 ? `${principal.label} has no identity policies.` : undefined,
      principal.type === 'root', isService ? 'not-applicable' : 'no-allow'),
    setStage('boundary', `Permissions boundary of ${principal.label}`, principalAccount, b, boundaryPolicy ? undefined : 'No permissions boundary is set.'),
    setStage('session', 'Session policy', principalAccount, s, sessionPolicy ? undefined : 'The request carries no session policy.'),
  ];

  const partial = {
    decision,
    allowed: decision === 'allowed',
    reason,
    crossAccount,
    ...(failedAccount !== undefined ? { failedAccount } : {}),
    ...(failedStage !== undefined ? { failedStage } : {}),
    deciding,
    stages,
    request: {
      principal: principal.arn,
      principalType: principal.type,
      principalLabel: principal.label,
      action,
      resource: request.resource,
      resourceLabel: resource.label,
      context: request.context,
      ...(principalAccount !== undefined ? { principalAccount } : {}),
      ...(resourceAccount !== undefined ? { resourceAccount } : {}),
    },
  } as const;
  return {
    ...partial,
    summary: summarize(partial, {
      resourcePolicyName: resource.policyName,
      identityMissing: !idOk,
      failedLevel: reason === 'rcp-no-allow' ? rcp?.failedLevel?.label : reason === 'scp-no-allow' ? scp?.failedLevel?.label : undefined,
    }),
  };
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
