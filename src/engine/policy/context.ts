import type { RequestContext } from './types';

/** Raw context values as carried by a request: every value a string, multivalued keys as arrays. */
export type RawContext = Readonly<Record<string, string | readonly string[]>>;

/** Lower-cased condition key names: policies use few distinct keys, so each is lower-cased once. */
const lowerNames = new Map<string, string>();

/**
 * `key` lower-cased; the same string object for the same key (comparisons then stop at the pointer). The
 * lower-cased string is itself a key of the table, so its hash is computed once: two different keys of the
 * same length then differ at their hashes, without comparing characters.
 */
export function lowerKey(key: string): string {
  let l = lowerNames.get(key);
  if (l === undefined) {
    const lower = key.toLowerCase();
    if (lowerNames.size > 10_000) lowerNames.clear();
    l = lowerNames.get(lower) ?? lower;
    lowerNames.set(lower, l);
    lowerNames.set(key, l);
  }
  return l;
}

/**
 * The keys of one context object, for lookups. A request context has a handful of keys, so they are
 * scanned (no hash table per context); a later key wins over an earlier one that differs only in case.
 *
 * The lookup is one array of lower-cased keys and their values as lists, side by side (`[key, values, key,
 * values, ...]`), made once: a condition's lookup reads this object and that array, not the raw context, its
 * key list and a list made per lookup. (Deciding many requests, as many memory lines as there are objects
 * read: fewer, smaller objects is what makes a decision fast when the machine's caches are busy.)
 */
class FlatContext implements RequestContext {
  private readonly entries: ReadonlyArray<string | readonly string[]>;
  private readonly names: readonly string[];
  constructor(raw: RawContext) {
    const names = Object.keys(raw);
    const entries: Array<string | readonly string[]> = new Array(names.length * 2);
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      const value = raw[name] as string | readonly string[];
      entries[2 * i] = lowerKey(name);
      entries[2 * i + 1] = typeof value === 'string' ? [value] : value;
    }
    this.entries = entries;
    this.names = names;
  }
  get(key: string): readonly string[] | undefined {
    return this.getLower(lowerKey(key));
  }
  /** Lookup by a key already lower-cased. */
  getLower(lowerKey: string): readonly string[] | undefined {
    const entries = this.entries;
    for (let i = entries.length - 2; i >= 0; i -= 2) {
      if (entries[i] === lowerKey) return entries[i + 1] as readonly string[];
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
  return sharedLayer(raw);
}

/**
 * The layer of a context object that outlives the evaluation (a drawn edge's extra keys): made once per
 * object and shared, like `createContext`'s lookups.
 */
export function sharedLayer(raw: RawContext): ContextLayer {
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
    protected a: FlatContext,
    protected b: FlatContext,
    protected c: FlatContext | undefined,
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

/**
 * A layered context whose layers are set again for each request (`set`): for deciding many requests at
 * verdict detail, where the evaluation keeps nothing of the context, one object serves them all instead of one
 * per request. What `set` returns is valid until the next `set`: never give it to anything that keeps it.
 */
export class ReusableLayers extends LayeredContext {
  constructor() {
    const empty = new FlatContext({});
    super(empty, empty, undefined);
  }
  set(a: ContextLayer, b: ContextLayer, c?: ContextLayer): RequestContext {
    this.a = a;
    this.b = b;
    this.c = c;
    return this;
  }
}
