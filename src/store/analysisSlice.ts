import type { AccessExplanation, AnalysisProgress, AnalysisSummary, ReachResult } from '../engine';

/**
 * The access analysis as the store keeps it: the summary of the last finished analysis (principals,
 * resources, findings of the zone of trust), its progress while one runs, the canvas's "who can reach" /
 * "what can reach" focus and its answer, and the access explanation the inspector shows. The analysis runs
 * in the evaluation worker (src/store/analysisRunner.ts); nothing here decides anything.
 */

export type AnalysisStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/** "Who can reach this resource?" or "What can this principal reach?" on the canvas. */
export interface ReachFocus {
  readonly kind: 'who' | 'what';
  /** A resource or role id (who), or a subject key (what: `p:<id>` for a drawn principal). */
  readonly key: string;
}

/** What the inspector explains instead of the selection: one principal's access to one resource. */
export interface AccessQuestion {
  readonly subject: string;
  readonly resource: string;
  readonly action?: string;
}

export interface AnalysisSlice {
  /** The review panel is open: the analysis follows every change. */
  readonly reviewOpen: boolean;
  readonly analysisStatus: AnalysisStatus;
  readonly analysisProgress?: AnalysisProgress;
  readonly analysisSummary?: AnalysisSummary;
  /** The evaluated revision the summary describes. */
  readonly analysisRevision?: number;
  readonly analysisError?: string;
  readonly reachFocus?: ReachFocus;
  /** The answer for `reachFocus`, once the analysis has given it. */
  readonly reach?: { readonly focus: ReachFocus; readonly result: ReachResult };
  readonly accessQuestion?: AccessQuestion;
  readonly accessExplanation?: { readonly question: AccessQuestion; readonly explanation: AccessExplanation | undefined; readonly reason?: string };
  readonly setReviewOpen: (open: boolean) => void;
  readonly setReachFocus: (focus?: ReachFocus) => void;
  readonly askAccess: (question?: AccessQuestion) => void;
}

type Set = (partial: Partial<AnalysisSlice>) => void;

export function createAnalysisSlice(set: Set): AnalysisSlice {
  return {
    reviewOpen: false,
    analysisStatus: 'idle',
    setReviewOpen: (reviewOpen) => set({ reviewOpen }),
    setReachFocus: (reachFocus) => set(reachFocus ? { reachFocus } : { reachFocus: undefined, reach: undefined }),
    askAccess: (accessQuestion) => set(accessQuestion ? { accessQuestion } : { accessQuestion: undefined, accessExplanation: undefined }),
  };
}
