import type { z } from 'zod';
import { ScenarioSchema, type Scenario } from './schema';

/**
 * The scenario as it is written to links and files: every field that equals its schema default (an empty
 * list of policies, no tags, the path "/", an empty layout) is left out, so a version-2 link of a small
 * scenario is no longer than the version-1 link was, whatever collections later versions add.
 * `parseScenario` puts the defaults back, so `parseScenario(compactScenario(s))` gives `s` again.
 *
 * The walk follows the zod schema, so a field added later with a default is compacted without any change
 * here. Policy documents are loose objects without defaults and are copied as written.
 */
export function compactScenario(scenario: Scenario): unknown {
  return compact(ScenarioSchema, scenario);
}

type AnySchema = z.core.$ZodType;
interface Def {
  readonly type: string;
  readonly shape?: Record<string, AnySchema>;
  readonly element?: AnySchema;
  readonly innerType?: AnySchema;
  readonly options?: readonly AnySchema[];
  readonly valueType?: AnySchema;
  readonly defaultValue?: unknown;
  readonly catchall?: AnySchema;
}

const defOf = (schema: AnySchema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
  }
  return false;
}

/** The union member `value` belongs to: the one whose literal discriminators all match. */
function optionFor(options: readonly AnySchema[], value: unknown): AnySchema | undefined {
  if (!isRecord(value)) return undefined;
  return options.find((o) => {
    const d = defOf(o);
    if (d.type !== 'object' || !d.shape) return false;
    return Object.entries(d.shape).every(([k, f]) => {
      const fd = defOf(f);
      return fd.type !== 'literal' || (fd as unknown as { values: readonly unknown[] }).values.includes(value[k]);
    });
  });
}

function compact(schema: AnySchema, value: unknown): unknown {
  const d = defOf(schema);
  switch (d.type) {
    case 'default':
    case 'optional':
    case 'nullable':
      return d.innerType ? compact(d.innerType, value) : value;
    case 'array':
      return Array.isArray(value) && d.element ? value.map((v) => compact(d.element as AnySchema, v)) : value;
    case 'record': {
      if (!isRecord(value) || !d.valueType) return value;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(value)) out[k] = compact(d.valueType, value[k]);
      return out;
    }
    case 'union': {
      const option = optionFor(d.options ?? [], value);
      return option ? compact(option, value) : value;
    }
    case 'object': {
      // A loose object (a policy document) keeps keys its shape does not name: it is copied as written.
      if (!isRecord(value) || !d.shape || (d.catchall && defOf(d.catchall).type !== 'never')) return value;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(value)) {
        const field = d.shape[k];
        const v = value[k];
        if (v === undefined) continue;
        if (!field) {
          out[k] = v;
          continue;
        }
        const fd = defOf(field);
        if (fd.type === 'default' && equal(v, fd.defaultValue)) continue;
        out[k] = compact(field, v);
      }
      return out;
    }
    default:
      return value;
  }
}
