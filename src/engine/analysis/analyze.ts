import type { Account, IamRole, Organization, Principal, Resource, Scenario } from '../../model';
import { RESOURCE_TYPES, resourceArn } from '../../model';
import { decideResolved, evaluateRequest, type Verdict } from '../evaluate/evaluate';
import { resolveResource } from '../evaluate/resolve';
import { createContext, type RawContext } from '../policy/context';
import type { Rule } from '../policy/compile';
import { compiledOf } from '../policy/normalize';
import { evaluateStatement, type StatementRequest } from '../policy/statement';
import type { RequestContext, SourcedPolicy } from '../policy/types';
import { compileResourcePattern as compileResource } from '../policy/wildcard';
import type { ScenarioEvaluation } from '../scenario/evaluateScenario';
import { RequestContexts } from '../scenario/requests';
import type { Decision } from '../trace';
import type { PrincipalEntity, Request, ResourceEntity, World } from '../world';
import { ActionUniverse, admits, scenarioRules, type ActionClass, type ActionLists } from './actionClasses';
import { namedInPolicies } from './names';
import { buildSubjects, type KeyRule, type SubjectRuntime } from './subjects';
import type { AccessExplanation, AnalysisProgress, AnalysisResource, AnalysisStats, AnalysisSubject, ContextValue, ReachHop } from './types';
import { choose, concrete, type KeyChoice } from './witness';

/**
 * Who can reach what: for every resource of a scenario (and every drawn role, as the resource of
 * `sts:AssumeRole`), every principal — drawn, or an outsider a policy can admit — that may perform each
 * relevant action on it. Every answer is a decision of the engine (`decideResolved`, the rules of
 * `decideRequest`) in the world the canvas's edges are decided in; the analysis only chooses which requests
 * to ask about:
 *
 * - which principals: a principal of the resource's own account whose identity policies could allow an
 *   action on it, or one the resource's policy names (its ARN, its account, its service, or everyone) —
 *   anyone else is implicitly denied by AWS's rules (a cross-account request needs the resource's policy,
 *   a trust or key policy must name the caller, a service principal is admitted only by a resource policy);
 * - which actions: the resource's service's actions that some policy in play could allow on it, one per
 *   class of actions every policy treats alike (`ActionUniverse`);
 * - which request context: the keys that describe the principal and the resource, and — when a statement
 *   asks for more (MFA, an external id, HTTPS, a source ARN) — the values it asks for (`witness.ts`), then
 *   decided again by the engine.
 *
 * Results are kept per resource column, so after an edit only the columns of changed resources and the rows
 * of changed principals are decided again (`AnalysisJob` with a previous analysis).
 */

type Context = Record<string, string | readonly string[]>;

/** One class of actions decided for one principal on one resource (only allowed or explicitly denied ones are kept). */
export interface Grant {
  readonly cls: ActionClass;
  readonly decision: 'allowed' | 'explicit-deny';
  /** The ARN asked about (an S3 object path for object actions). */
  readonly arn: string;
  /** Context keys the search added to the principal's and resource's own. */
  readonly extra?: Context;
}

/** A column: for one resource, the grants of each principal (by subject key) that has any. */
type Column = Map<string, readonly Grant[]>;

export interface AnalysisOptions {
  /** The action names of the services this app knows (src/engine/check/actions.ts). */
  readonly actionLists: ActionLists;
}

/** Who a resource's policy names, digested once. */
interface Namer {
  readonly everyone: boolean;
  readonly arns: ReadonlySet<string>;
  readonly accounts: ReadonlySet<string>;
  readonly services: ReadonlySet<string>;
  /**
   * For a service principal: the source accounts an Allow statement admitting it can be satisfied for
   * (`'any'` when one of them does not pin `aws:SourceAccount` / the account of `aws:SourceArn` with a
   * positive operator). A service acting for another account matches none of its statements.
   */
  readonly sources: ReadonlyMap<string, ReadonlySet<string> | 'any'>;
  /** A statement admitting everyone (or NotPrincipal) and the source accounts it allows a service. */
  readonly everyoneSources: ReadonlySet<string> | 'any';
}

const NOBODY: Namer = { everyone: false, arns: new Set(), accounts: new Set(), services: new Set(), sources: new Map(), everyoneSources: new Set() };

/** Positive operators that pin a key to the values listed (their IfExists forms pass on an absent key). */
const PINNING = /^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/i;

/**
 * The source accounts a statement lets a service act for: those its `aws:SourceAccount` (else the accounts
 * of its `aws:SourceArn`) condition pins with a positive operator, or `'any'`.
 */
function statementSources(rule: Rule): ReadonlySet<string> | 'any' {
  const pinned = (key: string): string[] | undefined => {
    for (const c of rule.conditions) {
      if (c.key.toLowerCase() !== key || !PINNING.test(c.operator)) continue;
      const accounts: string[] = [];
      for (const v of c.values) {
        const account = key === 'aws:sourceaccount' ? v : (v.split(':')[4] ?? '');
        if (!ACCOUNT.test(account)) return undefined;
        accounts.push(account);
      }
      return accounts;
    }
    return undefined;
  };
  const accounts = pinned('aws:sourceaccount') ?? pinned('aws:sourcearn');
  return accounts ? new Set(accounts) : 'any';
}

function unionSources(a: ReadonlySet<string> | 'any' | undefined, b: ReadonlySet<string> | 'any'): ReadonlySet<string> | 'any' {
  if (a === 'any' || b === 'any') return 'any';
  return a ? new Set([...a, ...b]) : b;
}
const ACCOUNT = /^\d{12}$/;
const ROOT = /^arn:aws[a-z-]*:iam::(\d{12}):root$/;

function namerOf(policy: SourcedPolicy | undefined): Namer {
  if (!policy) return NOBODY;
  let everyone = false;
  let everyoneSources: ReadonlySet<string> | 'any' = new Set();
  const arns = new Set<string>();
  const accounts = new Set<string>();
  const services = new Set<string>();
  const sources = new Map<string, ReadonlySet<string> | 'any'>();
  for (const rule of compiledOf(policy).rules) {
    if (rule.effect !== 'Allow') continue;
    const block = rule.principal;
    if (rule.notPrincipal !== undefined || block === '*' || (block !== undefined && (block.AWS ?? []).includes('*'))) {
      everyone = true;
      everyoneSources = unionSources(everyoneSources, statementSources(rule));
    }
    if (block === undefined || block === '*') continue;
    for (const v of block.AWS ?? []) {
      if (v === '*') continue;
      if (ACCOUNT.test(v)) accounts.add(v);
      else {
        const root = ROOT.exec(v);
        if (root) accounts.add(root[1] as string);
        arns.add(v);
      }
    }
    for (const s of block.Service ?? []) {
      const service = s.toLowerCase();
      services.add(service);
      sources.set(service, unionSources(sources.get(service), statementSources(rule)));
    }
  }
  return { everyone, arns, accounts, services, sources, everyoneSources };
}

