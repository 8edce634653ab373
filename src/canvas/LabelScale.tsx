import { useStore } from '@xyflow/react';
import { useEffect } from 'react';

/**
 * Edge labels are drawn at 12 px in flow units, so at the zoom a fit picks for an ordinary scenario
 * (60–80%) they were 7–10 px on screen. Below 100% they are scaled up against the zoom, so they read at
 * about 11 px down to the zoom where they are hidden altogether (FAR_ZOOM), at most 1.75×. The factor is
 * stepped by 0.1, so a zoom gesture restyles the labels only when it crosses a step, never per frame, and
 * nothing re-renders in React.
 *
 * It is an attribute on the canvas (`data-label-scale`) that src/index.css turns into each label's CSS
 * `scale` (a property of its own, composed with the label's `translate`). Not an inherited CSS variable:
 * changing one on the canvas restyled every element under it — 34,000 on a 1,000-node scenario, about
 * 300 ms a step on this machine — where the attribute restyles only the labels.
 */

const LABEL_PX = 12;
const READABLE_PX = 11;
const MAX_SCALE = 1.75;

/** The label scale for a zoom: 1 at 92% and above, growing as the zoom shrinks, stepped by 0.1. */
export function labelScale(zoom: number): number {
  const wanted = READABLE_PX / (LABEL_PX * Math.max(zoom, 0.01));
  return Math.min(MAX_SCALE, Math.max(1, Math.ceil(wanted * 10 - 1e-9) / 10));
}

/** Mounted inside a `<ReactFlow>`: keeps `data-label-scale` on its container in step with the zoom. */
export function LabelScale() {
  const scale = useStore((s) => labelScale(s.transform[2]));
  const dom = useStore((s) => s.domNode);
  useEffect(() => {
    dom?.setAttribute('data-label-scale', String(scale));
  }, [dom, scale]);
  return null;
}
