import { DEFAULT_SESSION_NAME, explainStep, type Decision, type EdgeEvaluation, type ScenarioEvaluation } from '../engine';
import type { AssumeEdge, Edge, IamRole, Scenario } from '../model';
import { actorOfRequest, sessionActor, type Actor } from './actors';
import { gatesOf, isShownOnPath, type Gate } from './gates';
import { reachGivenUp, type ReachChange } from './reach';
import { statementName } from './statements';

/**
 * Journeys: the paths the engine evaluated, as an ordered list of frames to play. A journey follows
 * drawn edges — principal → resource, principal → role(s) → resource through AssumeRole edges, or event
 * bus → rule → target — and for every request on it reads who is acting, which gates the request passed
 * and where a denied one stopped from the engine's `Decision`. Nothing here decides anything.
 */

/** Which drawn edges a journey follows. */
export interface JourneyRoute {
  /** Edge ids in order: AssumeRole edges, then at most one access edge; or one EventBridge rule target id. */
  readonly edges: readonly string[];
  /** For an access edge with several actions: the one this journey follows (the first by default). */
  readonly action?: string;
}

/** One leg of the path between two nodes. `edgeId` is set when the hop follows a drawn edge. */
export interface Hop {
  readonly index: number;
  readonly from: string;
  readonly to: string;
  /** `match`: an event on a bus matches a rule; `assume`: an AssumeRole call; `access`: a call on a resource. */
  readonly kind: 'match' | 'assume' | 'access';
  readonly edgeId?: string;
  /** The edge or rule target whose evaluation the hop's request comes from. */
  readonly evaluationId?: string;
}

/** One request of a journey, decided by the engine. */
export interface JourneyRequest {
  readonly index: number;
  readonly hop: number;
  /** Edge or rule target id, and the index of the step in its `EdgeEvaluation`. */
  readonly evaluationId: string;
  readonly stepIndex: number;
  /** The engine's step label: the action, or "EventBridge assumes EventsDelivery". */
  readonly label: string;
  readonly action: string;
  readonly resourceLabel: string;
  readonly actor: Actor;
  /** The engine's decision, with its statement-level trace. */
  readonly decision: Decision;
  readonly gates: readonly Gate[];
}

/** The identity swap at a role: the caller gives up its permissions while the session lasts. */
export interface Swap {
  readonly index: number;
  /** The role's node. */
  readonly at: string;
  readonly roleName: string;
  readonly from: Actor;
  readonly to: Actor;
  /** Names of the caller's identity policies that no longer apply while the session lasts. */
  readonly givenUp: readonly string[];
  /** Names of the role's identity policies the session acts with. */
  readonly takenOn: readonly string[];
  /** What else caps the session: the role's permissions boundary, a session policy on the AssumeRole call. */
  readonly caps: readonly string[];
  /** The caller's other drawn requests, decided as the caller and again as the session. */
  readonly reach: readonly ReachChange[];
}

export type StepKind = 'start' | 'gate' | 'arrive' | 'swap' | 'stop';

/** One frame of playback. */
export interface JourneyStep {
  readonly kind: StepKind;
  readonly leg: number;
  readonly hop: number;
  /** Where the token is along the hop, 0 (its start) to 1 (its end). */
  readonly t: number;
  /** Who is acting at this step (after a swap: the session). */
  readonly actor: Actor;
  readonly request?: number;
  /** Index into the request's `gates`. */
  readonly gate?: number;
  readonly swap?: number;
  /** One sentence for the narration and the screen reader. */
  readonly text: string;
}

/** One route of a tour, and how it ended. */
export interface JourneyLeg {
  readonly route: JourneyRoute;
  readonly title: string;
  readonly outcome: 'allowed' | 'denied';
  /** The engine's one sentence for the request that decided the leg. */
  readonly summary: string;
  readonly firstStep: number;
  readonly lastStep: number;
}

export type JourneyKind = 'keep-identity' | 'assume-role' | 'eventbridge-resource-policy' | 'eventbridge-role';