export interface ResourceRuntime {
  readonly index: number;
  readonly resource: AnalysisResource;
  readonly model: Resource | IamRole;
  /** The entity a request for the resource's own ARN resolves to (a role's: its trust policy). */
  readonly entity: ResourceEntity;
  readonly account: string;
  readonly service: string;
  /** The relevant action classes. */
  readonly classes: readonly ActionClass[];
  /** Sub-paths to try for object actions (S3) or invocations (API Gateway), from the policies' Resource elements. */
  readonly paths: readonly string[];
  readonly namer: Namer;
  /** The policy on the resource's side (resource, key or trust policy). */
  readonly policy: SourcedPolicy | undefined;
  /** What the relevance was computed from, to reuse it after an edit. */
  readonly relevanceKey: string;
  /** The relevant classes, as text (resources with the same classes share what depends only on them). */
  readonly classKey: string;
  /**
   * The classes an Allow statement of the resource's own policy admits (whoever it names), as bits over the
   * positions of `classes` (see `classBit`).
   */
  readonly admitted: number;
}

function sourceAdmitted(sources: ReadonlySet<string> | 'any' | undefined, source: string): boolean {
  return sources !== undefined && (sources === 'any' || sources.has(source));
}

/**
 * How a resource's policy names a subject: `'direct'` (its ARN, its role, or everyone), `'account'` (only its
 * account: an identity policy of its own must then allow too), or `undefined`. A service principal acting for
 * a source account no statement admitting it allows is not named.
 */
function namedBy(namer: Namer, s: SubjectRuntime): 'direct' | 'account' | undefined {
  const e = s.entity;
  if (e.type === 'service') {
    const source = s.subject.sourceAccount ?? s.ownAccount ?? '';
    return (namer.services.has(e.arn) && sourceAdmitted(namer.sources.get(e.arn), source)) || (namer.everyone && sourceAdmitted(namer.everyoneSources, source)) ? 'direct' : undefined;
  }
  if (namer.everyone || namer.arns.has(e.arn) || (e.roleArn !== undefined && namer.arns.has(e.roleArn))) return 'direct';
  return e.account !== undefined && namer.accounts.has(e.account) ? 'account' : undefined;
}

/**
 * The condition keys (lower-cased) of a policy's statements of one effect that admit an action, cached per
 * policy, effect and action.
 */
const conditionKeys = { Allow: new WeakMap<object, Map<string, readonly string[]>>(), Deny: new WeakMap<object, Map<string, readonly string[]>>() };
const NO_KEYS: readonly string[] = Object.freeze([]);
function conditionedKeys(policy: SourcedPolicy, actionLower: string, effect: 'Allow' | 'Deny'): readonly string[] {
  const compiled = compiledOf(policy);
  const cache = conditionKeys[effect];
  let byAction = cache.get(compiled);
  if (!byAction) {
    byAction = new Map();
    cache.set(compiled, byAction);
  }
  let keys = byAction.get(actionLower);
  if (!keys) {
    const set = new Set<string>();
    for (const rule of compiled.rules) if (rule.effect === effect && rule.conditions.length > 0 && admits(rule, actionLower)) for (const c of rule.conditions) set.add(c.key.toLowerCase());
    keys = set.size === 0 ? NO_KEYS : [...set];
    byAction.set(actionLower, keys);
  }
  return keys;
}

/**
 * A class's bit in a mask over a resource's relevant classes, by its position. Past 30 classes every class
 * shares the last bit (a mask then says "maybe" for them: they are decided, never skipped wrongly).
 */
function classBit(position: number): number {
  return 1 << Math.min(position, 30);
}
/** Every class. */
const ALL_CLASSES = -1;

/** A subject's identity Allow rules for one set of relevant classes (see `Prepared.admittingRules`). */
interface AdmittingRules {
  /** Every rule below covers every resource: the classes do not depend on the resource. */
  readonly anywhere: boolean;
  readonly rules: readonly { readonly rule: Rule; readonly mask: number; readonly anywhere: boolean }[];
  readonly mask: number;
}

/** The condition keys that describe what a service principal acts for. */
const SOURCE_KEYS: ReadonlySet<string> = new Set(['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceowner', 'aws:sourceorgid', 'aws:sourceorgpaths']);

/** Policies whose statements name the principal (their Principal element is matched). */
const NAMES_PRINCIPALS: ReadonlySet<string> = new Set(['resource', 'trust', 'key', 'rcp']);

/** A request's context and its lookup. */
interface Keys {
  readonly raw: Context;
  readonly lookup: RequestContext;
}

function contextValues(extra: Context | undefined): ContextValue[] {
  if (!extra) return [];
  return Object.keys(extra).map((key) => {
    const v = extra[key] as string | readonly string[];
    return { key, values: typeof v === 'string' ? [v] : [...v] };
  });
}

/** The world the analysis decides in: the scenario's, with the outsiders' stand-in entities. */
function withOutsiders(base: World, subjects: readonly SubjectRuntime[]): World {
  const extra = new Map<string, PrincipalEntity>();
  for (const s of subjects) if (s.subject.kind !== 'drawn' && s.entity.type !== 'service') extra.set(s.entity.arn, s.entity);
  return {
    principal: (arn) => extra.get(arn) ?? base.principal(arn),
    resource: (arn) => base.resource(arn),
    organizationOf: (account) => base.organizationOf(account),
    roleByName: (account, name) => base.roleByName?.(account, name),
  };
}

/** The prepared scenario: subjects, resources, classes, and how to build and decide their requests. */
export class Prepared {
  readonly world: World;
  readonly contexts: RequestContexts;
  readonly subjects: readonly SubjectRuntime[];
  readonly subjectByKey: ReadonlyMap<string, SubjectRuntime>;
  readonly resources: readonly ResourceRuntime[];
  readonly resourceByKey: ReadonlyMap<string, ResourceRuntime>;
  readonly universe: ActionUniverse;
  /** Identity-policy Allow rules of each drawn principal (by subject key). */
  private readonly identityRules = new Map<string, readonly Rule[]>();
  /** The same rules by the services they can admit (by subject key, then service). */
  private readonly identityByService = new Map<string, Map<string, Rule[]>>();
  /** Subjects by account, by ARN (their own and their role's) and by service: who a policy can name. */
  private readonly byAccount = new Map<string, SubjectRuntime[]>();
  private readonly byArn = new Map<string, SubjectRuntime[]>();
  private readonly byService = new Map<string, SubjectRuntime[]>();
  /** For each service, the subjects whose own side could allow one of its actions (and every outsider and root). */
  private readonly byOwnService = new Map<string, SubjectRuntime[]>();
  /** Every service principal's subjects. */
  private readonly services: SubjectRuntime[] = [];
  private readonly pairs = new Map<SubjectRuntime, Map<string, Keys>>();
  /** Per subject and set of relevant classes: its identity rules that admit one of them, and whether one covers every resource. */
  private readonly admitting: Array<Map<string, AdmittingRules> | undefined> = [];
  decisions = 0;

