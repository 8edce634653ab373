import { z } from 'zod';
import { evaluateScenario, explainStep, impliedEdges, type EdgeEvaluation, type ScenarioEvaluation } from '../src/engine';
import { importFiles, type FileVerdict, type ImportDefaults, type ImportInput } from '../src/import';
import { principalArn, resourceArn, type Edge, type Principal, type Resource, type Scenario } from '../src/model';

/**
 * The command line's work, without the process: files in, a report and an exit code out. The same import door
 * and engine as the browser (`importFiles`, `evaluateScenario`); no DOM, no network. `main.ts` only reads the
 * files and prints.
 */

/** Exit codes: 0 every decision as expected, 1 an expectation failed, 2 the input could not be read. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

export type Format = 'text' | 'json' | 'junit';

/** What a decision is expected to be: `denied` is either kind of denial. */
const Expected = z.enum(['allowed', 'denied', 'explicit-deny', 'implicit-deny', 'mixed']);

/** One expectation: an edge (or EventBridge target) by id, or a request by principal, action and resource. */
const EdgeExpectation = z.strictObject({ edge: z.string().min(1), expect: Expected, name: z.string().optional() });
const RequestExpectation = z.strictObject({
  principal: z.string().min(1),
  action: z.string().regex(/^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+$/, 'An action looks like s3:GetObject'),
  resource: z.string().min(1),
  expect: Expected,
  context: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  name: z.string().optional(),
});
export type Expectation = z.infer<typeof EdgeExpectation> | z.infer<typeof RequestExpectation>;

export interface EdgeReport {
  readonly id: string;
  readonly kind: EdgeEvaluation['kind'];
  readonly from: string;
  readonly to: string;
  readonly status: EdgeEvaluation['status'];
  readonly summary: string;
  readonly steps: readonly { readonly label: string; readonly decision: string; readonly reason: string; readonly summary: string }[];
  /** Added from the policies (the import holds no edges): the policy that names the caller. */
  readonly implied?: boolean;
}

export interface ExpectationReport {
  readonly name: string;
  readonly expected: z.infer<typeof Expected>;
  readonly actual: EdgeEvaluation['status'] | 'missing';
  readonly pass: boolean;
  readonly summary: string;
  readonly edge?: string;
}

export interface CheckReport {
  readonly exitCode: number;
  readonly files: readonly FileVerdict[];
  readonly problems: readonly string[];
  readonly scenario?: string;
  readonly edges: readonly EdgeReport[];
  readonly expectations: readonly ExpectationReport[];
}

/** Reads the files through the import door. Problems (a file skipped, nothing imported) make the input bad. */
export function load(inputs: readonly ImportInput[], defaults: ImportDefaults): { scenario?: Scenario; files: readonly FileVerdict[]; problems: string[] } {
  const r = importFiles(inputs, { defaults });
  const problems: string[] = [];
  for (const v of r.verdicts) {
    if (v.status === 'skipped') problems.push(...v.notes.filter((n) => n.level === 'error').map((n) => `${n.file}: ${n.path}: ${n.message}`), ...(v.notes.some((n) => n.level === 'error') ? [] : [`${v.file}: nothing in it could be imported.`]));
  }
  if (r.failure) problems.push(r.failure);
  return { ...(r.scenario ? { scenario: r.scenario } : {}), files: r.verdicts, problems };
}

/** The scenario with the edges its policies imply, when it has none (an import of AWS data, a plan, a template). */
export function withImpliedEdges(s: Scenario): { scenario: Scenario; implied: ReadonlySet<string> } {
  if (s.edges.length > 0) return { scenario: s, implied: new Set() };
  const implied = impliedEdges(s, { includeOutside: true });
  return {
    scenario: { ...s, accounts: [...s.accounts, ...implied.accounts], principals: [...s.principals, ...implied.principals], edges: implied.edges.map((e) => e.edge) },
    implied: new Set(implied.edges.map((e) => e.edge.id)),
  };
}

