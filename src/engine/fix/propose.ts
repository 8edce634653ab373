import { addressKey, applyChanges, policyAt, principalArn, RESOURCE_TYPES, setPolicyAt, type PolicyAddress, type PolicyDocument, type Principal, type Scenario, type ScenarioChange } from '../../model';
import { evaluateScenario, explainStep, type EdgeStatus, type ScenarioEvaluation } from '../scenario/evaluateScenario';
import type { Decision, StageTrace, StatementRef } from '../trace';
import { sideBySide, policyText } from './diff';
import { addressOf, edgeLabel, isAwsManaged, policyAccount, policyTitle, reachedBy } from './documents';
import { edgeChanges } from './preview';
import { addStatement, conditionOf, excludeAction, excludeResource, freshSid, namesOnly, replaceStatement, statementsOf, withConditionValue, type Json } from './statements';
import type { Blocker, EdgeProposals, FailingGate, Proposal, ProposalScope, ProposedChange } from './types';

/**
 * Proposals for one edge, from the engine's typed decisions: the smallest edits that make a denied edge
 * allowed, or an allowed edge denied. Each proposal is built by repairing one gate at a time and deciding
 * the edge again (the engine's incremental re-evaluation), so every proposal offered is one the engine has
 * checked over the whole scenario; its side effects are every other edge whose decision changes.
 */

/** The AWS pages the analysis rests on (cited in comments and in what the user reads). */
const PAGES = {
  principal: 'IAM User Guide: AWS JSON policy elements: Principal (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html)',
  evaluation: 'IAM User Guide: Policy evaluation logic (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html)',
  crossAccount: 'IAM User Guide: Cross-account policy evaluation logic (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html)',
  assumeRole: 'AWS STS API Reference: AssumeRole (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html)',
  kmsCrossAccount: 'AWS KMS Developer Guide: Allowing users in other accounts to use a KMS key (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html)',
  keyPolicy: 'AWS KMS Developer Guide: Key policies in AWS KMS — "In a key policy, the value of the Resource element is "*", which means "this KMS key"" (https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html)',
  rcpSyntax: 'AWS Organizations User Guide: RCP syntax — "The effect of Allow is only supported for the RCPFullAWSAccess policy" (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html)',
  scpSyntax: 'AWS Organizations User Guide: SCP syntax (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html)',
  serviceLinked: 'IAM API Reference: UnmodifiableEntity — only the service that depends on a service-linked role can modify or delete it',
  awsManaged: 'IAM User Guide: Managed policies and inline policies — "You cannot change the permissions defined in AWS managed policies"',
  alias: 'AWS KMS Developer Guide: Create aliases — "The alias/aws/ prefix is reserved for AWS managed key"',
  getCallerIdentity: 'AWS STS API Reference: GetCallerIdentity — "No permissions are required to perform this operation"',
} as const;

/** One evaluated step of the edge, with where its principal and resource live in the scenario. */
interface Subject {
  readonly label: string;
  readonly index: number;
  /** The acting principal's node (a role for its sessions); undefined for a service principal. */
  readonly principal?: Principal;
  /** Where the resource-side policy of the request lives: a resource's policy, or a role's trust policy. */
  readonly resourceAddress: PolicyAddress;
}

function subjectsOf(s: Scenario, edgeId: string, labels: readonly string[]): Subject[] {
  const principal = (id: string | undefined): Principal | undefined => (id === undefined ? undefined : s.principals.find((p) => p.id === id));
  const edge = s.edges.find((e) => e.id === edgeId);
  if (edge) {
    const resourceAddress: PolicyAddress = edge.kind === 'access' ? { kind: 'resource', resourceId: edge.to } : { kind: 'trust', principalId: edge.to };
    const p = principal(edge.from);
    return labels.map((label, index) => ({ label, index, ...(p && p.type !== 'service' ? { principal: p } : {}), resourceAddress }));
  }
  for (const rule of s.rules) {
    const target = rule.targets.find((t) => t.id === edgeId);
    if (!target) continue;
    if (labels.length === 2 && target.roleId !== undefined) {
      const role = principal(target.roleId);
      return [
        { label: labels[0] as string, index: 0, resourceAddress: { kind: 'trust', principalId: target.roleId } },
        { label: labels[1] as string, index: 1, ...(role ? { principal: role } : {}), resourceAddress: { kind: 'resource', resourceId: target.resourceId } },
      ];
    }
    return labels.map((label, index) => ({ label, index, resourceAddress: { kind: 'resource', resourceId: target.resourceId } }));
  }
  return [];
}

/** A change in progress: the document's first `before` and latest `after`. */
interface Pending {
  readonly address: PolicyAddress;
  readonly before: PolicyDocument | undefined;
  after: PolicyDocument | undefined;
  readonly what: string[];
  stage: StageTrace['stage'];
  scope: ProposalScope;
}

/** A proposal being built: the scenario as changed so far and its evaluation. */
interface Work {
  scenario: Scenario;
  evaluation: ScenarioEvaluation;
  readonly pending: Map<string, Pending>;
  readonly org: { change: ScenarioChange; what: string; stage: StageTrace['stage'] }[];
  readonly notes: string[];
  /** What was done, in a few words each ("Add an Allow for exactly this request"): the proposal's title. */
  readonly tactics: string[];
  /** The edits so far, as a key: strategies that make the same edits share their evaluation (`memo`). */
  trail: string;
  readonly memo: Map<string, { readonly scenario: Scenario; readonly evaluation: ScenarioEvaluation }>;
}

/**
 * Moves the work to `scenario`, decided with the previous evaluation — or taken from the memo when another
 * strategy already made exactly these edits (an SCP edit re-decides every edge below it: worth sharing).
 */
function advance(w: Work, step: string, scenario: Scenario): void {
  w.trail = `${w.trail}\n${step}`;
  const known = w.memo.get(w.trail);
  if (known) {
    w.scenario = known.scenario;
    w.evaluation = known.evaluation;
    return;
  }
  w.scenario = scenario;
  w.evaluation = evaluateScenario(scenario, w.evaluation);
  w.memo.set(w.trail, { scenario: w.scenario, evaluation: w.evaluation });
}

