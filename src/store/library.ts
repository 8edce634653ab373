import { create } from 'zustand';
import type { Scenario } from '../model';
import { describeProblem } from '../share/problem';
import {
  createLibrary,
  DATA_PREFIX,
  fingerprint,
  isEmptyScenario,
  LIBRARY_PREFIX,
  memoryStorage,
  readWorkState,
  sameScenario,
  writeWorkState,
  type EntryConflict,
  type Library,
  type LibraryEntry,
  type StorageLike,
  type StoreResult,
  type WorkState,
} from './libraryStorage';
import { useAppStore } from './store';
import { useStorageStatus } from './storageStatus';

export {
  createLibrary,
  fingerprint,
  isEmptyScenario,
  LIBRARY_PREFIX,
  sameScenario,
  textFingerprint,
  type EntryOrigin,
  type Library,
  type LibraryEntry,
  type StorageLike,
  type StoreResult,
  type WorkState,
} from './libraryStorage';

/**
 * Saved scenarios in the browser, which entry each tab works on, and the rule that opening anything (a link,
 * a file, a lesson, a saved scenario) never overwrites unsaved work: such work is first saved as a new entry.
 *
 * **Current work belongs to its tab.** Which entry a tab's edits go to is kept per tab (session storage,
 * `crossaccount:tab:v1:state`): opening something in another tab never redirects them. A tab writes its entry
 * only while the entry is as the tab last wrote or read it; when another tab changes or deletes it (the
 * `storage` event, and a check before every write), this tab stops writing it and asks what to do.
 * The state of the tab that saved last is also kept for the next visit (`crossaccount:library:v1:state`).
 */

/** This tab's work state (session storage: it survives a reload of the tab, not another tab). */
export const TAB_STATE_KEY = 'crossaccount:tab:v1:state';
/** The work state of the last tab that saved, beside the autosave: what a new tab or the next visit starts with. */
export const LAST_STATE_KEY = `${LIBRARY_PREFIX}state`;

/** The page's storage areas; in-memory stand-ins where the browser blocks storage (then `blocked`). */
interface PageAreas {
  readonly local: StorageLike;
  readonly session: StorageLike;
  readonly blocked: boolean;
}

function pageAreas(): PageAreas {
  let local: StorageLike | undefined;
  let session: StorageLike | undefined;
  try {
    local = window.localStorage;
    local.getItem(LAST_STATE_KEY);
  } catch {
    local = undefined;
  }
  try {
    session = window.sessionStorage;
    session.getItem(TAB_STATE_KEY);
  } catch {
    session = undefined;
  }
  return { local: local ?? memoryStorage(), session: session ?? memoryStorage(), blocked: local === undefined };
}

let areas: PageAreas | undefined;
let pageLibrary: Library | undefined;
/** This tab's state as last read or written (the session copy can fail to write; this one does not). */
let tab: WorkState | undefined;
/** Whether this tab had a state when the page loaded: a reload of the tab rather than a new one. */
let reloaded = false;

function page(): PageAreas {
  if (!areas) {
    areas = pageAreas();
    if (areas.blocked) useStorageStatus.getState().set({ blocked: true });
  }
  return areas;
}

/** Local storage, or an in-memory stand-in where it is blocked. */
export function localArea(): StorageLike {
  return page().local;
}
/** Session storage, or an in-memory stand-in where it is blocked. */
export function sessionArea(): StorageLike {
  return page().session;
}

export function library(): Library {
  pageLibrary ??= createLibrary(localArea());
  return pageLibrary;
}

/** Points the page's library at other storage areas (tests: a full one). */
export function setLibraryStorage(storage: StorageLike, session: StorageLike = memoryStorage()): void {
  areas = { local: storage, session, blocked: false };
  pageLibrary = createLibrary(storage);
  tab = undefined;
}

/** This tab's work state. */
export function tabState(): WorkState {
  if (!tab) {
    const stored = readWorkState(sessionArea(), TAB_STATE_KEY);
    reloaded = stored !== undefined;
    tab = stored ?? {};
  }
  return tab;
}

/** Whether the page was a reload of this tab (it had a work state of its own), not a new tab. */
export function isReloadOfTab(): boolean {
  tabState();
  return reloaded;
}

/** The state of the tab that saved last (for a new tab or the next visit); `{}` when there is none. */
export function lastWorkState(): WorkState {
  return readWorkState(localArea(), LAST_STATE_KEY) ?? {};
}