  constructor(
    readonly scenario: Scenario,
    readonly evaluation: ScenarioEvaluation,
    options: AnalysisOptions,
    previous: Prepared | undefined,
  ) {
    const base = evaluation.world;
    this.contexts = new RequestContexts(base);
    this.subjects = buildSubjects(scenario, base, this.contexts, namedInPolicies(scenario));
    this.subjectByKey = new Map(this.subjects.map((s) => [s.subject.key, s]));
    this.world = withOutsiders(base, this.subjects);
    this.universe = ActionUniverse.of(scenarioRules(scenario), options.actionLists, previous?.universe);
    const index = (map: Map<string, SubjectRuntime[]>, key: string | undefined, s: SubjectRuntime): void => {
      if (key === undefined) return;
      const list = map.get(key);
      if (list) list.push(s);
      else map.set(key, [s]);
    };
    for (const s of this.subjects) {
      const rules: Rule[] = [];
      const byService = new Map<string, Rule[]>();
      if (s.model) {
        for (const p of s.entity.identityPolicies) {
          for (const rule of compiledOf(p).rules) {
            if (rule.effect !== 'Allow') continue;
            rules.push(rule);
            for (const service of this.servicesOf(rule)) (byService.get(service) ?? byService.set(service, []).get(service))?.push(rule);
          }
        }
      }
      this.identityRules.set(s.subject.key, rules);
      this.identityByService.set(s.subject.key, byService);
      const e = s.entity;
      if (e.type === 'service') this.services.push(s);
      else if (s.subject.assumedIdentity || e.type === 'root') for (const service of ALL_SERVICES) index(this.byOwnService, service, s);
      else for (const service of byService.keys()) index(this.byOwnService, service, s);
      if (e.type === 'service') index(this.byService, e.arn.toLowerCase(), s);
      else {
        index(this.byAccount, e.account, s);
        index(this.byArn, e.arn, s);
        if (e.roleArn !== undefined && e.roleArn !== e.arn) index(this.byArn, e.roleArn, s);
      }
    }
    this.resources = this.buildResources(previous);
    this.resourceByKey = new Map(this.resources.map((r) => [r.resource.key, r]));
  }

  /** Every drawn resource and every drawn role (as the resource of sts:AssumeRole). */
  private buildResources(previous: Prepared | undefined): ResourceRuntime[] {
    const { scenario, evaluation } = this;
    const base = evaluation.world;
    // Identity Allow rules of every drawn principal, grouped by their Resource element: which classes each
    // group could allow, per service.
    const groups = new Map<string, Map<object | undefined, { rules: Rule[]; patterns: readonly string[] | undefined; negated: boolean }>>();
    const signature = new Map<string, Set<string>>();
    for (const s of this.subjects) {
      for (const rule of this.identityRules.get(s.subject.key) ?? []) {
        for (const service of this.servicesOf(rule)) {
          let byResource = groups.get(service);
          if (!byResource) {
            byResource = new Map();
            groups.set(service, byResource);
          }
          const key = rule.resourceSet;
          let g = byResource.get(key);
          if (!g) {
            g = { rules: [], patterns: rule.resourceSet?.patterns, negated: rule.resourceNegated };
            byResource.set(key, g);
          }
          g.rules.push(rule);
          const sig = signature.get(service) ?? signature.set(service, new Set()).get(service);
          sig?.add(`${rule.actionNegated ? '!' : ''}${idOf(rule.actionSet)}@${rule.resourceNegated ? '!' : ''}${rule.resourceSet ? idOf(rule.resourceSet) : ''}`);
        }
      }
    }
    // What each service's relevance depends on, as a short key: the universe and the identity rules' patterns.
    const serviceKey = (service: string): string => `${internKey(this.universe.signature(service))}:${internKey([...(signature.get(service) ?? [])].sort().join(' '))}`;
    const keys = new Map<string, string>();
    const keyOf = (service: string): string => keys.get(service) ?? (keys.set(service, serviceKey(service)).get(service) as string);

    const out: ResourceRuntime[] = [];
    const add = (model: Resource | IamRole, type: AnalysisResource['type'], account: string, service: string, arn: string, entity: ResourceEntity, policy: SourcedPolicy | undefined): void => {
      const relevanceKey = keyOf(service);
      const before = previous?.resourceByKey.get(model.id);
      if (before && before.model === model && before.relevanceKey === relevanceKey && before.entity === entity) {
        // Same resource, same classes, same identity rules for its service: everything derived from it stands.
        out.push({ ...before, index: out.length });
        return;
      }
      const { classes, paths } = this.relevance(service, type, arn, policy, groups.get(service));
      const count = classes.reduce((n, c) => n + c.actions.length, 0);
      out.push({
        index: out.length,
        resource: { key: model.id, label: model.name, type, account, service, arn, relevantActions: count },
        model,
        entity,
        account,
        service,
        classes,
        paths,
        namer: namerOf(policy),
        policy,
        relevanceKey,
        classKey: classes.map((c) => c.id).join(','),
        admitted: classes.reduce((mask, c, i) => (policy !== undefined && compiledOf(policy).rules.some((rule) => rule.effect === 'Allow' && admits(rule, c.repLower)) ? mask | classBit(i) : mask), 0),
      });
    };
    for (const r of scenario.resources) {
      const entry = base.resourcesById.get(r.id);
      if (!entry) continue;
      const arn = resourceArn(r);
      const entity = base.resourceArnsUnique ? entry.entity : resolveResource(base, arn);
      add(r, r.type, r.accountId, RESOURCE_TYPES[r.type].service, arn, entity, entity.resourcePolicy);
    }
    for (const p of scenario.principals) {
      if (p.type !== 'iam-role') continue;
      const entry = base.principalsById.get(p.id);
      if (!entry) continue;
      const entity = this.contexts.roleAsResource(p, entry.entity.arn);
      add(p, 'iam-role', p.accountId, 'sts', entry.entity.arn, entity, entity.resourcePolicy);
    }
    return out;
  }

  /** The services whose actions a rule can admit (by its patterns' prefixes; `*` and NotAction: every service in play). */
  private servicesOf(rule: Rule): string[] {
    if (rule.actionNegated || rule.actionSet.all) return ALL_SERVICES;
    const out = new Set<string>();
    for (const p of rule.actionSet.patterns) {
      const colon = p.indexOf(':');
      if (colon > 0 && !p.slice(0, colon).includes('*')) out.add(p.slice(0, colon).toLowerCase());
      else return ALL_SERVICES;
    }
    return [...out];
  }

  /**
   * The classes some policy in play could allow on a resource — its own policy, or a drawn principal's
   * identity policy whose Resource element matches it — and the sub-paths to try.
   */
  private relevance(service: string, type: AnalysisResource['type'], arn: string, policy: SourcedPolicy | undefined, groups: Map<object | undefined, { rules: Rule[]; patterns: readonly string[] | undefined; negated: boolean }> | undefined): { classes: ActionClass[]; paths: string[] } {
    const all = this.universe.classes(service);
    if (type === 'iam-role') return { classes: all.filter((c) => c.rep.toLowerCase() === 'sts:assumerole'), paths: [] };
    const objectArn = type === 's3-bucket' ? `${arn}/*` : arn;
    const prefix = `${arn}/`;
    const rules: Rule[] = [];
    const paths = new Set<string>();
    const addPaths = (patterns: readonly string[] | undefined): void => {
      for (const p of patterns ?? []) if (p.startsWith(prefix) && p.length > prefix.length && paths.size < 4) paths.add(concrete(p.slice(prefix.length)));
    };
    if (policy) {
      for (const rule of compiledOf(policy).rules) {
        if (rule.effect !== 'Allow') continue;
        rules.push(rule);
        addPaths(rule.resourceSet?.patterns);
      }
    }
    for (const g of groups?.values() ?? []) {
      if (!g.patterns || g.negated || g.patterns.includes('*') || g.patterns.some((p) => p.includes('${')) || g.patterns.some((p) => matchesArn(p, arn) || matchesArn(p, objectArn) || p.startsWith(prefix))) {
        rules.push(...g.rules);
        if (!g.negated) addPaths(g.patterns);
      }
    }
    const classes = all.filter((c) => {
      const lower = c.rep.toLowerCase();
      return rules.some((r) => admits(r, lower));
    });
    const sub = type === 's3-bucket' || type === 'apigateway-rest-api' ? [...paths].filter((p) => p !== 'x') : [];
    return { classes, paths: sub };
  }