/** A principal by id, ARN or (unique) name. */
function findPrincipal(s: Scenario, ref: string): Principal | Error {
  const byId = s.principals.find((p) => p.id === ref || principalArn(p) === ref);
  if (byId) return byId;
  const byName = s.principals.filter((p) => p.name === ref);
  if (byName.length === 1) return byName[0] as Principal;
  return new Error(byName.length > 1 ? `${byName.length} principals are named “${ref}”: use its ARN.` : `No principal is “${ref}” (an id, ARN or name).`);
}

/** A resource (or a role, for sts:AssumeRole) by id, ARN (an object ARN names its bucket and key) or (unique) name. */
function findTarget(s: Scenario, ref: string): { resource: Resource; path?: string } | { role: Principal } | Error {
  const role = s.principals.find((p) => p.type === 'iam-role' && (p.id === ref || principalArn(p) === ref || p.name === ref));
  if (role) return { role };
  for (const r of s.resources) {
    if (r.id === ref || r.name === ref) return { resource: r };
    const arn = resourceArn(r);
    if (ref === arn) return { resource: r };
    if (ref.startsWith(`${arn}/`) && (r.type === 's3-bucket' || r.type === 'apigateway-rest-api' || r.type === 'dynamodb-table')) return { resource: r, path: ref.slice(arn.length + 1) };
  }
  return new Error(`No resource is “${ref}” (an id, ARN or name).`);
}