/** A step's traced decision in the work's current evaluation. */
function decisionsOf(w: Work, edgeId: string): { decision: Decision; allowed: boolean }[] {
  const r = w.evaluation.edges.get(edgeId);
  if (!r) return [];
  return r.steps.map((st) => ({ decision: explainStep(w.evaluation, st), allowed: st.verdict.allowed }));
}

function editPolicy(w: Work, address: PolicyAddress, next: PolicyDocument | undefined, what: string, stage: StageTrace['stage'], scope: ProposalScope, tactic: string): boolean {
  if (!w.tactics.includes(tactic)) w.tactics.push(tactic);
  const key = addressKey(address);
  const current = policyAt(w.scenario, address);
  const scenario = setPolicyAt(w.scenario, address, next);
  if (!scenario) return false;
  const p = w.pending.get(key);
  if (p) {
    p.after = next;
    p.what.push(what);
    if (scope === 'wider') p.scope = 'wider';
  } else {
    w.pending.set(key, { address, before: current, after: next, what: [what], stage, scope });
  }
  advance(w, `${key}:${JSON.stringify(next)}`, scenario);
  return true;
}

function orgChange(w: Work, change: ScenarioChange, what: string, stage: StageTrace['stage'], tactic: string): boolean {
  if (!w.tactics.includes(tactic)) w.tactics.push(tactic);
  const applied = applyChanges(w.scenario, [change]);
  if ('error' in applied) return false;
  w.org.push({ change, what, stage });
  advance(w, JSON.stringify(change), applied.scenario);
  return true;
}

/** The statement a StatementRef points at, in the work's current scenario. */
function statementAt(w: Work, ref: StatementRef): { address: PolicyAddress; doc: PolicyDocument; statement: Json; index: number } | undefined {
  const address = addressOf(w.scenario, ref.source);
  if (!address) return undefined;
  const doc = policyAt(w.scenario, address);
  const list = statementsOf(doc);
  const statement = list[ref.index];
  if (!doc || !statement) return undefined;
  return { address, doc, statement, index: ref.index };
}

const actionName = (action: string): string => action.slice(action.indexOf(':') + 1).replace(/\*/g, 'All');
const title = (w: Work, a: PolicyAddress): string => policyTitle(w.scenario, a);

/** The `Principal` element that names the requester (a role session by its role's ARN). */
function principalElement(subject: Subject, d: Decision): Json {
  // A resource-based policy may name a role, which covers every session of it, or one session's ARN
  // (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION); session names change with every caller, so the role
  // ARN is the stable choice (IAM JSON policy elements: Principal — IAM role principals, Role session
  // principals).
  if (d.request.principalType === 'service') return { Service: d.request.principal };
  if (subject.principal) return { AWS: principalArn(subject.principal) };
  return { AWS: d.request.principal };
}

/** Conditions the request satisfies that a new statement keeps. */
function keptConditions(w: Work, d: Decision, address: PolicyAddress, flavor: 'identity' | 'resource' | 'trust'): Json | undefined {
  let condition: Json = {};
  // A near miss in the same policy whose conditions hold for this request: the author's conditions for this
  // kind of access, kept so the new grant is no wider than the ones already written.
  const stageName = flavor === 'identity' ? 'identity' : 'resource';
  const key = addressKey(address);
  for (const stage of d.stages) {
    if (stage.stage !== stageName) continue;
    for (const p of stage.policies) {
      const a = addressOf(w.scenario, p.source);
      if (!a || addressKey(a) !== key) continue;
      const near = p.statements.find((st) => st.effect === 'Allow' && st.conditions.length > 0 && st.conditionsMatched && (st.action.matched || st.resource.matched) && st.principal?.matched !== false);
      const raw = near ? statementsOf(policyAt(w.scenario, a))[near.index] : undefined;
      const c = raw ? conditionOf(raw) : undefined;
      if (c) condition = { ...c };
    }
  }
  const ctx = d.request.context;
  const one = (k: string): string | undefined => {
    const v = ctx[k];
    return typeof v === 'string' ? v : undefined;
  };
  // A service acting for a rule is pinned to that rule: AWS recommends aws:SourceArn / aws:SourceAccount in
  // policies that admit a service principal (IAM User Guide: The confused deputy problem).
  const sourceArn = one('aws:SourceArn');
  if (d.request.principalType === 'service' && sourceArn !== undefined) condition = { ...condition, ArnEquals: { ...((condition.ArnEquals as Json | undefined) ?? {}), 'aws:SourceArn': sourceArn } };
  // An external id the caller passes is kept in the trust policy (IAM User Guide: Access to AWS accounts owned
  // by third parties).
  const externalId = one('sts:ExternalId');
  if (flavor === 'trust' && externalId !== undefined) condition = { ...condition, StringEquals: { ...((condition.StringEquals as Json | undefined) ?? {}), 'sts:ExternalId': externalId } };
  return Object.keys(condition).length > 0 ? condition : undefined;
}

/** Exact action(s) and resource of the request, for a new statement. */
function allowStatement(w: Work, doc: PolicyDocument | undefined, subject: Subject, d: Decision, actions: readonly string[], flavor: 'identity' | 'resource' | 'trust' | 'key', address: PolicyAddress, effect: 'Allow' | 'Deny' = 'Allow'): Json {
  const who = subject.principal?.name ?? d.request.principalLabel;
  const base = `${effect} ${actions.length === 1 ? actionName(actions[0] as string) : 'Access'} ${flavor === 'identity' ? `On ${d.request.resourceLabel}` : `For ${who}`}`;
  const stmt: Json = { Sid: freshSid(doc, base), Effect: effect };
  if (flavor !== 'identity') stmt.Principal = principalElement(subject, d);
  stmt.Action = actions.length === 1 ? actions[0] : [...actions];
  // A trust policy has no Resource element (the role is the resource); a key policy writes "*" for its key.
  if (flavor === 'key') stmt.Resource = '*';
  else if (flavor !== 'trust') stmt.Resource = d.request.resource;
  const condition = effect === 'Allow' ? keptConditions(w, d, address, flavor === 'key' ? 'resource' : flavor) : d.request.principalType === 'service' ? keptConditions(w, d, address, 'resource') : undefined;
  if (condition) stmt.Condition = condition;
  return stmt;
}

