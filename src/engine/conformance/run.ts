import { evaluateRequest } from '../evaluate/evaluate';
import type { Decision } from '../trace';
import { caseFileSchema, type ConformanceCase } from './caseFormat';
import { caseRequest, caseWorld } from './caseWorld';

export interface StepOutcome {
  readonly expected: 'allowed' | 'denied';
  readonly got: 'allowed' | 'denied';
  readonly decision: Decision;
}

export interface CaseOutcome {
  readonly id: string;
  readonly passed: boolean;
  readonly steps: readonly StepOutcome[];
}

/** Evaluates every step of one case against its world. */
export function runCase(c: ConformanceCase): CaseOutcome {
  const world = caseWorld(c);
  const requests = c.steps ?? (c.request ? [c.request] : []);
  const expected = c.expectedSteps ?? (c.expected ? [c.expected] : []);
  const steps = requests.map((r, i): StepOutcome => {
    const decision = evaluateRequest(world, caseRequest(r));
    return { expected: expected[i] ?? 'denied', got: decision.allowed ? 'allowed' : 'denied', decision };
  });
  return { id: c.id, passed: steps.every((s) => s.expected === s.got), steps };
}

/** Parses a case file (unknown JSON) and runs it, or returns the validation errors. */
export function runCaseFile(json: unknown): { ok: true; outcomes: CaseOutcome[] } | { ok: false; errors: string[] } {
  const parsed = caseFileSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `$${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${i.message}`) };
  }
  return { ok: true, outcomes: parsed.data.cases.map(runCase) };
}
