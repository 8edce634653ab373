import { create } from 'zustand';
import { parseScenario, type Scenario } from '../model';
import { readScenarioFile, describeProblem, type FileProblem } from '../share/file';
import { useAppStore } from './store';

/**
 * Saved scenarios in the browser, and the rule that opening anything (a link, a file, a lesson, a saved
 * scenario) never overwrites unsaved work: such work is first saved here as a new entry.
 *
 * Storage layout (versioned prefix, one pair of keys per entry so a corrupt or oversized entry never takes
 * the others with it):
 *   crossaccount:library:v1:meta:ID  → {"name","createdAt","updatedAt","origin"}
 *   crossaccount:library:v1:data:ID  → the scenario JSON, as in a file
 *   crossaccount:library:v1:state    → {"currentId","lessonId","openedFingerprint"}
 * Entries are validated through `parseScenario` when opened; an entry that no longer parses is reported
 * and kept (never deleted behind the user's back).
 */

export const LIBRARY_PREFIX = 'crossaccount:library:v1:';
const META = `${LIBRARY_PREFIX}meta:`;
const DATA = `${LIBRARY_PREFIX}data:`;
const STATE = `${LIBRARY_PREFIX}state`;

/** The part of the Web Storage API the library uses (so tests can pass an in-memory one). */
export interface StorageLike {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type EntryOrigin = 'saved' | 'backup' | 'link' | 'file' | 'lesson' | 'copy';

export interface LibraryEntry {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly origin: EntryOrigin;
  /** Characters of stored scenario JSON. */
  readonly size: number;
  /** Set when the entry's details could not be read (it is listed and kept anyway). */
  readonly problem?: string;
}

export interface LibraryState {
  readonly currentId?: string;
  readonly lessonId?: string;
  /** Fingerprint of the scenario as it was when last opened or saved: unchanged work needs no backup. */
  readonly openedFingerprint?: string;
}

export type StoreResult<T = undefined> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

function isQuotaError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED' || /quota/i.test(error.message));
}

function storageMessage(error: unknown, what: string): string {
  if (isQuotaError(error)) {
    return `${what}: the browser's storage for this site is full. Delete saved scenarios you no longer need, or download this one as a file.`;
  }
  return `${what}: the browser refused to store it (${error instanceof Error ? error.message : String(error)}).`;
}

