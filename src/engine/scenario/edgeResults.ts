/**
 * The results of one evaluation by edge or rule-target id: a read-only map whose keys are in a table shared
 * by every evaluation of the same edges and rules, and whose values are one array.
 *
 * A policy edit re-evaluates a handful of edges and keeps every other result (see `evaluateScenario`). With a
 * `Map` per evaluation, each edit copied all 10,000 entries of the large scenario (a third of the
 * re-evaluation's time); here the next evaluation shares the key table (the ids and their slots, which
 * depend only on the scenario's edge and rule arrays) and copies one array of pointers.
 */
import type { Scenario } from '../../model';

/** What one result is decided from: a drawn edge, or a rule target with its rule. */
export type ResultSource = Scenario['edges'][number] | { readonly rule: Scenario['rules'][number]; readonly target: Scenario['rules'][number]['targets'][number] };

/** The ids of a scenario's edges and rule targets and the slot of each: shared by evaluations of the same arrays. */
export class EdgeSlots {
  /** Distinct ids in the order a `Map` would list them (first occurrence). */
  readonly ids: readonly string[];
  /** Whether no id is given twice: the slot of the i-th edge (then of the i-th rule target) is then i. */
  readonly distinct: boolean;
  readonly #slot: ReadonlyMap<string, number>;
  /** What each slot's result is decided from (of an id given twice, the last, as a `Map` would keep). */
  readonly #sources: readonly ResultSource[];
  /** The arrays the ids were read from (compared by reference to decide whether slots can be shared). */
  readonly edges: Scenario['edges'];
  readonly rules: Scenario['rules'];
  /** Per principal or resource id, the slots of the results that touch it (made on first use). */
  #dependents: ReadonlyMap<string, readonly number[]> | undefined;

  constructor(edges: Scenario['edges'], rules: Scenario['rules']) {
    const slot = new Map<string, number>();
    const ids: string[] = [];
    const sources: ResultSource[] = [];
    const add = (id: string, source: ResultSource): void => {
      const at = slot.get(id);
      if (at !== undefined) {
        sources[at] = source;
        return;
      }
      slot.set(id, ids.length);
      ids.push(id);
      sources.push(source);
    };
    for (let i = 0; i < edges.length; i++) {
      const edge = edges[i] as Scenario['edges'][number];
      add(edge.id, edge);
    }
    for (const rule of rules) for (const target of rule.targets) add(target.id, { rule, target });
    this.ids = ids;
    let given = edges.length;
    for (const rule of rules) given += rule.targets.length;
    this.distinct = ids.length === given;
    this.#slot = slot;
    this.#sources = sources;
    this.edges = edges;
    this.rules = rules;
  }

  /** What the result in `slot` is decided from. */
  source(slot: number): ResultSource {
    return this.#sources[slot] as ResultSource;
  }

  /** The slot of `id`, or `undefined`. */
  slot(id: string): number | undefined {
    return this.#slot.get(id);
  }

  /**
   * The slots of the results that depend on a principal or resource id (see `dependentsOf`), indexed once per
   * edge and rule arrays: a policy edit then finds its edges without a pass over all of them.
   */
  dependents(index: () => ReadonlyMap<string, readonly string[]>): ReadonlyMap<string, readonly number[]> {
    if (this.#dependents === undefined) {
      const bySlot = new Map<string, number[]>();
      for (const [id, list] of index()) {
        const slots: number[] = [];
        for (const dependent of list) {
          const s = this.#slot.get(dependent);
          if (s !== undefined && !slots.includes(s)) slots.push(s);
        }
        bySlot.set(id, slots);
      }
      this.#dependents = bySlot;
    }
    return this.#dependents;
  }
}

/** A read-only map from id to result over shared `EdgeSlots`. Iterates in the scenario's order, like a `Map`. */
export class EdgeResults<V> implements ReadonlyMap<string, V> {
  constructor(
    readonly slots: EdgeSlots,
    /** One result per slot (never sparse once the evaluation is made). */
    readonly results: readonly V[],
  ) {}

  get size(): number {
    return this.results.length;
  }
  get(id: string): V | undefined {
    const s = this.slots.slot(id);
    return s === undefined ? undefined : this.results[s];
  }
  has(id: string): boolean {
    return this.slots.slot(id) !== undefined;
  }
  keys(): MapIterator<string> {
    return this.slots.ids.values();
  }
  values(): MapIterator<V> {
    return this.results.values();
  }
  entries(): MapIterator<[string, V]> {
    return pairs(this.slots.ids, this.results);
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    const ids = this.slots.ids;
    for (let i = 0; i < ids.length; i++) fn.call(thisArg, this.results[i] as V, ids[i] as string, this);
  }
  get [Symbol.toStringTag](): string {
    return 'EdgeResults';
  }
}

function* pairs<V>(ids: readonly string[], results: readonly V[]): Generator<[string, V], undefined, unknown> {
  for (let i = 0; i < ids.length; i++) yield [ids[i] as string, results[i] as V];
  return undefined;
}
