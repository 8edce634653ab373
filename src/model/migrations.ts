/**
 * Ordered migrations of stored scenarios. `MIGRATIONS[n]` turns a version-n document into version n+1.
 * Each works on plain JSON (the document is not valid yet) and must not throw on odd input: validation
 * runs afterwards and reports what is wrong, located.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function renameKeys(item: unknown, renames: Record<string, string>): unknown {
  if (!isObject(item)) return item;
  const out: Json = {};
  for (const key of Object.keys(item)) {
    // Own-property lookups only: a key such as "constructor" must not find Object.prototype's.
    const renamed = Object.hasOwn(renames, key) ? renames[key] : undefined;
    const target = renamed ?? key;
    if (!Object.hasOwn(out, target) || renamed) Object.defineProperty(out, target, { value: item[key], enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * Version 0: the pre-release format. Accounts were `{ accountId, name }` and edges used `source` /
 * `target`; there was no `version` field.
 */
function v0ToV1(doc: Json): Json {
  return {
    ...doc,
    version: 1,
    accounts: Array.isArray(doc['accounts']) ? doc['accounts'].map((a) => renameKeys(a, { accountId: 'id' })) : doc['accounts'],
    edges: Array.isArray(doc['edges']) ? doc['edges'].map((e) => renameKeys(e, { source: 'from', target: 'to' })) : doc['edges'],
  };
}

/**
 * Version 1 → 2: groups and managed policies became entries of their own (`groups`, `managedPolicies`,
 * optional attachments on principals) and the layout may list entities that are not drawn. A version-1
 * document has none of them, and every version-1 field means the same in version 2, so only the version
 * changes; the new collections default to empty.
 */
function v1ToV2(doc: Json): Json {
  return { ...doc, version: 2 };
}

export const MIGRATIONS: ReadonlyArray<(doc: Json) => Json> = [v0ToV1, v1ToV2];

/** Runs every migration from `fromVersion` up to the current version. */
export function migrate(doc: Json, fromVersion: number): Json {
  let current = doc;
  for (let v = fromVersion; v < MIGRATIONS.length; v++) {
    const step = MIGRATIONS[v];
    if (step) current = step(current);
  }
  return current;
}
