import type { EdgeStatus } from '../engine';
import type { Scenario } from '../model';

/** An edge a lesson is about, and the decision its text promises. */
export interface LessonEdge {
  /** An edge id, or a rule target id for EventBridge deliveries. */
  readonly id: string;
  /** One action of a multi-action access edge: the promise is about that action's decision. */
  readonly action?: string;
  /** What the edge asks, in a few words: "alice writes to reports-b". */
  readonly label: string;
  readonly expected: EdgeStatus;
  /** Why, in one sentence, tied to the AWS rule. */
  readonly why: string;
}

/**
 * A change that flips a decision, expressed as data: a pure edit of the scenario, applied through the
 * store's normal undoable edit path, and what it promises to change.
 */
export interface TryThis {
  readonly id: string;
  /** The button: "Remove alice from the bucket policy". */
  readonly label: string;
  /** The edit. Returns the same object when there is nothing to change (already done). */
  readonly apply: (s: Scenario) => Scenario;
  readonly edgeId: string;
  /** The action of a multi-action edge whose decision flips. */
  readonly action?: string;
  readonly before: EdgeStatus;
  readonly after: EdgeStatus;
  /** What the flip teaches, shown after the change. */
  readonly explanation: string;
}

export interface LessonSource {
  readonly title: string;
  readonly url?: string;
}

/** A ready-made scenario with the text that explains it. */
export interface Lesson {
  /** Stable id (used in tests and test ids). */
  readonly id: string;
  readonly title: string;
  /** One line for the gallery card. */
  readonly summary: string;
  readonly tags: readonly string[];
  /** The lesson text: a few short paragraphs. */
  readonly text: readonly string[];
  readonly sources: readonly LessonSource[];
  /** Built through the model's types; it must pass `parseScenario` (unit-tested). */
  readonly scenario: Scenario;
  readonly edges: readonly LessonEdge[];
  readonly tryThis: readonly TryThis[];
}
