import { deflateSync, Inflate } from 'fflate';
import { compactScenario, parseScenario, type Scenario, type ScenarioError } from '../model';
import { MAX_JSON_DEPTH } from '../model/jsonDepth';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import { LESSON_PARAM, LINK_PARAM, paramOf, payloadOf } from './fragment';
import { parseJsonText } from './json';

export { LESSON_PARAM, LINK_PARAM, payloadOf } from './fragment';

/**
 * Share links: the whole scenario travels in the URL fragment, which browsers never send to a server.
 *
 * Format (stable; see README "Share links"): `#s=` followed by base64url without padding (RFC 4648 §5)
 * of raw DEFLATE (RFC 1951, no zlib or gzip header) of the UTF-8 scenario JSON. The JSON carries its
 * `version`, so a link made today still opens after the format has moved on: `parseScenario` migrates
 * older versions and refuses newer ones with a clear message.
 *
 * Pure code: no DOM. Decoding never throws and never allocates more than {@link MAX_SCENARIO_BYTES}
 * (plus one chunk) however the link was made.
 */

/** What a lesson id may look like in a link: the gallery's ids, lower-case words joined by hyphens. */
const LESSON_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_LESSON_ID = 64;

/**
 * Links up to this many characters travel safely through chat tools, e-mail clients, older browsers and
 * proxies that truncate long URLs (~2,000 is the long-standing conservative figure). Current browsers
 * accept far longer fragments; past this length the Share dialog says so and offers a file instead.
 */
export const SAFE_LINK_LENGTH = 2_000;

/** Longest fragment payload decoded at all (Chromium caps URLs at 2 MB; nothing longer is a real link). */
export const MAX_LINK_PAYLOAD_CHARS = 4_000_000;

/** Largest decompressed scenario a link may carry. Inflation stops as soon as the output passes it. */
export const MAX_SCENARIO_BYTES = 5 * 1024 * 1024;

/** Compressed bytes fed to the inflater at a time: DEFLATE expands at most ~1032:1, so one step can
 * produce at most ~8 MB before the cap is checked again (bounded, whatever the link). */
const INFLATE_STEP = 8192;

export type LinkProblemCode = 'too-long' | 'empty' | 'base64' | 'truncated' | 'corrupt' | 'too-large' | 'utf8' | 'json' | 'too-deep' | 'scenario';

/** Why a link could not be opened: a code for tests, a sentence for people, and located details. */
export interface LinkProblem {
  readonly code: LinkProblemCode;
  readonly message: string;
  /** `parseScenario`'s located errors when the content is not a valid scenario. */
  readonly errors?: readonly ScenarioError[];
}

/**
 * The lesson a link names: a known lesson to reopen, or a notice saying why the name was ignored (unknown to
 * this version of the app, or not a lesson name at all). Never a reason to refuse the scenario.
 */
export type LinkLesson = { readonly ok: true; readonly id: string } | { readonly ok: false; readonly notice: string };

export type LinkDecodeResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly migratedFrom?: number; readonly droppedProtoKeys: number; readonly lesson?: LinkLesson }
  | { readonly ok: false; readonly problem: LinkProblem };

/** What the decoder may be told: the inflate cap (tests), and which lesson ids this app has. */
export interface LinkDecodeOptions {
  readonly maxBytes?: number;
  /** Whether a well-formed lesson id names a lesson of this app; without it, every lesson is unknown. */
  readonly isLesson?: (id: string) => boolean;
}

const fail = (code: LinkProblemCode, message: string, errors?: readonly ScenarioError[]): LinkDecodeResult => ({
  ok: false,
  problem: { code, message, ...(errors ? { errors } : {}) },
});

const utf8 = new TextEncoder();

/** The base64url payload for a scenario (what follows `#s=`): its compact JSON, defaults left out. */
export function encodeScenarioPayload(scenario: Scenario): string {
  return encodeBase64Url(deflateSync(utf8.encode(JSON.stringify(compactScenario(scenario))), { level: 9, mem: 8 }));
}

/** What a share link carries besides the scenario. */
export interface ShareOptions {
  /** The lesson open beside the diagram, reopened when the link is opened. */
  readonly lessonId?: string;
}

/** The fragment for a scenario, `#s=…`, or `#l=LESSON&s=…` with the open lesson. */
export function scenarioFragment(scenario: Scenario, options: ShareOptions = {}): string {
  const lesson = options.lessonId !== undefined && isLessonIdShape(options.lessonId) ? `${LESSON_PARAM}=${options.lessonId}&` : '';
  return `#${lesson}${LINK_PARAM}=${encodeScenarioPayload(scenario)}`;
}

/** A full share URL: `base` (any fragment removed) followed by the scenario fragment. */
export function shareUrl(base: string, scenario: Scenario, options: ShareOptions = {}): string {
  const hash = base.indexOf('#');
  return `${hash >= 0 ? base.slice(0, hash) : base}${scenarioFragment(scenario, options)}`;
}

function isLessonIdShape(id: string): boolean {
  return id.length <= MAX_LESSON_ID && LESSON_ID.test(id);
}

/**
 * Reads the `l` parameter: a lesson id of this app, or a notice. The value is never decoded or echoed unless it
 * has the shape of a lesson id (so a hostile value cannot put markup, a megabyte of text or a `__proto__` key
 * anywhere); `isLesson` is asked only about well-formed ids.
 */