/** The inline identity policy a new statement goes into: the principal's first one, or a new one. */
function identityAddress(p: Principal, base: string): PolicyAddress {
  if (p.type === 'iam-user' || p.type === 'iam-role') {
    const first = p.policies[0];
    if (first) return { kind: 'inline', principalId: p.id, name: first.name };
    const names = new Set(p.policies.map((x) => x.name));
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base}${n}`;
    return { kind: 'inline', principalId: p.id, name };
  }
  return { kind: 'inline', principalId: p.id, name: base };
}

/** Why a change to an organization policy may be out of reach, or undefined when the scenario holds its management account. */
function orgBlocker(w: Work, orgId: string, step: string, stage: StageTrace['stage']): Blocker | undefined {
  const org = w.scenario.organizations.find((o) => o.id === orgId);
  if (!org) return { step, stage, text: 'The organization whose policy decides is not in the scenario.' };
  if (w.scenario.accounts.some((a) => a.id === org.managementAccountId)) return undefined;
  return {
    step,
    stage,
    text: `Only the management account of ${org.name} (${org.managementAccountId}) can change its ${stage === 'rcp' ? 'RCPs' : 'SCPs'}, and that account is not in this scenario: ask its administrators, or change the request.`,
    source: PAGES.scpSyntax,
  };
}

/** What no policy in the scenario can change, in plain words, for the reasons that say so. */
function ruleBlocker(d: Decision, step: string): Blocker | undefined {
  const r = d.request;
  switch (d.reason) {
    case 'root-cannot-assume-role':
      return { step, stage: 'resource', text: `The root user of ${r.principalAccount ?? 'an account'} cannot call AssumeRole — STS requires the credentials of an IAM user or role. No policy changes that: draw the AssumeRole from a user or role of that account.`, source: PAGES.assumeRole };
    case 'kms-operation-not-cross-account':
      return { step, stage: 'resource', text: `${r.action} works only within the key's own account; no key policy lets another account call it. Call it from account ${r.resourceAccount ?? ''}, or use an operation that works across accounts.`, source: PAGES.kmsCrossAccount };
    case 'service-linked-role-protected':
      return { step, stage: 'aws-rule', text: `${r.resourceLabel} is a service-linked role: only the service that depends on it can change or delete it. No policy can allow ${r.action}.`, source: PAGES.serviceLinked };
    case 'aws-managed-policy-protected':
      return { step, stage: 'aws-rule', text: `${r.resourceLabel} is an AWS managed policy: AWS alone changes it. No policy can allow ${r.action}; copy it into a customer managed policy instead.`, source: PAGES.awsManaged };
    case 'aws-managed-alias-reserved':
      return { step, stage: 'aws-rule', text: `Aliases under alias/aws/ are reserved for AWS managed keys. No policy can allow ${r.action} on ${r.resourceLabel}; choose an alias outside alias/aws/.`, source: PAGES.alias };
    default:
      return undefined;
  }
}

/** The failing gates of a denied decision, for the list above the proposals. */
function gatesOf(d: Decision, step: string): FailingGate[] {
  if (d.reason === 'explicit-deny') {
    const denies = d.deciding.filter((x) => x.effect === 'Deny');
    const names = [...new Set(denies.map((x) => `${x.sid ? `"${x.sid}"` : `statement ${x.index + 1}`} in ${x.source.name}`))];
    return [{ step, stage: d.failedStage ?? 'explicit-deny', side: d.failedSides?.[0]?.side ?? 'principal', ...(d.failedAccount !== undefined ? { account: d.failedAccount } : {}), reason: d.reason, text: `Explicit Deny: ${names.join(', ')}`, statements: denies }];
  }
  return (d.failedSides ?? []).map((f) => {
    const stage = d.stages.find((s) => s.stage === f.stage && s.side === f.side) ?? d.stages.find((s) => s.stage === f.stage);
    return { step, stage: f.stage, side: f.side, ...(f.account !== undefined ? { account: f.account } : {}), reason: d.reason, text: stage ? `${stage.title}: ${stage.note ?? 'allows nothing for this request'}` : d.summary, statements: [] };
  });
}

/** The strategies, in the order they are tried; each changes how one kind of gate is answered. */
const ALLOW_STRATEGIES = ['narrowest', 'deny-principal', 'deny-resource', 'deny-action', 'resource-side', 'widen-condition'] as const;
type AllowStrategy = (typeof ALLOW_STRATEGIES)[number];
const DENY_STRATEGIES = ['remove-action', 'add-condition', 'add-deny'] as const;
type DenyStrategy = (typeof DENY_STRATEGIES)[number];

/** The condition that exempts this requester from a statement (or, added to an Allow, leaves it out). */
function requesterCondition(d: Decision, subject: Subject): { operator: string; key: string; value: string; who: string } {
  const ctx = d.request.context;
  if (d.request.principalType === 'service') {
    const source = ctx['aws:SourceArn'];
    if (typeof source === 'string') return { operator: 'ArnNotEquals', key: 'aws:SourceArn', value: source, who: `${d.request.principal} acting for ${source}` };
    return { operator: 'StringNotEquals', key: 'aws:PrincipalServiceName', value: d.request.principal, who: d.request.principal };
  }
  // aws:PrincipalArn is the role's ARN for a role session (IAM User Guide: AWS global condition context keys —
  // aws:PrincipalArn), so one value covers the role's sessions.
  const arn = subject.principal ? principalArn(subject.principal) : d.request.principal;
  return { operator: 'ArnNotEquals', key: 'aws:PrincipalArn', value: arn, who: subject.principal?.name ?? d.request.principalLabel };
}

/** Whether the policy at `a` applies to this principal alone (its own inline policy, or this edge's session policy). */
function ownPolicy(a: PolicyAddress, subject: Subject, edgeId: string): boolean {
  return ((a.kind === 'inline' || a.kind === 'boundary') && a.principalId === subject.principal?.id) || (a.kind === 'session' && a.edgeId === edgeId);
}