  private readonly arnsByClass = new Map<ResourceRuntime, Map<number, readonly string[]>>();
  /** The ARNs to ask about for a class on a resource: its own (or every object), then the sub-paths policies name. */
  arnsFor(r: ResourceRuntime, cls: ActionClass): readonly string[] {
    let byClass = this.arnsByClass.get(r);
    if (!byClass) {
      byClass = new Map();
      this.arnsByClass.set(r, byClass);
    }
    let arns = byClass.get(cls.id);
    if (!arns) {
      arns = this.makeArns(r, cls);
      byClass.set(cls.id, arns);
    }
    return arns;
  }

  private makeArns(r: ResourceRuntime, cls: ActionClass): string[] {
    const model = r.model;
    if (r.resource.type === 's3-bucket') {
      if (!cls.object) return [r.resource.arn];
      return [resourceArn(model as Resource, '*'), ...r.paths.map((p) => resourceArn(model as Resource, p))];
    }
    if (r.resource.type === 'apigateway-rest-api') return [r.resource.arn, ...r.paths.map((p) => resourceArn(model as Resource, p))];
    return [r.resource.arn];
  }

  /**
   * The relevant classes of the resource that the subject's own side could allow: those an identity Allow
   * statement of its admits, on a Resource element that matches the resource (`undefined`: every class — an
   * outsider decided as if its own account allows it, or a root user). Prunes what AWS denies anyway.
   */
  ownSide(s: SubjectRuntime, r: ResourceRuntime): number {
    if (s.subject.assumedIdentity || s.entity.type === 'root') return ALL_CLASSES;
    if (s.entity.type === 'service') return 0;
    const hit = this.admittingRules(s, r);
    if (hit.anywhere) return hit.mask;
    let out = 0;
    let arns: readonly string[] | undefined;
    for (const { rule, mask, anywhere } of hit.rules) {
      if ((out | mask) === out) continue;
      if (!anywhere) {
        arns ??= this.candidateArns(r);
        let matched = false;
        for (const m of (rule.resourceSet as NonNullable<Rule['resourceSet']>).matchers) {
          for (const arn of arns) if ((m as (arn: string) => boolean)(arn)) matched = true;
          if (matched) break;
        }
        if (!matched) continue;
      }
      out |= mask;
    }
    return out;
  }

  /** Whether the subject's own side could allow any relevant action on the resource. */
  identityCouldAllow(s: SubjectRuntime, r: ResourceRuntime): boolean {
    return this.ownSide(s, r) !== 0;
  }

  /**
   * The subject's identity Allow rules that admit some relevant class of the resource, each with the classes
   * it admits and whether it covers every resource: the same for every resource with the same classes.
   */
  private admittingRules(s: SubjectRuntime, r: ResourceRuntime): AdmittingRules {
    let byClasses = this.admitting[s.index];
    if (!byClasses) {
      byClasses = new Map();
      this.admitting[s.index] = byClasses;
    }
    let hit = byClasses.get(r.classKey);
    if (!hit) {
      let all = 0;
      const rules: AdmittingRules['rules'][number][] = [];
      let anywhere = true;
      for (const rule of this.identityByService.get(s.subject.key)?.get(r.service) ?? []) {
        let mask = 0;
        r.classes.forEach((c, i) => {
          if (admits(rule, c.repLower)) mask |= classBit(i);
        });
        if (mask === 0) continue;
        const everywhere = !rule.resourceSet || rule.resourceNegated || rule.resourceSet.all || rule.resourceSet.hasVariables;
        if (!everywhere) anywhere = false;
        all |= mask;
        rules.push({ rule, mask, anywhere: everywhere });
      }
      hit = { anywhere: anywhere && rules.length > 0, rules, mask: all };
      byClasses.set(r.classKey, hit);
    }
    return hit;
  }

  private readonly arnCache = new Map<ResourceRuntime, string[]>();
  private candidateArns(r: ResourceRuntime): string[] {
    let arns = this.arnCache.get(r);
    if (!arns) {
      arns = [...new Set(r.classes.flatMap((c) => this.arnsFor(r, c)))];
      this.arnCache.set(r, arns);
    }
    return arns;
  }

  /**
   * The subjects worth deciding on a resource: those its policy names (by ARN, account or service; everyone
   * for `"*"`) and, for a plain resource policy, the principals of its own account; `isCandidate` then
   * applies AWS's rules.
   */
  candidates(r: ResourceRuntime): readonly SubjectRuntime[] {
    if (r.classes.length === 0) return [];
    const n = r.namer;
    // Marked by index, then listed in the subjects' order (no set, no sort: this runs for every column).
    const marks = (this.marks ??= new Uint8Array(this.subjects.length));
    marks.fill(0);
    let count = 0;
    const add = (list: readonly SubjectRuntime[] | undefined): void => {
      if (!list) return;
      for (const s of list) {
        if (marks[s.index] === 0) {
          marks[s.index] = 1;
          count++;
        }
      }
    };
    if (n.everyone) {
      // Everyone is named: those whose own side could allow the service's actions, the resource's own
      // account, and every service principal.
      add(this.byOwnService.get(r.service));
      add(this.byAccount.get(r.account));
      add(this.services);
    } else {
      for (const arn of n.arns) add(this.byArn.get(arn));
      for (const account of n.accounts) add(this.byAccount.get(account));
      for (const service of n.services) add(this.byService.get(service));
      if (r.entity.flavor === 'resource') add(this.byAccount.get(r.account));
    }
    const out = new Array<SubjectRuntime>(count);
    let k = 0;
    for (let i = 0; i < marks.length && k < count; i++) if (marks[i] === 1) out[k++] = this.subjects[i] as SubjectRuntime;
    return out;
  }
  private marks: Uint8Array | undefined;

  /** Whether a subject is decided on a resource at all. */
  isCandidate(s: SubjectRuntime, r: ResourceRuntime): boolean {
    return this.pairPlan(s, r) !== undefined;
  }

  /**
   * What AWS's rules leave to decide for a pair, or `undefined` when they deny every action anyway: how the
   * resource's policy names the subject and which classes its own side could allow.
   */
  private pairPlan(s: SubjectRuntime, r: ResourceRuntime): { readonly named: 'direct' | 'account' | undefined; readonly own: number } | undefined {
    if (r.classes.length === 0) return undefined;
    const named = namedBy(r.namer, s);
    // A service principal is admitted only by a resource policy (it has no identity policies).
    if (s.entity.type === 'service') return named !== undefined ? { named, own: 0 } : undefined;
    // A trust or key policy must name the caller, even in its own account; across accounts the resource's
    // policy must name the caller too.
    if (named === undefined && (s.entity.account !== r.account || r.entity.flavor !== 'resource')) return undefined;
    const own = this.ownSide(s, r);
    const ownAllows = own !== 0;
    // Across accounts both sides must allow.
    if (s.entity.account !== r.account) return ownAllows ? { named, own } : undefined;
    // In one account either side may allow (a trust or key policy must name the caller in any case) — but a
    // grant to the account alone needs the identity side too (Policy evaluation for requests within a
    // single account; KMS: "Key policies" — the account principal enables IAM policies).
    return named === 'direct' || ownAllows ? { named, own } : undefined;
  }

