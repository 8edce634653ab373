import { useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';

/**
 * Line patterns rest while the zoom moves, on large diagrams.
 *
 * Every zoom step re-rasterizes the whole canvas at the new scale, and a dashed curve is dashed along its
 * whole length on every tile it crosses (Skia culls dashes to the visible area only for straight lines).
 * On the 1,000-node benchmark scenario that was most of a zoom frame: 2,000 dashed edges made a frame
 * ~3× a bare React Flow's, and the same edges drawn solid 1.2–1.4× (`npm run bench:ui`, zoom rows). So
 * while a zoom gesture is under way on a diagram with at least `MOTION_EDGES` edges, the canvas carries
 * `data-zooming` and src/index.css draws the edges solid (for those moments colour, and above 40% zoom the
 * labels' ✓ ✕ ⊘ marks, tell the decision: a trade-off made for large diagrams only); the patterns are back once the zoom has rested (`settled`). Small diagrams — every lesson, most designs —
 * always keep their patterns. Panning does not re-rasterize and leaves the patterns alone.
 *
 * An attribute set on the DOM from a store subscription: nothing re-renders in React, and only the edge
 * paths restyle when it flips.
 */
export const MOTION_EDGES = 400;
export const SETTLE_MS = 220;

/** Whether a zoom step on a diagram of `edgeCount` edges should draw the line patterns solid. */
export function restsPatterns(edgeCount: number): boolean {
  return edgeCount >= MOTION_EDGES;
}

/**
 * When the patterns come back: the zoom has not changed for `SETTLE_MS` and for `SETTLE_FRAMES` frames.
 * Counting frames as well as time matters on a slow machine: input is handed to the page at the start of a
 * frame, so while one frame takes longer than `SETTLE_MS` to draw, the next wheel step of the same gesture
 * cannot arrive in time, and a timer alone brought the patterns back (and their cost) between every step.
 */
export const SETTLE_FRAMES = 3;

/** Whether the patterns may come back, `idleMs` and `idleFrames` after the last zoom change. */
export function settled(idleMs: number, idleFrames: number): boolean {
  return idleMs >= SETTLE_MS && idleFrames >= SETTLE_FRAMES;
}

/** Mounted inside a `<ReactFlow>`. */
export function ZoomMotion() {
  const store = useStoreApi();
  useEffect(() => {
    let zoom = store.getState().transform[2];
    let frame: number | undefined;
    let changedAt = 0;
    let idleFrames = 0;
    const tick = () => {
      idleFrames += 1;
      if (settled(performance.now() - changedAt, idleFrames)) {
        frame = undefined;
        store.getState().domNode?.removeAttribute('data-zooming');
      } else frame = requestAnimationFrame(tick);
    };
    const unsubscribe = store.subscribe((s) => {
      const next = s.transform[2];
      if (next === zoom) return;
      zoom = next;
      if (!restsPatterns(s.edges.length)) return;
      changedAt = performance.now();
      idleFrames = 0;
      if (frame === undefined) {
        s.domNode?.setAttribute('data-zooming', '');
        frame = requestAnimationFrame(tick);
      }
    });
    return () => {
      unsubscribe();
      if (frame !== undefined) cancelAnimationFrame(frame);
      store.getState().domNode?.removeAttribute('data-zooming');
    };
  }, [store]);
  return null;
}
