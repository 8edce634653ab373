// Deep imports, not the engine's index: the evaluation worker's code reaches only what it runs (the policy
// checks and their action lists stay out of its first load).
import type { Decision, EdgeEvaluation, EvaluatedStep, ScenarioEvaluation, StatementRef } from '../engine';
import { evaluateRequest } from '../engine/evaluate/evaluate';
import { DEFAULT_SESSION_NAME, explainStep } from '../engine/scenario';
import { sessionArn, sessionLabel, type AssumeEdge, type Edge, type IamRole, type Scenario } from '../model';
import { actorOfRequest, sessionActor, type Actor } from './actors';
import { gatesOf, isShownOnPath, type Gate, type GateStatement } from './gates';
import { reachGivenUp, type ReachChange } from './reach';
import { isTargetRoute, nameOf, routeLabel, type JourneyRoute } from './routes';
import { statementJson, statementName } from './statements';

export type { JourneyRoute } from './routes';

/**
 * Journeys: the paths the engine evaluated, as an ordered list of frames to play. A journey follows
 * drawn edges — principal → resource, principal → role(s) → resource through AssumeRole edges, or event
 * bus → rule → target — and for every request on it reads who is acting, which gates the request passed
 * and where a denied one stopped from the engine's `Decision`. Nothing here decides anything.
 *
 * It runs where the engine is, in the evaluation worker (src/store/evaluationSession.ts), and what it
 * returns is plain data, copied to the main thread as it is: no lazily built property, Map or function.
 */

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
  /** The decision's deciding statements, with their JSON as written. */
  readonly deciding: readonly GateStatement[];
  /**
   * Set when the AssumeRole call before this request names its session, and that name would change the
   * engine's decision: the journey keeps the decision the canvas shows and says why here.
   */
  readonly note?: SessionNote;
}

/** What the session name the AssumeRole call chose would change about a request. */
export interface SessionNote {
  /** One sentence: which session is shown, and what the chosen name would change. */
  readonly text: string;
  /** The engine's decision of the request under the chosen name, in its own words. */
  readonly named: string;
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
  /** The step at which each shown gate is reached (gates of a stopped request: the stop step), by gate id. */
  readonly gateSteps: Readonly<Record<string, number>>;
  /** Every node the journey touches. */
  readonly nodes: readonly string[];
}

export type JourneyResult = { readonly ok: true; readonly journey: Journey } | { readonly ok: false; readonly reason: string };

// ---------------------------------------------------------------------------------------------------
// Building

interface Builder {
  readonly scenario: Scenario;
  readonly evaluation: ScenarioEvaluation;
  readonly hops: Hop[];
  readonly requests: JourneyRequest[];
  readonly swaps: Swap[];
  readonly steps: JourneyStep[];
  readonly gateSteps: Record<string, number>;
  readonly nodes: Set<string>;
}

/**
 * The session an AssumeRole call created, when the call names it: the engine decides a role's drawn edges
 * as the session `DEFAULT_SESSION_NAME`, so the request after the swap is checked under the chosen name.
 */
interface ChosenSession {
  readonly role: IamRole;
  readonly name: string;
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
      // A denied gate before the last one: an implicit deny, and AWS goes on evaluating the other policies.
      return gate.explicit ? 'denies explicitly' : 'allows nothing: an implicit deny (AWS still evaluates the remaining policies)';
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
  // A rule outside the policy documents is explained by its note whatever its state (it has no statement).
  const detail = st ? ` (${statementName(st.ref)})` : gate.note && (gate.state !== 'passed' || gate.stage === 'aws-rule') ? ` — ${gate.note}` : '';
  return `Gate ${n} of ${of}, ${gate.title}: ${gateWord(gate)}${detail}.`;
}

const refKey = (r: StatementRef): string => `${r.source.kind}:${r.source.ownerId ?? ''}:${r.source.name}:${r.source.target ?? ''}:${r.index}:${r.effect}`;

function sameDecision(a: Decision, b: Decision): boolean {
  if (a.decision !== b.decision || a.reason !== b.reason || a.failedStage !== b.failedStage || a.failedAccount !== b.failedAccount) return false;
  const keys = new Set(a.deciding.map(refKey));
  return a.deciding.length === b.deciding.length && b.deciding.every((r) => keys.has(refKey(r)));
}

/**
 * The engine's traced decision of a step, and the request as the session the AssumeRole call named. When
 * the chosen name leaves the decision unchanged (same outcome, reason, failing stage and deciding
 * statements), the journey shows the request as that session; otherwise it keeps the engine's decision of
 * the drawn edge and says what the name would change.
 */
