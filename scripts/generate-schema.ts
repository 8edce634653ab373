/** Writes public/scenario.schema.json from the zod schema: `npm run schema`. */
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../src/model/jsonSchema';

writeFileSync(new URL('../public/scenario.schema.json', import.meta.url), scenarioJsonSchema());
console.log('wrote public/scenario.schema.json');
