import { findNodeAtLocation, parseTree, type Node as JsonNode } from 'jsonc-parser';
import { compactScenario, parseScenario, type Scenario } from '../model';
import { MAX_JSON_DEPTH } from '../model/jsonDepth';
import { locate, parseJsonText, pathSegments, type TextLocation } from './json';
import type { FileProblem } from './problem';

export { describeProblem, fileNameFor, type FileProblem } from './problem';

/**
 * Scenario files: the same JSON as a share link carries, pretty-printed, with the extension `.json`.
 * Reading goes through the same door (`parseScenario`, migrations included); every error is located by
 * JSON path and, where the path exists in the text, by line and column. Pure code: no DOM.
 */

/** Largest file accepted (the same order as a link's decompressed cap, with room for indentation). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export const SCENARIO_FILE_TYPE = 'application/json';

export type FileReadResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly migratedFrom?: number; readonly droppedProtoKeys: number }
  | { readonly ok: false; readonly problems: readonly FileProblem[] };

/** The file's text: the scenario as indented JSON (defaults left out, as in a link) with a trailing newline. */
export function serializeScenario(scenario: Scenario): string {
  return `${JSON.stringify(compactScenario(scenario), null, 2)}\n`;
}

/** The text location of a JSON path, or of its nearest existing ancestor. */
function locatePath(text: string, root: JsonNode | undefined, path: string): TextLocation | undefined {
  if (!root) return undefined;
  const segments = pathSegments(path);
  for (let n = segments.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, segments.slice(0, n));
    if (node) {
      // Point at the property name when there is one (`"accountId": …`), else at the value.
      const at = node.parent?.type === 'property' && node.parent.children?.[1] === node ? node.parent.offset : node.offset;
      return locate(text, at);
    }
  }
  return undefined;
}

/**
 * Reads a scenario file's text. `byteLength` is the file's size as the browser reports it, checked
 * before anything is parsed.
 */
export function readScenarioFile(text: string, byteLength = text.length): FileReadResult {
  if (byteLength > MAX_FILE_BYTES) {
    return { ok: false, problems: [{ message: `The file is ${(byteLength / 1048576).toFixed(1)} MB; scenario files of at most ${MAX_FILE_BYTES / 1048576} MB are opened.` }] };
  }
  // A UTF-8 byte-order mark is not JSON but editors add it; it is not worth refusing a file for.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = parseJsonText(body);
  if (!parsed.ok) {
    const message = parsed.reason === 'too-deep' ? `The scenario text is nested deeper than ${MAX_JSON_DEPTH} levels here; no scenario nests that deep.` : `This is not valid JSON: ${parsed.message}.`;
    return { ok: false, problems: [{ message, ...(parsed.location ? { location: parsed.location } : {}) }] };
  }
  const result = parseScenario(parsed.value);
  if (!result.ok) {
    const root = parseTree(body, [], { disallowComments: true });
    return {
      ok: false,
      problems: result.errors.map((e) => {
        const location = locatePath(body, root, e.path);
        return { path: e.path, message: e.message, ...(location ? { location } : {}) };
      }),
    };
  }
  return {
    ok: true,
    scenario: result.scenario,
    droppedProtoKeys: parsed.droppedProtoKeys,
    ...(result.migratedFrom !== undefined ? { migratedFrom: result.migratedFrom } : {}),
  };
}