/** Replaces this tab's state (and its copy in session storage) and refreshes the view. */
export function setTabState(next: WorkState): StoreResult {
  tab = next;
  const r = writeWorkState(sessionArea(), TAB_STATE_KEY, next);
  const conflict = useStorageStatus.getState().conflict;
  if (conflict && conflict.id !== next.currentId) useStorageStatus.getState().set({ conflict: undefined });
  useLibrary.getState().refresh();
  return r;
}

function patchTabState(patch: Partial<WorkState>, clear: readonly (keyof WorkState)[] = []): StoreResult {
  const next: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...tabState(), ...patch })) if (typeof v === 'string' && !clear.includes(k as keyof WorkState)) next[k] = v;
  return setTabState(next as WorkState);
}

// ---------------------------------------------------------------------------------------------------
// The UI's view of the library: entries, this tab's entry and lesson, kept in step with storage.

export interface LibraryView {
  readonly entries: readonly LibraryEntry[];
  readonly currentId?: string;
  readonly lessonId?: string;
  readonly refresh: () => void;
}

/** The name of this tab's entry as last listed: a notice can still name it once it has been deleted. */
let currentName: { readonly id: string; readonly name: string } | undefined;

function snapshot(): Pick<LibraryView, 'entries' | 'currentId' | 'lessonId'> {
  const state = tabState();
  const entries = library().list();
  const current = state.currentId ? entries.find((e) => e.id === state.currentId) : undefined;
  if (current) currentName = { id: current.id, name: current.name };
  return { entries, currentId: state.currentId, lessonId: state.lessonId };
}

export const useLibrary = create<LibraryView>()((set) => ({
  entries: [],
  refresh: () => set(snapshot()),
}));

/** The name of an entry (for notices), as listed now or last listed, or a stand-in. */
function entryName(id: string): string {
  return library().list().find((e) => e.id === id)?.name ?? (currentName?.id === id ? currentName.name : 'the saved scenario');
}

/**
 * Records that this tab's entry was changed or deleted by someone else: its edits are no longer written
 * there (see `autosaveCurrentEntry`) until the user chooses (the storage notice, src/panels/share).
 */
function raiseConflict(id: string, kind: EntryConflict): void {
  const status = useStorageStatus.getState();
  if (status.conflict?.id === id && status.conflict.kind === kind) return;
  status.set({ conflict: { id, kind, name: entryName(id) } });
}

/**
 * Checks this tab's entry against storage: raises a conflict when its text is no longer what this tab last
 * wrote or read. Called at start-up and when another tab changes storage.
 */
export function checkCurrentEntry(): void {
  const { currentId, entryFingerprint } = tabState();
  if (!currentId || entryFingerprint === undefined) return;
  const stored = library().fingerprintOf(currentId);
  if (stored === undefined) raiseConflict(currentId, 'deleted');
  else if (stored !== entryFingerprint) raiseConflict(currentId, 'changed');
}

/**
 * Follows other tabs: the list is refreshed when they save, rename or delete, and this tab's own entry is
 * checked when its text changes. Returns a function that stops listening.
 */
export function startLibrarySync(): () => void {
  const onStorage = (event: StorageEvent): void => {
    if (event.storageArea !== null && event.storageArea !== localArea()) return;
    // `key` is null when another tab cleared the whole storage.
    if (event.key !== null && !event.key.startsWith(LIBRARY_PREFIX)) return;
    const { currentId } = tabState();
    if (currentId && (event.key === null || event.key === `${DATA_PREFIX}${currentId}`)) checkCurrentEntry();
    useLibrary.getState().refresh();
  };
  window.addEventListener('storage', onStorage);
  return () => window.removeEventListener('storage', onStorage);
}

export type OpenOrigin = 'link' | 'file' | 'lesson' | 'saved' | 'example' | 'import';

export interface OpenRequest {
  readonly scenario: Scenario;
  readonly origin: OpenOrigin;
  /** For backups: "a link", "a file", "the lesson …", "“My design”". */
  readonly what: string;
  readonly entryId?: string;
  /** The fingerprint of the entry's text as it was read (`Library.load`), when `entryId` is given. */
  readonly entryFingerprint?: string;
  readonly lessonId?: string;
  /** Open even though unsaved work could not be kept (the user chose so). */
  readonly discardUnsaved?: boolean;
  /**
   * Also keep the opened scenario as a saved entry of this name and make it the current one (links: once
   * the fragment is cleared, the shared scenario would otherwise exist only on the canvas).
   */
  readonly keepAs?: string;
}

