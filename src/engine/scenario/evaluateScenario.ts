import type { Principal, Scenario } from '../../model';
import { evaluateRequest } from '../evaluate/evaluate';
import type { Decision } from '../trace';
import type { Request } from '../world';
import { buildWorld, type ScenarioWorld } from './buildWorld';
import { accessRequests, assumeRequest, targetRequests } from './requests';

/** How an edge is drawn: `mixed` when some actions of an access edge are allowed and others not. */
export type EdgeStatus = 'allowed' | 'explicit-deny' | 'implicit-deny' | 'mixed' | 'invalid';

/** One evaluated request of an edge: one action, the AssumeRole call, or one hop of an EventBridge delivery. */
export interface EvaluatedStep {
  /** Short label: the action, or "EventBridge assumes ExportRole". */
  readonly label: string;
  readonly request: Request;
  /** Decision without statement-level detail; call `explainStep` for the full trace. */
  readonly decision: Decision;
}

export interface EdgeEvaluation {
  /** Edge id, or rule target id for EventBridge deliveries. */
  readonly id: string;
  readonly kind: 'access' | 'assume' | 'target';
  readonly status: EdgeStatus;
  /** One sentence for the whole edge. */
  readonly summary: string;
  readonly steps: readonly EvaluatedStep[];
}

export interface ScenarioEvaluation {
  readonly world: ScenarioWorld;
  readonly edges: ReadonlyMap<string, EdgeEvaluation>;
  /** The inputs each result was computed from, compared by reference on re-evaluation. */
  readonly inputs: ReadonlyMap<string, readonly unknown[]>;
  readonly stats: { readonly evaluated: number; readonly reused: number };
}

function statusOf(decisions: readonly Decision[]): EdgeStatus {
  if (decisions.length === 0) return 'invalid';
  const allowed = decisions.filter((d) => d.allowed).length;
  if (allowed === decisions.length) return 'allowed';
  if (allowed > 0) return 'mixed';
  return decisions.some((d) => d.decision === 'explicit-deny') ? 'explicit-deny' : 'implicit-deny';
}

function sameInputs(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function invalid(id: string, kind: EdgeEvaluation['kind'], summary: string): EdgeEvaluation {
  return { id, kind, status: 'invalid', summary, steps: [] };
}

function step(world: ScenarioWorld, label: string, request: Request): EvaluatedStep {
  return { label, request, decision: evaluateRequest(world, request) };
}

/**
 * Decides every edge and every EventBridge rule target of a scenario.
 *
 * With `previous`, an edge whose inputs (the edge, its endpoints, their accounts and organizations — by
 * reference) are unchanged keeps its previous result, so a policy edit re-evaluates only the edges that
 * policy can affect. Scenario updates must therefore be immutable, as the store's are.
 */
export function evaluateScenario(scenario: Scenario, previous?: ScenarioEvaluation): ScenarioEvaluation {
  const world = buildWorld(scenario);
  const edges = new Map<string, EdgeEvaluation>();
  const inputs = new Map<string, readonly unknown[]>();
  let evaluated = 0;
  let reused = 0;
  const accountInputs = (accountId: string | undefined): unknown[] => {
    if (accountId === undefined) return [undefined, undefined];
    const account = world.accountsById.get(accountId);
    return [account, account?.organizationId ? world.orgsById.get(account.organizationId) : undefined];
  };
  const principalInputs = (p: Principal | undefined): unknown[] => [p, ...accountInputs(p && p.type !== 'service' ? p.accountId : undefined)];
  const remember = (id: string, deps: unknown[], compute: () => EdgeEvaluation): void => {
    const before = previous?.edges.get(id);
    if (before && sameInputs(previous?.inputs.get(id), deps)) {
      edges.set(id, before);
      reused++;
    } else {
      edges.set(id, compute());
      evaluated++;
    }
    inputs.set(id, deps);
  };

  for (const edge of scenario.edges) {
    const p = world.principalsById.get(edge.from)?.model;
    if (edge.kind === 'access') {
      const r = world.resourcesById.get(edge.to)?.model;
      remember(edge.id, [edge, ...principalInputs(p), r, ...accountInputs(r?.accountId)], () => {
        if (!p || !r) return invalid(edge.id, 'access', 'This edge has a missing endpoint.');
        const steps = accessRequests(world, edge, p, r).map((req) => step(world, req.action, req));
        const status = statusOf(steps.map((s) => s.decision));
        const firstDenied = steps.find((s) => !s.decision.allowed);
        const summary =
          steps.length === 1 || status === 'allowed' || !firstDenied
            ? (steps[0]?.decision.summary ?? '')
            : status === 'mixed'
              ? `Mixed: ${steps.map((s) => `${s.label} ${s.decision.allowed ? 'allowed' : 'denied'}`).join(', ')}. ${firstDenied.decision.summary}`
              : firstDenied.decision.summary;
        return { id: edge.id, kind: 'access', status, summary, steps };
      });
    } else {
      const role = world.principalsById.get(edge.to)?.model;
      remember(edge.id, [edge, ...principalInputs(p), ...principalInputs(role)], () => {
        if (!p || !role || role.type !== 'iam-role') return invalid(edge.id, 'assume', 'An AssumeRole edge must end at an IAM role.');
        const s = step(world, 'sts:AssumeRole', assumeRequest(world, edge, p, role));
        return { id: edge.id, kind: 'assume', status: statusOf([s.decision]), summary: s.decision.summary, steps: [s] };
      });
    }
  }

  for (const rule of scenario.rules) {
    const bus = world.resourcesById.get(rule.busId)?.model;
    for (const target of rule.targets) {
      const r = world.resourcesById.get(target.resourceId)?.model;
      const role = target.roleId !== undefined ? world.principalsById.get(target.roleId)?.model : undefined;
      remember(target.id, [rule, target, bus, ...accountInputs(bus?.accountId), r, ...accountInputs(r?.accountId), ...principalInputs(role)], () => {
        if (!bus || !r) return invalid(target.id, 'target', 'This rule target has a missing bus or resource.');
        const plan = targetRequests(world, rule, bus, r, role);
        if (plan.problem) return { id: target.id, kind: 'target', status: 'implicit-deny', summary: `Denied: ${plan.problem}`, steps: [] };
        const steps = plan.requests.map((req, i) =>
          step(world, plan.requests.length === 2 && i === 0 ? `EventBridge assumes ${role?.name ?? 'the role'}` : req.action, req),
        );
        const failed = steps.find((s) => !s.decision.allowed);
        const status = failed ? statusOf([failed.decision]) : 'allowed';
        const summary = failed
          ? steps.length === 2 && failed === steps[0]
            ? `EventBridge cannot assume ${role?.name ?? 'the role'}. ${failed.decision.summary}`
            : failed.decision.summary
          : steps.length === 2
            ? `Allowed: EventBridge assumes ${role?.name ?? 'the role'} and, as its session, may ${plan.action} on ${r.name}.`
            : (steps[0]?.decision.summary ?? '');
        return { id: target.id, kind: 'target', status, summary, steps };
      });
    }
  }

  return { world, edges, inputs, stats: { evaluated, reused } };
}

/** The full, statement-level trace of one step, for the explanation panel. */
export function explainStep(evaluation: ScenarioEvaluation, s: EvaluatedStep): Decision {
  return evaluateRequest(evaluation.world, s.request, { trace: true });
}
