import {
  CURRENT_SCENARIO_VERSION,
  accountRootArn,
  principalArn,
  resourceArn,
  updatePrincipal,
  updateResource,
  type Account,
  type AccessEdge,
  type AssumeEdge,
  type IamRole,
  type IamUser,
  type AccountRoot,
  type Layout,
  type PolicyDocument,
  type Resource,
  type ResourceType,
  type Scenario,
} from '../model';
import { LESSON_LAYOUTS } from './layouts';

/**
 * Small typed builders for the lessons' scenarios. They produce the model's own types (so the compiler
 * checks every field) and derive ARNs with the model's functions rather than spelling them by hand.
 */

export const ACCOUNT_A = '111111111111';
export const ACCOUNT_B = '222222222222';
export const ACCOUNT_C = '333333333333';
export const MANAGEMENT = '999999999999';
export const REGION = 'us-east-1';

type Statement = Record<string, unknown>;

export function policy(...statements: Statement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

export function account(id: string, name: string, extra: Partial<Account> = {}): Account {
  return { id, name, ...extra };
}

export function user(id: string, name: string, accountId: string, policies: IamUser['policies'] = []): IamUser {
  return { id, type: 'iam-user', name, accountId, path: '/', tags: {}, policies };
}

export function role(id: string, name: string, accountId: string, trustPolicy: PolicyDocument, policies: IamRole['policies'] = []): IamRole {
  return { id, type: 'iam-role', name, accountId, path: '/', tags: {}, policies, trustPolicy };
}

export function root(id: string, accountId: string): AccountRoot {
  return { id, type: 'account-root', name: 'root', accountId, tags: {} };
}

export function resource(id: string, type: ResourceType, accountId: string, name: string, resourcePolicy?: PolicyDocument): Resource {
  return { id, type, accountId, region: REGION, name, ...(resourcePolicy ? { policy: resourcePolicy } : {}) };
}

export function access(id: string, from: string, to: string, actions: string[], extra: Partial<Omit<AccessEdge, 'kind' | 'id' | 'from' | 'to' | 'actions'>> = {}): AccessEdge {
  return { kind: 'access', id, from, to, actions, ...extra };
}

export function assume(id: string, from: string, to: string, extra: Partial<Omit<AssumeEdge, 'kind' | 'id' | 'from' | 'to'>> = {}): AssumeEdge {
  return { kind: 'assume', id, from, to, ...extra };
}

/** The trust policy that lets principals of `accountId` (as its administrators allow) assume a role. */
export function trustAccount(accountId: string): PolicyDocument {
  return policy({ Effect: 'Allow', Principal: { AWS: accountRootArn(accountId) }, Action: 'sts:AssumeRole' });
}

/** The trust policy that lets EventBridge assume a role. */
export function trustEventBridge(): PolicyDocument {
  return policy({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' });
}

export const arnOf = { principal: principalArn, resource: resourceArn, root: accountRootArn };

/**
 * Layout on a grid: accounts are boxes at absolute positions; nodes sit in a box's columns and rows
 * (positions relative to their account, as the canvas expects). Cards are 208 wide (src/graph/toFlow.ts);
 * columns leave 112 between them, room for an edge's label between two cards at the zoom a fit picks.
 */
const COLUMN = 320;
const ROW = 100;
const NODE_WIDTH = 208;

export function boxSize(columns: number, rows: number): { width: number; height: number } {
  return { width: 24 * 2 + NODE_WIDTH + (columns - 1) * COLUMN, height: 64 + rows * ROW };
}

export function cell(column: number, row: number): { x: number; y: number } {
  return { x: 24 + column * COLUMN, y: 60 + row * ROW };
}

export function layout(boxes: Record<string, { x: number; y: number; columns: number; rows: number }>, cells: Record<string, [number, number]>): Layout {
  const nodes: Layout['nodes'] = {};
  for (const [id, b] of Object.entries(boxes)) nodes[id] = { x: b.x, y: b.y, ...boxSize(b.columns, b.rows) };
  for (const [id, [c, r]] of Object.entries(cells)) nodes[id] = cell(c, r);
  return { nodes };
}

/**
 * A lesson's positions, as the app's auto-layout gives them (ELK, src/graph/layout.ts): generated into
 * layouts.ts by `npm run lessons:layout`, checked against the layout by layouts.test.ts.
 */
export function laidOut(lessonId: string): Layout {
  return { nodes: LESSON_LAYOUTS[lessonId] ?? {} };
}

export function scenario(s: Omit<Scenario, 'version' | 'organizations' | 'rules' | 'groups' | 'managedPolicies'> & Partial<Pick<Scenario, 'organizations' | 'rules' | 'groups' | 'managedPolicies'>>): Scenario {
  return { version: CURRENT_SCENARIO_VERSION, organizations: [], rules: [], groups: [], managedPolicies: [], ...s };
}

// Edits used by "try this" changes: pure, and they return the same scenario when nothing changes.

function statementsOf(doc: PolicyDocument | undefined): Statement[] {
  if (!doc) return [];
  return Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
}

/** Removes the statement with `sid` from a resource's policy. */
export function removeResourceStatement(s: Scenario, resourceId: string, sid: string): Scenario {
  return updateResource(s, resourceId, (r) => {
    const statements = statementsOf(r.policy);
    const kept = statements.filter((st) => st['Sid'] !== sid);
    if (kept.length === statements.length || !r.policy) return r;
    return { ...r, policy: { ...r.policy, Statement: kept } };
  });
}

/** Adds a statement to a resource's policy unless one with the same Sid is there. */
export function addResourceStatement(s: Scenario, resourceId: string, statement: Statement): Scenario {
  return updateResource(s, resourceId, (r) => {
    const statements = statementsOf(r.policy);
    if (statements.some((st) => st['Sid'] === statement['Sid'])) return r;
    return { ...r, policy: { Version: '2012-10-17', ...(r.policy ?? {}), Statement: [...statements, statement] } };
  });
}

/** Attaches a named identity policy to a user or role unless one of that name is attached. */
export function attachPolicy(s: Scenario, principalId: string, name: string, document: PolicyDocument): Scenario {
  return updatePrincipal(s, principalId, (p) => {
    if (p.type !== 'iam-user' && p.type !== 'iam-role') return p;
    if (p.policies.some((x) => x.name === name)) return p;
    return { ...p, policies: [...p.policies, { name, document }] };
  });
}
