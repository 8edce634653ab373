import { applyChanges, policyAt, RESOURCE_TYPES, type PolicyDocument, type Scenario, type ScenarioChange } from '../../model';
import type { Statement } from '../policy/types';
import { compileResourcePattern, wildcardMatch } from '../policy/wildcard';
import { actionResourceArn } from '../scenario/requests';
import type { EvaluatedStep, ScenarioEvaluation } from '../scenario/evaluateScenario';
import type { StatementRef } from '../trace';
import { policyText, sideBySide } from './diff';
import { addressOf, edgeLabel } from './documents';
import { previewScenario } from './preview';
import { statementsOf, type Json } from './statements';
import type { Excess, LeastPrivilege, LeastPrivilegeStatement } from './types';

/**
 * The identity policy that allows exactly a principal's allowed drawn requests: one statement per service,
 * condition and set of actions, each naming the exact resource ARNs (an S3 object action names the object
 * ARN the edge addresses). Requests that a resource policy admits on its own need no identity permission
 * and are left out (IAM: Policy evaluation for requests within a single account). The conditions of the
 * statements that grant a request today are kept, so the policy is never wider than the current one for it.
 */

const MAX_EXCESS = 60;

interface Grant {
  readonly service: string;
  readonly action: string;
  readonly resource: string;
  readonly condition: string;
  readonly edge: string;
}

const serviceOf = (action: string): string => action.slice(0, Math.max(0, action.indexOf(':'))).toLowerCase() || '*';
const capital = (service: string): string => service.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());

/** Whether a normalized Allow statement covers an action on a resource, conditions aside. */
function covers(st: Statement, action: string, resource: string): boolean {
  const a = st.action ? st.action.some((p) => wildcardMatch(p, action, true)) : !(st.notAction ?? []).some((p) => wildcardMatch(p, action, true));
  if (!a) return false;
  if (st.resource) return st.resource.some((p) => compileResourcePattern(p)(resource));
  if (st.notResource) return !st.notResource.some((p) => compileResourcePattern(p)(resource));
  return false;
}

