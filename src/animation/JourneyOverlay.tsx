import { useReactFlow, useStore, ViewportPortal, type ReactFlowState } from '@xyflow/react';
import { memo, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { LabelPlacementContext } from '../canvas/edges/labelHost';
import { freeBox } from '../canvas/fitArea';
import { motion } from '../canvas/motion';
import { floatingPanels } from '../canvas/ViewFit';
import type { Actor } from '../journey/actors';
import { isShownOnPath, type Gate } from '../journey/gates';
import type { Journey } from '../journey/journey';
import { gateViewAt, type GateView } from '../journey/view';
import { boxOf, gatePlaces, hopLine, pointAt, pointsBetween, type NodeBox, type Point, type Polyline } from './geometry';
import { badgeCandidates, placeBox, placeLabels, type Rect } from './labelPlacement';
import './journey.css';

/**
 * The journey drawn over the canvas, in flow coordinates (React Flow's `ViewportPortal`): the hops as
 * highlighted paths computed from React Flow's own node positions and handles, the gates as labelled
 * markers on them, and the token showing who is acting, moved along the path with the Web Animations API
 * (transform only). Under reduced motion nothing moves: the token jumps from step to step, the swap and
 * the denied gate are shown by static emphasis.
 */

/** A hop's line from React Flow's own node boxes, as the canvas draws the edge between them. */
function lineOf(from: NodeBox | undefined, to: NodeBox | undefined, kind: Journey['hops'][number]['kind']): Polyline | undefined {
  return from && to ? hopLine(boxOf(from), boxOf(to), kind) : undefined;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export const ACTOR_TONE: Record<Actor['kind'], { stroke: string; badge: string; word: string }> = {
  caller: {
    stroke: '#0284c7',
    badge: 'border-sky-700 bg-sky-50 text-sky-950 dark:border-sky-400 dark:bg-sky-950 dark:text-sky-50',
    word: 'own identity',
  },
  session: {
    stroke: '#7c3aed',
    badge: 'border-violet-700 bg-violet-50 text-violet-950 dark:border-violet-400 dark:bg-violet-950 dark:text-violet-50',
    word: 'role session',
  },
  service: {
    stroke: '#0d9488',
    badge: 'border-teal-700 bg-teal-50 text-teal-950 dark:border-teal-400 dark:bg-teal-950 dark:text-teal-50',
    word: 'AWS service',
  },
};

export const GATE_LOOK: Record<GateView, { mark: string; word: string; cls: string }> = {
  pending: { mark: '○', word: 'not yet checked', cls: 'border-dashed border-slate-400 bg-white/90 text-slate-700 dark:border-slate-500 dark:bg-slate-900/90 dark:text-slate-300' },
  passed: { mark: '✓', word: 'passed', cls: 'border-green-700 bg-green-50 text-green-900 dark:border-green-400 dark:bg-green-950 dark:text-green-100' },
  denied: { mark: '✕', word: 'denied', cls: 'border-red-700 bg-red-50 text-red-900 dark:border-red-400 dark:bg-red-950 dark:text-red-100' },
  'not-needed': { mark: '–', word: 'not needed', cls: 'border-slate-500 bg-slate-50 text-slate-700 dark:border-slate-400 dark:bg-slate-800 dark:text-slate-200' },
  skipped: { mark: '·', word: 'does not apply', cls: 'border-slate-300 bg-slate-50 text-slate-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-400' },
  unreached: { mark: '…', word: 'not reached', cls: 'border-dotted border-slate-400 bg-slate-50 text-slate-500 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-400' },
};

/** How far below its point a gate's label hangs (the token's badge rides above the path). */
const DROP = 14;
/** Keys of the badges in the measured sizes (gate labels are keyed by gate id). */
const BADGE = 'badge:current';
const PREVIOUS_BADGE = 'badge:previous';
const SWAP_TAG = 'badge:swap';
/** The badges stacked (swap tag, previous badge, current badge): placed as one box around the token. */
const STACK = 'stack';
/** Space between the token's point and its badges. */
const LIFT = 10;
const EDGE_LABEL = 'edge-label:';

export interface JourneyOverlayProps {
  readonly journey: Journey;
  readonly step: number;
  readonly reducedMotion: boolean;
  /** Speed factor of playback: the token's travel is shortened accordingly. */
  readonly speed: number;
  /** Prefix for test ids, so two canvases side by side stay distinguishable. */
  readonly testId?: string;
  /**
   * The camera follows the part being played: when the token, its badge or the gates in play are not all
   * in the part of the canvas no panel covers, the view pans to them, and zooms in to `JOURNEY_MIN_ZOOM` if
   * it was further out (the editor's canvas; the compare view frames each design whole).
   */
  readonly follow?: boolean;
}

/**
 * The smallest zoom a journey is played at: the overlay's text (10–11 px, scaled up to 1.3× against the
 * zoom) and the cards' names stay at 9 px or more on screen (10 × 1.3 × 0.7 = 9.1).
 */
export const JOURNEY_MIN_ZOOM = 0.7;
/**
 * Room kept around the journey's nodes when it is framed, in flow units: the actor's badge rides above the
 * token, the gates hang below the path.
 */
const JOURNEY_ROOM = { top: 110, bottom: 90, sides: 24 } as const;
const FOLLOW_MARGIN = 24;

function Badge({ actor, className = '', testId, measure }: { actor: Actor; className?: string; testId?: string; measure: string }) {
  const tone = ACTOR_TONE[actor.kind];
  return (
    <div
      className={`whitespace-nowrap rounded-full border-2 px-2 py-0.5 text-[11px] font-semibold shadow-md ${tone.badge} ${className}`}
      data-testid={testId}
      data-measure={measure}
      data-actor-kind={actor.kind}
    >
      <span className="mr-1 text-[10px] font-medium uppercase tracking-wide opacity-80">{tone.word}</span>
      {actor.badge}
      {actor.carries && (
        <span className="block max-w-[320px] truncate font-mono text-[10px] font-normal" title={`${actor.carries.key} = ${actor.carries.value}`}>
          {`${actor.carries.key} = ${actor.carries.value}`}
        </span>
      )}
    </div>
  );
}

function GateMarker({ gate, view, at, scale, offset, current, inPlay, stop, compact, terse, reducedMotion, testId }: { gate: Gate; view: GateView; at: Point; scale: number; offset: Point; current: boolean; inPlay: boolean; stop: boolean; compact: boolean; terse: boolean; reducedMotion: boolean; testId: string }) {
  const look = GATE_LOOK[view];
  const sid = view === 'passed' || view === 'denied' ? gate.statements[0]?.ref.sid : undefined;
  return (
    <div className="absolute left-0 top-0 origin-top-left" style={{ transform: `translate(${at.x}px, ${at.y}px) scale(${scale})` }}>
      <div className="absolute left-0 top-0 h-2.5 w-2.5 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-white bg-slate-600 dark:border-slate-900 dark:bg-slate-300" aria-hidden="true" />
      <div
        className={`absolute left-0 top-0 flex items-center gap-1 whitespace-nowrap rounded-md border px-1.5 py-0.5 text-[11px] font-medium shadow-sm ${look.cls} ${current ? 'ring-2 ring-sky-500' : ''} ${stop ? (reducedMotion ? 'outline outline-[3px] outline-offset-2 outline-red-600' : 'journey-pulse') : ''}`}
        style={{ transform: `translate(${offset.x}px, ${offset.y}px)` }}
        data-testid={testId}
        data-gate-label={gate.id}
        data-gate-state={view}
        data-stage={gate.stage}
        data-stop={stop ? 'true' : undefined}
        data-in-play={inPlay ? 'true' : undefined}
        title={`${gate.title}: ${look.word}`}
      >
        <span aria-hidden="true" className="font-bold">
          {look.mark}
        </span>
        {compact ? <span className="sr-only">{gate.label}</span> : <span>{gate.label}</span>}
        {sid && !compact && !terse && <span className="font-mono opacity-80">{sid}</span>}
        {stop && <span className="font-semibold">· stopped here</span>}
        <span className="sr-only">{look.word}</span>
      </div>
    </div>
  );
}

/**
 * The camera of a journey (the `follow` option of the overlay): whenever the part in play moves — the token,
 * its badges, the gate checked — it is brought into the part of the canvas no panel covers, at a readable
 * zoom (`focusKey` says where it is now; the marks are then measured as drawn). A journey just picked, or
 * its canvas resized, is first framed whole when it fits at `JOURNEY_MIN_ZOOM` or more.
 */
function JourneyCamera({ journey, nodes, root, focusKey }: { journey: Journey; nodes: readonly (NodeBox | undefined)[]; root: React.RefObject<HTMLDivElement | null>; focusKey: string }) {
  const { getViewport, setViewport } = useReactFlow();
  const paneWidth = useStore((s: ReactFlowState) => s.width);
  const paneHeight = useStore((s: ReactFlowState) => s.height);
  const framed = useRef<{ journey: Journey; width: number; height: number } | undefined>(undefined);
  useEffect(() => {
    // Two frames on: the badges and gates have been measured and placed, the panels laid out.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(look);
    });
    return () => cancelAnimationFrame(frame);
    function look(): void {
      const flow = root.current?.closest<HTMLElement>('.react-flow');
      const focus = JSON.parse(focusKey) as Rect[];
      if (!flow || focus.length === 0) return;
      const canvas = flow.getBoundingClientRect();
      const v = getViewport();
      const panels = floatingPanels(flow);
      // The part in play, where this step puts it (flow units; not read from the page, where the token
      // may still be travelling there).
      const f = { x: Math.min(...focus.map((r) => r.x)), y: Math.min(...focus.map((r) => r.y)), x2: Math.max(...focus.map((r) => r.x + r.w)), y2: Math.max(...focus.map((r) => r.y + r.h)) };
      // A journey just picked (or its canvas resized) is framed whole — its nodes, the room its badges and
      // gates take, the part in play — when that fits at a readable zoom; otherwise the camera starts at
      // the part in play.
      const f0 = framed.current;
      if (!f0 || f0.journey !== journey || f0.width !== paneWidth || f0.height !== paneHeight) {
        framed.current = { journey, width: paneWidth, height: paneHeight };
        const boxes = nodes.flatMap((n) => (n ? [boxOf(n)] : []));
        if (boxes.length > 0) {
          const b = {
            x: Math.min(f.x, ...boxes.map((x) => x.x - JOURNEY_ROOM.sides)),
            y: Math.min(f.y, ...boxes.map((x) => x.y - JOURNEY_ROOM.top)),
            x2: Math.max(f.x2, ...boxes.map((x) => x.x + x.w + JOURNEY_ROOM.sides)),
            y2: Math.max(f.y2, ...boxes.map((x) => x.y + x.h + JOURNEY_ROOM.bottom)),
          };
          const size = { width: b.x2 - b.x, height: b.y2 - b.y };
          const box = freeBox(canvas.width, canvas.height, panels, size, FOLLOW_MARGIN);
          const fit = Math.min(1, (box.right - box.left) / size.width, (box.bottom - box.top) / size.height);
          if (fit >= JOURNEY_MIN_ZOOM) {
            void setViewport({ x: box.left + (box.right - box.left - size.width * fit) / 2 - b.x * fit, y: box.top + (box.bottom - box.top - size.height * fit) / 2 - b.y * fit, zoom: fit }, { duration: motion(300) });
            return;
          }
        }
      }
      const zoom = Math.max(v.zoom, JOURNEY_MIN_ZOOM);
      const box = freeBox(canvas.width, canvas.height, panels, { width: (f.x2 - f.x) * zoom, height: (f.y2 - f.y) * zoom }, FOLLOW_MARGIN);
      const on = { left: f.x * v.zoom + v.x, top: f.y * v.zoom + v.y, right: f.x2 * v.zoom + v.x, bottom: f.y2 * v.zoom + v.y };
      if (zoom === v.zoom && on.left >= box.left && on.right <= box.right && on.top >= box.top && on.bottom <= box.bottom) return;
      // Centred in the free box (from its top-left where it does not fit).
      const along = (start: number, end: number, a: number, b: number): number => {
        const room = end - start;
        const size = (b - a) * zoom;
        return (size <= room ? start + (room - size) / 2 : start) - a * zoom;
      };
      void setViewport({ x: along(box.left, box.right, f.x, f.x2), y: along(box.top, box.bottom, f.y, f.y2), zoom }, { duration: motion(300) });
    }
  }, [focusKey, journey, nodes, paneWidth, paneHeight, getViewport, setViewport, root]);
  return null;
}

