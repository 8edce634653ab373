import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from './jsonSchema';

describe('published JSON Schema', () => {
  it('Given the zod schema, then public/scenario.schema.json matches it (run `npm run schema` when this fails)', () => {
    const published = readFileSync(new URL('../../public/scenario.schema.json', import.meta.url), 'utf8');
    expect(published, 'public/scenario.schema.json is stale: run `npm run schema`').toBe(scenarioJsonSchema());
  });
});
