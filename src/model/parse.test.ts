import { describe, expect, it } from 'vitest';
import { HEAVY_TEST_MS } from '../testing/timeouts';
import { seedCrossAccount } from './fixtures/seedCrossAccount';
import { migrate } from './migrations';
import { printedInChild } from '../testing/childProcess';
import { parseScenario } from './parse';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
/** The seed scenario as plain JSON, changed by `edit`. */
function variant(edit: (doc: Record<string, any>) => void): unknown {
  const doc = clone(seedCrossAccount) as Record<string, any>;
  edit(doc);
  return doc;
}
function errorsOf(input: unknown) {
  const r = parseScenario(input);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('parseScenario: valid input', () => {
  it('Given the seed fixture as JSON, when parsed, then it comes back unchanged', () => {
    const r = parseScenario(clone(seedCrossAccount));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scenario).toEqual(seedCrossAccount);
  });
  it('Given a minimal document, when parsed, then defaults fill the rest', () => {
    const r = parseScenario({ version: 1 });
    expect(r.ok && r.scenario.principals).toEqual([]);
  });
});

describe('parseScenario: shape errors are located', () => {
  it('Given a non-object, then it says what it got', () => {
    expect(errorsOf(null)[0]?.message).toMatch(/not null/);
    expect(errorsOf([])[0]?.message).toMatch(/not an array/);
    expect(errorsOf('x')[0]?.message).toMatch(/not string/);
  });
  it('Given an 11-digit account id, then the error points at it', () => {
    const e = errorsOf(variant((d) => (d.accounts[1].id = '11111111111')));
    expect(e).toContainEqual({ path: '$.accounts[1].id', message: 'Account id must be exactly 12 digits.' });
  });
  it('Given an unknown principal type, then the error says so', () => {
    const e = errorsOf(variant((d) => (d.principals[0].type = 'iam-group')));
    expect(e[0]?.path).toBe('$.principals[0].type');
  });
  it('Given a trust policy that is not a policy, then the error points at its Statement', () => {
    const e = errorsOf(variant((d) => (d.principals[1].trustPolicy = { Version: '2012-10-17' })));
    expect(e[0]?.path).toBe('$.principals[1].trustPolicy.Statement');
  });
  it('Given an access edge with no actions, then it is refused', () => {
    const e = errorsOf(variant((d) => (d.edges[0].actions = [])));
    expect(e[0]).toEqual({ path: '$.edges[0].actions', message: 'An access edge needs at least one action.' });
  });
  it('Given a bad region, then it is located', () => {
    expect(errorsOf(variant((d) => (d.resources[0].region = 'Mars')))[0]?.path).toBe('$.resources[0].region');
  });
});

