import type { Scenario } from '../../model';
import { RESOURCE_TYPES } from '../../model';
import { isAssumeRoleAction, KMS_CROSS_ACCOUNT_ACTIONS, RCP_EXEMPT_ACTIONS } from '../evaluate/rules';
import type { ActionSet, Rule } from '../policy/compile';
import { compilePolicy, normalizePolicy } from '../policy/normalize';
import { isS3ObjectAction } from '../scenario/requests';
import { scenarioPolicies } from './names';

/**
 * Actions, grouped so that each group is decided once. The engine's decision depends on the action only
 * through the Action / NotAction patterns it is matched against and a few facts about it (an S3 object
 * action addresses `bucket/key`; KMS's cross-account operations; the action RCPs exempt; the AssumeRole
 * family). Two actions that every pattern of every policy in the scenario treats alike, and that share those
 * facts, get the same decision for every principal and resource: deciding one of them decides the class.
 * With `s3:*` in a policy, the 200-odd S3 actions fall into a handful of classes.
 */

/** Actions the engine cannot tell apart in this scenario (one decision stands for all). */
export interface ActionClass {
  readonly id: number;
  readonly service: string;
  /** AWS's spelling, sorted. */
  readonly actions: readonly string[];
  /** The action decided for the class. */
  readonly rep: string;
  /** `rep` lower-cased (what statements are matched with). */
  readonly repLower: string;
  /** An S3 object action: it addresses `bucket/key`. */
  readonly object: boolean;
}

/** The action names of a service this app knows (`src/engine/check/actions.ts`), if any. */
export type ActionLists = (service: string) => readonly string[] | undefined;

/** Every compiled rule of the scenario's policies. */
export function scenarioRules(scenario: Scenario): Rule[] {
  const rules: Rule[] = [];
  for (const doc of scenarioPolicies(scenario)) rules.push(...compilePolicy(normalizePolicy(doc).policy).rules);
  return rules;
}

/** Whether a rule's Action / NotAction element admits an action (lower-cased). */
export function admits(rule: Rule, lower: string): boolean {
  return rule.actionSet.test(lower) !== rule.actionNegated;
}

/** Class ids are unique across universes, so classes of an earlier analysis never share an id with later ones. */
let nextClassId = 0;

/** The classes of each service's actions, for one scenario. */
export class ActionUniverse {
  private readonly sets: readonly ActionSet[];
  private readonly byService = new Map<string, readonly ActionClass[]>();
  private readonly literals = new Map<string, Map<string, string>>();
  /** A signature of every service's partition, to tell whether an edit changed it. */
  private readonly signatures = new Map<string, string>();

  /**
   * The universe for these rules: `previous` itself when the rules use the same action patterns (pattern
   * sets are interned, so the same patterns are the same objects) — its classes, and their ids, stay.
   */
  static of(rules: readonly Rule[], lists: ActionLists, previous?: ActionUniverse): ActionUniverse {
    if (previous && previous.lists === lists) {
      const sets = new Set<ActionSet>();
      for (const r of rules) sets.add(r.actionSet);
      if (sets.size === previous.sets.length && previous.sets.every((x) => sets.has(x))) return previous;
    }
    return new ActionUniverse(rules, lists);
  }

  constructor(
    rules: readonly Rule[],
    private readonly lists: ActionLists,
  ) {
    const sets = new Set<ActionSet>();
    for (const r of rules) {
      sets.add(r.actionSet);
      for (const p of r.actionSet.patterns) {
        const colon = p.indexOf(':');
        if (colon <= 0 || p.includes('*') || p.includes('?')) continue;
        const service = p.slice(0, colon).toLowerCase();
        let names = this.literals.get(service);
        if (!names) {
          names = new Map();
          this.literals.set(service, names);
        }
        if (!names.has(p.toLowerCase())) names.set(p.toLowerCase(), p);
      }
    }
    this.sets = [...sets];
  }

  /** Every action name of a service this analysis knows: its list, the names policies write, the type's common actions. */
  private names(service: string): string[] {
    const byLower = new Map<string, string>();
    for (const a of this.lists(service) ?? []) {
      const full = a.includes(':') ? a : `${service}:${a}`;
      byLower.set(full.toLowerCase(), full);
    }
    for (const [lower, spelled] of this.literals.get(service) ?? []) if (!byLower.has(lower)) byLower.set(lower, spelled);
    for (const info of Object.values(RESOURCE_TYPES)) {
      for (const a of info.commonActions) if (a.toLowerCase().startsWith(`${service}:`) && !byLower.has(a.toLowerCase())) byLower.set(a.toLowerCase(), a);
    }
    if (service === 'sts' && !byLower.has('sts:assumerole')) byLower.set('sts:assumerole', 'sts:AssumeRole');
    return [...byLower.values()].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
  }

  /** The classes of a service's actions (every action this analysis knows of the service). */
  classes(service: string): readonly ActionClass[] {
    const hit = this.byService.get(service);
    if (hit) return hit;
    const groups = new Map<string, string[]>();
    for (const action of this.names(service)) {
      const lower = action.toLowerCase();
      let sig = `${isS3ObjectAction(action) && service === 's3' ? 'o' : 'b'}${KMS_CROSS_ACCOUNT_ACTIONS.has(lower) ? 'k' : '-'}${RCP_EXEMPT_ACTIONS.has(lower) ? 'e' : '-'}${isAssumeRoleAction(lower) ? (lower === 'sts:assumerole' ? 'A' : 'a') : '-'}`;
      for (const set of this.sets) sig += set.test(lower) ? '1' : '0';
      const group = groups.get(sig);
      if (group) group.push(action);
      else groups.set(sig, [action]);
    }
    const classes: ActionClass[] = [...groups.values()].map((actions) => ({
      id: nextClassId++,
      service,
      actions,
      rep: actions[0] as string,
      repLower: (actions[0] as string).toLowerCase(),
      object: service === 's3' && isS3ObjectAction(actions[0] as string),
    }));
    this.byService.set(service, classes);
    this.signatures.set(service, classes.map((c) => c.actions.join(' ')).join('|'));
    return classes;
  }

  /** The class an action belongs to, if the service's actions include it. */
  classOf(service: string, action: string): ActionClass | undefined {
    const lower = action.toLowerCase();
    return this.classes(service).find((c) => c.actions.some((a) => a.toLowerCase() === lower));
  }

  /** The partition of a service, as text: equal texts mean equal classes. */
  signature(service: string): string {
    this.classes(service);
    return this.signatures.get(service) as string;
  }
}
