import { getViewportForBounds, type Rect } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';

/**
 * PNG and SVG pictures of the diagram for slides and documents, made the way React Flow documents it
 * ("Download Image": html-to-image over the viewport element, placed with `getNodesBounds` and
 * `getViewportForBounds`). html-to-image is pinned to 1.11.11: later releases drop edges from React
 * Flow exports (bubkoo/html-to-image#516, xyflow/web#759).
 *
 * The live canvas is never touched: its viewport is cloned into an off-screen frame together with a
 * title and a legend, so the picture says allowed / denied by line style, icon and word as well as by
 * colour. The picture uses the page's current theme (light or dark) with a matching solid background.
 */

export interface LegendItem {
  readonly label: string;
  readonly description: string;
  /** CSS colour (may be a CSS variable; it is resolved in the page before rendering). */
  readonly stroke: string;
  readonly dash?: string;
  /** The text mark the canvas puts beside each action: ✓, ✕, ⊘, ◐. */
  readonly mark: string;
  /** The icon the canvas draws on the edge's label: an SVG path in a 24×24 box, stroked. */
  readonly iconPath?: string;
}

export interface DiagramExport {
  /** React Flow's `.react-flow__viewport` element of the live canvas. */
  readonly viewport: HTMLElement;
  /** The flow-space bounds of every node (`useReactFlow().getNodesBounds(getNodes())`). */
  readonly bounds: Rect;
  readonly title: string;
  readonly subtitle?: string;
  readonly legend: readonly LegendItem[];
  readonly dark: boolean;
}

const PADDING = 40;
const HEADER = 56;
const LEGEND_ROW = 24;
/** Browsers cap canvas sides near 16,384 px; stay under it. */
const MAX_CANVAS_SIDE = 16_000;

const SVG_NS = 'http://www.w3.org/2000/svg';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, style: Partial<CSSStyleDeclaration>, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node.style, style);
  // textContent only: scenario names are user data and never parsed as markup.
  if (text !== undefined) node.textContent = text;
  return node;
}

function legendRow(item: LegendItem, color: string): HTMLElement {
  const row = el('div', { display: 'flex', alignItems: 'center', gap: '8px', height: `${LEGEND_ROW}px`, fontSize: '13px', color });
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('width', '40');
  svg.setAttribute('height', '10');
  const line = document.createElementNS(SVG_NS, 'line');
  line.setAttribute('x1', '2');
  line.setAttribute('y1', '5');
  line.setAttribute('x2', '38');
  line.setAttribute('y2', '5');
  line.setAttribute('stroke-width', '3');
  line.style.stroke = item.stroke;
  if (item.dash) line.setAttribute('stroke-dasharray', item.dash);
  svg.appendChild(line);
  row.appendChild(svg);
  if (item.iconPath) {
    // The label's icon, as the canvas draws it (currentColor stroke, round caps).
    const icon = document.createElementNS(SVG_NS, 'svg');
    icon.setAttribute('viewBox', '0 0 24 24');
    icon.setAttribute('width', '16');
    icon.setAttribute('height', '16');
    icon.setAttribute('fill', 'none');
    icon.setAttribute('stroke', color);
    icon.setAttribute('stroke-width', '1.8');
    icon.setAttribute('stroke-linecap', 'round');
    icon.setAttribute('stroke-linejoin', 'round');
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', item.iconPath);
    icon.appendChild(path);
    row.appendChild(icon);
  }
  row.appendChild(el('span', { fontWeight: '700', width: '14px', textAlign: 'center' }, item.mark));
  row.appendChild(el('span', { fontWeight: '600' }, item.label));
  row.appendChild(el('span', { opacity: '0.8' }, `— ${item.description}`));
  return row;
}

