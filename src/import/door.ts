import { MAX_ENTITIES, parseScenario, type Scenario } from '../model';
import { parseJsonText } from '../share/json';
import { combine, type Origin, type Part } from './combine';
import { IMPORTERS } from './importers';
import type { FileVerdict, ImportContext, ImportDefaults, ImportInput, ImportNote, ImportProgress, ImportResult, Importer, NoteLevel } from './types';

/**
 * The import door: files in, one new scenario out, through `parseScenario` like every other way in. Each file
 * gets a verdict — recognised as what, imported how much, skipped what and why, located by file and JSON
 * path. Nothing here throws or touches the DOM: a file that breaks an importer is reported, never fatal.
 */

/** Largest file read (an authorization-details file of a large account is tens of MB). */
export const MAX_IMPORT_FILE_BYTES = 128 * 1024 * 1024;
/** Largest total of one import. */
export const MAX_IMPORT_TOTAL_BYTES = 512 * 1024 * 1024;
/** Notes kept per file; more are counted (`FileVerdict.moreNotes`). */
const NOTES_PER_FILE = 200;

export interface ImportOptions {
  readonly onProgress?: (progress: ImportProgress) => void;
  /** The date written into the scenario's description (tests pass a fixed one). */
  readonly now?: Date;
  /** Importers to use (the default set; tests and tools may pass others). */
  readonly importers?: readonly Importer[];
  /** The account and Region for files that do not say (Terraform plans, CloudFormation templates). */
  readonly defaults?: ImportDefaults;
}

/** FNV-1a of a text: part of a file's sort key, so two files of one name still combine in a fixed order. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  const step = Math.max(1, Math.floor(text.length / 65536));
  for (let i = 0; i < text.length; i += step) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${text.length.toString(36).padStart(10, '0')}${(h >>> 0).toString(36)}`;
}

const LEVEL_ORDER: Record<NoteLevel, number> = { error: 0, warning: 1, info: 2 };

/** The first notes of a file, errors first, and how many more there were. */
function keep(notes: readonly ImportNote[]): { notes: ImportNote[]; more: number } {
  const sorted = [...notes].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
  return { notes: sorted.slice(0, NOTES_PER_FILE), more: Math.max(0, sorted.length - NOTES_PER_FILE) };
}

/** How many entities a scenario holds, as `parseScenario` counts them against its limit. */
function entityCount(s: Scenario): number {
  return s.accounts.length + s.principals.length + s.groups.length + s.managedPolicies.length + s.resources.length + s.rules.length + s.edges.length + s.organizations.length + s.rules.reduce((n, r) => n + r.targets.length, 0) + s.organizations.reduce((n, o) => n + o.ous.length + o.policies.length, 0);
}

/** The collection of the scenario a `parseScenario` error path names, and the index in it (`$.principals[12].name` → principals, 12). */
function entityOfError(path: string): { part: keyof Scenario; index: number } | undefined {
  const m = /^\$\.(organizations|accounts|principals|groups|managedPolicies|resources|rules|edges)\[(\d+)\]/.exec(path);
  return m ? { part: m[1] as keyof Scenario, index: Number(m[2]) } : undefined;
}

/**
 * Imports files into one new scenario. The files may come in any order and hold any mix of the formats the
 * importers read; what they say about the same entity is combined (see `combine`). The scenario is checked by
 * `parseScenario`; should an entity still fail there, it is left out and reported, and the rest is kept.
 */
