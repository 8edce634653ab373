import { temporal } from 'zundo';
import { create } from 'zustand';
import { evaluateScenario, type ScenarioEvaluation } from '../engine';
import { emptyScenario, type Scenario } from '../model';
import { createPlaybackSlice, type PlaybackSlice } from './playback';

/**
 * The app's one store, built from slices: the scenario (with undo/redo through zundo), the selection and
 * UI state, and the engine's evaluation, which is derived from the scenario and never edited directly.
 */

export interface ScenarioSlice {
  readonly scenario: Scenario;
  /** Applies a pure edit (see src/model/edit.ts). No-op edits (same object back) record no history. */
  readonly edit: (f: (s: Scenario) => Scenario) => void;
  /** Replaces the whole scenario (open a file, a link, a lesson). */
  readonly replace: (s: Scenario) => void;
}

export interface SelectionSlice {
  /** Selected node ids and edge ids. */
  readonly selected: readonly string[];
  readonly select: (ids: readonly string[]) => void;
  /** A short message for the status line (errors of a connection attempt, restore notices). */
  readonly notice?: { readonly kind: 'info' | 'error'; readonly text: string };
  readonly notify: (notice?: { kind: 'info' | 'error'; text: string }) => void;
  /** The statement the explanation panel points at: the inspector highlights it in its editor. */
  readonly focus?: StatementFocus;
  readonly setFocus: (focus?: StatementFocus) => void;
}

export interface StatementFocus {
  readonly ownerId: string;
  readonly kind: string;
  readonly name: string;
  readonly index: number;
}

export interface EvaluationSlice {
  readonly evaluation: ScenarioEvaluation;
  /** Milliseconds the last evaluation took. */
  readonly evaluationMs: number;
}

export type AppState = ScenarioSlice & SelectionSlice & EvaluationSlice & PlaybackSlice;

function evaluate(scenario: Scenario, previous?: ScenarioEvaluation): Pick<EvaluationSlice, 'evaluation' | 'evaluationMs'> {
  const start = performance.now();
  const evaluation = evaluateScenario(scenario, previous);
  return { evaluation, evaluationMs: performance.now() - start };
}

export const useAppStore = create<AppState>()(
  temporal(
    (set, get) => {
      const initial = emptyScenario();
      return {
        scenario: initial,
        edit: (f) => {
          const before = get().scenario;
          const after = f(before);
          if (after !== before) set({ scenario: after });
        },
        replace: (scenario) => set({ scenario, selected: [], focus: undefined }),
        selected: [],
        select: (ids) => set({ selected: ids }),
        notify: (notice) => set({ notice }),
        setFocus: (focus) => set({ focus }),
        ...evaluate(initial),
        ...createPlaybackSlice(set),
      };
    },
    {
      partialize: (state) => ({ scenario: state.scenario }),
      equality: (a, b) => a.scenario === b.scenario,
      limit: 200,
    },
  ),
);

// The evaluation follows the scenario: recomputed (incrementally) whenever the scenario object changes,
// including by undo and redo.
useAppStore.subscribe((state, previous) => {
  if (state.scenario !== previous.scenario) {
    useAppStore.setState(evaluate(state.scenario, previous.evaluation));
  }
});

export const undo = (): void => useAppStore.temporal.getState().undo();
export const redo = (): void => useAppStore.temporal.getState().redo();
