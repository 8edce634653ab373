import type { RequestContext } from './types';

/** Raw context values as carried by a request: every value a string, multivalued keys as arrays. */
export type RawContext = Readonly<Record<string, string | readonly string[]>>;

/** Lower-cased condition key names: policies use few distinct keys, so each is lower-cased once. */
const lowerNames = new Map<string, string>();

/** `key` lower-cased; the same string object for the same key (comparisons then stop at the pointer). */
export function lowerKey(key: string): string {
  let l = lowerNames.get(key);
  if (l === undefined) {
    l = key.toLowerCase();
    if (lowerNames.size > 10_000) lowerNames.clear();
    lowerNames.set(key, l);
  }
  return l;
}

/**
 * The keys of one context object, for lookups. A request context has a handful of keys, so they are
 * scanned (no hash table per context); a later key wins over an earlier one that differs only in case.
 */
class FlatContext implements RequestContext {
  private readonly names: readonly string[];
  private readonly lower: readonly string[];
  constructor(private readonly raw: RawContext) {
    this.names = Object.keys(raw);
    this.lower = this.names.map(lowerKey);
  }
  get(key: string): readonly string[] | undefined {
    return this.getLower(lowerKey(key));
  }
  /** Lookup by a key already lower-cased. */
  getLower(lowerKey: string): readonly string[] | undefined {
    const lower = this.lower;
    for (let i = lower.length - 1; i >= 0; i--) {
      if (lower[i] === lowerKey) {
        const value = this.raw[this.names[i] as string] as string | readonly string[];
        return typeof value === 'string' ? [value] : value;
      }
    }
    return undefined;
  }
  keys(): readonly string[] {
    return this.names;
  }
}

/** Requests built from one edge share their context object: build its lookup once. */
const cache = new WeakMap<RawContext, FlatContext>();

/**
 * Builds a `RequestContext` from plain key/value pairs. Key lookup is case-insensitive, as AWS treats
 * condition key names ("Condition key names are not case-sensitive" — IAM JSON policy elements: Condition).
 * Contexts are treated as immutable: the lookup built for a context object is reused.
 */
export function createContext(raw: RawContext): RequestContext {
  let ctx = cache.get(raw);
  if (!ctx) {
    ctx = new FlatContext(raw);
    cache.set(raw, ctx);
  }
  return ctx;
}

/** Condition keys of a request in two or three layers: a later layer wins, as in `{...a, ...b, ...c}`. */
class LayeredContext implements RequestContext {
  constructor(
    private readonly a: FlatContext,
    private readonly b: FlatContext,
    private readonly c: FlatContext | undefined,
  ) {}
  get(key: string): readonly string[] | undefined {
    return this.getLower(lowerKey(key));
  }
  getLower(lowerKey: string): readonly string[] | undefined {
    return this.c?.getLower(lowerKey) ?? this.b.getLower(lowerKey) ?? this.a.getLower(lowerKey);
  }
  keys(): readonly string[] {
    const seen = new Map<string, string>();
    for (const layer of this.c ? [this.a, this.b, this.c] : [this.a, this.b]) for (const k of layer.keys()) seen.set(lowerKey(k), k);
    return [...seen.values()];
  }
}

/** One layer of a request context, for `layeredContext`. Built from plain keys and values, not cached. */
export type ContextLayer = FlatContext;

export function contextLayer(raw: RawContext): ContextLayer {
  return new FlatContext(raw);
}

/**
 * The lookup for a context made of layers (later layers win, as in `{...a, ...b}`): requests from many
 * edges share their principal's and their resource account's layers instead of copying their keys.
 */
export function layeredContext(a: ContextLayer, b?: ContextLayer, c?: ContextLayer): RequestContext {
  return b === undefined ? a : new LayeredContext(a, b, c);
}
