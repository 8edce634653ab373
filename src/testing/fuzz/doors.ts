import { deflateSync } from 'fflate';
import fc from 'fast-check';
import { checkPolicyText, statementRanges, type PolicyContextKind } from '../../engine/check';
import { evaluateScenario, explainStep } from '../../engine/scenario';
import { parseScenario } from '../../model';
import { encodeBase64Url } from '../../share/base64url';
import { readScenarioFile } from '../../share/file';
import { decodeFragment } from '../../share/link';
import { createLibrary, DATA_PREFIX, META_PREFIX, memoryStorage, readWorkState, type StorageLike } from '../../store/libraryStorage';
import '../door';
import { hostileText, policyText, scenarioText, scenarioValue } from './inputs';

/**
 * The doors through which untrusted data enters, each with its generator and its contract: whatever comes
 * in, a result or a clear error comes out — never an exception, never a frozen page. `check` throws when the
 * contract is broken; the runner also holds each input to a CPU-time bound (`cpuBudgetMs`), far above what
 * any input needs (milliseconds) and far below what a backtracking blow-up or a quadratic walk takes.
 */
export interface Door<T> {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  readonly check: (input: T) => void;
  readonly cpuBudgetMs: number;
}

function fail(message: string): never {
  throw new Error(message);
}

/** A located error: a path that starts at `$` and a sentence. */
function expectScenarioErrors(errors: readonly { path: string; message: string }[]): void {
  if (errors.length === 0) fail('refused without saying why');
  for (const e of errors) {
    if (typeof e.path !== 'string' || !e.path.startsWith('$')) fail(`an error without a JSON path: ${JSON.stringify(e).slice(0, 200)}`);
    if (typeof e.message !== 'string' || e.message.trim() === '') fail(`an error without a message at ${e.path}`);
  }
}

/** Decides every edge, reads every summary and explains the first steps: the engine must answer all of it. */
function decideAll(scenario: Parameters<typeof evaluateScenario>[0]): void {
  const evaluation = evaluateScenario(scenario);
  let explained = 0;
  for (const edge of evaluation.edges.values()) {
    if (!['allowed', 'explicit-deny', 'implicit-deny', 'mixed', 'invalid'].includes(edge.status)) fail(`edge ${edge.id}: status ${String(edge.status)}`);
    for (const step of edge.steps) {
      if (typeof step.decision.summary !== 'string') fail(`edge ${edge.id}: no summary`);
      if (explained++ < 3) explainStep(evaluation, step);
    }
  }
}

/** Link decoder: fragments made of any characters, and payloads of any content made the way links are made. */
const linkDoor: Door<string> = {
  name: 'link decoder',
  cpuBudgetMs: 1_000,
  arbitrary: fc.oneof(
    { weight: 4, arbitrary: scenarioText.map((text) => `#s=${encodeBase64Url(deflateSync(new TextEncoder().encode(text)))}`) },
    { weight: 1, arbitrary: fc.tuple(scenarioText, fc.nat()).map(([text, cut]) => { const p = encodeBase64Url(deflateSync(new TextEncoder().encode(text))); return `#s=${p.slice(0, cut % (p.length + 1))}`; }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => `#s=${encodeBase64Url(bytes)}`) },
    { weight: 1, arbitrary: hostileText.map((t) => `#s=${t}`) },
    { weight: 1, arbitrary: fc.tuple(hostileText, hostileText).map(([l, s]) => `#l=${l}&s=${s}`) },
  ),
  check(fragment) {
    const r = decodeFragment(fragment, { isLesson: (id) => id === 'delegation' });
    if (r === undefined) return;
    if (!r.ok) {
      if (typeof r.problem.message !== 'string' || r.problem.message === '') fail(`refused (${r.problem.code}) without a message`);
      if (r.problem.errors) expectScenarioErrors(r.problem.errors);
      return;
    }
    // What opened is a scenario the one door accepts again, and the engine decides it.
    const again = parseScenario(JSON.parse(JSON.stringify(r.scenario)) as unknown);
    if (!again.ok) fail(`an opened scenario does not parse again: ${JSON.stringify(again.errors.slice(0, 2))}`);
    decideAll(r.scenario);
  },
};

/** File reader: any text, with a byte size as the browser reports it. */
const fileDoor: Door<string> = {
  name: 'file reader',
  cpuBudgetMs: 1_000,
  arbitrary: scenarioText,
  check(text) {
    const r = readScenarioFile(text, text.length);
    if (r.ok) return;
    if (r.problems.length === 0) fail('refused without a problem');
    for (const p of r.problems) {
      if (typeof p.message !== 'string' || p.message === '') fail('a problem without a message');
      if (p.location && !(p.location.line >= 1 && p.location.column >= 1)) fail(`a problem at line ${p.location.line}, column ${p.location.column}`);
    }
  },
};

