import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importFiles } from '../src/import';

/**
 * scripts/collect-aws.sh, run against a stand-in for the AWS CLI (scripts/fake-aws/aws) that answers with the
 * example organization of src/import/fixtures: the bundle it writes imports to the same scenario as those
 * files, and every call it makes is a read-only one.
 */
const SCRIPT = fileURLToPath(new URL('./collect-aws.sh', import.meta.url));
const FAKE = fileURLToPath(new URL('./fake-aws', import.meta.url));
const FIXTURES = new URL('../src/import/fixtures/', import.meta.url);
const work = mkdtempSync(join(tmpdir(), 'collect-aws-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every shell spawn of the fake CLI costs a process: on a loaded 2-core machine, ~100 of them take a while. */
const SLOW = 120_000;

function collect(args: readonly string[], path = `${FAKE}:${process.env['PATH'] ?? ''}`) {
  const log = join(work, `calls-${Math.random().toString(36).slice(2)}.log`);
  const out = join(work, `bundle-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync('bash', [SCRIPT, '-o', out, ...args], { encoding: 'utf8', env: { ...process.env, PATH: path, FAKE_AWS_LOG: log, AWS_PROFILE: '' } });
  const calls = (() => {
    try {
      return readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
    } catch {
      return [];
    }
  })();
  return { status: r.status, stderr: r.stderr, out, calls };
}

const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;

describe('scripts/collect-aws.sh', () => {
  it('Given bash, then the script parses (bash -n)', () => {
    expect(spawnSync('bash', ['-n', SCRIPT]).status).toBe(0);
  });

  it.skipIf(!hasShellcheck)('Given shellcheck, then it finds nothing in the script or the fake CLI', () => {
    const r = spawnSync('shellcheck', [SCRIPT, join(FAKE, 'aws')], { encoding: 'utf8' });
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  it(
    'Given three accounts (management, prod, sandbox), then it writes one bundle that imports to the same scenario as the files one by one, with only read-only calls',
    () => {
      const r = collect(['--profile', 'management', '--profile', 'prod', '--profile', 'sandbox', '--region', 'us-east-1']);
      expect(r.stderr).toContain('wrote');
      expect(r.status).toBe(0);

      // Read-only: sts get-caller-identity (no permission needed), configure get, and get-/list-/describe- calls.
      const verbs = r.calls.map((c) => {
        const words = c.split(' ').filter((w, i, all) => !w.startsWith('--') && !(i > 0 && all[i - 1]?.startsWith('--')));
        return `${words[0]} ${words[1]}`;
      });
      expect(verbs.length).toBeGreaterThan(40);
      for (const v of verbs) expect(v).toMatch(/^(\S+ (get|list|describe)-[a-z-]+|configure get)$/);

      const bundle = { name: 'aws-bundle.json', text: readFileSync(r.out, 'utf8') };
      const viaScript = importFiles([bundle], { now: new Date('2026-12-01') });
      const files = readdirSync(FIXTURES)
        .filter((f) => f.endsWith('.json'))
        .map((name) => ({ name, text: readFileSync(new URL(name, FIXTURES), 'utf8') }));
      const viaFiles = importFiles(files, { now: new Date('2026-12-01') });
      const a = viaScript.scenario;
      const b = viaFiles.scenario;
      expect(a && b).toBeTruthy();
      if (!a || !b) return;
      expect(a.organizations).toEqual(b.organizations);
      expect(a.accounts).toEqual(b.accounts);
      expect(a.principals).toEqual(b.principals);
      expect(a.groups).toEqual(b.groups);
      expect(a.managedPolicies).toEqual(b.managedPolicies);
      // The bundle also has the bucket without a policy (NoSuchBucketPolicy).
      expect(a.resources.filter((x) => x.name !== 'example-no-policy')).toEqual(expect.arrayContaining(b.resources));
      expect(a.resources.find((x) => x.name === 'example-no-policy')).toMatchObject({ accountId: '444455556666' });
      expect(a.resources.find((x) => x.name === 'example-no-policy')).not.toHaveProperty('policy');
      // The refused call is reported where it is in the bundle.
      const notes = viaScript.verdicts[0]?.notes.map((n) => n.message) ?? [];
      expect(notes.some((m) => m.startsWith('The collection could not run lambda get-policy (--function-name secret-function): An error occurred (AccessDeniedException)'))).toBe(true);
    },
    SLOW,
  );

  it(
    'Given credentials that cannot read the organization, then the bundle records the refusal and the rest is collected',
    () => {
      const r = collect(['--profile', 'prod', '--region', 'us-east-1']);
      expect(r.status).toBe(0);
      const result = importFiles([{ name: 'b.json', text: readFileSync(r.out, 'utf8') }]);
      expect(result.scenario?.organizations).toEqual([]);
      expect(result.scenario?.principals.length).toBe(5);
    },
    SLOW,
  );

  it('Given no AWS CLI on PATH, then it says what to install and writes nothing', () => {
    const r = collect([], '/usr/bin:/bin');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the AWS CLI (aws) is not on PATH');
    expect(() => readFileSync(r.out)).toThrow();
  });
});
