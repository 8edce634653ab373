import { parseScenario } from '../model';
import { looksLikeAuthorizationDetails, readAuthorizationDetails } from './awsIam';
import {
  organizationsCommandOf,
  readAccountAliases,
  readDescribeOrganization,
  readDescribePolicy,
  readListAccounts,
  readListOus,
  readListPolicies,
  readListRoots,
  readListTargets,
} from './awsOrganizations';
import { RESOURCE_COMMANDS, readResourcePolicy, resourceCommandOf, type ResourceCommand } from './awsResources';
import { cloudFormationTemplate } from './cloudformation';
import { terraformPlan } from './terraform';
import type { ImportContext, Importer, ImporterResult, ScenarioFragment } from './types';
import { at, hintsFromFileName, isAccountId, isObject, isRegion, type FileHints, type Hints, type Json } from './values';

/**
 * The importers the door knows, tried in order: the first whose `recognise` says yes reads the file. Add a
 * format by adding an `Importer` here (as Terraform plans and CloudFormation templates are): it receives the
 * file's text and, when the text is JSON, its value, and returns a fragment with located notes.
 */

/** What a bundle file says it is (`scripts/collect-aws.sh` writes it). */
export const BUNDLE_FORMAT = 'crossaccount-aws-bundle';
export const BUNDLE_VERSION = 1;

/** Commands whose output the importers read, with how they are called (the bundle item's `command`). */
export const KNOWN_COMMANDS = [
  'iam get-account-authorization-details',
  'iam list-account-aliases',
  'organizations describe-organization',
  'organizations list-roots',
  'organizations list-organizational-units-for-parent',
  'organizations list-accounts',
  'organizations list-accounts-for-parent',
  'organizations list-policies',
  'organizations describe-policy',
  'organizations list-targets-for-policy',
  ...(Object.keys(RESOURCE_COMMANDS) as ResourceCommand[]),
] as const;

/** Errors that mean "this resource has no policy" rather than "could not read": the resource is imported without one. */
const NO_POLICY_ERRORS: Readonly<Partial<Record<string, RegExp>>> = {
  's3api get-bucket-policy': /NoSuchBucketPolicy/,
  'lambda get-policy': /ResourceNotFoundException/,
  'dynamodb get-resource-policy': /PolicyNotFoundException/,
};

type Read = { fragment: ScenarioFragment; counts: Record<string, number> };

/** Reads one command's output (a file of its own, or a bundle item at `base`). */
export function readCommand(command: string, output: unknown, ctx: ImportContext, base: string, hints: FileHints): Read | undefined {
  if (!isObject(output)) {
    ctx.note('error', base, `The output of ${command} is not a JSON object; it is skipped.`);
    return undefined;
  }
  const json: Json = output;
  switch (command) {
    case 'iam get-account-authorization-details':
      return readAuthorizationDetails(json, ctx, base, hints);
    case 'iam list-account-aliases':
      return readAccountAliases(json, ctx, base, hints);
    case 'organizations describe-organization':
      return readDescribeOrganization(json, ctx, base);
    case 'organizations list-roots':
      return readListRoots(json, ctx, base);
    case 'organizations list-organizational-units-for-parent':
      return readListOus(json, ctx, base, hints);
    case 'organizations list-accounts':
      return readListAccounts(json, ctx, base, hints, false);
    case 'organizations list-accounts-for-parent':
      return readListAccounts(json, ctx, base, hints, true);
    case 'organizations list-policies':
      return readListPolicies(json, ctx, base);
    case 'organizations describe-policy':
      return readDescribePolicy(json, ctx, base);
    case 'organizations list-targets-for-policy':
      return readListTargets(json, ctx, base, hints);
    default:
      if (command in RESOURCE_COMMANDS) return readResourcePolicy(command as ResourceCommand, json, ctx, base, hints);
      ctx.note('warning', base, `${command} is not a command this app reads; the item is skipped.`);
      return undefined;
  }
}

/** Adds `b` into `a`: fragments' lists concatenated, counts summed. */
function merge(into: { fragment: ScenarioFragment; counts: Record<string, number> }, part: Read | undefined): void {
  if (!part) return;
  const f = into.fragment as Record<string, unknown[] | undefined>;
  for (const [k, v] of Object.entries(part.fragment)) {
    if (Array.isArray(v)) f[k] = [...(f[k] ?? []), ...v];
  }
  for (const [k, n] of Object.entries(part.counts)) into.counts[k] = (into.counts[k] ?? 0) + n;
}