export interface Journey {
  readonly kind: JourneyKind;
  readonly title: string;
  readonly legs: readonly JourneyLeg[];
  readonly hops: readonly Hop[];
  readonly requests: readonly JourneyRequest[];
  readonly swaps: readonly Swap[];
  readonly steps: readonly JourneyStep[];
  readonly outcome: 'allowed' | 'denied';
  readonly summary: string;
  /** The step at which each shown gate is reached (gates of a stopped request: the stop step). */
  readonly gateSteps: ReadonlyMap<string, number>;
  /** Every node the journey touches. */
  readonly nodes: readonly string[];
}

export type JourneyResult = { readonly ok: true; readonly journey: Journey } | { readonly ok: false; readonly reason: string };

const MAX_CHAIN = 6;
const MAX_ROUTES = 24;

function nameOf(scenario: Scenario, id: string): string {
  const p = scenario.principals.find((x) => x.id === id);
  if (p) return p.type === 'service' ? p.service : p.name;
  return scenario.resources.find((r) => r.id === id)?.name ?? scenario.rules.find((r) => r.id === id)?.name ?? id;
}

/**
 * Chains of AssumeRole edges that end at `principalId`, each starting at an original caller (a principal
 * no AssumeRole edge leads to, or where following them would loop). Empty when nobody assumes it.
 */
export function assumeChainsTo(scenario: Scenario, principalId: string): AssumeEdge[][] {
  const incoming = (id: string): AssumeEdge[] => scenario.edges.filter((e): e is AssumeEdge => e.kind === 'assume' && e.to === id);
  const out: AssumeEdge[][] = [];
  const walk = (id: string, suffix: AssumeEdge[], seen: ReadonlySet<string>): void => {
    if (out.length >= MAX_ROUTES) return;
    const ins = suffix.length < MAX_CHAIN ? incoming(id).filter((e) => !seen.has(e.from)) : [];
    if (ins.length === 0) {
      if (suffix.length > 0) out.push(suffix);
      return;
    }
    for (const e of ins) walk(e.from, [e, ...suffix], new Set([...seen, e.from]));
  };
  walk(principalId, [], new Set([principalId]));
  return out;
}

/** Ways to continue from a role: further AssumeRole edges and, at the end, one access edge. */
function continuationsFrom(scenario: Scenario, roleId: string, seen: ReadonlySet<string>, depth: number): Edge[][] {
  if (depth >= MAX_CHAIN) return [];
  const out: Edge[][] = [];
  for (const e of scenario.edges) {
    if (e.from !== roleId) continue;
    if (e.kind === 'access') out.push([e]);
    else if (!seen.has(e.to)) for (const rest of [[], ...continuationsFrom(scenario, e.to, new Set([...seen, e.to]), depth + 1)]) out.push([e, ...rest]);
  }
  return out;
}

/**
 * The journeys that go through a picked edge or rule target, the most telling first: for an access edge
 * from a role, one per original caller (and the role acting on its own last); for an AssumeRole edge, on
 * through each of the role's access edges, then stopping at the role; one per action of an access edge.
 */
export function journeyRoutes(scenario: Scenario, pickedId: string): JourneyRoute[] {
  if (scenario.rules.some((r) => r.targets.some((t) => t.id === pickedId))) return [{ edges: [pickedId] }];
  const edge = scenario.edges.find((e) => e.id === pickedId);
  if (!edge) return [];
  const chains = assumeChainsTo(scenario, edge.from).map((c) => c.map((e) => e.id));
  const prefixes = chains.length > 0 ? [...chains, []] : [[]];
  const suffixes: Edge[][] = edge.kind === 'assume' ? [...continuationsFrom(scenario, edge.to, new Set([edge.from, edge.to]), 1).map((c) => [edge, ...c]), [edge]] : [[edge]];
  const routes: JourneyRoute[] = [];
  for (const prefix of prefixes) {
    for (const suffix of suffixes) {
      const last = suffix[suffix.length - 1];
      const actions = last?.kind === 'access' ? last.actions : [undefined];
      for (const action of actions) {
        if (routes.length >= MAX_ROUTES) return routes;
        routes.push({ edges: [...prefix, ...suffix.map((e) => e.id)], ...(action !== undefined ? { action } : {}) });
      }
    }
  }
  return routes;
}

