/**
 * Where a fit puts the diagram: the canvas minus the panels that float over it (the legend strip, the
 * lesson panel, the journey strip or player, the zoom controls, the minimap). Pure geometry, so it is unit
 * tested without a browser; `src/canvas/ViewFit.tsx` measures the panels and applies the result.
 */

/** A box in canvas pixels: (0, 0) is the canvas's top-left corner. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** The diagram's bounds in flow coordinates (React Flow's `getNodesBounds`). */
export interface Bounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface FitOptions {
  /** Space kept between the diagram and the canvas's edges or a panel, in pixels. */
  readonly margin: number;
  readonly minZoom: number;
  /** Never zoom in past this (100%: a small drawing is shown at its real size, not blown up). */
  readonly maxZoom: number;
  /**
   * Never fit below this zoom, where the diagram's names would no longer be drawn (src/canvas/ZoomMotion.tsx
   * hides text under 9 px): a diagram that does not fit at it is shown at it from its top-left corner, and
   * the user pans to the rest. Unset, the fit goes down to `minZoom`.
   */
  readonly readableZoom?: number;
  /**
   * A part of the diagram that must be in view even when the diagram is not shown whole at the readable
   * zoom (the node a reach question is about): the view moves just enough along each side to show it.
   */
  readonly keep?: Bounds;
}

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

const overlaps = (a: Box, b: Box): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * The free box of the canvas in which the diagram is shown largest: every box whose sides are the
 * canvas's edges or a panel's sides (inset by the margin) and that covers no panel is a candidate, and the
 * one that allows the greatest zoom for `content` wins (then the larger area). With a handful of panels
 * that is a few hundred candidates. Panels outside the canvas are ignored; if the panels leave no room at
 * all, the whole canvas is used.
 */
export function freeBox(width: number, height: number, panels: readonly Box[], content: { readonly width: number; readonly height: number }, margin: number): Box {
  const canvas: Box = { left: 0, top: 0, right: width, bottom: height };
  const inside = panels.filter((p) => p.right > p.left && p.bottom > p.top && overlaps(p, canvas));
  const lefts = [margin, ...inside.map((p) => p.right + margin)];
  const rights = [width - margin, ...inside.map((p) => p.left - margin)];
  const tops = [margin, ...inside.map((p) => p.bottom + margin)];
  const bottoms = [height - margin, ...inside.map((p) => p.top - margin)];
  const cw = Math.max(content.width, 1);
  const ch = Math.max(content.height, 1);
  let best: Box | undefined;
  let bestZoom = -1;
  let bestArea = -1;
  // Panels are grown by the margin, so a candidate may touch a panel's margin but not the panel.
  const grown = inside.map((p) => ({ left: p.left - margin + 0.5, top: p.top - margin + 0.5, right: p.right + margin - 0.5, bottom: p.bottom + margin - 0.5 }));
  for (const left of lefts) {
    for (const right of rights) {
      if (right - left < 40) continue;
      for (const top of tops) {
        for (const bottom of bottoms) {
          if (bottom - top < 40) continue;
          const box = { left, top, right, bottom };
          if (grown.some((p) => overlaps(p, box))) continue;
          const zoom = Math.min((right - left) / cw, (bottom - top) / ch);
          const area = (right - left) * (bottom - top);
          if (zoom > bestZoom + 1e-9 || (Math.abs(zoom - bestZoom) <= 1e-9 && area > bestArea)) {
            best = box;
            bestZoom = zoom;
            bestArea = area;
          }
        }
      }
    }
  }
  return best ?? { left: margin, top: margin, right: Math.max(margin + 1, width - margin), bottom: Math.max(margin + 1, height - margin) };
}

/**
 * The viewport that shows `bounds` as large as it fits in the free box (at most `maxZoom`, at least
 * `readableZoom`), centred in it.
 */
export function fitViewport(width: number, height: number, panels: readonly Box[], bounds: Bounds, options: FitOptions): Viewport {
  let box = freeBox(width, height, panels, bounds, options.margin);
  const w0 = box.right - box.left;
  const h0 = box.bottom - box.top;
  const fits = Math.min(options.maxZoom, Math.max(options.minZoom, Math.min(w0 / Math.max(bounds.width, 1), h0 / Math.max(bounds.height, 1))));
  const zoom = Math.max(fits, Math.min(options.maxZoom, options.readableZoom ?? 0));
  // Too large to fit at the readable zoom: shown from a top-left corner from which what runs past the free
  // part runs off the canvas, never under a panel (the user pans to it).
  if (zoom > fits + 1e-9) box = overflowBox(width, height, panels, { width: bounds.width * zoom, height: bounds.height * zoom }, options.margin) ?? box;
  const w = box.right - box.left;
  const h = box.bottom - box.top;
  // Centred along each side that fits; from the top or left edge along one that does not.
  const along = (start: number, room: number, size: number, origin: number): number => (size * zoom <= room ? start + (room - size * zoom) / 2 : start) - origin * zoom;
  let x = along(box.left, w, bounds.width, bounds.x);
  let y = along(box.top, h, bounds.height, bounds.y);
  const keep = options.keep;
  if (keep) {
    // Moved left (up) until its far side is in the box, then right (down) until its near side is.
    const into = (pos: number, start: number, room: number, at: number, size: number): number => {
      let p = pos;
      const far = (at + size) * zoom + p;
      if (far > start + room) p -= far - (start + room);
      const near = at * zoom + p;
      if (near < start) p += start - near;
      return p;
    };
    // The box of a diagram too large to fit reaches the canvas's edge (its overflow runs off it); the node
    // kept in view stays a margin inside that edge.
    x = into(x, box.left, Math.min(box.right, width - options.margin) - box.left, keep.x, keep.width);
    y = into(y, box.top, Math.min(box.bottom, height - options.margin) - box.top, keep.y, keep.height);
  }
  return { x, y, zoom };
}

/**
 * Where a drawing too large for the canvas starts (its top-left corner, `content` in pixels) so that the
 * part of it on the canvas covers no panel and is as large as possible: the corner is a canvas edge or a
 * panel's side, and the box from it to where the drawing (or the canvas) ends meets no panel. Undefined
 * when every such box meets one.
 */
export function overflowBox(width: number, height: number, panels: readonly Box[], content: { readonly width: number; readonly height: number }, margin: number): Box | undefined {
  const canvas: Box = { left: 0, top: 0, right: width, bottom: height };
  const inside = panels.filter((p) => p.right > p.left && p.bottom > p.top && overlaps(p, canvas));
  const grown = inside.map((p) => ({ left: p.left - margin + 0.5, top: p.top - margin + 0.5, right: p.right + margin - 0.5, bottom: p.bottom + margin - 0.5 }));
  let best: Box | undefined;
  let bestArea = 0;
  for (const left of [margin, ...inside.map((p) => p.right + margin)]) {
    for (const top of [margin, ...inside.map((p) => p.bottom + margin)]) {
      const box = { left, top, right: Math.min(width, left + content.width), bottom: Math.min(height, top + content.height) };
      if (box.right - box.left < 40 || box.bottom - box.top < 40 || grown.some((p) => overlaps(p, box))) continue;
      const area = (box.right - box.left) * (box.bottom - box.top);
      if (area > bestArea) {
        best = { left, top, right: Math.max(box.right, width - margin), bottom: Math.max(box.bottom, height - margin) };
        bestArea = area;
      }
    }
  }
  return best;
}
