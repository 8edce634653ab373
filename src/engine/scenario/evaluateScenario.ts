import type { Account, Organization, Principal, Scenario } from '../../model';
import { decideRequest, evaluateRequest, type Verdict } from '../evaluate/evaluate';
import type { Decision } from '../trace';
import type { Request, World } from '../world';
import { buildWorld, type ScenarioWorld } from './buildWorld';
import { accessRequests, assumeRequest, targetRequests } from './requests';

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
  private built: Decision | undefined;
  /** The world the step is decided in. A later evaluation that reuses the step rebinds it to its world. */
  private world: World;
  constructor(
    readonly label: string,
    readonly request: Request,
    readonly verdict: Verdict,
    world: World,
  ) {
    this.world = world;
    Object.defineProperty(this, 'decision', { get: stepDecision, enumerable: true });
  }
  /** The full decision, built once. */
  build(): Decision {
    if (!this.built) this.built = evaluateRequest(this.world, this.request);
    return this.built;
  }
  /** Points a reused step at the current world, unless its decision is already built. */
  rebind(world: World): void {
    if (!this.built) this.world = world;
  }
}

function stepDecision(this: ScenarioStep): Decision {
  return this.build();
}

export interface EdgeEvaluation {
  /** Edge id, or rule target id for EventBridge deliveries. */
  readonly id: string;
  readonly kind: 'access' | 'assume' | 'target';
  readonly status: EdgeStatus;
  /** One sentence for the whole edge (built on first read). */
  readonly summary: string;
  readonly steps: readonly EvaluatedStep[];
}

class ScenarioEdge implements EdgeEvaluation {
  /** Built on first read; an own enumerable accessor, so spreading an edge result copies it. */
  declare readonly summary: string;
  private text: string | undefined;
  constructor(
    readonly id: string,
    readonly kind: EdgeEvaluation['kind'],
    readonly status: EdgeStatus,
    readonly steps: readonly EvaluatedStep[],
    private readonly makeSummary: (edge: ScenarioEdge) => string,
  ) {
    Object.defineProperty(this, 'summary', { get: edgeSummary, enumerable: true });
  }
  /** The one-sentence summary, built once. */
  describe(): string {
    if (this.text === undefined) this.text = this.makeSummary(this);
    return this.text;
  }
}

function edgeSummary(this: ScenarioEdge): string {
  return this.describe();
}

export interface ScenarioEvaluation {
  readonly world: ScenarioWorld;
  readonly edges: ReadonlyMap<string, EdgeEvaluation>;
  /** The inputs each result was computed from, compared by reference on re-evaluation. */
  readonly inputs: ReadonlyMap<string, readonly unknown[]>;
  readonly stats: { readonly evaluated: number; readonly reused: number };
  /** The scenario evaluated (what the next evaluation compares itself with). */
  readonly scenario?: Scenario;
  /** For each principal and resource id, the edges and rule targets whose result depends on it. */
  readonly dependents?: ReadonlyMap<string, readonly string[]>;
}

/**
 * The principals and resources that differ from `before` (by object), or `undefined` when the arrays
 * differ in shape (an entity added, removed or reordered), which calls for the full path.
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

function statusOf(steps: readonly { readonly verdict: Verdict }[]): EdgeStatus {
  if (steps.length === 0) return 'invalid';
  let allowed = 0;
  let explicit = false;
  for (const s of steps) {
    if (s.verdict.allowed) allowed++;
    else if (s.verdict.decision === 'explicit-deny') explicit = true;
  }
  if (allowed === steps.length) return 'allowed';
  if (allowed > 0) return 'mixed';
  return explicit ? 'explicit-deny' : 'implicit-deny';
}

/** What one edge's result depends on, compared by reference (up to ten objects). */
interface Deps {
  a: unknown;
  b: unknown;
  c: unknown;
  d: unknown;
  e: unknown;
  f: unknown;
  g: unknown;
  h: unknown;
  i: unknown;
  j: unknown;
}

function sameDeps(before: readonly unknown[], d: Deps): boolean {
  return (
    before[0] === d.a && before[1] === d.b && before[2] === d.c && before[3] === d.d && before[4] === d.e &&
    before[5] === d.f && before[6] === d.g && before[7] === d.h && before[8] === d.i && sameLast(before[9], d.j)
  );
}

/** The last slot may hold a small array (the role's account and organization for a rule target). */
function sameLast(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]);
}

function fixed(id: string, kind: EdgeEvaluation['kind'], status: EdgeStatus, summary: string): EdgeEvaluation {
  return new ScenarioEdge(id, kind, status, [], () => summary);
}

function step(world: ScenarioWorld, label: string, request: Request): ScenarioStep {
  return new ScenarioStep(label, request, decideRequest(world, request), world);
}