function decideStep(b: Builder, step: EvaluatedStep, chosen: ChosenSession | undefined): { decision: Decision; note?: SessionNote } {
  const drawn = explainStep(b.evaluation, step);
  if (!chosen || chosen.name === DEFAULT_SESSION_NAME) return { decision: drawn };
  const engineArn = sessionArn(chosen.role, DEFAULT_SESSION_NAME);
  if (step.request.principal !== engineArn) return { decision: drawn };
  const named = evaluateRequest(b.evaluation.world, { ...step.request, principal: sessionArn(chosen.role, chosen.name) }, { trace: true });
  if (sameDecision(named, drawn)) return { decision: named };
  const outcome = named.allowed ? 'allowed' : named.decision === 'explicit-deny' ? 'denied explicitly' : 'denied';
  return {
    decision: drawn,
    note: {
      text: `Shown as the session "${sessionLabel(chosen.role.name, DEFAULT_SESSION_NAME)}", as the engine decides ${chosen.role.name}'s drawn edges. Named "${sessionLabel(chosen.role.name, chosen.name)}", as the AssumeRole call asks, this request would be ${outcome}.`,
      named: named.summary,
    },
  };
}

function withJson(scenario: Scenario, refs: readonly StatementRef[]): GateStatement[] {
  return refs.map((ref) => {
    const json = statementJson(scenario, ref);
    return json === undefined ? { ref } : { ref, json };
  });
}

/**
 * Adds one request: its gates as steps along the hop, then the arrival, or the stop at the denying gate.
 */
function addRequest(b: Builder, leg: number, hop: number, evaluationId: string, edgeEval: EdgeEvaluation, stepIndex: number, start = false, chosen?: ChosenSession): JourneyRequest | undefined {
  const step = edgeEval.steps[stepIndex];
  if (!step) return undefined;
  const { decision, note } = decideStep(b, step, chosen);
  const index = b.requests.length;
  const actor = actorOfRequest(b.scenario, decision.request);
  const gates = gatesOf(decision, index).map((g) => ({ ...g, statements: withJson(b.scenario, g.statements.map((s) => s.ref)) }));
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
    deciding: withJson(b.scenario, decision.deciding),
    ...(note !== undefined ? { note } : {}),
  };
  b.requests.push(request);
  if (start) b.steps.push({ kind: 'start', leg, hop, t: 0, actor, request: index, text: startText(actor, request) });
  const shown = gates.map((g, i) => ({ g, i })).filter(({ g }) => isShownOnPath(g));
  const evaluated = shown.filter(({ g }) => g.state !== 'unreached');
  // The token stops at the last failing gate (a cross-account request that neither account allows fails at
  // two). Gates AWS evaluates after it keep their own outcome and are revealed at the stop, as unreached
  // gates are after an explicit Deny.
  let lastDenied = -1;
  evaluated.forEach(({ g }, k) => {
    if (g.state === 'denied') lastDenied = k;
  });
  const reached = lastDenied < 0 ? evaluated : evaluated.slice(0, lastDenied + 1);
  const after = lastDenied < 0 ? [] : evaluated.slice(lastDenied + 1);
  const position = (k: number): number => (shown.length === 1 ? 0.5 : 0.2 + (0.6 * k) / (shown.length - 1));
  reached.forEach(({ g, i }, k) => {
    const stopHere = k === lastDenied;
    b.gateSteps[g.id] = b.steps.length;
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
    // Gates after the stop are shown (not reached, or with their own outcome) from the stop on.
    const stopAt = b.steps.length - 1;
    for (const { g } of shown) if (g.state === 'unreached') b.gateSteps[g.id] = stopAt;
    for (const { g } of after) b.gateSteps[g.id] = stopAt;
    if (reached.length === 0) {
      // The engine denied without a failing stage on the path (should not happen): stop mid-hop.
      b.steps.push({ kind: 'stop', leg, hop, t: 0.5, actor, request: index, text: decision.summary });
    }
  }
  return request;
}

function addSwap(b: Builder, leg: number, hop: number, role: IamRole, from: Actor, to: Actor, assume: AssumeEdge | undefined, sessionName: string | undefined): void {
  const index = b.swaps.length;
  const caps: string[] = [];
  if (role.permissionsBoundary) caps.push(`the permissions boundary of ${role.name}`);
  if (assume?.sessionPolicy) caps.push('the session policy passed to AssumeRole');
  const reach = from.kind === 'service' || !from.nodeId ? [] : reachGivenUp(b.scenario, b.evaluation, from.nodeId, role.id, sessionName);
  b.swaps.push({ index, at: role.id, roleName: role.name, from, to, givenUp: from.policies, takenOn: to.policies, caps, reach });
  const gave = from.kind === 'service' ? `${from.label} has no permissions of its own` : from.policies.length > 0 ? `${from.label}'s own policies (${from.policies.join(', ')}) no longer apply` : `${from.label}'s own permissions no longer apply`;
  const took = to.policies.length > 0 ? `the role's (${to.policies.join(', ')}) do` : 'the role has no identity policies';
  const named = sessionName !== undefined && to.arn === sessionArn(role, sessionName) ? ` The session is named "${sessionName}", as the AssumeRole call asks.` : '';
  b.steps.push({
    kind: 'swap',
    leg,
    hop,
    t: 1,
    actor: to,
    swap: index,
    text: `${from.badge} becomes ${to.badge}. While the session lasts, ${gave}; ${took}.${named}`,
  });
}

