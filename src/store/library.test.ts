import { beforeEach, describe, expect, it } from 'vitest';
import { emptyScenario, type Scenario } from '../model';
import { seedCrossAccount } from '../model/fixtures/seedCrossAccount';
import { createLibrary, fingerprint, isEmptyScenario, library, LIBRARY_PREFIX, openScenario, sameScenario, saveCurrentAs, setLibraryStorage, setTabState, tabState, useLibrary, type StorageLike } from './library';
import { useAppStore } from './store';

/** An in-memory Web Storage with an optional quota (in characters), like the browser's. */
function memoryStorage(quota = Infinity): StorageLike & { map: Map<string, string> } {
  const map = new Map<string, string>();
  const used = () => [...map].reduce((n, [k, v]) => n + k.length + v.length, 0);
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => {
      if (used() - (map.get(k)?.length ?? 0) + v.length + k.length > quota) {
        const e = new Error('The quota has been exceeded.');
        e.name = 'QuotaExceededError';
        throw e;
      }
      map.set(k, v);
    },
    removeItem: (k) => void map.delete(k),
  };
}

const named = (name: string): Scenario => ({ ...seedCrossAccount, name });

describe('saved scenarios: list, open, rename, duplicate, delete', () => {
  it('Given two saved scenarios, then the list has both, newest first', () => {
    let t = 1000;
    const lib = createLibrary(memoryStorage(), () => t++);
    lib.save(named('first'), 'First');
    lib.save(named('second'), 'Second');
    expect(lib.list().map((e) => e.name)).toEqual(['Second', 'First']);
  });

  it('Given a saved scenario, when opened, then it goes through parseScenario and comes back equal', () => {
    const lib = createLibrary(memoryStorage());
    const r = lib.save(seedCrossAccount, 'Seed');
    expect(r.ok && lib.load(r.value.id)).toEqual({ ok: true, scenario: seedCrossAccount, fingerprint: fingerprint(seedCrossAccount) });
  });

  it('Given an entry, when renamed, duplicated and deleted, then the list follows', () => {
    const lib = createLibrary(memoryStorage());
    const r = lib.save(seedCrossAccount, 'Seed');
    if (!r.ok) throw new Error(r.message);
    expect(lib.rename(r.value.id, '  Design review  ').ok).toBe(true);
    expect(lib.rename(r.value.id, '   ')).toMatchObject({ ok: false, message: 'A name cannot be empty.' });
    const copy = lib.duplicate(r.value.id);
    expect(copy.ok && copy.value.name).toBe('Design review (copy)');
    expect(lib.list().map((e) => e.name).sort()).toEqual(['Design review', 'Design review (copy)']);
    lib.remove(r.value.id);
    expect(lib.list().map((e) => e.name)).toEqual(['Design review (copy)']);
  });

  it('Given an entry, when updated with the same scenario, then nothing is rewritten', () => {
    let t = 1;
    const lib = createLibrary(memoryStorage(), () => t++);
    const r = lib.save(seedCrossAccount, 'Seed');
    if (!r.ok) throw new Error(r.message);
    const before = lib.list()[0]?.updatedAt;
    lib.update(r.value.id, seedCrossAccount);
    expect(lib.list()[0]?.updatedAt).toBe(before);
    lib.update(r.value.id, named('changed'));
    expect(lib.list()[0]?.updatedAt).toBeGreaterThan(before ?? 0);
  });
});

