import { describe, expect, it } from 'vitest';
import { checkPolicyText, type PolicyContextKind } from '../engine';
import { judgeAction } from '../engine/check/actions';
import type { Scenario } from '../model';
import { seedCrossAccount } from '../model/fixtures/seedCrossAccount';
import { LESSONS } from './index';

/** Every policy of a scenario with the kind the editor checks it as. */
function policiesOf(s: Scenario): Array<{ where: string; kind: PolicyContextKind; resourceType?: string; document: unknown }> {
  const out: Array<{ where: string; kind: PolicyContextKind; resourceType?: string; document: unknown }> = [];
  for (const p of s.principals) {
    if (p.type !== 'iam-user' && p.type !== 'iam-role') continue;
    for (const n of p.policies) out.push({ where: `${p.id}/${n.name}`, kind: 'identity', document: n.document });
    if (p.permissionsBoundary) out.push({ where: `${p.id}/boundary`, kind: 'boundary', document: p.permissionsBoundary });
    if (p.type === 'iam-role') out.push({ where: `${p.id}/trust`, kind: 'trust', document: p.trustPolicy });
  }
  for (const r of s.resources) if (r.policy) out.push({ where: `${r.id}/policy`, kind: r.type === 'kms-key' ? 'key' : 'resource', resourceType: r.type, document: r.policy });
  for (const o of s.organizations) for (const p of o.policies) out.push({ where: `${o.id}/${p.id}`, kind: p.type, document: p.document });
  for (const e of s.edges) if (e.sessionPolicy) out.push({ where: `${e.id}/session`, kind: 'session', document: e.sessionPolicy });
  return out;
}

const scenarios: Array<[string, Scenario]> = [
  ['the example', seedCrossAccount],
  ...LESSONS.flatMap((l): Array<[string, Scenario]> => [[l.id, l.scenario], ...l.tryThis.map((t): [string, Scenario] => [`${l.id} after "${t.id}"`, t.apply(l.scenario)])]),
];

describe('action names in the lessons and the example', () => {
  it.each(scenarios)('Given %s, when its policies are checked, then no action is reported as undefined by its service', (_name, s) => {
    expect(policiesOf(s).length).toBeGreaterThan(0);
    const found = policiesOf(s).flatMap(({ where, kind, resourceType, document }) =>
      checkPolicyText(JSON.stringify(document, null, 2), { kind, ...(resourceType ? { resourceType } : {}) })
        .filter((p) => p.code === 'unknown-action')
        .map((p) => `${where}: ${p.message}`),
    );
    expect(found).toEqual([]);
  });
  it.each(scenarios)('Given %s, then every action an edge asks for is one its service defines', (_name, s) => {
    const actions = s.edges.flatMap((e) => (e.kind === 'access' ? e.actions : []));
    expect(actions.filter((a) => ['unknown', 'matches-none'].includes(judgeAction(a).kind))).toEqual([]);
  });
});
