import fc from 'fast-check';
import { seedCrossAccount } from '../../model/fixtures/seedCrossAccount';

/**
 * Generators of hostile and damaged input for the fuzz suite: the kinds of thing a stranger's link, a file
 * from elsewhere, a damaged browser storage or a pasted policy can hold. Built from small pieces so that
 * fast-check can combine them: prototype names, wildcards that make backtracking matchers blow up, long
 * runs, deep nesting, broken JSON, Unicode, and scenarios that are valid enough to reach the engine.
 */

/** Runs of one piece: the lengths that made the old matchers and checks take seconds. */
const runs = fc
  .tuple(fc.constantFrom('a', 'ab', '*', '?', 'a*', '*a', '?a', 'a?', ':', '/', '*:', '[', '{', '"', '\\', 'é', '\u{1F600}'), fc.integer({ min: 1, max: 3_000 }))
  .map(([s, n]) => s.repeat(n));

/** Words that mean something to this app, to IAM or to JavaScript. */
const special = fc.constantFrom(
  '__proto__', 'constructor', 'toString', 'prototype', 'hasOwnProperty', '', ' ', '*', '?', '**', '*?*', ':', '::::::',
  '${aws:username}', '${*}', '${?}', '${$}', '${', '${aws:PrincipalTag/team}', '\uE000', '\uE001', '\u0000', '\uFEFF', '\uD800',
  '<img src=x onerror=alert(1)>', 'arn:aws:s3:::bucket-b/*', 'arn:aws:s3:::bucket-b/*a*a*aZ', 'arn:aws:iam::111111111111:root',
  'arn:aws:sqs:*', 'arn:aws:sqs:us-east-1:*', 'arn:aws:lambda:*:function:process', 'execute-api:/prod/GET/x', 's3:GetObject',
  's3:Get*', 's3:*Object', 's3:Get?bject', 'sts:AssumeRole', '*:*', 'aws:SourceArn', 'aws:PrincipalOrgID', 'o-exampleorg1',
  '111111111111', '222222222222', '1e309', 'NaN', 'null', 'true',
);

/** Text of every kind, short or long. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 4, arbitrary: special },
  { weight: 1, arbitrary: runs },
  { weight: 2, arbitrary: fc.array(fc.oneof(special, fc.constantFrom('a', 'b', 'Z', '*', '?', ':', '/')), { maxLength: 16 }).map((p) => p.join('')) },
);

/** IAM wildcard patterns, including the shapes that backtrack: many `*` and `?` before a character that never comes. */
export const pattern: fc.Arbitrary<string> = fc.oneof(
  hostileText,
  fc
    .tuple(fc.constantFrom('arn:aws:s3:::bucket-b/', 'arn:aws:sqs:', 'arn:aws:*:', 's3:', 'arn:aws:s3:::', ''), fc.constantFrom('*a', '?a', 'a*', '*a?', '*:'), fc.integer({ min: 1, max: 40 }), fc.constantFrom('Z', 'Z*', '', '?'))
    .map(([head, piece, n, tail]) => `${head}${piece.repeat(n)}${tail}`),
);

/** An action an edge may carry (`service:Name`, wildcards allowed), long ones included. */
const edgeAction: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('s3:GetObject', 's3:PutObject', 'sqs:SendMessage', 'kms:Decrypt', 'sts:AssumeRole', 'lambda:InvokeFunction', 'execute-api:Invoke', '*', 's3:Get*', 's3:*'),
  fc.tuple(fc.constantFrom('s3', 'sqs', 'x', 'q'.repeat(500)), fc.stringMatching(/^[a-zA-Z0-9*?]{1,40}$/)).map(([svc, name]) => `${svc}:${name}`),
);

/** A string or list of strings, as policy elements take them. */
const oneOrMany = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | T[]> => fc.oneof(a, fc.array(a, { maxLength: 4 }));

const conditionBlock = fc.dictionary(
  fc.constantFrom('StringLike', 'StringNotLike', 'ArnLike', 'ArnNotLike', 'StringEquals', 'StringEqualsIgnoreCase', 'ArnEquals', 'IpAddress', 'NumericLessThan', 'DateGreaterThan', 'Bool', 'Null', 'ForAnyValue:StringLike', 'ForAllValues:ArnLike', 'StringLikeIfExists', 'Bogus', '__proto__'),
  fc.dictionary(fc.oneof(fc.constantFrom('aws:SourceArn', 'aws:PrincipalArn', 'aws:username', 'aws:PrincipalTag/team', 's3:prefix', 'aws:SourceIp', 'aws:CurrentTime', 'aws:MultiFactorAuthPresent', '__proto__'), hostileText), oneOrMany(fc.oneof(pattern, fc.integer(), fc.boolean()))),
  { maxKeys: 3 },
);

