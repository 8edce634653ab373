import { create } from 'zustand';
import type { OpenRequest } from '../../store/library';

/** UI state of the share, file, saved-scenarios and lessons features (dialogs, notices). */

export type DialogName = 'share' | 'library' | 'lessons' | 'whatif';

export interface ShareToast {
  readonly kind: 'info' | 'error';
  readonly text: string;
  readonly action?: { readonly label: string; readonly run: () => void };
}

export interface ProblemReport {
  readonly title: string;
  readonly message: string;
  readonly details: readonly string[];
  readonly testId: string;
  /** What happened to the user's work (default: nothing was changed). */
  readonly note?: string;
  /** Buttons besides OK; `run` may answer with a short confirmation shown beside them. */
  readonly actions?: readonly { readonly label: string; readonly run: () => void | string | Promise<string | void> }[];
}

export interface ShareUiState {
  readonly dialog?: DialogName;
  readonly toast?: ShareToast;
  readonly problems?: ProblemReport;
  /** An open that could not keep the unsaved work: the user decides. */
  readonly pending?: { readonly request: OpenRequest; readonly message: string; readonly onOpened?: (result: { readonly backup?: { readonly name: string } }) => void };
  readonly show: (dialog?: DialogName) => void;
  readonly notify: (toast?: ShareToast) => void;
  readonly report: (problems?: ProblemReport) => void;
  readonly setPending: (pending?: ShareUiState['pending']) => void;
}

export const useShareUi = create<ShareUiState>()((set) => ({
  show: (dialog) => set({ dialog }),
  notify: (toast) => set({ toast }),
  report: (problems) => set({ problems }),
  setPending: (pending) => set({ pending }),
}));
