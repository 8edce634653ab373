/**
 * IAM wildcard matching: `*` matches any run of characters (including none), `?` exactly one character.
 * Everything else is literal. Compiled patterns are cached because policies are matched many times.
 */

export type Matcher = (value: string) => boolean;

/**
 * Stand-ins for a literal `*` and `?` inside a pattern: what the `${*}` and `${?}` policy variables produce,
 * and what substituted request values carry, so that they match only themselves, never as wildcards
 * (IAM policy elements: Variables and tags — "Special characters").
 */
export const LITERAL_STAR = '\uE000';
export const LITERAL_QUESTION = '\uE001';
const LITERALS = /[\uE000\uE001]/g;

/** The pattern text with the literal stand-ins turned back into the characters they stand for. */
export function restoreLiterals(text: string): string {
  return text.replace(LITERALS, (c) => (c === LITERAL_STAR ? '*' : '?'));
}

/** `text` with its `*` and `?` marked literal, for splicing into a pattern. */
export function markLiterals(text: string): string {
  return text.includes('*') || text.includes('?') ? text.replace(/\*/g, LITERAL_STAR).replace(/\?/g, LITERAL_QUESTION) : text;
}

/** The regular-expression source of one pattern piece: `*` and `?` become `star` and `one`. */
function patternSource(text: string, star: string, one: string): string {
  return escapeRegExp(text)
    .replace(/\*/g, star)
    .replace(/\?/g, one)
    .replace(LITERALS, (c) => (c === LITERAL_STAR ? '\\*' : '\\?'));
}

const cache = new Map<string, Matcher>();
const cacheIgnoreCase = new Map<string, Matcher>();
const matchAll: Matcher = () => true;

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

function build(pattern: string, ignoreCase: boolean): Matcher {
  if (pattern === '*') return matchAll;
  if (!pattern.includes('*') && !pattern.includes('?')) {
    const literal = restoreLiterals(pattern);
    if (!ignoreCase) return (value) => value === literal;
    const lower = literal.toLowerCase();
    return (value) => value.length === lower.length && (value === lower || value.toLowerCase() === lower);
  }
  // The most common shape, "prefix*" (s3:Get*, arn:aws:s3:::bucket/*): a prefix test, no regular expression.
  const star = pattern.indexOf('*');
  if (star === pattern.length - 1 && !pattern.includes('?')) {
    const prefix = restoreLiterals(pattern.slice(0, -1));
    if (!ignoreCase) return (value) => value.startsWith(prefix);
    const lowerPrefix = prefix.toLowerCase();
    return (value) => value.length >= lowerPrefix.length && value.slice(0, lowerPrefix.length).toLowerCase() === lowerPrefix;
  }
  const re = new RegExp('^' + patternSource(pattern, '.*', '.') + '$', ignoreCase ? 'is' : 's');
  return (value) => re.test(value);
}

/** How one ARN segment of a pattern is matched without a regular expression, if it can be. */
type SegmentTest = { readonly kind: 'any' } | { readonly kind: 'exact'; readonly text: string } | { readonly kind: 'prefix'; readonly text: string };

function segmentTest(segment: string): SegmentTest | undefined {
  if (segment === '*') return { kind: 'any' };
  if (!segment.includes('*') && !segment.includes('?')) return { kind: 'exact', text: restoreLiterals(segment) };
  if (segment.indexOf('*') === segment.length - 1 && !segment.includes('?')) return { kind: 'prefix', text: restoreLiterals(segment.slice(0, -1)) };
  return undefined;
}

/**
 * Segment-by-segment ARN matching by plain string comparisons: the first five segments end at a colon, the
 * resource segment is the rest. `undefined` when some segment needs a regular expression.
 */
function segmentMatcher(segments: readonly string[]): Matcher | undefined {
  const tests = segments.map(segmentTest);
  if (tests.some((t) => t === undefined)) return undefined;
  const all = tests as SegmentTest[];
  const last = all[5] as SegmentTest;
  // The leading exact segments, with their colons, form a literal prefix: a value that starts with it has
  // those segments exactly (its first colons are where the prefix has them).
  let exactHead = 0;
  while (exactHead < 5 && (all[exactHead] as SegmentTest).kind === 'exact') exactHead++;
  const prefix = all
    .slice(0, exactHead)
    .map((t) => (t as { text: string }).text + ':')
    .join('');
  if (exactHead === 5) {
    if (last.kind === 'any') return (value) => value.startsWith(prefix);
    const whole = prefix + last.text;
    if (last.kind === 'exact') return (value) => value === whole;
    return (value) => value.startsWith(whole);
  }
  const rest = all.slice(exactHead, 5);
  return (value) => {
    if (!value.startsWith(prefix)) return false;
    let start = prefix.length;
    for (let i = 0; i < rest.length; i++) {
      const colon = value.indexOf(':', start);
      if (colon < 0) return false;
      const t = rest[i] as SegmentTest;
      if (t.kind === 'exact') {
        if (colon - start !== t.text.length || !value.startsWith(t.text, start)) return false;
      } else if (t.kind === 'prefix') {
        if (colon - start < t.text.length || !value.startsWith(t.text, start)) return false;
      }
      start = colon + 1;
    }
    if (last.kind === 'any') return true;
    if (last.kind === 'exact') return value.length - start === last.text.length && value.startsWith(last.text, start);
    return value.length - start >= last.text.length && value.startsWith(last.text, start);
  };
}

