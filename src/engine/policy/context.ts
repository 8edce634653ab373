import type { RequestContext } from './types';

/** Raw context values as carried by a request: every value a string, multivalued keys as arrays. */
export type RawContext = Readonly<Record<string, string | readonly string[]>>;

/**
 * Builds a `RequestContext` from plain key/value pairs. Key lookup is case-insensitive, as AWS treats
 * condition key names ("Condition key names are not case-sensitive" — IAM JSON policy elements: Condition).
 */
export function createContext(raw: RawContext): RequestContext {
  const byLower = new Map<string, readonly string[]>();
  const names: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    byLower.set(key.toLowerCase(), typeof value === 'string' ? [value] : value);
    names.push(key);
  }
  return {
    get: (key) => byLower.get(key.toLowerCase()),
    keys: () => names,
  };
}
