import type { RequestContext } from './types';
import { LITERAL_QUESTION, LITERAL_STAR, markLiterals } from './wildcard';

/**
 * Policy variables (IAM JSON policy elements: Variables and tags). `${aws:username}` and the like are
 * replaced with the request's value of that key. Callers substitute only in policies whose Version is
 * `2012-10-17`: "policy variables are treated as literal strings" under earlier versions.
 *
 * - `${*}`, `${?}`, `${$}` stand for the literal characters `*`, `?`, `$` ("Special characters");
 * - with `forPattern` (Resource, StringLike, Arn operators) the result is a pattern: `${*}`, `${?}` and any
 *   `*` or `?` in a substituted value are marked literal (see `markLiterals`), so they never act as
 *   wildcards; without it the result is plain text;
 * - `${key, 'default'}` uses the default when the key is absent;
 * - a key absent from the request (and no default) makes the whole value unresolvable: "If the key is
 *   not present in the request context, the policy variable ... the element does not match". A key with
 *   several values cannot be substituted either.
 */
const VARIABLE = /\$\{([^}]*)\}/g;
const ESCAPES: Record<string, string> = { '*': '*', '?': '?', $: '$' };
const PATTERN_ESCAPES: Record<string, string> = { '*': LITERAL_STAR, '?': LITERAL_QUESTION, $: '$' };

export function hasVariables(value: string): boolean {
  return value.includes('${');
}

export function substituteVariables(value: string, ctx: RequestContext, forPattern = false): string | undefined {
  if (!hasVariables(value)) return value;
  let unresolved = false;
  const literal = forPattern ? markLiterals : (text: string): string => text;
  const result = value.replace(VARIABLE, (_match, body: string) => {
    const inner = body.trim();
    const escaped = (forPattern ? PATTERN_ESCAPES : ESCAPES)[inner];
    if (escaped !== undefined) return escaped;
    const comma = inner.indexOf(',');
    const key = (comma < 0 ? inner : inner.slice(0, comma)).trim();
    const values = ctx.get(key);
    if (values && values.length === 1) return literal(values[0] as string);
    if (comma >= 0) {
      const fallback = /^'(.*)'$/.exec(inner.slice(comma + 1).trim());
      if (fallback) return literal(fallback[1] as string);
    }
    unresolved = true;
    return '';
  });
  return unresolved ? undefined : result;
}