  private readonly blind = new Map<ResourceRuntime, boolean>();
  /**
   * Whether nothing a service principal's request to the resource is decided by — its policy and its
   * account's RCPs (SCPs do not apply to service principals) — has a condition on the source keys.
   */
  sourceBlind(r: ResourceRuntime): boolean {
    let b = this.blind.get(r);
    if (b === undefined) {
      const policies: SourcedPolicy[] = r.policy ? [r.policy] : [];
      const org = this.world.organizationOf(r.account);
      if (org) for (const l of org.rcpLevels(r.account)) policies.push(...l.policies);
      b = !policies.some((p) => compiledOf(p).rules.some((rule) => rule.conditions.some((c) => SOURCE_KEYS.has(c.key.toLowerCase()))));
      this.blind.set(r, b);
    }
    return b;
  }

  /** The context of a subject's request to a resource of `account`, with `extra` on top. */
  context(s: SubjectRuntime, account: string, extra: Context | undefined): Keys {
    if (s.model && extra) return this.contexts.withExtra(s.model as Principal, account, extra);
    let pairs = this.pairs.get(s);
    if (!pairs) {
      pairs = new Map();
      this.pairs.set(s, pairs);
    }
    let pair = pairs.get(account);
    if (!pair) {
      if (s.model) {
        // A drawn principal's keys are built as its edges' are (one context per principal and account).
        pair = this.contexts.pair(s.model as Principal, account);
      } else {
        const raw: Context = { ...(s.keys ?? {}), ...this.contexts.account(account).raw };
        pair = { raw, lookup: createContext(raw) };
      }
      pairs.set(account, pair);
    }
    if (!extra) return pair;
    const raw = { ...pair.raw, ...extra };
    return { raw, lookup: createContext(raw) };
  }

  request(s: SubjectRuntime, r: ResourceRuntime, action: string, arn: string, extra: Context | undefined): Request {
    const keys = this.context(s, r.account, extra);
    return { principal: s.actingArn, action, resource: arn, context: keys.raw as RawContext, contextLookup: keys.lookup };
  }

  decide(s: SubjectRuntime, r: ResourceRuntime, action: string, arn: string, extra: Context | undefined): Verdict {
    this.decisions++;
    const resource = arn === r.entity.arn ? r.entity : resolveResource(this.world, arn);
    return decideResolved(this.world, this.request(s, r, action, arn, extra), s.entity, resource, s.identity);
  }

  /**
   * Whether a condition on a key the search may set could be what denies: a statement of the policies in
   * the way (every policy for an explicit deny; the failing stage's for an implicit one) that admits the
   * action and whose condition reads such a key. Otherwise tracing the request would find nothing to change.
   */
  /** The policies in the way of a denied request: every policy for an explicit deny, the failing stage's for an implicit one. */
  private policiesInTheWay(s: SubjectRuntime, r: ResourceRuntime, v: Verdict): SourcedPolicy[] {
    const explicit = v.decision === 'explicit-deny';
    const stage = v.failedStage;
    const both = v.reason === 'neither-account-allows';
    const policies: SourcedPolicy[] = [];
    if (explicit || stage === 'resource' || both) if (r.policy) policies.push(r.policy);
    if (explicit || stage === 'identity' || both) policies.push(...s.entity.identityPolicies);
    if ((explicit || stage === 'boundary') && s.entity.permissionsBoundary) policies.push(s.entity.permissionsBoundary);
    if (explicit || stage === 'scp' || both) {
      const org = s.entity.account !== undefined ? this.world.organizationOf(s.entity.account) : undefined;
      if (org && s.entity.account !== undefined) for (const l of org.scpLevels(s.entity.account)) policies.push(...l.policies);
    }
    if (explicit || stage === 'rcp' || both) {
      const org = this.world.organizationOf(r.account);
      if (org) for (const l of org.rcpLevels(r.account)) policies.push(...l.policies);
    }
    return policies;
  }

  /**
   * Whether a condition on a key the search may set could be what denies: a statement of the policies in
   * the way that admits the action and whose condition reads such a key. Otherwise nothing can be changed.
   */
  private conditionInTheWay(s: SubjectRuntime, policies: readonly SourcedPolicy[], cls: ActionClass, v: Verdict): boolean {
    const effect = v.decision === 'explicit-deny' ? 'Deny' : 'Allow';
    for (const p of policies) {
      for (const key of conditionedKeys(p, cls.repLower, effect)) if (s.keyRule(key) !== 'fixed') return true;
    }
    return false;
  }

  /**
   * What to change in a denied request so that it might be allowed: for an explicit deny, a value that makes
   * one condition of each applying Deny statement false; for an implicit deny, values that satisfy the
   * failing conditions of the Allow statements that match the principal, action and resource. Statements are
   * matched by the engine's own statement matcher (`evaluateStatement`). Keys the principal cannot choose
   * (who it is, where the resource is) are never changed, nor a key already set.
   */
  private adjustments(s: SubjectRuntime, r: ResourceRuntime, cls: ActionClass, arn: string, v: Verdict, policies: readonly SourcedPolicy[], extra: Context | undefined): Context | undefined {
    const explicit = v.decision === 'explicit-deny';
    const keys = this.context(s, r.account, extra);
    const req: StatementRequest = { action: cls.rep, actionLower: cls.repLower, resource: arn, context: keys.lookup, identity: s.identity };
    const changes: Context = {};
    let any = false;
    const taken = (key: string): boolean => {
      const lower = key.toLowerCase();
      return Object.keys(extra ?? {}).some((k) => k.toLowerCase() === lower) || Object.keys(changes).some((k) => k.toLowerCase() === lower);
    };
    const set = (key: string, choice: KeyChoice | undefined): boolean => {
      if (!choice || choice === 'absent') return false;
      changes[key] = choice.values.length === 1 ? (choice.values[0] as string) : choice.values;
      any = true;
      return true;
    };
    for (const p of policies) {
      const compiled = compiledOf(p);
      for (const rule of compiled.rules) {
        if (rule.effect !== (explicit ? 'Deny' : 'Allow') || rule.conditions.length === 0 || !admits(rule, cls.repLower)) continue;
        const st = evaluateStatement(rule, req, NAMES_PRINCIPALS.has(p.source.kind), compiled.substitute, true).trace;
        if (!st) continue;
        if (explicit) {
          if (!st.applies) continue;
          for (const c of st.conditions) {
            const rule = s.keyRule(c.key.toLowerCase());
            const allow = allowFor(rule, s);
            if (!allow || taken(c.key)) continue;
            if (set(c.key, choose({ operator: c.operator, key: c.key, values: c.policyValues }, false, allow, rule !== 'own-account-arn'))) break;
          }
        } else {
          if (st.conditionsMatched || !st.action.matched || !st.resource.matched || st.principal?.matched === false) continue;
          for (const c of st.conditions) {
            if (c.matched) continue;
            const rule = s.keyRule(c.key.toLowerCase());
            const allow = allowFor(rule, s);
            if (!allow || taken(c.key)) continue;
            set(c.key, choose({ operator: c.operator, key: c.key, values: c.policyValues }, true, allow, rule !== 'own-account-arn'));
          }
        }
      }
    }
    return any ? changes : undefined;
  }

