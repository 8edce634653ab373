import { beforeEach, describe, expect, it } from 'vitest';
import { addAccount, emptyScenario, type Scenario } from '../model';
import { seedCrossAccount } from '../model/fixtures/seedCrossAccount';
import { checkCurrentEntry, library, openScenario, resolveConflict, saveCurrentAs, setLibraryStorage, tabState, TAB_STATE_KEY } from './library';
import { DATA_PREFIX, type StorageLike } from './libraryStorage';
import { AUTOSAVE_KEY, releaseUnreadable, restoreWork, retryKeepingUnreadable, saveNow, TAB_WORK_KEY } from './persistence';
import { useStorageStatus } from './storageStatus';
import { useAppStore } from './store';

/** An in-memory Web Storage whose writes can be made to fail as a full browser storage does. */
function storage(): StorageLike & { full: boolean; map: Map<string, string> } {
  const map = new Map<string, string>();
  const area = {
    full: false,
    map,
    get length() {
      return map.size;
    },
    key: (i: number) => [...map.keys()][i] ?? null,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (area.full) {
        const e = new Error('The quota has been exceeded.');
        e.name = 'QuotaExceededError';
        throw e;
      }
      map.set(k, v);
    },
    removeItem: (k: string) => void map.delete(k),
  };
  return area;
}

/** What bootstrap does with the restore. */
function start(local: StorageLike, session: StorageLike = storage()) {
  setLibraryStorage(local, session);
  const outcome = restoreWork(Date.UTC(2026, 10, 23, 14, 0));
  useAppStore.getState().replace(outcome.scenario ?? emptyScenario());
  useAppStore.temporal.getState().clear();
  if (outcome.message) useStorageStatus.getState().set({ message: outcome.message });
  return outcome;
}

const named = (name: string): Scenario => ({ ...seedCrossAccount, name });
const addOneAccount = (): void => useAppStore.getState().edit((s) => addAccount(s, { x: 0, y: 0 }, 'Added').scenario);

beforeEach(() => {
  useStorageStatus.setState({ blocked: false, autosaveFailure: undefined, unreadable: undefined, conflict: undefined, message: undefined });
});

describe('restore after the autosave was damaged (the issue: the first edit overwrote “Mine”)', () => {
  /** A browser where “Mine” was saved and autosaved, then the tab closed. */
  function browserWithMine(): { local: ReturnType<typeof storage>; mineId: string } {
    const local = storage();
    start(local);
    useAppStore.getState().replace(named('mine'));
    const saved = saveCurrentAs('Mine');
    if (!saved.ok) throw new Error(saved.message);
    saveNow(useAppStore.getState().scenario);
    return { local, mineId: saved.value.id };
  }

  for (const [damage, spoil] of [
    ['cut short', (raw: string) => raw.slice(0, raw.length / 2)],
    ['a newer version', (raw: string) => raw.replace(/"version":\d+/, '"version":99')],
  ] as const) {
    it(`Given the autosave ${damage}, when the app opens in a new tab and an account is added, then “Mine” keeps its work plus the account, and the damaged text is kept as it was`, () => {
      const { local, mineId } = browserWithMine();
      const damaged = spoil(local.getItem(AUTOSAVE_KEY) ?? '');
      local.setItem(AUTOSAVE_KEY, damaged);

      const outcome = start(local);
      expect(outcome.scenario?.name).toBe('mine');
      expect(tabState().currentId).toBe(mineId);
      expect(outcome.message?.text).toMatch(/^Your autosaved work could not be opened \(.+\)\. It is kept, exactly as it was, in Saved scenarios as “Autosave that could not be opened — .+”: download it from there to repair it\. Opened your saved scenario “Mine” instead, as it was last saved\.$/);
      const kept = library().list().find((e) => e.origin === 'unreadable');
      expect(kept && library().raw(kept.id)).toBe(damaged);

      addOneAccount();
      saveNow(useAppStore.getState().scenario);
      const mine = library().load(mineId);
      expect(mine.ok && mine.scenario.accounts.map((a) => a.name)).toEqual([...seedCrossAccount.accounts.map((a) => a.name), 'Added']);
    });
  }

  it('Given a damaged autosave found again by the next tab before anything replaced it, then it is kept once', () => {
    const local = storage();
    local.setItem(AUTOSAVE_KEY, '{"version":1,"accounts":[{"id":"1');
    start(local);
    start(local);
    expect(library().list().map((e) => e.origin)).toEqual(['unreadable']);
  });

  it('Given a damaged autosave and no saved entry, then the canvas starts empty, bound to nothing, and the text is kept', () => {
    const local = storage();
    local.setItem(AUTOSAVE_KEY, '{"version":1,"accounts":[{"id":"1');
    const outcome = start(local);
    expect(outcome.scenario).toBeUndefined();
    expect(tabState().currentId).toBeUndefined();
    expect(outcome.message?.text).toMatch(/The canvas starts empty\.$/);
    expect(library().list().map((e) => e.origin)).toEqual(['unreadable']);
  });
});

