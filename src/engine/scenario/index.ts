export { buildWorld, type ScenarioWorld } from './buildWorld';
export { evaluateScenario, explainStep, type EdgeEvaluation, type EdgeStatus, type EvaluatedStep, type EvaluateOptions, type ScenarioEvaluation } from './evaluateScenario';
export { actionResourceArn, DEFAULT_SESSION_NAME, EVENTS_PRINCIPAL } from './requests';
export { impliedEdges, type ImpliedEdge, type ImpliedEdges, type ImpliedOptions, type ImpliedProvenance, type OutsidePrincipal } from './impliedEdges';
