/**
 * Access analysis: who can reach what across a whole scenario, through role chains, and what a zone of trust
 * exposes — computed with the engine's own decisions (see `analyze.ts`). Pure TypeScript; it runs in the
 * evaluation worker.
 */
export { AccessAnalysis, AnalysisJob, analyzeAccess, type AnalysisOptions, type Grant } from './analyze';
export type { ActionClass, ActionLists } from './actionClasses';
export { accessMatrix, DEFAULT_MAX_DEPTH, findingsFor, matrixCsv, pathTo, subjectInZone, whatCanReach, whoCanReach } from './queries';
export type * from './types';
