import { useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';
import { labelScale } from './LabelScale';

/**
 * Everything on the canvas that depends on the zoom, and when it follows the zoom.
 *
 * - Below `farZoom` (`FAR_ZOOM`, or `SMALL_FAR_ZOOM` for small diagrams) edge labels and card details are
 *   hidden: the canvas carries `data-lod="far"` and src/index.css hides what nobody can read there
 *   (colour, line style and the arrow still tell the decision) and lengthens the dash patterns.
 * - Between that and 92% edge labels are scaled up to stay readable: `data-label-scale` (LabelScale.tsx).
 *
 * On small diagrams both follow every zoom step. On large ones (`MOTION_EDGES` edges or more) they hold
 * while a zoom gesture is under way (the canvas carries `data-zooming`) and catch up once the zoom has
 * rested (`settled`). A zoom step alone only changes the viewport's transform, which Chromium composites
 * without painting; any restyle during the gesture — a label-scale step, labels coming back at 40%, the
 * patterns — made it paint and rasterize the whole diagram before showing the frame, with 2,000 dashed
 * curves most of the cost (`npm run bench:ui`, zoom rows; README "UI performance"). So while the zoom
 * moves on a large diagram nothing is restyled; the one repaint happens when it stops.
 *
 * Attributes set on the DOM from a store subscription: nothing re-renders in React.
 */

/** Below this zoom, 12-pixel text is a pixel or two high: labels and card details are not drawn. */
export const FAR_ZOOM = 0.4;

/**
 * Small diagrams — every lesson, most designs — cost little to draw, so they keep their labels further
 * out: beside a lesson panel in a 1024-pixel window a lesson is fitted at about 35%, where hiding them left
 * the lesson with nothing to read. At 30% a label, scaled up 1.75×, is still about 6 px high.
 */
export const SMALL_FAR_ZOOM = 0.3;
export const SMALL_DIAGRAM_NODES = 80;

/** The zoom below which labels and card details are hidden, for a diagram of `nodeCount` nodes. */
export function farZoom(nodeCount: number): number {
  return nodeCount <= SMALL_DIAGRAM_NODES ? SMALL_FAR_ZOOM : FAR_ZOOM;
}

export const MOTION_EDGES = 400;
export const SETTLE_MS = 220;

/** Whether the zoom-dependent styles of a diagram of `edgeCount` edges hold during a zoom gesture. */
export function holdsDuringZoom(edgeCount: number): boolean {
  return edgeCount >= MOTION_EDGES;
}

/**
 * When the styles catch up: the zoom has not changed for `SETTLE_MS` and for `SETTLE_FRAMES` frames.
 * Counting frames as well as time matters on a slow machine: input is handed to the page at the start of a
 * frame, so while one frame takes longer than `SETTLE_MS` to draw, the next wheel step of the same gesture
 * cannot arrive in time, and a timer alone would restyle (and repaint everything) between every step.
 */
export const SETTLE_FRAMES = 3;

/** Whether the styles may catch up, `idleMs` and `idleFrames` after the last zoom change. */
export function settled(idleMs: number, idleFrames: number): boolean {
  return idleMs >= SETTLE_MS && idleFrames >= SETTLE_FRAMES;
}

/** Mounted once inside the editing canvas's `<ReactFlow>`. */
export function ZoomMotion() {
  const store = useStoreApi();
  useEffect(() => {
    const apply = () => {
      const s = store.getState();
      const dom = s.domNode;
      if (!dom) return;
      const zoom = s.transform[2];
      const scale = String(labelScale(zoom));
      if (dom.getAttribute('data-label-scale') !== scale) dom.setAttribute('data-label-scale', scale);
      const far = zoom < farZoom(s.nodes.length);
      if (far !== (dom.getAttribute('data-lod') === 'far')) {
        if (far) dom.setAttribute('data-lod', 'far');
        else dom.removeAttribute('data-lod');
      }
    };
    let frame: number | undefined;
    let changedAt = 0;
    let idleFrames = 0;
    const tick = () => {
      idleFrames += 1;
      if (settled(performance.now() - changedAt, idleFrames)) {
        frame = undefined;
        store.getState().domNode?.removeAttribute('data-zooming');
        apply();
      } else frame = requestAnimationFrame(tick);
    };
    apply();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.transform[2] !== prev.transform[2] && holdsDuringZoom(s.edges.length)) {
        changedAt = performance.now();
        idleFrames = 0;
        if (frame === undefined) {
          s.domNode?.setAttribute('data-zooming', '');
          frame = requestAnimationFrame(tick);
        }
        return;
      }
      // A small diagram's zoom, another diagram, the canvas mounted: follow now (unless a gesture holds).
      if (frame === undefined && (s.transform[2] !== prev.transform[2] || s.nodes.length !== prev.nodes.length || s.domNode !== prev.domNode)) apply();
    });
    return () => {
      unsubscribe();
      if (frame !== undefined) cancelAnimationFrame(frame);
      store.getState().domNode?.removeAttribute('data-zooming');
    };
  }, [store]);
  return null;
}