/** Narrows the first Deny that decides, by the strategy (falling back to the exemption that always applies). */
function narrowDeny(w: Work, d: Decision, subject: Subject, strategy: AllowStrategy, edgeId: string): Blocker | true {
  const ref = d.deciding.find((x) => x.effect === 'Deny');
  const at = ref ? statementAt(w, ref) : undefined;
  if (!ref || !at) return { step: subject.label, stage: d.failedStage ?? 'explicit-deny', text: 'The Deny that decides could not be found in the scenario.' };
  if (isAwsManaged(w.scenario, at.address)) {
    return { step: subject.label, stage: d.failedStage ?? 'explicit-deny', text: `The Deny is in ${title(w, at.address)}, which only AWS can change: detach it from ${subject.principal?.name ?? 'the principal'} or attach a narrower copy as a customer managed policy.`, source: PAGES.awsManaged };
  }
  if (at.address.kind === 'org') {
    const blocked = orgBlocker(w, at.address.organizationId, subject.label, d.failedStage ?? 'scp');
    if (blocked) return blocked;
  }
  const { action, resource } = d.request;
  const s = at.statement;
  const ex = requesterCondition(d, subject);
  const exempt = withConditionValue(s, ex.operator, ex.key, ex.value);
  const name = ref.sid ? `"${ref.sid}"` : `statement ${ref.index + 1}`;
  const own = ownPolicy(at.address, subject, edgeId);
  const onlyThis = namesOnly(s, 'Action', action) && namesOnly(s, 'Resource', resource);
  const stage = d.failedStage ?? 'explicit-deny';
  const apply = (replacement: Json[], what: string, scope: ProposalScope, tactic: string): true | Blocker =>
    editPolicy(w, at.address, replaceStatement(at.doc, at.index, replacement), what, stage, scope, tactic) ? true : { step: subject.label, stage, text: 'The Deny could not be edited.' };
  const byAction = excludeAction(s, action);
  const byResource = excludeResource(s, resource);
  if (strategy === 'deny-action' && byAction) {
    const rest = 'statement' in byAction ? [byAction.statement] : [];
    return apply(rest, `Stops Deny ${name} from denying ${action} (for everyone it covers).`, own && namesOnly(s, 'Resource', resource) ? 'exact' : 'wider', 'Take the action out of a Deny');
  }
  if (strategy === 'deny-resource' && byResource) {
    const rest = 'statement' in byResource ? [byResource.statement] : [];
    return apply(rest, `Stops Deny ${name} from denying anything on ${resource} (for everyone it covers).`, own && namesOnly(s, 'Action', action) ? 'exact' : 'wider', 'Take the resource out of a Deny');
  }
  if (strategy === 'narrowest' && !onlyThis && !own) {
    // Exactly this request: the statement stays for everyone else (the requester's exemption), and for the
    // requester it keeps every other action and every other resource. A Deny applies when all its elements
    // match, so "everything but this request" is the union of three statements (IAM: Policy evaluation
    // logic — an explicit deny in any statement denies).
    const parts: Json[] = [exempt];
    if (!namesOnly(s, 'Action', action)) {
      if (!byAction) return narrowDeny(w, d, subject, 'deny-principal', edgeId);
      if ('statement' in byAction) parts.push({ ...byAction.statement, Sid: freshSid({ Statement: [...statementsOf(at.doc), ...parts] } as PolicyDocument, `${String(s.Sid ?? 'Deny')}OtherActions`) });
    }
    if (!namesOnly(s, 'Resource', resource)) {
      if (!byResource) return narrowDeny(w, d, subject, 'deny-principal', edgeId);
      if ('statement' in byResource) parts.push({ ...byResource.statement, Sid: freshSid({ Statement: [...statementsOf(at.doc), ...parts] } as PolicyDocument, `${String(s.Sid ?? 'Deny')}OtherResources`) });
    }
    return apply(parts, `Exempts only ${ex.who}'s ${action} on ${resource} from Deny ${name}; it still denies everyone else, and every other action and resource it names.`, 'exact', 'Exempt exactly this request from a Deny');
  }
  if (own && strategy === 'narrowest') {
    // The principal's own policy: its Deny concerns only it, so dropping the action (or the resource) is exact.
    if (byAction && namesOnly(s, 'Resource', resource)) return apply('statement' in byAction ? [byAction.statement] : [], `Stops Deny ${name} from denying ${action}.`, 'exact', 'Take the action out of the principal’s own Deny');
    if (byResource && namesOnly(s, 'Action', action)) return apply('statement' in byResource ? [byResource.statement] : [], `Stops Deny ${name} from denying ${action} on ${resource}.`, 'exact', 'Take the resource out of the principal’s own Deny');
  }
  return apply([exempt], `Exempts ${ex.who} from Deny ${name} (${ex.operator} ${ex.key}); it still denies everyone else.`, onlyThis ? 'exact' : 'wider', 'Exempt the requester from a Deny');
}

/** The actions of the edge's denied steps that fail like this one (same resource ARN): one statement for them all. */
function sameGateActions(w: Work, edgeId: string, d: Decision): string[] {
  const out = new Set<string>([d.request.action]);
  for (const x of decisionsOf(w, edgeId)) {
    if (!x.allowed && x.decision.request.resource === d.request.resource && x.decision.request.principal === d.request.principal && x.decision.reason === d.reason) out.add(x.decision.request.action);
  }
  return [...out];
}

/** The actions of the edge's allowed steps on the same resource as this one (one Deny, or one removal, for them all). */
function sameStepsAllowed(w: Work, edgeId: string, d: Decision): string[] {
  const out = new Set<string>([d.request.action]);
  for (const x of decisionsOf(w, edgeId)) {
    if (x.allowed && x.decision.request.resource === d.request.resource && x.decision.request.principal === d.request.principal) out.add(x.decision.request.action);
  }
  return [...out];
}