/** "alice → ExportRole → bucket-b · s3:PutObject". */
export function routeLabel(scenario: Scenario, route: JourneyRoute): string {
  const first = route.edges[0];
  const target = scenario.rules.flatMap((r) => r.targets.map((t) => ({ r, t }))).find((x) => x.t.id === first);
  if (target) {
    const bus = nameOf(scenario, target.r.busId);
    const role = target.t.roleId ? ` → ${nameOf(scenario, target.t.roleId)}` : '';
    return `bus ${bus} → rule ${target.r.name}${role} → ${nameOf(scenario, target.t.resourceId)}`;
  }
  const edges = route.edges.map((id) => scenario.edges.find((e) => e.id === id)).filter((e): e is Edge => !!e);
  if (edges.length === 0) return '';
  const names = [nameOf(scenario, edges[0]?.from ?? ''), ...edges.map((e) => nameOf(scenario, e.to))];
  const last = edges[edges.length - 1];
  const action = last?.kind === 'access' ? (route.action ?? last.actions[0]) : 'sts:AssumeRole';
  return `${names.join(' → ')} · ${action}`;
}

/** Whether two routes are the same. */
export function sameRoute(a: JourneyRoute | undefined, b: JourneyRoute | undefined): boolean {
  if (!a || !b) return a === b;
  return a.action === b.action && a.edges.length === b.edges.length && a.edges.every((id, i) => id === b.edges[i]);
}

// ---------------------------------------------------------------------------------------------------
// Building

interface Builder {
  readonly scenario: Scenario;
  readonly evaluation: ScenarioEvaluation;
  readonly hops: Hop[];
  readonly requests: JourneyRequest[];
  readonly swaps: Swap[];
  readonly steps: JourneyStep[];
  readonly gateSteps: Map<string, number>;
  readonly nodes: Set<string>;
}

function addHop(b: Builder, hop: Omit<Hop, 'index'>): number {
  const index = b.hops.length;
  b.hops.push({ index, ...hop });
  b.nodes.add(hop.from);
  b.nodes.add(hop.to);
  return index;
}

function gateWord(gate: Gate): string {
  switch (gate.state) {
    case 'passed':
      return 'passes';
    case 'denied':
      return gate.explicit ? 'denies explicitly' : 'stops the request';
    case 'not-needed':
      return 'allows nothing here, but this request does not need it';
    case 'skipped':
      return 'does not apply';
    case 'unreached':
      return 'not reached';
  }
}

function gateText(gate: Gate, n: number, of: number): string {
  const st = gate.statements[0];
  const detail = st ? ` (${statementName(st.ref)})` : gate.note && gate.state !== 'passed' ? ` — ${gate.note}` : '';
  return `Gate ${n} of ${of}, ${gate.title}: ${gateWord(gate)}${detail}.`;
}

/**
 * Adds one request: its gates as steps along the hop, then the arrival, or the stop at the denying gate.
 * Returns whether the request was allowed.
 */
