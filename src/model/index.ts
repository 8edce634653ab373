/**
 * The scenario model: one zod-defined source of truth, ARNs, and the one door for untrusted data.
 * Pure TypeScript: no React, React Flow, zustand or DOM.
 */
export * from './schema';
export * from './constants';
export * from './arn';
export * from './resourceTypes';
export { parseScenario, MAX_ENTITIES, type ParseResult, type ScenarioError } from './parse';
export { migrate, MIGRATIONS } from './migrations';
export * from './edit';
export * from './drawn';
export { compactScenario } from './compact';
export * from './find';
