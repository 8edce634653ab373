import { describe, expect, it } from 'vitest';
import { DOORS } from './doors';
import { fuzzDoor } from './run';

/**
 * A seeded sample of the fuzz suite (`npm run fuzz` runs 2,000 inputs per door): every door of untrusted data
 * answers each hostile input with a result or a clear error, never an exception, within its CPU-time bound.
 */
describe('fuzz: every door answers hostile input with a result or a clear error', () => {
  for (const door of DOORS) {
    it(`Given 60 seeded hostile inputs for the ${door.name}, then each gets a result or a clear error, none throws and none runs past ${door.cpuBudgetMs} ms of CPU`, { timeout: 180_000 }, () => {
      const report = fuzzDoor(door, 60, 20_261_207);
      expect(report.failures).toEqual([]);
      expect(report.passed).toBe(60);
    });
  }
});