/** Adds an Allow for the request to the policy at the failing stage (or the alternative the strategy names). */
function allowAtGate(w: Work, d: Decision, subject: Subject, strategy: AllowStrategy, edgeId: string): Blocker | true {
  const step = subject.label;
  const reason = d.reason;
  if (reason === 'explicit-deny') return narrowDeny(w, d, subject, strategy, edgeId);
  const rule = ruleBlocker(d, step);
  if (rule) return rule;
  const { action, resource } = d.request;
  if (reason === 'rcp-no-allow' || reason === 'scp-no-allow') {
    const kind = reason === 'rcp-no-allow' ? 'rcp' : 'scp';
    const account = kind === 'rcp' ? d.request.resourceAccount : d.request.principalAccount;
    const org = w.scenario.organizations.find((o) => w.scenario.accounts.some((a) => a.id === account && a.organizationId === o.id));
    if (!org) return { step, stage: kind, text: 'The organization could not be found.' };
    const blocked = orgBlocker(w, org.id, step, kind);
    if (blocked) return blocked;
    const stage = d.stages.find((s) => s.stage === kind);
    const level = stage?.levels?.find((l) => !l.allowed);
    if (!level) return { step, stage: kind, text: 'The level that allows nothing could not be found.' };
    const target = level.target === 'root' ? org.rootId : level.target;
    const attached = org.policies.filter((p) => p.type === kind && p.targets.includes(target));
    if (kind === 'rcp') {
      // Only RCPFullAWSAccess may Allow; AWS attaches it everywhere and it cannot be detached, so a level
      // without it is a drawing that AWS would not allow: attach it.
      const full = org.policies.find((p) => p.type === 'rcp' && p.name === 'RCPFullAWSAccess');
      const what = `Attaches RCPFullAWSAccess to ${level.label}: AWS attaches it to every root, OU and account and it cannot be detached (${PAGES.rcpSyntax}).`;
      if (full) return orgChange(w, { type: 'attach-org-policy', organizationId: org.id, policyId: full.id, target }, what, 'rcp', 'Attach RCPFullAWSAccess') ? true : { step, stage: 'rcp', text: 'RCPFullAWSAccess could not be attached.' };
      const policy = { id: `${org.id}-rcp-full`, name: 'RCPFullAWSAccess', type: 'rcp' as const, targets: [target], document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] } };
      return orgChange(w, { type: 'add-org-policy', organizationId: org.id, policy }, what, 'rcp', 'Attach RCPFullAWSAccess') ? true : { step, stage: 'rcp', text: 'RCPFullAWSAccess could not be added.' };
    }
    const actions = sameGateActions(w, edgeId, d);
    const stmt = (doc: PolicyDocument | undefined): Json => ({ Sid: freshSid(doc, `Allow ${actions.length === 1 ? actionName(action) : 'Access'} On ${d.request.resourceLabel}`), Effect: 'Allow', Action: actions.length === 1 ? action : actions, Resource: resource });
    const first = attached[0];
    if (first) {
      const address: PolicyAddress = { kind: 'org', organizationId: org.id, policyId: first.id };
      const doc = first.document;
      return editPolicy(w, address, addStatement(doc, stmt(doc)), `Lets ${actions.join(', ')} on ${resource} through the SCPs at ${level.label} (for every principal there whose own policies allow it).`, 'scp', 'wider', 'Let it through the SCPs') ? true : { step, stage: 'scp', text: 'The SCP could not be edited.' };
    }
    const id = `${org.id}-scp-allow-${actionName(action).toLowerCase()}`;
    const policy = { id, name: `Allow${actionName(action)}`, type: 'scp' as const, targets: [target], document: { Version: '2012-10-17', Statement: [stmt(undefined)] } };
    return orgChange(w, { type: 'add-org-policy', organizationId: org.id, policy }, `Adds an SCP at ${level.label} that lets ${actions.join(', ')} on ${resource} through.`, 'scp', 'Let it through the SCPs') ? true : { step, stage: 'scp', text: 'The SCP could not be added.' };
  }
  const failed = d.failedSides?.[0];
  const stage = failed?.stage ?? d.failedStage;
  if (stage === 'resource') return allowOnResourceSide(w, d, subject, strategy, edgeId);
  if (stage === 'identity') {
    const p = subject.principal;
    if (!p || (p.type !== 'iam-user' && p.type !== 'iam-role')) return { step, stage, text: 'Only IAM users and roles have identity policies.' };
    const sameAccount = !d.crossAccount;
    const resourceAddr = subject.resourceAddress;
    if (strategy === 'resource-side' && sameAccount && resourceAddr.kind === 'resource' && hasResourcePolicyType(w.scenario, resourceAddr.resourceId)) {
      // In one account a resource policy that names the principal is enough on its own (IAM: Policy evaluation
      // for requests within a single account).
      return allowOnResourceSide(w, d, subject, strategy, edgeId);
    }
    const address = identityAddress(p, `Allow${actionName(action)}`);
    const doc = policyAt(w.scenario, address);
    const actions = sameGateActions(w, edgeId, d);
    const stmt = allowStatement(w, doc, subject, d, actions, 'identity', address);
    return editPolicy(w, address, addStatement(doc, stmt), `Allows ${actions.join(', ')} on ${resource} for ${p.name}${d.crossAccount ? ' — its own account must allow a cross-account request too' : ''}.`, 'identity', 'exact', 'Add an Allow for exactly this request') ? true : { step, stage, text: 'The identity policy could not be edited.' };
  }
  if (stage === 'boundary' || stage === 'session') {
    const st = d.stages.find((s) => s.stage === stage);
    const source = st?.policies[0]?.source;
    const address = source ? addressOf(w.scenario, source) : undefined;
    if (!address) return { step, stage, text: `The ${stage === 'boundary' ? 'permissions boundary' : 'session policy'} could not be found.` };
    if (isAwsManaged(w.scenario, address)) return { step, stage, text: `The permissions boundary is ${title(w, address)}, which only AWS can change: set a customer managed boundary that allows ${action}.`, source: PAGES.awsManaged };
    const doc = policyAt(w.scenario, address);
    const actions = sameGateActions(w, edgeId, d);
    const stmt = allowStatement(w, doc, subject, d, actions, 'identity', address);
    const shared = address.kind === 'managed';
    return editPolicy(w, address, addStatement(doc, stmt), `Lets ${actions.join(', ')} on ${resource} through the ${stage === 'boundary' ? 'permissions boundary' : 'session policy'}${shared ? ' (a managed policy: every principal it bounds gains it too)' : ''}.`, stage, shared ? 'wider' : 'exact', 'Add an Allow for exactly this request') ? true : { step, stage, text: 'The policy could not be edited.' };
  }
  return { step, ...(stage ? { stage } : {}), text: d.summary };
}