/** FNV-1a over the scenario's JSON: cheap, and enough to tell "unchanged since opened". */
export function fingerprint(scenario: Scenario): string {
  const text = JSON.stringify(scenario);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${text.length.toString(36)}-${(h >>> 0).toString(36)}`;
}

/** JSON with every object's keys in order: the same content gives the same text, whatever order it was built in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * Whether two scenarios hold the same content — model, layout and name — whatever order their keys were
 * written in and whichever defaults were spelled out (both are read through `parseScenario`, as a link or a
 * file is). Opening one over the other loses nothing.
 */
export function sameScenario(a: Scenario, b: Scenario): boolean {
  if (a === b) return true;
  const read = (s: Scenario): unknown => {
    const r = parseScenario(s);
    return r.ok ? r.scenario : s;
  };
  return canonicalJson(read(a)) === canonicalJson(read(b));
}

/** Nothing drawn: there is nothing to lose. */
export function isEmptyScenario(s: Scenario): boolean {
  return s.accounts.length + s.principals.length + s.resources.length + s.rules.length + s.edges.length + s.organizations.length === 0;
}

function readJson(storage: StorageLike, key: string): unknown {
  const raw = storage.getItem(key);
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const ORIGINS: readonly EntryOrigin[] = ['saved', 'backup', 'link', 'file', 'lesson', 'copy'];

/** The library over one storage area. Pure of UI: every write reports failure instead of throwing. */
export function createLibrary(storage: StorageLike, now: () => number = () => Date.now()) {
  const newId = (): string => `${now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

  function readState(): LibraryState {
    const v = readJson(storage, STATE);
    if (!isRecord(v)) return {};
    const str = (k: string): string | undefined => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
    const currentId = str('currentId');
    const lessonId = str('lessonId');
    const openedFingerprint = str('openedFingerprint');
    return { ...(currentId ? { currentId } : {}), ...(lessonId ? { lessonId } : {}), ...(openedFingerprint ? { openedFingerprint } : {}) };
  }

  function writeState(state: LibraryState): StoreResult {
    try {
      storage.setItem(STATE, JSON.stringify(state));
      return { ok: true, value: undefined };
    } catch (error) {
      return { ok: false, message: storageMessage(error, 'Could not remember the open scenario') };
    }
  }

  function list(): LibraryEntry[] {
    const ids: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(META)) ids.push(key.slice(META.length));
      else if (key?.startsWith(DATA) && storage.getItem(`${META}${key.slice(DATA.length)}`) === null) ids.push(key.slice(DATA.length));
    }
    const entries = [...new Set(ids)].map((id): LibraryEntry => {
      const meta = readJson(storage, `${META}${id}`);
      const size = storage.getItem(`${DATA}${id}`)?.length ?? 0;
      if (!isRecord(meta) || typeof meta['name'] !== 'string') {
        return { id, name: `Unnamed scenario (${id})`, createdAt: 0, updatedAt: 0, origin: 'saved', size, problem: 'Its name and dates could not be read.' };
      }
      const num = (k: string): number => (typeof meta[k] === 'number' && Number.isFinite(meta[k]) ? (meta[k] as number) : 0);
      const origin = ORIGINS.find((o) => o === meta['origin']) ?? 'saved';
      return { id, name: meta['name'], createdAt: num('createdAt'), updatedAt: num('updatedAt'), origin, size, ...(size === 0 ? { problem: 'Its scenario is missing.' } : {}) };
    });
    return entries.sort((a, b) => b.updatedAt - a.updatedAt || a.name.localeCompare(b.name));
  }

  function writeEntry(id: string, meta: { name: string; createdAt: number; updatedAt: number; origin: EntryOrigin }, data: string, isNew: boolean): StoreResult {
    try {
      storage.setItem(`${DATA}${id}`, data);
      storage.setItem(`${META}${id}`, JSON.stringify(meta));
      return { ok: true, value: undefined };
    } catch (error) {
      if (isNew) {
        // Leave no half-written entry behind.
        storage.removeItem(`${DATA}${id}`);
        storage.removeItem(`${META}${id}`);
      }
      return { ok: false, message: storageMessage(error, `Could not save "${meta.name}"`) };
    }
  }

  function metaOf(id: string): { name: string; createdAt: number; updatedAt: number; origin: EntryOrigin } | undefined {
    const e = list().find((x) => x.id === id);
    return e ? { name: e.name, createdAt: e.createdAt, updatedAt: e.updatedAt, origin: e.origin } : undefined;
  }

  return {
    readState,
    writeState,
    list,

    /** Saves a scenario as a new entry. */
    save(scenario: Scenario, name: string, origin: EntryOrigin = 'saved'): StoreResult<LibraryEntry> {
      const id = newId();
      const t = now();
      const data = JSON.stringify(scenario);
      const meta = { name: name.trim() || scenario.name || 'Untitled scenario', createdAt: t, updatedAt: t, origin };
      const r = writeEntry(id, meta, data, true);
      return r.ok ? { ok: true, value: { id, ...meta, size: data.length } } : r;
    },

    /**
     * Keeps text that should be a scenario but no longer opens (an unreadable autosave) as an entry, as it
     * is: listed with the others, and downloadable to repair it (opening it reports its located problems).
     */
    saveText(text: string, name: string, origin: EntryOrigin = 'backup'): StoreResult<LibraryEntry> {
      const id = newId();
      const t = now();
      const meta = { name: name.trim() || 'Untitled scenario', createdAt: t, updatedAt: t, origin };
      const r = writeEntry(id, meta, text, true);
      return r.ok ? { ok: true, value: { id, ...meta, size: text.length } } : r;
    },

    /** Replaces an entry's scenario (autosave of the current one). */
    update(id: string, scenario: Scenario): StoreResult {
      const meta = metaOf(id);
      if (!meta) return { ok: false, message: 'That saved scenario no longer exists.' };
      const data = JSON.stringify(scenario);
      if (storage.getItem(`${DATA}${id}`) === data) return { ok: true, value: undefined };
      return writeEntry(id, { ...meta, updatedAt: now() }, data, false);
    },

    rename(id: string, name: string): StoreResult {
      const meta = metaOf(id);
      const trimmed = name.trim();
      if (!meta) return { ok: false, message: 'That saved scenario no longer exists.' };
      if (!trimmed) return { ok: false, message: 'A name cannot be empty.' };
      try {
        storage.setItem(`${META}${id}`, JSON.stringify({ ...meta, name: trimmed.slice(0, 200) }));
        return { ok: true, value: undefined };
      } catch (error) {
        return { ok: false, message: storageMessage(error, 'Could not rename it') };
      }
    },

    /** Copies an entry as stored (even one that no longer parses: the copy is as recoverable as the original). */
    duplicate(id: string): StoreResult<LibraryEntry> {
      const meta = metaOf(id);
      const data = storage.getItem(`${DATA}${id}`);
      if (!meta || data === null) return { ok: false, message: 'That saved scenario no longer exists.' };
      const copyId = newId();
      const t = now();
      const copy = { name: `${meta.name} (copy)`, createdAt: t, updatedAt: t, origin: 'copy' as const };
      const r = writeEntry(copyId, copy, data, true);
      return r.ok ? { ok: true, value: { id: copyId, ...copy, size: data.length } } : r;
    },

    remove(id: string): void {
      storage.removeItem(`${DATA}${id}`);
      storage.removeItem(`${META}${id}`);
    },

    /** The stored text of an entry, for "download as file" of an entry that no longer opens. */
    raw(id: string): string | undefined {
      return storage.getItem(`${DATA}${id}`) ?? undefined;
    },

    /** Opens an entry through the one door; a corrupt entry is reported with located problems and kept. */
    load(id: string): { ok: true; scenario: Scenario } | { ok: false; problems: readonly FileProblem[] } {
      const data = storage.getItem(`${DATA}${id}`);
      if (data === null) return { ok: false, problems: [{ message: 'Its scenario is missing from the browser storage.' }] };
      const r = readScenarioFile(data);
      return r.ok ? { ok: true, scenario: r.scenario } : { ok: false, problems: r.problems };
    },
  };
}

