/**
 * How deeply JSON text nests, found by one pass over the characters (no parser, no recursion).
 *
 * Recursive-descent parsers (jsonc-parser, which locates syntax errors and builds the policy editor's tree)
 * use one stack frame per level: a few thousand `[` overflow the stack, and a RangeError thrown from deep
 * inside a parser can unmount the whole page. Every door that hands text to such a parser measures it here
 * first and refuses text nested deeper than its limit, with the place where the limit is passed.
 */

/** Deepest nesting of arrays and objects any scenario may have (the same limit `parseScenario` applies). */
export const MAX_JSON_DEPTH = 64;

/** Where text first nests deeper than a limit: the offset of the bracket that opens one level too many. */
export interface DepthExcess {
  readonly offset: number;
  readonly limit: number;
}

/**
 * The first bracket (`[` or `{`, outside strings) that opens level `limit + 1`, or `undefined` when the text
 * never nests that deep. Malformed text is scanned all the same (strings are skipped as JSON writes them),
 * so that a syntax error further on does not hide a nesting bomb before it.
 */
export function findDepthExcess(text: string, limit: number = MAX_JSON_DEPTH): DepthExcess | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // Skip the string: up to the next quote that is not escaped.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return { offset: i, limit };
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      if (depth > 0) depth--;
    }
  }
  return undefined;
}
