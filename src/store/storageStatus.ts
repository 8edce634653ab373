import { create } from 'zustand';
import type { EntryConflict } from './libraryStorage';

/**
 * What the page knows about keeping the user's work, for the notice under the header
 * (src/panels/share/StorageNotice.tsx): each field is a standing condition, set and cleared by the autosave
 * (src/store/persistence.ts) and the library (src/store/library.ts), never a one-off message.
 */
export interface StorageStatus {
  /** The browser lets this site store nothing: work lasts only while the page is open. */
  readonly blocked: boolean;
  /** The last autosave could not be written (storage full or refused): the sentence saying why. */
  readonly autosaveFailure?: string;
  /**
   * Stored work that could not be read, and could not be kept aside either (storage full): the autosave is
   * paused so it does not overwrite it, until it is kept, downloaded and let go, or the user says so.
   */
  readonly unreadable?: UnreadableWork;
  /** A one-off message about the work kept or opened at start-up, until dismissed. */
  readonly message?: { readonly kind: 'info' | 'error'; readonly text: string };
  /** This tab's saved entry was changed or deleted in another tab: its edits are not written there. */
  readonly conflict?: { readonly id: string; readonly name: string; readonly kind: EntryConflict };
  readonly set: (patch: Partial<Omit<StorageStatus, 'set'>>) => void;
}

/** Stored work that could not be read, as it was found. */
export interface UnreadableWork {
  /** The stored text, exactly. */
  readonly text: string;
  /** Why it could not be read ("line 1, column 80 — …"). */
  readonly reason: string;
  /** When it was found (for the file name of its download). */
  readonly foundAt: number;
}

export const useStorageStatus = create<StorageStatus>()((set) => ({
  blocked: false,
  set: (patch) => set(patch),
}));