export type Library = ReturnType<typeof createLibrary>;

/** The page's library (local storage), or an in-memory one where storage is blocked. */
function pageStorage(): StorageLike {
  try {
    const s = window.localStorage;
    s.getItem(STATE);
    return s;
  } catch {
    const map = new Map<string, string>();
    return {
      get length() {
        return map.size;
      },
      key: (i) => [...map.keys()][i] ?? null,
      getItem: (k) => map.get(k) ?? null,
      setItem: (k, v) => void map.set(k, v),
      removeItem: (k) => void map.delete(k),
    };
  }
}

let pageLibrary: Library | undefined;
export function library(): Library {
  pageLibrary ??= createLibrary(pageStorage());
  return pageLibrary;
}

/** Points the page's library at another storage (tests: a full one). */
export function setLibraryStorage(storage: StorageLike): void {
  pageLibrary = createLibrary(storage);
}

// ---------------------------------------------------------------------------------------------------
// The UI's view of the library: entries, the current entry and lesson, kept in sync with storage.

export interface LibraryView {
  readonly entries: readonly LibraryEntry[];
  readonly currentId?: string;
  readonly lessonId?: string;
  readonly refresh: () => void;
}

function snapshot(): Pick<LibraryView, 'entries' | 'currentId' | 'lessonId'> {
  const lib = library();
  const state = lib.readState();
  return { entries: lib.list(), ...(state.currentId ? { currentId: state.currentId } : {}), ...(state.lessonId ? { lessonId: state.lessonId } : {}) };
}

export const useLibrary = create<LibraryView>()((set) => ({
  ...snapshot(),
  refresh: () => {
    const lib = library();
    const state = lib.readState();
    set({ entries: lib.list(), currentId: state.currentId, lessonId: state.lessonId });
  },
}));

function setState(patch: Partial<LibraryState>, clear: readonly (keyof LibraryState)[] = []): StoreResult {
  const lib = library();
  const next: Record<string, string> = {};
  const merged = { ...lib.readState(), ...patch };
  for (const [k, v] of Object.entries(merged)) if (typeof v === 'string' && !clear.includes(k as keyof LibraryState)) next[k] = v;
  const r = lib.writeState(next);
  useLibrary.getState().refresh();
  return r;
}

export type OpenOrigin = 'link' | 'file' | 'lesson' | 'saved' | 'example';

