import { useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';
import { labelScale } from './LabelScale';

/**
 * Everything on the canvas that depends on the zoom, and when it follows the zoom.
 *
 * Text is hidden rather than shrunk below 9 px on screen (a projector's back row reads nothing smaller):
 * - Below `DETAIL_ZOOM` the small text of cards and containers (a card's kind line and policy badge, an
 *   account's id, an organization's policy chips: 11-12 px) is not drawn: the canvas carries
 *   `data-detail="small"` and src/index.css hides `.lod-detail`.
 * - Below `NAME_ZOOM` names (14-15 px) are not drawn either (`data-detail="names"`, `.lod-name`): the
 *   cards keep their icons, colours and lines.
 * - Below `FAR_ZOOM` edge labels are hidden too (`data-lod="far"`): colour, line style and the arrow still
 *   tell the decision, and the dash patterns are lengthened.
 * - Above `FAR_ZOOM` edge labels are scaled up so their smallest text reads at 9.5 px or more
 *   (`data-label-scale`, LabelScale.tsx).
 *
 * On small diagrams all of it follows every zoom step. On large ones (`MOTION_EDGES` edges or more) it holds
 * while a zoom gesture is under way (the canvas carries `data-zooming`) and catches up once the zoom has
 * rested (`settled`). A zoom step alone only changes the viewport's transform, which Chromium composites
 * without painting; any restyle during the gesture — a label-scale step, labels coming back, the
 * patterns — made it paint and rasterize the whole diagram before showing the frame, with 2,000 dashed
 * curves most of the cost (`npm run bench:ui`, zoom rows; README "UI performance"). So while the zoom
 * moves on a large diagram nothing is restyled; the one repaint happens when it stops.
 *
 * Mounted in every canvas (the editor's and the compare view's panes). Attributes set on the DOM from a
 * store subscription: nothing re-renders in React.
 */

/** The smallest text drawn on the canvas, in CSS pixels on screen. */
export const MIN_TEXT_PX = 9;
/** Below this zoom the 11-px small text of cards is under 9 px: it is hidden. */
export const DETAIL_ZOOM = MIN_TEXT_PX / 11;
/** Below this zoom 14-px names are under 9 px: they are hidden. */
export const NAME_ZOOM = MIN_TEXT_PX / 14;
/**
 * Below this zoom edge labels are not drawn: scaled up by the most `labelScale` gives (1.75×), their 11-px
 * line is under 9 px.
 */
export const FAR_ZOOM = 0.47;

/** Diagrams of at most this many nodes (every lesson, most designs) are never fitted below `NAME_ZOOM`. */
export const SMALL_DIAGRAM_NODES = 80;

/** Which small text is hidden at a zoom: none, the small text, or names too. */
export function hiddenDetail(zoom: number): 'small' | 'names' | undefined {
  if (zoom < NAME_ZOOM) return 'names';
  if (zoom < DETAIL_ZOOM) return 'small';
  return undefined;
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
      const detail = hiddenDetail(zoom);
      if ((dom.getAttribute('data-detail') ?? undefined) !== detail) {
        if (detail) dom.setAttribute('data-detail', detail);
        else dom.removeAttribute('data-detail');
      }
      const far = zoom < FAR_ZOOM;
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
