/**
 * Edge labels are drawn at 12 px in flow units (their reason line at 11 px), so at the zoom a fit picks for
 * an ordinary scenario (60–80%) they were 7–10 px on screen. Below 100% they are scaled up against the
 * zoom so their smallest line reads at 9.5 px or more, at most 1.75×; below the zoom where even that is too
 * small they are hidden (FAR_ZOOM, src/canvas/ZoomMotion.tsx). The factor is stepped by 0.1, so a zoom
 * gesture restyles the labels only when it crosses a step, never per frame, and nothing re-renders in React.
 *
 * It is an attribute on the canvas (`data-label-scale`, set by src/canvas/ZoomMotion.tsx) that
 * src/index.css turns into each label's CSS `scale` (a property of its own, composed with the label's
 * `translate`). Not an inherited CSS variable: changing one on the canvas restyled every element under
 * it — 34,000 on a 1,000-node scenario, about 300 ms a step on this machine — where the attribute restyles
 * only the labels.
 */

/** The smallest text of a label, in flow units. */
const SMALLEST_PX = 11;
const READABLE_PX = 9.5;
export const MAX_LABEL_SCALE = 1.75;

/** The label scale for a zoom: 1 where the labels read as they are, growing as the zoom shrinks, stepped by 0.1. */
export function labelScale(zoom: number): number {
  const wanted = READABLE_PX / (SMALLEST_PX * Math.max(zoom, 0.01));
  return Math.min(MAX_LABEL_SCALE, Math.max(1, Math.ceil(wanted * 10 - 1e-9) / 10));
}