  /**
   * Looks for an allowed request for one class: first with the principal's and resource's own keys, then
   * with the values the statements in the way ask for (up to three rounds, a key set at most once).
   */
  search(s: SubjectRuntime, r: ResourceRuntime, cls: ActionClass): Grant | undefined {
    let explicit: Grant | undefined;
    for (const arn of this.arnsFor(r, cls)) {
      let extra: Context | undefined;
      for (let round = 0; round < 4; round++) {
        const v = this.decide(s, r, cls.rep, arn, extra);
        if (v.allowed) return { cls, decision: 'allowed', arn, ...(extra ? { extra } : {}) };
        if (round === 0 && v.decision === 'explicit-deny' && !explicit) explicit = { cls, decision: 'explicit-deny', arn };
        if (round === 3) break;
        const policies = this.policiesInTheWay(s, r, v);
        if (!this.conditionInTheWay(s, policies, cls, v)) break;
        const changes = this.adjustments(s, r, cls, arn, v, policies, extra);
        if (!changes) break;
        extra = { ...extra, ...changes };
      }
    }
    return explicit;
  }

  /** The grants of one subject on one resource (none when it is not a candidate). */
  decidePair(s: SubjectRuntime, r: ResourceRuntime): readonly Grant[] | undefined {
    const plan = this.pairPlan(s, r);
    if (!plan) return undefined;
    let out: Grant[] | undefined;
    const classes = r.classes;
    for (let i = 0; i < classes.length; i++) {
      const cls = classes[i] as ActionClass;
      if (!classNeeded(s, r, i, plan.own, plan.named)) continue;
      const g = this.search(s, r, cls);
      if (g) (out ??= []).push(g);
    }
    return out;
  }
}

/** Stable small numbers for interned pattern sets and universes (keys of what relevance depends on). */
const ids = new WeakMap<object, number>();
let nextObjectId = 1;
function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) {
    id = nextObjectId++;
    ids.set(o, id);
  }
  return id;
}
/** Long keys as short numbers (bounded). */
const interned = new Map<string, number>();
function internKey(text: string): number {
  let id = interned.get(text);
  if (id === undefined) {
    if (interned.size > 10_000) interned.clear();
    id = nextObjectId++;
    interned.set(text, id);
  }
  return id;
}

const ALL_SERVICES: string[] = [...new Set([...Object.values(RESOURCE_TYPES).map((t) => t.service), 'sts'])];

/**
 * Whether a class is worth deciding for a pair: AWS allows an action only when an Allow statement of every
 * side that must allow admits it — across accounts both the resource's policy and the caller's own policies;
 * a trust or key policy always; in one account either side; a service principal, the resource's policy. A
 * class no such statement admits is implicitly denied (an explicit Deny on it changes nothing). `ownSide`:
 * the classes the caller's identity policies admit, as bits (every bit for an outsider or a root user).
 */
function classNeeded(s: SubjectRuntime, r: ResourceRuntime, position: number, ownSide: number, named: 'direct' | 'account' | undefined): boolean {
  const bit = classBit(position);
  const byResource = (r.admitted & bit) !== 0;
  if (s.entity.type === 'service') return byResource;
  const byIdentity = (ownSide & bit) !== 0;
  if (s.entity.account !== r.account) return byResource && byIdentity;
  if (r.entity.flavor !== 'resource') return byResource && (named === 'direct' || byIdentity);
  return (byResource && named === 'direct') || byIdentity;
}

/** ARN matching as the Resource element does it, through the engine's compiled sets. */
function matchesArn(pattern: string, arn: string): boolean {
  return resourceMatcher(pattern)(arn);
}
const matchers = new Map<string, (arn: string) => boolean>();
function resourceMatcher(pattern: string): (arn: string) => boolean {
  let m = matchers.get(pattern);
  if (!m) {
    m = compileResource(pattern);
    if (matchers.size > 50_000) matchers.clear();
    matchers.set(pattern, m);
  }
  return m;
}

/** How a key may be set for this subject, as a filter of candidate values (see `choose`). */
function allowFor(rule: KeyRule, s: SubjectRuntime): ((v: string) => string | undefined) | undefined {
  if (rule === 'fixed') return undefined;
  if (rule === 'free') return (v) => v;
  const own = s.ownAccount;
  return (v) => {
    if (!v.startsWith('arn:')) return undefined;
    const parts = v.split(':');
    if (parts.length < 6) return undefined;
    const account = parts[4] ?? '';
    // A source ARN without an account (an S3 bucket's) may be any source's.
    if (rule === 'source-arn' && account === '') return v;
    if (ACCOUNT.test(account)) return account === own ? v : undefined;
    if (own === undefined) return undefined;
    parts[4] = own;
    return parts.join(':');
  };
}

/** The previous run of an analysis and the scenario it was made from. */
export interface AccessAnalysisState {
  readonly prepared: Prepared;
  readonly columns: ReadonlyMap<string, Column>;
}

/**
 * A finished analysis: the grants of every principal on every resource, and the questions asked of it
 * (who can reach, what can be reached, the matrix, the findings of a zone of trust, explanations). It lives
 * where the engine is (the evaluation worker); what its methods return is plain data.
 */
export class AccessAnalysis implements AccessAnalysisState {
  /** For each subject key, the resources it has grants on (built on first use). */
  #rows: Map<string, Array<readonly [string, readonly Grant[]]>> | undefined;
  /** For each drawn role's subject key, who can assume it directly, and for each subject, the roles it can assume. */
  #assumers: Map<string, Array<{ readonly subject: string; readonly grant: Grant }>> | undefined;
  #assumes: Map<string, Array<{ readonly role: string; readonly grant: Grant }>> | undefined;
  /** Findings already worked out for a column (by zone), reused while the column is the same object. */
  readonly findingsCache: WeakMap<Column, Map<string, unknown>>;

  constructor(
    readonly prepared: Prepared,
    readonly columns: ReadonlyMap<string, Column>,
    readonly stats: AnalysisStats,
    findingsCache?: WeakMap<Column, Map<string, unknown>>,
  ) {
    this.findingsCache = findingsCache ?? new WeakMap();
  }

