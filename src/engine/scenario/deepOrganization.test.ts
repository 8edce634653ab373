import { describe, expect, it } from 'vitest';
import { printedInChild } from '../../testing/childProcess';

/**
 * An organization whose OUs form one long chain, with member accounts at the bottom. SCPs are inherited down
 * the tree: "there must be an explicit Allow statement at every level from the root through each OU in the
 * direct path to the account" (AWS Organizations User Guide: "SCP evaluation"). Each account's path used to
 * be found with a search per step and each level's policies with a search of every target list (quadratic
 * and worse per account: the evaluation worker stalled); the scenario is built and decided in a child
 * process with a deadline (see printedInChild).
 */
describe('deep organizations', () => {
  it('Given 5,000 nested OUs with FullAWSAccess at every level and a Deny at the deepest, when 150 accounts at the bottom are decided, then every request is explicitly denied; without the deepest Allow, implicitly', { timeout: 120_000 }, () => {
    const printed = printedInChild(
      { evaluateScenario: 'src/engine/scenario/evaluateScenario.ts', parseScenario: 'src/model/parse.ts' },
      `const ou = (i) => 'ou-abcd-' + String(i).padStart(8, '0');
       const ous = Array.from({ length: 5000 }, (_, i) => ({ id: ou(i), name: 'OU ' + i, parentId: i === 0 ? 'r-root' : ou(i - 1) }));
       const accounts = Array.from({ length: 150 }, (_, i) => ({ id: String(100000000000 + i), name: 'A' + i, organizationId: 'o-exampleorg1', parentId: ou(4999) }));
       const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
       const denyPut = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:PutObject', Resource: '*' }] };
       const build = (fullTargets) => ({
         version: 1,
         organizations: [{ id: 'o-exampleorg1', name: 'Org', rootId: 'r-root', managementAccountId: '999999999999', ous, policies: [
           { id: 'p-full', name: 'FullAWSAccess', type: 'scp', targets: fullTargets, document: allowAll },
           { id: 'p-deny', name: 'DenyPut', type: 'scp', targets: [ou(4999)], document: denyPut },
         ] }],
         accounts: [{ id: '999999999999', name: 'Management', organizationId: 'o-exampleorg1' }, ...accounts],
         principals: accounts.map((a) => ({ id: 'u' + a.id, type: 'iam-user', name: 'u', accountId: a.id, policies: [{ name: 'all', document: allowAll }] })),
         resources: accounts.map((a) => ({ id: 'b' + a.id, type: 's3-bucket', accountId: a.id, region: 'us-east-1', name: 'b' + a.id })),
         edges: accounts.map((a) => ({ kind: 'access', id: 'e' + a.id, from: 'u' + a.id, to: 'b' + a.id, actions: ['s3:PutObject', 's3:GetObject'] })),
       });
       const everyLevel = ['r-root', ...ous.map((o) => o.id), ...accounts.map((a) => a.id)];
       for (const targets of [everyLevel, everyLevel.filter((t) => t !== ou(4999))]) {
         const parsed = parseScenario(build(targets));
         if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
         const counts = {};
         for (const e of evaluateScenario(parsed.scenario).edges.values()) for (const s of e.steps) counts[s.request.action + ' ' + s.verdict.decision] = (counts[s.request.action + ' ' + s.verdict.decision] ?? 0) + 1;
         console.log(JSON.stringify(counts));
       }`,
    );
    expect(printed.split('\n').map((line) => JSON.parse(line) as unknown)).toEqual([
      { 's3:PutObject explicit-deny': 150, 's3:GetObject allowed': 150 },
      { 's3:PutObject explicit-deny': 150, 's3:GetObject implicit-deny': 150 },
    ]);
  });
});
