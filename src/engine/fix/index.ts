/**
 * Fix analyses: pure functions over a scenario and the engine's typed decisions, run in the evaluation
 * worker. Proposals for a denied edge (and for an edge that should be denied) with their side effects,
 * least-privilege identity policies, and what-if comparisons of two versions of a scenario.
 */
export { proposeFixes } from './propose';
export { edgeChanges, previewScenario } from './preview';
export { leastPrivilege } from './leastPrivilege';
export { compareScenarios } from './whatIf';
export { sideBySide, policyText } from './diff';
export type * from './types';