describe('parseScenario: references', () => {
  it('Given two entities with the same id, then the second is reported with where the first is', () => {
    const e = errorsOf(variant((d) => (d.resources[0].id = 'alice')));
    expect(e).toContainEqual({ path: '$.resources[0].id', message: 'The id "alice" is already used at $.principals[0].id.' });
  });
  it('Given a principal in an undeclared account, then it is reported', () => {
    expect(errorsOf(variant((d) => (d.principals[0].accountId = '333333333333')))[0]?.path).toBe('$.principals[0].accountId');
  });
  it('Given an edge to a missing node, then it is reported', () => {
    expect(errorsOf(variant((d) => (d.edges[0].to = 'nowhere')))[0]).toEqual({ path: '$.edges[0].to', message: 'No resource has the id "nowhere".' });
  });
  it('Given an AssumeRole edge to a user, then its kind does not fit its endpoints', () => {
    expect(errorsOf(variant((d) => (d.edges[2].to = 'alice')))[0]?.message).toBe('An AssumeRole edge must end at an IAM role.');
  });
  it('Given an access edge to a role, then it suggests an AssumeRole edge', () => {
    expect(errorsOf(variant((d) => (d.edges[0].to = 'export-role')))[0]?.message).toMatch(/AssumeRole edge/);
  });
  it('Given an edge starting at a resource, then it is refused', () => {
    expect(errorsOf(variant((d) => (d.edges[0].from = 'bucket')))[0]?.message).toMatch(/starts at a principal/);
  });
  it('Given a rule on a non-bus resource, or a target role that is a user, then both are reported', () => {
    expect(errorsOf(variant((d) => (d.rules[0].busId = 'queue')))[0]?.message).toMatch(/event bus/);
    expect(errorsOf(variant((d) => (d.rules[0].targets[0].roleId = 'alice')))[0]?.message).toMatch(/must be an IAM role/);
  });
  it('Given an API Gateway rule target with a stage/METHOD/path, then it parses and keeps it; a malformed one is located', () => {
    const withApi = (path: string) =>
      variant((d) => {
        d.resources.push({ id: 'api', type: 'apigateway-rest-api', accountId: '222222222222', region: 'us-east-1', name: 'a1b2c3d4e5' });
        d.rules[0].targets.push({ id: 'rule-api', resourceId: 'api', resourcePath: path });
      });
    const ok = parseScenario(withApi('prod/POST/orders'));
    expect(ok.ok && ok.scenario.rules[0]?.targets[1]).toEqual({ id: 'rule-api', resourceId: 'api', resourcePath: 'prod/POST/orders' });
    expect(parseScenario(withApi('prod/GET/')).ok).toBe(true);
    for (const bad of ['prod/post/orders', 'prod/POST/*', '/prod/POST/orders', 'prod']) {
      expect(errorsOf(withApi(bad))[0], bad).toMatchObject({ path: '$.rules[0].targets[1].resourcePath', message: expect.stringMatching(/stage\/METHOD\/path/) });
    }
  });
  it('Given a stage/METHOD/path on a queue target, then it is refused: it applies only to an API Gateway target', () => {
    expect(errorsOf(variant((d) => (d.rules[0].targets[0].resourcePath = 'prod/POST/orders')))).toContainEqual({ path: '$.rules[0].targets[0].resourcePath', message: 'A stage/METHOD/path applies only to an API Gateway target.' });
  });
  it('Given an org policy attached to a stranger, an unknown organization, and a management account outside the org, then each is reported', () => {
    expect(errorsOf(variant((d) => (d.organizations[0].policies[0].targets = ['333333333333'])))[0]?.path).toBe('$.organizations[0].policies[0].targets[0]');
    expect(errorsOf(variant((d) => (d.accounts[1].organizationId = 'o-nosuchorg00'))).map((e) => e.path)).toContain('$.accounts[1].organizationId');
    expect(errorsOf(variant((d) => delete d.accounts[0].organizationId))[0]?.path).toBe('$.organizations[0].managementAccountId');
  });
  it('Given OUs whose parents form a cycle, then the cycle is reported', () => {
    const e = errorsOf(variant((d) => {
      d.organizations[0].ous = [
        { id: 'ou-aaaa-11111111', name: 'One', parentId: 'ou-aaaa-22222222' },
        { id: 'ou-aaaa-22222222', name: 'Two', parentId: 'ou-aaaa-11111111' },
      ];
    }));
    expect(e.some((x) => /cycle/.test(x.message))).toBe(true);
  });
});

describe('parseScenario: versions', () => {
  it('Given a newer version, then it is refused with a clear message', () => {
    expect(errorsOf({ version: 7 })[0]?.message).toBe('This scenario was made by a newer version of the app (version 7); this app reads up to version 2.');
  });
  it('Given a non-integer version, then it is an error', () => {
    expect(errorsOf({ version: 1.5 })[0]?.path).toBe('$.version');
  });
  it('Given a version-0 document (accountId, source/target), then it is migrated to version 1', () => {
    const r = parseScenario({
      accounts: [{ accountId: '111111111111', name: 'A' }],
      principals: [{ id: 'u', type: 'iam-user', name: 'u', accountId: '111111111111' }],
      resources: [{ id: 'b', type: 's3-bucket', accountId: '111111111111', region: 'us-east-1', name: 'b' }],
      edges: [{ kind: 'access', id: 'e', source: 'u', target: 'b', actions: ['s3:GetObject'] }],
    });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.migratedFrom).toBe(0);
      expect(r.scenario.accounts[0]?.id).toBe('111111111111');
      expect(r.scenario.edges[0]).toMatchObject({ from: 'u', to: 'b' });
    }
  });
});