function addRequest(b: Builder, leg: number, hop: number, evaluationId: string, edgeEval: EdgeEvaluation, stepIndex: number, start = false): JourneyRequest | undefined {
  const step = edgeEval.steps[stepIndex];
  if (!step) return undefined;
  const decision = explainStep(b.evaluation, step);
  const index = b.requests.length;
  const actor = actorOfRequest(b.scenario, decision.request);
  const gates = gatesOf(decision, index);
  const request: JourneyRequest = {
    index,
    hop,
    evaluationId,
    stepIndex,
    label: step.label,
    action: decision.request.action,
    resourceLabel: decision.request.resourceLabel,
    actor,
    decision,
    gates,
  };
  b.requests.push(request);
  if (start) b.steps.push({ kind: 'start', leg, hop, t: 0, actor, request: index, text: startText(actor, request) });
  const shown = gates.map((g, i) => ({ g, i })).filter(({ g }) => isShownOnPath(g));
  const reached = shown.filter(({ g }) => g.state !== 'unreached');
  const position = (k: number): number => (shown.length === 1 ? 0.5 : 0.2 + (0.6 * k) / (shown.length - 1));
  reached.forEach(({ g, i }, k) => {
    const stopHere = g.state === 'denied';
    b.gateSteps.set(g.id, b.steps.length);
    b.steps.push({
      kind: stopHere ? 'stop' : 'gate',
      leg,
      hop,
      t: position(k),
      actor,
      request: index,
      gate: i,
      text: stopHere ? `Stopped at ${g.title}. ${decision.summary}` : gateText(g, k + 1, shown.length),
    });
  });
  if (decision.allowed) {
    b.steps.push({ kind: 'arrive', leg, hop, t: 1, actor, request: index, text: decision.summary });
  } else {
    // Gates after the stop are shown as not reached from the stop on.
    const stopAt = b.steps.length - 1;
    for (const { g } of shown) if (g.state === 'unreached') b.gateSteps.set(g.id, stopAt);
    if (reached.length === 0) {
      // The engine denied without a failing stage on the path (should not happen): stop mid-hop.
      b.steps.push({ kind: 'stop', leg, hop, t: 0.5, actor, request: index, text: decision.summary });
    }
  }
  return request;
}

function addSwap(b: Builder, leg: number, hop: number, role: IamRole, from: Actor, to: Actor, assume: AssumeEdge | undefined): void {
  const index = b.swaps.length;
  const caps: string[] = [];
  if (role.permissionsBoundary) caps.push(`the permissions boundary of ${role.name}`);
  if (assume?.sessionPolicy) caps.push('the session policy passed to AssumeRole');
  const reach = from.kind === 'service' || !from.nodeId ? [] : reachGivenUp(b.scenario, b.evaluation, from.nodeId, role.id);
  b.swaps.push({ index, at: role.id, roleName: role.name, from, to, givenUp: from.policies, takenOn: to.policies, caps, reach });
  const gave = from.kind === 'service' ? `${from.label} has no permissions of its own` : from.policies.length > 0 ? `${from.label}'s own policies (${from.policies.join(', ')}) no longer apply` : `${from.label}'s own permissions no longer apply`;
  const took = to.policies.length > 0 ? `the role's (${to.policies.join(', ')}) do` : 'the role has no identity policies';
  b.steps.push({
    kind: 'swap',
    leg,
    hop,
    t: 1,
    actor: to,
    swap: index,
    text: `${from.badge} becomes ${to.badge}. While the session lasts, ${gave}; ${took}.`,
  });
}

function startText(actor: Actor, request: JourneyRequest | undefined): string {
  const what = request ? `${request.action} on ${request.resourceLabel}` : 'its call';
  if (actor.kind === 'service') return `${actor.badge} acts for the rule${actor.carries ? `, carrying ${actor.carries.key} ${actor.carries.value}` : ''}.`;
  if (actor.kind === 'session') return `${actor.badge} calls ${what} with the role's permissions${actor.policies.length ? ` (${actor.policies.join(', ')})` : ''}.`;
  return `${actor.badge} calls ${what} with its own identity and permissions${actor.policies.length ? ` (${actor.policies.join(', ')})` : ''}.`;
}