  /** The row and AssumeRole indexes, built once from the columns. */
  private index(): void {
    if (this.#rows) return;
    const rows = new Map<string, Array<readonly [string, readonly Grant[]]>>();
    const assumers = new Map<string, Array<{ readonly subject: string; readonly grant: Grant }>>();
    const assumes = new Map<string, Array<{ readonly role: string; readonly grant: Grant }>>();
    for (const [resourceKey, column] of this.columns) {
      const r = this.prepared.resourceByKey.get(resourceKey);
      const isRole = r?.resource.type === 'iam-role';
      for (const [subjectKey, grants] of column) {
        let row = rows.get(subjectKey);
        if (!row) {
          row = [];
          rows.set(subjectKey, row);
        }
        row.push([resourceKey, grants]);
        if (!isRole) continue;
        const grant = grants.find((g) => g.decision === 'allowed');
        const role = `p:${resourceKey}`;
        if (!grant || role === subjectKey) continue;
        (assumers.get(role) ?? assumers.set(role, []).get(role))?.push({ subject: subjectKey, grant });
        (assumes.get(subjectKey) ?? assumes.set(subjectKey, []).get(subjectKey))?.push({ role, grant });
      }
    }
    this.#rows = rows;
    this.#assumers = assumers;
    this.#assumes = assumes;
  }

  get subjects(): readonly AnalysisSubject[] {
    return this.prepared.subjects.map((s) => s.subject);
  }

  get resources(): readonly AnalysisResource[] {
    return this.prepared.resources.map((r) => r.resource);
  }

  /** The grants one subject has on one resource directly. */
  grants(subjectKey: string, resourceKey: string): readonly Grant[] {
    return this.columns.get(resourceKey)?.get(subjectKey) ?? [];
  }

  /** A column: who has grants on a resource. */
  column(resourceKey: string): ReadonlyMap<string, readonly Grant[]> {
    return this.columns.get(resourceKey) ?? new Map();
  }

  /** A row: the resources a subject has grants on. */
  row(subjectKey: string): ReadonlyArray<readonly [string, readonly Grant[]]> {
    this.index();
    return this.#rows?.get(subjectKey) ?? [];
  }

  /** Roles a subject can assume directly. */
  assumable(subjectKey: string): ReadonlyArray<{ readonly role: string; readonly grant: Grant }> {
    this.index();
    return this.#assumes?.get(subjectKey) ?? [];
  }

  /** Who can assume a role (its subject key) directly. */
  assumersOf(roleKey: string): ReadonlyArray<{ readonly subject: string; readonly grant: Grant }> {
    this.index();
    return this.#assumers?.get(roleKey) ?? [];
  }

  /**
   * The roles a subject reaches through AssumeRole hops, breadth first (each role once, by its shortest
   * chain, at most `maxDepth` hops): role subject key → the hop that reached it and the role before.
   */
  chainsFrom(subjectKey: string, maxDepth: number): Map<string, { readonly via: string; readonly grant: Grant; readonly depth: number }> {
    const seen = new Map<string, { via: string; grant: Grant; depth: number }>();
    let frontier = [subjectKey];
    for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const from of frontier) {
        for (const { role, grant } of this.assumable(from)) {
          if (role === subjectKey || seen.has(role)) continue;
          seen.set(role, { via: from, grant, depth });
          next.push(role);
        }
      }
      frontier = next;
    }
    return seen;
  }

  /** The AssumeRole hops from a subject to a role it reaches (empty for the subject itself). */
  hopsTo(chains: ReadonlyMap<string, { readonly via: string; readonly grant: Grant }>, role: string): ReachHop[] {
    const hops: ReachHop[] = [];
    let at = role;
    for (let guard = 0; guard < 64; guard++) {
      const step = chains.get(at);
      if (!step) break;
      hops.unshift({ from: step.via, to: at, action: 'sts:AssumeRole', context: contextValues(step.grant.extra) });
      at = step.via;
    }
    return hops;
  }

  /**
   * The engine's traced decisions behind a subject's access to a resource: each AssumeRole hop of the
   * path, then the request (with the context the analysis found), for `action` or the first allowed one.
   */
  explain(subjectKey: string, resourceKey: string, path: readonly ReachHop[], action?: string): AccessExplanation | undefined {
    const p = this.prepared;
    const r = p.resourceByKey.get(resourceKey);
    const last = path.length > 0 ? (path[path.length - 1] as ReachHop).from : subjectKey;
    const actor = p.subjectByKey.get(last);
    if (!r || !actor) return undefined;
    const decisions: Decision[] = [];
    for (const hop of path) {
      if (hop.to === resourceKey) continue;
      const from = p.subjectByKey.get(hop.from);
      const role = p.resourceByKey.get(hop.to.slice(2));
      if (!from || !role) return undefined;
      const extra = toContext(hop.context);
      decisions.push(evaluateRequest(p.world, p.request(from, role, 'sts:AssumeRole', role.resource.arn, extra), { trace: true }));
    }
    const grants = this.grants(last, resourceKey);
    const wanted = action?.toLowerCase();
    const grant = wanted !== undefined ? grants.find((g) => g.cls.actions.some((a) => a.toLowerCase() === wanted)) : (grants.find((g) => g.decision === 'allowed') ?? grants[0]);
    let request: Request;
    let shown = action;
    if (grant) {
      shown ??= grant.cls.rep;
      request = p.request(actor, r, shown, grant.arn, grant.extra);
    } else {
      // Not allowed at all: the first relevant action (or the one asked about), as the engine decides it.
      const cls = wanted !== undefined ? r.classes.find((c) => c.actions.some((a) => a.toLowerCase() === wanted)) : r.classes[0];
      shown ??= cls?.rep ?? (r.service === 'sts' ? 'sts:AssumeRole' : `${r.service}:*`);
      request = p.request(actor, r, shown, cls ? (p.arnsFor(r, cls)[0] as string) : r.resource.arn, undefined);
    }
    const decision = evaluateRequest(p.world, request, { trace: true });
    decisions.push(decision);
    return { subject: subjectKey, resource: resourceKey, action: shown, path: [...path], decisions, allowed: decisions.every((d) => d.allowed) };
  }

  /** A plain-data copy of the engine's decision for a hop (used by the findings). */
  decisionOf(subjectKey: string, resourceKey: string, grant: Grant): Decision | undefined {
    const p = this.prepared;
    const s = p.subjectByKey.get(subjectKey);
    const r = p.resourceByKey.get(resourceKey);
    if (!s || !r) return undefined;
    return evaluateRequest(p.world, p.request(s, r, grant.cls.rep, grant.arn, grant.extra));
  }
}

function toContext(values: readonly ContextValue[]): Context | undefined {
  if (values.length === 0) return undefined;
  const out: Context = {};
  for (const v of values) out[v.key] = v.values.length === 1 ? (v.values[0] as string) : v.values;
  return out;
}

/** What an edit changed, compared by reference with the previous analysis's scenario. */
function changes(before: Scenario, after: Scenario, beforeWorld: ScenarioEvaluation['world'], afterWorld: ScenarioEvaluation['world']): { full: boolean; principals: Set<string>; resources: Set<string> } {
  const principals = new Set<string>();
  const resources = new Set<string>();
  const sameShape = <T extends { readonly id: string }>(a: readonly T[], b: readonly T[], out: Set<string>): void => {
    if (a === b) return;
    const old = new Map(a.map((x) => [x.id, x]));
    for (const x of b) if (old.get(x.id) !== x) out.add(x.id);
    const now = new Set(b.map((x) => x.id));
    for (const x of a) if (!now.has(x.id)) out.add(x.id);
  };
  const full = (before.accounts as readonly Account[]) !== after.accounts || (before.organizations as readonly Organization[]) !== after.organizations;
  sameShape(before.principals, after.principals, principals);
  sameShape(before.resources, after.resources, resources);
  // A changed group or managed policy changes the permissions of the principals that inherit from it: their
  // entities were rebuilt (unchanged principals keep their entity object from world to world).
  if (before.groups !== after.groups || before.managedPolicies !== after.managedPolicies) {
    for (const [id, entry] of afterWorld.principalsById) if (beforeWorld.principalsById.get(id)?.entity !== entry.entity) principals.add(id);
  }
  return { full, principals, resources };
}