describe('saved scenarios: damage and limits', () => {
  it('Given an entry whose stored JSON is corrupt, when opened, then a located error comes back and the entry is kept', () => {
    const storage = memoryStorage();
    const lib = createLibrary(storage);
    const r = lib.save(seedCrossAccount, 'Seed');
    if (!r.ok) throw new Error(r.message);
    storage.setItem(`${LIBRARY_PREFIX}data:${r.value.id}`, '{"version":1,"accounts":[{"id":"12"}]}');
    const loaded = lib.load(r.value.id);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems[0]).toMatchObject({ path: '$.accounts[0].id', location: { line: 1 } });
    expect(lib.list().map((e) => e.id)).toEqual([r.value.id]);
    expect(lib.raw(r.value.id)).toContain('"12"');
  });

  it('Given an entry damaged into thousands of nested brackets, when opened, then it is one located problem, never a stack overflow, and the entry is kept', () => {
    const storage = memoryStorage();
    const lib = createLibrary(storage);
    const r = lib.save(seedCrossAccount, 'Seed');
    if (!r.ok) throw new Error(r.message);
    storage.setItem(`${LIBRARY_PREFIX}data:${r.value.id}`, '['.repeat(8_000));
    const loaded = lib.load(r.value.id);
    expect(loaded).toMatchObject({ ok: false, problems: [{ location: { line: 1, column: 65 }, message: 'The scenario text is nested deeper than 64 levels here; no scenario nests that deep.' }] });
    expect(lib.raw(r.value.id)).toBe('['.repeat(8_000));
  });

  it('Given unreadable details (meta), then the entry is still listed with a problem', () => {
    const storage = memoryStorage();
    const lib = createLibrary(storage);
    const r = lib.save(seedCrossAccount, 'Seed');
    if (!r.ok) throw new Error(r.message);
    storage.setItem(`${LIBRARY_PREFIX}meta:${r.value.id}`, 'not json');
    expect(lib.list()[0]).toMatchObject({ id: r.value.id, problem: 'Its name and dates could not be read.' });
  });

  it('Given full storage, when saving, then it says so and leaves no half-written entry', () => {
    const storage = memoryStorage(200);
    const lib = createLibrary(storage);
    const r = lib.save(seedCrossAccount, 'Seed');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/storage for this site is full/);
    expect(storage.map.size).toBe(0);
  });

  it('Given other keys in storage, then only library keys are listed', () => {
    const storage = memoryStorage();
    storage.setItem('crossaccount:autosave', '{}');
    expect(createLibrary(storage).list()).toEqual([]);
  });
});

