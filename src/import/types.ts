import type { EventRule, IamGroup, ManagedPolicy, OrgPolicy, Principal, Resource, Scenario } from '../model';

/**
 * The import door's vocabulary. Importers are pure functions from one file's content to a scenario
 * fragment plus notes on what they recognised, imported and skipped; the door (`importFiles`) combines the
 * fragments of every file into one scenario and passes it through `parseScenario`. No DOM: the same code
 * runs in the browser's import worker and in Node (tests, benchmarks, a command-line check).
 */

/** One file handed to the door: its name (used in every note) and its text. */
export interface ImportInput {
  readonly name: string;
  readonly text: string;
  /** The file's size in bytes as the platform reports it (checked before anything is parsed). */
  readonly bytes?: number;
}

/** How much a note matters: `error` — this part was not imported; `warning` — imported, but something is missing or assumed; `info` — worth knowing. */
export type NoteLevel = 'error' | 'warning' | 'info';

/** A located remark about a file: which file, where in it (a JSON path such as `$.RoleDetailList[3].AssumeRolePolicyDocument`), and what. */
export interface ImportNote {
  readonly level: NoteLevel;
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

/** What a file was recognised as. `format` is stable (tests, tools); `label` is for people. */
export interface Recognition {
  readonly format: string;
  readonly label: string;
}

/** Facts about an account that files may state: its name and where the name came from (the better source wins). */
export interface AccountFact {
  readonly id: string;
  readonly name?: string;
  /** How good the name is: an organization's account list beats an alias, which beats a scenario file's name. */
  readonly nameRank?: number;
}

/**
 * Facts about an organization, assembled across files (describe-organization, list-roots, list-accounts, ...).
 * `id` is absent when the file does not say which organization (an AWS managed policy's ARN names none): the
 * facts then belong to the one organization of the import.
 */
export interface OrganizationFacts {
  readonly id?: string;
  readonly managementAccountId?: string;
  readonly rootId?: string;
  /** Policy types the root reports as enabled (`list-roots` `PolicyTypes`). */
  readonly enabledTypes?: readonly OrgPolicy['type'][];
  readonly ous?: readonly { readonly id: string; readonly name: string; readonly parentId?: string }[];
  /** Member accounts, with the parent (root or OU) when the file says it. */
  readonly members?: readonly { readonly id: string; readonly parentId?: string }[];
  /** Policies: content from `describe-policy`, or only a summary from `list-policies`. */
  readonly policies?: readonly { readonly id: string; readonly name: string; readonly type: OrgPolicy['type']; readonly document?: OrgPolicy['document']; readonly awsManaged?: boolean }[];
  /** Where a policy is attached (`list-targets-for-policy`). */
  readonly targets?: readonly { readonly policyId: string; readonly targetIds: readonly string[] }[];
}

/** A value and where in its file it was read (a JSON path). */
export interface Located<T> {
  readonly value: T;
  readonly path: string;
}

/** A resource whose account a file may not say (an S3 bucket policy names no account): resolved when files are combined. */
export type ResourceDraft = Omit<Resource, 'accountId'> & { readonly accountId?: string };

/**
 * A link from one imported entity to another that may be in another file: a user's group, a managed policy
 * attached to a user, group or role, a managed policy set as a boundary. Checked once every file is combined;
 * a link to something no file holds is removed and reported where it was written.
 */
export interface Reference {
  readonly holderId: string;
  readonly kind: 'group' | 'managed-policy' | 'boundary';
  readonly targetId: string;
  readonly path: string;
  /** The holder in words: "role Deploy", "group Admins". */
  readonly holder: string;
}

/**
 * What one file contributes. Entities carry their final ids (ARNs for imported IAM entities and resources),
 * so the same entity seen in two files is recognised as one.
 */
export interface ScenarioFragment {
  readonly accounts?: readonly Located<AccountFact>[];
  readonly principals?: readonly Located<Principal>[];
  readonly groups?: readonly Located<IamGroup>[];
  readonly managedPolicies?: readonly Located<ManagedPolicy>[];
  readonly resources?: readonly Located<ResourceDraft>[];
  readonly organizations?: readonly Located<OrganizationFacts>[];
  /** EventBridge rules (a Terraform plan or CloudFormation template declares them): bus and targets by their final ids. */
  readonly rules?: readonly Located<EventRule>[];
  readonly references?: readonly Reference[];
  /** A whole scenario (a Crossaccount scenario file dropped among AWS exports). */
  readonly scenario?: Scenario;
}

/** What an importer tells about the file it read. */
export interface ImporterResult {
  readonly recognised: Recognition;
  readonly fragment: ScenarioFragment;
  readonly notes: readonly ImportNote[];
  /** What was imported, in words for people: `{ users: 12, roles: 30 }`. */
  readonly counts: Readonly<Record<string, number>>;
}

/** Context an importer may use: the file's name, and a sink for located notes. */
export interface ImportContext {
  readonly file: string;
  note(level: NoteLevel, path: string, message: string): void;
}

/**
 * One import format. `recognise` looks at the parsed JSON (and the file name) and says whether this importer
 * reads it; `read` does the work. Importers of text formats that are not JSON (a Terraform plan is JSON, a
 * CloudFormation template may be YAML) see `json` undefined and read `text`.
 */
export interface Importer {
  readonly format: string;
  readonly label: string;
  recognise(input: { readonly name: string; readonly json: unknown; readonly text: string }): boolean;
  read(input: { readonly name: string; readonly json: unknown; readonly text: string; readonly defaults?: ImportDefaults }, context: ImportContext): Omit<ImporterResult, 'notes'>;
}

/**
 * The account and Region to build in when a file does not say (a CloudFormation template deploys wherever it
 * is deployed; a plan of new resources knows no ARN yet): given once for the whole import (the command line's
 * `--account` and `--region`).
 */
export interface ImportDefaults {
  readonly account?: string;
  readonly region?: string;
}

/** The door's verdict on one file. */
export interface FileVerdict {
  readonly file: string;
  /** `imported`: everything was read; `partial`: some parts were skipped (see notes); `skipped`: nothing was taken from it. */
  readonly status: 'imported' | 'partial' | 'skipped';
  readonly recognised?: Recognition;
  readonly counts: Readonly<Record<string, number>>;
  readonly notes: readonly ImportNote[];
  /** Notes left out of `notes` to keep the report short (the first ones of each kind are kept). */
  readonly moreNotes: number;
}

/** Where the door is: for a progress bar. */
export interface ImportProgress {
  readonly phase: 'reading' | 'importing' | 'combining' | 'checking';
  /** Files done and to do (reading, importing); 1 of 1 for the last phases. */
  readonly done: number;
  readonly total: number;
  readonly file?: string;
}

/** The door's answer: a new scenario (valid: it went through `parseScenario`) or none, with every file's verdict. */
export interface ImportResult {
  readonly scenario?: Scenario;
  readonly verdicts: readonly FileVerdict[];
  /** Notes about the combination (conflicts between files, an organization assembled from parts). */
  readonly notes: readonly ImportNote[];
  /** Why there is no scenario, when there is none. */
  readonly failure?: string;
}
