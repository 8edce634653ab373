/**
 * Importing real AWS data: pure functions from files' text to one new scenario (through `parseScenario`),
 * with a verdict per file. No DOM, no UI: the browser runs it in the import worker, Node in tests and tools.
 */
export * from './types';
export { importFiles, MAX_IMPORT_FILE_BYTES, MAX_IMPORT_TOTAL_BYTES, type ImportOptions } from './door';
export { IMPORTERS, BUNDLE_FORMAT, BUNDLE_VERSION, KNOWN_COMMANDS } from './importers';
export { combine } from './combine';
export { parseTemplateText } from './cloudformation';
export { STAND_IN_ACCOUNT } from './standIn';
export { firstPicture, DRAW_ALL_UP_TO } from './picture';
