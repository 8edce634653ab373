import type * as DoorModule from './door';

/** The one door (`parseScenario`) with the scenario file reader and writer: see `src/share/door.ts`. */
export type Door = typeof DoorModule;

let loading: Promise<Door> | undefined;
let loaded: Door | undefined;

/**
 * Loads the door (once). Every way a scenario comes in — the start-up restore, a link, a file, a saved
 * entry, a lesson, the example — awaits this before it reads anything; code that runs after it uses
 * `door()`.
 */
export function loadDoor(): Promise<Door> {
  loading ??= import('./door').then((m) => (loaded = m));
  return loading;
}

/**
 * The loaded door, for synchronous code on a path that awaited `loadDoor()` first (restore, open, load a
 * saved entry). Throws when it is not loaded: reading untrusted data any other way is not possible.
 */
export function door(): Door {
  if (!loaded) throw new Error('The scenario reader is not loaded yet (await loadDoor() first).');
  return loaded;
}

/** The door if it is loaded, else undefined: for code that has a safe answer without it. */
export function loadedDoor(): Door | undefined {
  return loaded;
}

/** Makes a door that is already imported the loaded one (Node: tests, the fuzz suite, benchmarks). */
export function installDoor(module: Door): void {
  loaded = module;
  loading = Promise.resolve(module);
}
