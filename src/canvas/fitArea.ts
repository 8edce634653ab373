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
  const box = freeBox(width, height, panels, bounds, options.margin);
  const w = box.right - box.left;
  const h = box.bottom - box.top;
  const fits = Math.min(options.maxZoom, Math.max(options.minZoom, Math.min(w / Math.max(bounds.width, 1), h / Math.max(bounds.height, 1))));
  const zoom = Math.max(fits, Math.min(options.maxZoom, options.readableZoom ?? 0));
  // Centred along each side that fits; from the top or left edge along one that does not.
  const along = (start: number, room: number, size: number, origin: number): number => (size * zoom <= room ? start + (room - size * zoom) / 2 : start) - origin * zoom;
  return { x: along(box.left, w, bounds.width, bounds.x), y: along(box.top, h, bounds.height, bounds.y), zoom };
}
