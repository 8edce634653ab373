import type { Account, Organization, Principal, Resource, Scenario } from '../../model';
import { decideRequest, decideResolved, evaluateRequest, evaluateResolved, type Verdict } from '../evaluate/evaluate';
import { resolveResource } from '../evaluate/resolve';
import type { PrincipalIdentity } from '../policy/principal';
import type { RequestContext, SourcedPolicy } from '../policy/types';
import type { Decision } from '../trace';
import type { PrincipalEntity, Request, ResourceEntity, World } from '../world';
import { buildWorld, type ScenarioWorld } from './buildWorld';
import { EdgeResults, EdgeSlots, type ResultSource } from './edgeResults';
import { accessRequests, accessResourceArns, assumeExtra, assumeRequest, edgeSessionPolicy, RequestContexts, targetRequests } from './requests';

/** How an edge is drawn: `mixed` when some actions of an access edge are allowed and others not. */
export type EdgeStatus = 'allowed' | 'explicit-deny' | 'implicit-deny' | 'mixed' | 'invalid';

/** One evaluated request of an edge: one action, the AssumeRole call, or one hop of an EventBridge delivery. */
export interface EvaluatedStep {
  /** Short label: the action, or "EventBridge assumes ExportRole". */
  readonly label: string;
  readonly request: Request;
  /** The decision alone (allowed, explicit or implicit deny, and the reason code), computed eagerly. */
  readonly verdict: Verdict;
  /**
   * The decision with its summary and stage outcomes, built on first read (it always agrees with
   * `verdict`); call `explainStep` for the statement-level trace.
   */
  readonly decision: Decision;
}

/**
 * A step whose full decision is built only when read: deciding 10,000 edges is fast, and explanations are
 * made for the edges someone looks at.
 */
class ScenarioStep implements EvaluatedStep {
  /** Built on first read; an own enumerable accessor (see below), so spreading a step copies it. */
  declare readonly decision: Decision;
  #built: Decision | undefined;
  /** The world the step is decided in. A later evaluation that reuses the step rebinds it to its world. */
  #world: World;
  /**
   * The request's principal and resource as `world` resolves them, when the step was made from entities
   * at hand (a drawn edge's): its decision then resolves no ARN again. Dropped on rebinding.
   */
  #resolved: { readonly principal: PrincipalEntity; readonly resource: ResourceEntity } | undefined;
  constructor(
    readonly label: string,
    readonly request: Request,
    readonly verdict: Verdict,
    world: World,
    resolved?: { readonly principal: PrincipalEntity; readonly resource: ResourceEntity },
  ) {
    this.#world = world;
    this.#resolved = resolved;
    Object.defineProperty(this, 'decision', DECISION);
  }
  /** The full decision, built once. */
  build(): Decision {
    if (this.#built === undefined) {
      const r = this.#resolved;
      this.#built = r ? evaluateResolved(this.#world, this.request, r.principal, r.resource) : evaluateRequest(this.#world, this.request);
      this.#resolved = undefined;
    }
    return this.#built;
  }
  /** Points a reused step at the current world, unless its decision is already built (old worlds can go). */
  rebind(world: World): void {
    if (!this.#built && world !== this.#world) {
      this.#world = world;
      this.#resolved = undefined;
    }
  }
}

function stepDecision(this: ScenarioStep): Decision {
  return this.build();
}

/** The accessor of every step's `decision` (one descriptor object for all). */
const DECISION: PropertyDescriptor = { get: stepDecision, enumerable: true };

export interface EdgeEvaluation {
  /** Edge id, or rule target id for EventBridge deliveries. */
  readonly id: string;
  readonly kind: 'access' | 'assume' | 'target';
  readonly status: EdgeStatus;
  /** One sentence for the whole edge (built on first read). */
  readonly summary: string;
  readonly steps: readonly EvaluatedStep[];
}

const NO_STEPS: readonly ScenarioStep[] = Object.freeze([]);

