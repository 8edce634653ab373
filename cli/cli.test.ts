import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LESSONS, lessonScenario } from '../src/lessons';
import { serializeScenario } from '../src/share/file';
import { HEAVY_TEST_MS } from '../src/testing/timeouts';

/**
 * The real binary (bin/crossaccount.mjs, as `npx crossaccount` runs it), spawned with a guard that ends the
 * process if anything reaches for the network. Output and exit codes are what CI sees.
 */

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/crossaccount.mjs');
const FIXTURES = join(ROOT, 'src/import/fixtures/iac');
const GUARD = join(ROOT, 'cli/testing/no-network.mjs');
const dir = mkdtempSync(join(tmpdir(), 'crossaccount-cli-'));

function crossaccount(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', GUARD, BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: HEAVY_TEST_MS - 5_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const write = (name: string, value: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
};

const lesson = LESSONS.find((l) => l.id === 'bucket-policy') ?? (LESSONS[0] as (typeof LESSONS)[number]);
const parsed = lessonScenario(lesson);
if (!parsed.ok) throw new Error('lesson does not parse');
const scenarioFile = write('scenario.json', serializeScenario(parsed.scenario));
const firstEdge = lesson.edges[0] as (typeof lesson.edges)[number];
const PLAN = join(FIXTURES, 'platform.tfplan.json');

describe('crossaccount check', () => {
  it('Given a scenario file, when checked, then every edge is printed with its decision and the exit code is 0', () => {
    const r = crossaccount('check', scenarioFile);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`edges decided in “${parsed.scenario.name}”`);
    expect(r.stdout).toContain(`[${firstEdge.id}]`);
  }, HEAVY_TEST_MS);

  it('Given expectations that hold, then they pass (exit 0); given one that does not, then it fails with the reason (exit 1)', () => {
    const good = write('good.json', { expectations: lesson.edges.map((e) => ({ edge: e.id, expect: e.expected === 'allowed' ? 'allowed' : 'denied' })) });
    const ok = crossaccount('check', scenarioFile, '--expect', good);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`${lesson.edges.length} passed, 0 failed`);
    const bad = write('bad.json', [{ edge: firstEdge.id, expect: firstEdge.expected === 'allowed' ? 'denied' : 'allowed', name: 'the lesson, upside down' }]);
    const fail = crossaccount('check', scenarioFile, '--expect', bad);
    expect(fail.code).toBe(1);
    expect(fail.stdout).toMatch(/FAIL {2}the lesson, upside down: expected (allowed|denied), got /);
    expect(fail.stdout).toContain('0 passed, 1 failed');
  }, HEAVY_TEST_MS);

  it('Given a Terraform plan and expectations by principal, action and resource, then they are decided by the engine (JSON output)', () => {
    const expectations = write('plan-expect.json', [
      { principal: 'arn:aws:iam::111122223333:role/ci/ci-deploy', action: 'dynamodb:GetItem', resource: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders', expect: 'allowed' },
      { principal: 'alice', action: 'sns:Publish', resource: 'alerts', expect: 'allowed' },
      { principal: 'alice', action: 's3:DeleteObject', resource: 'arn:aws:s3:::example-artifacts/report.csv', expect: 'implicit-deny' },
    ]);
    const r = crossaccount('check', PLAN, '--expect', expectations, '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { exitCode: number; files: { recognised: string }[]; edges: { implied?: boolean }[]; expectations: { pass: boolean; actual: string }[] };
    expect(report.files[0]?.recognised).toBe('terraform-plan');
    expect(report.edges.length).toBeGreaterThan(5);
    expect(report.edges.filter((e) => e.implied).length).toBe(report.edges.length - 1);
    expect(report.expectations.map((x) => [x.pass, x.actual])).toEqual([
      [true, 'allowed'],
      [true, 'allowed'],
      [true, 'implicit-deny'],
    ]);
  }, HEAVY_TEST_MS);

  it('Given a CloudFormation template in YAML and --format junit, then the report is JUnit XML with a failure per unmet expectation', () => {
    const expectations = write('yaml-expect.json', [{ principal: 'auditor', action: 's3:PutObject', resource: 'arn:aws:s3:::partner-reports-prod/x', expect: 'allowed', name: 'auditor writes reports' }]);
    const r = crossaccount('check', join(FIXTURES, '777788889999.eu-central-1.partner.template.yaml'), '--expect', expectations, '--format', 'junit');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="crossaccount" tests="\d+" failures="1">/);
    expect(r.stdout).toContain('<testcase classname="crossaccount.expectations" name="auditor writes reports"><failure message="expected allowed, got implicit-deny">');
  }, HEAVY_TEST_MS);
});

describe('crossaccount on bad input (exit 2)', () => {
  it('Given a plan cut short, then the error names the file and where, and the exit code is 2', () => {
    const cut = write('cut.tfplan.json', readFileSync(PLAN, 'utf8').slice(0, 3000));
    const r = crossaccount('check', cut);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/cut\.tfplan\.json: \$: This is not JSON \(line \d+, column \d+\)/);
  }, HEAVY_TEST_MS);

  it('Given a file that does not exist, an unknown option, a bad expectations file or an expectation naming nobody, then each is exit 2 with the reason', () => {
    expect(crossaccount('check', 'missing.json')).toMatchObject({ code: 2, stderr: 'missing.json: cannot be read (ENOENT).\n' });
    expect(crossaccount('check', scenarioFile, '--strict')).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown option --strict.') });
    const badShape = write('bad-shape.json', [{ edge: 'x', expect: 'maybe' }]);
    expect(crossaccount('check', scenarioFile, '--expect', badShape)).toMatchObject({ code: 2, stderr: expect.stringContaining(`${badShape}: $[0].expect: Invalid option`) });
    const nobody = write('nobody.json', [{ principal: 'mallory', action: 's3:GetObject', resource: 'x', expect: 'denied' }]);
    expect(crossaccount('check', scenarioFile, '--expect', nobody)).toMatchObject({ code: 2, stderr: expect.stringContaining('expectation 1: No principal is “mallory” (an id, ARN or name).') });
  }, HEAVY_TEST_MS);
});

describe('crossaccount explain', () => {
  it('Given an edge id, then every step is printed with each stage in AWS order and the statements that decided', () => {
    const r = crossaccount('explain', scenarioFile, firstEdge.id);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${firstEdge.id}: (allowed|explicit-deny|implicit-deny|mixed)\\n`));
    expect(r.stdout).toContain('Step 1: ');
    expect(r.stdout).toMatch(/ {2}(allow|deny|no-allow|not-applicable) +.+/);
  }, HEAVY_TEST_MS);

  it('Given an edge that does not exist, then exit 2 lists the edges there are', () => {
    const r = crossaccount('explain', scenarioFile, 'no-such-edge');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No edge or EventBridge target has the id “no-such-edge”. Edges: ');
  }, HEAVY_TEST_MS);
});
