import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import { DIFFERENTIAL_TEST_MS, HEAVY_TEST_MS } from '../../testing/timeouts';
import { caseSchema, type ConformanceCase } from '../conformance/caseFormat';
import { caseRequest, caseWorld } from '../conformance/caseWorld';
import { decideRequest, evaluateRequest } from '../evaluate/evaluate';
import type { Decision } from '../trace';
import { FAMILIES, generateCases, generateFamilyCases, type Family } from './generate';
import { classifyDivergence, KNOWN_DIVERGENCES } from './known-divergences';
import { oracleInput } from './oracle';

const SEED = 20261122;
const COUNT = 6000;
/** The rule families (generate.ts `FAMILIES`), 500 requests each: with the base mix, 12,000 requests. */
const FAMILY_SEED = 20261123;
const FAMILY_COUNT = FAMILIES.length * 500;

/** The classes each run has seen: every documented class must be seen by one of them (a class no request shows is dead weight). */
const seenClasses = new Set<string>();
let baseRan = false;

/** The generated mix, made and validated once for the tests that read all of it (they never change it). */
let mix: readonly ConformanceCase[] | undefined;
const generatedMix = (): readonly ConformanceCase[] => (mix ??= generateCases(SEED, COUNT).map((c) => caseSchema.parse(c)));
let families: readonly ConformanceCase[] | undefined;
const generatedFamilies = (): readonly ConformanceCase[] => (families ??= generateFamilyCases(FAMILY_SEED, FAMILY_COUNT).map((c) => caseSchema.parse(c)));

interface Divergence {
  readonly c: ConformanceCase;
  readonly ours: Decision;
  readonly theirs: boolean;
}

