import type { Scenario } from '../model';
import { door } from '../share/doorLoader';
import { describeProblem, type FileProblem } from '../share/problem';
import {
  checkCurrentEntry,
  autosaveCurrentEntry,
  isReloadOfTab,
  lastWorkState,
  library,
  LAST_STATE_KEY,
  localArea,
  sessionArea,
  setTabState,
  stamp,
  tabState,
  useLibrary,
} from './library';
import { fingerprint, isEmptyScenario, storageMessage, writeWorkState, type StorageLike, type WorkState } from './libraryStorage';
import { useStorageStatus, type UnreadableWork } from './storageStatus';
import { useAppStore } from './store';

/**
 * Autosave, and restore on load through the one door (`parseScenario`, by way of the file reader).
 *
 * - **This tab's copy** (session storage, `crossaccount:tab:v1:work`): a reload of the tab brings back exactly
 *   its own work, whatever other tabs saved meanwhile.
 * - **The autosave** (`crossaccount:autosave`, with the saving tab's state under `crossaccount:library:v1:state`):
 *   the latest work in this browser, what a new tab or the next visit opens.
 * - **This tab's saved entry**, if it has one (src/store/library.ts), written only while no other tab has
 *   changed it.
 *
 * Stored work that cannot be read is never destroyed until the user says so: it is kept, exactly as it
 * was, as a saved entry ("Autosave that could not be opened — <date>"); when even that cannot be written (storage full),
 * the autosave pauses so that it is not overwritten, says why, and offers the text as a download.
 */
export const AUTOSAVE_KEY = 'crossaccount:autosave';
export const TAB_WORK_KEY = 'crossaccount:tab:v1:work';
/** The entry this tab made of its work as it was hidden (see `keepIfOnlyHere`), removed again by a reload. */
const CLOSING_KEY = 'crossaccount:tab:v1:closing';

/** What the start-up restore found, for the notice under the header. */
export interface RestoreOutcome {
  readonly scenario?: Scenario;
  readonly message?: { readonly kind: 'info' | 'error'; readonly text: string };
}

