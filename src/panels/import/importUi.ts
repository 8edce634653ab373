import { create } from 'zustand';
import type { ImportDefaults, ImportProgress, ImportResult } from '../../import';

/**
 * UI state of importing: the import in progress (with its progress and a way to cancel), the report of the
 * last import, and the two dialogs that follow it — choosing what to draw, and adding the edges the
 * policies imply.
 */
export interface ImportUiState {
  /** The import under way. */
  readonly running?: { readonly files: number; readonly progress?: ImportProgress; readonly cancel: () => void; readonly stage?: 'drawing' };
  /** The last import's report (shown until closed). */
  readonly report?: {
    readonly result: ImportResult;
    readonly files: readonly string[];
    readonly opened: boolean;
    readonly backup?: string;
    readonly storedChars?: number;
    /** The files and defaults of the import, to import again with the account a plan or template did not say. */
    readonly retry?: { readonly files: readonly File[]; readonly defaults?: ImportDefaults };
  };
  readonly picker: boolean;
  readonly implied: boolean;
  /** Files are being dragged over the canvas. */
  readonly dragging: boolean;
  readonly set: (patch: Partial<Omit<ImportUiState, 'set'>>) => void;
}

export const useImportUi = create<ImportUiState>()((set) => ({
  picker: false,
  implied: false,
  dragging: false,
  set: (patch) => set(patch),
}));

/** Opens the picker of what to draw (the toolbar, an account card, the import report). */
export function openDrawPicker(): void {
  useImportUi.getState().set({ picker: true });
}

/** Opens the preview of the edges the policies imply. */
export function openImpliedEdges(): void {
  useImportUi.getState().set({ implied: true });
}
