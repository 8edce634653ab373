import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';
import { findDepthExcess, MAX_JSON_DEPTH } from '../model/jsonDepth';

/**
 * Turning untrusted text into a JSON value, before the value goes through `parseScenario`.
 *
 * `JSON.parse` creates `__proto__` keys as plain own properties (it cannot pollute `Object.prototype`),
 * but such a property turns dangerous the moment some later code copies it with `obj[key] = value` or
 * `Object.assign`, which set the copy's prototype instead. No scenario needs a key named `__proto__`, so
 * they are dropped here, at the door, and counted so the caller can say so.
 */

/** Where in the text a problem is: 1-based line and column, 0-based offset. */
export interface TextLocation {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

export type JsonTextResult =
  | { readonly ok: true; readonly value: unknown; readonly droppedProtoKeys: number }
  | {
      readonly ok: false;
      /** `syntax`: not JSON; `too-deep`: nested deeper than the limit (checked before any parser runs). */
      readonly reason: 'syntax' | 'too-deep';
      readonly message: string;
      readonly location?: TextLocation;
    };

const PLAIN_ERRORS: Partial<Record<string, string>> = {
  InvalidSymbol: 'Unexpected character',
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'A property name in double quotes was expected',
  ValueExpected: 'A value was expected',
  ColonExpected: 'A colon (:) was expected',
  CommaExpected: 'A comma (,) was expected',
  CloseBraceExpected: 'A closing brace (}) was expected',
  CloseBracketExpected: 'A closing bracket (]) was expected',
  EndOfFileExpected: 'Unexpected text after the end of the document',
  InvalidCommentToken: 'Comments are not allowed in JSON',
  UnexpectedEndOfComment: 'Comments are not allowed in JSON',
  UnexpectedEndOfString: 'A string is not closed',
  UnexpectedEndOfNumber: 'A number is cut off',
  InvalidUnicode: 'Invalid \\u escape',
  InvalidEscapeCharacter: 'Invalid escape character',
  InvalidCharacter: 'Invalid character in a string (control characters must be escaped)',
};

/** 1-based line and column of an offset. */
export function locate(text: string, offset: number): TextLocation {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: end - lineStart + 1 };
}

/** The first syntax error jsonc-parser finds (with comments and trailing commas disallowed, as in JSON). */
function firstSyntaxError(text: string): { message: string; location: TextLocation } | undefined {
  let found: { code: ParseErrorCode; offset: number } | undefined;
  visit(
    text,
    {
      onError: (code, offset) => {
        found ??= { code, offset };
      },
      // Comments are not JSON: report them like any other syntax error.
      onComment: (offset) => {
        found ??= { code: 10 as ParseErrorCode, offset };
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  if (!found) return undefined;
  const name = printParseErrorCode(found.code);
  return { message: PLAIN_ERRORS[name] ?? name, location: locate(text, found.offset) };
}

/**
 * Parses JSON text. Never throws. Text nested deeper than `maxDepth` is refused before any parser sees it,
 * with the place where it passes the limit (the error locator below is recursive: thousands of `[` would
 * overflow its stack). Syntax errors come back with line and column; `__proto__` keys are dropped wherever
 * they are (see the module comment).
 */
export function parseJsonText(text: string, maxDepth: number = MAX_JSON_DEPTH): JsonTextResult {
  const deep = findDepthExcess(text, maxDepth);
  if (deep) return { ok: false, reason: 'too-deep', message: `Nested deeper than ${deep.limit} levels`, location: locate(text, deep.offset) };
  let dropped = 0;
  try {
    // A reviver costs a function call per value; only text that could spell the key needs it (directly
    // or through a \u escape).
    if (!text.includes('proto') && !text.includes('\\u')) return { ok: true, value: JSON.parse(text) as unknown, droppedProtoKeys: 0 };
    const value: unknown = JSON.parse(text, (key, v: unknown) => {
      if (key === '__proto__') {
        dropped++;
        return undefined; // a reviver's undefined deletes the own property
      }
      return v;
    });
    return { ok: true, value, droppedProtoKeys: dropped };
  } catch (error) {
    if (text.trim() === '') return { ok: false, reason: 'syntax', message: 'The text is empty' };
    const located = firstSyntaxError(text);
    if (located) return { ok: false, reason: 'syntax', ...located };
    return { ok: false, reason: 'syntax', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Splits a `parseScenario` error path (`$.principals[2]["odd key"].name`) into its segments. */
export function pathSegments(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(m[3]) as string);
  }
  return out;
}