describe('parseScenario: hostile input', () => {
  it('Given __proto__ keys in the document, tags and a policy, then nothing is polluted and no prototype changes', () => {
    const text = JSON.stringify(seedCrossAccount)
      .replace('"tags":{}', '"tags":{"__proto__":"x"}')
      .replace('"Sid":"ScanSource",', '"Sid":"ScanSource","__proto__":{"polluted":2},');
    const doc = JSON.parse(`{"__proto__":{"polluted":1},${text.slice(1)}`) as unknown;
    const r = parseScenario(doc);
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    if (!r.ok) return;
    const alice = r.scenario.principals[0];
    expect(Object.keys(alice?.tags ?? { x: 1 })).toEqual([]);
    expect(Object.getPrototypeOf(alice?.tags)).toBe(Object.prototype);
    const statement = alice?.type === 'iam-user' ? (alice.policies[0]?.document.Statement as object[])[0] : undefined;
    expect(Object.getPrototypeOf(statement)).toBe(Object.prototype);
    expect((statement as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(r.scenario)).toBe(Object.prototype);
  });
  it('Given __proto__ keys inside a policy condition (a loose object zod passes through), then they are dropped', () => {
    const text = JSON.stringify(seedCrossAccount).replace(
      '"Condition":{"ArnEquals"',
      '"Condition":{"__proto__":{"StringEquals":{"aws:username":"x"}},"ArnEquals"',
    );
    const r = parseScenario(JSON.parse(text) as unknown);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const statement = (r.scenario.resources.find((x) => x.id === 'queue')?.policy?.Statement as Record<string, unknown>[])[0];
    const condition = statement?.['Condition'] as Record<string, unknown>;
    expect(Object.getOwnPropertyNames(condition)).toEqual(['ArnEquals']);
    expect(Object.getPrototypeOf(condition)).toBe(Object.prototype);
  });
  it('Given "constructor" and "prototype" keys (ordinary names), then they are kept as plain data', () => {
    const r = parseScenario(variant((d) => (d.principals[0].tags = { constructor: 'a', prototype: 'b' })));
    expect(r.ok && r.scenario.principals[0]?.tags).toEqual({ constructor: 'a', prototype: 'b' });
  });
  it('Given a version-0 account with a "constructor" key, when migrated, then no key is renamed through Object.prototype', () => {
    const doc = migrate({ accounts: [{ accountId: '111111111111', name: 'A', constructor: 'x' }] }, 0);
    const account = (doc['accounts'] as Record<string, unknown>[])[0] ?? {};
    expect(Object.keys(account)).toEqual(['id', 'name', 'constructor']);
  });
  it('Given a huge string, then it is refused with its location', () => {
    const e = errorsOf(variant((d) => (d.name = 'x'.repeat(100_001))));
    expect(e[0]?.path).toBe('$.name');
  });
  it('Given deeply nested input, then it is refused without a stack overflow', () => {
    let deep: unknown = {};
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    expect(errorsOf({ version: 1, description: deep })[0]).toMatchObject({ path: expect.stringMatching(/^\$\.description(\.a){63}$/), message: 'The scenario is nested deeper than 64 levels here.' });
  }, HEAVY_TEST_MS);
  // A chain of OUs each inside the one before: every OU used to be walked up to the root with a search per
  // step (cubic: seconds of frozen page at every start for 2,000 OUs; for ever for 19,000). Run in a child
  // process with a deadline (see printedInChild).
  it('Given an organization whose OUs form a chain 19,000 deep, then it is checked (and a cycle in it found) at once', { timeout: 120_000 }, () => {
    const printed = printedInChild(
      { parseScenario: 'src/model/parse.ts' },
      `const ous = Array.from({ length: 19000 }, (_, i) => ({ id: 'ou-abcd-' + String(i).padStart(8, '0'), name: 'OU ' + i, parentId: i === 0 ? 'r-root' : 'ou-abcd-' + String(i - 1).padStart(8, '0') }));
       const doc = (list) => ({ version: 1, organizations: [{ id: 'o-exampleorg1', name: 'Org', rootId: 'r-root', managementAccountId: '111111111111', ous: list, policies: [] }],
         accounts: [{ id: '111111111111', name: 'A', organizationId: 'o-exampleorg1', parentId: list[list.length - 1].id }] });
       const ok = parseScenario(doc(ous));
       const cycle = parseScenario(doc(ous.map((ou, i) => (i === 0 ? { ...ou, parentId: ous[ous.length - 1].id } : ou))));
       console.log(ok.ok, cycle.ok ? 'no cycle' : cycle.errors.length, cycle.ok ? '' : cycle.errors[0].message);`,
    );
    expect(printed).toBe('true 19000 The OU "OU 0" is inside itself (a cycle of parents).');
  });
  it('Given OUs that lead into a cycle without being on it, then they are reported too, and OUs beside it are not', () => {
    const ou = (id: string, parentId: string) => ({ id: `ou-abcd-${id}`, name: id, parentId: parentId === 'r-root' ? 'r-root' : `ou-abcd-${parentId}` });
    const e = errorsOf(
      variant((d) => {
        d.organizations = [{ id: 'o-exampleorg1', name: 'Org', rootId: 'r-root', managementAccountId: d.accounts[0].id, ous: [ou('aaaaaaaa', 'bbbbbbbb'), ou('bbbbbbbb', 'aaaaaaaa'), ou('cccccccc', 'aaaaaaaa'), ou('dddddddd', 'r-root')], policies: [] }];
        d.accounts[0].organizationId = 'o-exampleorg1';
      }),
    );
    expect(e.map((x) => x.path)).toEqual(['$.organizations[0].ous[0].parentId', '$.organizations[0].ous[1].parentId', '$.organizations[0].ous[2].parentId']);
  });
  it('Given more entities than supported, then it says how many', () => {
    const edges = Array.from({ length: 20_001 }, (_, i) => ({ kind: 'access', id: `e${i}`, from: 'alice', to: 'bucket', actions: ['s3:GetObject'] }));
    expect(errorsOf(variant((d) => (d.edges = edges)))[0]?.message).toMatch(/entities; at most 20,000/);
  }, HEAVY_TEST_MS);
});
