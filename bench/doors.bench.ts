/**
 * The doors of untrusted data on their largest and most hostile inputs: `npm run bench:doors`.
 *
 * What the main thread spends (the link decoder, the file reader and the policy checker run there; the
 * engine runs in the evaluation worker) on each input, median of several runs after a warm-up, wall-clock
 * and CPU time, with the baseline of the same run: `JSON.parse` of the same text — the least any door can do.
 * Figures are printed, never asserted.
 */
import { cpus, loadavg } from 'node:os';
import { checkPolicyText } from '../src/engine/check';
import { evaluateScenario } from '../src/engine/scenario';
import { LARGE, largeScenario } from '../src/engine/differential/largeScenario';
import { parseScenario } from '../src/model';
import { readScenarioFile, serializeScenario } from '../src/share/file';
import { decodeFragment, scenarioFragment } from '../src/share/link';
import { ms, time, type Timing } from './stats';

function line(label: string, t: Timing, baseline?: Timing): void {
  const ratio = baseline ? `   ${(t.cpuMedian / baseline.cpuMedian).toFixed(1)}× JSON.parse (cpu)` : '';
  console.log(`  ${label.padEnd(58)} median ${ms(t.median).padStart(9)}  cpu ${ms(t.cpuMedian).padStart(9)}${ratio}`);
}

console.log(`Doors benchmark — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? 'cpu'}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

// 1. The largest generated scenario, as a file and as a link.
const large = largeScenario();
const fileText = serializeScenario(large);
const fragment = scenarioFragment(large);
console.log(`\n1. The large scenario (${LARGE.edges.toLocaleString('en-US')} edges): a ${(fileText.length / 1e6).toFixed(1)} MB file, a ${(fragment.length / 1e6).toFixed(2)} MB link`);
const parseBaseline = time(() => void JSON.parse(fileText), 5, 2);
line('baseline: JSON.parse of the file', parseBaseline);
line('file reader (depth scan, JSON, parseScenario)', time(() => void readScenarioFile(fileText), 5, 2), parseBaseline);
line('link decoder (base64url, inflate, …, parseScenario)', time(() => void decodeFragment(fragment), 5, 2), parseBaseline);

// 2. Hostile inputs from the issue, at the doors.
console.log('\n2. Hostile inputs');
const deepLink = '#s=7cGBAAAAAIAg0P09FqkKAAAAAAAAABg';
line('link of 8,000 nested [ (refused, located)', time(() => void decodeFragment(deepLink), 20, 5));
const deepFile = `{"version":1,"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
const deepBaseline = time(() => void JSON.parse(deepFile), 10, 3);
line('baseline: JSON.parse of a file nested 100,000 deep', deepBaseline);
line('file nested 100,000 deep (refused, located)', time(() => void readScenarioFile(deepFile), 10, 3), deepBaseline);
const ou = (i: number): string => `ou-abcd-${String(i).padStart(8, '0')}`;
const chain = {
  version: 1,
  organizations: [{ id: 'o-exampleorg1', name: 'Org', rootId: 'r-root', managementAccountId: '111111111111', ous: Array.from({ length: 19_000 }, (_, i) => ({ id: ou(i), name: `OU ${i}`, parentId: i === 0 ? 'r-root' : ou(i - 1) })), policies: [] }],
  accounts: [{ id: '111111111111', name: 'A', organizationId: 'o-exampleorg1', parentId: ou(18_999) }],
};
const chainText = JSON.stringify(chain);
const chainBaseline = time(() => void JSON.parse(chainText), 5, 2);
line('baseline: JSON.parse of a 19,000-OU chain', chainBaseline);
line('parseScenario of a 19,000-OU chain', time(() => void parseScenario(JSON.parse(chainText)), 5, 2), chainBaseline);
const prefixes = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: Array.from({ length: 20 }, (_, i) => `${'q'.repeat(100_000 + i)}:GetObject`), Resource: '*' }] });
const prefixBaseline = time(() => void JSON.parse(prefixes), 5, 2);
line('baseline: JSON.parse of a policy with 20 × 100,000-char prefixes', prefixBaseline);
line('policy checker on it (did-you-mean with cut-offs)', time(() => void checkPolicyText(prefixes, { kind: 'identity' }), 5, 2), prefixBaseline);
const statements = JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 2_000 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObjects'], Resource: ['arn:aws:s3:::b/*', 'arn:aws:sqs:*'], Condition: { StringLike: { 'aws:userid': '*a*a*' } } })) }, null, 2);
const statementsBaseline = time(() => void JSON.parse(statements), 5, 2);
line(`baseline: JSON.parse of a ${(statements.length / 1e6).toFixed(1)} MB policy of 2,000 statements`, statementsBaseline);
line('policy checker on it', time(() => void checkPolicyText(statements, { kind: 'identity' }), 5, 2), statementsBaseline);

// 3. In the evaluation worker: a decision against the longest strings a scenario may hold.
console.log('\n3. In the evaluation worker');
const allow = (resource: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resource }] });
const worst = (resource: string, path: string) => {
  const parsed = parseScenario({
    version: 1,
    accounts: [{ id: '111111111111', name: 'A' }],
    principals: [{ id: 'alice', type: 'iam-user', name: 'alice', accountId: '111111111111', policies: [{ name: 'p', document: allow(resource) }] }],
    resources: [{ id: 'bucket', type: 's3-bucket', accountId: '111111111111', region: 'us-east-1', name: 'bucket-b' }],
    edges: [{ kind: 'access', id: 'e', from: 'alice', to: 'bucket', actions: ['s3:GetObject'], resourcePath: path }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.scenario;
};
const issue = worst('arn:aws:s3:::bucket-b/*a*a*aZ', 'a'.repeat(3_000));
line('Resource bucket-b/*a*a*aZ, a 3,000-character path', time(() => void evaluateScenario(structuredClone(issue)), 10, 3));
const longest = worst(`arn:aws:s3:::bucket-b/*${'a?'.repeat(49_980)}Z*`, 'a'.repeat(99_990));
line('Resource of 100,000 characters with 49,980 ?, a 99,990-character path', time(() => void evaluateScenario(structuredClone(longest)), 3, 1));
console.log(`\nload average after the run ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