/** Reads an expectations file: a list, or `{ "expectations": [...] }`. */
export function parseExpectations(text: string, file: string): Expectation[] | Error {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return new Error(`${file}: not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const list = Array.isArray(json) ? json : typeof json === 'object' && json !== null && Array.isArray((json as Record<string, unknown>)['expectations']) ? ((json as Record<string, unknown>)['expectations'] as unknown[]) : undefined;
  const base = Array.isArray(json) ? '$' : '$.expectations';
  if (!list) return new Error(`${file}: $: expected a list of expectations, or {"expectations": [...]}.`);
  const out: Expectation[] = [];
  const problems: string[] = [];
  list.forEach((item, i) => {
    // An item with "edge" is an edge expectation, any other a request: each is checked against its own shape,
    // so the message says what is wrong with it.
    const schema = typeof item === 'object' && item !== null && 'edge' in item ? EdgeExpectation : RequestExpectation;
    const r = schema.safeParse(item);
    if (r.success) out.push(r.data);
    else for (const issue of r.error.issues.slice(0, 3)) problems.push(`${file}: ${base}[${i}]${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${issue.message}`);
  });
  return problems.length > 0 ? new Error(problems.slice(0, 10).join('\n')) : out;
}

const matches = (expected: z.infer<typeof Expected>, status: EdgeEvaluation['status']): boolean => (expected === 'denied' ? status === 'explicit-deny' || status === 'implicit-deny' : expected === status);

/** Decides every edge and each expectation. */
export function check(loaded: { scenario?: Scenario; files: readonly FileVerdict[]; problems: readonly string[] }, expectations: readonly Expectation[] | undefined): CheckReport {
  if (!loaded.scenario || loaded.problems.length > 0) return { exitCode: EXIT.badInput, files: loaded.files, problems: loaded.problems, edges: [], expectations: [] };
  const { scenario: withEdges, implied } = withImpliedEdges(loaded.scenario);
  // Expectations by request become edges of their own, decided with the rest.
  const extra: Edge[] = [];
  const problems: string[] = [];
  (expectations ?? []).forEach((x, i) => {
    if ('edge' in x) return;
    const p = findPrincipal(withEdges, x.principal);
    const t = findTarget(withEdges, x.resource);
    if (p instanceof Error) return problems.push(`expectation ${i + 1}: ${p.message}`);
    if (t instanceof Error) return problems.push(`expectation ${i + 1}: ${t.message}`);
    const id = `expectation-${i + 1}`;
    if ('role' in t && x.action.toLowerCase() === 'sts:assumerole') extra.push({ kind: 'assume', id, from: p.id, to: t.role.id, ...(x.context ? { context: x.context } : {}) });
    else if ('resource' in t) extra.push({ kind: 'access', id, from: p.id, to: t.resource.id, actions: [x.action], ...(t.path ? { resourcePath: t.path } : {}), ...(x.context ? { context: x.context } : {}) });
    else problems.push(`expectation ${i + 1}: a role is the resource only of sts:AssumeRole.`);
  });
  if (problems.length > 0) return { exitCode: EXIT.badInput, files: loaded.files, problems, edges: [], expectations: [] };
  const scenario: Scenario = { ...withEdges, edges: [...withEdges.edges, ...extra] };
  const evaluation = evaluateScenario(scenario);
  const label = (id: string): string => {
    const p = scenario.principals.find((x) => x.id === id);
    if (p) return p.type === 'service' ? p.service : principalArn(p);
    const r = scenario.resources.find((x) => x.id === id);
    return r ? resourceArn(r) : id;
  };
  const edges: EdgeReport[] = [];
  for (const [id, e] of evaluation.edges) {
    if (id.startsWith('expectation-')) continue;
    const edge = scenario.edges.find((x) => x.id === id);
    const rule = edge ? undefined : scenario.rules.find((r) => r.targets.some((t) => t.id === id));
    const target = rule?.targets.find((t) => t.id === id);
    edges.push({
      id,
      kind: e.kind,
      from: edge ? label(edge.from) : rule ? `rule ${rule.name}` : '?',
      to: edge ? label(edge.to) : target ? label(target.resourceId) : '?',
      status: e.status,
      summary: e.summary,
      steps: e.steps.map((s) => ({ label: s.label, decision: s.verdict.decision, reason: s.decision.reason, summary: s.decision.summary })),
      ...(implied.has(id) ? { implied: true } : {}),
    });
  }
  const reports: ExpectationReport[] = (expectations ?? []).map((x, i) => {
    const id = 'edge' in x ? x.edge : `expectation-${i + 1}`;
    const e = evaluation.edges.get(id);
    const name = x.name ?? ('edge' in x ? `edge ${x.edge}` : `${x.principal} ${x.action} ${x.resource}`);
    if (!e) return { name, expected: x.expect, actual: 'missing', pass: false, summary: `No edge or EventBridge target has the id “${id}”.`, edge: id };
    return { name, expected: x.expect, actual: e.status, pass: matches(x.expect, e.status), summary: e.summary, ...('edge' in x ? { edge: id } : {}) };
  });
  const failed = reports.some((r) => !r.pass);
  return { exitCode: failed ? EXIT.failed : EXIT.ok, files: loaded.files, problems: [], scenario: scenario.name, edges, expectations: reports };
}

/** The step-by-step reason of one edge: every request, and every stage in AWS's order with the statements that decided. */
export function explain(evaluation: ScenarioEvaluation, id: string): string | undefined {
  const e = evaluation.edges.get(id);
  if (!e) return undefined;
  const lines: string[] = [`${id}: ${e.status}`, e.summary, ''];
  e.steps.forEach((step, i) => {
    const d = explainStep(evaluation, step);
    lines.push(`Step ${i + 1}: ${step.label} — ${d.decision} (${d.reason})`);
    lines.push(`  ${d.request.principalLabel} → ${d.request.action} on ${d.request.resource}${d.crossAccount ? ' (cross-account)' : ''}`);
    for (const stage of d.stages) {
      lines.push(`  ${stage.outcome.padEnd(14)} ${stage.title}${stage.note ? ` — ${stage.note}` : ''}`);
      for (const level of stage.levels ?? []) {
        lines.push(`    ${level.allowed ? 'allows' : 'no allow'}  ${level.label}: ${level.policies.map((p) => p.source.name).join(', ') || 'no policy'}`);
      }
      for (const p of stage.policies) {
        const applying = p.statements.filter((st) => st.applies);
        lines.push(`    ${p.denies ? 'denies' : p.allows ? 'allows' : 'no match'}  ${p.source.name}${applying.length > 0 ? `: statement ${applying.map((st) => `${st.index + 1}${st.sid ? ` (${st.sid})` : ''} ${st.effect}`).join(', ')}` : ''}`);
        for (const st of p.statements) {
          const failedConditions = st.action.matched && st.resource.matched && (st.principal?.matched ?? true) ? st.conditions.filter((c) => !c.matched) : [];
          for (const c of failedConditions) lines.push(`      statement ${st.index + 1}: condition ${c.operator} ${c.key} needs ${JSON.stringify(c.policyValues)}, the request has ${c.requestValues ? JSON.stringify(c.requestValues) : 'none'}`);
        }
      }
    }
    lines.push(`  ${d.summary}`, '');
  });
  return lines.join('\n');
}

const escapeXml = (s: string): string => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);

/** The report as people read it, as JSON for tools, or as JUnit XML for CI test views. */
export function formatReport(r: CheckReport, format: Format): string {
  if (format === 'json') return `${JSON.stringify({ exitCode: r.exitCode, scenario: r.scenario, problems: r.problems, files: r.files.map((f) => ({ file: f.file, status: f.status, recognised: f.recognised?.format, counts: f.counts, notes: f.notes })), edges: r.edges, expectations: r.expectations }, null, 2)}\n`;
  if (format === 'junit') {
    const cases: string[] = [];
    for (const f of r.files) {
      const errors = f.notes.filter((n) => n.level === 'error');
      cases.push(`    <testcase classname="crossaccount.import" name="${escapeXml(f.file)}">${f.status === 'skipped' ? `<failure message="${escapeXml(errors[0]?.message ?? 'not imported')}">${escapeXml(errors.map((n) => `${n.path}: ${n.message}`).join('\n'))}</failure>` : ''}</testcase>`);
    }
    for (const p of r.problems.filter((p) => p.startsWith('expectation'))) cases.push(`    <testcase classname="crossaccount.expectations" name="${escapeXml(p)}"><error message="${escapeXml(p)}"/></testcase>`);
    for (const x of r.expectations) cases.push(`    <testcase classname="crossaccount.expectations" name="${escapeXml(x.name)}">${x.pass ? '' : `<failure message="${escapeXml(`expected ${x.expected}, got ${x.actual}`)}">${escapeXml(x.summary)}</failure>`}</testcase>`);
    for (const e of r.edges) cases.push(`    <testcase classname="crossaccount.edges" name="${escapeXml(`${e.from} → ${e.to} (${e.id})`)}"><system-out>${escapeXml(`${e.status}: ${e.summary}`)}</system-out></testcase>`);
    const failures = r.expectations.filter((x) => !x.pass).length + r.files.filter((f) => f.status === 'skipped').length;
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="crossaccount" tests="${cases.length}" failures="${failures}">\n  <testsuite name="crossaccount check" tests="${cases.length}" failures="${failures}">\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`;
  }
  const lines: string[] = [];
  for (const f of r.files) {
    lines.push(`${f.status.padEnd(8)} ${f.file}${f.recognised ? ` — ${f.recognised.label}` : ''}`);
    for (const n of f.notes.filter((x) => x.level !== 'info')) lines.push(`         ${n.level} ${n.path}: ${n.message}`);
  }
  if (r.problems.length > 0) {
    lines.push('', 'Bad input:', ...r.problems.map((p) => `  ${p}`));
    return `${lines.join('\n')}\n`;
  }
  lines.push('', `${r.edges.length} edge${r.edges.length === 1 ? '' : 's'} decided in “${r.scenario ?? ''}”${r.edges.some((e) => e.implied) ? ' (those marked * are implied by its policies)' : ''}:`);
  const mark = (s: string): string => ({ allowed: 'ALLOW', 'explicit-deny': 'DENY ', 'implicit-deny': 'deny ', mixed: 'MIXED', invalid: 'INVAL' })[s] ?? s;
  for (const e of r.edges) lines.push(`  ${mark(e.status)} ${e.implied ? '*' : ' '} ${e.from} → ${e.to}  [${e.id}]`, `           ${e.summary}`);
  if (r.expectations.length > 0) {
    lines.push('', 'Expectations:');
    for (const x of r.expectations) lines.push(`  ${x.pass ? 'pass' : 'FAIL'}  ${x.name}: expected ${x.expected}, ${x.pass ? 'is' : 'got'} ${x.actual}${x.pass ? '' : ` — ${x.summary}`}`);
    const failed = r.expectations.filter((x) => !x.pass).length;
    lines.push('', `${r.expectations.length - failed} passed, ${failed} failed`);
  }
  return `${lines.join('\n')}\n`;
}