describe('opening never overwrites unsaved work', () => {
  beforeEach(() => {
    for (const e of library().list()) library().remove(e.id);
    setTabState({});
    useAppStore.getState().replace(emptyScenario());
    useAppStore.temporal.getState().clear();
    useLibrary.getState().refresh();
  });

  it('Given an empty canvas, when a link is opened, then no backup is made', () => {
    const r = openScenario({ scenario: seedCrossAccount, origin: 'link', what: 'a link' });
    expect(r).toEqual({ ok: true });
    expect(useAppStore.getState().scenario).toBe(seedCrossAccount);
  });

  it('Given drawn work that was never saved, when a link is opened, then the work is saved first and can be opened again', () => {
    const mine = named('my design');
    useAppStore.getState().replace(mine);
    const r = openScenario({ scenario: seedCrossAccount, origin: 'link', what: 'a link' });
    expect(r.ok && r.backup?.name).toMatch(/^Unsaved work before opening a link — /);
    const id = r.ok ? r.backup?.id : undefined;
    expect(id && library().load(id)).toMatchObject({ ok: true, scenario: mine });
    expect(useLibrary.getState().entries.map((e) => e.origin)).toEqual(['backup']);
  });

  it('Given work unchanged since it was opened, when something else is opened, then no backup is made', () => {
    openScenario({ scenario: named('lesson'), origin: 'lesson', what: 'a lesson', lessonId: 'x' });
    const r = openScenario({ scenario: seedCrossAccount, origin: 'link', what: 'a link' });
    expect(r).toEqual({ ok: true });
    expect(tabState().lessonId).toBeUndefined();
  });

  it('Given a saved scenario being edited, when a link is opened, then the entry is brought up to date instead of a backup', () => {
    useAppStore.getState().replace(named('v1'));
    const saved = saveCurrentAs('Mine');
    if (!saved.ok) throw new Error(saved.message);
    useAppStore.getState().edit((s) => ({ ...s, name: 'v2' }));
    const r = openScenario({ scenario: seedCrossAccount, origin: 'link', what: 'a link' });
    expect(r).toEqual({ ok: true });
    const loaded = library().load(saved.value.id);
    expect(loaded.ok && loaded.scenario.name).toBe('v2');
    expect(tabState().currentId).toBeUndefined();
  });

  it('Given unsaved work and full storage, when a link is opened, then nothing changes and the caller is told', () => {
    const mine = named('my design');
    useAppStore.getState().replace(mine);
    setLibraryStorage(memoryStorage(100));
    try {
      const r = openScenario({ scenario: seedCrossAccount, origin: 'link', what: 'a link' });
      expect(r).toMatchObject({ ok: false, reason: 'backup-failed' });
      expect(useAppStore.getState().scenario).toBe(mine);
      const forced = openScenario({ scenario: seedCrossAccount, origin: 'link', what: 'a link', discardUnsaved: true });
      expect(forced.ok).toBe(true);
    } finally {
      setLibraryStorage(memoryStorage());
    }
  });

  it('Given a link opened with keepAs, then it becomes a saved entry and the current one', () => {
    const r = openScenario({ scenario: named('shared'), origin: 'link', what: 'a link', keepAs: 'shared' });
    expect(r.ok && r.kept?.origin).toBe('link');
    expect(tabState().currentId).toBe(r.ok ? r.kept?.id : 'none');
    useAppStore.getState().edit((s) => ({ ...s, name: 'shared, edited' }));
    // Opening something else: the link's entry is brought up to date instead of a backup.
    const next = openScenario({ scenario: seedCrossAccount, origin: 'link', what: 'a link' });
    expect(next.ok && next.backup).toBeUndefined();
    const id = r.ok ? r.kept?.id : undefined;
    const loaded = id ? library().load(id) : undefined;
    expect(loaded?.ok && loaded.scenario.name).toBe('shared, edited');
  });

  it('Given drawn work never saved, when a link to the very same scenario is opened, then no copy of "unsaved work" is filed', () => {
    useAppStore.getState().replace(named('my design'));
    // The link's copy went through JSON and parseScenario: its keys come back in another order.
    const fromLink = JSON.parse(JSON.stringify(named('my design'), (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v))) as Scenario;
    const r = openScenario({ scenario: fromLink, origin: 'link', what: 'a link', keepAs: 'my design' });
    expect(r.ok && r.backup).toBeUndefined();
    expect(r.ok && r.unchanged).toBe(true);
    expect(useLibrary.getState().entries.map((e) => e.origin)).toEqual(['link']);
  });

  it('Given a saved scenario open, when a link to the same scenario is opened, then neither a backup nor a second entry is made: the saved one stays current', () => {
    useAppStore.getState().replace(named('mine'));
    const saved = saveCurrentAs('Mine');
    if (!saved.ok) throw new Error(saved.message);
    const r = openScenario({ scenario: named('mine'), origin: 'link', what: 'a link', keepAs: 'mine' });
    expect(r).toMatchObject({ ok: true, unchanged: true, current: { id: saved.value.id, name: 'Mine' } });
    expect(r.ok && (r.backup ?? r.kept)).toBeUndefined();
    expect(useLibrary.getState().entries.map((e) => e.name)).toEqual(['Mine']);
    expect(tabState().currentId).toBe(saved.value.id);
  });

  it('Given work that differs only in a position, when the link is opened, then the work is kept first', () => {
    useAppStore.getState().replace(named('mine'));
    const moved = { ...named('mine'), layout: { nodes: { ...seedCrossAccount.layout.nodes, alice: { x: 17, y: 152 } } } };
    const r = openScenario({ scenario: moved, origin: 'link', what: 'a link' });
    expect(r.ok && r.backup?.name).toMatch(/^Unsaved work before opening a link/);
    expect(sameScenario(named('mine'), moved)).toBe(false);
  });

  it('Given opened content, then undo cannot go back past it', () => {
    useAppStore.getState().replace(named('before'));
    useAppStore.getState().edit((s) => ({ ...s, name: 'edited' }));
    openScenario({ scenario: seedCrossAccount, origin: 'link', what: 'a link' });
    expect(useAppStore.temporal.getState().pastStates).toEqual([]);
  });

  it('Given the scenario fingerprint, then it changes with the content', () => {
    expect(fingerprint(seedCrossAccount)).toBe(fingerprint(JSON.parse(JSON.stringify(seedCrossAccount)) as Scenario));
    expect(fingerprint(named('x'))).not.toBe(fingerprint(named('y')));
    expect(isEmptyScenario(emptyScenario())).toBe(true);
  });
});