/** What each family must contain, found by a test on the case: the rule it is there to exercise. */
const FAMILY_FEATURES: Record<Family, (c: ConformanceCase, text: string) => boolean> = {
  'kms-operations': (c) => c.request!.principal.split(':')[4] !== c.resources[0]?.account && !/kms:(Decrypt|GenerateDataKey|ReEncryptFrom|Sign|CreateGrant|RetireGrant|RevokeGrant|ListGrants|GetPublicKey|GetKeyRotationStatus|DescribeKey)$/.test(c.request!.action),
  'service-linked-role': (c) => c.request!.context['aws:PrincipalArn']?.includes(':role/aws-service-role/') === true && c.organizations.some((o) => o.scps.some((p) => p.name === 'DenySome') || o.rcps.some((p) => p.name === 'Perimeter')),
  'rcp-exemptions': (c) => c.organizations.some((o) => o.rcps.some((p) => p.name === 'Perimeter')) && /^(sns|lambda):|^kms:RetireGrant$/.test(c.request!.action),
  'service-linked-role-trust': (c) => c.request!.action === 'sts:AssumeRole' && c.request!.resource.includes(':role/aws-service-role/') && c.organizations.some((o) => o.rcps.some((p) => p.name === 'Perimeter')),
  'no-version': (_c, t) => t.includes('${aws:') && (t.includes('"2008-10-17"') || /"Statement":\[/.test(t.replace(/"Version":"[^"]*",/g, ''))),
  'absent-key-set-operators': (c, t) => /"For(All|Any)Values?:[A-Za-z]*":\{"aws:TagKeys"/.test(t) && c.request!.context['aws:TagKeys'] === undefined,
  'negated-missing-variable': (_c, t) => /"(StringNot|ArnNot)[A-Za-z]*":\{"[^"]+":"[^"]*\$\{aws:PrincipalTag\/dept\}/.test(t),
  'arn-wildcard-segments': (_c, t) => /"(Not)?Resource":"arn:aws:[a-z0-9*-]*(:[a-z0-9-]*)?:?\*"/.test(t),
  'execute-api-shorthand': (_c, t) => t.includes('"execute-api:/'),
  'get-caller-identity': (c) => c.request!.action === 'sts:GetCallerIdentity',
  'aws-refusals': (c) => /:role\/aws-service-role\/|:iam::aws:policy\/|:alias\/aws\//.test(c.request!.resource),
  'wildcard-principal': (c, t) => c.request!.principal.includes(':assumed-role/') && /"Principal":("\*"|\{"AWS":"\*"\})/.test(t),
};

async function theirAnswer(c: ConformanceCase): Promise<boolean | string> {
  const result = await runSimulation(oracleInput(c) as unknown as Simulation, {});
  if (result.resultType === 'error') return JSON.stringify(result.errors).slice(0, 300);
  return result.overallResult === 'Allowed';
}

/** Splits divergences into known classes and unexplained ones. */
function classify(divergences: readonly Divergence[]) {
  const known = new Map<string, number>();
  const unexplained: Divergence[] = [];
  for (const d of divergences) {
    const k = classifyDivergence(d.c, d.ours, d.theirs);
    if (k) known.set(k.id, (known.get(k.id) ?? 0) + 1);
    else unexplained.push(d);
  }
  return { known, unexplained };
}

function dump(d: Divergence): string {
  return `${d.c.id}: ours ${d.ours.decision} (${d.ours.reason}), theirs ${d.theirs ? 'allowed' : 'denied'} — ${d.ours.summary}\n${JSON.stringify(d.c)}`;
}

/** What the mix must contain, each feature found by a test on the case. */
const FEATURES: Record<string, (c: ConformanceCase, text: string) => boolean> = {
  'same account': (c) => c.principals[0]?.account === c.resources[0]?.account,
  'cross account': (c) => c.principals[0]?.account !== undefined && c.principals[0]?.account !== c.resources[0]?.account,
  'IAM user': (c) => c.principals[0]?.type === 'user',
  'role session': (c) => c.principals.some((p) => p.type === 'assumed-role'),
  'account root': (c) => c.principals[0]?.type === 'root',
  'service principal': (c) => c.principals[0]?.type === 'service',
  'AssumeRole on a role': (c) => c.resources.some((r) => r.type === 'iam-role'),
  'KMS key policy': (c) => c.resources.some((r) => r.type === 'kms-key'),
  'action wildcard *': (_c, t) => /"Action":"[a-z0-9-]+:[A-Za-z]*\*"/.test(t),
  'wildcard ?': (_c, t) => /"(Action|Resource)":"[^"]*\?[^"]*"/.test(t),
  'case-insensitive action': (_c, t) => /"Action":"[A-Z0-9-]+:[A-Z]+"/.test(t),
  NotAction: (_c, t) => t.includes('"NotAction"'),
  NotResource: (_c, t) => t.includes('"NotResource"'),
  NotPrincipal: (_c, t) => t.includes('"NotPrincipal"'),
  'Principal *': (_c, t) => t.includes('"Principal":"*"'),
  'policy variable': (_c, t) => t.includes('${aws:'),
  'String operator': (_c, t) => /"String(Equals|NotEquals|Like|EqualsIgnoreCase)/.test(t),
  'Arn operator': (_c, t) => /"Arn(Like|Equals|NotLike)"/.test(t),
  'Bool operator': (_c, t) => t.includes('"Bool"'),
  'Null operator': (_c, t) => t.includes('"Null"'),
  'Numeric operator': (_c, t) => t.includes('"Numeric'),
  'Date operator': (_c, t) => t.includes('"Date'),
  'IpAddress operator': (_c, t) => /"(Not)?IpAddress"/.test(t),
  '...IfExists': (_c, t) => t.includes('IfExists"'),
  'ForAnyValue:': (_c, t) => t.includes('"ForAnyValue:'),
  'ForAllValues:': (_c, t) => t.includes('"ForAllValues:'),
  'multivalued context key': (c) => Object.values(c.request?.context ?? {}).some(Array.isArray),
  'SCP allow-list': (c) => c.organizations.some((o) => o.scps.some((p) => p.name === 'AllowList')),
  'SCP deny': (c) => c.organizations.some((o) => o.scps.some((p) => p.name === 'DenySome')),
  'RCP deny': (c) => c.organizations.some((o) => o.rcps.some((p) => p.name === 'Perimeter')),
  'account outside the organization': (c) => !c.organizations.some((o) => o.accounts.includes(c.resources[0]?.account ?? '')),
  'permissions boundary': (c) => c.principals.some((p) => p.permissionsBoundary !== undefined),
  'session policy': (c) => c.request?.sessionPolicy !== undefined,
};

describe('differential test against an independent evaluator (iam-simulate)', () => {
  it('Given the same seed, then the generator makes the same requests', () => {
    expect(generateCases(7, 50)).toEqual(generateCases(7, 50));
    expect(generateCases(7, 50)).not.toEqual(generateCases(8, 50));
  }, HEAVY_TEST_MS);

  it('Given the generated mix, then it covers every feature the engine must agree on, many times over', () => {
    const cases = generatedMix();
    const counts = Object.fromEntries(Object.keys(FEATURES).map((k) => [k, 0]));
    for (const c of cases) {
      const text = JSON.stringify(c);
      for (const [name, has] of Object.entries(FEATURES)) if (has(c, text)) counts[name]! += 1;
    }
    const thin = Object.entries(counts).filter(([, n]) => n < 50);
    expect(thin, `features seen fewer than 50 times: ${JSON.stringify(thin)}`).toEqual([]);
  }, HEAVY_TEST_MS);

  it(`Given ${COUNT} generated requests, then every divergence falls in a documented class`, async () => {
    const cases = generatedMix();
    const decisions: Record<string, number> = {};
    const divergences: Divergence[] = [];
    const oracleErrors: string[] = [];
    for (const c of cases) {
      const ours = evaluateRequest(caseWorld(c), caseRequest(c.request!));
      decisions[ours.decision] = (decisions[ours.decision] ?? 0) + 1;
      const theirs = await theirAnswer(c);
      if (typeof theirs === 'string') oracleErrors.push(`${c.id}: ${theirs}`);
      else if (theirs !== ours.allowed) divergences.push({ c, ours, theirs });
    }
    const { known, unexplained } = classify(divergences);
    for (const id of known.keys()) seenClasses.add(id);
    baseRan = true;
    console.log(
      `differential: ${cases.length} requests; decisions ${JSON.stringify(decisions)}; agree ${cases.length - divergences.length - oracleErrors.length}; known divergences ${JSON.stringify(Object.fromEntries(known))}; unexplained ${unexplained.length}; oracle errors ${oracleErrors.length}`,
    );
    expect(oracleErrors.slice(0, 3)).toEqual([]);
    // A healthy mix, so agreement means something.
    for (const kind of ['allowed', 'explicit-deny', 'implicit-deny']) expect(decisions[kind] ?? 0).toBeGreaterThan(COUNT / 10);
    expect(unexplained.length, unexplained.slice(0, 3).map(dump).join('\n\n')).toBe(0);
    // Known divergences stay rare: a class that starts swallowing many requests hides a real bug.
    expect(divergences.length).toBeLessThan(COUNT / 100);
  }, DIFFERENTIAL_TEST_MS);

  it(`Given ${FAMILY_COUNT} requests of the rule families the oracle reads differently, then every divergence falls in a documented class`, async () => {
    const cases = generatedFamilies();
    const perFamily = new Map<string, { requests: number; divergences: number }>();
    const divergences: Divergence[] = [];
    const oracleErrors: string[] = [];
    for (const c of cases) {
      const family = c.tags[0] as string;
      const f = perFamily.get(family) ?? { requests: 0, divergences: 0 };
      perFamily.set(family, f);
      f.requests += 1;
      const ours = evaluateRequest(caseWorld(c), caseRequest(c.request!));
      const theirs = await theirAnswer(c);
      if (typeof theirs === 'string') oracleErrors.push(`${c.id}: ${theirs}`);
      else if (theirs !== ours.allowed) {
        divergences.push({ c, ours, theirs });
        f.divergences += 1;
      }
    }
    const { known, unexplained } = classify(divergences);
    console.log(`differential, rule families: ${cases.length} requests; ${JSON.stringify(Object.fromEntries(perFamily))}; known divergences ${JSON.stringify(Object.fromEntries(known))}; unexplained ${unexplained.length}; oracle errors ${oracleErrors.length}`);
    expect(oracleErrors.slice(0, 3)).toEqual([]);
    expect([...perFamily.keys()].sort()).toEqual([...FAMILIES].sort());
    expect(unexplained.length, unexplained.slice(0, 3).map(dump).join('\n\n')).toBe(0);
    // The families aim at divergences, but a class that takes over a family would hide a real bug.
    for (const [family, f] of perFamily) expect(f.divergences, family).toBeLessThan(f.requests / 4);
    for (const id of known.keys()) seenClasses.add(id);
    if (baseRan) expect(KNOWN_DIVERGENCES.map((k) => k.id).filter((id) => !seenClasses.has(id)), 'documented classes no request shows').toEqual([]);
  }, DIFFERENTIAL_TEST_MS);

  it('Given the rule families, then each one exercises its rule many times over', () => {
    const cases = generatedFamilies();
    const counts = Object.fromEntries(FAMILIES.map((f) => [f, 0])) as Record<Family, number>;
    for (const c of cases) {
      const family = c.tags[0] as Family;
      if (FAMILY_FEATURES[family](c, JSON.stringify(c))) counts[family] += 1;
    }
    const thin = Object.entries(counts).filter(([, n]) => n < 50);
    expect(thin, `families whose rule appears fewer than 50 times: ${JSON.stringify(thin)}`).toEqual([]);
  }, HEAVY_TEST_MS);

  it('Given the same seed, then the family generator makes the same requests, and the base mix is unchanged by it', () => {
    expect(generateFamilyCases(7, 60)).toEqual(generateFamilyCases(7, 60));
    expect(generateFamilyCases(7, 60)).not.toEqual(generateFamilyCases(8, 60));
    expect(generateFamilyCases(7, 24).map((c) => c['tags'])).toEqual(Array.from({ length: 24 }, (_, i) => [FAMILIES[i % FAMILIES.length]]));
  }, HEAVY_TEST_MS);

  it('Given every generated request, then the fast verdict (decideRequest), the explained decision and the full trace agree', () => {
    const disagreements: string[] = [];
    for (const c of [...generatedMix(), ...generatedFamilies()]) {
      const world = caseWorld(c);
      const request = caseRequest(c.request!);
      const full = evaluateRequest(world, request);
      const traced = evaluateRequest(world, request, { trace: true });
      const fast = decideRequest(world, request);
      // The explained decision records only what its summary needs (no per-policy outcomes): what it
      // names must still be what the full trace names.
      const same = traced.failedStage === full.failedStage && traced.failedAccount === full.failedAccount && JSON.stringify(traced.deciding) === JSON.stringify(full.deciding) && JSON.stringify(traced.failedSides) === JSON.stringify(full.failedSides);
      // Its stages, made when read, have the trace's outcomes, policies and levels.
      const outline = (d: typeof full): string => JSON.stringify(d.stages.map((st) => [st.stage, st.outcome, st.note, st.policies.map((p) => [p.source.name, p.allows, p.denies]), st.levels?.map((l) => [l.label, l.allowed])]));
      if (fast.decision !== full.decision || fast.reason !== full.reason || traced.reason !== full.reason || traced.summary !== full.summary || !same || outline(full) !== outline(traced)) disagreements.push(c.id);
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
  }, DIFFERENTIAL_TEST_MS);

  it('Given every known divergence class, then it cites an AWS documentation page', () => {
    for (const k of KNOWN_DIVERGENCES) expect(k.source).toMatch(/https:\/\/docs\.aws\.amazon\.com\//);
  });

  it('Given an answer flipped on purpose, then the classifier reports it as unexplained', () => {
    const c = caseSchema.parse(generateCases(SEED, 1)[0]);
    const ours = evaluateRequest(caseWorld(c), caseRequest(c.request!));
    // A non-root user decision disagreeing with no policy detail behind it belongs to no documented class.
    const flipped = classify([{ c, ours: { ...ours, request: { ...ours.request, principalType: 'user' }, decision: 'implicit-deny', reason: 'identity-no-allow', allowed: false, deciding: [] }, theirs: true }]);
    expect(flipped.unexplained).toHaveLength(1);
    const allowedFlip = classify([{ c, ours: { ...ours, decision: 'allowed', reason: 'allowed-identity', allowed: true, deciding: [] }, theirs: false }]);
    expect(allowedFlip.unexplained).toHaveLength(1);
  });
});