function JourneyOverlayView({ journey, step, reducedMotion, speed, testId = 'journey', follow = false }: JourneyOverlayProps) {
  const ids = journey.nodes;
  const nodes = useStore(
    (s: ReactFlowState) => ids.map((id) => s.nodeLookup.get(id)),
    (a, b) => sameItems(a, b),
  );
  // The canvas lays its edge labels out (src/canvas/edges/EdgeLabelLayout.tsx): when they move, this layer
  // renders again and measures them where they now are.
  useContext(LabelPlacementContext);
  // The canvas says a journey plays on it (the style below hides the labels it does not take).
  const flowNode = useStore((s: ReactFlowState) => s.domNode);
  useEffect(() => {
    flowNode?.setAttribute('data-journey-on', testId);
    return () => flowNode?.removeAttribute('data-journey-on');
  }, [flowNode, testId]);
  // Cards and the headers of containers near the journey: its badges and gate labels keep off them.
  const cards = useStore(
    (s: ReactFlowState) => {
      const out: NodeBox[] = [];
      for (const n of s.nodeLookup.values()) if (!n.hidden) out.push(n);
      return out;
    },
    (a, b) => sameItems(a, b),
  );
  const nodeObstacles = useMemo(() => {
    const out: Rect[] = [];
    for (const n of cards) {
      const b = boxOf(n);
      const type = (n as { type?: string }).type;
      // An account or organization is an obstacle by its header only; its inside is where the journey runs.
      out.push(type === 'account' ? { x: b.x, y: b.y, w: b.w, h: 44 } : type === 'organization' ? { x: b.x, y: b.y, w: b.w, h: 40 } : { x: b.x, y: b.y, w: b.w, h: b.h });
    }
    return out;
  }, [cards]);
  // The account each hop leaves and the one it enters (the nearest account above each end), so each gate
  // is drawn in the account whose policy it is.
  const accounts = useStore(
    (s: ReactFlowState) =>
      journey.hops.flatMap((h) =>
        [h.from, h.to].map((id) => {
          let n = s.nodeLookup.get(id);
          while (n && n.type !== 'account') n = n.parentId ? s.nodeLookup.get(n.parentId) : undefined;
          return n;
        }),
      ),
    (a, b) => sameItems(a, b),
  );
  // Token and gates keep a readable size when the canvas is zoomed out (up to 1.3× their flow size).
  const zoom = useStore((s: ReactFlowState) => s.transform[2]);
  const scale = Math.min(1.3, Math.max(1, 1 / zoom));
  const byId = useMemo(() => new Map(ids.map((id, i) => [id, nodes[i]])), [ids, nodes]);
  const lines = useMemo(() => journey.hops.map((h) => lineOf(byId.get(h.from), byId.get(h.to), h.kind)), [journey.hops, byId]);
  // Where along its hop each shown gate sits: the caller's checks in the caller's account, the resource's
  // (resource, trust or key policy, RCP) in the resource's (src/animation/geometry.ts, gatePlaces).
  const gateT = useMemo(() => {
    const out = new Map<string, number>();
    for (const r of journey.requests) {
      const line = lines[r.hop];
      if (!line) continue;
      const from = accounts[2 * r.hop];
      const to = accounts[2 * r.hop + 1];
      const apart = !!from && !!to && from !== to;
      const shown = r.gates.filter(isShownOnPath);
      const places = gatePlaces(line, apart ? boxOf(from) : undefined, apart ? boxOf(to) : undefined, shown.map((g) => g.side));
      shown.forEach((g, k) => {
        const t = places[k];
        if (t !== undefined) out.set(g.id, t);
      });
    }
    return out;
  }, [journey.requests, lines, accounts]);
  const current = journey.steps[Math.min(step, journey.steps.length - 1)];
  const stepT = useCallback(
    (st: Journey['steps'][number]): number => {
      const gate = st.gate !== undefined && st.request !== undefined ? journey.requests[st.request]?.gates[st.gate] : undefined;
      return (gate && gateT.get(gate.id)) ?? st.t;
    },
    [journey, gateT],
  );
  const position = (s: number): Point | undefined => {
    const st = journey.steps[s];
    const line = st ? lines[st.hop] : undefined;
    return st && line ? pointAt(line, stepT(st)) : undefined;
  };
  const here = position(step);

  // Moves the token from the previous step's place along the path (forward by one step only; anything
  // else — stepping back, seeking, reduced motion — jumps).
  const badgeRef = useRef<HTMLDivElement>(null);
  const previousStep = useRef(step);
  useLayoutEffect(() => {
    const from = previousStep.current;
    previousStep.current = step;
    const el = badgeRef.current;
    if (!el || reducedMotion || step !== from + 1 || typeof el.animate !== 'function') return;
    const a = journey.steps[from];
    const b = journey.steps[step];
    if (!a || !b) return;
    let frames: Point[] = [];
    const la = lines[a.hop];
    const lb = lines[b.hop];
    const ta = stepT(a);
    const tb = stepT(b);
    if (a.hop === b.hop && la) frames = pointsBetween(la, ta, tb, 16);
    else if (la && lb && b.hop === a.hop + 1 && journey.hops[a.hop]?.to === journey.hops[b.hop]?.from) frames = [...pointsBetween(la, ta, 1, 8), ...pointsBetween(lb, 0, tb, 12)];
    else if (la && lb) frames = [pointAt(la, ta), pointAt(lb, tb)];
    if (frames.length < 2) return;
    const animation = el.animate(
      frames.map((p) => ({ transform: `translate(${p.x}px, ${p.y}px)` })),
      { duration: 750 / speed, easing: 'ease-in-out' },
    );
    return () => animation.cancel();
  }, [step, reducedMotion, speed, journey, lines, stepT]);

  // Sizes of the gate labels and badges as drawn (layout size, before the zoom scale), measured after
  // every render; a change re-renders before paint with the labels placed clear of each other. (No
  // dependency list on purpose: what is drawn changes with the step, the zoom and the labels' text; the
  // update stops as soon as a measurement repeats.)
  const root = useRef<HTMLDivElement>(null);
  // The canvas draws the edge labels after this layer (into their own host, once React Flow is ready), so
  // a label not there yet is looked for again on the next frames, a few times per journey.
  const [, setLookAgain] = useState(0);
  const lookups = useRef<{ journey: unknown; left: number }>({ journey: undefined, left: 0 });
  const [sizes, setSizes] = useState<Readonly<Record<string, { x?: number; y?: number; w: number; h: number }>>>({});
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    const next: Record<string, { x?: number; y?: number; w: number; h: number }> = {};
    for (const label of el.querySelectorAll<HTMLElement>('[data-gate-label]')) next[label.dataset['gateLabel'] as string] = { w: label.offsetWidth, h: label.offsetHeight };
    for (const m of el.querySelectorAll<HTMLElement>('[data-measure]')) next[m.dataset['measure'] as string] = { w: m.offsetWidth, h: m.offsetHeight };
    const stack = el.querySelector<HTMLElement>('[data-badge-stack]');
    if (stack) next[STACK] = { w: stack.offsetWidth, h: stack.offsetHeight };
    // The decision labels of the journey's own edges (the canvas draws them on the path): gates keep clear
    // of them too. Measured on screen and taken back to flow coordinates from this layer's origin.
    const flow = el.closest('.react-flow');
    const origin = el.getBoundingClientRect();
    let missing = false;
    if (lookups.current.journey !== journey) lookups.current = { journey, left: 10 };
    for (const id of new Set(journey.hops.map((h) => h.edgeId))) if (id && !flow?.querySelector(`[data-testid="edge-label.${CSS.escape(id)}"]`)) missing = true;
    // The journey's own labels (the others are hidden while it plays).
    for (const id of new Set(journey.hops.map((h) => h.edgeId))) {
      const label = id ? flow?.querySelector<HTMLElement>(`[data-testid="edge-label.${CSS.escape(id)}"]`) : null;
      if (!label || zoom <= 0) continue;
      const r = label.getBoundingClientRect();
      // A label not drawn (far zoom hides them) has no box to keep clear of.
      if (r.width === 0 || r.height === 0) continue;
      next[`${EDGE_LABEL}${id}`] = { x: (r.left - origin.left) / zoom, y: (r.top - origin.top) / zoom, w: r.width / zoom, h: r.height / zoom };
    }
    if (missing && lookups.current.left > 0) {
      lookups.current.left -= 1;
      const frame = requestAnimationFrame(() => setLookAgain((n) => n + 1));
      return () => cancelAnimationFrame(frame);
    }
    setSizes((prev) => {
      const keys = Object.keys(next);
      const same = (a: { x?: number; y?: number; w: number; h: number } | undefined, b: { x?: number; y?: number; w: number; h: number } | undefined): boolean =>
        !!a && !!b && Math.abs((a.x ?? 0) - (b.x ?? 0)) < 0.5 && Math.abs((a.y ?? 0) - (b.y ?? 0)) < 0.5 && Math.abs(a.w - b.w) < 0.5 && Math.abs(a.h - b.h) < 0.5;
      // Edge-label boxes are all re-measured: one no longer drawn (another journey, an edge deleted, far
      // zoom) is dropped rather than kept as an obstacle nobody sees.
      const gone = Object.keys(prev).some((k) => k.startsWith(EDGE_LABEL) && !(k in next));
      if (!gone && keys.every((k) => same(prev[k], next[k]))) return prev;
      const kept = Object.fromEntries(Object.entries(prev).filter(([k]) => !k.startsWith(EDGE_LABEL)));
      return { ...kept, ...next };
    });
  });


  if (!current) return null;
  const swap = current.kind === 'swap' && current.swap !== undefined ? journey.swaps[current.swap] : undefined;
  const currentHop = current.hop;
  const stopStep = journey.steps.length - 1;
  const swapNode = swap ? byId.get(swap.at) : undefined;
  // Gates of the request in play carry their names; those of earlier requests only their marks.
  const currentRequest = journey.steps.slice(0, step + 1).reverse().find((s) => s.request !== undefined)?.request;
  const travelled = (hop: number): boolean => hop < currentHop || (hop === currentHop && current.t > 0);

  // The gates of the leg being played (a tour of several legs shows only those), in the order the token
  // reaches them, each at its point on its hop.
  const crowdedHops = new Set<number>();
  const gates = journey.requests.flatMap((r) => {
    const line = lines[r.hop];
    if (!line || journey.steps.find((s) => s.request === r.index)?.leg !== current.leg) return [];
    const shown = r.gates.filter(isShownOnPath);
    if ((line.length * zoom) / Math.max(1, shown.length) < 130) crowdedHops.add(r.hop);
    const steps = journey.steps.filter((s) => s.request === r.index && s.gate !== undefined);
    return shown.map((g, k) => {
      const gateIndex = r.gates.indexOf(g);
      const own = steps.find((s) => s.gate === gateIndex);
      // Every shown gate, reached or not, sits in its own account's part of the hop.
      const t = gateT.get(g.id) ?? own?.t ?? (shown.length === 1 ? 0.5 : 0.2 + (0.6 * k) / (shown.length - 1));
      return { g, r, view: gateViewAt(journey, g, step), at: pointAt(line, t), isCurrent: current.request === r.index && current.gate === gateIndex, stopStep: own };
    });
  });
  // Labels are measured once drawn (their text changes with their state); until then, estimated.
  const labelBoxes: Rect[] = [];
  for (const [key, box] of Object.entries(sizes)) if (key.startsWith(EDGE_LABEL) && box.x !== undefined && box.y !== undefined) labelBoxes.push({ x: box.x, y: box.y, w: box.w, h: box.h });
  // The badges first, around the token and clear of cards, headers and labels; then the gates, clear of
  // those and of the badges.
  const stackSize = sizes[STACK] ?? { w: 200, h: swap ? 84 : 26 };
  const stack = here ? placeBox(badgeCandidates(here, stackSize.w * scale, stackSize.h * scale, LIFT * scale), [...nodeObstacles, ...labelBoxes], 4 * scale) : undefined;
  const obstacles: Rect[] = [...(stack ? [stack] : []), ...labelBoxes, ...nodeObstacles];
  const boxes = placeLabels(
    gates.map(({ g, at }) => {
      const size = sizes[g.id] ?? { w: 8 + 7 * g.label.length, h: 20 };
      return { at, w: size.w * scale, h: size.h * scale };
    }),
    obstacles,
    { drop: DROP * scale, gap: 4 * scale },
  );
  const offsets = boxes.map((b, i) => {
    const at = gates[i]?.at ?? { x: 0, y: 0 };
    return { x: (b.x - at.x) / scale, y: (b.y - at.y) / scale };
  });

  // While the journey plays, the labels of the edges it does not take are hidden on its canvas (their lines
  // and colours stay): what is read is the journey. Scoped to this canvas by its test id.
  const ownLabels = [...new Set(journey.hops.map((h) => h.edgeId).filter((id): id is string => !!id))].map((id) => `[data-testid="edge-label.${CSS.escape(id)}"]`);
  const focusStyle = `.react-flow[data-journey-on="${CSS.escape(testId)}"] .edge-label${ownLabels.length > 0 ? `:not(${ownLabels.join(', ')})` : ''} { visibility: hidden; }`;
  // Where the part in play is now, for the camera: the token, its badges, the gate checked.
  const focusRects: Rect[] = [...(here ? [{ x: here.x, y: here.y, w: 1, h: 1 }] : []), ...(stack ? [stack] : []), ...boxes.filter((_b, i) => gates[i]?.isCurrent && current.kind === 'gate')];
  const focusKey = follow ? JSON.stringify(focusRects.map((r) => ({ x: Math.round(r.x), y: Math.round(r.y), w: Math.round(r.w), h: Math.round(r.h) }))) : '[]';

  return (
    <ViewportPortal>
      {follow && <JourneyCamera journey={journey} nodes={nodes} root={root} focusKey={focusKey} />}
      <style>{focusStyle}</style>
      <div ref={root} className="pointer-events-none absolute left-0 top-0" data-testid={`${testId}.overlay`} data-motion={reducedMotion ? 'reduced' : 'full'} data-step={step} aria-hidden="true">
        <svg className="absolute left-0 top-0 overflow-visible" width="1" height="1">
          {journey.hops.map((_h, i) => {
            const line = lines[i];
            if (!line || line.points.length < 2) return null;
            const d = `M${line.points.map((p) => `${p.x},${p.y}`).join(' L')}`;
            const tone = ACTOR_TONE[journey.steps.find((s) => s.hop === i)?.actor.kind ?? 'caller'];
            return travelled(i) ? (
              <path key={i} d={d} fill="none" stroke={tone.stroke} strokeOpacity={0.35} strokeWidth={10} strokeLinecap="round" data-hop={i} data-hop-state="travelled" data-edge-id={journey.hops[i]?.edgeId} />
            ) : (
              <path key={i} d={d} fill="none" stroke={tone.stroke} strokeOpacity={0.45} strokeWidth={3} strokeDasharray="2 7" strokeLinecap="round" data-hop={i} data-hop-state="ahead" data-edge-id={journey.hops[i]?.edgeId} />
            );
          })}
        </svg>
        {swapNode && (
          <div className="absolute left-0 top-0" style={{ transform: `translate(${swapNode.internals.positionAbsolute.x - 6}px, ${swapNode.internals.positionAbsolute.y - 6}px)` }}>
            <div
              className={`rounded-xl border-[3px] border-violet-600 dark:border-violet-300 ${reducedMotion ? '' : 'journey-ring'}`}
              style={{ width: (swapNode.measured?.width ?? 188) + 12, height: (swapNode.measured?.height ?? 60) + 12 }}
              data-testid={`${testId}.swap-ring`}
            />
          </div>
        )}
        {gates.map(({ g, r, view, at, isCurrent, stopStep: own }, i) => (
          <GateMarker
            key={g.id}
            gate={g}
            view={view}
            at={at}
            scale={scale}
            offset={offsets[i] ?? { x: 0, y: DROP }}
            current={isCurrent && current.kind === 'gate'}
            // The part being played: the gate checked at this step, or the one the journey stopped at.
            inPlay={(isCurrent && current.kind === 'gate') || (view === 'denied' && own?.kind === 'stop' && step >= (journey.gateSteps[g.id] ?? stopStep))}
            // The gate the token stops at (a request both accounts refuse is denied at two gates).
            stop={view === 'denied' && own?.kind === 'stop' && step >= (journey.gateSteps[g.id] ?? stopStep)}
            terse={crowdedHops.has(r.hop) && !isCurrent}
            compact={currentRequest !== undefined && r.index !== currentRequest && view !== 'denied'}
            reducedMotion={reducedMotion}
            testId={`${testId}.gate.${g.id}`}
          />
        ))}
        {here && (
          <div ref={badgeRef} className="absolute left-0 top-0" style={{ transform: `translate(${here.x}px, ${here.y}px)` }} data-testid={`${testId}.token`}>
            <div className="absolute left-0 top-0 origin-top-left" style={{ transform: `scale(${scale})` }}>
              <div
                className="absolute left-0 top-0 flex flex-col items-center gap-1"
                style={{ transform: `translate(${stack ? (stack.x - here.x) / scale : -100}px, ${stack ? (stack.y - here.y) / scale : -36}px)` }}
                data-badge-stack=""
              >
                {swap && (
                  <div className="whitespace-nowrap rounded bg-violet-700 px-1.5 py-0.5 text-[10px] font-semibold text-white shadow" data-measure={SWAP_TAG}>
                    ⇄ identity swap
                  </div>
                )}
                {swap && <Badge actor={swap.from} testId={`${testId}.badge.previous`} measure={PREVIOUS_BADGE} className={`line-through decoration-2 ${reducedMotion ? 'opacity-90' : 'journey-swap-out'}`} />}
                <Badge key={`${current.actor.arn}:${swap ? 'swap' : ''}`} actor={current.actor} testId={`${testId}.badge`} measure={BADGE} className={swap && !reducedMotion ? 'journey-swap-in' : ''} />
              </div>
            </div>
          </div>
        )}
      </div>
    </ViewportPortal>
  );
}

export const JourneyOverlay = memo(JourneyOverlayView);
