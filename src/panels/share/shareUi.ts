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
}

export interface ShareUiState {
  readonly dialog?: DialogName;
  readonly toast?: ShareToast;
  readonly problems?: ProblemReport;
  /** An open that could not keep the unsaved work: the user decides. */
  readonly pending?: { readonly request: OpenRequest; readonly message: string; readonly onOpened?: () => void };
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