describe('unreadable work that cannot be kept pauses the autosave (the issue: the next edit overwrote the only copy)', () => {
  it('Given full storage and an unreadable autosave, when the app opens and the user edits, then the autosave is not overwritten until it is kept', () => {
    const local = storage();
    const damaged = '{"version":1,"name":"precious", "accounts": [';
    local.setItem(AUTOSAVE_KEY, damaged);
    local.full = true;
    start(local);
    const paused = useStorageStatus.getState().unreadable;
    expect(paused).toMatchObject({ text: damaged, reason: expect.stringMatching(/^line 1, column \d+ — This is not valid JSON/) });

    addOneAccount();
    saveNow(useAppStore.getState().scenario);
    local.full = false;
    // Still paused after a save: only keeping it (or the user's word) ends the pause.
    expect(local.getItem(AUTOSAVE_KEY)).toBe(damaged);

    // Room again: the next save keeps it as an entry first, then autosaves.
    addOneAccount();
    saveNow(useAppStore.getState().scenario);
    expect(useStorageStatus.getState().unreadable).toBeUndefined();
    expect(useStorageStatus.getState().message?.text).toMatch(/now kept, exactly as it was, in Saved scenarios as “Autosave that could not be opened — .+”\. Autosave is on again\.$/);
    const kept = library().list().find((e) => e.origin === 'unreadable');
    expect(kept && library().raw(kept.id)).toBe(damaged);
    expect(JSON.parse(local.getItem(AUTOSAVE_KEY) ?? '{}').accounts).toHaveLength(2);
  });

  it('Given the pause, when keeping it still fails, then retrying says so; when the user lets it go, the autosave overwrites it', () => {
    const local = storage();
    local.setItem(AUTOSAVE_KEY, 'not json');
    local.full = true;
    start(local);
    expect(retryKeepingUnreadable()).toBe(false);
    local.full = false;
    local.map.set('filler', 'x');
    releaseUnreadable();
    expect(useStorageStatus.getState().unreadable).toBeUndefined();
    expect(local.getItem(AUTOSAVE_KEY)).toBe(JSON.stringify(useAppStore.getState().scenario));
    expect(library().list()).toEqual([]);
  });

  it('Given an autosave that fails for lack of room, then the failure is reported, and cleared by the next save that succeeds', () => {
    const local = storage();
    start(local);
    local.full = true;
    addOneAccount();
    saveNow(useAppStore.getState().scenario);
    expect(useStorageStatus.getState().autosaveFailure).toMatch(/^The latest changes could not be saved: the browser's storage for this site is full\./);
    local.full = false;
    saveNow(useAppStore.getState().scenario);
    expect(useStorageStatus.getState().autosaveFailure).toBeUndefined();
  });
});

describe('a reload of the tab brings back its own work', () => {
  it('Given this tab\'s copy and another tab\'s later autosave, when the tab reloads, then it opens its own work', () => {
    const local = storage();
    const session = storage();
    start(local, session);
    useAppStore.getState().replace(named('this tab'));
    saveNow(useAppStore.getState().scenario);
    // Another tab saves later: the shared autosave is now its work.
    local.setItem(AUTOSAVE_KEY, JSON.stringify(named('other tab')));
    expect(start(local, session).scenario?.name).toBe('this tab');
    // A new tab opens the latest autosave.
    expect(start(local, storage()).scenario?.name).toBe('other tab');
  });

  it('Given a new tab, then it is bound to the autosave\'s entry only while the entry holds what that tab left there', () => {
    const local = storage();
    start(local);
    useAppStore.getState().replace(named('v1'));
    const saved = saveCurrentAs('Mine');
    if (!saved.ok) throw new Error(saved.message);
    saveNow(useAppStore.getState().scenario);
    expect(start(local).scenario?.name).toBe('v1');
    expect(tabState().currentId).toBe(saved.value.id);
    // Someone changes “Mine” without autosaving: a new tab restores the autosave unbound.
    local.setItem(`${DATA_PREFIX}${saved.value.id}`, JSON.stringify(named('changed elsewhere')));
    start(local);
    expect(tabState().currentId).toBeUndefined();
  });
});

describe('this tab\'s entry changed or deleted elsewhere', () => {
  function bound(): { local: ReturnType<typeof storage>; id: string } {
    const local = storage();
    start(local);
    useAppStore.getState().replace(named('mine'));
    const saved = saveCurrentAs('Mine');
    if (!saved.ok) throw new Error(saved.message);
    return { local, id: saved.value.id };
  }

  it('Given another tab wrote the entry, when this tab saves, then it does not overwrite it and the conflict is raised', () => {
    const { local, id } = bound();
    const theirs = JSON.stringify(named('their version'));
    local.setItem(`${DATA_PREFIX}${id}`, theirs);
    addOneAccount();
    saveNow(useAppStore.getState().scenario);
    expect(local.getItem(`${DATA_PREFIX}${id}`)).toBe(theirs);
    expect(useStorageStatus.getState().conflict).toEqual({ id, name: 'Mine', kind: 'changed' });
  });

  it('Given the conflict, when this tab keeps its work as a copy, then both versions are kept and this tab goes on in the copy', () => {
    const { local, id } = bound();
    local.setItem(`${DATA_PREFIX}${id}`, JSON.stringify(named('their version')));
    checkCurrentEntry();
    addOneAccount();
    const r = resolveConflict('copy');
    expect(r).toMatchObject({ ok: true, message: 'This tab\'s work is saved as “Mine (this tab\'s version)”, and its changes go there from now on.' });
    const copyId = tabState().currentId ?? '';
    expect(copyId).not.toBe(id);
    const mine = library().load(copyId);
    expect(mine.ok && mine.scenario.accounts).toHaveLength(seedCrossAccount.accounts.length + 1);
    const theirs = library().load(id);
    expect(theirs.ok && theirs.scenario.name).toBe('their version');
    expect(useStorageStatus.getState().conflict).toBeUndefined();
  });

  it('Given the conflict, when this tab opens the other version, then its own work is kept as a backup first', () => {
    const { local, id } = bound();
    local.setItem(`${DATA_PREFIX}${id}`, JSON.stringify(named('their version')));
    checkCurrentEntry();
    addOneAccount();
    const r = resolveConflict('theirs');
    expect(r.ok && r.backup?.name).toMatch(/^Unsaved work before opening the other tab's “Mine” — /);
    expect(useAppStore.getState().scenario.name).toBe('their version');
    expect(tabState().currentId).toBe(id);
    addOneAccount();
    saveNow(useAppStore.getState().scenario);
    const saved = library().load(id);
    expect(saved.ok && saved.scenario.accounts).toHaveLength(seedCrossAccount.accounts.length + 1);
  });

  it('Given the entry deleted in another tab, then the conflict says so and saving it again brings it back under its name', () => {
    const { local, id } = bound();
    local.removeItem(`${DATA_PREFIX}${id}`);
    local.removeItem(`${DATA_PREFIX.replace(':data:', ':meta:')}${id}`);
    saveNow(useAppStore.getState().scenario);
    expect(useStorageStatus.getState().conflict).toEqual({ id, name: 'Mine', kind: 'deleted' });
    expect(resolveConflict('again').ok).toBe(true);
    expect(library().list().map((e) => e.name)).toEqual(['Mine']);
  });

  it('Given opening something else while the entry is in conflict, then the entry is not overwritten and the work is kept as a backup', () => {
    const { local, id } = bound();
    const theirs = JSON.stringify(named('their version'));
    local.setItem(`${DATA_PREFIX}${id}`, theirs);
    addOneAccount();
    const r = openScenario({ scenario: named('a link'), origin: 'link', what: 'a link' });
    expect(r.ok && r.backup?.origin).toBe('backup');
    expect(local.getItem(`${DATA_PREFIX}${id}`)).toBe(theirs);
  });
});

describe('storage areas', () => {
  it('Given this tab\'s state and copy, then they live in session storage, not shared with other tabs', () => {
    const local = storage();
    const session = storage();
    start(local, session);
    useAppStore.getState().replace(named('x'));
    saveCurrentAs('X');
    saveNow(useAppStore.getState().scenario);
    expect(JSON.parse(session.getItem(TAB_STATE_KEY) ?? '{}').currentId).toBe(tabState().currentId);
    expect(session.getItem(TAB_WORK_KEY)).toBe(JSON.stringify(useAppStore.getState().scenario));
    expect(local.getItem(TAB_STATE_KEY)).toBeNull();
  });
});
