import type { Scenario } from '../model';
import { door, loadedDoor } from '../share/doorLoader';
import type { FileProblem } from '../share/problem';

/**
 * Saved scenarios over one Web Storage area: pure of UI and of the page (no DOM, no store), so the tests and
 * the fuzz suite drive it with an in-memory storage. Every write reports failure instead of throwing, and
 * nothing here ever deletes or overwrites an entry except on the caller's explicit request.
 *
 * Storage layout (versioned prefix, one pair of keys per entry so a corrupt or oversized entry never takes
 * the others with it):
 *   crossaccount:library:v1:meta:ID  → {"name","createdAt","updatedAt","origin"}
 *   crossaccount:library:v1:data:ID  → the scenario JSON, as in a file (or, for origin "unreadable", the
 *                                      text that could not be read, kept as it was)
 * Entries are validated through `parseScenario` when opened; an entry that no longer parses is reported
 * and kept (never deleted behind the user's back).
 */

export const LIBRARY_PREFIX = 'crossaccount:library:v1:';
export const META_PREFIX = `${LIBRARY_PREFIX}meta:`;
export const DATA_PREFIX = `${LIBRARY_PREFIX}data:`;

/** The part of the Web Storage API the library uses (so tests can pass an in-memory one). */
export interface StorageLike {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Where an entry came from. `unreadable`: stored work that could not be read, kept so that it is not lost. */
export type EntryOrigin = 'saved' | 'backup' | 'link' | 'file' | 'lesson' | 'copy' | 'unreadable';

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

export type StoreResult<T = undefined> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Why writing an entry the caller holds was refused: someone else changed or deleted it since. */
export type EntryConflict = 'changed' | 'deleted';

export type UpdateResult = { readonly ok: true; readonly fingerprint: string } | { readonly ok: false; readonly message: string; readonly conflict?: EntryConflict };

export function isQuotaError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED' || /quota/i.test(error.message));
}

/** A sentence for a failed write: `what` failed, because … */
export function storageMessage(error: unknown, what: string): string {
  if (isQuotaError(error)) {
    return `${what}: the browser's storage for this site is full. Delete saved scenarios you no longer need, or download this one as a file.`;
  }
  return `${what}: the browser refused to store it (${error instanceof Error ? error.message : String(error)}).`;
}

