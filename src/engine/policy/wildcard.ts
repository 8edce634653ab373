import { Glob, ONE, ONE_IN_SEGMENT, plainToken, plainTokens, STAR, STAR_IN_SEGMENT, type GlobToken } from './glob';

/**
 * IAM wildcard matching: `*` matches any run of characters (including none), `?` exactly one character.
 * Everything else is literal. Compiled patterns are cached because policies are matched many times. Every
 * matcher runs in time linear in the value (glob.ts): no pattern, however written, makes matching backtrack.
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

const cache = new Map<string, Matcher>();
const cacheIgnoreCase = new Map<string, Matcher>();
const matchAll: Matcher = () => true;

function build(pattern: string, ignoreCase: boolean): Matcher {
  if (pattern === '*') return matchAll;
  if (!pattern.includes('*') && !pattern.includes('?')) {
    const literal = restoreLiterals(pattern);
    if (!ignoreCase) return (value) => value === literal;
    const lower = literal.toLowerCase();
    return (value) => value.length === lower.length && (value === lower || value.toLowerCase() === lower);
  }
  // The most common shape, "prefix*" (s3:Get*, arn:aws:s3:::bucket/*): a prefix test.
  const star = pattern.indexOf('*');
  if (star === pattern.length - 1 && !pattern.includes('?')) {
    const prefix = restoreLiterals(pattern.slice(0, -1));
    if (!ignoreCase) return (value) => value.startsWith(prefix);
    const lowerPrefix = prefix.toLowerCase();
    return (value) => value.length >= lowerPrefix.length && value.slice(0, lowerPrefix.length).toLowerCase() === lowerPrefix;
  }
  // Anything else: the linear glob matcher (glob.ts), never a backtracking regular expression.
  const glob = new Glob(plainTokens(ignoreCase ? pattern.toLowerCase() : pattern));
  if (!ignoreCase) return (value) => glob.test(value);
  return (value) => value.length >= glob.minLength && glob.test(value.toLowerCase());
}

/** How one ARN segment of a pattern is matched: the common shapes by plain string comparisons, else a glob. */
type SegmentTest =
  | { readonly kind: 'any' }
  | { readonly kind: 'exact'; readonly text: string }
  | { readonly kind: 'prefix'; readonly text: string }
  | { readonly kind: 'glob'; readonly glob: Glob };

function segmentTest(segment: string): SegmentTest {
  if (segment === '*') return { kind: 'any' };
  if (!segment.includes('*') && !segment.includes('?')) return { kind: 'exact', text: restoreLiterals(segment) };
  if (segment.indexOf('*') === segment.length - 1 && !segment.includes('?')) return { kind: 'prefix', text: restoreLiterals(segment.slice(0, -1)) };
  return { kind: 'glob', glob: new Glob(plainTokens(segment)) };
}

/** Whether `value[start, end)` passes one segment's test. */
function segmentPasses(t: SegmentTest, value: string, start: number, end: number): boolean {
  switch (t.kind) {
    case 'any':
      return true;
    case 'exact':
      return end - start === t.text.length && value.startsWith(t.text, start);
    case 'prefix':
      return end - start >= t.text.length && value.startsWith(t.text, start);
    case 'glob':
      return t.glob.test(value, start, end);
  }
}

/**
 * Segment-by-segment ARN matching: the first five segments end at a colon, the resource segment is the
 * rest. A value that is not an ARN (fewer than five colons) matches no segmented pattern.
 */
function segmentMatcher(segments: readonly string[]): Matcher {
  const all = segments.map(segmentTest);
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
    if (last.kind === 'exact') {
      const whole = prefix + last.text;
      return (value) => value === whole;
    }
    if (last.kind === 'prefix') {
      const whole = prefix + last.text;
      return (value) => value.startsWith(whole);
    }
    return (value) => value.startsWith(prefix) && last.glob.test(value, prefix.length, value.length);
  }
  const rest = all.slice(exactHead, 5);
  return (value) => {
    if (!value.startsWith(prefix)) return false;
    let start = prefix.length;
    for (let i = 0; i < rest.length; i++) {
      const colon = value.indexOf(':', start);
      if (colon < 0 || !segmentPasses(rest[i] as SegmentTest, value, start, colon)) return false;
      start = colon + 1;
    }
    return segmentPasses(last, value, start, value.length);
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
 * first five segments `*` and `?` stay within the segment, in the resource segment they may cross colons.
 * A pattern that is not a six-segment ARN matches only values that are not ARNs either (as a plain
 * wildcard). The `Resource` element reads a `*` that ends a segment more broadly: see `compileResourcePattern`.
 */
export function compileArnPattern(pattern: string): Matcher {
  let matcher = arnCache.get(pattern);
  if (matcher) return matcher;
  if (pattern === '*') matcher = matchAll;
  else if (!pattern.includes('*') && !pattern.includes('?')) {
    const literal = restoreLiterals(pattern);
    matcher = (value) => value === literal;
  } else {
    const p = splitArn(pattern);
    if (!p) {
      // A pattern that is not a six-segment ARN cannot stand for an ARN: it only matches non-ARN values.
      const plain = compileWildcard(pattern);
      matcher = (value) => !isArn(value) && plain(value);
    } else {
      // The pattern starts with the literal "arn:" and has five literal colons: only an ARN can match it
      // (a plain reading would need the same colons), and the segment test decides it on its own.
      matcher = segmentMatcher(p);
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

/**
 * The tokens of a `Resource` pattern: before the fifth colon a `*` that ends a segment runs on past colons,
 * any other `*` and every `?` stay within their segment; after it (the resource segment) both cross colons,
 * as in ArnLike.
 */
function resourceTokens(pattern: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  let colons = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    const head = colons < 5;
    if (c === 42) tokens.push(!head || i === pattern.length - 1 || pattern.charCodeAt(i + 1) === 58 ? STAR : STAR_IN_SEGMENT);
    else if (c === 63) tokens.push(head ? ONE_IN_SEGMENT : ONE);
    else {
      if (c === 58) colons++;
      tokens.push(plainToken(c));
    }
  }
  return tokens;
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
    const glob = new Glob(tokens);
    if (!tokens.includes(STAR_IN_SEGMENT) && !tokens.includes(ONE_IN_SEGMENT)) {
      // Literal text, `*` and `?` across colons only (the usual shape: `arn:aws:sqs:*:111111111111:*`): the
      // plain reading, for ARNs and other values alike.
      matcher = (value) => glob.test(value);
    } else {
      const plain = compileWildcard(pattern);
      matcher = (value) => (isArn(value) ? glob.test(value) : plain(value));
    }
  }
  if (resourceCache.size > 50_000) resourceCache.clear();
  resourceCache.set(pattern, matcher);
  return matcher;
}
