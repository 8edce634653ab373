import { describe, expect, it } from 'vitest';
import { evaluateRequest, evaluateScenario } from '../engine';
import { caseSchema } from '../engine/conformance/caseFormat';
import { caseRequest, caseWorld } from '../engine/conformance/caseWorld';
import type { Edge, IamRole, Principal, Resource, Scenario } from '../model';
import { seedCrossAccount } from '../model/fixtures/seedCrossAccount';
import { copyBothWaysLesson } from '../lessons/copyBothWays';
import { comparisonIngredients, compareDesigns } from './compare';
import { gatesOf } from './gates';
import { buildJourney, type Journey } from './journey';
import { assumeChainsTo, journeyRoutes, routeLabel, type JourneyRoute } from './routes';
import { gateViewAt } from './view';

const seed = seedCrossAccount;

function withEdges(s: Scenario, ...edges: Edge[]): Scenario {
  return { ...s, edges: [...s.edges, ...edges] };
}
function withPrincipal(s: Scenario, p: Principal): Scenario {
  return { ...s, principals: [...s.principals, p] };
}
function patchPrincipal(s: Scenario, id: string, f: (p: Principal) => Principal): Scenario {
  return { ...s, principals: s.principals.map((p) => (p.id === id ? f(p) : p)) };
}
function patchResource(s: Scenario, id: string, f: (r: Resource) => Resource): Scenario {
  return { ...s, resources: s.resources.map((r) => (r.id === id ? f(r) : r)) };
}

function play(s: Scenario, route: JourneyRoute | JourneyRoute[]): Journey {
  const r = buildJourney(s, evaluateScenario(s), route);
  if (!r.ok) throw new Error(r.reason);
  return r.journey;
}

const roleWrite: Edge = { kind: 'access', id: 'role-put', from: 'export-role', to: 'bucket', actions: ['s3:PutObject'], resourcePath: 'reports/out.csv' };

/** Every gate state must restate the engine: denied exactly at the decision's failed stage. */
function expectGatesAgreeWithEngine(j: Journey): void {
  for (const r of j.requests) {
    for (const g of r.gates) {
      expect(g.state === 'denied').toBe((r.decision.failedSides ?? []).some((f) => f.stage === g.stage));
    }
  }
}

describe('journeys that keep the caller identity', () => {
  it('Given the seed, when alice writes to bucket-b through the bucket policy, then the token stays alice to the end and the admitting statement is named', () => {
    const j = play(seed, { edges: ['alice-put'] });
    expect(j.kind).toBe('keep-identity');
    expect(j.outcome).toBe('allowed');
    expect(new Set(j.steps.map((s) => s.actor.badge))).toEqual(new Set(['alice @ 111111111111']));
    expect(j.swaps).toEqual([]);
    const resourceGate = j.requests[0]?.gates.find((g) => g.stage === 'resource');
    expect(resourceGate?.state).toBe('passed');
    expect(resourceGate?.label).toBe('Bucket policy');
    expect(resourceGate?.statements.map((s) => s.ref.sid)).toEqual(['AliceWrites']);
    expect(j.steps[j.steps.length - 1]?.kind).toBe('arrive');
    expect(j.summary).toBe(evaluateScenario(seed).edges.get('alice-put')?.steps[0]?.decision.summary);
    expectGatesAgreeWithEngine(j);
  });

  it('Given a request, then its gates follow the engine stage order and stages that do not apply are skipped, not drawn', () => {
    const j = play(seed, { edges: ['alice-put'] });
    const gates = j.requests[0]?.gates ?? [];
    expect(gates.map((g) => g.stage)).toEqual(['rcp', 'scp', 'resource', 'identity', 'boundary', 'session']);
    expect(gates.filter((g) => g.state === 'skipped').map((g) => g.stage)).toEqual(['rcp', 'boundary', 'session']);
    expect(j.steps.filter((s) => s.kind === 'gate').map((s) => gates[s.gate ?? -1]?.stage)).toEqual(['scp', 'resource', 'identity']);
  });

  it('Given a same-account request allowed by the identity policy, when the resource policy names someone else, then that gate is shown as not needed', () => {
    const s = withEdges(
      patchPrincipal(seed, 'alice', (p) =>
        p.type === 'iam-user' ? { ...p, policies: [...p.policies, { name: 'Queue', document: { Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] } }] } : p,
      ),
      { kind: 'access', id: 'alice-queue', from: 'alice', to: 'queue', actions: ['sqs:SendMessage'] },
    );
    const j = play(s, { edges: ['alice-queue'] });
    expect(j.outcome).toBe('allowed');
    expect(j.requests[0]?.gates.find((g) => g.stage === 'resource')?.state).toBe('not-needed');
  });

  it('Given a gate, then it is pending until the token reaches it and shows its state from then on', () => {
    const j = play(seed, { edges: ['alice-put'] });
    const gate = j.requests[0]?.gates.find((g) => g.stage === 'resource');
    if (!gate) throw new Error('no resource gate');
    const at = j.gateSteps[gate.id] ?? -1;
    expect(gateViewAt(j, gate, at - 1)).toBe('pending');
    expect(gateViewAt(j, gate, at)).toBe('passed');
    expect(gateViewAt(j, gate, j.steps.length - 1)).toBe('passed');
  });
});