function hasResourcePolicyType(s: Scenario, resourceId: string): boolean {
  const r = s.resources.find((x) => x.id === resourceId);
  return !!r && RESOURCE_TYPES[r.type].policyName !== undefined;
}

function allowOnResourceSide(w: Work, d: Decision, subject: Subject, strategy: AllowStrategy, edgeId: string): Blocker | true {
  const step = subject.label;
  const address = subject.resourceAddress;
  const { action, resource } = d.request;
  if (address.kind === 'resource' && !hasResourcePolicyType(w.scenario, address.resourceId)) {
    return { step, stage: 'resource', text: `${d.request.resourceLabel} has no resource-based policy, so nothing on its side can admit ${d.request.principalLabel}: reach it through a role in its account (${d.request.resourceAccount ?? ''}).`, source: PAGES.crossAccount };
  }
  const doc = policyAt(w.scenario, address);
  if (strategy === 'widen-condition' && doc) {
    // The statement written for this requester whose condition fails: one more accepted value.
    const st = d.stages.find((x) => x.stage === 'resource');
    for (const p of st?.policies ?? []) {
      for (const t of p.statements) {
        if (t.effect !== 'Allow' || !t.action.matched || !t.resource.matched || t.principal?.matched === false || t.conditionsMatched) continue;
        const miss = t.conditions.filter((c) => !c.matched);
        // Every failing condition must be one the request's own value can join: a positive operator on a key the
        // request carries once (a negated operator or a missing key cannot be widened that way).
        const widenable = miss.every((c) => c.requestValues?.length === 1 && !/Not|^Null$|^Bool|IfExists$|:/.test(c.operator));
        const raw = statementsOf(doc)[t.index];
        if (miss.length === 0 || !widenable || !raw) continue;
        const name = t.sid ? `"${t.sid}"` : `statement ${t.index + 1}`;
        const widened = miss.reduce((st, c) => withConditionValue(st, c.operator, c.key, (c.requestValues as readonly string[])[0] as string), raw);
        const values = miss.map((c) => `${c.key} ${(c.requestValues as readonly string[])[0]}`).join(', ');
        return editPolicy(w, address, replaceStatement(doc, t.index, [widened]), `Widens ${name}'s condition to accept ${values} too (everyone the statement names gains it).`, 'resource', 'wider', 'Widen the condition written for it') ? true : { step, stage: 'resource', text: 'The policy could not be edited.' };
      }
    }
  }
  const flavor = address.kind === 'trust' ? 'trust' : w.scenario.resources.find((r) => r.id === (address as { resourceId: string }).resourceId)?.type === 'kms-key' ? 'key' : 'resource';
  const actions = address.kind === 'trust' ? [action] : sameGateActions(w, edgeId, d);
  const stmt = allowStatement(w, doc, subject, d, actions, flavor, address);
  const who = subject.principal?.name ?? d.request.principalLabel;
  const what = flavor === 'trust' ? `Lets ${who} assume the role.` : `Admits ${who} for ${actions.join(', ')} on ${flavor === 'key' ? `this key (${PAGES.keyPolicy})` : resource}.`;
  return editPolicy(w, address, addStatement(doc, stmt), what, 'resource', 'exact', 'Add an Allow for exactly this request') ? true : { step, stage: 'resource', text: 'The policy could not be edited.' };
}