const principalElement = fc.oneof(
  fc.constant('*'),
  fc.record({ AWS: oneOrMany(fc.oneof(special, hostileText)) }),
  fc.record({ Service: oneOrMany(fc.constantFrom('events.amazonaws.com', 'lambda.amazonaws.com', 'x')) }),
  fc.dictionary(fc.oneof(fc.constantFrom('AWS', 'Service', 'Federated', 'CanonicalUser'), hostileText), oneOrMany(hostileText), { maxKeys: 2 }),
);

/** A policy statement: mostly well formed, with hostile values and now and then a broken element. */
export const statement: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    Sid: hostileText,
    Effect: fc.constantFrom('Allow', 'Allow', 'Deny', 'allow', 1),
    Action: oneOrMany(pattern),
    NotAction: oneOrMany(pattern),
    Resource: oneOrMany(pattern),
    NotResource: oneOrMany(pattern),
    Principal: principalElement,
    NotPrincipal: principalElement,
    Condition: conditionBlock,
  },
  { requiredKeys: ['Effect'] },
);

export const policy: fc.Arbitrary<Record<string, unknown>> = fc.record(
  { Version: fc.constantFrom('2012-10-17', '2012-10-17', '2008-10-17', 'today'), Statement: fc.oneof(statement, fc.array(statement, { maxLength: 4 })) },
  { requiredKeys: ['Statement'] },
);

const accountIds = ['111111111111', '222222222222', '333333333333'] as const;
const account = fc.constantFrom(...accountIds);
const entityId = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('alice', 'role', 'bucket', 'queue', 'key', 'api', 'bus') }, { weight: 1, arbitrary: special.filter((s) => s.length > 0) });

/**
 * A scenario-shaped document: accounts, users and roles with hostile policies, resources with resource
 * policies, edges between them with hostile actions, paths and request context. Most parse; the rest fail
 * with located errors, which is as much the point.
 */
