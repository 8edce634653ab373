import type { AccessReview, IntendedAccess, Scenario, ZoneOfTrust } from './schema';

/**
 * The access review carried by a scenario (`Scenario.review`): the zone of trust and the findings marked
 * intended. Pure edits (each returns a new scenario, or the same one when nothing changes) and the reading
 * of a mark against a finding.
 */

/** How many AssumeRole hops "who can reach" follows when the review does not say. */
export const DEFAULT_REVIEW_DEPTH = 5;

/** The zone a review uses: the one it names, else the scenario's first organization, else its first account. */
export function reviewZone(s: Scenario): ZoneOfTrust | undefined {
  const zone = s.review?.zone;
  if (zone && (zone.kind === 'account' ? s.accounts.some((a) => a.id === zone.accountId) : s.organizations.some((o) => o.id === zone.organizationId))) return zone;
  const org = s.organizations[0];
  if (org) return { kind: 'organization', organizationId: org.id };
  const account = s.accounts[0];
  return account ? { kind: 'account', accountId: account.id } : undefined;
}

export function reviewDepth(s: Scenario): number {
  return s.review?.maxDepth ?? DEFAULT_REVIEW_DEPTH;
}

function withReview(s: Scenario, review: AccessReview): Scenario {
  return { ...s, review };
}

const EMPTY: AccessReview = { intended: [] };

export function setReviewZone(s: Scenario, zone: ZoneOfTrust): Scenario {
  const before = s.review?.zone;
  if (before && before.kind === zone.kind && (before.kind === 'account' ? before.accountId === (zone as { accountId: string }).accountId : before.organizationId === (zone as { organizationId: string }).organizationId)) return s;
  return withReview(s, { ...(s.review ?? EMPTY), zone });
}

export function setReviewDepth(s: Scenario, maxDepth: number): Scenario {
  const depth = Math.max(1, Math.min(10, Math.round(maxDepth)));
  if (reviewDepth(s) === depth && s.review?.maxDepth !== undefined) return s;
  return withReview(s, { ...(s.review ?? EMPTY), maxDepth: depth });
}

/** The mark for a finding (resource and principal), if any. */
export function intendedMark(s: Scenario, resourceId: string, principal: string): IntendedAccess | undefined {
  return s.review?.intended.find((m) => m.resourceId === resourceId && m.principal === principal);
}

/**
 * A finding's review state: `intended` when it is marked and grants nothing beyond the marked actions;
 * `changed` when it is marked but now grants more (it needs looking at again); `open` otherwise.
 */
export function intendedState(mark: IntendedAccess | undefined, actions: readonly string[]): { readonly state: 'open' | 'intended' | 'changed'; readonly added: readonly string[] } {
  if (!mark) return { state: 'open', added: [] };
  const marked = new Set(mark.actions.map((a) => a.toLowerCase()));
  const added = actions.filter((a) => !marked.has(a.toLowerCase()));
  return { state: added.length === 0 ? 'intended' : 'changed', added };
}

/** Marks a finding intended for these actions (replacing an earlier mark of the same finding). */
export function markIntended(s: Scenario, resourceId: string, principal: string, actions: readonly string[], note?: string): Scenario {
  const review = s.review ?? EMPTY;
  const mark: IntendedAccess = { resourceId, principal, actions: [...actions], ...(note !== undefined && note !== '' ? { note } : {}) };
  const others = review.intended.filter((m) => !(m.resourceId === resourceId && m.principal === principal));
  return withReview(s, { ...review, intended: [...others, mark] });
}

/** Removes a finding's mark. */
export function unmarkIntended(s: Scenario, resourceId: string, principal: string): Scenario {
  const review = s.review;
  if (!review || !intendedMark(s, resourceId, principal)) return s;
  return withReview(s, { ...review, intended: review.intended.filter((m) => !(m.resourceId === resourceId && m.principal === principal)) });
}

/** The review without what refers to removed entities (used when entities are deleted). */
export function reviewWithout(review: AccessReview | undefined, gone: ReadonlySet<string>): AccessReview | undefined {
  if (!review) return review;
  const zoneGone = review.zone !== undefined && gone.has(review.zone.kind === 'account' ? review.zone.accountId : review.zone.organizationId);
  const intended = review.intended.filter((m) => !gone.has(m.resourceId) && !(m.principal.startsWith('p:') && gone.has(m.principal.slice(2))));
  if (!zoneGone && intended.length === review.intended.length) return review;
  const { zone, ...rest } = review;
  return { ...rest, ...(zone && !zoneGone ? { zone } : {}), intended };
}