/** parseScenario, then the engine on whatever it accepts. */
const scenarioDoor: Door<unknown> = {
  name: 'parseScenario + engine',
  cpuBudgetMs: 1_000,
  arbitrary: scenarioValue,
  check(value) {
    const r = parseScenario(value);
    if (!r.ok) {
      expectScenarioErrors(r.errors);
      return;
    }
    decideAll(r.scenario);
  },
};

/** Saved scenarios: a browser storage holding anything under the library's keys. */
interface StoredLibrary {
  readonly entries: ReadonlyArray<{ readonly id: string; readonly meta: string | undefined; readonly data: string | undefined }>;
  readonly state: string;
}

const libraryDoor: Door<StoredLibrary> = {
  name: 'saved scenarios',
  cpuBudgetMs: 1_000,
  arbitrary: fc.record({
    entries: fc.array(
      fc.record({
        id: fc.oneof(fc.constantFrom('a1', 'b2', '__proto__', 'constructor', ''), hostileText),
        meta: fc.option(fc.oneof(fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)), fc.record({ name: hostileText, createdAt: fc.oneof(fc.integer(), fc.constant('x')), updatedAt: fc.double(), origin: fc.oneof(fc.constantFrom('saved', 'unreadable', 'link'), hostileText) }).map((m) => JSON.stringify(m)), hostileText), { nil: undefined }),
        data: fc.option(scenarioText, { nil: undefined }),
      }),
      { maxLength: 4 },
    ),
    state: fc.oneof(hostileText, fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)), fc.record({ currentId: hostileText, lessonId: hostileText }).map((v) => JSON.stringify(v))),
  }),
  check({ entries, state }) {
    const storage: StorageLike = memoryStorage();
    for (const e of entries) {
      if (e.meta !== undefined) storage.setItem(`${META_PREFIX}${e.id}`, e.meta);
      if (e.data !== undefined) storage.setItem(`${DATA_PREFIX}${e.id}`, e.data);
    }
    storage.setItem('crossaccount:tab:v1:state', state);
    const library = createLibrary(storage, () => 1_000);
    const listed = library.list();
    for (const entry of listed) {
      if (typeof entry.name !== 'string' || entry.name.length > 200) fail(`an entry named ${JSON.stringify(entry.name).slice(0, 80)}`);
      const loaded = library.load(entry.id);
      if (loaded.ok) decideAll(loaded.scenario);
      else if (loaded.problems.length === 0) fail(`entry ${entry.id} refused without a problem`);
    }
    const first = listed[0];
    if (first) {
      library.rename(first.id, 'Renamed');
      const copy = library.duplicate(first.id);
      if (copy.ok && library.raw(copy.value.id) !== library.raw(first.id)) fail('a copy differs from its original');
    }
    const work = readWorkState(storage, 'crossaccount:tab:v1:state');
    for (const v of Object.values(work ?? {})) if (typeof v !== 'string') fail('a work state with a value that is not text');
  },
};

const KINDS: readonly PolicyContextKind[] = ['identity', 'boundary', 'session', 'resource', 'trust', 'key', 'scp', 'rcp'];

/** The policy checker, as the editor runs it on every change. */
const checkerDoor: Door<{ text: string; kind: PolicyContextKind; resourceType: string | undefined }> = {
  name: 'policy checker',
  cpuBudgetMs: 1_000,
  arbitrary: fc.record({ text: policyText, kind: fc.constantFrom(...KINDS), resourceType: fc.option(fc.constantFrom('s3-bucket', 'kms-key', 'apigateway-rest-api', 'sqs-queue', 'nonsense'), { nil: undefined }) }),
  check({ text, kind, resourceType }) {
    const problems = checkPolicyText(text, { kind, ...(resourceType ? { resourceType } : {}) });
    for (const p of problems) {
      if (!(p.from >= 0 && p.to >= p.from && p.to <= text.length + 1)) fail(`${p.code} at ${p.from}–${p.to} of ${text.length}`);
      if (!(p.line >= 1 && p.column >= 1) || typeof p.message !== 'string' || p.message === '') fail(`${p.code} without a place or a message`);
    }
    statementRanges(text);
  },
};

/** Every door, in the order the suite runs them. */
export const DOORS: readonly Door<never>[] = [linkDoor, fileDoor, scenarioDoor, libraryDoor, checkerDoor] as unknown as readonly Door<never>[];
