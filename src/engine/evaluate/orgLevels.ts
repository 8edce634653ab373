import type { StatementRequest } from '../policy/statement';
import type { LevelTrace, PolicyTrace, StatementRef } from '../trace';
import { compiledOf } from '../policy/normalize';
import type { OrgLevel } from '../world';
import { evaluatePolicySet, type Detail } from './policySet';

export interface OrgLevelsResult {
  /** Per level; empty at `verdict` detail, and at `summary` detail when no level denies or fails. */
  readonly levels: LevelTrace[];
  readonly policies: PolicyTrace[];
  readonly denies: StatementRef[];
  readonly allows: StatementRef[];
  readonly denyCount: number;
  /** Whether some level allows nothing. */
  readonly failed: boolean;
  /** The first level (root first) that allows nothing, if any (not at `verdict` detail). */
  readonly failedLevel?: LevelTrace;
}

/** Shared verdict-detail results: whether some statement denies, and whether some level allows nothing. */
const verdicts = [false, true].flatMap((deny) =>
  [false, true].map((failed): OrgLevelsResult => Object.freeze({ levels: [], policies: [], denies: [], allows: [], denyCount: deny ? 1 : 0, failed })),
);
const verdictOf = (deny: boolean, failed: boolean): OrgLevelsResult => verdicts[(deny ? 2 : 0) + (failed ? 1 : 0)] as OrgLevelsResult;

/**
 * Per list of levels (one list per account and policy type, shared by every request of that account) and
 * per lower-cased action: the verdict when it depends on the action alone, `null` when it depends on more.
 * A list meets a few actions: they are kept as pairs in a small array (actions are compared by identity:
 * the evaluator gives one lower-cased string per action), and in a map beyond that.
 */
type LevelsMemo = Array<string | OrgLevelsResult | null> | Map<string, OrgLevelsResult | null>;
const byAction = [false, true].map(() => new WeakMap<readonly OrgLevel[], LevelsMemo>());
const PAIRS = 16;
const ACTIONS_PER_LEVELS = 2_000;

/**
 * The verdict of `levels` for an action when the statements that admit the action apply to every request
 * (no conditions, every resource, and where principals are checked `"*"` or no Principal element) — as
 * FullAWSAccess, RCPFullAWSAccess and deny-lists by action are — else `null`.
 */
function actionOnlyVerdict(levels: readonly OrgLevel[], actionLower: string, checkPrincipal: boolean): OrgLevelsResult | null {
  let deny = false;
  let failed = false;
  for (const level of levels) {
    let allowed = false;
    for (const sp of level.policies) {
      for (const rule of compiledOf(sp).rules) {
        if (!rule.admits(actionLower)) continue;
        if (!rule.actionOnly) return null;
        if (checkPrincipal) {
          if (rule.namesEveryone === undefined) return null;
          if (!rule.namesEveryone) continue;
        }
        if (rule.deny) deny = true;
        else allowed = true;
      }
    }
    if (!allowed) failed = true;
  }
  return verdictOf(deny, failed);
}

/**
 * The last answer of `memoizedVerdict` per `checkPrincipal`: a scenario decides a principal's edges one
 * after another, so its account's SCP levels and the action are usually those of the request before.
 * (Lists of levels and actions are compared by identity, as in the memo.)
 */
const lastLevels: Array<readonly OrgLevel[] | undefined> = [undefined, undefined];
const lastAction: Array<string | undefined> = [undefined, undefined];
const lastVerdict: Array<OrgLevelsResult | null> = [null, null];

function memoizedVerdict(levels: readonly OrgLevel[], actionLower: string, checkPrincipal: boolean): OrgLevelsResult | null {
  const k = checkPrincipal ? 1 : 0;
  if (lastLevels[k] === levels && lastAction[k] === actionLower) return lastVerdict[k] as OrgLevelsResult | null;
  const v = memoizedVerdictOf(levels, actionLower, checkPrincipal);
  lastLevels[k] = levels;
  lastAction[k] = actionLower;
  lastVerdict[k] = v;
  return v;
}