function startText(actor: Actor, request: JourneyRequest | undefined): string {
  const what = request ? `${request.action} on ${request.resourceLabel}` : 'its call';
  if (actor.kind === 'service') return `${actor.badge} acts for the rule${actor.carries ? `, carrying ${actor.carries.key} ${actor.carries.value}` : ''}.`;
  if (actor.kind === 'session') return `${actor.badge} calls ${what} with the role's permissions${actor.policies.length ? ` (${actor.policies.join(', ')})` : ''}.`;
  return `${actor.badge} calls ${what} with its own identity and permissions${actor.policies.length ? ` (${actor.policies.join(', ')})` : ''}.`;
}

function stepIndexOf(ev: EdgeEvaluation, edge: Edge, action: string | undefined): number {
  return edge.kind === 'access' ? Math.max(0, ev.steps.findIndex((s) => s.label === (action ?? edge.actions[0]))) : 0;
}

/**
 * Adds the steps of an edge route (assume edges, then an optional access edge). `carried` is the session a
 * previous leg of a tour ended as: a leg that starts at its role goes on as that session.
 */
function addEdgeRoute(b: Builder, leg: number, route: JourneyRoute, carried?: ChosenSession): { ok: true; last: JourneyRequest | undefined; session?: ChosenSession } | { ok: false; reason: string } {
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
  let chosen: ChosenSession | undefined = carried && edges[0]?.from === carried.role.id ? carried : undefined;
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i] as Edge;
    const ev = b.evaluation.edges.get(e.id);
    if (!ev || ev.status === 'invalid' || ev.steps.length === 0) return { ok: false, reason: ev?.summary ?? `The edge ${e.id} has not been evaluated.` };
    const hop = addHop(b, { from: e.from, to: e.to, kind: e.kind, edgeId: e.id, evaluationId: e.id });
    const request = addRequest(b, leg, hop, e.id, ev, stepIndexOf(ev, e, route.action), i === 0, chosen);
    if (!request) return { ok: false, reason: `The edge ${e.id} has no request.` };
    last = request;
    if (!request.decision.allowed) break;
    if (e.kind === 'assume') {
      const role = b.scenario.principals.find((p): p is IamRole => p.id === e.to && p.type === 'iam-role');
      if (!role) return { ok: false, reason: 'An AssumeRole edge must end at an IAM role.' };
      chosen = e.sessionName !== undefined ? { role, name: e.sessionName } : undefined;
      const next = edges[i + 1];
      const nextEval = next ? b.evaluation.edges.get(next.id) : undefined;
      const nextStep = next && nextEval ? nextEval.steps[stepIndexOf(nextEval, next, route.action)] : undefined;
      // After the swap the token shows exactly the principal of the next request as the journey shows it;
      // with nothing next, the session the AssumeRole call creates.
      const to = nextStep ? actorOfRequest(b.scenario, decideStep(b, nextStep, chosen).decision.request) : sessionActor(b.scenario, role, e.sessionName ?? DEFAULT_SESSION_NAME);
      addSwap(b, leg, hop, role, request.actor, to, e, e.sessionName);
    } else {
      return { ok: true, last, ...(chosen ? { session: chosen } : {}) };
    }
  }
  return { ok: true, last, ...(chosen ? { session: chosen } : {}) };
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
  // The drawn edge goes from the rule straight to the target ("as <role>"): the journey makes the detour
  // through the role's node, where the swap happens.
  const assumeHop = addHop(b, { from: rule.id, to: role.id, kind: 'assume', evaluationId: targetId });
  const assumed = addRequest(b, leg, assumeHop, targetId, ev, 0);
  if (!assumed || !assumed.decision.allowed) return { ok: true, last: assumed };
  const second = ev.steps[1];
  const to = second ? actorOfRequest(b.scenario, explainStep(b.evaluation, second).request) : sessionActor(b.scenario, role, DEFAULT_SESSION_NAME);
  addSwap(b, leg, assumeHop, role, assumed.actor, to, undefined, undefined);
  const deliverHop = addHop(b, { from: role.id, to: target.resourceId, kind: 'access', evaluationId: targetId });
  return { ok: true, last: addRequest(b, leg, deliverHop, targetId, ev, 1) };
}

/**
 * Builds the journey of one route, or a tour of several routes played one after the other (the compare
 * view plays "scan the table, then write the bucket" as one tour).
 */
export function buildJourney(scenario: Scenario, evaluation: ScenarioEvaluation, routes: JourneyRoute | readonly JourneyRoute[]): JourneyResult {
  const list = Array.isArray(routes) ? (routes as readonly JourneyRoute[]) : [routes as JourneyRoute];
  if (list.length === 0) return { ok: false, reason: 'Nothing to play.' };
  const b: Builder = { scenario, evaluation, hops: [], requests: [], swaps: [], steps: [], gateSteps: {}, nodes: new Set() };
  const legs: JourneyLeg[] = [];
  let kind: JourneyKind = 'keep-identity';
  let session: ChosenSession | undefined;
  for (const route of list) {
    const leg = legs.length;
    const firstStep = b.steps.length;
    const target = isTargetRoute(scenario, route);
    const result = target ? addTargetRoute(b, leg, route.edges[0] as string) : addEdgeRoute(b, leg, route, session);
    if (!result.ok) return result;
    session = 'session' in result ? result.session : undefined;
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