/** Makes an allowed step denied, by the strategy. */
function denyStep(w: Work, d: Decision, subject: Subject, strategy: DenyStrategy, edgeId: string): Blocker | true | false {
  const step = subject.label;
  if (d.reason === 'allowed-no-permission-needed') return { step, stage: 'aws-rule', text: `${d.request.action} needs no permission: no policy can deny it.`, source: PAGES.getCallerIdentity };
  const { action, resource } = d.request;
  const allows = d.deciding.filter((x) => x.effect === 'Allow');
  const actions = sameStepsAllowed(w, edgeId, d);
  if (strategy === 'remove-action') {
    for (const ref of allows) {
      const at = statementAt(w, ref);
      if (!at || isAwsManaged(w.scenario, at.address)) continue;
      if (at.address.kind === 'org' && orgBlocker(w, at.address.organizationId, step, 'scp')) continue;
      let ex: ReturnType<typeof excludeAction> = { statement: at.statement };
      for (const a of actions) ex = ex && 'statement' in ex ? excludeAction(ex.statement, a) : ex;
      if (!ex) continue;
      const name = ref.sid ? `"${ref.sid}"` : `statement ${ref.index + 1}`;
      const exact = namesOnly(at.statement, 'Resource', resource) && (ownPolicy(at.address, subject, edgeId) || at.address.kind === 'resource' || at.address.kind === 'trust');
      return editPolicy(w, at.address, replaceStatement(at.doc, at.index, 'statement' in ex ? [ex.statement] : []), `Drops ${actions.join(', ')} from ${name} of ${title(w, at.address)}.`, ref.source.kind === 'identity' ? 'identity' : 'resource', exact ? 'exact' : 'wider', 'Drop the action from a grant');
    }
    return false;
  }
  if (strategy === 'add-condition') {
    for (const ref of allows) {
      const at = statementAt(w, ref);
      if (!at || isAwsManaged(w.scenario, at.address)) continue;
      if (at.address.kind === 'org') continue;
      const ex = requesterCondition(d, subject);
      const operator = ex.operator;
      const name = ref.sid ? `"${ref.sid}"` : `statement ${ref.index + 1}`;
      return editPolicy(w, at.address, replaceStatement(at.doc, at.index, [withConditionValue(at.statement, operator, ex.key, ex.value)]), `Adds ${operator} ${ex.key} ${ex.value} to ${name} of ${title(w, at.address)}: it no longer applies to ${ex.who}.`, ref.source.kind === 'identity' ? 'identity' : 'resource', 'wider', 'Add a condition to a grant');
    }
    return false;
  }
  // An explicit Deny of exactly this request: it wins over every Allow (IAM: Policy evaluation logic).
  const p = subject.principal;
  if (p && (p.type === 'iam-user' || p.type === 'iam-role')) {
    const address = identityAddress(p, `Deny${actionName(action)}`);
    const doc = policyAt(w.scenario, address);
    const stmt = allowStatement(w, doc, subject, d, actions, 'identity', address, 'Deny');
    return editPolicy(w, address, addStatement(doc, stmt), `Adds a Deny of ${actions.join(', ')} on ${resource} to ${p.name}'s own policy.`, 'identity', 'exact', 'Add a Deny of exactly this request');
  }
  const address = subject.resourceAddress;
  if (address.kind === 'resource' && !hasResourcePolicyType(w.scenario, address.resourceId)) return false;
  const doc = policyAt(w.scenario, address);
  const flavor = address.kind === 'trust' ? 'trust' : w.scenario.resources.find((r) => r.id === (address as { resourceId: string }).resourceId)?.type === 'kms-key' ? 'key' : 'resource';
  const stmt = allowStatement(w, doc, subject, d, flavor === 'trust' ? [action] : actions, flavor, address, 'Deny');
  // Naming an account's root ARN names every principal of the account; the root user alone is the one whose
  // aws:PrincipalArn is that ARN (IAM User Guide: AWS global condition context keys — aws:PrincipalArn).
  if (d.request.principalType === 'root') stmt.Condition = { ArnEquals: { 'aws:PrincipalArn': d.request.principal } };
  return editPolicy(w, address, addStatement(doc, stmt), `Adds a Deny of ${(flavor === 'trust' ? [action] : actions).join(', ')} for ${d.request.principalLabel} to ${title(w, address)}.`, 'resource', 'exact', 'Add a Deny of exactly this request');
}

function proposalOf(base: { scenario: Scenario; evaluation: ScenarioEvaluation }, w: Work, edgeId: string, strategy: string): Proposal | undefined {
  const changes: ProposedChange[] = [];
  for (const p of w.pending.values()) {
    if (JSON.stringify(p.before) === JSON.stringify(p.after)) continue;
    const beforeText = policyText(p.before);
    const afterText = policyText(p.after);
    const account = policyAccount(base.scenario, p.address);
    changes.push({
      change: { type: 'policy', address: p.address, before: p.before, after: p.after },
      diff: { title: policyTitle(base.scenario, p.address), address: p.address, ...(account !== undefined ? { account } : {}), beforeText, afterText, rows: sideBySide(beforeText, afterText) },
      what: p.what.join(' '),
      stage: p.stage,
      scope: p.scope,
    });
  }
  for (const o of w.org) {
    if (o.change.type !== 'attach-org-policy' && o.change.type !== 'add-org-policy') continue;
    const orgId = o.change.organizationId;
    const policyId = o.change.type === 'attach-org-policy' ? o.change.policyId : o.change.policy.id;
    const org = w.scenario.organizations.find((x) => x.id === orgId);
    const before = base.scenario.organizations.find((x) => x.id === orgId)?.policies.find((x) => x.id === policyId);
    const after = org?.policies.find((x) => x.id === policyId);
    const show = (p: typeof after): string => (p ? `${JSON.stringify({ name: p.name, type: p.type, targets: p.targets, document: p.document }, null, 2)}\n` : '');
    const address: PolicyAddress = { kind: 'org', organizationId: orgId, policyId };
    changes.push({
      change: o.change,
      diff: { title: policyTitle(w.scenario, address), address, ...(org ? { account: org.managementAccountId } : {}), beforeText: show(before), afterText: show(after), rows: sideBySide(show(before), show(after)) },
      what: o.what,
      stage: o.stage,
      scope: 'wider',
    });
  }
  if (changes.length === 0) return undefined;
  const after = w.evaluation.edges.get(edgeId);
  const sideEffects = edgeChanges(base.scenario, base.evaluation, w.scenario, w.evaluation).filter((c) => c.id !== edgeId);
  const scope: ProposalScope = changes.every((c) => c.scope === 'exact') ? 'exact' : 'wider';
  const accounts = [...new Set(changes.map((c) => c.diff.account).filter((a): a is string => a !== undefined))];
  const notes = [...w.notes];
  if (accounts.length > 1) notes.push(`Changes in ${accounts.length} accounts (${accounts.join(', ')}): each account's administrators make their own.`);
  // A managed policy or a group's policy is one document for everyone it is attached to: say who, beside
  // the side effects (which list only the drawn edges it changes).
  for (const c of changes) {
    const reach = reachedBy(base.scenario, c.diff.address);
    if (!reach || reach.principals.length + reach.groups.length < 2) continue;
    const who = [...reach.principals, ...reach.groups.map((g) => `group ${g}`)];
    notes.push(c.diff.address.kind === 'group' ? `${c.diff.title} applies to every member of the group (${listed(who)}): the change reaches each of them.` : `${c.diff.title} is attached to ${listed(who)}: the change reaches each of them.`);
  }
  const titles = changes.map((c) => c.diff.title);
  return {
    id: `${strategy}:${changes.map((c) => JSON.stringify(c.change)).join('|').length}:${titles.join('|')}`,
    title: `${w.tactics.join(' + ') || 'Change'}: ${titles.join('; ')}`,
    strategy,
    scope,
    changes,
    edgeAfter: after?.status ?? 'invalid',
    sideEffects,
    notes,
  };
}