/** A bundle item's hints: its account, Region and arguments, when well-formed. */
function itemHints(item: Json, ctx: ImportContext, path: string): Hints {
  const args: Record<string, string> = {};
  if (isObject(item['args'])) {
    for (const [k, v] of Object.entries(item['args'])) if (typeof v === 'string' && v.length <= 2048) Object.defineProperty(args, k, { value: v, enumerable: true });
  }
  const account = item['account'];
  const region = item['region'];
  if (account !== undefined && !isAccountId(account)) ctx.note('warning', at(path, 'account'), 'The item\'s account is not a 12-digit id; it is ignored.');
  if (region !== undefined && !isRegion(region)) ctx.note('warning', at(path, 'region'), 'The item\'s region is not a Region code; it is ignored.');
  return { source: 'the bundle item', args, ...(isAccountId(account) ? { account } : {}), ...(isRegion(region) ? { region } : {}) };
}

/** Reads one bundle item (or a single wrapped output), at `path`. */
function readItem(item: unknown, ctx: ImportContext, path: string): Read | undefined {
  if (!isObject(item) || typeof item['command'] !== 'string') {
    ctx.note('warning', path, 'An item without a command is skipped.');
    return undefined;
  }
  const command = item['command'].trim().replace(/\s+/g, ' ').replace(/^aws /, '');
  const hints = itemHints(item, ctx, path);
  if (typeof item['error'] === 'string') {
    if (NO_POLICY_ERRORS[command]?.test(item['error'])) return readCommand(command, {}, ctx, path, hints);
    ctx.note('warning', at(path, 'error'), `The collection could not run ${command}${hints.args && Object.keys(hints.args).length > 0 ? ` (${Object.entries(hints.args).map(([k, v]) => `--${k} ${v}`).join(' ')})` : ''}: ${item['error'].slice(0, 300)}`);
    return undefined;
  }
  return readCommand(command, item['output'], ctx, at(path, 'output'), hints);
}

const bundle: Importer = {
  format: 'aws-bundle',
  label: 'AWS collection bundle (scripts/collect-aws.sh)',
  recognise: ({ json }) => isObject(json) && ((json['format'] === BUNDLE_FORMAT && Array.isArray(json['items'])) || (typeof json['command'] === 'string' && ('output' in json || 'error' in json))),
  read: ({ json }, ctx) => {
    const out = { fragment: {} as ScenarioFragment, counts: {} as Record<string, number> };
    const doc = json as Json;
    if (doc['format'] !== BUNDLE_FORMAT) {
      merge(out, readItem(doc, ctx, '$'));
      return { recognised: { format: 'aws-wrapped-output', label: `${String(doc['command'])} output, wrapped` }, ...out };
    }
    if (typeof doc['version'] === 'number' && doc['version'] > BUNDLE_VERSION) ctx.note('warning', '$.version', `The bundle is version ${doc['version']}; this app reads version ${BUNDLE_VERSION}. What it understands is imported.`);
    const items = doc['items'] as unknown[];
    items.forEach((item, i) => merge(out, readItem(item, ctx, at('$.items', i))));
    // Entities listed by several items (an AWS managed policy in every account that attaches it) count once.
    const unique = <T extends { readonly value: { readonly id: string } }>(list: readonly T[] | undefined, keep: (x: T) => boolean = () => true): number => new Set((list ?? []).filter(keep).map((x) => x.value.id)).size;
    const f = out.fragment;
    if (out.counts['AWS managed policies'] !== undefined) out.counts['AWS managed policies'] = unique(f.managedPolicies, (m) => m.value.accountId === undefined);
    if (out.counts['customer managed policies'] !== undefined) out.counts['customer managed policies'] = unique(f.managedPolicies, (m) => m.value.accountId !== undefined);
    const accounts = new Set((out.fragment.accounts ?? []).map((a) => a.value.id));
    return { recognised: { format: 'aws-bundle', label: `AWS collection bundle: ${items.length} item${items.length === 1 ? '' : 's'}, ${accounts.size} account${accounts.size === 1 ? '' : 's'}` }, ...out };
  },
};

