import { ReactFlow, ReactFlowProvider, useNodesInitialized, useReactFlow, useStore } from '@xyflow/react';
import { useCallback, useEffect, useId, useMemo, useReducer, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { JourneyOverlay } from '../../animation/JourneyOverlay';
import { usePlaybackClock } from '../../animation/usePlaybackClock';
import { EdgeLabelLayout, samePlacement } from '../../canvas/edges/EdgeLabelLayout';
import { EdgeLabelsSelectContext, LabelHostContext, LabelPlacementContext } from '../../canvas/edges/labelHost';
import { DecisionMarkers, MarkerPrefixContext, useMarkerPrefix } from '../../canvas/edges/markers';
import { ZoomMotion } from '../../canvas/ZoomMotion';
import { edgeTypes, nodeTypes } from '../../canvas/nodeTypes';
import { toFlow, type AppNode, type DecisionFlowEdge } from '../../graph/toFlow';
import type { EdgeVerdict } from '../../graph/verdict';
import type { Design } from '../../journey/compare';
import type { ComparisonIngredients } from '../../journey/ingredients';
import type { Journey } from '../../journey/journey';
import { designStage } from '../../journey/stage';
import type { ComparisonPlay, DesignPlay } from '../../store/evaluationProtocol';
import { INITIAL_PLAYBACK, playbackReducer, type PlaybackCommand, type PlaybackState } from '../../store/playback';
import { useAppStore } from '../../store/store';
import { ActorBadge, Transport, transportKeys } from './parts';

/**
 * The seed example's two designs side by side, each on its own read-only canvas and each playing its
 * journey at once: the caller's own work, then the cross-account write. Both designs are built and decided
 * by the engine in the evaluation worker (`compare` in src/store/evaluationSession.ts), again whenever the
 * scenario's decisions change while the view is open.
 */

const NO_SELECTION: ReadonlySet<string> = new Set();

interface PaneData {
  readonly design: Design;
  readonly verdicts: ReadonlyMap<string, EdgeVerdict>;
  readonly journey?: Journey;
  readonly problem?: string;
}

function paneOf(play: DesignPlay): PaneData {
  const verdicts = new Map(play.verdicts.map((v) => [v.id, v]));
  return play.result.ok ? { design: play.design, verdicts, journey: play.result.journey } : { design: play.design, verdicts, problem: play.result.reason };
}

/**
 * Each design is drawn on a stage of its own: only what its journey uses, laid out so the badge and the
 * gates have room (src/journey/stage.ts). (The worker holds only what the engine reads, not the layout.)
 */
function staged(play: ComparisonPlay): ComparisonPlay {
  const place = (d: DesignPlay): DesignPlay => ({ ...d, design: { ...d.design, scenario: designStage(d.design.scenario, d.design.routes) } });
  return { ...play, designs: [place(play.designs[0]), place(play.designs[1])] };
}

/**
 * The engine's comparison, asked for on opening and again after every evaluation while open (an undo
 * behind the dialog, say). `version` changes only when what the panes show changed.
 */
function useComparisonPlay(): { play?: ComparisonPlay; problem?: string; version: number } {
  const verdicts = useAppStore((s) => s.verdicts);
  const [state, setState] = useState<{ play?: ComparisonPlay; problem?: string; version: number }>({ version: 0 });
  const shown = useRef<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const show = (next: { play?: ComparisonPlay; problem?: string }): void => {
      const key = JSON.stringify(next);
      if (!live || key === shown.current) return;
      shown.current = key;
      setState((s) => ({ ...next, version: s.version + 1 }));
    };
    useAppStore
      .getState()
      .compare()
      .then(
        (play) => show(play ? { play: staged(play) } : { problem: 'The scenario no longer has the two designs to compare.' }),
        (error: unknown) => show({ problem: `The engine could not compare the designs: ${error instanceof Error ? error.message : String(error)}` }),
      );
    return () => {
      live = false;
    };
  }, [verdicts]);
  return state;
}

/**
 * Frames a design with no journey once React Flow has measured it, and again when the pane changes size. A
 * design with a journey is framed by its overlay (src/animation/JourneyOverlay.tsx, `follow`): whole when it
 * fits at the zoom a journey is played at, else from the part in play, which the camera then follows.
 */
function FocusJourney({ nodes }: { nodes: readonly string[] | undefined }) {
  const { fitView } = useReactFlow();
  const ready = useNodesInitialized();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  useEffect(() => {
    if (!ready || width === 0 || height === 0 || nodes) return;
    void fitView({ padding: '24px', maxZoom: 1 });
  }, [ready, nodes, fitView, width, height]);
  return null;
}

