import { parseScenario, type Scenario, type ScenarioError } from '../model';
import { assumeRoleLesson } from './assumeRole';
import { bucketPolicyLesson } from './bucketPolicy';
import { confusedDeputyLesson } from './confusedDeputy';
import { copyBothWaysLesson } from './copyBothWays';
import { delegationLesson } from './delegation';
import { delegationCeilingLesson } from './delegationCeiling';
import { eventBridgeLesson } from './eventBridge';
import { guardrailsLesson } from './guardrails';
import { outsideOrganizationLesson } from './outsideOrganization';
import { wildcardLesson } from './wildcard';
import type { Lesson } from './types';

export type { Lesson, LessonEdge, LessonSource, TryThis } from './types';
export { KNOWN_ENGINE_GAPS } from './knownGaps';
export { lessonStatus } from './status';

/** The gallery, in teaching order: identity kept, identity swapped, both, delegation, services, then the access review. */
export const LESSONS: readonly Lesson[] = [
  bucketPolicyLesson,
  assumeRoleLesson,
  copyBothWaysLesson,
  delegationLesson,
  delegationCeilingLesson,
  wildcardLesson,
  eventBridgeLesson,
  confusedDeputyLesson,
  guardrailsLesson,
  outsideOrganizationLesson,
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

/** A lesson's scenario through the one door, as every scenario enters the app. */
export function lessonScenario(lesson: Lesson): { ok: true; scenario: Scenario } | { ok: false; errors: readonly ScenarioError[] } {
  const r = parseScenario(JSON.parse(JSON.stringify(lesson.scenario)) as unknown);
  return r.ok ? { ok: true, scenario: r.scenario } : { ok: false, errors: r.errors };
}