/** "a", "a and b", "a, b and c"; past six names, "a, b, c, d, e, f and 4 more". */
function listed(names: readonly string[]): string {
  const shown = names.length > 7 ? [...names.slice(0, 6), `${names.length - 6} more`] : names;
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1] ?? ''}`;
}

/** Whether the edge has reached the goal (all its steps allowed, or — with `action` — that step denied). */
function done(w: Work, edgeId: string, direction: 'allow' | 'deny', action: string | undefined): boolean {
  const r = w.evaluation.edges.get(edgeId);
  if (!r) return false;
  if (direction === 'allow') return r.status === 'allowed';
  const steps = action === undefined ? r.steps : r.steps.filter((s) => s.label === action);
  // An edge is denied once any of its steps is: EventBridge's delivery needs both, an access edge's actions
  // are each a request ("should be denied" means every action).
  if (r.kind === 'target') return r.steps.some((s) => !s.verdict.allowed);
  return steps.length > 0 && steps.every((s) => !s.verdict.allowed);
}

/** At most this many repairs per proposal: every gate of every step of an edge, with room to spare. */
const MAX_ROUNDS = 12;

/**
 * Proposals that change `edgeId`'s decision: `allow` for a denied edge (every failing gate answered with the
 * narrowest statement, or the Deny that blocks it narrowed), `deny` for an allowed edge the user says should
 * be denied (optionally one action of it). Best first: changes nothing else, then narrowest, then fewest
 * changes. What no change inside the scenario can fix is returned as blockers, in plain words.
 */
export function proposeFixes(scenario: Scenario, evaluation: ScenarioEvaluation, edgeId: string, direction: 'allow' | 'deny', action?: string): EdgeProposals {
  const r = evaluation.edges.get(edgeId);
  const label = edgeLabel(scenario, edgeId);
  const empty = (status: EdgeStatus, notes: string[], blockers: Blocker[] = []): EdgeProposals => ({ edgeId, direction, status, label, gates: [], proposals: [], blockers, notes });
  if (!r) return empty('invalid', ['This edge is not in the scenario.']);
  if (r.steps.length === 0) return empty(r.status, [], [{ step: label, text: r.summary }]);
  const memo: Work['memo'] = new Map();
  const base: Work = { scenario, evaluation, pending: new Map(), org: [], notes: [], tactics: [], trail: '', memo };
  if (done(base, edgeId, direction, action)) return empty(r.status, [direction === 'allow' ? 'This edge is already allowed.' : 'This edge is already denied.']);
  const labels = r.steps.map((s) => s.label);
  const subjects = subjectsOf(scenario, edgeId, labels);
  const first = decisionsOf(base, edgeId);
  const gates = direction === 'allow' ? first.flatMap((x, i) => (x.allowed ? [] : gatesOf(x.decision, labels[i] as string))) : [];
  const blockers: Blocker[] = [];
  const proposals: Proposal[] = [];
  const seen = new Set<string>();
  const strategies: readonly string[] = direction === 'allow' ? ALLOW_STRATEGIES : DENY_STRATEGIES;
  // A strategy that changes how a kind of gate is answered is tried only when the edge meets that kind of
  // gate; otherwise it would build the narrowest proposal again. An explicit Deny is decided first, so when
  // none matches now none will after an Allow is added; what a narrowed Deny uncovers is met in its round.
  const anyDeny = first.some((x) => !x.allowed && x.decision.reason === 'explicit-deny');
  const relevant = (strategy: string): boolean => {
    if (direction === 'deny' || strategy === 'narrowest') return true;
    if (anyDeny) return true;
    if (strategy === 'resource-side') return first.some((x) => !x.allowed && !x.decision.crossAccount && x.decision.failedStage === 'identity');
    if (strategy === 'widen-condition') return first.some((x) => !x.allowed && x.decision.stages.some((st) => st.stage === 'resource' && st.policies.some((p) => p.statements.some((t) => t.effect === 'Allow' && t.action.matched && t.resource.matched && !t.conditionsMatched))));
    return false;
  };
  for (const strategy of strategies) {
    if (!relevant(strategy)) continue;
    const w: Work = { scenario, evaluation, pending: new Map(), org: [], notes: [], tactics: [], trail: '', memo };
    let blocked: Blocker | undefined;
    let gaveUp = false;
    for (let round = 0; round < MAX_ROUNDS && !done(w, edgeId, direction, action); round++) {
      const ds = decisionsOf(w, edgeId);
      const at = ds.findIndex((x, i) => (direction === 'allow' ? !x.allowed : x.allowed && (action === undefined || labels[i] === action)));
      const x = ds[at];
      const subject = subjects[at];
      if (!x || !subject) {
        gaveUp = true;
        break;
      }
      const outcome = direction === 'allow' ? allowAtGate(w, x.decision, subject, strategy as AllowStrategy, edgeId) : denyStep(w, x.decision, subject, strategy as DenyStrategy, edgeId);
      if (outcome === true) continue;
      if (outcome === false) gaveUp = true;
      else blocked = outcome;
      break;
    }
    if (blocked) {
      if (!blockers.some((b) => b.text === blocked.text)) blockers.push(blocked);
      continue;
    }
    if (gaveUp || !done(w, edgeId, direction, action)) continue;
    const p = proposalOf({ scenario, evaluation }, w, edgeId, strategy);
    if (!p) continue;
    const key = JSON.stringify(p.changes.map((c) => c.change));
    if (seen.has(key)) continue;
    seen.add(key);
    proposals.push(p);
  }
  const order = new Map(strategies.map((s, i) => [s, i]));
  proposals.sort((a, b) => a.sideEffects.length - b.sideEffects.length || (a.scope === b.scope ? 0 : a.scope === 'exact' ? -1 : 1) || a.changes.length - b.changes.length || (order.get(a.strategy) ?? 0) - (order.get(b.strategy) ?? 0));
  const notes: string[] = [];
  if (proposals.length > 0 && proposals.every((p) => p.sideEffects.length > 0)) notes.push('Every proposal changes the decision of another edge too: read the side effects before applying one.');
  if (proposals.length === 0 && blockers.length === 0) notes.push('No change found that decides this edge the other way.');
  return { edgeId, direction, status: r.status, label, gates, proposals, blockers: proposals.length > 0 ? [] : blockers, notes };
}

export { PAGES };