/**
 * Uncontrolled (a design is remounted when the engine sends a new one), so React Flow keeps its own
 * measurements and fitView works. Its edge labels are plain text: these edges are not the scenario's, so
 * clicking them selects nothing in the app.
 */
function ReadOnlyFlow({ pane, step, reducedMotion, speed, testId }: { pane: PaneData; step: number; reducedMotion: boolean; speed: number; testId: string }) {
  const graph = useMemo(() => toFlow(pane.design.scenario, pane.verdicts, NO_SELECTION), [pane]);
  const [labelHost, setLabelHost] = useState<HTMLElement | null>(null);
  const markerPrefix = useMarkerPrefix();
  const flowRef = useRef<HTMLDivElement>(null);
  const onInit = useCallback(() => setLabelHost(flowRef.current?.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') ?? null), []);
  const [labelPlacement, setLabelPlacement] = useState<ReadonlyMap<string, { x: number; y: number }> | undefined>(undefined);
  const onLabelLayout = useCallback((next: ReadonlyMap<string, { x: number; y: number }> | undefined) => setLabelPlacement((prev) => (samePlacement(prev, next) ? prev : next)), []);
  return (
    <LabelHostContext.Provider value={labelHost}>
    <LabelPlacementContext.Provider value={labelPlacement}>
    <MarkerPrefixContext.Provider value={markerPrefix}>
    <EdgeLabelsSelectContext.Provider value={false}>
    <ReactFlow<AppNode, DecisionFlowEdge>
      ref={flowRef}
      onInit={onInit}
      defaultNodes={graph.nodes}
      defaultEdges={graph.edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      nodesFocusable={false}
      edgesFocusable={false}
      colorMode="system"
      minZoom={0.1}
      proOptions={{ hideAttribution: true }}
    >
      <FocusJourney nodes={pane.journey?.nodes} />
      <ZoomMotion />
      <EdgeLabelLayout onLayout={onLabelLayout} />
      {pane.journey && <JourneyOverlay journey={pane.journey} step={step} reducedMotion={reducedMotion} speed={speed} testId={testId} follow />}
    </ReactFlow>
    </EdgeLabelsSelectContext.Provider>
    <DecisionMarkers host={labelHost} prefix={markerPrefix} />
    </MarkerPrefixContext.Provider>
    </LabelPlacementContext.Provider>
    </LabelHostContext.Provider>
  );
}

function DesignPane({ pane, playback, reducedMotion, testId, onTick }: { pane: PaneData; playback: PlaybackState; reducedMotion: boolean; testId: string; onTick: () => void }) {
  const { design, journey } = pane;
  usePlaybackClock(journey, playback, onTick);
  const step = Math.min(playback.step, (journey?.steps.length ?? 1) - 1);
  const current = journey?.steps[step];
  const titleId = useId();
  return (
    <section className="flex min-h-0 min-w-0 flex-col rounded-lg border border-slate-200 dark:border-slate-700" aria-labelledby={titleId} data-testid={testId}>
      <header className="border-b border-slate-200 px-3 py-2 dark:border-slate-700">
        <h3 id={titleId} className="text-sm font-semibold">
          {design.title}
        </h3>
        <p className="text-xs text-slate-600 dark:text-slate-400">{design.lede}</p>
      </header>
      <div className="relative min-h-[240px] flex-1">
        <ReactFlowProvider>
          <ReadOnlyFlow pane={pane} step={step} reducedMotion={reducedMotion} speed={playback.speed} testId={testId} />
        </ReactFlowProvider>
      </div>
      <div className="h-[32%] shrink-0 overflow-y-auto border-t border-slate-200 px-3 py-2 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-700" role="region" aria-label={`${design.title}: who is acting and how each part ended`} tabIndex={0}>
        {pane.problem && <p role="alert">{pane.problem}</p>}
        {current && journey && (
          <>
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-[11px] font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">Now acting</span>
              <ActorBadge actor={current.actor} testId={`${testId}.acting`} />
              <span className="ml-auto text-[11px] tabular-nums text-slate-600 dark:text-slate-400" data-testid={`${testId}.progress`}>
                Step {step + 1} of {journey.steps.length}
              </span>
            </div>
            <p className="mt-1.5 rounded bg-slate-100 px-2 py-1 text-xs dark:bg-slate-800" aria-live="polite" data-testid={`${testId}.narration`}>
              {current.text}
            </p>
            <ol className="mt-2 space-y-1">
              {journey.legs.map((leg, i) => {
                const done = step >= leg.lastStep;
                const active = !done && step >= leg.firstStep;
                return (
                  <li
                    key={i}
                    className={`rounded border px-2 py-1 text-xs ${done ? (leg.outcome === 'allowed' ? 'border-green-700 bg-green-50 dark:border-green-500 dark:bg-green-950/60' : 'border-red-700 bg-red-50 dark:border-red-400 dark:bg-red-950/60') : active ? 'border-sky-600 dark:border-sky-400' : 'border-dashed border-slate-300 text-slate-600 dark:border-slate-600 dark:text-slate-400'}`}
                    data-testid={`${testId}.leg.${i}`}
                    data-outcome={done ? leg.outcome : 'pending'}
                  >
                    <span className="font-semibold">
                      <span aria-hidden="true">{done ? (leg.outcome === 'allowed' ? '✓ ' : '✕ ') : active ? '▸ ' : '○ '}</span>
                      {leg.title}
                    </span>
                    {done ? <span className="block">{leg.summary}</span> : <span className="sr-only">{active ? ' in progress' : ' not yet played'}</span>}
                  </li>
                );
              })}
            </ol>
          </>
        )}
      </div>
    </section>
  );
}

type Pair = readonly [PlaybackState, PlaybackState];
type PairCommand = { readonly pane: 0 | 1 | 'both'; readonly command: PlaybackCommand; readonly totals: readonly [number, number] };

function withTotal(c: PlaybackCommand, total: number): PlaybackCommand {
  return 'total' in c ? { ...c, total } : c;
}

function pairReducer(state: Pair, { pane, command, totals }: PairCommand): Pair {
  const a = pane === 1 ? state[0] : playbackReducer(state[0], withTotal(command, totals[0]));
  const b = pane === 0 ? state[1] : playbackReducer(state[1], withTotal(command, totals[1]));
  return a === state[0] && b === state[1] ? state : [a, b];
}

/** What the comparison teaches, from the engine's decisions: what the session lost at the swap. */
function Takeaway({ comparison, keepTitle, keep, role, roleStep }: { comparison: ComparisonIngredients; keepTitle: string; keep: Journey | undefined; role: Journey | undefined; roleStep: number }) {
  const swapStep = role?.steps.findIndex((s) => s.kind === 'swap') ?? -1;
  const swap = role?.swaps[0];
  if (!role || !swap || swapStep < 0 || roleStep < swapStep) {
    return <p className="text-xs text-slate-700 dark:text-slate-300">Play both designs: watch the badge. On the left it never changes; on the right it changes at {comparison.role.name}.</p>;
  }
  const lost = swap.reach.filter((r) => r.asCaller.allowed && !r.asSession.allowed);
  const policy = keepTitle.split(':')[0] ?? 'resource policy';
  return (
    <div className="text-xs leading-relaxed" data-testid="compare.takeaway">
      <p>
        <strong>Why the difference?</strong> On the right, {swap.from.badge} became <strong>{swap.to.badge}</strong>. While the session lasts, {swap.from.label}'s own{' '}
        {swap.givenUp.length > 0 ? <>policies (<del className="decoration-red-600 decoration-2">{swap.givenUp.join(', ')}</del>)</> : 'permissions'} no longer apply; the session acts only with{' '}
        {swap.takenOn.length > 0 ? <strong>{swap.takenOn.join(', ')}</strong> : 'nothing of its own'}.
      </p>
      {lost.map((r) => {
        const kept = keep?.requests.find((q) => q.action === r.action && q.decision.request.resourceLabel === r.resourceLabel);
        return (
          <p key={`${r.edgeId}:${r.action}`} className="mt-1" data-testid="compare.lost">
            So <strong>{r.action}</strong> on {r.resourceLabel}, allowed to {swap.from.label}, is denied to the session — engine: “{r.asSession.summary}”
            {kept ? ` On the left (${policy}), ${swap.from.label} stays ${swap.from.label}: “${kept.decision.summary}”` : ''}
          </p>
        );
      })}
      {lost.length === 0 && <p className="mt-1">The session can still do everything {swap.from.label} does here: the role has been granted it.</p>}
    </div>
  );
}

/** The two panes and their shared transport, for one comparison the engine sent (remounted on a new one). */
function ComparePlayer({ play, comparison, reducedMotion }: { play: ComparisonPlay; comparison: ComparisonIngredients; reducedMotion: boolean }) {
  const keep = useMemo(() => paneOf(play.designs[0]), [play]);
  const role = useMemo(() => paneOf(play.designs[1]), [play]);
  const totals = useMemo(() => [keep.journey?.steps.length ?? 1, role.journey?.steps.length ?? 1] as const, [keep, role]);
  const [pair, dispatch] = useReducer(pairReducer, [INITIAL_PLAYBACK, INITIAL_PLAYBACK] as Pair);
  const both = useCallback((command: PlaybackCommand) => dispatch({ pane: 'both', command, totals }), [totals]);
  const tickKeep = useCallback(() => dispatch({ pane: 0, command: { type: 'tick', total: 0 }, totals }), [totals]);
  const tickRole = useCallback(() => dispatch({ pane: 1, command: { type: 'tick', total: 0 }, totals }), [totals]);
  const transport = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Focus moves to Play once there is something to play (the dialog itself held it meanwhile).
    const active = document.activeElement;
    if (!active || active === document.body || active.getAttribute('role') === 'dialog') transport.current?.querySelector<HTMLElement>('[data-testid="compare.play"]')?.focus();
  }, []);
  const [a, b] = pair;
  const combined: PlaybackState = {
    status: a.status === 'playing' || b.status === 'playing' ? 'playing' : a.status === 'finished' && b.status === 'finished' ? 'finished' : a.status === 'idle' && b.status === 'idle' ? 'idle' : 'paused',
    step: Math.max(a.step, b.step),
    speed: a.speed,
  };
  return (
    <div className="flex min-h-0 flex-1 flex-col" onKeyDown={transportKeys(Math.max(...totals), both)}>
      <div className="mt-2" ref={transport}>
        <Transport playback={combined} total={Math.max(...totals)} onCommand={both} label="two designs" testId="compare" />
      </div>
      <div className="mt-2 grid min-h-0 flex-1 grid-cols-2 gap-3">
        <DesignPane pane={keep} playback={a} reducedMotion={reducedMotion} testId="compare.keep" onTick={tickKeep} />
        <DesignPane pane={role} playback={b} reducedMotion={reducedMotion} testId="compare.role" onTick={tickRole} />
      </div>
      {/* A fixed height (scrolling when the takeaway is long), so the canvases above keep their size and fit as the designs play. */}
      <div className="mt-2 h-20 shrink-0 overflow-y-auto rounded-lg border border-violet-300 bg-violet-50 px-3 py-2 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-violet-700 dark:bg-violet-950/40" role="region" aria-label="Why the designs differ" tabIndex={0}>
        <Takeaway comparison={comparison} keepTitle={keep.design.title} keep={keep.journey} role={role.journey} roleStep={b.step} />
      </div>
    </div>
  );
}

export function CompareView({ comparison, reducedMotion, onClose }: { comparison: ComparisonIngredients; reducedMotion: boolean; onClose: () => void }) {
  const { play, problem, version } = useComparisonPlay();
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);

  // A modal dialog: focus moves in, Escape closes, Tab stays inside, focus returns to the opener.
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    dialog.current?.focus();
    return () => opener?.focus?.();
  }, []);
  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key === 'Tab' && dialog.current) {
      const focusable = [...dialog.current.querySelectorAll<HTMLElement>('button:not([disabled]), select, [tabindex="0"]')];
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (e.shiftKey && (document.activeElement === first || document.activeElement === dialog.current)) {
        e.preventDefault();
        last?.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first?.focus();
      }
    }
  };

  const { caller, resource, role: theRole } = comparison;
  return createPortal(
    <div className="fixed inset-0 z-50 flex bg-slate-950/50 p-3 text-slate-900 dark:text-slate-100" onKeyDown={onKeyDown}>
      <div ref={dialog} role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} className="flex min-h-0 w-full flex-col rounded-xl bg-white p-3 shadow-2xl outline-none dark:bg-slate-900" data-testid="compare">
        <header className="flex items-start gap-3">
          <div className="min-w-0 flex-1">
            <h2 id={titleId} className="text-base font-semibold">
              Two designs, one task: {caller.name} works in {caller.type === 'service' ? 'its account' : caller.accountId} and writes to {resource.name} in {resource.accountId}
            </h2>
            <p className="text-xs text-slate-600 dark:text-slate-400">
              Left: the {resource.name} policy admits {caller.name}, who keeps its identity. Right: {caller.name} assumes {theRole.name} and acts as its session. Both play at once; every decision is the engine's.
            </p>
          </div>
          <button type="button" className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800" onClick={onClose} aria-label="Close the comparison" data-testid="compare.close">
            Close
          </button>
        </header>
        {play ? (
          <ComparePlayer key={version} play={play} comparison={comparison} reducedMotion={reducedMotion} />
        ) : problem ? (
          <p className="mt-3 text-sm text-red-800 dark:text-red-300" role="alert">
            {problem}
          </p>
        ) : (
          <p className="mt-3 text-sm" role="status">
            The engine is deciding both designs…
          </p>
        )}
      </div>
    </div>,
    document.body,
  );
}
