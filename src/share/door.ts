/**
 * The one door and what reads and writes through it, as one module loaded on demand
 * (`src/share/doorLoader.ts`): `parseScenario` (zod), the file reader with located errors (jsonc-parser)
 * and the compact writer. The first picture does not need them — an empty canvas is drawn before anything
 * is read — so they are not part of the initial JavaScript; start-up awaits them only when there is stored
 * work or a link to read.
 */
export { compactScenario, parseScenario } from '../model';
export { readScenarioFile, serializeScenario } from './file';
