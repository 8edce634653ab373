import { describe, expect, it, vi } from 'vitest';

describe('the door loaded on demand', () => {
  it('Given nothing has loaded the door, when code reads through door(), then it is told to await loadDoor() first; after loadDoor() it reads', async () => {
    // A fresh copy of the loader: the test setup installs the door in the shared one.
    vi.resetModules();
    const loader = await import('./doorLoader');
    expect(loader.loadedDoor()).toBeUndefined();
    expect(() => loader.door()).toThrow(/await loadDoor\(\) first/);
    const door = await loader.loadDoor();
    expect(loader.door()).toBe(door);
    expect(await loader.loadDoor()).toBe(door);
    const read = door.readScenarioFile('{"version": 2, "accounts": [{"id": "1", "name": "A"}]}');
    expect(read.ok).toBe(false);
  });
});