/** Adds the steps of an edge route (assume edges, then an optional access edge). */
function addEdgeRoute(b: Builder, leg: number, route: JourneyRoute): { ok: true; last: JourneyRequest | undefined } | { ok: false; reason: string } {
  const edges: Edge[] = [];
  for (const id of route.edges) {
    const e = b.scenario.edges.find((x) => x.id === id);
    if (!e) return { ok: false, reason: `The edge ${id} no longer exists.` };
    edges.push(e);
  }
  for (let i = 1; i < edges.length; i++) {
    if (edges[i - 1]?.to !== edges[i]?.from || edges[i - 1]?.kind !== 'assume') return { ok: false, reason: 'These edges do not form a path.' };
  }
  let last: JourneyRequest | undefined;
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i] as Edge;
    const ev = b.evaluation.edges.get(e.id);
    if (!ev || ev.status === 'invalid' || ev.steps.length === 0) return { ok: false, reason: ev?.summary ?? `The edge ${e.id} has not been evaluated.` };
    const stepIndex = e.kind === 'access' ? Math.max(0, ev.steps.findIndex((s) => s.label === (route.action ?? e.actions[0]))) : 0;
    const hop = addHop(b, { from: e.from, to: e.to, kind: e.kind, edgeId: e.id, evaluationId: e.id });
    const request = addRequest(b, leg, hop, e.id, ev, stepIndex, i === 0);
    if (!request) return { ok: false, reason: `The edge ${e.id} has no request.` };
    last = request;
    if (!request.decision.allowed) break;
    if (e.kind === 'assume') {
      const role = b.scenario.principals.find((p): p is IamRole => p.id === e.to && p.type === 'iam-role');
      if (!role) return { ok: false, reason: 'An AssumeRole edge must end at an IAM role.' };
      const next = edges[i + 1];
      const nextEval = next ? b.evaluation.edges.get(next.id) : undefined;
      const nextStep = next && nextEval ? nextEval.steps[next.kind === 'access' ? Math.max(0, nextEval.steps.findIndex((s) => s.label === (route.action ?? next.actions[0]))) : 0] : undefined;
      // After the swap the token shows exactly the principal the engine evaluates next; with nothing next,
      // the session the engine evaluates every access edge of the role as (so the reach list agrees).
      const to = nextStep ? actorOfRequest(b.scenario, explainStep(b.evaluation, nextStep).request) : sessionActor(b.scenario, role, DEFAULT_SESSION_NAME);
      addSwap(b, leg, hop, role, request.actor, to, e);
    }
  }
  return { ok: true, last };
}

/** Adds the steps of an EventBridge delivery: bus → rule, then the target's resource policy or the role. */
function addTargetRoute(b: Builder, leg: number, targetId: string): { ok: true; last: JourneyRequest | undefined; problem?: string } | { ok: false; reason: string } {
  const rule = b.scenario.rules.find((r) => r.targets.some((t) => t.id === targetId));
  const target = rule?.targets.find((t) => t.id === targetId);
  if (!rule || !target) return { ok: false, reason: `The rule target ${targetId} no longer exists.` };
  const ev = b.evaluation.edges.get(targetId);
  if (!ev || ev.status === 'invalid') return { ok: false, reason: ev?.summary ?? 'This delivery has not been evaluated.' };
  const matchHop = addHop(b, { from: rule.busId, to: rule.id, kind: 'match' });
  const pattern = rule.eventPattern ? ` (pattern ${JSON.stringify(rule.eventPattern)})` : '';
  const first = ev.steps[0];
  const firstActor = first ? actorOfRequest(b.scenario, explainStep(b.evaluation, first).request) : undefined;
  const service: Actor = firstActor ?? { kind: 'service', arn: 'events.amazonaws.com', label: 'events.amazonaws.com', badge: 'events.amazonaws.com', policies: [], bounded: false };
  b.steps.push({ kind: 'start', leg, hop: matchHop, t: 0, actor: service, text: `An event arrives on bus ${nameOf(b.scenario, rule.busId)}.` });
  b.steps.push({
    kind: 'arrive',
    leg,
    hop: matchHop,
    t: 1,
    actor: service,
    text: `It matches rule ${rule.name}${pattern}; EventBridge delivers it as ${service.label}${service.carries ? `, carrying ${service.carries.key} ${service.carries.value}` : ''}.`,
  });
  if (ev.steps.length === 0) {
    // The engine could not even form a request (a target that needs a role has none).
    const hop = addHop(b, { from: rule.id, to: target.resourceId, kind: 'access', edgeId: targetId, evaluationId: targetId });
    b.steps.push({ kind: 'stop', leg, hop, t: 0.5, actor: service, text: ev.summary });
    return { ok: true, last: undefined, problem: ev.summary };
  }
  if (ev.steps.length === 1) {
    const hop = addHop(b, { from: rule.id, to: target.resourceId, kind: 'access', edgeId: targetId, evaluationId: targetId });
    return { ok: true, last: addRequest(b, leg, hop, targetId, ev, 0) };
  }
  const role = b.scenario.principals.find((p): p is IamRole => p.id === target.roleId && p.type === 'iam-role');
  if (!role) return { ok: false, reason: 'The role of this target no longer exists.' };
  const assumeHop = addHop(b, { from: rule.id, to: role.id, kind: 'assume', evaluationId: targetId });
  const assumed = addRequest(b, leg, assumeHop, targetId, ev, 0);
  if (!assumed || !assumed.decision.allowed) return { ok: true, last: assumed };
  const second = ev.steps[1];
  const to = second ? actorOfRequest(b.scenario, explainStep(b.evaluation, second).request) : sessionActor(b.scenario, role, DEFAULT_SESSION_NAME);
  addSwap(b, leg, assumeHop, role, assumed.actor, to, undefined);
  const deliverHop = addHop(b, { from: role.id, to: target.resourceId, kind: 'access', evaluationId: targetId });
  return { ok: true, last: addRequest(b, leg, deliverHop, targetId, ev, 1) };
}

