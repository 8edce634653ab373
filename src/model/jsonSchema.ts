import { z } from 'zod';
import { ScenarioSchema } from './schema';

/** The JSON Schema of the scenario format, generated from the zod schema (published at /scenario.schema.json). */
export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' });
  return (
    JSON.stringify(
      {
        ...schema,
        $id: 'https://crossaccount.app/scenario.schema.json',
        title: 'Crossaccount scenario',
        description: 'A drawn AWS cross-account access scenario: organizations, accounts, principals, resources, EventBridge rules, edges and layout.',
      },
      null,
      2,
    ) + '\n'
  );
}