/** The least-privilege identity policy of `principalId`, beside its current policies, with what they grant beyond it. */
export function leastPrivilege(scenario: Scenario, evaluation: ScenarioEvaluation, principalId: string): LeastPrivilege {
  const p = scenario.principals.find((x) => x.id === principalId);
  const none = (reason: string): LeastPrivilege => ({ principalId, principalName: p?.name ?? principalId, ok: false, reason, policyName: '', statements: [], excess: [], notNeeded: [], kept: [], sideEffects: [] });
  if (!p) return none('This principal is not in the scenario.');
  if (p.type === 'service') return none('A service principal has no identity policies: what it may do is said by resource policies and trust policies.');
  if (p.type === 'account-root') return none('The root user has every permission of its account and takes no identity policy: restrict it with an SCP, or do not use it.');
  // The requests the principal makes as itself (a role: as its sessions).
  const made: { id: string; step: EvaluatedStep }[] = [];
  for (const e of scenario.edges) {
    if (e.from !== p.id) continue;
    for (const step of evaluation.edges.get(e.id)?.steps ?? []) made.push({ id: e.id, step });
  }
  for (const rule of scenario.rules) {
    for (const t of rule.targets) {
      if (t.roleId !== p.id) continue;
      const steps = evaluation.edges.get(t.id)?.steps ?? [];
      // The delivery's second request is the role's session calling the target.
      const call = steps.length === 2 ? steps[1] : undefined;
      if (call) made.push({ id: t.id, step: call });
    }
  }
  const grants: Grant[] = [];
  const notNeeded: LeastPrivilege['notNeeded'][number][] = [];
  for (const { id, step } of made) {
    if (!step.verdict.allowed) continue;
    const d = step.decision;
    const identityRefs = d.deciding.filter((r) => r.source.kind === 'identity');
    if (identityRefs.length === 0) {
      const why = d.reason === 'allowed-no-permission-needed' ? `${d.request.action} needs no permission` : `${d.request.resourceLabel}'s resource policy admits ${p.name} on its own`;
      notNeeded.push({ id, label: `${edgeLabel(scenario, id)} (${step.label})`, why });
      continue;
    }
    // Conditions of the statements relied on: none when one of them has none.
    let condition = '';
    const conditions = identityRefs.map((r) => conditionOfRef(scenario, r));
    if (conditions.every((c) => c !== undefined)) condition = JSON.stringify(conditions[0]);
    grants.push({ service: serviceOf(d.request.action), action: d.request.action, resource: d.request.resource, condition, edge: id });
  }
  // Grouped by service and condition; within them, resources that need the same actions share a statement,
  // so no action is granted on a resource that does not need it.
  const statements: LeastPrivilegeStatement[] = [];
  const byService = new Map<string, Grant[]>();
  for (const g of grants) byService.set(`${g.service}\n${g.condition}`, [...(byService.get(`${g.service}\n${g.condition}`) ?? []), g]);
  const sidCount = new Map<string, number>();
  for (const list of [...byService.values()].sort((a, b) => (a[0] as Grant).service.localeCompare((b[0] as Grant).service))) {
    const first = list[0] as Grant;
    const actionsOf = new Map<string, Set<string>>();
    const edgesOf = new Map<string, Set<string>>();
    for (const g of list) {
      actionsOf.set(g.resource, (actionsOf.get(g.resource) ?? new Set()).add(g.action));
      edgesOf.set(g.resource, (edgesOf.get(g.resource) ?? new Set()).add(g.edge));
    }
    const bySet = new Map<string, string[]>();
    for (const [resource, actions] of actionsOf) {
      const key = [...actions].sort().join(',');
      bySet.set(key, [...(bySet.get(key) ?? []), resource]);
    }
    for (const [key, resources] of bySet) {
      const base = `Allow${capital(first.service)}`;
      const n = (sidCount.get(base) ?? 0) + 1;
      sidCount.set(base, n);
      statements.push({
        sid: n === 1 ? base : `${base}${n}`,
        service: first.service,
        actions: key.split(','),
        resources: resources.sort(),
        ...(first.condition ? { condition: JSON.parse(first.condition) as Record<string, unknown> } : {}),
        edges: [...new Set(resources.flatMap((r) => [...(edgesOf.get(r) ?? [])]))],
      });
    }
  }
  const policyName = `${p.name.replace(/[^\w+=,.@-]/g, '')}LeastPrivilege`.slice(0, 128);
  const document = {
    Version: '2012-10-17',
    Statement: statements.map((s) => ({ Sid: s.sid, Effect: 'Allow', Action: s.actions.length === 1 ? s.actions[0] : s.actions, Resource: s.resources.length === 1 ? s.resources[0] : s.resources, ...(s.condition ? { Condition: s.condition } : {}) })),
  };
  const world = evaluation.world.principalsById.get(p.id)?.entity;
  const current = world?.identityPolicies ?? [];
  // The current policies in one JSON text, each under its caption, beside the generated one.
  const caption = (name: string, managed: { aws: boolean } | undefined, via: { groupName: string } | undefined): string => `${name}${managed ? (managed.aws ? ' (AWS managed)' : ' (customer managed)') : ' (inline)'}${via ? ` via group ${via.groupName}` : ''}`;
  const beforeObj: Record<string, unknown> = {};
  for (const sp of current) {
    const a = addressOf(scenario, sp.source);
    const raw = a ? policyAt(scenario, a) : undefined;
    beforeObj[caption(sp.source.name, sp.source.managed, sp.source.via)] = raw ?? null;
  }
  const afterObj: Record<string, unknown> = { [`${policyName} (inline)`]: document };
  for (const sp of current) if (sp.source.via) afterObj[caption(sp.source.name, sp.source.managed, sp.source.via)] = beforeObj[caption(sp.source.name, sp.source.managed, sp.source.via)];
  const beforeText = policyText(beforeObj);
  const afterText = policyText(afterObj);
  const kept = [...new Set(current.filter((sp) => sp.source.via).map((sp) => `${sp.source.name} via group ${sp.source.via?.groupName}`))];
  // What the current policies grant that the generated one does not.
  const excess: Excess[] = [];
  const used = new Set(grants.map((g) => g.action.toLowerCase()));
  const usedResources = new Set(grants.map((g) => g.resource));
  const add = (e: Excess): void => {
    if (excess.length < MAX_EXCESS && !excess.some((x) => x.text === e.text)) excess.push(e);
  };
  const generated = statements.map((s) => ({ action: s.actions, resource: s.resources }) as unknown as Statement);
  for (const sp of current) {
    for (const st of sp.policy.statements) {
      if (st.effect !== 'Allow') continue;
      const ref: StatementRef = { source: sp.source, index: st.index, effect: 'Allow', ...(st.sid !== undefined ? { sid: st.sid } : {}) };
      for (const a of st.action ?? []) {
        if (a === '*') add({ statement: ref, kind: 'wildcard-action', text: 'Action "*": every action of every service' });
        else if (/[*?]/.test(a)) add({ statement: ref, kind: 'wildcard-action', text: `Action "${a}": every ${serviceOf(a)} action it matches` });
        else if (!used.has(a.toLowerCase())) add({ statement: ref, kind: 'unused-action', text: `${a}: no allowed edge uses it` });
      }
      if (st.notAction) add({ statement: ref, kind: 'wildcard-action', text: `NotAction: every action except ${st.notAction.join(', ')}` });
      for (const r of st.resource ?? []) {
        if (r === '*') add({ statement: ref, kind: 'wildcard-resource', text: 'Resource "*": every resource in every account' });
        else if (/[*?]/.test(r) && ![...usedResources].every((u) => u === r)) add({ statement: ref, kind: 'wildcard-resource', text: `Resource "${r}": every resource it matches` });
        else if (!/[*?]/.test(r) && !usedResources.has(r)) add({ statement: ref, kind: 'unused-resource', text: `${r}: no allowed edge reaches it` });
      }
      if (st.notResource) add({ statement: ref, kind: 'wildcard-resource', text: `NotResource: every resource except ${st.notResource.join(', ')}` });
      // Concretely, on what is drawn: the common actions of each drawn resource the statement covers and the
      // generated policy does not.
      for (const r of scenario.resources) {
        for (const action of RESOURCE_TYPES[r.type].commonActions) {
          const arn = actionResourceArn(r, action, undefined);
          if (covers(st, action, arn) && !generated.some((g) => covers(g, action, arn))) add({ statement: ref, kind: 'drawn-request', text: `${action} on ${r.name}` });
        }
      }
    }
  }
  const before = { policies: p.policies, managedPolicyIds: p.managedPolicyIds ?? [] };
  const replace: ScenarioChange = { type: 'identity', principalId: p.id, before, after: { policies: [{ name: policyName, document: document as PolicyDocument }], managedPolicyIds: [] } };
  const applied = applyChanges(scenario, [replace]);
  const sideEffects = 'scenario' in applied ? previewScenario(scenario, evaluation, applied.scenario).changes : [];
  return {
    principalId,
    principalName: p.name,
    ok: true,
    policyName,
    document,
    statements,
    diff: { title: `Identity policies of ${p.name}`, address: { kind: 'inline', principalId: p.id, name: policyName }, account: p.accountId, beforeText, afterText, rows: sideBySide(beforeText, afterText) },
    excess,
    notNeeded,
    kept,
    replace,
    sideEffects,
  };
}

/** The Condition block of the raw statement a ref points at (undefined when it has none). */
function conditionOfRef(s: Scenario, ref: StatementRef): Json | undefined {
  const a = addressOf(s, ref.source);
  if (!a) return undefined;
  const st = statementsOf(policyAt(s, a))[ref.index];
  const c = st?.Condition;
  return typeof c === 'object' && c !== null && !Array.isArray(c) && Object.keys(c).length > 0 ? (c as Json) : undefined;
}