export type OpenResult =
  | {
      readonly ok: true;
      readonly backup?: LibraryEntry;
      readonly kept?: LibraryEntry;
      readonly keepFailed?: string;
      /** What was opened is what was already on the canvas: nothing needed keeping. */
      readonly unchanged?: true;
      /** The saved entry the unchanged scenario already was, which stays this tab's. */
      readonly current?: LibraryEntry;
    }
  | { readonly ok: false; readonly reason: 'backup-failed'; readonly message: string };

/**
 * Whether the current work is already safe: empty, unchanged since it was opened or saved, or this tab's
 * saved entry (which is brought up to date now, so nothing waits on the autosave timer — unless another tab
 * changed it meanwhile: then it is not overwritten, and the work is not counted as safe).
 */
function currentWorkIsSafe(current: Scenario): boolean {
  if (isEmptyScenario(current)) return true;
  const state = tabState();
  if (state.currentId && !useStorageStatus.getState().conflict) {
    const r = library().update(state.currentId, current, state.entryFingerprint);
    if (r.ok) {
      patchTabState({ entryFingerprint: r.fingerprint });
      return true;
    }
    if (r.conflict) raiseConflict(state.currentId, r.conflict);
  }
  return state.openedFingerprint === fingerprint(current);
}

export function stamp(t: number): string {
  return new Date(t).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/**
 * Opens a scenario in place of the current one. Unsaved work is first saved as a new entry ("Unsaved
 * work before opening a link — <date>"); if that fails, nothing changes and the caller must ask the user.
 * The undo history starts afresh: undo cannot take the user back past what they opened (their previous
 * work is in the list instead), so the opened scenario cannot be lost by an undo followed by an edit.
 */
export function openScenario(request: OpenRequest): OpenResult {
  const app = useAppStore.getState();
  const lib = library();
  let backup: LibraryEntry | undefined;
  // The same scenario again (a link to what is open, opened twice): nothing would be lost, so no copy of
  // "unsaved work" is filed, and the saved entry it already is stays this tab's.
  const unchanged = !isEmptyScenario(app.scenario) && sameScenario(app.scenario, request.scenario);
  if (!request.discardUnsaved && !unchanged && !currentWorkIsSafe(app.scenario)) {
    const name = `Unsaved work before opening ${request.what} — ${stamp(Date.now())}`;
    const saved = lib.save(app.scenario, name, 'backup');
    if (!saved.ok) return { ok: false, reason: 'backup-failed', message: saved.message };
    backup = saved.value;
  }
  const before = tabState();
  let current: LibraryEntry | undefined;
  let currentFingerprint: string | undefined;
  if (unchanged && request.entryId === undefined && before.currentId && !useStorageStatus.getState().conflict) {
    const r = lib.update(before.currentId, request.scenario, before.entryFingerprint);
    if (r.ok) {
      current = lib.list().find((e) => e.id === before.currentId);
      currentFingerprint = r.fingerprint;
    }
  }
  app.replace(request.scenario);
  useAppStore.temporal.getState().clear();
  const kept = request.keepAs !== undefined && !current ? lib.save(request.scenario, request.keepAs, request.origin === 'link' ? 'link' : 'saved') : undefined;
  const currentId = request.entryId ?? (kept?.ok ? kept.value.id : current?.id);
  const entryFingerprint =
    request.entryId !== undefined ? (request.entryFingerprint ?? lib.fingerprintOf(request.entryId)) : kept?.ok ? fingerprint(request.scenario) : currentFingerprint;
  useStorageStatus.getState().set({ conflict: undefined });
  setTabState({
    openedFingerprint: fingerprint(request.scenario),
    ...(currentId ? { currentId } : {}),
    ...(currentId && entryFingerprint ? { entryFingerprint } : {}),
    ...(request.lessonId ? { lessonId: request.lessonId } : {}),
  });
  return {
    ok: true,
    ...(backup ? { backup } : {}),
    ...(kept?.ok ? { kept: kept.value } : {}),
    ...(kept && !kept.ok ? { keepFailed: kept.message } : {}),
    ...(unchanged ? { unchanged: true as const } : {}),
    ...(current ? { current } : {}),
  };
}

/** Saves the current scenario as a new entry and makes it this tab's (autosaved from now on). */
export function saveCurrentAs(name: string): StoreResult<LibraryEntry> {
  const scenario = useAppStore.getState().scenario;
  const r = library().save(scenario, name);
  if (r.ok) {
    useStorageStatus.getState().set({ conflict: undefined });
    patchTabState({ currentId: r.value.id, openedFingerprint: fingerprint(scenario), entryFingerprint: fingerprint(scenario) });
  } else useLibrary.getState().refresh();
  return r;
}

/**
 * Makes sure the current work is in Saved scenarios: this tab's entry brought up to date when it has one
 * (and no other tab changed it), else a new entry named `name`. Returns the name it is kept under.
 */
export function keepCurrentWork(name: string): StoreResult<string> {
  const scenario = useAppStore.getState().scenario;
  const { currentId, entryFingerprint } = tabState();
  if (currentId && !useStorageStatus.getState().conflict) {
    const r = library().update(currentId, scenario, entryFingerprint);
    if (r.ok) {
      patchTabState({ entryFingerprint: r.fingerprint });
      return { ok: true, value: entryName(currentId) };
    }
  }
  const saved = library().save(scenario, name, 'backup');
  useLibrary.getState().refresh();
  return saved.ok ? { ok: true, value: saved.value.name } : saved;
}

/** Forgets the lesson banner (the scenario stays). */
export function closeLesson(): void {
  patchTabState({}, ['lessonId']);
}

/**
 * Keeps this tab's entry in step with the scenario (called by the autosave). Writes nothing while the entry
 * is in conflict (changed or deleted by someone else); a conflict found now is raised and reported.
 */
export function autosaveCurrentEntry(scenario: Scenario): StoreResult {
  const { currentId, entryFingerprint } = tabState();
  if (!currentId || useStorageStatus.getState().conflict) return { ok: true, value: undefined };
  const r = library().update(currentId, scenario, entryFingerprint);
  if (r.ok) {
    if (r.fingerprint !== entryFingerprint) patchTabState({ entryFingerprint: r.fingerprint });
    return { ok: true, value: undefined };
  }
  if (r.conflict) {
    raiseConflict(currentId, r.conflict);
    return { ok: true, value: undefined };
  }
  return r;
}

/**
 * The user's answer to a conflict: `theirs` opens the entry as the other tab left it (this tab's work is
 * kept first, as for any open); `copy` keeps this tab's work as a new entry and continues there; `again`
 * (the entry was deleted) saves this tab's work under the entry's name; `leave` stops saving this tab's
 * work to any entry (it stays on the canvas and in the autosave).
 */
export function resolveConflict(choice: 'theirs' | 'copy' | 'again' | 'leave'): { ok: true; message: string; backup?: LibraryEntry } | { ok: false; message: string } {
  const conflict = useStorageStatus.getState().conflict;
  if (!conflict) return { ok: false, message: 'There is nothing to resolve.' };
  if (choice === 'theirs') {
    const loaded = library().load(conflict.id);
    if (!loaded.ok) return { ok: false, message: `“${conflict.name}” could not be opened: ${loaded.problems.slice(0, 3).map(describeProblem).join('; ')}. It is kept as it is in Saved scenarios.` };
    const r = openScenario({ scenario: loaded.scenario, origin: 'saved', what: `the other tab's “${conflict.name}”`, entryId: conflict.id, entryFingerprint: loaded.fingerprint });
    if (!r.ok) return { ok: false, message: r.message };
    return { ok: true, message: `Opened “${conflict.name}” as the other tab saved it.`, ...(r.backup ? { backup: r.backup } : {}) };
  }
  if (choice === 'leave') {
    useStorageStatus.getState().set({ conflict: undefined });
    patchTabState({}, ['currentId', 'entryFingerprint']);
    return { ok: true, message: `This tab's work is no longer saved to “${conflict.name}”. Save it from Saved scenarios to keep it there.` };
  }
  const name = choice === 'copy' ? `${conflict.name} (this tab's version)` : conflict.name;
  const r = saveCurrentAs(name);
  if (!r.ok) return { ok: false, message: r.message };
  return { ok: true, message: `This tab's work is saved as “${r.value.name}”, and its changes go there from now on.` };
}

/** Deletes an entry; the current scenario stays on the canvas (only its link to the entry goes). */
export function deleteEntry(id: string): void {
  const lib = library();
  lib.remove(id);
  if (tabState().currentId === id) patchTabState({}, ['currentId', 'entryFingerprint']);
  else useLibrary.getState().refresh();
}

export { describeProblem };