const authorizationDetails: Importer = {
  format: 'aws-iam-authorization-details',
  label: 'IAM authorization details (aws iam get-account-authorization-details)',
  recognise: ({ json }) => looksLikeAuthorizationDetails(json),
  read: ({ json, name }, ctx) => {
    const r = readAuthorizationDetails(json as Json, ctx, '$', hintsFromFileName(name));
    const account = r.fragment.accounts?.[0]?.value.id;
    return { recognised: { format: 'aws-iam-authorization-details', label: `IAM authorization details${account ? ` of account ${account}` : ''}` }, ...r };
  },
};

const COMMAND_LABELS: Readonly<Record<string, string>> = {
  'iam list-account-aliases': 'IAM account alias (aws iam list-account-aliases)',
  'organizations describe-organization': 'AWS Organizations: the organization (describe-organization)',
  'organizations list-roots': 'AWS Organizations: roots (list-roots)',
  'organizations list-organizational-units-for-parent': 'AWS Organizations: OUs of a parent (list-organizational-units-for-parent)',
  'organizations list-accounts': 'AWS Organizations: accounts (list-accounts)',
  'organizations list-policies': 'AWS Organizations: policy summaries (list-policies)',
  'organizations describe-policy': 'AWS Organizations: a policy (describe-policy)',
  'organizations list-targets-for-policy': 'AWS Organizations: where a policy is attached (list-targets-for-policy)',
  's3api get-bucket-policy': 'S3 bucket policy (aws s3api get-bucket-policy)',
  'sns get-topic-attributes': 'SNS topic attributes (aws sns get-topic-attributes)',
  'sqs get-queue-attributes': 'SQS queue attributes (aws sqs get-queue-attributes)',
  'lambda get-policy': 'Lambda function policy (aws lambda get-policy)',
  'kms get-key-policy': 'KMS key policy (aws kms get-key-policy)',
  'events describe-event-bus': 'EventBridge event bus (aws events describe-event-bus)',
  'dynamodb get-resource-policy': 'DynamoDB resource policy (aws dynamodb get-resource-policy)',
  'apigateway get-rest-api': 'API Gateway REST API (aws apigateway get-rest-api)',
};

/** A raw command output, recognised by its shape; the file name supplies what the output does not say. */
const rawOutput: Importer = {
  format: 'aws-output',
  label: 'AWS CLI output (Organizations or a resource policy)',
  recognise: ({ json }) => organizationsCommandOf(json) !== undefined || resourceCommandOf(json) !== undefined,
  read: ({ json, name }, ctx) => {
    const command = organizationsCommandOf(json) ?? (resourceCommandOf(json) as string);
    const hints = hintsFromFileName(name);
    // list-accounts and list-accounts-for-parent answer alike: a parent in the file name means the latter.
    const which = command === 'organizations list-accounts' && hints.parentId ? 'organizations list-accounts-for-parent' : command;
    const out = { fragment: {} as ScenarioFragment, counts: {} as Record<string, number> };
    merge(out, readCommand(which, json, ctx, '$', hints));
    return { recognised: { format: `aws-output:${which}`, label: COMMAND_LABELS[which] ?? COMMAND_LABELS[command] ?? which }, ...out };
  },
};

/** A Crossaccount scenario file among the files: its scenario joins the import as it is. */
const scenarioFile: Importer = {
  format: 'crossaccount-scenario',
  label: 'Crossaccount scenario file',
  recognise: ({ json }) => isObject(json) && typeof json['version'] === 'number' && ['accounts', 'principals', 'resources', 'organizations', 'name'].some((k) => k in json),
  read: ({ json }, ctx): Omit<ImporterResult, 'notes'> => {
    const r = parseScenario(json);
    if (!r.ok) {
      for (const e of r.errors.slice(0, 50)) ctx.note('error', e.path, e.message);
      return { recognised: { format: 'crossaccount-scenario', label: 'Crossaccount scenario file (not valid)' }, fragment: {}, counts: {} };
    }
    const s = r.scenario;
    if (r.migratedFrom !== undefined) ctx.note('info', '$.version', `Made with scenario format version ${r.migratedFrom}; brought up to date.`);
    return {
      recognised: { format: 'crossaccount-scenario', label: `Crossaccount scenario “${s.name}”` },
      fragment: { scenario: s },
      counts: { accounts: s.accounts.length, principals: s.principals.length, resources: s.resources.length, edges: s.edges.length },
    };
  },
};

/** Every importer, in the order they are tried. */
export const IMPORTERS: readonly Importer[] = [bundle, scenarioFile, authorizationDetails, rawOutput, terraformPlan, cloudFormationTemplate];