/** Compiles `pattern` into a matcher. `ignoreCase` for actions and the `...IgnoreCase` operators. */
export function compileWildcard(pattern: string, ignoreCase = false): Matcher {
  const map = ignoreCase ? cacheIgnoreCase : cache;
  let matcher = map.get(pattern);
  if (!matcher) {
    matcher = build(pattern, ignoreCase);
    if (map.size > 50_000) map.clear();
    map.set(pattern, matcher);
  }
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

function isArn(value: string): boolean {
  if (!value.startsWith('arn:')) return false;
  let colons = 0;
  for (let i = 0; i < value.length && colons < 5; i++) if (value.charCodeAt(i) === 58) colons++;
  return colons >= 5;
}

const arnCache = new Map<string, Matcher>();

/**
 * Compiles an ARN pattern as the `ArnLike` / `ArnEquals` operators read it: each of the six colon-delimited
 * segments is matched on its own, so a wildcard never spans a colon between segments ("Each of the six
 * colon-delimited components of the ARN is checked separately", IAM JSON policy elements: Condition
 * operators — ARN condition operators). Case-sensitive. A bare `*` matches anything, ARN or not. In the
 * first five segments `*` is `[^:]*` and `?` is `[^:]`, in the resource segment they may cross colons.
 * The `Resource` element reads a `*` that ends a segment more broadly: see `compileResourcePattern`.
 */
export function compileArnPattern(pattern: string): Matcher {
  let matcher = arnCache.get(pattern);
  if (matcher) return matcher;
  if (pattern === '*') matcher = matchAll;
  else if (!pattern.includes('*') && !pattern.includes('?')) {
    const literal = restoreLiterals(pattern);
    matcher = (value) => value === literal;
  }
  else {
    const p = splitArn(pattern);
    if (!p) {
      // A pattern that is not a six-segment ARN cannot stand for an ARN: it only matches non-ARN values.
      const plain = compileWildcard(pattern);
      matcher = (value) => !isArn(value) && plain(value);
    } else {
      const plain = compileWildcard(pattern);
      const bySegment = segmentMatcher(p);
      if (bySegment && p[0] === 'arn') {
        // A pattern starting with the literal "arn:" and five literal colons matches only values with the
        // same: ARNs, which the segment test decides on its own.
        matcher = bySegment;
      } else if (bySegment) {
        matcher = (value) => (isArn(value) ? bySegment(value) : plain(value));
      } else {
        const source = '^' + p.map((s, i) => (i === 5 ? patternSource(s, '.*', '.') : patternSource(s, '[^:]*', '[^:]'))).join(':') + '$';
        const re = new RegExp(source, 's');
        matcher = (value) => (isArn(value) ? re.test(value) : plain(value));
      }
    }
  }
  if (arnCache.size > 50_000) arnCache.clear();
  arnCache.set(pattern, matcher);
  return matcher;
}

/** `true` when the ARN `value` matches the ARN pattern `pattern` (see `compileArnPattern`). */
export function arnMatch(pattern: string, value: string): boolean {
  return compileArnPattern(pattern)(value);
}

/**
 * Whether a pattern has a `*` that ends one of its first five ARN segments: the last character before one
 * of its first five colons, or the last character of a pattern with fewer than six segments. Only such
 * patterns read differently in the `Resource` element than in `ArnLike`.
 */
function hasSegmentEndingStar(pattern: string): boolean {
  if (!pattern.startsWith('arn:')) return false;
  let colons = 0;
  for (let i = 0; i < pattern.length && colons < 5; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 58) colons++;
    else if (c === 42 && (i === pattern.length - 1 || pattern.charCodeAt(i + 1) === 58)) return true;
  }
  return false;
}

/** One piece of a `Resource` pattern: literal text, `*` (any run), or a wildcard kept inside a segment. */
type ResourceToken = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'any' } | { readonly kind: 'segment-any' } | { readonly kind: 'one' } | { readonly kind: 'segment-one' };

