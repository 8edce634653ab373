/**
 * IAM wildcard matching: `*` matches any run of characters (including none), `?` exactly one character.
 * Everything else is literal. Compiled patterns are cached because policies are matched many times.
 */

export type Matcher = (value: string) => boolean;

const cache = new Map<string, Matcher>();

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/** Compiles `pattern` into a matcher. `ignoreCase` for actions and the `...IgnoreCase` operators. */
export function compileWildcard(pattern: string, ignoreCase = false): Matcher {
  const cacheKey = (ignoreCase ? 'i:' : 's:') + pattern;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  let matcher: Matcher;
  if (pattern === '*') {
    matcher = () => true;
  } else if (!pattern.includes('*') && !pattern.includes('?')) {
    if (ignoreCase) {
      const lower = pattern.toLowerCase();
      matcher = (value) => value.length === lower.length && value.toLowerCase() === lower;
    } else {
      matcher = (value) => value === pattern;
    }
  } else {
    const source = '^' + escapeRegExp(pattern).replace(/\*/g, '.*').replace(/\?/g, '.') + '$';
    const re = new RegExp(source, ignoreCase ? 'is' : 's');
    matcher = (value) => re.test(value);
  }
  if (cache.size > 50_000) cache.clear();
  cache.set(cacheKey, matcher);
  return matcher;
}

/** `true` when `value` matches the IAM wildcard `pattern`. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  return compileWildcard(pattern, ignoreCase)(value);
}

/**
 * Splits an ARN into its six segments `arn:partition:service:region:account:resource`; colons after the
 * fifth belong to the resource segment. Returns `undefined` for a string that is not an ARN.
 */
export function splitArn(arn: string): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = arn.indexOf(':', start);
    if (colon < 0) return undefined;
    parts.push(arn.slice(start, colon));
    start = colon + 1;
  }
  parts.push(arn.slice(start));
  return parts[0] === 'arn' ? parts : undefined;
}

/**
 * ARN matching as in the `Resource` element and the `ArnLike` operator: each of the six colon-delimited
 * segments is matched on its own, so a wildcard never spans a colon between segments
 * (IAM JSON policy elements: Condition operators — "ARN condition operators"). Case-sensitive.
 * A bare `*` matches anything, ARN or not.
 */
export function arnMatch(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  if (pattern === value) return true;
  const p = splitArn(pattern);
  const v = splitArn(value);
  if (!v) return wildcardMatch(pattern, value);
  // A pattern that is not a six-segment ARN cannot stand for one: its wildcards may not span segments.
  if (!p) return false;
  for (let i = 0; i < 6; i++) {
    if (!compileWildcard(p[i] as string)(v[i] as string)) return false;
  }
  return true;
}
