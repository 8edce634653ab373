import { describe, expect, it } from 'vitest';
import { addAccount, addPrincipal, addResource, addRule, connect, duplicate, moveToAccount, removeIds, updateAccount, updateEdge, updatePrincipal, updateResource, updateRule } from './edit';
import { seedCrossAccount } from './fixtures/seedCrossAccount';
import { parseScenario } from './parse';
import { emptyScenario } from './schema';
import { principalArn } from './arn';

const valid = (s: unknown) => {
  const r = parseScenario(JSON.parse(JSON.stringify(s)));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
};

describe('editing operations keep the scenario valid', () => {
  it('Given an empty scenario, when accounts, principals, resources and a rule are added and connected, then it parses', () => {
    let s = emptyScenario();
    const a = addAccount(s, { x: 0, y: 0 });
    s = a.scenario;
    const b = addAccount(s, { x: 600, y: 0 });
    s = b.scenario;
    expect([a.id, b.id]).toEqual(['111111111111', '222222222222']);
    const user = addPrincipal(s, 'iam-user', a.id, { x: 20, y: 40 });
    s = user.scenario;
    const role = addPrincipal(s, 'iam-role', b.id, { x: 20, y: 40 });
    s = role.scenario;
    const bucket = addResource(s, 's3-bucket', b.id, { x: 200, y: 40 });
    s = bucket.scenario;
    const bus = addResource(s, 'events-bus', a.id, { x: 200, y: 40 });
    s = bus.scenario;
    const queue = addResource(s, 'sqs-queue', a.id, { x: 200, y: 200 });
    s = queue.scenario;
    const rule = addRule(s, bus.id, { x: 300, y: 40 });
    if ('error' in rule) throw new Error(rule.error);
    s = rule.scenario;
    for (const [from, to] of [[user.id, role.id], [user.id, bucket.id], [rule.id, queue.id]] as const) {
      const c = connect(s, from, to);
      if ('error' in c) throw new Error(c.error);
      s = c.scenario;
    }
    const parsed = valid(s);
    expect(parsed.edges.map((e) => e.kind)).toEqual(['assume', 'access']);
    expect(parsed.rules[0]?.targets).toHaveLength(1);
  });

  it('Given a connection to a user, then it explains that only roles can be assumed', () => {
    const c = connect(seedCrossAccount, 'export-role', 'alice');
    expect('error' in c && c.error).toMatch(/Only a role can be assumed/);
  });

  it('Given a rule connected to a DynamoDB table, then it is refused: not an EventBridge target', () => {
    const c = connect(seedCrossAccount, 'rule', 'table');
    expect('error' in c && c.error).toMatch(/not an EventBridge target/);
  });

  it('Given a user moved into another account, then its ARN follows', () => {
    const s = moveToAccount(seedCrossAccount, 'alice', '222222222222', { x: 10, y: 10 });
    expect(principalArn(s.principals.find((p) => p.id === 'alice')!)).toBe('arn:aws:iam::222222222222:user/alice');
    expect(s.resources).toBe(seedCrossAccount.resources);
  });

  it('Given an account removed, then its principals, resources, rules on its buses and all their edges go too', () => {
    const s = valid(removeIds(seedCrossAccount, new Set(['111111111111'])));
    expect(s.principals.map((p) => p.id)).toEqual(['export-role']);
    expect(s.rules).toEqual([]);
    expect(s.edges).toEqual([]);
  });

  it('Given a duplicate of alice, then the copy has a new id and name', () => {
    const d = duplicate(seedCrossAccount, new Set(['alice']));
    const s = valid(d.scenario);
    expect(s.principals.filter((p) => p.name.startsWith('alice')).map((p) => p.name)).toEqual(['alice', 'alice-2']);
  });
});

describe('update operations and no-op edits', () => {
  it('Given a patch that returns the same object, when applied, then the same scenario comes back (no undo step)', () => {
    const s = seedCrossAccount;
    expect(updatePrincipal(s, 'alice', (p) => p)).toBe(s);
    expect(updateResource(s, 'bucket', (r) => r)).toBe(s);
    expect(updateEdge(s, 'alice-put', (e) => e)).toBe(s);
    expect(updateAccount(s, '111111111111', (a) => a)).toBe(s);
    expect(updateRule(s, 'rule', (r) => r)).toBe(s);
  });
  it('Given a patch that changes one resource, then only that resource and its array are new', () => {
    const s = seedCrossAccount;
    const next = updateResource(s, 'bucket', (r) => ({ ...r, name: 'renamed' }));
    expect(next).not.toBe(s);
    expect(next.resources.find((r) => r.id === 'bucket')?.name).toBe('renamed');
    expect(next.resources.find((r) => r.id === 'table')).toBe(s.resources.find((r) => r.id === 'table'));
    expect(next.principals).toBe(s.principals);
  });
});