function resourceTokens(pattern: string): ResourceToken[] {
  const tokens: ResourceToken[] = [];
  let text = '';
  const flush = (): void => {
    if (text !== '') tokens.push({ kind: 'text', text: restoreLiterals(text) });
    text = '';
  };
  let colons = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch !== '*' && ch !== '?') {
      if (ch === ':') colons++;
      text += ch;
      continue;
    }
    flush();
    // After the fifth colon (the resource segment) both wildcards cross colons, as in ArnLike.
    const head = colons < 5;
    if (ch === '?') tokens.push({ kind: head ? 'segment-one' : 'one' });
    else tokens.push({ kind: !head || i === pattern.length - 1 || pattern[i + 1] === ':' ? 'any' : 'segment-any' });
  }
  flush();
  return tokens;
}

/**
 * A pattern made of literal text and `*` only: the first piece anchored at the start, the last at the end,
 * the others found leftmost in between (which finds a match whenever one exists).
 */
function globMatcher(pieces: readonly string[]): Matcher {
  const first = pieces[0] as string;
  const last = pieces[pieces.length - 1] as string;
  const middle = pieces.slice(1, -1).filter((p) => p !== '');
  const least = first.length + last.length;
  if (middle.length === 0) {
    if (last === '') return (value) => value.startsWith(first);
    return (value) => value.length >= least && value.startsWith(first) && value.endsWith(last);
  }
  return (value) => {
    if (value.length < least || !value.startsWith(first) || !value.endsWith(last)) return false;
    const end = value.length - last.length;
    let at = first.length;
    for (let i = 0; i < middle.length; i++) {
      const piece = middle[i] as string;
      const found = value.indexOf(piece, at);
      if (found < 0 || found + piece.length > end) return false;
      at = found + piece.length;
    }
    return true;
  };
}

const resourceCache = new Map<string, Matcher>();

/**
 * Compiles a pattern of the `Resource` / `NotResource` element. It reads like `compileArnPattern` except for
 * a `*` that ends an ARN segment: "You can use multiple * or ? characters in each segment. If the *
 * wildcard is the last character of a resource ARN segment, it can expand to match beyond the colon
 * boundaries" (IAM JSON policy elements: Resource — "Using wildcards in resource ARNs",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html). So
 * `arn:aws:sqs:us-east-1:*` and `arn:aws:sqs:*` cover every queue (in us-east-1, anywhere), where ArnLike
 * would need all six segments.
 *
 * Decision for a `*` that ends a segment in the middle of a pattern (`arn:aws:lambda:*:function:process`,
 * `arn:aws:someservice:*:111122223333:finance/*`): the sentence names no position, and such a `*` is "the
 * last character of a resource ARN segment", so it too may run on past colons — the pattern above covers
 * `arn:aws:lambda:us-east-1:111111111111:function:process`. A `*` inside a segment (`us-*-1`) and every `?`
 * stay within their segment, as the same page recommends ("We recommend you use wildcards (* and ?) within
 * ARN segments separated by a colon"). The ArnLike operators keep the segment-wise reading: the Condition
 * operators page gives the same pattern and value as a failed ArnLike match.
 *
 * Patterns without such a `*` (most of them) are compiled by `compileArnPattern`, with its fast paths.
 */
export function compileResourcePattern(pattern: string): Matcher {
  let matcher = resourceCache.get(pattern);
  if (matcher) return matcher;
  if (!hasSegmentEndingStar(pattern)) matcher = compileArnPattern(pattern);
  else {
    const tokens = resourceTokens(pattern);
    if (tokens.every((t) => t.kind === 'text' || t.kind === 'any')) {
      // Literal text and `*` only (the usual shape: `arn:aws:sqs:*:111111111111:*`): plain string tests.
      const pieces: string[] = [''];
      for (const t of tokens) {
        if (t.kind === 'text') pieces[pieces.length - 1] += t.text;
        else pieces.push('');
      }
      matcher = globMatcher(pieces);
    } else {
      const source = tokens
        .map((t) => (t.kind === 'text' ? escapeRegExp(t.text).replace(/[*?]/g, '\\$&') : t.kind === 'any' ? '.*' : t.kind === 'segment-any' ? '[^:]*' : t.kind === 'one' ? '.' : '[^:]'))
        .join('');
      const re = new RegExp('^' + source + '$', 's');
      const plain = compileWildcard(pattern);
      matcher = (value) => (isArn(value) ? re.test(value) : plain(value));
    }
  }
  if (resourceCache.size > 50_000) resourceCache.clear();
  resourceCache.set(pattern, matcher);
  return matcher;
}