function memoizedVerdictOf(levels: readonly OrgLevel[], actionLower: string, checkPrincipal: boolean): OrgLevelsResult | null {
  const memos = byAction[checkPrincipal ? 1 : 0] as WeakMap<readonly OrgLevel[], LevelsMemo>;
  const memo = memos.get(levels);
  if (Array.isArray(memo)) {
    for (let i = 0; i < memo.length; i += 2) if (memo[i] === actionLower) return memo[i + 1] as OrgLevelsResult | null;
  } else if (memo) {
    const v = memo.get(actionLower);
    if (v !== undefined) return v;
  }
  const v = actionOnlyVerdict(levels, actionLower, checkPrincipal);
  if (!memo) memos.set(levels, [actionLower, v]);
  else if (Array.isArray(memo) && memo.length < 2 * PAIRS) memo.push(actionLower, v);
  else if (Array.isArray(memo)) {
    const map = new Map<string, OrgLevelsResult | null>();
    for (let i = 0; i < memo.length; i += 2) map.set(memo[i] as string, memo[i + 1] as OrgLevelsResult | null);
    map.set(actionLower, v);
    memos.set(levels, map);
  } else {
    if (memo.size >= ACTIONS_PER_LEVELS) memo.clear();
    memo.set(actionLower, v);
  }
  return v;
}

/**
 * SCPs and RCPs are inherited down the organization tree, and "for a permission to be allowed for a
 * specific account, there must be an explicit Allow statement at every level from the root through each
 * OU in the direct path to the account" (Organizations: SCP evaluation; RCP evaluation is the same).
 */
export function evaluateOrgLevels(levels: readonly OrgLevel[], req: StatementRequest, checkPrincipal: boolean, detail: Detail): OrgLevelsResult {
  const record = detail !== 'verdict';
  if (detail === 'summary') {
    // A summary names a level or a statement of these policies only when they deny or some level allows
    // nothing; when they decide by action alone and do neither, the memoized verdict says all it needs.
    const known = memoizedVerdict(levels, req.actionLower, checkPrincipal);
    if (known && known.denyCount === 0 && !known.failed) return known;
  }
  if (!record) {
    // Most requests meet organization policies that decide by action alone (FullAWSAccess, deny-lists):
    // decided once per action and list of levels (lists and their policies are immutable, like worlds).
    const known = memoizedVerdict(levels, req.actionLower, checkPrincipal);
    if (known && known.denyCount === 0 && !known.failed) return known;
    let deny = false;
    let failed = false;
    for (let i = 0; i < levels.length; i++) {
      const r = evaluatePolicySet((levels[i] as OrgLevel).policies, req, checkPrincipal, detail);
      if (r.denyCount > 0) deny = true;
      if (r.allowCount === 0) failed = true;
    }
    return verdictOf(deny, failed);
  }
  const out: LevelTrace[] = [];
  const policies: PolicyTrace[] = [];
  const denies: StatementRef[] = [];
  const allows: StatementRef[] = [];
  let denyCount = 0;
  let failed = false;
  let failedLevel: LevelTrace | undefined;
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] as OrgLevel;
    const r = evaluatePolicySet(level.policies, req, checkPrincipal, detail);
    denyCount += r.denyCount;
    const allowed = r.allowCount > 0;
    if (!allowed) failed = true;
    if (!record) continue;
    const lt: LevelTrace = { target: level.target, label: level.label, allowed, policies: r.policies };
    out.push(lt);
    for (const p of r.policies) policies.push(p);
    for (const d of r.denies) denies.push(d);
    for (const a of r.allows) allows.push(a);
    if (!allowed && !failedLevel) failedLevel = lt;
  }
  return failedLevel ? { levels: out, policies, denies, allows, denyCount, failed, failedLevel } : { levels: out, policies, denies, allows, denyCount, failed };
}