export function lessonOfFragment(fragment: string, isLesson: (id: string) => boolean = () => false): LinkLesson | undefined {
  const raw = paramOf(fragment, LESSON_PARAM);
  if (raw === undefined) return undefined;
  if (!isLessonIdShape(raw)) return { ok: false, notice: 'The link also names a lesson, but not in a form this app reads, so no lesson was opened.' };
  if (!isLesson(raw)) return { ok: false, notice: `The link also names the lesson “${raw}”, which this version of Crossaccount does not have, so no lesson was opened.` };
  return { ok: true, id: raw };
}

/**
 * Inflates raw DEFLATE data, refusing output beyond `cap` bytes. The input is fed in small steps so
 * that a decompression bomb is stopped after at most one step's expansion, never fully allocated.
 */
export function inflateCapped(
  data: Uint8Array,
  cap: number,
): { ok: true; bytes: Uint8Array } | { ok: false; code: 'truncated' | 'corrupt' | 'too-large'; detail: string; consumed: number } {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let consumed = 0;
  let over = false;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    if (final) ended = true;
    if (over) return;
    total += chunk.length;
    if (total > cap) over = true;
    else chunks.push(chunk);
  });
  try {
    for (let i = 0; i < data.length && !over && !ended; i += INFLATE_STEP) {
      const end = Math.min(i + INFLATE_STEP, data.length);
      consumed = end;
      inflater.push(data.subarray(i, end), end === data.length);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // fflate reports a stream that stops early as "unexpected EOF".
    if (/EOF/i.test(message)) return { ok: false, code: 'truncated', detail: message, consumed };
    return { ok: false, code: 'corrupt', detail: message, consumed };
  }
  if (over) return { ok: false, code: 'too-large', detail: `more than ${cap} bytes`, consumed };
  if (!ended) return { ok: false, code: 'truncated', detail: 'the compressed data ends before its last block', consumed };
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return { ok: true, bytes: out };
}

const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

/**
 * Decodes a share-link payload (the text after `#s=`) through the one door: base64url → capped raw
 * inflate → strict UTF-8 → JSON (without `__proto__` keys) → `parseScenario` (migrations included).
 */
export function decodeScenarioPayload(payload: string, limits: Pick<LinkDecodeOptions, 'maxBytes'> = {}): LinkDecodeResult {
  const cap = limits.maxBytes ?? MAX_SCENARIO_BYTES;
  // Chat tools and mail clients sometimes break long links across lines; whitespace is never part of one.
  const text = payload.replace(/\s+/g, '');
  if (text.length === 0) return fail('empty', 'The link has nothing after "#s=": it was probably cut off when it was copied.');
  if (text.length > MAX_LINK_PAYLOAD_CHARS) {
    return fail('too-long', `The link is ${text.length.toLocaleString('en-US')} characters long; links longer than ${MAX_LINK_PAYLOAD_CHARS.toLocaleString('en-US')} characters are not opened. Share the scenario as a file instead.`);
  }
  const decoded = decodeBase64Url(text);
  if (!decoded.ok) return fail('base64', `The link is damaged. ${decoded.message}`);

  const inflated = inflateCapped(decoded.bytes, cap);
  if (!inflated.ok) {
    if (inflated.code === 'too-large') {
      return fail('too-large', `The scenario in this link would unpack to more than ${mb(cap)}, which is more than any real scenario; it was not opened.`);
    }
    if (inflated.code === 'truncated') {
      return fail('truncated', 'The link is incomplete: its compressed data stops early, so it was probably cut off when it was copied. Ask for the whole link, or for the scenario as a file.');
    }
    return fail('corrupt', `The link is damaged: its compressed data is not valid DEFLATE (${inflated.detail}).`);
  }

  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(inflated.bytes);
  } catch {
    return fail('utf8', 'The link does not carry text: its content is not valid UTF-8.');
  }

  const parsed = parseJsonText(json);
  if (!parsed.ok) {
    const where = parsed.location ? ` at line ${parsed.location.line}, column ${parsed.location.column}` : '';
    if (parsed.reason === 'too-deep') return fail('too-deep', `The link's content is nested deeper than ${MAX_JSON_DEPTH} levels${where}; no scenario nests that deep, so it was not opened.`);
    return fail('json', `The link's content is not valid JSON: ${parsed.message}${where}.`);
  }

  const result = parseScenario(parsed.value);
  if (!result.ok) {
    const first = result.errors[0];
    const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more problem${result.errors.length > 2 ? 's' : ''})` : '';
    return fail('scenario', `The link's scenario is not valid: ${first ? `${first.path}: ${first.message}` : 'unknown problem'}${more}`, result.errors);
  }
  return {
    ok: true,
    scenario: result.scenario,
    droppedProtoKeys: parsed.droppedProtoKeys,
    ...(result.migratedFrom !== undefined ? { migratedFrom: result.migratedFrom } : {}),
  };
}

/**
 * Decodes a URL fragment; `undefined` when it carries no scenario (an ordinary `#anchor`). The scenario goes
 * through the one door above; the lesson it names (optional) is read only once the scenario is good.
 */
export function decodeFragment(fragment: string, options: LinkDecodeOptions = {}): LinkDecodeResult | undefined {
  const payload = payloadOf(fragment);
  if (payload === undefined) return undefined;
  const result = decodeScenarioPayload(payload, options);
  if (!result.ok) return result;
  const lesson = lessonOfFragment(fragment, options.isLesson);
  return lesson ? { ...result, lesson } : result;
}
