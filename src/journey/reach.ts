import type { Decision, ScenarioEvaluation } from '../engine';
import { decideRequest, evaluateRequest } from '../engine/evaluate/evaluate';
import { DEFAULT_SESSION_NAME, evaluateScenario } from '../engine/scenario';
import { sessionArn, sessionLabel, usedIds, type AccessEdge, type IamRole, type Scenario } from '../model';

/**
 * What a caller gives up by assuming a role: each of the caller's drawn requests decided as the caller
 * (the engine's result for the edge) and again as the role's session. The second decision also comes from
 * the engine: the same edge is drawn from the role in a scratch copy of the scenario and evaluated there,
 * so the request is built and decided exactly as any drawn edge would be.
 */
export interface ReachChange {
  /** The caller's drawn edge. */
  readonly edgeId: string;
  readonly action: string;
  readonly resourceId: string;
  readonly resourceLabel: string;
  readonly asCaller: Decision;
  readonly asSession: Decision;
  /**
   * Set when the AssumeRole call names its session and, under that name, the engine would decide the
   * request otherwise than as the session it decides drawn edges as (`asSession` is then the latter;
   * without a note it is the decision for the named session).
   */
  readonly note?: string;
}

/**
 * The caller's access edges, decided as the caller and as a session of `roleId`. With `sessionName` (the
 * name the AssumeRole call chose), each session decision is also checked under that name.
 */
export function reachGivenUp(scenario: Scenario, evaluation: ScenarioEvaluation, callerId: string, roleId: string, sessionName?: string): ReachChange[] {
  const own = scenario.edges.filter((e): e is AccessEdge => e.kind === 'access' && e.from === callerId);
  if (own.length === 0 || callerId === roleId) return [];
  const taken = usedIds(scenario);
  const probes = own.map((e): AccessEdge => {
    let id = `${e.id}~as-${roleId}`;
    while (taken.has(id)) id = `${id}~`;
    taken.add(id);
    return { ...e, id, from: roleId };
  });
  // Unchanged edges are reused from `evaluation`; only the probes are decided.
  const probed = evaluateScenario({ ...scenario, edges: [...scenario.edges, ...probes] }, evaluation);
  const role = scenario.principals.find((p): p is IamRole => p.id === roleId && p.type === 'iam-role');
  const renamed = role && sessionName !== undefined && sessionName !== DEFAULT_SESSION_NAME ? sessionArn(role, sessionName) : undefined;
  const out: ReachChange[] = [];
  own.forEach((edge, i) => {
    const mine = evaluation.edges.get(edge.id);
    const theirs = probed.edges.get(probes[i]?.id ?? '');
    for (const action of edge.actions) {
      const asCaller = mine?.steps.find((s) => s.label === action)?.decision;
      const step = theirs?.steps.find((s) => s.label === action);
      const asSession = step?.decision;
      if (!asCaller || !step || !asSession) continue;
      let note: string | undefined;
      let shown = asSession;
      if (renamed && role) {
        // The session the AssumeRole call named: shown as that session when the name changes nothing.
        const request = { ...step.request, principal: renamed };
        const v = decideRequest(probed.world, request);
        if (v.allowed !== asSession.allowed || v.decision !== asSession.decision || v.reason !== asSession.reason || v.failedStage !== asSession.failedStage) {
          note = `As the session "${sessionLabel(role.name, sessionName ?? DEFAULT_SESSION_NAME)}" the AssumeRole call names, the engine would decide this ${v.allowed ? 'allowed' : 'denied'}; shown is the session "${sessionLabel(role.name, DEFAULT_SESSION_NAME)}" the engine decides ${role.name}'s edges as.`;
        } else {
          shown = evaluateRequest(probed.world, request);
        }
      }
      out.push({ edgeId: edge.id, action, resourceId: edge.to, resourceLabel: asCaller.request.resourceLabel, asCaller, asSession: shown, ...(note !== undefined ? { note } : {}) });
    }
  });
  return out;
}
