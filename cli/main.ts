import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { evaluateScenario } from '../src/engine';
import type { ImportDefaults, ImportInput } from '../src/import';
import { ACCOUNT_ID_PATTERN, REGION_PATTERN } from '../src/model';
import { check, EXIT, explain, formatReport, load, parseExpectations, withImpliedEdges, type Format } from './check';

/**
 * `crossaccount`: the engine on the command line, for CI. Reads scenarios, AWS exports, Terraform plans and
 * CloudFormation templates through the app's import door, decides every edge with the app's engine, and
 * exits 0 (as expected), 1 (an expectation failed) or 2 (bad input). No browser, no network: it reads the
 * files it is given and prints.
 */

const USAGE = `Usage:
  crossaccount check FILE... [--expect EXPECTATIONS.json] [--format text|json|junit] [--account ID] [--region REGION]
  crossaccount explain FILE... EDGE [--account ID] [--region REGION]

FILE: a Crossaccount scenario, AWS CLI exports or a collection bundle, a Terraform plan
(terraform show -json PLAN), a CloudFormation template (JSON or YAML). Several files make one scenario.
A scenario without edges (an import) is checked on the edges its policies imply.

--expect     expectations: [{"edge": "ID", "expect": "allowed"},
             {"principal": "ARN|name", "action": "s3:GetObject", "resource": "ARN|name", "expect": "denied"}]
             (expect: allowed, denied, explicit-deny, implicit-deny, mixed)
--account    the account of files that do not say (templates, plans of new resources)
--region     their Region

Exit codes: 0 every expectation met; 1 an expectation failed; 2 bad input (a file that cannot be read or
imported, a bad expectations file, an unknown edge to explain).
`;

interface Args {
  command?: string;
  files: string[];
  expect?: string;
  format: Format;
  defaults: { account?: string; region?: string };
  help: boolean;
}

function parseArgs(argv: readonly string[]): Args | Error {
  const out: Args = { files: [], format: 'text', defaults: {}, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = (): string | Error => {
      const v = argv[++i];
      return v === undefined || v.startsWith('--') ? new Error(`${a} needs a value.`) : v;
    };
    if (a === '--help' || a === '-h') out.help = true;
    else if (a === '--expect') {
      const v = value();
      if (v instanceof Error) return v;
      out.expect = v;
    } else if (a === '--format') {
      const v = value();
      if (v instanceof Error) return v;
      if (v !== 'text' && v !== 'json' && v !== 'junit') return new Error(`--format is text, json or junit, not “${v}”.`);
      out.format = v;
    } else if (a === '--account') {
      const v = value();
      if (v instanceof Error) return v;
      if (!ACCOUNT_ID_PATTERN.test(v)) return new Error(`--account is a 12-digit account id, not “${v}”.`);
      out.defaults.account = v;
    } else if (a === '--region') {
      const v = value();
      if (v instanceof Error) return v;
      if (!REGION_PATTERN.test(v)) return new Error(`--region is a Region code such as us-east-1, not “${v}”.`);
      out.defaults.region = v;
    } else if (a.startsWith('--')) return new Error(`Unknown option ${a}.`);
    else if (out.command === undefined) out.command = a;
    else out.files.push(a);
  }
  return out;
}

function readInputs(files: readonly string[]): ImportInput[] | Error {
  const inputs: ImportInput[] = [];
  for (const f of files) {
    try {
      const bytes = statSync(f).size;
      inputs.push({ name: basename(f), text: readFileSync(f, 'utf8'), bytes });
    } catch (e) {
      return new Error(`${f}: cannot be read (${e instanceof Error && 'code' in e ? String(e.code) : String(e)}).`);
    }
  }
  return inputs;
}

/** Runs one command line; returns what to print and the exit code. */
export function run(argv: readonly string[]): { stdout: string; stderr: string; code: number } {
  const args = parseArgs(argv);
  if (args instanceof Error) return { stdout: '', stderr: `${args.message}\n\n${USAGE}`, code: EXIT.badInput };
  if (args.help || args.command === undefined || args.command === 'help') return { stdout: USAGE, stderr: '', code: args.command === undefined && !args.help ? EXIT.badInput : EXIT.ok };
  const defaults: ImportDefaults = args.defaults;
  if (args.command === 'check') {
    if (args.files.length === 0) return { stdout: '', stderr: `check needs at least one file.\n\n${USAGE}`, code: EXIT.badInput };
    const inputs = readInputs(args.files);
    if (inputs instanceof Error) return { stdout: '', stderr: `${inputs.message}\n`, code: EXIT.badInput };
    let expectations;
    if (args.expect !== undefined) {
      let text: string;
      try {
        text = readFileSync(args.expect, 'utf8');
      } catch (e) {
        return { stdout: '', stderr: `${args.expect}: cannot be read (${e instanceof Error && 'code' in e ? String(e.code) : String(e)}).\n`, code: EXIT.badInput };
      }
      expectations = parseExpectations(text, args.expect);
      if (expectations instanceof Error) return { stdout: '', stderr: `${expectations.message}\n`, code: EXIT.badInput };
    }
    const report = check(load(inputs, defaults), expectations);
    const text = formatReport(report, args.format);
    // Bad input is reported on stderr in text form; json and junit keep their one document on stdout.
    if (report.exitCode === EXIT.badInput && args.format === 'text') return { stdout: '', stderr: text, code: report.exitCode };
    return { stdout: text, stderr: '', code: report.exitCode };
  }
  if (args.command === 'explain') {
    const edge = args.files.pop();
    if (args.files.length === 0 || edge === undefined) return { stdout: '', stderr: `explain needs a file and an edge id.\n\n${USAGE}`, code: EXIT.badInput };
    const inputs = readInputs(args.files);
    if (inputs instanceof Error) return { stdout: '', stderr: `${inputs.message}\n`, code: EXIT.badInput };
    const loaded = load(inputs, defaults);
    if (!loaded.scenario || loaded.problems.length > 0) return { stdout: '', stderr: `${loaded.problems.join('\n')}\n`, code: EXIT.badInput };
    const evaluation = evaluateScenario(withImpliedEdges(loaded.scenario).scenario);
    const text = explain(evaluation, edge);
    if (text === undefined) return { stdout: '', stderr: `No edge or EventBridge target has the id “${edge}”. Edges: ${[...evaluation.edges.keys()].slice(0, 20).join(', ')}${evaluation.edges.size > 20 ? ', …' : ''}\n`, code: EXIT.badInput };
    return { stdout: `${text}\n`, stderr: '', code: EXIT.ok };
  }
  return { stdout: '', stderr: `Unknown command “${args.command}”.\n\n${USAGE}`, code: EXIT.badInput };
}

const result = run(process.argv.slice(2));
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.code;