/** The seed with the AssumeRole call naming no session: the engine's default session name applies throughout. */
const unnamed: Scenario = { ...seed, edges: seed.edges.map((e) => (e.kind === 'assume' ? (({ sessionName: _n, ...rest }) => rest)(e) : e)) };

describe('journeys through AssumeRole', () => {
  const s = withEdges(seed, roleWrite);

  it('Given an access edge from a role that alice assumes, then the journey starts with alice and swaps to the session the engine evaluates', () => {
    const u = withEdges(unnamed, roleWrite);
    const routes = journeyRoutes(u, 'role-put');
    expect(routes[0]).toEqual({ edges: ['alice-assume', 'role-put'], action: 's3:PutObject' });
    const j = play(u, routes[0] as JourneyRoute);
    expect(j.kind).toBe('assume-role');
    expect(j.steps[0]?.actor.badge).toBe('alice @ 111111111111');
    const swapAt = j.steps.findIndex((x) => x.kind === 'swap');
    expect(swapAt).toBeGreaterThan(0);
    expect(j.steps[swapAt - 1]?.actor.badge).toBe('alice @ 111111111111');
    expect(j.steps[swapAt]?.actor.badge).toBe('ExportRole/session @ 222222222222');
    expect(j.steps[j.steps.length - 1]?.actor.badge).toBe('ExportRole/session @ 222222222222');
    // The badge after the swap is the principal of the engine's next request.
    expect(j.requests[1]?.decision.request.principal).toBe('arn:aws:sts::222222222222:assumed-role/ExportRole/session');
    expectGatesAgreeWithEngine(j);
  });

  it('Given the swap, then the caller policies are given up and the role policies taken on, by name', () => {
    const j = play(s, { edges: ['alice-assume', 'role-put'] });
    expect(j.swaps[0]).toMatchObject({ at: 'export-role', givenUp: ['ExportResults'], takenOn: ['WriteBucket'], caps: [] });
  });

  it('Given the swap, then what alice could do on her own is decided again by the engine as the session: the table scan is lost, the write kept', () => {
    const j = play(s, { edges: ['alice-assume', 'role-put'] });
    const reach = j.swaps[0]?.reach ?? [];
    const scan = reach.find((r) => r.action === 'dynamodb:Scan');
    expect(scan?.asCaller.allowed).toBe(true);
    expect(scan?.asSession.allowed).toBe(false);
    // Neither account allows it: the table in A has no policy, and no identity policy of ExportRole allows a scan.
    expect(scan?.asSession.reason).toBe('neither-account-allows');
    // Decided as the session the AssumeRole call named ("alice"): the name changes nothing here.
    expect(scan?.asSession.request.principal).toBe('arn:aws:sts::222222222222:assumed-role/ExportRole/alice');
    expect(scan?.note).toBeUndefined();
    expect(reach.find((r) => r.action === 's3:PutObject')?.asSession.allowed).toBe(true);
  });

  it('Given the role also has a boundary and the AssumeRole call a session policy, then both are named as caps of the session', () => {
    const t = withEdges(
      {
        ...patchPrincipal(seed, 'export-role', (p) => (p.type === 'iam-role' ? { ...p, permissionsBoundary: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } } : p)),
        edges: seed.edges.map((e) => (e.id === 'alice-assume' ? { ...e, sessionPolicy: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } } : e)),
      },
      roleWrite,
    );
    expect(play(t, { edges: ['alice-assume', 'role-put'] }).swaps[0]?.caps).toHaveLength(2);
  });

  it('Given an AssumeRole edge picked on its own with nothing drawn from the role, then the journey ends at the role after the swap', () => {
    const j = play(seed, journeyRoutes(seed, 'alice-assume')[0] as JourneyRoute);
    expect(j.steps[j.steps.length - 1]?.kind).toBe('swap');
    // The session the AssumeRole call creates, by the name it chose.
    expect(j.steps[j.steps.length - 1]?.actor.badge).toBe('ExportRole/alice @ 222222222222');
  });

  it('Given an AssumeRole edge with an access edge from the role, then the first route continues through it and the last stops at the role', () => {
    const routes = journeyRoutes(s, 'alice-assume');
    expect(routes.map((r) => r.edges)).toEqual([['alice-assume', 'role-put'], ['alice-assume']]);
  });

  it('Given two callers that may assume the role, then each gets a route and the role acting on its own comes last', () => {
    const bob: Principal = { id: 'bob', type: 'iam-user', name: 'bob', accountId: '111111111111', path: '/', tags: {}, policies: [] };
    const t = withEdges(withPrincipal(s, bob), { kind: 'assume', id: 'bob-assume', from: 'bob', to: 'export-role' });
    const routes = journeyRoutes(t, 'role-put');
    expect(routes.map((r) => r.edges)).toEqual([['alice-assume', 'role-put'], ['bob-assume', 'role-put'], ['role-put']]);
    expect(routeLabel(t, routes[1] as JourneyRoute)).toBe('bob → ExportRole → bucket-b · s3:PutObject');
  });

  it('Given a role chain alice → ExportRole → Auditor, then the journey starts with alice and swaps twice', () => {
    const auditor: IamRole = {
      id: 'auditor',
      type: 'iam-role',
      name: 'Auditor',
      accountId: '222222222222',
      path: '/',
      tags: {},
      policies: [{ name: 'WriteAll', document: { Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }] } }],
      trustPolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:role/ExportRole' }, Action: 'sts:AssumeRole' }] },
    };
    const t = withEdges(
      withPrincipal(
        patchPrincipal(seed, 'export-role', (p) =>
          p.type === 'iam-role' ? { ...p, policies: [...p.policies, { name: 'Chain', document: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] } }] } : p,
        ),
        auditor,
      ),
      { kind: 'assume', id: 'chain', from: 'export-role', to: 'auditor' },
      { kind: 'access', id: 'auditor-put', from: 'auditor', to: 'bucket', actions: ['s3:PutObject'], resourcePath: 'x' },
    );
    expect(assumeChainsTo(t, 'auditor').map((c) => c.map((e) => e.id))).toEqual([['alice-assume', 'chain']]);
    const j = play(t, journeyRoutes(t, 'auditor-put')[0] as JourneyRoute);
    expect(j.swaps.map((x) => `${x.from.badge} → ${x.to.badge}`)).toEqual([
      'alice @ 111111111111 → ExportRole/alice @ 222222222222',
      'ExportRole/alice @ 222222222222 → Auditor/session @ 222222222222',
    ]);
    expect(j.outcome).toBe('allowed');
    expectGatesAgreeWithEngine(j);
  });

  it('Given assume edges that loop, then chains stop where they would repeat a principal', () => {
    const t = withEdges(seed, { kind: 'assume', id: 'loop', from: 'export-role', to: 'export-role' });
    expect(assumeChainsTo(t, 'export-role').map((c) => c.map((e) => e.id))).toEqual([['alice-assume']]);
  });

  it('Given a trust policy that names another account, then the journey stops at the trust policy gate with the engine reason and never swaps', () => {
    const t = withEdges(
      patchPrincipal(seed, 'export-role', (p) => (p.type === 'iam-role' ? { ...p, trustPolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333333333333:root' }, Action: 'sts:AssumeRole' }] } } : p)),
      roleWrite,
    );
    const j = play(t, { edges: ['alice-assume', 'role-put'] });
    const last = j.steps[j.steps.length - 1];
    expect(j.outcome).toBe('denied');
    expect(last?.kind).toBe('stop');
    const gate = j.requests[0]?.gates[last?.gate ?? -1];
    expect(gate).toMatchObject({ stage: 'resource', label: 'Trust policy', state: 'denied', explicit: false });
    expect(j.swaps).toEqual([]);
    expect(j.summary).toBe(j.requests[0]?.decision.summary);
    // An implicit deny ends nothing: AWS still evaluates alice's identity policy, which allows the call.
    expect(j.requests[0]?.gates.find((g) => g.stage === 'identity')?.state).toBe('passed');
    expectGatesAgreeWithEngine(j);
  });

  it('Given a cross-account scan that neither account allows (lesson 3), then both the table gate and the identity gate are denied, the token visits both and stops at the last', () => {
    const s = copyBothWaysLesson.scenario;
    const j = play(s, { edges: ['writer-scan'] });
    const r = j.requests[j.requests.length - 1];
    expect(r?.decision.reason).toBe('neither-account-allows');
    const state = (stage: string) => r?.gates.find((g) => g.stage === stage)?.state;
    // An implicit deny does not end the evaluation: the identity gate shows its own outcome, not "not reached".
    expect(state('resource')).toBe('denied');
    expect(state('identity')).toBe('denied');
    expect(r?.gates.some((g) => g.state === 'unreached')).toBe(false);
    const steps = j.steps.filter((st) => st.request === r?.index && st.gate !== undefined);
    expect(steps.map((st) => [r?.gates[st.gate ?? -1]?.stage, st.kind])).toEqual([
      ['resource', 'gate'],
      ['identity', 'stop'],
    ]);
    expect(steps[0]?.text).toContain('an implicit deny (AWS still evaluates the remaining policies)');
    expect(j.steps[j.steps.length - 1]?.kind).toBe('stop');
    expectGatesAgreeWithEngine(j);
  });

  it('Given an explicit Deny in the bucket policy, then the journey stops at the bucket policy gate, marked explicit, with the Deny statement in play', () => {
    const t = patchResource(seed, 'bucket', (r) => ({
      ...r,
      policy: { Statement: [...((r.policy?.Statement as Record<string, unknown>[]) ?? []), { Sid: 'NoAlice', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::bucket-b/*' }] },
    }));
    const j = play(t, { edges: ['alice-put'] });
    const stop = j.steps[j.steps.length - 1];
    const gate = j.requests[0]?.gates[stop?.gate ?? -1];
    expect(gate?.state).toBe('denied');
    expect(gate?.explicit).toBe(true);
    expect(gate?.statements.map((s) => s.ref.sid)).toEqual(['NoAlice']);
    expectGatesAgreeWithEngine(j);
  });
});

describe('the session name the AssumeRole call chooses', () => {
  const s = withEdges(seed, roleWrite);
  /** A bucket policy that refuses one session by its ARN: the session name decides. */
  const refuseAliceSession = (t: Scenario): Scenario =>
    patchResource(t, 'bucket', (r) => ({
      ...r,
      policy: {
        Statement: [
          ...((r.policy?.Statement as Record<string, unknown>[]) ?? []),
          { Sid: 'NotThisSession', Effect: 'Deny', Principal: { AWS: 'arn:aws:sts::222222222222:assumed-role/ExportRole/alice' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::bucket-b/*' },
        ],
      },
    }));

  it('Given the call names the session "alice" and the name does not change the decision, then the badge, the swap and the request use that name', () => {
    const j = play(s, { edges: ['alice-assume', 'role-put'] });
    const drawn = evaluateScenario(s).edges.get('role-put')?.steps[0];
    expect(drawn?.request.principal).toBe('arn:aws:sts::222222222222:assumed-role/ExportRole/session');
    const put = j.requests[1];
    expect(put?.decision.request.principal).toBe('arn:aws:sts::222222222222:assumed-role/ExportRole/alice');
    expect(put?.actor.badge).toBe('ExportRole/alice @ 222222222222');
    expect(put?.decision.allowed).toBe(drawn?.verdict.allowed);
    expect(put?.decision.reason).toBe(drawn?.verdict.reason);
    expect(put?.note).toBeUndefined();
    const swap = j.steps.find((x) => x.kind === 'swap');
    expect(swap?.text).toContain('becomes ExportRole/alice @ 222222222222');
    expect(swap?.text).toContain('The session is named "alice"');
    expectGatesAgreeWithEngine(j);
  });

  it('Given a session, then the journey names it as the engine\'s explanation does (ROLE/SESSION-NAME), for the chosen name and the engine\'s own', () => {
    const j = play(s, { edges: ['alice-assume', 'role-put'] });
    const put = j.requests[1];
    expect(put?.actor.label).toBe('ExportRole/alice');
    expect(put?.actor.label).toBe(put?.decision.request.principalLabel);
    const drawn = play(s, { edges: ['role-put'] }).requests[0];
    expect(drawn?.actor.label).toBe('ExportRole/session');
    expect(drawn?.actor.label).toBe(drawn?.decision.request.principalLabel);
    // The inspector's explanation titles its identity stage with the same name.
    expect(drawn?.decision.stages.find((st) => st.stage === 'identity')?.title).toBe('Identity policies of ExportRole/session');
  });

  it('Given a bucket policy that denies the session named "alice", then the journey keeps the decision the engine made for the drawn edge and says what the name would change', () => {
    const t = refuseAliceSession(s);
    const drawn = evaluateScenario(t).edges.get('role-put');
    expect(drawn?.status).toBe('allowed');
    const j = play(t, { edges: ['alice-assume', 'role-put'] });
    const put = j.requests[1];
    expect(put?.decision.request.principal).toBe('arn:aws:sts::222222222222:assumed-role/ExportRole/session');
    expect(put?.decision.allowed).toBe(true);
    expect(put?.actor.badge).toBe('ExportRole/session @ 222222222222');
    expect(put?.note?.text).toBe('Shown as the session "ExportRole/session", as the engine decides ExportRole\'s drawn edges. Named "ExportRole/alice", as the AssumeRole call asks, this request would be denied explicitly.');
    expect(put?.note?.named).toMatch(/^Denied/);
    expect(j.steps.find((x) => x.kind === 'swap')?.actor.badge).toBe('ExportRole/session @ 222222222222');
    expect(j.outcome).toBe('allowed');
  });

  it('Given the same refusal, when the swap decides again what alice could do as the session, then the write is marked as decided otherwise under the chosen name', () => {
    const j = play(refuseAliceSession(s), { edges: ['alice-assume'] });
    const put = j.swaps[0]?.reach.find((r) => r.action === 's3:PutObject');
    expect(put?.asSession.allowed).toBe(true);
    expect(put?.note).toMatch(/"ExportRole\/alice".*denied/);
    expect(j.swaps[0]?.reach.find((r) => r.action === 'dynamodb:Scan')?.note).toBeUndefined();
  });
});

describe('a journey crosses from the worker to the page as it is', () => {
  it('Given journeys of every kind, then each is plain data: a JSON round trip and a structured clone give it back unchanged', () => {
    const stream: Resource = { id: 'stream', type: 'kinesis-stream', accountId: '111111111111', region: 'us-east-1', name: 'exports' };
    const t = withEdges({ ...seed, resources: [...seed.resources, stream], rules: seed.rules.map((r) => ({ ...r, targets: [...r.targets, { id: 'rule-stream', resourceId: 'stream', roleId: 'events-role' }] })) }, roleWrite);
    for (const route of [{ edges: ['alice-put'] }, { edges: ['alice-assume', 'role-put'] }, { edges: ['rule-queue'] }, { edges: ['rule-stream'] }]) {
      const j = play(t, route);
      expect(JSON.parse(JSON.stringify(j))).toEqual(j);
      expect(structuredClone(j)).toEqual(j);
    }
  });
});

describe('EventBridge journeys', () => {
  it('Given a rule delivering to a queue by its policy, then events.amazonaws.com travels bus → rule → queue carrying the rule ARN as aws:SourceArn', () => {
    const j = play(seed, journeyRoutes(seed, 'rule-queue')[0] as JourneyRoute);
    expect(j.kind).toBe('eventbridge-resource-policy');
    expect(j.hops.map((h) => `${h.from}→${h.to}:${h.kind}`)).toEqual(['bus→rule:match', 'rule→queue:access']);
    expect(j.steps.every((s) => s.actor.badge === 'events.amazonaws.com')).toBe(true);
    expect(j.requests[0]?.actor.carries).toEqual({ key: 'aws:SourceArn', value: 'arn:aws:events:us-east-1:111111111111:rule/export-done' });
    expect(j.requests[0]?.gates.find((g) => g.stage === 'resource')).toMatchObject({ label: 'Queue policy', state: 'passed' });
    expect(j.outcome).toBe('allowed');
  });

  const stream: Resource = { id: 'stream', type: 'kinesis-stream', accountId: '111111111111', region: 'us-east-1', name: 'exports' };
  const withStream = (roleId: string | undefined, rolePolicies: boolean): Scenario => {
    const base = { ...seed, resources: [...seed.resources, stream], rules: seed.rules.map((r) => ({ ...r, targets: [...r.targets, { id: 'rule-stream', resourceId: 'stream', ...(roleId ? { roleId } : {}) }] })) };
    return rolePolicies
      ? patchPrincipal(base, 'events-role', (p) => (p.type === 'iam-role' ? { ...p, policies: [{ name: 'PutRecords', document: { Statement: [{ Effect: 'Allow', Action: 'kinesis:PutRecord', Resource: '*' }] } }] } : p))
      : base;
  };

  it('Given a role-based target, then EventBridge assumes the rule role (the same swap) and calls the target as the session', () => {
    const s = withStream('events-role', true);
    const j = play(s, { edges: ['rule-stream'] });
    expect(j.kind).toBe('eventbridge-role');
    expect(j.hops.map((h) => `${h.from}→${h.to}:${h.kind}`)).toEqual(['bus→rule:match', 'rule→events-role:assume', 'events-role→stream:access']);
    expect(j.swaps[0]?.from.badge).toBe('events.amazonaws.com');
    expect(j.swaps[0]?.to.badge).toBe('EventsDelivery/eventbridge-target @ 111111111111');
    expect(j.swaps[0]?.givenUp).toEqual([]);
    expect(j.swaps[0]?.takenOn).toEqual(['PutRecords']);
    expect(j.outcome).toBe('allowed');
    expectGatesAgreeWithEngine(j);
  });

  it('Given the rule role has no permission for the target, then the session stops at the identity policy gate', () => {
    const j = play(withStream('events-role', false), { edges: ['rule-stream'] });
    const stop = j.steps[j.steps.length - 1];
    expect(stop?.kind).toBe('stop');
    expect(stop?.actor.badge).toBe('EventsDelivery/eventbridge-target @ 111111111111');
    expect(j.requests[stop?.request ?? -1]?.gates[stop?.gate ?? -1]?.stage).toBe('identity');
  });

  it('Given a target that needs a role and has none, then the delivery stops on the rule edge with the engine summary', () => {
    const s = withStream(undefined, false);
    const j = play(s, { edges: ['rule-stream'] });
    expect(j.outcome).toBe('denied');
    expect(j.steps[j.steps.length - 1]?.kind).toBe('stop');
    expect(j.summary).toBe(evaluateScenario(s).edges.get('rule-stream')?.summary);
  });
});

describe('routes and failures', () => {
  it('Given an access edge with two actions, then each action is its own route', () => {
    const s = { ...seed, edges: seed.edges.map((e) => (e.id === 'alice-put' && e.kind === 'access' ? { ...e, actions: ['s3:PutObject', 's3:GetObject'] } : e)) };
    expect(journeyRoutes(s, 'alice-put')).toEqual([
      { edges: ['alice-put'], action: 's3:PutObject' },
      { edges: ['alice-put'], action: 's3:GetObject' },
    ]);
    const j = play(s, { edges: ['alice-put'], action: 's3:GetObject' });
    expect(j.requests[0]?.action).toBe('s3:GetObject');
    expect(j.outcome).toBe('denied');
  });

  it('Given a route whose edge was removed, then building says so instead of playing something else', () => {
    const r = buildJourney(seed, evaluateScenario(seed), { edges: ['gone'] });
    expect(r.ok).toBe(false);
  });

  it('Given edges that do not connect, then they are refused as a route', () => {
    const r = buildJourney(seed, evaluateScenario(seed), { edges: ['alice-scan', 'alice-put'] });
    expect(r).toEqual({ ok: false, reason: 'These edges do not form a path.' });
  });

  it('Given an unknown id, then there are no routes', () => {
    expect(journeyRoutes(seed, 'nope')).toEqual([]);
  });
});

describe('the two designs of lesson 3 (copy DynamoDB in A to S3 in B)', () => {
  const lesson = copyBothWaysLesson.scenario;
  const comparison = compareDesigns(lesson);

  it('Given the lesson, then it has the ingredients: one job identity in A, the role in B and the bucket in B', () => {
    expect(comparisonIngredients(lesson)).toMatchObject({ caller: { id: 'copy-job' }, role: { id: 'writer' }, resource: { id: 'reports' }, assume: { id: 'job-assume' }, write: { id: 'job-put' } });
    expect(comparisonIngredients(lesson)?.home.map((e) => e.id)).toEqual(['job-scan']);
  });

  it('Given the bucket-policy design, then copy-job scans and writes as itself, both allowed by the engine', () => {
    const d = comparison?.designs[0];
    if (!d) throw new Error('no design');
    // Without the role: neither the AssumeRole edge nor anything drawn from the role.
    expect(d.scenario.edges.map((e) => e.id)).toEqual(['job-scan', 'job-put']);
    const j = play(d.scenario, [...d.routes]);
    expect(j.legs.map((l) => [l.title, l.outcome])).toEqual([
      ['copy-job → orders · dynamodb:Scan', 'allowed'],
      ['copy-job → reports-b · s3:PutObject', 'allowed'],
    ]);
    expect(new Set(j.steps.map((s) => s.actor.badge))).toEqual(new Set(['copy-job @ 111111111111']));
    expect(j.swaps).toEqual([]);
  });

  it('Given the role design, then it reuses the edges the lesson draws from the role: the session cannot scan the table but writes the bucket', () => {
    const d = comparison?.designs[1];
    if (!d) throw new Error('no design');
    // The role's drawn edges are found, not duplicated; the direct write is gone.
    expect(d.scenario.edges.map((e) => e.id)).toEqual(['job-scan', 'job-assume', 'writer-put', 'writer-scan']);
    expect(d.routes).toEqual([{ edges: ['job-assume', 'writer-scan'], action: 'dynamodb:Scan' }, { edges: ['writer-put'], action: 's3:PutObject' }]);
    const j = play(d.scenario, [...d.routes]);
    expect(j.legs.map((l) => l.outcome)).toEqual(['denied', 'allowed']);
    expect(j.swaps[0]?.from.badge).toBe('copy-job @ 111111111111');
    expect(j.swaps[0]?.to.badge).toBe('CopyWriter/copy-job @ 222222222222');
    const stop = j.steps.find((s) => s.kind === 'stop');
    expect(j.requests[stop?.request ?? -1]?.decision.request.action).toBe('dynamodb:Scan');
    expect(j.requests[stop?.request ?? -1]?.decision.reason).toBe('neither-account-allows');
    expect(j.requests[j.requests.length - 1]?.decision.request.principal).toBe('arn:aws:sts::222222222222:assumed-role/CopyWriter/copy-job');
  });

  it('Given the lesson\'s "let CopyWriter scan the table too", then the role design scans as well (both sides now allow)', () => {
    const change = copyBothWaysLesson.tryThis.find((t) => t.id === 'let-writer-scan');
    if (!change) throw new Error('no change');
    const d = compareDesigns(change.apply(lesson))?.designs[1];
    if (!d) throw new Error('no design');
    expect(play(d.scenario, [...d.routes]).legs.map((l) => l.outcome)).toEqual(['allowed', 'allowed']);
  });

  it('Given the write and the AssumeRole split between two callers (the lesson as it was), then there is nothing to compare', () => {
    const bob: Principal = { ...(lesson.principals.find((p) => p.id === 'copy-job') as Principal), id: 'bob', name: 'bob' };
    const split = { ...withPrincipal(lesson, bob), edges: lesson.edges.map((e) => (e.id === 'job-assume' ? { ...e, from: 'bob' } : e)) };
    expect(comparisonIngredients(split)).toBeUndefined();
  });
});

describe('the two designs of the seed example', () => {
  const comparison = compareDesigns(seed);

  it('Given the seed, then it has both ingredients: alice, ExportRole and bucket-b', () => {
    expect(comparison?.caller.id).toBe('alice');
    expect(comparison?.role.id).toBe('export-role');
    expect(comparison?.resource.id).toBe('bucket');
  });

  it('Given the bucket-policy design, then alice scans the table and writes the bucket with one identity, both allowed by the engine', () => {
    const d = comparison?.designs[0];
    if (!d) throw new Error('no design');
    expect(d.scenario.edges.some((e) => e.kind === 'assume')).toBe(false);
    const j = play(d.scenario, [...d.routes]);
    expect(j.legs.map((l) => [l.title, l.outcome])).toEqual([
      ['alice → results-source · dynamodb:Scan', 'allowed'],
      ['alice → bucket-b · s3:PutObject', 'allowed'],
    ]);
    expect(new Set(j.steps.map((s) => s.actor.badge))).toEqual(new Set(['alice @ 111111111111']));
  });

  it('Given the role design, then the session cannot scan the table in account A but writes the bucket, as the engine decides', () => {
    const d = comparison?.designs[1];
    if (!d) throw new Error('no design');
    expect(d.scenario.edges.some((e) => e.id === 'alice-put')).toBe(false);
    const j = play(d.scenario, [...d.routes]);
    expect(j.legs.map((l) => l.outcome)).toEqual(['denied', 'allowed']);
    const stop = j.steps.find((s) => s.kind === 'stop');
    expect(stop?.actor.badge).toBe('ExportRole/alice @ 222222222222');
    expect(j.requests[stop?.request ?? -1]?.decision.reason).toBe('neither-account-allows');
    expect(j.legs[0]?.summary).toBe(j.requests[stop?.request ?? -1]?.decision.summary);
    // The write, the tour's next leg, goes on as the same session (the name the AssumeRole call chose).
    expect(j.steps[j.steps.length - 1]?.actor.badge).toBe('ExportRole/alice @ 222222222222');
    expect(j.requests[j.requests.length - 1]?.decision.request.principal).toBe('arn:aws:sts::222222222222:assumed-role/ExportRole/alice');
  });

  it('Given the role is granted the scan and the table admits it, then the role design allows it too (the engine decides, not the animation)', () => {
    const granted = patchResource(
      patchPrincipal(seed, 'export-role', (p) =>
        p.type === 'iam-role' ? { ...p, policies: [...p.policies, { name: 'Scan', document: { Statement: [{ Effect: 'Allow', Action: 'dynamodb:Scan', Resource: '*' }] } }] } : p,
      ),
      'table',
      (r) => ({ ...r, policy: { Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:role/ExportRole' }, Action: 'dynamodb:Scan', Resource: '*' }] } }),
    );
    const d = compareDesigns(granted)?.designs[1];
    if (!d) throw new Error('no design');
    expect(play(d.scenario, [...d.routes]).legs.map((l) => l.outcome)).toEqual(['allowed', 'allowed']);
  });

  it('Given a scenario without an AssumeRole edge across accounts, then there is nothing to compare', () => {
    expect(compareDesigns({ ...seed, edges: seed.edges.filter((e) => e.kind !== 'assume') })).toBeUndefined();
  });
});

describe('rules outside the policy documents, as gates', () => {
  it('Given alice denied sts:GetCallerIdentity by her own policy, when she calls it, then the journey passes one AWS rule gate that says why, and no policy gate', () => {
    const s = withEdges(
      patchPrincipal(seed, 'alice', (p) =>
        p.type === 'iam-user' ? { ...p, policies: [...p.policies, { name: 'NoWhoAmI', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:GetCallerIdentity', Resource: '*' }] } }] } : p,
      ),
      { kind: 'access', id: 'whoami', from: 'alice', to: 'table', actions: ['sts:GetCallerIdentity'] },
    );
    const j = play(s, { edges: ['whoami'] });
    expect(j.outcome).toBe('allowed');
    const gates = j.requests[0]?.gates ?? [];
    expect(gates[0]).toMatchObject({ stage: 'aws-rule', label: 'AWS rule', state: 'passed' });
    expect(gates[0]?.note).toContain('No permissions are required');
    expect(gates.filter((g) => g.state !== 'skipped').map((g) => g.stage)).toEqual(['aws-rule']);
    // The narration of a passed rule gate still says why (it has no statement to name).
    const gateStep = j.steps.find((st) => st.kind === 'gate');
    expect(gateStep?.text).toContain('No permissions are required');
    expectGatesAgreeWithEngine(j);
  });

  it('Given a request AWS refuses (a service-linked role deleted), then its AWS rule gate is the denied one, with the page\'s words, and the policy gates keep their own outcome', () => {
    const slr = 'arn:aws:iam::111111111111:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk';
    const c = caseSchema.parse({
      id: 't',
      principals: [{ arn: 'arn:aws:iam::111111111111:user/admin', type: 'user', account: '111111111111', identityPolicies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] }] }],
      request: { principal: 'arn:aws:iam::111111111111:user/admin', action: 'iam:DeleteRole', resource: slr, context: {} },
      expected: 'denied',
    });
    const gates = gatesOf(evaluateRequest(caseWorld(c), caseRequest(c.request!), { trace: true }), 0);
    expect(gates[0]).toMatchObject({ stage: 'aws-rule', state: 'denied', explicit: false, side: 'resource' });
    expect(gates[0]?.note).toContain('Only the service that depends on the service-linked role');
    // An implicit refusal ends nothing: the identity policy is still shown as allowing.
    expect(gates.find((g) => g.stage === 'identity')?.state).toBe('passed');
  });
});
