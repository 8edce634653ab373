import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { autoLayout } from '../graph/layout';
import { LESSONS } from '.';
import { LESSON_LAYOUTS } from './layouts';

const elk = new ELK();

describe('lesson layouts', () => {
  for (const lesson of LESSONS) {
    it(`Given the lesson "${lesson.id}", when laid out by the app's auto-layout, then its stored positions are exactly those (run \`npm run lessons:layout\` after changing a lesson)`, async () => {
      expect(LESSON_LAYOUTS[lesson.id]).toBeDefined();
      expect(lesson.scenario.layout.nodes).toEqual(LESSON_LAYOUTS[lesson.id]);
      expect(await autoLayout(lesson.scenario, elk)).toEqual(LESSON_LAYOUTS[lesson.id]);
    }, 30_000);
  }
});
