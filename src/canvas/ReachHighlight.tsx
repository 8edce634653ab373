import { useStore, ViewportPortal, type ReactFlowState } from '@xyflow/react';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { edgePath } from '../graph/edgeRoute';
import { useAppStore } from '../store/store';
import { reachMarks, type ReachMarks } from './reachMarks';

/**
 * "Who can reach this?" and "What can this reach?" on the canvas: the node asked about, the principals (or
 * resources) the analysis found and the roles on their paths are marked, everything else is dimmed. The
 * marks are attributes on React Flow's own node and edge elements (`data-reach`, `data-reach-tag`, styled in
 * index.css: a different outline per part and a few words, so colour is never the only signal); hops of a
 * path that no drawn edge follows are drawn as dashed lines. Nothing is laid out or re-rendered for it.
 */

/** Sets the marks on the DOM, again whenever React Flow adds node or edge elements. */
function applyMarks(root: HTMLElement, marks: ReachMarks | undefined, kind: string | undefined): void {
  if (!marks || !kind) {
    root.removeAttribute('data-reach');
    for (const el of root.querySelectorAll<HTMLElement>('[data-reach]')) {
      el.removeAttribute('data-reach');
      el.removeAttribute('data-reach-tag');
    }
    return;
  }
  root.setAttribute('data-reach', kind);
  for (const el of root.querySelectorAll<HTMLElement>('.react-flow__node')) {
    const id = el.dataset['id'] ?? '';
    // Containers (accounts, organizations) frame the picture: they are neither marked nor dimmed.
    if (el.classList.contains('react-flow__node-account') || el.classList.contains('react-flow__node-organization')) continue;
    const mark = marks.nodes.get(id);
    el.setAttribute('data-reach', mark?.role ?? 'dim');
    if (mark) el.setAttribute('data-reach-tag', mark.tag);
    else el.removeAttribute('data-reach-tag');
  }
  for (const el of root.querySelectorAll<HTMLElement>('.react-flow__edge')) el.setAttribute('data-reach', marks.edges.has(el.dataset['id'] ?? '') ? 'path' : 'dim');
  for (const el of root.querySelectorAll<HTMLElement>('.edge-label')) {
    const id = (el.dataset['testid'] ?? '').replace(/^edge-label\./, '');
    el.setAttribute('data-reach', marks.edges.has(id) ? 'path' : 'dim');
  }
}

export function ReachHighlight({ container }: { readonly container: React.RefObject<HTMLDivElement | null> }) {
  const { focus, reach, scenario, summary, journey } = useAppStore(useShallow((s) => ({ focus: s.reachFocus, reach: s.reach, scenario: s.presented, summary: s.analysisSummary, journey: s.journeyPick !== undefined })));
  const marks = useMemo(() => {
    // A journey being played has the canvas to itself: the marks come back when it is closed.
    if (!focus || !reach || reach.focus !== focus || journey) return undefined;
    const services = new Map((summary?.subjects ?? []).flatMap((s) => (s.kind === 'service' && s.nodeId ? [[s.key, s.nodeId] as const] : [])));
    return reachMarks(focus, reach.result, scenario, services);
  }, [focus, reach, scenario, summary, journey]);
  // Each new question shows its answer: the canvas is fitted to the marked nodes once per question, and
  // again when the review panel opens or closes beside the canvas (the canvas's width changes).
  const reviewOpen = useAppStore((s) => s.reviewOpen);
  const fitted = useRef('');
  useEffect(() => {
    if (!marks || !focus) return;
    const key = `${focus.kind}|${focus.key}|${reviewOpen ? 'open' : 'closed'}`;
    if (fitted.current === key) return;
    fitted.current = key;
    // The node asked about stays in view when the answer does not fit whole at a readable zoom.
    const asked = [...marks.nodes].find(([, m]) => m.role === 'focus')?.[0];
    if (marks.nodes.size > 0) useAppStore.getState().requestFit([...marks.nodes.keys()], undefined, undefined, asked);
  }, [marks, focus, reviewOpen]);
  useLayoutEffect(() => {
    const root = container.current;
    if (!root) return;
    applyMarks(root, marks, focus?.kind);
    if (!marks) return;
    // React Flow mounts node and edge elements as they appear (a scenario opened, an edge drawn): marked too.
    let frame = 0;
    const observer = new MutationObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => applyMarks(root, marks, focus?.kind));
    });
    observer.observe(root, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      applyMarks(root, undefined, undefined);
    };
  }, [container, marks, focus]);
  return marks && marks.hops.length > 0 ? <ReachPaths hops={marks.hops} /> : null;
}

/** The hops of the paths that no drawn edge follows: dashed lines between the nodes' boxes, as the canvas draws edges. */
function ReachPaths({ hops }: { readonly hops: ReachMarks['hops'] }) {
  const ids = useMemo(() => [...new Set(hops.flatMap((h) => [h.from, h.to]))], [hops]);
  const boxes = useStore(
    (s: ReactFlowState) =>
      ids.map((id) => {
        const n = s.nodeLookup.get(id);
        if (!n) return undefined;
        const { x, y } = n.internals.positionAbsolute;
        return `${x},${y},${n.measured?.width ?? n.width ?? 0},${n.measured?.height ?? n.height ?? 0}`;
      }),
    (a, b) => a.length === b.length && a.every((x, i) => x === b[i]),
  );
  const byId = new Map(ids.map((id, i) => [id, boxes[i]]));
  const paths = hops.flatMap((h) => {
    const a = byId.get(h.from)?.split(',').map(Number);
    const b = byId.get(h.to)?.split(',').map(Number);
    if (!a || !b) return [];
    const [d] = edgePath({ x: a[0] as number, y: a[1] as number, w: a[2] as number, h: a[3] as number }, { x: b[0] as number, y: b[1] as number, w: b[2] as number, h: b[3] as number });
    return [{ key: `${h.from}>${h.to}`, d, assume: h.assume }];
  });
  return (
    <ViewportPortal>
      <svg className="reach-paths pointer-events-none absolute left-0 top-0 overflow-visible" width="1" height="1" aria-hidden="true" data-testid="reach.paths">
        <defs>
          <marker id="reach-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="reach-arrow" />
          </marker>
        </defs>
        {paths.map((p) => (
          <path key={p.key} d={p.d} className={`reach-hop ${p.assume ? 'reach-hop--assume' : ''}`} markerEnd="url(#reach-arrow)" data-reach-hop={p.key} />
        ))}
      </svg>
    </ViewportPortal>
  );
}