/** FNV-1a over text: cheap, and enough to tell "the same as before". */
export function textFingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${text.length.toString(36)}-${(h >>> 0).toString(36)}`;
}

/** Fingerprint of a scenario's JSON (as stored): tells "unchanged since opened". */
export function fingerprint(scenario: Scenario): string {
  return textFingerprint(JSON.stringify(scenario));
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
  // Without the door (nothing has been opened yet: a scenario built on this page) they are compared as they
  // are; at worst "not the same", and the work is kept once more than needed.
  const parse = loadedDoor()?.parseScenario;
  const read = (s: Scenario): unknown => {
    if (!parse) return s;
    const r = parse(s);
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

const ORIGINS: readonly EntryOrigin[] = ['saved', 'backup', 'link', 'file', 'lesson', 'copy', 'unreadable'];

type Meta = { name: string; createdAt: number; updatedAt: number; origin: EntryOrigin };

/** The library over one storage area. */
export function createLibrary(storage: StorageLike, now: () => number = () => Date.now()) {
  const newId = (): string => `${now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

  function list(): LibraryEntry[] {
    const ids: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(META_PREFIX)) ids.push(key.slice(META_PREFIX.length));
      else if (key?.startsWith(DATA_PREFIX) && storage.getItem(`${META_PREFIX}${key.slice(DATA_PREFIX.length)}`) === null) ids.push(key.slice(DATA_PREFIX.length));
    }
    const entries = [...new Set(ids)].map((id): LibraryEntry => {
      const meta = readJson(storage, `${META_PREFIX}${id}`);
      const size = storage.getItem(`${DATA_PREFIX}${id}`)?.length ?? 0;
      if (!isRecord(meta) || typeof meta['name'] !== 'string') {
        return { id, name: `Unnamed scenario (${id.slice(0, 40)})`, createdAt: 0, updatedAt: 0, origin: 'saved', size, problem: 'Its name and dates could not be read.' };
      }
      const num = (k: string): number => (typeof meta[k] === 'number' && Number.isFinite(meta[k]) ? (meta[k] as number) : 0);
      const origin = ORIGINS.find((o) => o === meta['origin']) ?? 'saved';
      const problem = size === 0 ? 'Its scenario is missing.' : origin === 'unreadable' ? 'Kept as it was found: it could not be read. Download it to repair it.' : undefined;
      return { id, name: meta['name'].slice(0, 200), createdAt: num('createdAt'), updatedAt: num('updatedAt'), origin, size, ...(problem ? { problem } : {}) };
    });
    return entries.sort((a, b) => b.updatedAt - a.updatedAt || a.name.localeCompare(b.name));
  }

  function writeEntry(id: string, meta: Meta, data: string, isNew: boolean): StoreResult {
    try {
      storage.setItem(`${DATA_PREFIX}${id}`, data);
      storage.setItem(`${META_PREFIX}${id}`, JSON.stringify(meta));
      return { ok: true, value: undefined };
    } catch (error) {
      if (isNew) {
        // Leave no half-written entry behind.
        storage.removeItem(`${DATA_PREFIX}${id}`);
        storage.removeItem(`${META_PREFIX}${id}`);
      }
      return { ok: false, message: storageMessage(error, `Could not save “${meta.name}”`) };
    }
  }

  function metaOf(id: string): Meta | undefined {
    const meta = readJson(storage, `${META_PREFIX}${id}`);
    if (!isRecord(meta) || typeof meta['name'] !== 'string') {
      return storage.getItem(`${DATA_PREFIX}${id}`) === null ? undefined : { name: `Unnamed scenario (${id.slice(0, 40)})`, createdAt: 0, updatedAt: 0, origin: 'saved' };
    }
    const num = (k: string): number => (typeof meta[k] === 'number' && Number.isFinite(meta[k]) ? (meta[k] as number) : 0);
    return { name: meta['name'], createdAt: num('createdAt'), updatedAt: num('updatedAt'), origin: ORIGINS.find((o) => o === meta['origin']) ?? 'saved' };
  }

  function saveText(data: string, name: string, origin: EntryOrigin): StoreResult<LibraryEntry> {
    const id = newId();
    const t = now();
    const meta = { name: name.trim().slice(0, 200) || 'Untitled scenario', createdAt: t, updatedAt: t, origin };
    const r = writeEntry(id, meta, data, true);
    return r.ok ? { ok: true, value: { id, ...meta, size: data.length } } : r;
  }

  return {
    list,

    /** Saves a scenario as a new entry. */
    save(scenario: Scenario, name: string, origin: EntryOrigin = 'saved'): StoreResult<LibraryEntry> {
      return saveText(JSON.stringify(scenario), name.trim() || scenario.name, origin);
    },

    /**
     * Keeps text that could not be read as an entry of its own, exactly as it was (origin `unreadable`). Text
     * already kept (found again at the next start, before anything replaced it) is not kept twice.
     */
    keepUnreadable(text: string, name: string): StoreResult<LibraryEntry> {
      const already = list().find((e) => e.origin === 'unreadable' && e.size === text.length && storage.getItem(`${DATA_PREFIX}${e.id}`) === text);
      if (already) return { ok: true, value: already };
      return saveText(text, name, 'unreadable');
    },

    /**
     * Replaces an entry's scenario (autosave of the one a tab works on). With `expected` (the fingerprint of
     * the text the caller last wrote or read), nothing is written when the stored text is no longer that:
     * another tab changed or deleted the entry, and overwriting it would lose that tab's work.
     */
    update(id: string, scenario: Scenario, expected?: string): UpdateResult {
      const stored = storage.getItem(`${DATA_PREFIX}${id}`);
      const meta = metaOf(id);
      if (!meta || stored === null) return { ok: false, message: 'That saved scenario no longer exists.', conflict: 'deleted' };
      if (expected !== undefined && textFingerprint(stored) !== expected) return { ok: false, message: `“${meta.name}” was changed elsewhere.`, conflict: 'changed' };
      const data = JSON.stringify(scenario);
      if (stored === data) return { ok: true, fingerprint: textFingerprint(data) };
      const r = writeEntry(id, { ...meta, updatedAt: now() }, data, false);
      return r.ok ? { ok: true, fingerprint: textFingerprint(data) } : r;
    },

    rename(id: string, name: string): StoreResult {
      const meta = metaOf(id);
      const trimmed = name.trim();
      if (!meta) return { ok: false, message: 'That saved scenario no longer exists.' };
      if (!trimmed) return { ok: false, message: 'A name cannot be empty.' };
      try {
        storage.setItem(`${META_PREFIX}${id}`, JSON.stringify({ ...meta, name: trimmed.slice(0, 200) }));
        return { ok: true, value: undefined };
      } catch (error) {
        return { ok: false, message: storageMessage(error, 'Could not rename it') };
      }
    },

    /** Copies an entry as stored (even one that no longer parses: the copy is as recoverable as the original). */
    duplicate(id: string): StoreResult<LibraryEntry> {
      const meta = metaOf(id);
      const data = storage.getItem(`${DATA_PREFIX}${id}`);
      if (!meta || data === null) return { ok: false, message: 'That saved scenario no longer exists.' };
      const copyId = newId();
      const t = now();
      const copy: Meta = { name: `${meta.name} (copy)`.slice(0, 200), createdAt: t, updatedAt: t, origin: meta.origin === 'unreadable' ? 'unreadable' : 'copy' };
      const r = writeEntry(copyId, copy, data, true);
      return r.ok ? { ok: true, value: { id: copyId, ...copy, size: data.length } } : r;
    },

    remove(id: string): void {
      storage.removeItem(`${DATA_PREFIX}${id}`);
      storage.removeItem(`${META_PREFIX}${id}`);
    },

    /** The stored text of an entry, for "download as file" of an entry that no longer opens. */
    raw(id: string): string | undefined {
      return storage.getItem(`${DATA_PREFIX}${id}`) ?? undefined;
    },

    /** The fingerprint of an entry's stored text (see `update`), or undefined when it has none. */
    fingerprintOf(id: string): string | undefined {
      const data = storage.getItem(`${DATA_PREFIX}${id}`);
      return data === null ? undefined : textFingerprint(data);
    },

    /** Opens an entry through the one door; a corrupt entry is reported with located problems and kept. */
    load(id: string): { ok: true; scenario: Scenario; fingerprint: string } | { ok: false; problems: readonly FileProblem[] } {
      const data = storage.getItem(`${DATA_PREFIX}${id}`);
      if (data === null) return { ok: false, problems: [{ message: 'Its scenario is missing from the browser storage.' }] };
      const r = door().readScenarioFile(data);
      return r.ok ? { ok: true, scenario: r.scenario, fingerprint: textFingerprint(data) } : { ok: false, problems: r.problems };
    },
  };
}

