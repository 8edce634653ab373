import { MarkerType, ReactFlow, ReactFlowProvider, useNodesInitialized, useReactFlow, useStore } from '@xyflow/react';
import { useCallback, useEffect, useId, useMemo, useReducer, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { Comparison, Design } from '../../animation/compare';
import { buildJourney, type Journey } from '../../animation/journey';
import { JourneyOverlay } from '../../animation/JourneyOverlay';
import { usePlaybackClock } from '../../animation/usePlaybackClock';
import { DECISION_LOOK } from '../../canvas/appearance';
import { edgeTypes, nodeTypes } from '../../canvas/nodeTypes';
import { evaluateScenario, type ScenarioEvaluation } from '../../engine';
import { toFlow, type AppNode } from '../../graph/toFlow';
import { INITIAL_PLAYBACK, playbackReducer, type PlaybackCommand, type PlaybackState } from '../../store/playback';
import { ActorBadge, Transport, transportKeys } from './parts';

/**
 * The seed example's two designs side by side, each on its own read-only canvas and each playing its
 * journey at once: the caller's own work, then the cross-account write. Decisions are the engine's on each
 * design's scenario.
 */

const NO_SELECTION: ReadonlySet<string> = new Set();

interface PaneData {
  readonly design: Design;
  readonly evaluation: ScenarioEvaluation;
  readonly journey?: Journey;
  readonly problem?: string;
}

function usePane(design: Design): PaneData {
  return useMemo(() => {
    const evaluation = evaluateScenario(design.scenario);
    const built = buildJourney(design.scenario, evaluation, design.routes);
    return built.ok ? { design, evaluation, journey: built.journey } : { design, evaluation, problem: built.reason };
  }, [design]);
}

/** Frames the journey's nodes once React Flow has measured them, and again when the pane changes size. */
function FocusJourney({ nodes }: { nodes: readonly string[] | undefined }) {
  const { fitView } = useReactFlow();
  const ready = useNodesInitialized();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  useEffect(() => {
    if (!ready || width === 0 || height === 0) return;
    void fitView({ nodes: (nodes ?? []).map((id) => ({ id })), padding: { top: '56px', bottom: '48px', left: '24px', right: '24px' }, maxZoom: 1.2 });
  }, [ready, nodes, fitView, width, height]);
  return null;
}

/** Uncontrolled (the design never changes while shown), so React Flow keeps its own measurements and fitView works. */
function ReadOnlyFlow({ pane, step, reducedMotion, speed, testId }: { pane: PaneData; step: number; reducedMotion: boolean; speed: number; testId: string }) {
  const graph = useMemo(() => toFlow(pane.design.scenario, pane.evaluation, NO_SELECTION), [pane]);
  const edges = useMemo(
    () => graph.edges.map((e) => ({ ...e, markerEnd: { type: MarkerType.ArrowClosed, color: DECISION_LOOK[e.data?.evaluation?.status ?? 'invalid'].stroke, width: 18, height: 18 } })),
    [graph.edges],
  );
  return (
    <ReactFlow<AppNode>
      defaultNodes={graph.nodes}
      defaultEdges={edges}
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
      {pane.journey && <JourneyOverlay journey={pane.journey} step={step} reducedMotion={reducedMotion} speed={speed} testId={testId} />}
    </ReactFlow>
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
      <div className="max-h-[36%] shrink-0 overflow-y-auto border-t border-slate-200 px-3 py-2 dark:border-slate-700">
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
function Takeaway({ comparison, keep, role, roleStep }: { comparison: Comparison; keep: Journey | undefined; role: Journey | undefined; roleStep: number }) {
  const swapStep = role?.steps.findIndex((s) => s.kind === 'swap') ?? -1;
  const swap = role?.swaps[0];
  if (!role || !swap || swapStep < 0 || roleStep < swapStep) {
    return <p className="text-xs text-slate-700 dark:text-slate-300">Play both designs: watch the badge. On the left it never changes; on the right it changes at {comparison.role.name}.</p>;
  }
  const lost = swap.reach.filter((r) => r.asCaller.allowed && !r.asSession.allowed);
  const policy = comparison.designs[0].title.split(':')[0] ?? 'resource policy';
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

export function CompareView({ comparison, reducedMotion, onClose }: { comparison: Comparison; reducedMotion: boolean; onClose: () => void }) {
  const keep = usePane(comparison.designs[0]);
  const role = usePane(comparison.designs[1]);
  const totals = useMemo(() => [keep.journey?.steps.length ?? 1, role.journey?.steps.length ?? 1] as const, [keep, role]);
  const [pair, dispatch] = useReducer(pairReducer, [INITIAL_PLAYBACK, INITIAL_PLAYBACK] as Pair);
  const both = useCallback((command: PlaybackCommand) => dispatch({ pane: 'both', command, totals }), [totals]);
  const tickKeep = useCallback(() => dispatch({ pane: 0, command: { type: 'tick', total: 0 }, totals }), [totals]);
  const tickRole = useCallback(() => dispatch({ pane: 1, command: { type: 'tick', total: 0 }, totals }), [totals]);
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);

  // A modal dialog: focus moves in, Escape closes, Tab stays inside, focus returns to the opener.
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    dialog.current?.querySelector<HTMLElement>('[data-testid="compare.play"]')?.focus();
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
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last?.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first?.focus();
      }
      return;
    }
    transportKeys(Math.max(...totals), both)(e);
  };

  const [a, b] = pair;
  const combined: PlaybackState = {
    status: a.status === 'playing' || b.status === 'playing' ? 'playing' : a.status === 'finished' && b.status === 'finished' ? 'finished' : a.status === 'idle' && b.status === 'idle' ? 'idle' : 'paused',
    step: Math.max(a.step, b.step),
    speed: a.speed,
  };
  const { caller, resource, role: theRole } = comparison;
  return createPortal(
    <div className="fixed inset-0 z-50 flex bg-slate-950/50 p-3 text-slate-900 dark:text-slate-100" onKeyDown={onKeyDown}>
      <div ref={dialog} role="dialog" aria-modal="true" aria-labelledby={titleId} className="flex min-h-0 w-full flex-col rounded-xl bg-white p-3 shadow-2xl dark:bg-slate-900" data-testid="compare">
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
        <div className="mt-2">
          <Transport playback={combined} total={Math.max(...totals)} onCommand={both} label="two designs" testId="compare" />
        </div>
        <div className="mt-2 grid min-h-0 flex-1 grid-cols-2 gap-3">
          <DesignPane pane={keep} playback={a} reducedMotion={reducedMotion} testId="compare.keep" onTick={tickKeep} />
          <DesignPane pane={role} playback={b} reducedMotion={reducedMotion} testId="compare.role" onTick={tickRole} />
        </div>
        <div className="mt-2 rounded-lg border border-violet-300 bg-violet-50 px-3 py-2 dark:border-violet-700 dark:bg-violet-950/40">
          <Takeaway comparison={comparison} keep={keep.journey} role={role.journey} roleStep={b.step} />
        </div>
      </div>
    </div>,
    document.body,
  );
}