export const scenarioDocument: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    principals: fc.array(
      fc.record({
        id: entityId,
        type: fc.constantFrom('iam-user', 'iam-role', 'account-root'),
        name: fc.oneof(fc.constantFrom('alice', 'role', 'Admin'), hostileText),
        accountId: account,
        policies: fc.array(fc.record({ name: fc.constantFrom('p', 'q'), document: policy }), { maxLength: 2 }),
        permissionsBoundary: fc.option(policy, { nil: undefined }),
        trustPolicy: policy,
        tags: fc.dictionary(hostileText, hostileText, { maxKeys: 2 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    resources: fc.array(
      fc.record({
        id: entityId,
        type: fc.constantFrom('s3-bucket', 'sqs-queue', 'sns-topic', 'kms-key', 'lambda-function', 'apigateway-rest-api', 'events-bus', 'dynamodb-table'),
        accountId: account,
        region: fc.constantFrom('us-east-1', 'eu-west-3'),
        name: fc.oneof(fc.constantFrom('bucket-b', 'orders'), hostileText),
        policy: fc.option(policy, { nil: undefined }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    edges: fc.array(
      fc.record(
        {
          kind: fc.constantFrom('access', 'access', 'assume'),
          id: fc.oneof(fc.constantFrom('e1', 'e2', 'e3'), hostileText),
          from: entityId,
          to: entityId,
          actions: fc.array(fc.oneof({ weight: 40, arbitrary: edgeAction }, { weight: 1, arbitrary: pattern }), { minLength: 1, maxLength: 3 }),
          ends: fc.tuple(fc.nat(), fc.nat()),
          resourcePath: hostileText,
          context: fc.dictionary(fc.oneof(fc.constantFrom('aws:SourceArn', 'aws:username', 'aws:SourceIp', 'aws:CurrentTime'), hostileText), fc.oneof(hostileText, fc.array(hostileText, { maxLength: 3 })), { maxKeys: 2 }),
          sessionPolicy: policy,
          externalId: hostileText,
        },
        { requiredKeys: ['kind', 'id', 'from', 'to', 'ends', 'actions'] },
      ),
      { maxLength: 4 },
    ),
    organizations: fc.oneof(
      fc.constant([]),
      fc.record({ depth: fc.integer({ min: 0, max: 400 }), cycle: fc.integer({ min: 0, max: 4 }).map((n) => n === 0), policies: fc.array(policy, { maxLength: 2 }) }).map(({ depth, cycle, policies }) => {
        const ou = (i: number): string => `ou-abcd-${String(i).padStart(8, '0')}`;
        return [
          {
            id: 'o-exampleorg1',
            name: 'Org',
            rootId: 'r-root',
            managementAccountId: '333333333333',
            ous: Array.from({ length: depth }, (_, i) => ({ id: ou(i), name: `OU ${i}`, parentId: i === 0 ? (cycle && depth > 1 ? ou(depth - 1) : 'r-root') : ou(i - 1) })),
            policies: policies.map((document, i) => ({ id: `p-${i}`, name: `P${i}`, type: i % 2 ? 'rcp' : 'scp', targets: ['r-root', ...(depth > 0 ? [ou(depth - 1)] : []), '333333333333'], document })),
          },
        ];
      }),
    ),
    orgMember: fc.boolean(),
    messy: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    // Version 2: IAM groups and managed policies, attached by id.
    groups: fc.array(fc.record({ accountId: account, policies: fc.array(fc.record({ name: fc.constantFrom('g', 'h'), document: policy }), { maxLength: 2 }) }), { maxLength: 2 }),
    managed: fc.array(fc.record({ name: fc.oneof(fc.constantFrom('ReadOnly', 'Admin'), hostileText), accountId: fc.option(account, { nil: undefined }), document: policy }), { maxLength: 2 }),
    attach: fc.array(fc.nat(), { maxLength: 3 }),
  })
  .map(({ principals: rawPrincipals, resources: rawResources, edges: rawEdges, organizations, orgMember, messy, groups: rawGroups, managed, attach }) => {
    // Mostly a scenario whose references hold (ids made unique, names present, edges between drawn ends), so
    // that the engine is reached; now and then as generated, so that the references are checked.
    const unique = <T extends { id: string; name: string }>(list: T[], prefix: string): T[] =>
      messy ? list : list.map((x, i) => ({ ...x, id: `${prefix}${i}-${x.id}`, name: x.name.trim() === '' ? `${prefix}${i}` : x.name }));
    const principals = unique(rawPrincipals, 'p');
    const resources = unique(rawResources, 'r');
    const edges = rawEdges.map(({ ends, ...e }, i) => {
      if (messy) return e;
      const from = principals[ends[0] % principals.length]?.id ?? e.from;
      const roles = principals.filter((p) => p.type === 'iam-role');
      const to = e.kind === 'assume' ? (roles[ends[1] % Math.max(1, roles.length)]?.id ?? e.to) : (resources[ends[1] % resources.length]?.id ?? e.to);
      return { ...e, id: `e${i}-${e.id}`, from, to, kind: e.kind === 'assume' && roles.length === 0 ? 'access' : e.kind };
    });
    const groups = rawGroups.map((g, i) => ({ id: `g${i}`, name: `Group${i}`, ...g }));
    const managedPolicies = managed.map((m, i) => ({ id: `m${i}`, ...m, name: m.name.trim() === '' ? `M${i}` : m.name }));
    // Users join groups of their account and take managed policies they may take (or, messy, any).
    const linked = principals.map((p, i) => {
      if (p.type === 'account-root') return p;
      const fits = (accountId: string | undefined): boolean => messy || accountId === undefined || accountId === p.accountId;
      const managedPolicyIds = [...new Set(attach.map((k) => managedPolicies[(k + i) % Math.max(1, managedPolicies.length)]).filter((m) => m !== undefined && fits(m.accountId)).map((m) => m!.id))];
      const groupIds = p.type === 'iam-user' ? [...new Set(attach.map((k) => groups[(k + i) % Math.max(1, groups.length)]).filter((g) => g !== undefined && fits(g.accountId)).map((g) => g!.id))] : [];
      return { ...p, ...(managedPolicyIds.length ? { managedPolicyIds } : {}), ...(groupIds.length ? { groupIds } : {}) };
    });
    const inOrg = organizations.length > 0;
    const deepest = inOrg ? (organizations[0]?.ous.at(-1)?.id ?? undefined) : undefined;
    return {
      version: 2,
      name: 'Fuzzed',
      groups,
      managedPolicies,
      organizations,
      accounts: accountIds.map((id) => ({ id, name: `Account ${id.slice(0, 1)}`, ...(inOrg && (orgMember || id === '333333333333') ? { organizationId: 'o-exampleorg1', ...(deepest && id === '111111111111' ? { parentId: deepest } : {}) } : {}) })),
      principals: linked.map((p) => (p.type === 'iam-role' ? p : Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'trustPolicy' && (p.type !== 'account-root' || !['policies', 'permissionsBoundary'].includes(k)))))),
      resources,
      edges: edges.map((e) => (e.kind === 'assume' ? Object.fromEntries(Object.entries(e).filter(([k]) => !['actions', 'resourcePath', 'context'].includes(k))) : e)),
    };
  });

/** Any JSON value, with prototype names among its keys. */
const jsonish: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 4 }).chain((v) =>
  fc.oneof(
    fc.constant(v),
    fc.dictionary(fc.oneof(special, fc.string({ maxLength: 8 })), fc.constant(v), { maxKeys: 3 }),
  ),
);

/** An array or object nested `depth` levels deep, built without recursion. */
function nested(depth: number, object: boolean): unknown {
  let v: unknown = 0;
  for (let i = 0; i < depth; i++) v = object ? { a: v } : [v];
  return v;
}

/** Values for `parseScenario`: scenario-shaped documents (sometimes with a field replaced by junk), deep nests, anything. */
export const scenarioValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: scenarioDocument },
  {
    weight: 2,
    arbitrary: fc.tuple(scenarioDocument, fc.constantFrom('version', 'accounts', 'principals', 'resources', 'edges', 'organizations', 'layout', 'name', '__proto__'), jsonish).map(([doc, key, junk]) => {
      const out = { ...doc };
      Object.defineProperty(out, key, { value: junk, enumerable: true, writable: true, configurable: true });
      return out;
    }),
  },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 5_000 }), fc.boolean()).map(([d, o]) => ({ version: 1, name: 'deep', layout: { nodes: {} }, description: nested(d, o) })) },
  { weight: 1, arbitrary: jsonish },
  { weight: 1, arbitrary: fc.constant(JSON.parse(JSON.stringify(seedCrossAccount)) as unknown) },
);

