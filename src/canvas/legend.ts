import type { EdgeLook } from '../graph/verdict';
import { DECISION_LOOK, type DecisionLook } from './appearance';

/** One decision as the legend tells it: the edge's line (colour, dash), its label's icon and mark, a word and a phrase. */
export interface DecisionLegendEntry extends DecisionLook {
  readonly status: EdgeLook;
  readonly description: string;
}

/**
 * The decisions a drawn edge can show, in the marks the canvas draws them with (src/canvas/appearance.ts):
 * the one source for the legend above the canvas and the legend under an exported picture, so the picture
 * explains exactly the lines, icons and marks it contains.
 */
export const DECISION_LEGEND: readonly DecisionLegendEntry[] = (
  [
    ['allowed', 'every action is allowed'],
    ['explicit-deny', 'a Deny statement matches'],
    ['implicit-deny', 'no policy allows it'],
    ['mixed', 'some actions pass (see the label)'],
  ] as const
).map(([status, description]) => ({ ...DECISION_LOOK[status], status, description }));
