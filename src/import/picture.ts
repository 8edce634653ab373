import { setDrawn, type Scenario } from '../model';

/**
 * What an import draws first. A small import is drawn whole; a large one (an estate of thousands of roles)
 * draws its accounts only — each says how much it holds — and the user picks what to draw. Everything stays
 * in the scenario and is evaluated either way (`layout.hidden` is a view setting).
 */

/** Imports with at most this many principals and resources are drawn whole: beyond it, cards no longer fit a readable picture. */
export const DRAW_ALL_UP_TO = 60;

/** The scenario with its first picture chosen: everything, or only the accounts. */
export function firstPicture(scenario: Scenario): Scenario {
  const drawable = scenario.principals.length + scenario.resources.length;
  if (drawable <= DRAW_ALL_UP_TO) return scenario;
  return setDrawn(scenario, [], [...scenario.principals.map((p) => p.id), ...scenario.resources.map((r) => r.id)]);
}