function isTargetRoute(scenario: Scenario, route: JourneyRoute): boolean {
  const first = route.edges[0];
  return route.edges.length === 1 && scenario.rules.some((r) => r.targets.some((t) => t.id === first));
}

/**
 * Builds the journey of one route, or a tour of several routes played one after the other (the compare
 * view plays "scan the table, then write the bucket" as one tour).
 */
export function buildJourney(scenario: Scenario, evaluation: ScenarioEvaluation, routes: JourneyRoute | readonly JourneyRoute[]): JourneyResult {
  const list = Array.isArray(routes) ? (routes as readonly JourneyRoute[]) : [routes as JourneyRoute];
  if (list.length === 0) return { ok: false, reason: 'Nothing to play.' };
  const b: Builder = { scenario, evaluation, hops: [], requests: [], swaps: [], steps: [], gateSteps: new Map(), nodes: new Set() };
  const legs: JourneyLeg[] = [];
  let kind: JourneyKind = 'keep-identity';
  for (const route of list) {
    const leg = legs.length;
    const firstStep = b.steps.length;
    const target = isTargetRoute(scenario, route);
    const result = target ? addTargetRoute(b, leg, route.edges[0] as string) : addEdgeRoute(b, leg, route);
    if (!result.ok) return result;
    const problem: string | undefined = 'problem' in result && typeof result.problem === 'string' ? result.problem : undefined;
    const last = result.last;
    const allowed = !problem && !!last && last.decision.allowed;
    legs.push({
      route,
      title: routeLabel(scenario, route),
      outcome: allowed ? 'allowed' : 'denied',
      summary: problem ?? last?.decision.summary ?? '',
      firstStep,
      lastStep: b.steps.length - 1,
    });
    if (target) kind = b.swaps.length > 0 || b.hops.some((h) => h.kind === 'assume') ? 'eventbridge-role' : 'eventbridge-resource-policy';
    else if (kind === 'keep-identity' && route.edges.some((id) => scenario.edges.find((e) => e.id === id)?.kind === 'assume')) kind = 'assume-role';
  }
  const allowed = legs.every((l) => l.outcome === 'allowed');
  const decidingLeg = legs.find((l) => l.outcome === 'denied') ?? legs[legs.length - 1];
  return {
    ok: true,
    journey: {
      kind,
      title: legs.map((l) => l.title).join(', then '),
      legs,
      hops: b.hops,
      requests: b.requests,
      swaps: b.swaps,
      steps: b.steps,
      outcome: allowed ? 'allowed' : 'denied',
      summary: decidingLeg?.summary ?? '',
      gateSteps: b.gateSteps,
      nodes: [...b.nodes],
    },
  };
}

/** What a shown gate looks like at a step: `pending` until the token reaches it. */
export type GateView = Gate['state'] | 'pending';

export function gateViewAt(journey: Journey, gate: Gate, step: number): GateView {
  const at = journey.gateSteps.get(gate.id);
  if (at === undefined || step < at) return 'pending';
  return gate.state;
}

/** The principal a journey starts with, for titles. */
export function originOf(journey: Journey): Actor | undefined {
  return journey.steps[0]?.actor;
}
