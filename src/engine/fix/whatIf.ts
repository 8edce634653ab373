import type { Scenario } from '../../model';
import type { ScenarioEvaluation } from '../scenario/evaluateScenario';
import { policyText, sideBySide } from './diff';
import { policiesOf, policyAccount, policyTitle } from './documents';
import { edgeChanges } from './preview';
import type { PolicyDiff, WhatIf } from './types';

/**
 * What changes from `baseline` to `current`: the edges whose decision differs (allowed → denied and back,
 * with each action of a multi-action edge), edges and entities only in one of them, and a side-by-side diff
 * of every policy document that differs. Edges, entities and policies are matched by id.
 */
export function compareScenarios(current: Scenario, currentEvaluation: ScenarioEvaluation, baseline: Scenario, baselineEvaluation: ScenarioEvaluation, baselineLabel: string): WhatIf {
  const changed = edgeChanges(baseline, baselineEvaluation, current, currentEvaluation);
  const changedIds = new Set(changed.map((c) => c.id));
  let unchanged = 0;
  for (const id of currentEvaluation.edges.keys()) if (baselineEvaluation.edges.has(id) && !changedIds.has(id)) unchanged++;
  // Decision changes first (allowed ↔ denied), then edges only in one version.
  const rank = (c: (typeof changed)[number]): number => (c.before === 'absent' || c.after === 'absent' ? 1 : 0);
  changed.sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label));
  const before = policiesOf(baseline);
  const after = policiesOf(current);
  const policies: PolicyDiff[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(key);
    const a = after.get(key);
    // Versions that share objects (the undo history) share unchanged documents: nothing to compare.
    if (a && b && a.document === b.document) continue;
    const beforeText = policyText(b?.document);
    const afterText = policyText(a?.document);
    if (beforeText === afterText) continue;
    const address = (a ?? b)?.address;
    if (!address) continue;
    const owner = a ? current : baseline;
    const account = policyAccount(owner, address);
    policies.push({ title: policyTitle(owner, address), address, ...(account !== undefined ? { account } : {}), beforeText, afterText, rows: sideBySide(beforeText, afterText) });
  }
  policies.sort((a, b) => a.title.localeCompare(b.title));
  const entities: WhatIf['entities'][number][] = [];
  const kinds: Array<[string, (s: Scenario) => readonly { id: string; name?: string }[]]> = [
    ['account', (s) => s.accounts],
    ['principal', (s) => s.principals],
    ['group', (s) => s.groups],
    ['managed policy', (s) => s.managedPolicies],
    ['resource', (s) => s.resources],
    ['rule', (s) => s.rules],
    ['organization', (s) => s.organizations],
  ];
  for (const [kind, list] of kinds) {
    const was = new Map(list(baseline).map((x) => [x.id, x]));
    const now = new Map(list(current).map((x) => [x.id, x]));
    for (const [id, x] of now) if (!was.has(id)) entities.push({ text: `${kind} ${x.name ?? id} added`, change: 'added' });
    for (const [id, x] of was) if (!now.has(id)) entities.push({ text: `${kind} ${x.name ?? id} removed`, change: 'removed' });
  }
  return { baseline: baselineLabel, baselineName: baseline.name, currentName: current.name, changed, unchanged, policies, entities };
}