function read(storage: StorageLike, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

/** The sentence for why stored work could not be read: its first problem, located. */
function reasonOf(problems: readonly FileProblem[]): string {
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  // Shown in parentheses: without the sentence's own full stop.
  return first ? `${describeProblem(first).replace(/\.$/, '')}${more}` : 'it is not a scenario';
}

/**
 * Keeps stored text that could not be read: as a saved entry, or — when storage is too full for that — by
 * pausing the autosave (which would overwrite it) until it is kept or the user lets it go. Returns where it
 * is kept, for the notice.
 */
function keepUnreadable(text: string, reason: string, now: number): { kept: true; name: string } | { kept: false } {
  const name = `Autosave that could not be opened — ${stamp(now)}`;
  const r = library().keepUnreadable(text, name);
  if (r.ok) return { kept: true, name: r.value.name };
  useStorageStatus.getState().set({ unreadable: { text, reason, foundAt: now } });
  return { kept: false };
}

/**
 * Whether there is stored work for `restoreWork` to read (this tab's copy or entry on a reload, or the
 * autosave): start-up then loads the door (`loadDoor`) before the first render. Without any, `restoreWork`
 * reads nothing and the first picture is drawn at once.
 */
export function hasWorkToRestore(): boolean {
  if (isReloadOfTab() && (read(sessionArea(), TAB_WORK_KEY) !== null || tabState().currentId !== undefined)) return true;
  return read(localArea(), AUTOSAVE_KEY) !== null;
}

/**
 * Opens the work to start with, before the first render (the door loaded when `hasWorkToRestore()`): on a reload of a tab its own copy, else the latest
 * autosave (with its saved entry when that entry is as the autosave left it). Unreadable work is kept (see
 * above); when the autosave cannot be read but its saved entry can, the entry is opened instead. The tab is
 * bound to an entry only together with a scenario that came from it, so the first edit can never land in
 * an entry that holds something else.
 */
export function restoreWork(now: number = Date.now()): RestoreOutcome {
  const lib = library();
  if (isReloadOfTab()) {
    const own = read(sessionArea(), TAB_WORK_KEY);
    const state = tabState();
    forgetClosingEntry(own);
    if (own !== null) {
      const r = door().readScenarioFile(own);
      if (r.ok) {
        checkCurrentEntry();
        return { scenario: r.scenario };
      }
    }
    // This tab's copy is missing or damaged (it is only ever written from the canvas): its entry has the
    // same work, else the autosave below.
    if (state.currentId) {
      const loaded = lib.load(state.currentId);
      if (loaded.ok) {
        setTabState({ ...state, entryFingerprint: loaded.fingerprint });
        return { scenario: loaded.scenario };
      }
    }
  }

  const last = lastWorkState();
  const raw = read(localArea(), AUTOSAVE_KEY);
  if (raw === null) {
    setTabState({});
    return {};
  }
  const restored = door().readScenarioFile(raw);
  if (restored.ok) {
    try {
      sessionArea().setItem(TAB_WORK_KEY, raw);
    } catch {
      // Only this tab's reload copy.
    }
    // The entry the autosave was saved with, if it still holds what that tab left there.
    const bound = last.currentId !== undefined && last.entryFingerprint !== undefined && lib.fingerprintOf(last.currentId) === last.entryFingerprint;
    setTabState({
      ...(last.openedFingerprint ? { openedFingerprint: last.openedFingerprint } : {}),
      ...(last.lessonId ? { lessonId: last.lessonId } : {}),
      ...(bound ? { currentId: last.currentId, entryFingerprint: last.entryFingerprint } : {}),
    });
    return { scenario: restored.scenario };
  }

  const reason = reasonOf(restored.problems);
  const kept = keepUnreadable(raw, reason, now);
  const where = kept.kept ? ` It is kept, exactly as it was, in Saved scenarios as “${kept.name}”: download it from there to repair it.` : '';
  const fallback = last.currentId !== undefined ? lib.load(last.currentId) : undefined;
  const name = last.currentId !== undefined ? lib.list().find((e) => e.id === last.currentId)?.name : undefined;
  // When it could not be kept, the paused autosave's own notice says what happened and offers the download.
  const what = kept.kept ? `Your autosaved work could not be opened (${reason}).${where} ` : '';
  if (fallback?.ok && last.currentId !== undefined) {
    setTabState({ currentId: last.currentId, entryFingerprint: fallback.fingerprint, openedFingerprint: fingerprint(fallback.scenario) });
    return { scenario: fallback.scenario, message: { kind: kept.kept ? 'error' : 'info', text: `${what}Opened your saved scenario “${name ?? 'Untitled'}” instead, as it was last saved.` } };
  }
  setTabState({});
  return kept.kept ? { message: { kind: 'error', text: `${what}The canvas starts empty.` } } : {};
}

/**
 * As the tab is hidden for good (closed, reloaded, navigated away): work that exists nowhere else — not
 * empty, not unchanged since it was opened, not in this tab's saved entry, and not the autosave either
 * (another tab saved after this one) — is kept as a saved entry, "Unsaved work from a closed tab — <date>".
 * Two tabs of unsaved work share one autosave; without this, closing both lost the first one's work. A
 * reload of the tab (or its return from the back-forward cache) removes the entry again: the tab has its
 * work back.
 */
function keepIfOnlyHere(now: number = Date.now()): void {
  const scenario = useAppStore.getState().scenario;
  if (isEmptyScenario(scenario)) return;
  const state = tabState();
  if (state.currentId && !useStorageStatus.getState().conflict) return;
  if (state.openedFingerprint === fingerprint(scenario)) return;
  if (read(localArea(), AUTOSAVE_KEY) === JSON.stringify(scenario)) return;
  const kept = library().save(scenario, `Unsaved work from a closed tab — ${stamp(now)}`, 'backup');
  if (!kept.ok) return;
  try {
    sessionArea().setItem(CLOSING_KEY, kept.value.id);
  } catch {
    // The entry stays: a duplicate in the list is better than lost work.
  }
}

/** Removes the entry `keepIfOnlyHere` made, if it holds exactly this tab's work (`own`): the tab is back. */
function forgetClosingEntry(own: string | null): void {
  const id = read(sessionArea(), CLOSING_KEY);
  if (id === null) return;
  try {
    sessionArea().removeItem(CLOSING_KEY);
  } catch {
    // Nothing to undo.
  }
  if (own !== null && library().raw(id) === own) library().remove(id);
}

/** The work state saved beside the autosave: this tab's, without an entry it must not claim. */
function lastStateOf(state: WorkState): WorkState {
  const conflict = useStorageStatus.getState().conflict;
  if (!conflict) return state;
  const { currentId: _id, entryFingerprint: _fp, ...rest } = state;
  return rest;
}

/** Tries again to keep unreadable work that could not be kept before (storage may have room now). */
export function retryKeepingUnreadable(): boolean {
  const status = useStorageStatus.getState();
  const work = status.unreadable;
  if (!work) return true;
  const kept = keepUnreadable(work.text, work.reason, work.foundAt);
  if (!kept.kept) return false;
  status.set({ unreadable: undefined, message: { kind: 'info', text: `The autosaved work that could not be read is now kept, exactly as it was, in Saved scenarios as “${kept.name}”. Autosave is on again.` } });
  return true;
}

/** The user lets the unreadable autosave go (after downloading it, or not): autosave goes on and overwrites it. */
export function releaseUnreadable(): void {
  useStorageStatus.getState().set({ unreadable: undefined });
  saveNow(useAppStore.getState().scenario);
}

/** The unreadable work, for its download. */
export function unreadableWork(): UnreadableWork | undefined {
  return useStorageStatus.getState().unreadable;
}

/**
 * Saves the work now: this tab's copy, its entry, and the autosave (unless it is paused to keep unreadable
 * work). A failure is reported in the storage notice and cleared by the next save that succeeds.
 */
export function saveNow(scenario: Scenario): void {
  const text = JSON.stringify(scenario);
  const failures: string[] = [];
  try {
    sessionArea().setItem(TAB_WORK_KEY, text);
  } catch {
    // Only this tab's reload copy: the autosave below is what keeps the work.
  }
  const entry = autosaveCurrentEntry(scenario);
  if (!entry.ok) failures.push(entry.message);
  if (!retryKeepingUnreadable()) {
    // Paused: the autosave key still holds the unreadable work.
  } else {
    try {
      localArea().setItem(AUTOSAVE_KEY, text);
      const r = writeWorkState(localArea(), LAST_STATE_KEY, lastStateOf(tabState()));
      if (!r.ok) failures.push(r.message);
    } catch (error) {
      failures.push(storageMessage(error, 'The latest changes could not be saved'));
    }
  }
  const status = useStorageStatus.getState();
  const autosaveFailure = failures[0];
  if (status.autosaveFailure !== autosaveFailure) status.set({ autosaveFailure });
}

/** Writes the autosave at once (after a link, file or lesson replaced the scenario: a reload must not bring back what it replaced). */
export function saveAutosaveNow(scenario: Scenario): void {
  saveNow(scenario);
}

/** Starts autosaving; returns a function that stops it. */
export function startAutosave(delayMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      saveNow(useAppStore.getState().scenario);
    }, delayMs);
  };
  const unsubscribe = useAppStore.subscribe((state, previous) => {
    if (state.scenario !== previous.scenario) later();
  });
  // The work state saved beside the autosave follows this tab's at once (saved as, opened, lesson closed):
  // a tab opened next must find the entry the work is in.
  const unsubscribeState = useLibrary.subscribe((state, previous) => {
    if (state.currentId === previous.currentId && state.lessonId === previous.lessonId) return;
    clearTimeout(timer);
    timer = undefined;
    saveNow(useAppStore.getState().scenario);
  });
  const flush = (): void => {
    // Also this tab's copy: the reload that may follow restores it (and compares it with a closing entry).
    if (timer === undefined) {
      try {
        sessionArea().setItem(TAB_WORK_KEY, JSON.stringify(useAppStore.getState().scenario));
      } catch {
        // Only this tab's reload copy.
      }
      return;
    }
    clearTimeout(timer);
    timer = undefined;
    saveNow(useAppStore.getState().scenario);
  };
  // `pagehide` also fires where `beforeunload` does not (mobile browsers, the page put in the back-forward cache).
  const hide = (): void => {
    flush();
    keepIfOnlyHere();
  };
  const show = (event: PageTransitionEvent): void => {
    if (event.persisted) forgetClosingEntry(read(sessionArea(), TAB_WORK_KEY));
  };
  window.addEventListener('beforeunload', flush);
  window.addEventListener('pagehide', hide);
  window.addEventListener('pageshow', show);
  return () => {
    unsubscribe();
    unsubscribeState();
    clearTimeout(timer);
    window.removeEventListener('beforeunload', flush);
    window.removeEventListener('pagehide', hide);
    window.removeEventListener('pageshow', show);
  };
}