export type Library = ReturnType<typeof createLibrary>;

/** An in-memory storage area: where the browser blocks storage, and in tests. */
export function memoryStorage(): StorageLike {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
  };
}

/**
 * What a tab works on: the saved entry its edits go to (if any), the open lesson, and fingerprints to tell
 * unchanged work (`openedFingerprint`) and an entry changed by someone else (`entryFingerprint`: the entry's
 * text as this tab last wrote or read it). Each tab keeps its own (session storage); the last one written
 * is also kept for the next visit.
 */
export interface WorkState {
  readonly currentId?: string;
  readonly lessonId?: string;
  readonly openedFingerprint?: string;
  readonly entryFingerprint?: string;
}

const WORK_STATE_KEYS = ['currentId', 'lessonId', 'openedFingerprint', 'entryFingerprint'] as const;

/** Reads a work state; `undefined` when there is none, anything unreadable is left out. */
export function readWorkState(storage: StorageLike, key: string): WorkState | undefined {
  const v = readJson(storage, key);
  if (v === undefined) return undefined;
  if (!isRecord(v)) return {};
  const out: Record<string, string> = {};
  for (const k of WORK_STATE_KEYS) if (typeof v[k] === 'string' && (v[k] as string).length <= 200) out[k] = v[k] as string;
  return out as WorkState;
}

export function writeWorkState(storage: StorageLike, key: string, state: WorkState): StoreResult {
  try {
    const out: Record<string, string> = {};
    for (const k of WORK_STATE_KEYS) if (state[k] !== undefined) out[k] = state[k] as string;
    storage.setItem(key, JSON.stringify(out));
    return { ok: true, value: undefined };
  } catch (error) {
    return { ok: false, message: storageMessage(error, 'Could not remember the open scenario') };
  }
}