/**
 * One edge's or rule target's result. A drawn edge keeps only its verdicts (one per step, shared objects) and
 * what it was decided from: its requests and steps are made again when first read — exactly as they were
 * decided, from the same objects (a result is reused only when its inputs are the same objects) — so deciding
 * 10,000 edges keeps no request, context or step per decision. A rule target, or an edge that cannot be
 * decided, has its steps (if any) from the start.
 */
class ScenarioEdge implements EdgeEvaluation {
  /** Built on first read; own enumerable accessors, so spreading or serializing an edge result copies them. */
  declare readonly summary: string;
  declare readonly steps: readonly EvaluatedStep[];
  #text: string | undefined;
  readonly #describe: ((edge: ScenarioEdge) => string) | undefined;
  /** The drawn edge the steps are made from (none for rule targets and undecidable edges). */
  readonly #edge: ScenarioEdgeModel | undefined;
  /** One verdict per step, in order: the verdict itself for one step. */
  readonly #verdicts: Verdict | readonly Verdict[] | undefined;
  /** The evaluation whose world and request pieces make the steps (rebound when the result is reused). */
  #evaluator: Evaluator | undefined;
  #steps: readonly ScenarioStep[] | undefined;
  constructor(
    readonly id: string,
    readonly kind: EdgeEvaluation['kind'],
    readonly status: EdgeStatus,
    from: { readonly edge: ScenarioEdgeModel; readonly verdicts: Verdict | readonly Verdict[]; readonly evaluator: Evaluator } | { readonly steps: readonly ScenarioStep[] },
    describe: ((edge: ScenarioEdge) => string) | string,
  ) {
    if ('steps' in from) this.#steps = from.steps;
    else {
      this.#edge = from.edge;
      this.#verdicts = from.verdicts;
      this.#evaluator = from.evaluator;
    }
    if (typeof describe === 'string') this.#text = describe;
    else this.#describe = describe;
    Object.defineProperty(this, 'summary', SUMMARY);
    Object.defineProperty(this, 'steps', STEPS);
  }
  /** The one-sentence summary, built once. */
  describe(): string {
    return (this.#text ??= (this.#describe as (edge: ScenarioEdge) => string)(this));
  }
  /** The steps, made once. */
  stepList(): readonly ScenarioStep[] {
    if (this.#steps === undefined) {
      this.#steps = (this.#evaluator as Evaluator).steps(this.#edge as ScenarioEdgeModel, this.#verdicts as Verdict | readonly Verdict[]);
      this.#evaluator = undefined;
    }
    return this.#steps;
  }
  /** The verdict of each step, without making the steps. */
  verdict(i: number): Verdict | undefined {
    const v = this.#verdicts;
    if (v === undefined) return this.#steps?.[i]?.verdict;
    return Array.isArray(v) ? (v as readonly Verdict[])[i] : i === 0 ? (v as Verdict) : undefined;
  }
  /** Points a reused result at the evaluation that reuses it (old worlds can then go). */
  rebind(evaluator: Evaluator): void {
    if (this.#steps === undefined) {
      if (this.#evaluator !== undefined) this.#evaluator = evaluator;
    } else {
      for (const st of this.#steps) st.rebind(evaluator.world);
    }
  }
}

function edgeSummary(this: ScenarioEdge): string {
  return this.describe();
}

function edgeSteps(this: ScenarioEdge): readonly EvaluatedStep[] {
  return this.stepList();
}

const SUMMARY: PropertyDescriptor = { get: edgeSummary, enumerable: true };
const STEPS: PropertyDescriptor = { get: edgeSteps, enumerable: true };

export interface ScenarioEvaluation {
  readonly world: ScenarioWorld;
  readonly edges: ReadonlyMap<string, EdgeEvaluation>;
  /**
   * The objects each result was computed from (the edge or rule target, its endpoints, their accounts and
   * organizations), compared by reference on re-evaluation. Listed when read; the evaluation derives them
   * from `scenario` and `world`, so it keeps no copy per edge.
   */
  readonly inputs: ReadonlyMap<string, readonly unknown[]>;
  readonly stats: { readonly evaluated: number; readonly reused: number };
  /** The scenario evaluated (what the next evaluation compares itself with). */
  readonly scenario?: Scenario;
  /** For each principal and resource id, the edges and rule targets whose result depends on it (listed when read). */
  readonly dependents?: ReadonlyMap<string, readonly string[]>;
}

/**
 * The principals and resources that differ from `before` (by object), or `false` when the arrays differ in
 * shape (an entity added, removed or reordered), which calls for the full path.
 */
function changedIds(before: ReadonlyArray<{ readonly id: string }>, after: ReadonlyArray<{ readonly id: string }>, out: string[]): boolean {
  if (before === after) return true;
  if (before.length !== after.length) return false;
  for (let i = 0; i < after.length; i++) {
    const a = after[i] as { readonly id: string };
    const b = before[i] as { readonly id: string };
    if (a === b) continue;
    if (a.id !== b.id) return false;
    out.push(a.id);
  }
  return true;
}

function statusOf(verdicts: Verdict | readonly Verdict[]): EdgeStatus {
  if (!Array.isArray(verdicts)) {
    const v = verdicts as Verdict;
    return v.allowed ? 'allowed' : v.decision === 'explicit-deny' ? 'explicit-deny' : 'implicit-deny';
  }
  const list = verdicts as readonly Verdict[];
  if (list.length === 0) return 'invalid';
  let allowed = 0;
  let explicit = false;
  for (const v of list) {
    if (v.allowed) allowed++;
    else if (v.decision === 'explicit-deny') explicit = true;
  }
  if (allowed === list.length) return 'allowed';
  if (allowed > 0) return 'mixed';
  return explicit ? 'explicit-deny' : 'implicit-deny';
}

type ScenarioEdgeModel = Scenario['edges'][number];
type Rule = Scenario['rules'][number];
type Target = Rule['targets'][number];

/** How many objects an edge's result depends on (see `edgeInputs`, `targetInputs`). */
const INPUTS = 11;

const accountOf = (world: ScenarioWorld, accountId: string | undefined): Account | undefined => (accountId === undefined ? undefined : world.accountsById.get(accountId));
const orgOf = (world: ScenarioWorld, account: Account | undefined): Organization | undefined => (account?.organizationId ? world.orgsById.get(account.organizationId) : undefined);
const principalAccountId = (p: Principal | undefined): string | undefined => (p && p.type !== 'service' ? p.accountId : undefined);

/**
 * What an edge's result depends on, by reference, written into `out`: the edge, its principal, the
 * principal's account and organization, and its resource (or, for an AssumeRole edge, the role's name, path
 * and trust policy — not its permissions) with that account and organization. The principal is its engine
 * entity, which is rebuilt when the principal changes and also when a group or managed policy it inherits
 * from changes (`ScenarioWorld.relinked`).
 */
function edgeInputs(world: ScenarioWorld, edge: ScenarioEdgeModel, out: unknown[]): void {
  const entry = world.principalsById.get(edge.from);
  const p = entry?.model;
  const pa = accountOf(world, principalAccountId(p));
  out[0] = edge;
  out[1] = entry?.entity;
  out[2] = pa;
  out[3] = orgOf(world, pa);
  if (edge.kind === 'access') {
    const r = world.resourcesById.get(edge.to)?.model;
    const ra = accountOf(world, r?.accountId);
    out[4] = r;
    out[5] = undefined;
    out[6] = undefined;
    out[7] = ra;
    out[8] = orgOf(world, ra);
  } else {
    const role = world.principalsById.get(edge.to)?.model;
    const ra = accountOf(world, principalAccountId(role));
    const isRole = role?.type === 'iam-role';
    out[4] = isRole ? role.name : role;
    out[5] = isRole ? role.path : undefined;
    out[6] = isRole ? role.trustPolicy : undefined;
    out[7] = ra;
    out[8] = orgOf(world, ra);
  }
  out[9] = undefined;
  out[10] = undefined;
}

/** What a rule target's result depends on: the rule, the target, the bus, the target resource, the role, their accounts and organizations. */
function targetInputs(world: ScenarioWorld, rule: Rule, target: Target, out: unknown[]): void {
  const bus = world.resourcesById.get(rule.busId)?.model;
  const r = world.resourcesById.get(target.resourceId)?.model;
  const roleEntry = target.roleId !== undefined ? world.principalsById.get(target.roleId) : undefined;
  const role = roleEntry?.model;
  const ba = accountOf(world, bus?.accountId);
  const ra = accountOf(world, r?.accountId);
  // The role's account is the bus's account or another: its organization is reached through the role.
  const roleAccount = accountOf(world, principalAccountId(role));
  const other = roleAccount !== ba && roleAccount !== ra;
  out[0] = rule;
  out[1] = target;
  out[2] = bus;
  out[3] = ba;
  out[4] = orgOf(world, ba);
  out[5] = r;
  out[6] = ra;
  out[7] = orgOf(world, ra);
  // The role's entity: its permissions include its managed policies (see `edgeInputs`).
  out[8] = roleEntry?.entity;
  out[9] = other ? roleAccount : undefined;
  out[10] = other ? orgOf(world, roleAccount) : undefined;
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  for (let i = 0; i < INPUTS; i++) if (a[i] !== b[i]) return false;
  return true;
}

function fixed(id: string, kind: EdgeEvaluation['kind'], status: EdgeStatus, summary: string): ScenarioEdge {
  return new ScenarioEdge(id, kind, status, { steps: NO_STEPS }, summary);
}

/** The summary of an access edge: its one decision's, or which actions are allowed and why the others are not. */
function accessSummary(edge: ScenarioEdge): string {
  const steps = edge.steps;
  const firstDenied = steps.find((s) => !s.verdict.allowed);
  if (steps.length === 1 || edge.status === 'allowed' || !firstDenied) return steps[0]?.decision.summary ?? '';
  if (edge.status === 'mixed') return `Mixed: ${steps.map((s) => `${s.label} ${s.verdict.allowed ? 'allowed' : 'denied'}`).join(', ')}. ${firstDenied.decision.summary}`;
  return firstDenied.decision.summary;
}

function firstSummary(edge: ScenarioEdge): string {
  return edge.steps[0]?.decision.summary ?? '';
}

/**
 * What `resolveResource` gives for one of an access edge's ARNs: the resource's own entity when the ARN is
 * its own and no other resource has it, else whatever the world resolves the ARN to (an object, a method).
 */
function resourceFor(world: ScenarioWorld, arn: string, entity: ResourceEntity): ResourceEntity {
  return arn === entity.arn && world.resourceArnsUnique ? entity : resolveResource(world, arn);
}

/** Decides edges and rule targets of one scenario in one world, and makes their steps when they are read. */
class Evaluator {
  readonly contexts: RequestContexts;
  /**
   * The request being decided, set field by field for each decision of a drawn edge: decisions at verdict
   * detail keep nothing of their request, so one object serves them all (steps make their own when read).
   */
  readonly #scratch: { principal: string; action: string; resource: string; context: Record<string, string>; contextLookup: RequestContext | undefined; sessionPolicy: SourcedPolicy | undefined } = {
    principal: '',
    action: '',
    resource: '',
    context: {},
    contextLookup: undefined,
    sessionPolicy: undefined,
  };
  constructor(readonly world: ScenarioWorld) {
    this.contexts = new RequestContexts(world);
  }

  step(label: string, request: Request): ScenarioStep {
    return new ScenarioStep(label, request, decideRequest(this.world, request), this.world);
  }

  /** Decides one drawn edge or rule target. */
  decide(source: ResultSource): ScenarioEdge {
    return 'kind' in source ? this.edge(source) : this.target(source.rule, source.target);
  }

  /**
   * Decides a drawn edge, with its principal resolved once for all its requests. A request for the
   * resource's own ARN resolves to the resource's entity when no other resource has that ARN.
   */
  edge(edge: ScenarioEdgeModel): ScenarioEdge {
    const world = this.world;
    const p = world.principalsById.get(edge.from)?.model;
    const scratch = this.#scratch;
    if (edge.kind === 'access') {
      const entry = world.resourcesById.get(edge.to);
      if (!p || !entry) return fixed(edge.id, 'access', 'invalid', 'This edge has a missing endpoint.');
      const keys = this.contexts.principal(p);
      const entity = entry.entity;
      // What `accessRequests` makes when the steps are read, decided without making it.
      const arns = accessResourceArns(edge, entry.model, entity.arn);
      scratch.principal = keys.actingArn;
      scratch.contextLookup = this.contexts.decisionLookup(p, entry.model.accountId, edge.context);
      scratch.sessionPolicy = edgeSessionPolicy(edge, p);
      const actions = edge.actions;
      let verdicts: Verdict | Verdict[];
      if (actions.length === 1) verdicts = this.decideAction(actions[0] as string, arns[0] as string, entity, keys);
      else {
        verdicts = new Array<Verdict>(actions.length);
        for (let i = 0; i < actions.length; i++) verdicts[i] = this.decideAction(actions[i] as string, arns[i] as string, entity, keys);
      }
      return new ScenarioEdge(edge.id, 'access', statusOf(verdicts), { edge, verdicts, evaluator: this }, accessSummary);
    }
    const role = world.principalsById.get(edge.to)?.model;
    if (!p || !role || role.type !== 'iam-role') return fixed(edge.id, 'assume', 'invalid', 'An AssumeRole edge must end at an IAM role.');
    const keys = this.contexts.principal(p);
    // What `assumeRequest` makes when the step is read.
    scratch.principal = keys.actingArn;
    scratch.action = 'sts:AssumeRole';
    scratch.resource = world.principalsById.get(role.id)?.entity.arn ?? '';
    scratch.contextLookup = this.contexts.decisionLookup(p, role.accountId, assumeExtra(edge));
    scratch.sessionPolicy = undefined;
    const verdict = decideResolved(world, scratch, keys.acting, this.contexts.roleAsResource(role, scratch.resource), keys.identity);
    return new ScenarioEdge(edge.id, 'assume', statusOf(verdict), { edge, verdicts: verdict, evaluator: this }, firstSummary);
  }

  /** One action of the access edge whose principal, context and session policy are in the scratch request. */
  private decideAction(action: string, arn: string, entity: ResourceEntity, keys: { readonly acting: PrincipalEntity; readonly identity: PrincipalIdentity }): Verdict {
    const scratch = this.#scratch;
    scratch.action = action;
    scratch.resource = arn;
    const world = this.world;
    return decideResolved(world, scratch, keys.acting, resourceFor(world, arn, entity), keys.identity);
  }

  /** The steps of a drawn edge decided in this world (or one where its inputs are the same objects). */
  steps(edge: ScenarioEdgeModel, verdicts: Verdict | readonly Verdict[]): readonly ScenarioStep[] {
    const world = this.world;
    const p = world.principalsById.get(edge.from)?.model as Principal;
    const verdict = (i: number): Verdict => (Array.isArray(verdicts) ? (verdicts as readonly Verdict[])[i] : verdicts) as Verdict;
    // The entities each request was decided with (see `edge`), so that its decision resolves nothing again.
    const acting = this.contexts.principal(p).acting;
    if (edge.kind === 'access') {
      const entry = world.resourcesById.get(edge.to) as { readonly model: Resource; readonly entity: ResourceEntity };
      const entity = entry.entity;
      return accessRequests(this.contexts, edge, p, entry.model, entity).map((request, i) => new ScenarioStep(request.action, request, verdict(i), world, { principal: acting, resource: resourceFor(world, request.resource, entity) }));
    }
    const role = world.principalsById.get(edge.to)?.model as Principal & { type: 'iam-role' };
    const request = assumeRequest(world, this.contexts, edge, p, role);
    return [new ScenarioStep('sts:AssumeRole', request, verdict(0), world, { principal: acting, resource: this.contexts.roleAsResource(role, request.resource) })];
  }

  target(rule: Rule, target: Target): ScenarioEdge {
    const world = this.world;
    const bus = world.resourcesById.get(rule.busId)?.model;
    const r = world.resourcesById.get(target.resourceId)?.model;
    const role = target.roleId !== undefined ? world.principalsById.get(target.roleId)?.model : undefined;
    if (!bus || !r) return fixed(target.id, 'target', 'invalid', 'This rule target has a missing bus or resource.');
    const plan = targetRequests(world, this.contexts, rule, target, bus, r, role);
    if (plan.problem) return fixed(target.id, 'target', 'implicit-deny', `Denied: ${plan.problem}`);
    const roleName = role?.name ?? 'the role';
    const steps = plan.requests.map((req, i) => this.step(plan.requests.length === 2 && i === 0 ? `EventBridge assumes ${roleName}` : req.action, req));
    const failed = steps.find((s) => !s.verdict.allowed);
    const status = failed ? statusOf(failed.verdict) : 'allowed';
    return new ScenarioEdge(target.id, 'target', status, { steps }, () => {
      if (failed) return steps.length === 2 && failed === steps[0] ? `EventBridge cannot assume ${roleName}. ${failed.decision.summary}` : failed.decision.summary;
      return steps.length === 2 ? `Allowed: EventBridge assumes ${roleName} and, as its session, may ${plan.action} on ${r.name}.` : (steps[0]?.decision.summary ?? '');
    });
  }
}

/** The positions of the edges, grouped by the principal they start from. */
function groupByPrincipal(list: readonly ScenarioEdgeModel[]): Iterable<readonly number[]> {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < list.length; i++) {
    const from = (list[i] as ScenarioEdgeModel).from;
    const group = groups.get(from);
    if (group) group.push(i);
    else groups.set(from, [i]);
  }
  return groups.values();
}

/** For each principal and resource id, the edges and rule targets that touch it. */
function dependentsOf(scenario: Scenario): Map<string, string[]> {
  const dependents = new Map<string, string[]>();
  const depend = (id: string | undefined, on: string): void => {
    if (id === undefined) return;
    const list = dependents.get(id);
    if (list) list.push(on);
    else dependents.set(id, [on]);
  };
  for (const edge of scenario.edges) {
    depend(edge.from, edge.id);
    depend(edge.to, edge.id);
  }
  for (const rule of scenario.rules) {
    for (const target of rule.targets) {
      depend(rule.busId, target.id);
      depend(target.resourceId, target.id);
      depend(target.roleId, target.id);
    }
  }
  return dependents;
}

/** The inputs of every result of an evaluation, listed (`ScenarioEvaluation.inputs`). */
function listInputs(scenario: Scenario, world: ScenarioWorld): Map<string, readonly unknown[]> {
  const inputs = new Map<string, readonly unknown[]>();
  for (const edge of scenario.edges) {
    const out = new Array<unknown>(INPUTS);
    edgeInputs(world, edge, out);
    inputs.set(edge.id, out);
  }
  for (const rule of scenario.rules) {
    for (const target of rule.targets) {
      const out = new Array<unknown>(INPUTS);
      targetInputs(world, rule, target, out);
      inputs.set(target.id, out);
    }
  }
  return inputs;
}

/** The evaluation's result; `inputs` and `dependents` are listed on first read (nothing here needs them). */
function result(world: ScenarioWorld, edges: ReadonlyMap<string, EdgeEvaluation>, stats: ScenarioEvaluation['stats'], scenario: Scenario): ScenarioEvaluation {
  let inputs: Map<string, readonly unknown[]> | undefined;
  let dependents: Map<string, string[]> | undefined;
  const evaluation = { world, edges, stats, scenario } as { -readonly [K in keyof ScenarioEvaluation]: ScenarioEvaluation[K] };
  Object.defineProperty(evaluation, 'inputs', { get: () => (inputs ??= listInputs(scenario, world)), enumerable: true });
  Object.defineProperty(evaluation, 'dependents', { get: () => (dependents ??= dependentsOf(scenario)), enumerable: true });
  return evaluation;
}

/** The previous evaluation's results and their slots, when its edge and rule arrays are this scenario's. */
function sharedResults(previous: ScenarioEvaluation | undefined, scenario: Scenario): EdgeResults<EdgeEvaluation> | undefined {
  const edges = previous?.edges;
  return edges instanceof EdgeResults && edges.slots.edges === scenario.edges && edges.slots.rules === scenario.rules ? (edges as EdgeResults<EdgeEvaluation>) : undefined;
}

/** What a caller may ask of `evaluateScenario` besides the scenario. */
export interface EvaluateOptions {
  /**
   * Called just before each edge or rule target is decided, with its id (not for results that are kept).
   * The evaluation worker times decisions with it and reports one that runs past its budget, and its
   * progress, while the evaluation runs (src/store/evaluationSession.ts).
   */
  readonly onDecide?: (id: string) => void;
}

/**
 * Decides every edge and every EventBridge rule target of a scenario.
 *
 * With `previous`, an edge whose inputs (the edge, its endpoints, their accounts and organizations — by
 * reference) are unchanged keeps its previous result, so a policy edit re-evaluates only the edges that
 * policy can affect. Scenario updates must therefore be immutable, as the store's are.
 */
export function evaluateScenario(scenario: Scenario, previous?: ScenarioEvaluation, options: EvaluateOptions = {}): ScenarioEvaluation {
  const world = buildWorld(scenario, previous?.world);
  const decide = new Evaluator(world);
  const onDecide = options.onDecide;
  // The same evaluator, announcing each decision when asked to (no cost otherwise).
  const evaluator = onDecide
    ? {
        edge: (edge: ScenarioEdgeModel): EdgeEvaluation => {
          onDecide(edge.id);
          return decide.edge(edge);
        },
        target: (rule: Rule, target: Target): EdgeEvaluation => {
          onDecide(target.id);
          return decide.target(rule, target);
        },
        decide: (source: ResultSource): EdgeEvaluation => {
          onDecide('kind' in source ? source.id : source.target.id);
          return decide.decide(source);
        },
      }
    : decide;
  // Fast path: when only principals and resources changed (a policy edit, a rename), the edges that can
  // depend on them are known from the previous evaluation's index; every other result is kept as it is.
  const prev = previous?.scenario;
  const changed: string[] = [];
  const shared = sharedResults(previous, scenario);
  const incremental =
    previous !== undefined &&
    prev !== undefined &&
    shared !== undefined &&
    prev.edges === scenario.edges &&
    prev.rules === scenario.rules &&
    prev.accounts === scenario.accounts &&
    prev.organizations === scenario.organizations &&
    changedIds(prev.principals, scenario.principals, changed) &&
    changedIds(prev.resources, scenario.resources, changed);
  const slots = shared?.slots ?? new EdgeSlots(scenario.edges, scenario.rules);
  let evaluated = 0;
  let reused = 0;

  if (incremental) {
    // A changed group or managed policy changes the permissions of the principals that inherit from it.
    changed.push(...world.relinked);
    // The results that depend on a changed principal or resource are decided again; every other result is
    // kept, and its lazily made steps now refer to this world. The results that depend on an id are indexed
    // once per edge and rule arrays (shared by the evaluations of those arrays), so finding them is a few
    // lookups, and keeping the rest is one copy of an array of pointers.
    const dependents = slots.dependents(() => dependentsOf(scenario));
    const affected = new Uint8Array(slots.ids.length);
    for (const id of changed) for (const slot of dependents.get(id) ?? NO_SLOTS) affected[slot] = 1;
    const results = shared.results.slice();
    for (let slot = 0; slot < results.length; slot++) {
      if (affected[slot] === 1) {
        results[slot] = evaluator.decide(slots.source(slot));
        evaluated++;
      } else {
        (results[slot] as ScenarioEdge).rebind(decide);
        reused++;
      }
    }
    return result(world, new EdgeResults(slots, results), { evaluated, reused }, scenario);
  }

  const results = new Array<EdgeEvaluation>(slots.ids.length);
  // When no id is given twice, the results are in the edges' and targets' own order (the slot of the i-th
  // edge is i) and need no lookup by id.
  const put = slots.distinct
    ? (_id: string, r: EdgeEvaluation, position: number): void => {
        results[position] = r;
      }
    : (id: string, r: EdgeEvaluation): void => {
        results[slots.slot(id) as number] = r;
      };
  let position = 0;
  // With a previous evaluation whose scenario changed in shape (edges added, accounts edited, ...), every
  // result whose inputs are the same objects as last time is kept. The previous inputs are derived from the
  // previous scenario and world: a kept result's inputs were the same then as when it was computed.
  const before = previous && prev ? new PreviousInputs(previous, prev) : undefined;
  const now = new Array<unknown>(INPUTS);
  const reuse = (id: string): boolean => {
    const old = before?.result(id, now);
    if (!old) return false;
    if (old instanceof ScenarioEdge) old.rebind(decide);
    put(id, old, position++);
    reused++;
    return true;
  };
  if (before) {
    for (const edge of scenario.edges) {
      edgeInputs(world, edge, now);
      if (reuse(edge.id)) continue;
      put(edge.id, evaluator.edge(edge), position++);
      evaluated++;
    }
  } else {
    // Decided principal by principal (a principal's policies and keys are then read while they are at
    // hand); the results are in the scenario's order.
    const list = scenario.edges;
    for (const group of groupByPrincipal(list)) {
      for (let k = 0; k < group.length; k++) {
        const i = group[k] as number;
        const edge = list[i] as ScenarioEdgeModel;
        put(edge.id, evaluator.edge(edge), i);
      }
    }
    evaluated += list.length;
    position = list.length;
  }
  for (const rule of scenario.rules) {
    for (const target of rule.targets) {
      if (before) {
        targetInputs(world, rule, target, now);
        if (reuse(target.id)) continue;
      }
      put(target.id, evaluator.target(rule, target), position++);
      evaluated++;
    }
  }
  return result(world, new EdgeResults(slots, results), { evaluated, reused }, scenario);
}

const NO_SLOTS: readonly number[] = Object.freeze([]);

/** A previous evaluation's results with the inputs they were computed from. */
class PreviousInputs {
  private readonly edgesById = new Map<string, ScenarioEdgeModel>();
  private readonly targetsById = new Map<string, { readonly rule: Rule; readonly target: Target }>();
  private readonly then = new Array<unknown>(INPUTS);
  constructor(
    private readonly previous: ScenarioEvaluation,
    scenario: Scenario,
  ) {
    for (const edge of scenario.edges) this.edgesById.set(edge.id, edge);
    for (const rule of scenario.rules) for (const target of rule.targets) this.targetsById.set(target.id, { rule, target });
  }
  /** The previous result for `id` when it was computed from the same objects as `now`. */
  result(id: string, now: readonly unknown[]): EdgeEvaluation | undefined {
    const old = this.previous.edges.get(id);
    if (!old) return undefined;
    const world = this.previous.world;
    const edge = this.edgesById.get(id);
    if (edge) edgeInputs(world, edge, this.then);
    else {
      const t = this.targetsById.get(id);
      if (!t) return undefined;
      targetInputs(world, t.rule, t.target, this.then);
    }
    return sameInputs(this.then, now) ? old : undefined;
  }
}

/** The full, statement-level trace of one step, for the explanation panel. */
export function explainStep(evaluation: ScenarioEvaluation, s: EvaluatedStep): Decision {
  return evaluateRequest(evaluation.world, s.request, { trace: true });
}