/** Builds the off-screen frame: title, the cloned diagram at scale 1, and the legend. */
function buildFrame(opts: DiagramExport): { frame: HTMLElement; width: number; height: number; background: string } {
  const background = opts.dark ? '#020617' : '#ffffff';
  const text = opts.dark ? '#e2e8f0' : '#0f172a';
  const diagramWidth = Math.ceil(opts.bounds.width + PADDING * 2);
  const diagramHeight = Math.ceil(opts.bounds.height + PADDING * 2);
  const width = Math.max(diagramWidth, 560);
  const legendHeight = opts.legend.length * LEGEND_ROW + 24;
  const height = HEADER + diagramHeight + legendHeight;

  // Same classes as the live flow, so React Flow's CSS variables (and its dark class) apply to the clone.
  const flowRoot = opts.viewport.closest('.react-flow');
  const frame = el('div', {
    position: 'relative',
    width: `${width}px`,
    height: `${height}px`,
    background,
    color: text,
    overflow: 'hidden',
    fontFamily: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  });
  frame.className = flowRoot instanceof HTMLElement ? flowRoot.className : 'react-flow';
  frame.setAttribute('aria-hidden', 'true');

  const header = el('div', { position: 'absolute', left: `${PADDING}px`, top: '14px', right: `${PADDING}px` });
  header.appendChild(el('div', { fontSize: '18px', fontWeight: '700', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }, opts.title));
  if (opts.subtitle) header.appendChild(el('div', { fontSize: '12px', opacity: '0.75' }, opts.subtitle));
  frame.appendChild(header);

  const stage = el('div', { position: 'absolute', left: '0', top: `${HEADER}px`, width: `${width}px`, height: `${diagramHeight}px`, overflow: 'hidden' });
  const clone = opts.viewport.cloneNode(true);
  if (clone instanceof HTMLElement) {
    // Scale 1, the bounds centred in the stage (React Flow's helper computes the transform).
    const vp = getViewportForBounds(opts.bounds, width, diagramHeight, 1, 1, 0);
    clone.style.transform = `translate(${vp.x}px, ${vp.y}px) scale(${vp.zoom})`;
    clone.style.transformOrigin = '0 0';
    stage.appendChild(clone);
  }
  frame.appendChild(stage);

  const legend = el('div', { position: 'absolute', left: `${PADDING}px`, top: `${HEADER + diagramHeight + 8}px` });
  for (const item of opts.legend) legend.appendChild(legendRow(item, text));
  frame.appendChild(legend);
  return { frame, width, height, background };
}

/** Leaves out interaction chrome that means nothing on paper. */
function keep(node: HTMLElement): boolean {
  const cls = node.classList;
  return !cls || !(cls.contains('react-flow__handle') || cls.contains('react-flow__resize-control') || cls.contains('react-flow__nodesselection'));
}

/** Renders the diagram as a PNG or SVG data URL. */
export async function exportDiagram(format: 'png' | 'svg', opts: DiagramExport): Promise<string> {
  const { frame, width, height, background } = buildFrame(opts);
  // The frame must be laid out (html-to-image copies computed styles) but not seen: an off-screen holder
  // carries the offset, so the frame's own computed position stays at the origin of the picture.
  const holder = el('div', { position: 'fixed', left: '-100000px', top: '0', pointerEvents: 'none' });
  holder.appendChild(frame);
  document.body.appendChild(holder);
  // Text in a foreignObject can come out a hair wider than on the page; give each decision label its
  // one-line width plus a little room so it never wraps out of its border in the picture.
  for (const chip of frame.querySelectorAll<HTMLElement>('[data-testid^="edge-label."]')) {
    for (const inner of chip.querySelectorAll<HTMLElement>('*')) {
      inner.style.flexWrap = 'nowrap';
      inner.style.whiteSpace = 'nowrap';
    }
    chip.style.maxWidth = 'none';
    chip.style.width = 'max-content';
    chip.style.width = `${chip.offsetWidth + 8}px`;
  }
  try {
    const common = { width, height, backgroundColor: background, filter: keep, skipFonts: true, cacheBust: false };
    if (format === 'svg') return await toSvg(frame, common);
    const pixelRatio = Math.max(0.25, Math.min(2, MAX_CANVAS_SIDE / width, MAX_CANVAS_SIDE / height));
    return await toPng(frame, { ...common, pixelRatio });
  } finally {
    holder.remove();
  }
}

/** Turns a data URL into a Blob (for download with the right type and size). */
export async function dataUrlToBlob(dataUrl: string): Promise<Blob> {
  const response = await fetch(dataUrl);
  return response.blob();
}