/**
 * One run of the analysis, in slices: `step` decides columns and rows until `shouldStop` says so (the
 * evaluation worker yields to its message loop between slices, so a newer evaluation or a cancel overtakes
 * a long analysis). With a previous analysis of the same accounts and organizations, only the columns of
 * changed resources (and of every resource whose relevant actions changed) and the rows of changed
 * principals are decided again.
 */
export class AnalysisJob {
  private prepared: Prepared | undefined;
  private readonly columns = new Map<string, Column>();
  /** Columns to decide whole (resource keys), then rows to decide (subject keys) across the other columns. */
  private columnQueue: ResourceRuntime[] = [];
  private rowQueue: SubjectRuntime[] = [];
  private fresh = new Set<string>();
  /** Columns this run made or copied (the others are the previous analysis's, unchanged). */
  private readonly owned = new WeakSet<Column>();
  private total = 0;
  private done = 0;
  private readonly started: number;
  private elapsed = 0;
  private pairsDecided = 0;
  private pairsReused = 0;
  private incremental = false;
  private finished: AccessAnalysis | undefined;

  constructor(
    private readonly evaluation: ScenarioEvaluation,
    private readonly options: AnalysisOptions,
    private readonly previous?: AccessAnalysis,
    private readonly clock: () => number = () => 0,
  ) {
    this.started = clock();
  }

  progress(): AnalysisProgress {
    if (!this.prepared) return { done: 0, total: 1, phase: 'preparing' };
    return { done: this.done, total: Math.max(1, this.total), phase: this.finished ? 'findings' : 'deciding' };
  }

  /** Decides until done (true) or until `shouldStop` (false; call again to go on). */
  step(shouldStop: () => boolean = () => false): boolean {
    if (this.finished) return true;
    const scenario = this.evaluation.scenario;
    if (!scenario) throw new Error('The evaluation carries no scenario.');
    if (!this.prepared) {
      this.plan(scenario);
      if (shouldStop()) return false;
    }
    const p = this.prepared as Prepared;
    while (this.columnQueue.length > 0) {
      const r = this.columnQueue.pop() as ResourceRuntime;
      const column: Column = new Map();
      // Service principals of one service differ only in the source they act for: where no policy the
      // decision reads looks at the source, one decision stands for all of them.
      const shared = p.sourceBlind(r) ? new Map<string, readonly Grant[] | undefined>() : undefined;
      for (const s of p.candidates(r)) {
        const service = s.entity.type === 'service' ? s.entity.arn : undefined;
        const grants = shared && service !== undefined && shared.has(service) ? shared.get(service) : p.decidePair(s, r);
        if (shared && service !== undefined) shared.set(service, grants);
        this.pairsDecided++;
        if (grants) column.set(s.subject.key, grants);
      }
      this.columns.set(r.resource.key, column);
      this.owned.add(column);
      this.done++;
      if (shouldStop()) return false;
    }
    while (this.rowQueue.length > 0) {
      const s = this.rowQueue.pop() as SubjectRuntime;
      const key = s.subject.key;
      for (const r of p.resources) {
        if (this.fresh.has(r.resource.key)) continue;
        const column = this.columns.get(r.resource.key);
        if (!column) continue;
        const grants = p.decidePair(s, r);
        if (grants === undefined && !column.has(key)) continue;
        this.pairsDecided++;
        // Columns kept from the previous analysis are shared with it: copied before the first change.
        const own = this.owned.has(column) ? column : this.own(r.resource.key, column);
        if (grants) own.set(key, grants);
        else own.delete(key);
      }
      this.done++;
      if (shouldStop()) return false;
    }
    this.elapsed = this.clock() - this.started;
    this.finished = new AccessAnalysis(p, this.columns, {
      decisions: p.decisions,
      pairsDecided: this.pairsDecided,
      pairsReused: this.pairsReused,
      ms: this.elapsed,
      incremental: this.incremental,
    }, this.previous?.findingsCache);
    return true;
  }

  private own(key: string, column: Column): Column {
    const copy: Column = new Map(column);
    this.owned.add(copy);
    this.columns.set(key, copy);
    return copy;
  }

  /** Runs to the end (tests, benchmarks, the in-process evaluator). */
  run(): AccessAnalysis {
    this.step();
    return this.result();
  }

  result(): AccessAnalysis {
    if (!this.finished) throw new Error('The analysis has not finished.');
    return this.finished;
  }

  private plan(scenario: Scenario): void {
    const previous = this.previous;
    const before = previous?.prepared.scenario;
    const diff = before && previous ? changes(before, scenario, previous.prepared.evaluation.world, this.evaluation.world) : undefined;
    const reuse = previous !== undefined && diff !== undefined && !diff.full;
    const p = new Prepared(scenario, this.evaluation, this.options, reuse ? previous.prepared : undefined);
    this.prepared = p;
    if (!reuse || !previous || !diff) {
      this.columnQueue = [...p.resources].reverse();
      this.total = this.columnQueue.length;
      return;
    }
    this.incremental = true;
    const old = previous.prepared;
    // Columns to decide whole: new or changed resources and roles, and resources whose relevant actions changed.
    const whole: ResourceRuntime[] = [];
    for (const r of p.resources) {
      const was = old.resourceByKey.get(r.resource.key);
      const oldColumn = previous.columns.get(r.resource.key);
      if (!was || !oldColumn || was.model !== r.model || was.relevanceKey !== r.relevanceKey || diff.resources.has(r.resource.key) || diff.principals.has(r.resource.key)) whole.push(r);
      else this.columns.set(r.resource.key, oldColumn);
    }
    this.fresh = new Set(whole.map((r) => r.resource.key));
    // Rows to decide again: changed drawn principals, and subjects that did not exist before.
    const rows: SubjectRuntime[] = [];
    const gone = new Set(old.subjects.map((s) => s.subject.key));
    for (const s of p.subjects) {
      gone.delete(s.subject.key);
      const was = old.subjectByKey.get(s.subject.key);
      if (!was || (s.model && (was.model !== s.model || diff.principals.has(s.model.id)))) rows.push(s);
    }
    if (gone.size > 0) {
      for (const [key, column] of [...this.columns]) {
        if (![...gone].some((g) => column.has(g))) continue;
        const own = this.own(key, column);
        for (const g of gone) own.delete(g);
      }
    }
    for (const [key, column] of this.columns) if (!this.fresh.has(key)) this.pairsReused += column.size;
    this.columnQueue = whole.reverse();
    this.rowQueue = rows.reverse();
    this.total = this.columnQueue.length + this.rowQueue.length;
  }
}

/** Runs a whole analysis at once (see `AnalysisJob` for the sliced form). */
export function analyzeAccess(evaluation: ScenarioEvaluation, options: AnalysisOptions, previous?: AccessAnalysis, clock?: () => number): AccessAnalysis {
  return new AnalysisJob(evaluation, options, previous, clock).run();
}