/** Text damaged the ways text gets damaged: cut short, a piece cut out, a character changed, doubled. */
function damage(text: string): fc.Arbitrary<string> {
  const at = fc.integer({ min: 0, max: Math.max(0, text.length) });
  return fc.oneof(
    fc.constant(text),
    at.map((i) => text.slice(0, i)),
    fc.tuple(at, at).map(([i, j]) => text.slice(0, Math.min(i, j)) + text.slice(Math.max(i, j))),
    fc.tuple(at, fc.constantFrom('"', '{', '[', ']', '}', ',', ':', '\\', '\u0000', 'é', '\uD800')).map(([i, c]) => text.slice(0, i) + c + text.slice(i + 1)),
    at.map((i) => text.slice(0, i) + text.slice(i - 40 < 0 ? 0 : i - 40)),
  );
}

/** JSON text of a value; a value nested too deeply for `JSON.stringify` (it recurses) becomes a deep text instead. */
function toText(v: unknown, indent?: number): string {
  try {
    return JSON.stringify(v, null, indent) ?? 'null';
  } catch {
    return `{"version":1,"description":${'['.repeat(5_000)}0${']'.repeat(5_000)}}`;
  }
}

/** JSON text for the file reader and the link decoder: scenarios as written, damaged, nested, or not JSON at all. */
export const scenarioText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: scenarioValue.chain((v) => damage(toText(v))) },
  { weight: 1, arbitrary: scenarioValue.map((v) => toText(v, 2)) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom('[', '{"a":', '[{"x":')).map(([n, open]) => open.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 60, max: 20_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`) },
  { weight: 1, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((s) => `\uFEFF${s}`) },
);

/** Policy text as typed or pasted into the editor. */
export const policyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: policy.chain((p) => damage(JSON.stringify(p, null, 2))) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1_000, max: 100_000 })).map(([n, len]) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: Array.from({ length: n }, (_, i) => `${'q'.repeat(len + i)}:GetObject`), Resource: '*' }] })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 20_000 }).map((n) => `{"Version":"2012-10-17","Statement":${'['.repeat(n)}`) },
  { weight: 1, arbitrary: hostileText },
);