/** The summary of an access edge: its one decision's, or which actions are allowed and why the others are not. */
function accessSummary(edge: ScenarioEdge): string {
  const steps = edge.steps;
  const firstDenied = steps.find((s) => !s.verdict.allowed);
  if (steps.length === 1 || edge.status === 'allowed' || !firstDenied) return steps[0]?.decision.summary ?? '';
  if (edge.status === 'mixed') return `Mixed: ${steps.map((s) => `${s.label} ${s.verdict.allowed ? 'allowed' : 'denied'}`).join(', ')}. ${firstDenied.decision.summary}`;
  return firstDenied.decision.summary;
}

/**
 * Decides every edge and every EventBridge rule target of a scenario.
 *
 * With `previous`, an edge whose inputs (the edge, its endpoints, their accounts and organizations — by
 * reference) are unchanged keeps its previous result, so a policy edit re-evaluates only the edges that
 * policy can affect. Scenario updates must therefore be immutable, as the store's are.
 */
export function evaluateScenario(scenario: Scenario, previous?: ScenarioEvaluation): ScenarioEvaluation {
  const world = buildWorld(scenario, previous?.world);
  // Fast path: when only principals and resources changed (a policy edit, a rename), the edges that can
  // depend on them are known from the previous evaluation's index; every other result is kept as it is.
  const prev = previous?.scenario;
  const changed: string[] = [];
  const incremental =
    previous !== undefined &&
    prev !== undefined &&
    previous.dependents !== undefined &&
    prev.edges === scenario.edges &&
    prev.rules === scenario.rules &&
    prev.accounts === scenario.accounts &&
    prev.organizations === scenario.organizations &&
    changedIds(prev.principals, scenario.principals, changed) &&
    changedIds(prev.resources, scenario.resources, changed);
  const edges = incremental ? new Map(previous.edges) : new Map<string, EdgeEvaluation>();
  const inputs = incremental ? new Map(previous.inputs) : new Map<string, readonly unknown[]>();
  const dependents = incremental ? (previous.dependents as ReadonlyMap<string, readonly string[]>) : new Map<string, string[]>();
  const depend = (id: string | undefined, on: string): void => {
    if (id === undefined || incremental) return;
    const list = (dependents as Map<string, string[]>).get(id);
    if (list) list.push(on);
    else (dependents as Map<string, string[]>).set(id, [on]);
  };
  let evaluated = 0;
  let reused = 0;
  /** The account object and its organization object: what an edge depends on of an account. */
  const accountOf = (accountId: string | undefined): Account | undefined => (accountId === undefined ? undefined : world.accountsById.get(accountId));
  const orgOf = (account: Account | undefined): Organization | undefined => (account?.organizationId ? world.orgsById.get(account.organizationId) : undefined);
  const principalAccountId = (p: Principal | undefined): string | undefined => (p && p.type !== 'service' ? p.accountId : undefined);

  /**
   * Keeps the previous result when the edge's inputs are the same objects as last time; the inputs are
   * compared without building anything, and the previous inputs array is kept, so an unchanged edge costs
   * no allocation.
   */
  const remember = (id: string, deps: Deps, compute: () => EdgeEvaluation): void => {
    const before = previous?.edges.get(id);
    const beforeDeps = previous?.inputs.get(id);
    if (before && beforeDeps && sameDeps(beforeDeps, deps)) {
      for (const st of before.steps) if (st instanceof ScenarioStep) st.rebind(world);
      edges.set(id, before);
      inputs.set(id, beforeDeps);
      reused++;
    } else {
      edges.set(id, compute());
      inputs.set(id, [deps.a, deps.b, deps.c, deps.d, deps.e, deps.f, deps.g, deps.h, deps.i, deps.j]);
      evaluated++;
    }
  };
  const deps: Deps = { a: undefined, b: undefined, c: undefined, d: undefined, e: undefined, f: undefined, g: undefined, h: undefined, i: undefined, j: undefined };
  const setDeps = (a: unknown, b: unknown, c: unknown, d: unknown, e: unknown, f: unknown, g: unknown, h: unknown, i: unknown, j: unknown): Deps => {
    deps.a = a; deps.b = b; deps.c = c; deps.d = d; deps.e = e; deps.f = f; deps.g = g; deps.h = h; deps.i = i; deps.j = j;
    return deps;
  };

  const evalEdge = (edge: Scenario['edges'][number]): void => {
    depend(edge.from, edge.id);
    depend(edge.to, edge.id);
    const p = world.principalsById.get(edge.from)?.model;
    if (edge.kind === 'access') {
      const r = world.resourcesById.get(edge.to)?.model;
      const pa = accountOf(principalAccountId(p));
      const ra = accountOf(r?.accountId);
      remember(edge.id, setDeps(edge, p, pa, orgOf(pa), r, ra, orgOf(ra), undefined, undefined, undefined), () => {
        if (!p || !r) return fixed(edge.id, 'access', 'invalid', 'This edge has a missing endpoint.');
        const steps = accessRequests(world, edge, p, r).map((req) => step(world, req.action, req));
        return new ScenarioEdge(edge.id, 'access', statusOf(steps), steps, accessSummary);
      });
    } else {
      const role = world.principalsById.get(edge.to)?.model;
      // What an AssumeRole edge depends on of the role: its ARN and its trust policy (not its permissions).
      const pa = accountOf(principalAccountId(p));
      const ra = accountOf(principalAccountId(role));
      const isRole = role?.type === 'iam-role';
      remember(edge.id, setDeps(edge, p, pa, orgOf(pa), isRole ? role.name : role, isRole ? role.path : undefined, isRole ? role.trustPolicy : undefined, ra, orgOf(ra), undefined), () => {
        if (!p || !role || role.type !== 'iam-role') return fixed(edge.id, 'assume', 'invalid', 'An AssumeRole edge must end at an IAM role.');
        const s = step(world, 'sts:AssumeRole', assumeRequest(world, edge, p, role));
        return new ScenarioEdge(edge.id, 'assume', statusOf([s]), [s], (e) => e.steps[0]?.decision.summary ?? '');
      });
    }
  };

  const evalTarget = (rule: Scenario['rules'][number], target: Scenario['rules'][number]['targets'][number]): void => {
    depend(rule.busId, target.id);
    depend(target.resourceId, target.id);
    depend(target.roleId, target.id);
    const bus = world.resourcesById.get(rule.busId)?.model;
    const r = world.resourcesById.get(target.resourceId)?.model;
    const role = target.roleId !== undefined ? world.principalsById.get(target.roleId)?.model : undefined;
    const ba = accountOf(bus?.accountId);
    const ra = accountOf(r?.accountId);
    // The role's account is the bus's account or another: its organization is reached through the role.
    const roleAccount = accountOf(principalAccountId(role));
    remember(target.id, setDeps(rule, target, bus, ba, orgOf(ba), r, ra, orgOf(ra), role, roleAccount === ba || roleAccount === ra ? undefined : [roleAccount, orgOf(roleAccount)]), () => {
      if (!bus || !r) return fixed(target.id, 'target', 'invalid', 'This rule target has a missing bus or resource.');
      const plan = targetRequests(world, rule, bus, r, role);
      if (plan.problem) return fixed(target.id, 'target', 'implicit-deny', `Denied: ${plan.problem}`);
      const roleName = role?.name ?? 'the role';
      const steps = plan.requests.map((req, i) => step(world, plan.requests.length === 2 && i === 0 ? `EventBridge assumes ${roleName}` : req.action, req));
      const failed = steps.find((s) => !s.verdict.allowed);
      const status = failed ? statusOf([failed]) : 'allowed';
      return new ScenarioEdge(target.id, 'target', status, steps, () => {
        if (failed) return steps.length === 2 && failed === steps[0] ? `EventBridge cannot assume ${roleName}. ${failed.decision.summary}` : failed.decision.summary;
        return steps.length === 2 ? `Allowed: EventBridge assumes ${roleName} and, as its session, may ${plan.action} on ${r.name}.` : (steps[0]?.decision.summary ?? '');
      });
    });
  };

  if (incremental) {
    const affected = new Set<string>();
    for (const id of changed) for (const dependent of dependents.get(id) ?? []) affected.add(dependent);
    // Unaffected results are kept; their lazily built decisions now refer to this world.
    for (const [id, result] of edges) {
      if (affected.has(id)) continue;
      for (const st of result.steps) if (st instanceof ScenarioStep) st.rebind(world);
      reused++;
    }
    if (affected.size > 0) {
      for (const edge of scenario.edges) if (affected.has(edge.id)) evalEdge(edge);
      for (const rule of scenario.rules) for (const target of rule.targets) if (affected.has(target.id)) evalTarget(rule, target);
    }
  } else {
    for (const edge of scenario.edges) evalEdge(edge);
    for (const rule of scenario.rules) for (const target of rule.targets) evalTarget(rule, target);
  }

  return { world, edges, inputs, stats: { evaluated, reused }, scenario, dependents };
}

/** The full, statement-level trace of one step, for the explanation panel. */
export function explainStep(evaluation: ScenarioEvaluation, s: EvaluatedStep): Decision {
  return evaluateRequest(evaluation.world, s.request, { trace: true });
}
