import type { Edge as FlowEdge, Node as FlowNode } from '@xyflow/react';
import type { EdgeEvaluation, ScenarioEvaluation } from '../engine';
import { principalArn, resourceArn, ruleArn, DEFAULT_ACCOUNT_SIZE, type Account, type EventRule, type Principal, type Resource, type Scenario } from '../model';

/**
 * Derives React Flow nodes and edges from the scenario, its layout and its evaluation. Pure: React Flow
 * objects are a view of the scenario, never the domain model. Objects are reused while their inputs are
 * unchanged so React Flow and memoized nodes skip work.
 */

export const NODE_WIDTH = 188;
export const NODE_HEIGHT = 60;

export type AccountNodeData = { readonly account: Account; readonly orgName?: string; readonly isManagement: boolean; readonly count: number };
export type PrincipalNodeData = { readonly principal: Principal; readonly arn: string };
export type ResourceNodeData = { readonly resource: Resource; readonly arn: string };
export type RuleNodeData = { readonly rule: EventRule; readonly arn: string };
export type DecisionEdgeData = {
  readonly kind: 'access' | 'assume' | 'target';
  readonly evaluation?: EdgeEvaluation;
  /** Rule targets: how EventBridge delivers (by resource policy, or through a role). */
  readonly via?: string;
};

export type AccountFlowNode = FlowNode<AccountNodeData, 'account'>;
export type PrincipalFlowNode = FlowNode<PrincipalNodeData, 'principal'>;
export type ResourceFlowNode = FlowNode<ResourceNodeData, 'resource'>;
export type RuleFlowNode = FlowNode<RuleNodeData, 'rule'>;
export type AppNode = AccountFlowNode | PrincipalFlowNode | ResourceFlowNode | RuleFlowNode;
export type DecisionFlowEdge = FlowEdge<DecisionEdgeData, 'decision'>;

/** Where a node without a stored position goes: principals in the left column, resources and rules in
 * the right one, leaving room between them for edges and their labels. */
function autoPosition(index: number, column: 0 | 1): { x: number; y: number } {
  return { x: 16 + column * (NODE_WIDTH + 120), y: 52 + index * (NODE_HEIGHT + 36) };
}

export interface FlowGraph {
  readonly nodes: AppNode[];
  readonly edges: DecisionFlowEdge[];
}

export function toFlow(scenario: Scenario, evaluation: ScenarioEvaluation | undefined, selected: ReadonlySet<string>): FlowGraph {
  const { layout } = scenario;
  const nodes: AppNode[] = [];
  const orgs = new Map(scenario.organizations.map((o) => [o.id, o]));
  const perAccount = new Map<string, number>();
  const place = (id: string, accountId: string | undefined, column: 0 | 1): { x: number; y: number } => {
    const stored = layout.nodes[id];
    if (stored) return { x: stored.x, y: stored.y };
    const key = `${accountId ?? ''}/${column}`;
    const n = perAccount.get(key) ?? 0;
    perAccount.set(key, n + 1);
    return autoPosition(n, column);
  };
  const inAccount = new Map<string, number>();
  for (const p of scenario.principals) if (p.type !== 'service') inAccount.set(p.accountId, (inAccount.get(p.accountId) ?? 0) + 1);
  for (const r of scenario.resources) inAccount.set(r.accountId, (inAccount.get(r.accountId) ?? 0) + 1);

  scenario.accounts.forEach((account, i) => {
    const stored = layout.nodes[account.id];
    const org = account.organizationId ? orgs.get(account.organizationId) : undefined;
    nodes.push({
      id: account.id,
      type: 'account',
      position: stored ? { x: stored.x, y: stored.y } : { x: i * (DEFAULT_ACCOUNT_SIZE.width + 60), y: 0 },
      width: stored?.width ?? DEFAULT_ACCOUNT_SIZE.width,
      height: stored?.height ?? DEFAULT_ACCOUNT_SIZE.height,
      data: { account, ...(org ? { orgName: org.name } : {}), isManagement: org?.managementAccountId === account.id, count: inAccount.get(account.id) ?? 0 },
      selected: selected.has(account.id),
      dragHandle: '.account-drag-handle',
      zIndex: 0,
      ariaLabel: `Account ${account.name} (${account.id})`,
    });
  });
  const accountIds = new Set(scenario.accounts.map((a) => a.id));
  for (const p of scenario.principals) {
    const parent = p.type !== 'service' && accountIds.has(p.accountId) ? p.accountId : undefined;
    nodes.push({
      id: p.id,
      type: 'principal',
      position: place(p.id, parent, 0),
      ...(parent ? { parentId: parent } : {}),
      data: { principal: p, arn: principalArn(p) },
      selected: selected.has(p.id),
      zIndex: 1,
      ariaLabel: `${p.type === 'iam-user' ? 'IAM user' : p.type === 'iam-role' ? 'IAM role' : p.type === 'account-root' ? 'Account root user' : 'Service principal'} ${p.name}`,
    });
  }
  const busById = new Map(scenario.resources.filter((r) => r.type === 'events-bus').map((r) => [r.id, r]));
  for (const r of scenario.resources) {
    const parent = accountIds.has(r.accountId) ? r.accountId : undefined;
    nodes.push({
      id: r.id,
      type: 'resource',
      position: place(r.id, parent, 1),
      ...(parent ? { parentId: parent } : {}),
      data: { resource: r, arn: resourceArn(r) },
      selected: selected.has(r.id),
      zIndex: 1,
      ariaLabel: `${r.type} ${r.name}`,
    });
  }
  for (const rule of scenario.rules) {
    const bus = busById.get(rule.busId);
    const parent = bus && accountIds.has(bus.accountId) ? bus.accountId : undefined;
    nodes.push({
      id: rule.id,
      type: 'rule',
      position: place(rule.id, parent, 0),
      ...(parent ? { parentId: parent } : {}),
      data: { rule, arn: bus ? ruleArn(rule, bus) : '' },
      selected: selected.has(rule.id),
      zIndex: 1,
      ariaLabel: `EventBridge rule ${rule.name}`,
    });
  }

  const edges: DecisionFlowEdge[] = [];
  for (const e of scenario.edges) {
    const ev = evaluation?.edges.get(e.id);
    edges.push({
      id: e.id,
      type: 'decision',
      source: e.from,
      target: e.to,
      data: { kind: e.kind, ...(ev ? { evaluation: ev } : {}) },
      selected: selected.has(e.id),
      zIndex: 2,
      ariaLabel: `${e.kind === 'assume' ? 'AssumeRole' : 'Access'} edge: ${ev?.status ?? 'not evaluated'}`,
    });
  }
  for (const rule of scenario.rules) {
    for (const t of rule.targets) {
      const ev = evaluation?.edges.get(t.id);
      edges.push({
        id: t.id,
        type: 'decision',
        source: rule.id,
        target: t.resourceId,
        data: { kind: 'target', ...(ev ? { evaluation: ev } : {}), ...(t.roleId ? { via: scenario.principals.find((p) => p.id === t.roleId)?.name ?? t.roleId } : {}) },
        selected: selected.has(t.id),
        zIndex: 2,
        ariaLabel: `Rule target: ${ev?.status ?? 'not evaluated'}`,
      });
    }
  }
  return { nodes, edges };
}
