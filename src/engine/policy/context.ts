import type { RequestContext } from './types';

/** Raw context values as carried by a request: every value a string, multivalued keys as arrays. */
export type RawContext = Readonly<Record<string, string | readonly string[]>>;

/** Lower-cased condition key names: policies use few distinct keys, so each is lower-cased once. */
const lowerNames = new Map<string, string>();

function lower(key: string): string {
  let l = lowerNames.get(key);
  if (l === undefined) {
    l = key.toLowerCase();
    if (lowerNames.size > 10_000) lowerNames.clear();
    lowerNames.set(key, l);
  }
  return l;
}

class MapContext implements RequestContext {
  private readonly byLower = new Map<string, readonly string[]>();
  private readonly names: string[] = [];
  constructor(raw: RawContext) {
    for (const key of Object.keys(raw)) {
      const value = raw[key] as string | readonly string[];
      this.byLower.set(key.toLowerCase(), typeof value === 'string' ? [value] : value);
      this.names.push(key);
    }
  }
  get(key: string): readonly string[] | undefined {
    return this.byLower.get(lower(key));
  }
  /** Lookup by a key already lower-cased. */
  getLower(lowerKey: string): readonly string[] | undefined {
    return this.byLower.get(lowerKey);
  }
  keys(): readonly string[] {
    return this.names;
  }
}

/** Requests built from one edge share their context object: build its lookup once. */
const cache = new WeakMap<RawContext, MapContext>();

/**
 * Builds a `RequestContext` from plain key/value pairs. Key lookup is case-insensitive, as AWS treats
 * condition key names ("Condition key names are not case-sensitive" — IAM JSON policy elements: Condition).
 * Contexts are treated as immutable: the lookup built for a context object is reused.
 */
export function createContext(raw: RawContext): RequestContext {
  return mapContext(raw);
}

function mapContext(raw: RawContext): MapContext {
  let ctx = cache.get(raw);
  if (!ctx) {
    ctx = new MapContext(raw);
    cache.set(raw, ctx);
  }
  return ctx;
}

class LayeredContext implements RequestContext {
  constructor(private readonly layers: readonly MapContext[]) {}
  get(key: string): readonly string[] | undefined {
    const lk = lower(key);
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const v = (this.layers[i] as MapContext).getLower(lk);
      if (v !== undefined) return v;
    }
    return undefined;
  }
  keys(): readonly string[] {
    const seen = new Map<string, string>();
    for (const layer of this.layers) for (const k of layer.keys()) seen.set(lower(k), k);
    return [...seen.values()];
  }
}

/**
 * The lookup for a context made of layers (later layers win, as in `{...a, ...b}`), each layer's lookup
 * built once and shared: requests from many edges share their principal's and their resource account's keys.
 */
const pairs = new WeakMap<RawContext, WeakMap<RawContext, RequestContext>>();

export function layeredContext(layers: ReadonlyArray<RawContext | undefined>): RequestContext {
  // The common case, two shared layers (principal keys, resource-account keys): one lookup object per pair.
  if (layers.length === 3 && layers[2] === undefined && layers[0] && layers[1]) {
    const [a, b] = layers as [RawContext, RawContext];
    let inner = pairs.get(a);
    if (!inner) {
      inner = new WeakMap();
      pairs.set(a, inner);
    }
    let ctx = inner.get(b);
    if (!ctx) {
      ctx = new LayeredContext([mapContext(a), mapContext(b)]);
      inner.set(b, ctx);
    }
    return ctx;
  }
  const built: MapContext[] = [];
  for (const layer of layers) if (layer && Object.keys(layer).length > 0) built.push(mapContext(layer));
  return built.length === 1 ? (built[0] as MapContext) : new LayeredContext(built);
}
