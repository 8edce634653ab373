import type { Scenario } from './schema';

/**
 * The model's constants and the empty scenario, without zod: the canvas, the store and edits use these, so
 * the first picture does not load the schema and its validation library, which only the one door
 * (`parseScenario`) and the file and link writers need (loaded on demand, see README "Initial JavaScript").
 * `schema.ts` builds its validators from these.
 */

/** Longest string accepted anywhere in a scenario. */
export const MAX_STRING_LENGTH = 100_000;

/** A 12-digit AWS account id. */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
/** An AWS Region code: us-east-1, eu-central-2, us-gov-west-1. */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;
/** An IAM path: starts and ends with "/" (IAM User Guide, "IAM identifiers"). */
export const IAM_PATH_PATTERN = /^\/(.*\/)?$/;

/**
 * The stage, HTTP method and path EventBridge invokes on an API Gateway target, as they appear after the API
 * id in its ARN (`prod/POST/orders`, `prod/GET/` for the root path): an API Gateway target is an endpoint
 * ARN `arn:aws:execute-api:REGION:ACCOUNT:API_ID/STAGE/METHOD/PATH` (EventBridge User Guide: "Amazon API
 * Gateway targets for rules in Amazon EventBridge"). Concrete values only: the invoked endpoint has no
 * wildcards.
 */
export const API_INVOKE_PATH = /^[A-Za-z0-9_-]+\/(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\/[^\s*?]*$/;
export const API_INVOKE_PATH_MESSAGE = 'Write stage/METHOD/path, e.g. prod/POST/orders (prod/GET/ for the root path), without wildcards';

/** The scenario format's version: `parseScenario` migrates older documents to it and refuses newer ones. */
export const CURRENT_SCENARIO_VERSION = 2;

/** A new, empty scenario. */
export function emptyScenario(name = 'Untitled scenario'): Scenario {
  return { version: CURRENT_SCENARIO_VERSION, name, organizations: [], accounts: [], principals: [], groups: [], managedPolicies: [], resources: [], rules: [], edges: [], layout: { nodes: {} } };
}
