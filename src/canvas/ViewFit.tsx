import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { AppNode } from '../graph/toFlow';
import { useAppStore } from '../store/store';
import { fitViewport, type Box } from './fitArea';
import { motion } from './motion';
import { NAME_ZOOM, SMALL_DIAGRAM_NODES } from './ZoomMotion';

/**
 * The one fit of the canvas. Every way of asking — the Fit button, Shift+1, opening a scenario (a file, a
 * link, a lesson, a saved one, the example), auto-layout, a panel opened, closed or collapsed, a journey
 * started — goes through the store's `requestFit`, and is served here: the diagram (or the journey's
 * nodes) is shown as large as it fits, at most 100%, in the part of the canvas that no floating panel
 * covers. Floating panels say so with `data-fit-obstacle` (the legend strip, the lesson panel, the journey
 * strip and player, the zoom controls, the minimap); they are measured when the fit runs, so a panel that
 * moves or changes size is always taken into account.
 */

const MARGIN = 16;
const MIN_ZOOM = 0.05;
const MAX_ZOOM = 1;

/**
 * The boxes of the floating panels, in pixels relative to the canvas: the app's (marked) and React Flow's
 * own zoom controls and minimap of this canvas.
 */
export function floatingPanels(container: HTMLElement): Box[] {
  const canvas = container.getBoundingClientRect();
  // A canvas in a dialog (the compare view) is covered only by what is in that dialog: the app's panels
  // are behind it.
  const dialog = container.closest('[role="dialog"]');
  const panels = [...[...document.querySelectorAll<HTMLElement>('[data-fit-obstacle]')].filter((el) => !dialog || dialog.contains(el)), ...container.querySelectorAll<HTMLElement>('.react-flow__controls, .react-flow__minimap')];
  return panels.flatMap((el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return [];
    return [{ left: r.left - canvas.left, top: r.top - canvas.top, right: r.right - canvas.left, bottom: r.bottom - canvas.top }];
  });
}

/**
 * `bounds` grown to hold the edge labels drawn in this canvas, in flow units. Labels are laid out clear of
 * the cards (src/canvas/edges/EdgeLabelLayout.tsx), so one may sit beyond every card — above the top
 * container, say — where fitting the cards alone would leave it under the legend. Labels not drawn (hidden
 * at far zoom) have no box and count for nothing.
 */
export function withLabels(container: HTMLElement, bounds: { x: number; y: number; width: number; height: number }, viewport: { x: number; y: number; zoom: number }): { x: number; y: number; width: number; height: number } {
  const canvas = container.getBoundingClientRect();
  let left = bounds.x;
  let top = bounds.y;
  let right = bounds.x + bounds.width;
  let bottom = bounds.y + bounds.height;
  for (const el of container.querySelectorAll<HTMLElement>('[data-testid^="edge-label."]')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const flow = (px: number, origin: number, offset: number): number => (px - origin - offset) / viewport.zoom;
    left = Math.min(left, flow(r.left, canvas.left, viewport.x));
    right = Math.max(right, flow(r.right, canvas.left, viewport.x));
    top = Math.min(top, flow(r.top, canvas.top, viewport.y));
    bottom = Math.max(bottom, flow(r.bottom, canvas.top, viewport.y));
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** Mounted once inside the editing canvas's `<ReactFlow>`. */
export function ViewFit({ container }: { readonly container: React.RefObject<HTMLDivElement | null> }) {
  const { getNodes, getNodesBounds, getViewport, setViewport } = useReactFlow<AppNode>();
  const request = useAppStore((s) => s.fitRequest);
  // A replaced scenario is fitted once the canvas draws it (it may wait a few frames for its decisions).
  const caughtUp = useAppStore((s) => s.presented === s.scenario);
  const served = useRef(0);
  const first = useRef(true);
  useEffect(() => {
    if (request.seq === served.current || !caughtUp) return;
    served.current = request.seq;
    // Two frames: React Flow has the new nodes, and the panels opened with them are laid out. (Not
    // cancelled when the effect re-runs: the request is served once, whatever happens meanwhile.)
    requestAnimationFrame(() => {
      requestAnimationFrame(() => {
        const el = container.current;
        if (!el) return;
        const all = getNodes();
        const wanted = request.nodes ? new Set(request.nodes) : undefined;
        const nodes = wanted ? all.filter((n) => wanted.has(n.id)) : all;
        if (nodes.length === 0) return;
        const canvas = el.getBoundingClientRect();
        // The cards, and where asked (the what-if comparison) the labels laid out around them.
        const b = request.labels && !wanted ? withLabels(el, getNodesBounds(nodes), getViewport()) : getNodesBounds(nodes);
        const room = request.room ?? { top: 0, bottom: 0, sides: 0 };
        const bounds = { x: b.x - room.sides, y: b.y - room.top, width: b.width + 2 * room.sides, height: b.height + room.top + room.bottom };
        // A small diagram (every lesson, most designs) is never fitted so small that its names are not
        // drawn; a large one is shown whole (its overview is the point).
        const readableZoom = request.minZoom ?? (all.length <= SMALL_DIAGRAM_NODES ? NAME_ZOOM + 0.01 : undefined);
        const kept = request.keep !== undefined ? all.find((n) => n.id === request.keep) : undefined;
        const keep = kept ? getNodesBounds([kept]) : undefined;
        const viewport = fitViewport(canvas.width, canvas.height, floatingPanels(el), bounds, { margin: MARGIN, minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM, ...(readableZoom !== undefined ? { readableZoom } : {}), ...(keep ? { keep } : {}) });
        void setViewport(viewport, { duration: first.current ? 0 : motion(250) });
        first.current = false;
      });
    });
  }, [request, caughtUp, container, getNodes, getNodesBounds, getViewport, setViewport]);
  return null;
}
