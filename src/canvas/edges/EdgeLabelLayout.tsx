import { useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useLayoutEffect, useState } from 'react';
import { edgeSides, type Box } from '../../graph/edgeRoute';
import { layEdgeLabels, pointOnEdge, type LabelToLay, type Point } from '../../graph/labelLayout';
import { labelScale } from '../LabelScale';
import { SMALL_DIAGRAM_NODES } from '../ZoomMotion';

/** Height of an account's header and an organization's, which labels keep off (flow units). */
const ACCOUNT_HEADER = 44;
const ORG_HEADER = 40;

const scaleOf = (s: ReactFlowState): number => labelScale(s.transform[2]);

/** Whether two label placements put every label at the same place (within half a unit). */
export function samePlacement(a: ReadonlyMap<string, { x: number; y: number }> | undefined, b: ReadonlyMap<string, { x: number; y: number }> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.size !== b.size) return false;
  for (const [id, p] of a) {
    const q = b.get(id);
    if (!q || Math.abs(p.x - q.x) > 0.5 || Math.abs(p.y - q.y) > 0.5) return false;
  }
  return true;
}

/**
 * Lays out the edge labels of a small diagram (at most `SMALL_DIAGRAM_NODES` nodes: every lesson, most
 * designs) so none covers a card, a header or another label (src/graph/labelLayout.ts): after every change
 * of the nodes, the edges or the label scale, the labels are measured as drawn and placed along their
 * lines. Large diagrams keep their labels at their lines' middles (placing 2,000 labels on every change
 * would cost more than the canvas's whole edit budget). Mounted inside the editor's `<ReactFlow>`; the
 * placement goes up to the canvas, which hands it to the edges (LabelPlacementContext).
 */
export function EdgeLabelLayout({ onLayout }: { readonly onLayout: (placement: ReadonlyMap<string, Point> | undefined) => void }) {
  const store = useStoreApi();
  const nodes = useStore((s: ReactFlowState) => s.nodes);
  const edges = useStore((s: ReactFlowState) => s.edges);
  const scale = useStore(scaleOf);
  const dom = useStore((s: ReactFlowState) => s.domNode);
  // Labels are drawn into their layer after the canvas is ready: looked for again on the next frames.
  const [retry, setRetry] = useState(0);
  useLayoutEffect(() => {
    if (nodes.length > SMALL_DIAGRAM_NODES || !dom) {
      onLayout(undefined);
      return;
    }
    const { nodeLookup } = store.getState();
    const boxOf = (id: string): Box | undefined => {
      const n = nodeLookup.get(id);
      if (!n) return undefined;
      return { x: n.internals.positionAbsolute.x, y: n.internals.positionAbsolute.y, w: n.measured.width ?? n.width ?? 0, h: n.measured.height ?? n.height ?? 0 };
    };
    const obstacles: Box[] = [];
    for (const n of nodeLookup.values()) {
      const b = boxOf(n.id);
      if (!b) continue;
      if (n.type === 'account') obstacles.push({ ...b, h: ACCOUNT_HEADER });
      else if (n.type === 'organization') obstacles.push({ ...b, h: ORG_HEADER });
      else obstacles.push(b);
    }
    const labels: (LabelToLay & { length: number })[] = [];
    let missing = false;
    for (const e of edges) {
      const s = boxOf(e.source);
      const t = boxOf(e.target);
      const el = dom.querySelector<HTMLElement>(`[data-testid="edge-label.${CSS.escape(e.id)}"]`);
      if (!el) missing = true;
      if (!s || !t || !el || el.offsetWidth === 0) continue;
      const sides = edgeSides(s, t);
      const a = pointOnEdge(sides, 0);
      const b = pointOnEdge(sides, 1);
      labels.push({ id: e.id, sides, w: el.offsetWidth * scale, h: el.offsetHeight * scale, length: Math.hypot(b.x - a.x, b.y - a.y) });
    }
    // Short edges first: they have the fewest places to offer.
    labels.sort((p, q) => p.length - q.length);
    onLayout(layEdgeLabels(labels, obstacles));
    if (missing && retry < 10) {
      const frame = requestAnimationFrame(() => setRetry((n) => n + 1));
      return () => cancelAnimationFrame(frame);
    }
  }, [nodes, edges, scale, dom, store, onLayout, retry]);
  return null;
}
