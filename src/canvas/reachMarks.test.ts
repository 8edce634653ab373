import { describe, expect, it } from 'vitest';
import type { ReachResult } from '../engine';
import { emptyScenario, type Scenario } from '../model';
import { reachMarks } from './reachMarks';

const scenario: Scenario = {
  ...emptyScenario(),
  edges: [{ kind: 'assume', id: 'alice-a', from: 'alice', to: 'role-a' }],
};

const result: ReachResult = {
  kind: 'who',
  focus: 'bucket',
  maxDepth: 5,
  truncated: false,
  entries: [
    {
      subject: 'p:alice',
      resource: 'bucket',
      actions: ['s3:GetObject'],
      denied: [],
      relevant: 2,
      throughRoles: true,
      path: [
        { from: 'p:alice', to: 'p:role-a', action: 'sts:AssumeRole', context: [] },
        { from: 'p:role-a', to: 'p:role-b', action: 'sts:AssumeRole', context: [] },
        { from: 'p:role-b', to: 'bucket', action: 's3:GetObject', context: [] },
      ],
    },
    { subject: 'account:333333333333', resource: 'bucket', actions: ['s3:GetObject'], denied: [], relevant: 2, throughRoles: false, path: [{ from: 'account:333333333333', to: 'bucket', action: 's3:GetObject', context: [] }] },
    { subject: 'p:eve', resource: 'bucket', actions: [], denied: ['s3:GetObject'], relevant: 2, throughRoles: false, path: [{ from: 'p:eve', to: 'bucket', action: 's3:GetObject', context: [] }] },
  ],
};

describe('what the canvas marks for "who can reach"', () => {
  const marks = reachMarks({ kind: 'who', key: 'bucket' }, result, scenario);

  it('Given alice reaches the bucket through two roles, then the bucket is the focus, alice reaches it, the roles are on the path', () => {
    expect(marks.nodes.get('bucket')?.role).toBe('focus');
    expect(marks.nodes.get('alice')).toEqual({ role: 'reach', tag: 'reaches · 1 action via roles' });
    expect(marks.nodes.get('role-a')?.role).toBe('path');
    expect(marks.nodes.get('role-b')?.role).toBe('path');
  });

  it('Given the drawn AssumeRole edge alice → RoleA, then it is kept; the hops no edge follows are to be drawn apart', () => {
    expect([...marks.edges]).toEqual(['alice-a']);
    expect(marks.hops).toEqual([
      { from: 'role-a', to: 'role-b', assume: true },
      { from: 'role-b', to: 'bucket', assume: false },
    ]);
  });

  it('Given an outsider and an explicitly denied principal, then the outsider is counted (not drawn) and eve is not marked', () => {
    expect(marks.count).toBe(2);
    expect(marks.outsiders).toBe(1);
    expect(marks.throughRoles).toBe(1);
    expect(marks.nodes.has('eve')).toBe(false);
  });
});
