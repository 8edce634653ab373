import type { Scenario } from '../model';
import type { TextLocation } from './json';

/**
 * What is said about a scenario file without reading one: its problems, one line each, and its name. Kept
 * apart from the reader (`file.ts`, loaded on demand with the door) so the notices and dialogs that show
 * them do not load it.
 */

/** A problem in a scenario file: the JSON path (when known), the place in the text and a sentence. */
export interface FileProblem {
  readonly path?: string;
  readonly location?: TextLocation;
  readonly message: string;
}

/** One line per problem: "line 12, column 7 — $.accounts[1].id: Account id must be exactly 12 digits." */
export function describeProblem(p: FileProblem): string {
  const where = p.location ? `line ${p.location.line}, column ${p.location.column}` : '';
  const what = p.path ? `${p.path}: ${p.message}` : p.message;
  return where ? `${where} — ${what}` : what;
}

/** A file name from the scenario's name: lower-case words joined by dashes, never empty. */
export function fileNameFor(scenario: Pick<Scenario, 'name'>, extension: string): string {
  const base = scenario.name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'scenario'}.${extension}`;
}