export interface OpenRequest {
  readonly scenario: Scenario;
  readonly origin: OpenOrigin;
  /** For backups: "a link", "a file", "the lesson …", "“My design”". */
  readonly what: string;
  readonly entryId?: string;
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
      /** The saved entry the unchanged scenario already was, which stays the current one. */
      readonly current?: LibraryEntry;
    }
  | { readonly ok: false; readonly reason: 'backup-failed'; readonly message: string };

/**
 * Whether the current work is already safe: empty, unchanged since it was opened or saved, or the
 * current saved entry (which is brought up to date now, so nothing waits on the autosave timer).
 */
function currentWorkIsSafe(current: Scenario): boolean {
  if (isEmptyScenario(current)) return true;
  const lib = library();
  const state = lib.readState();
  if (state.currentId && lib.update(state.currentId, current).ok) return true;
  return state.openedFingerprint === fingerprint(current);
}

function stamp(t: number): string {
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
  // "unsaved work" is filed, and the saved entry it already is stays the current one.
  const unchanged = !isEmptyScenario(app.scenario) && sameScenario(app.scenario, request.scenario);
  if (!request.discardUnsaved && !unchanged && !currentWorkIsSafe(app.scenario)) {
    const name = `Unsaved work before opening ${request.what} — ${stamp(Date.now())}`;
    const saved = lib.save(app.scenario, name, 'backup');
    if (!saved.ok) return { ok: false, reason: 'backup-failed', message: saved.message };
    backup = saved.value;
  }
  const stateBefore = lib.readState();
  const current = unchanged && stateBefore.currentId && lib.update(stateBefore.currentId, request.scenario).ok ? lib.list().find((e) => e.id === stateBefore.currentId) : undefined;
  app.replace(request.scenario);
  useAppStore.temporal.getState().clear();
  const kept = request.keepAs !== undefined && !current ? lib.save(request.scenario, request.keepAs, request.origin === 'link' ? 'link' : 'saved') : undefined;
  const currentId = request.entryId ?? (kept?.ok ? kept.value.id : current?.id);
  setState(
    {
      openedFingerprint: fingerprint(request.scenario),
      ...(currentId ? { currentId } : {}),
      ...(request.lessonId ? { lessonId: request.lessonId } : {}),
    },
    [...(currentId ? [] : (['currentId'] as const)), ...(request.lessonId ? [] : (['lessonId'] as const))],
  );
  return {
    ok: true,
    ...(backup ? { backup } : {}),
    ...(kept?.ok ? { kept: kept.value } : {}),
    ...(kept && !kept.ok ? { keepFailed: kept.message } : {}),
    ...(unchanged ? { unchanged: true as const } : {}),
    ...(current ? { current } : {}),
  };
}

/** Keeps an autosave that no longer opens in Saved scenarios, named with the time it was found. */
export function keepUnreadableAutosave(text: string): StoreResult<LibraryEntry> {
  const lib = library();
  // Found again at the next start (nothing has replaced it yet): the entry made the first time stands.
  const already = lib.list().find((e) => e.origin === 'backup' && lib.raw(e.id) === text);
  if (already) return { ok: true, value: already };
  const r = lib.saveText(text, `Autosave that could not be opened — ${stamp(Date.now())}`);
  useLibrary.getState().refresh();
  return r;
}

/** Saves the current scenario as a new entry and makes it the current one (autosaved from now on). */
export function saveCurrentAs(name: string): StoreResult<LibraryEntry> {
  const scenario = useAppStore.getState().scenario;
  const r = library().save(scenario, name);
  if (r.ok) setState({ currentId: r.value.id, openedFingerprint: fingerprint(scenario) });
  else useLibrary.getState().refresh();
  return r;
}

/** Forgets the lesson banner (the scenario stays). */
export function closeLesson(): void {
  setState({}, ['lessonId']);
}

/** Keeps the current entry in step with the scenario (called by the autosave). Reports failure once. */
export function autosaveCurrentEntry(scenario: Scenario): StoreResult {
  const lib = library();
  const { currentId } = lib.readState();
  if (!currentId) return { ok: true, value: undefined };
  return lib.update(currentId, scenario);
}

/** Deletes an entry; the current scenario stays on the canvas (only its link to the entry goes). */
export function deleteEntry(id: string): void {
  const lib = library();
  lib.remove(id);
  if (lib.readState().currentId === id) setState({}, ['currentId']);
  else useLibrary.getState().refresh();
}

export { describeProblem };
