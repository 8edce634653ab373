/**
 * Share-link codec benchmark: encode and decode (through parseScenario) against a baseline of plain
 * JSON.stringify + JSON.parse + parseScenario of the same scenario, measured in the same run.
 * Run: npx tsx bench/share.bench.ts
 */
import { deflateRawSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { emptyScenario, parseScenario, type Scenario } from '../src/model';
import { seedCrossAccount } from '../src/model/fixtures/seedCrossAccount';
import { decodeScenarioPayload, encodeScenarioPayload } from '../src/share/link';

function large(accounts: number, perAccount: number): Scenario {
  const s: Scenario = emptyScenario('Large');
  for (let a = 0; a < accounts; a++) {
    const id = String(100000000000 + a);
    s.accounts.push({ id, name: `Account ${a}` });
    for (let i = 0; i < perAccount; i++) {
      const user = `u-${a}-${i}`;
      const bucket = `b-${a}-${i}`;
      s.principals.push({
        id: user, type: 'iam-user', name: user, accountId: id, path: '/', tags: {},
        policies: [{ name: 'p', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::${bucket}/*` }] } }],
      });
      s.resources.push({ id: bucket, type: 's3-bucket', accountId: id, region: 'us-east-1', name: bucket, policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${id}:root` }, Action: 's3:*', Resource: `arn:aws:s3:::${bucket}/*` }] } });
      s.edges.push({ kind: 'access', id: `e-${a}-${i}`, from: user, to: bucket, actions: ['s3:GetObject'] });
      s.layout.nodes[user] = { x: 24, y: 60 + i * 100 };
      s.layout.nodes[bucket] = { x: 300, y: 60 + i * 100 };
    }
  }
  return s;
}

function time(label: string, runs: number, f: () => unknown): number {
  for (let i = 0; i < Math.min(3, runs); i++) f();
  const start = performance.now();
  for (let i = 0; i < runs; i++) f();
  const ms = (performance.now() - start) / runs;
  console.log(`${label.padEnd(44)} ${ms.toFixed(2).padStart(9)} ms`);
  return ms;
}

for (const [name, scenario, runs] of [['seed example', seedCrossAccount, 200], ['large (40 accounts × 25 users/buckets/edges)', large(40, 25), 10]] as const) {
  const json = JSON.stringify(scenario);
  const payload = encodeScenarioPayload(scenario);
  console.log(`\n${name}: JSON ${json.length.toLocaleString('en-US')} chars → link payload ${payload.length.toLocaleString('en-US')} chars (${((payload.length / json.length) * 100).toFixed(1)} %)`);
  const base = time('baseline: JSON.stringify + parse + parseScenario', runs, () => parseScenario(JSON.parse(JSON.stringify(scenario))));
  const enc = time('encode link (stringify + deflate + base64url)', runs, () => encodeScenarioPayload(scenario));
  const dec = time('decode link (… + capped inflate + parseScenario)', runs, () => decodeScenarioPayload(payload));
  console.log(`ratio to baseline: encode ${(enc / base).toFixed(2)}×, decode ${(dec / base).toFixed(2)}×`);
}

const bomb = deflateRawSync(Buffer.alloc(256 * 1024 * 1024, 0x20), { level: 9 }).toString('base64url');
console.log(`\ndecompression bomb: ${bomb.length.toLocaleString('en-US')} chars inflating to 256 MB`);
time('refuse the bomb (stops past 5 MB)', 5, () => decodeScenarioPayload(bomb));