export function importFiles(inputs: readonly ImportInput[], options: ImportOptions = {}): ImportResult {
  const progress = options.onProgress ?? (() => undefined);
  const importers = options.importers ?? IMPORTERS;
  const verdicts: FileVerdict[] = [];
  const parts: Part[] = [];
  const total = inputs.reduce((n, f) => n + (f.bytes ?? f.text.length), 0);
  if (total > MAX_IMPORT_TOTAL_BYTES) {
    return {
      verdicts: inputs.map((f) => ({ file: f.name, status: 'skipped', counts: {}, notes: [], moreNotes: 0 })),
      notes: [],
      failure: `The files add up to ${(total / 1048576).toFixed(0)} MB; at most ${MAX_IMPORT_TOTAL_BYTES / 1048576} MB are imported at once. Import fewer files at a time.`,
    };
  }

  inputs.forEach((input, i) => {
    progress({ phase: 'importing', done: i, total: inputs.length, file: input.name });
    const notes: ImportNote[] = [];
    const ctx: ImportContext = { file: input.name, note: (level, path, message) => void notes.push({ level, file: input.name, path, message }) };
    const skip = (message: string, path = '$'): void => {
      ctx.note('error', path, message);
      const kept = keep(notes);
      verdicts.push({ file: input.name, status: 'skipped', counts: {}, notes: kept.notes, moreNotes: kept.more });
    };
    const bytes = input.bytes ?? input.text.length;
    if (bytes > MAX_IMPORT_FILE_BYTES) return skip(`The file is ${(bytes / 1048576).toFixed(1)} MB; files of at most ${MAX_IMPORT_FILE_BYTES / 1048576} MB are imported.`);
    // A UTF-8 byte-order mark is not JSON, but editors and PowerShell write one.
    const text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
    if (text.trim() === '') return skip('The file is empty.');
    let json: unknown;
    try {
      const parsed = parseJsonText(text);
      if (parsed.ok) {
        json = parsed.value;
        if (parsed.droppedProtoKeys > 0) ctx.note('warning', '$', `${parsed.droppedProtoKeys} key${parsed.droppedProtoKeys === 1 ? '' : 's'} named __proto__ ${parsed.droppedProtoKeys === 1 ? 'was' : 'were'} dropped.`);
      } else if (!importers.some((imp) => imp.recognise({ name: input.name, json: undefined, text }))) {
        return skip(`This is not JSON${parsed.location ? ` (line ${parsed.location.line}, column ${parsed.location.column})` : ''}: ${parsed.message}.`);
      }
    } catch (error) {
      return skip(`This file could not be read as JSON: ${error instanceof Error ? error.message : String(error)}.`);
    }
    const importer = importers.find((imp) => {
      try {
        return imp.recognise({ name: input.name, json, text });
      } catch {
        return false;
      }
    });
    if (!importer) {
      return skip('This file is not a format this app imports: an AWS CLI output (get-account-authorization-details, Organizations, a resource policy), a bundle from scripts/collect-aws.sh, a Terraform plan (terraform show -json), a CloudFormation template (JSON or YAML), or a Crossaccount scenario.');
    }
    try {
      const r = importer.read({ name: input.name, json, text, ...(options.defaults ? { defaults: options.defaults } : {}) }, ctx);
      const imported = Object.values(r.counts).some((n) => n > 0);
      const kept = keep(notes);
      const partial = notes.some((n) => n.level === 'error' || n.level === 'warning');
      verdicts.push({ file: input.name, status: !imported ? 'skipped' : partial ? 'partial' : 'imported', recognised: r.recognised, counts: r.counts, notes: kept.notes, moreNotes: kept.more });
      if (imported) parts.push({ file: input.name, key: `${input.name}\u0000${hash(text)}`, fragment: r.fragment });
    } catch (error) {
      skip(`The ${importer.label} importer could not read this file: ${error instanceof Error ? error.message : String(error)}.`);
    }
  });

  if (parts.length === 0) {
    return { verdicts, notes: [], failure: inputs.length === 1 ? 'Nothing could be imported from the file.' : `Nothing could be imported from the ${inputs.length} files.` };
  }

  progress({ phase: 'combining', done: 0, total: 1 });
  const combined = combine(parts, options.now);
  const notes = combined.notes;
  let scenario: Scenario = combined.scenario;
  const count = entityCount(scenario);
  if (count > MAX_ENTITIES) {
    return { verdicts: withCombinedNotes(verdicts, notes), notes, failure: `The import holds ${count.toLocaleString('en-US')} entities; a scenario holds at most ${MAX_ENTITIES.toLocaleString('en-US')}. Import fewer accounts at a time.` };
  }

  progress({ phase: 'checking', done: 0, total: 1 });
  // The one door. Our importers only build what the model accepts; anything that slips through is left out
  // (with a note where it came from) and the check runs again, so one bad entity never costs the rest.
  for (let round = 0; round < 25; round++) {
    const r = parseScenario(scenario);
    if (r.ok) return { scenario: r.scenario, verdicts: withCombinedNotes(verdicts, notes), notes };
    let dropped = false;
    const drop = new Map<keyof Scenario, Set<number>>();
    for (const e of r.errors) {
      const hit = entityOfError(e.path);
      if (!hit) continue;
      const list = scenario[hit.part] as readonly { id?: string }[];
      const item = list[hit.index];
      const origin: Origin = (item?.id !== undefined ? combined.origins.get(item.id) : undefined) ?? { file: parts[0]?.file ?? '?', path: '$' };
      notes.push({ level: 'error', file: origin.file, path: origin.path, message: `Left out: ${e.message} (${e.path.replace(/^\$\.[a-zA-Z]+\[\d+\]\.?/, '') || 'the entry'})` });
      (drop.get(hit.part) ?? drop.set(hit.part, new Set()).get(hit.part))?.add(hit.index);
      dropped = true;
    }
    if (!dropped) return { verdicts: withCombinedNotes(verdicts, notes), notes, failure: `The combined scenario is not valid: ${r.errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('; ')}` };
    const next: Record<string, unknown> = { ...scenario };
    for (const [part, indexes] of drop) next[part] = (scenario[part] as readonly unknown[]).filter((_x, i) => !indexes.has(i));
    scenario = next as unknown as Scenario;
  }
  return { verdicts: withCombinedNotes(verdicts, notes), notes, failure: 'The combined scenario could not be made valid.' };
}

/** Each file's verdict with the notes the combination made about it (conflicts, links to nothing). */
function withCombinedNotes(verdicts: readonly FileVerdict[], notes: readonly ImportNote[]): FileVerdict[] {
  return verdicts.map((v) => {
    const mine = notes.filter((n) => n.file === v.file);
    if (mine.length === 0) return v;
    const kept = keep([...v.notes, ...mine]);
    const worse = mine.some((n) => n.level !== 'info') && v.status === 'imported' ? 'partial' : v.status;
    return { ...v, status: worse, notes: kept.notes, moreNotes: v.moreNotes + kept.more };
  });
}
