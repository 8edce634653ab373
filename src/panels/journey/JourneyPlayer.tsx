import { Panel, useStoreApi } from '@xyflow/react';
import { useCallback, useEffect, useId, useMemo, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useShallow } from 'zustand/react/shallow';
import { JourneyOverlay } from '../../animation/JourneyOverlay';
import { motion } from '../../canvas/motion';
import { usePlaybackClock } from '../../animation/usePlaybackClock';
import type { ComparisonIngredients } from '../../journey/ingredients';
import type { Journey } from '../../journey/journey';
import { journeyRoutes, routeLabel, sameRoute, type JourneyRoute } from '../../journey/routes';
import { routeOf, type JourneyPick, type PlaybackCommand } from '../../store/playback';
import { useAppStore } from '../../store/store';
import { FIT_OBSTACLE } from '../../ui/fitObstacle';
import { CARD } from './glyph';
import { stripStyle, useJourneyDock } from './placement';
import { JourneyEvidence, JourneyNow } from './JourneyDetails';
import { Transport, transportKeys } from './parts';

function toPick(picked: string, route: JourneyRoute): JourneyPick {
  return { picked, edges: route.edges, ...(route.action !== undefined ? { action: route.action } : {}) };
}


/**
 * The picked journey, played: the overlay on the canvas and the journey panel docked at the bottom of the
 * canvas (controls, who is acting, the gates and the statement in play, the swap, the engine's result).
 * Loaded on demand, when a journey is first picked. The journey itself is built by the engine's side in
 * the evaluation worker (the store asks for it when it is picked and after every evaluation,
 * src/store/store.ts); this only shows it.
 */
export function JourneyPlayer({ pick, minimap, lessonInset, comparison, onCompare }: { pick: JourneyPick; minimap: boolean; lessonInset: number; comparison: ComparisonIngredients | undefined; onCompare: () => void }) {
  const { scenario, built, playback, reducedMotion, selected } = useAppStore(
    useShallow((s) => ({ scenario: s.scenario, built: s.journeyBuilt, playback: s.playback, reducedMotion: s.reducedMotion, selected: s.selected })),
  );
  const narrationId = useId();
  // Docked below the canvas (src/app/App.tsx) when the app has the dock; floating over the canvas's bottom
  // otherwise. The lesson panel floats over the dock's left end: the player starts right of it.
  const dock = useJourneyDock();

  // The journey built for the current pick (a previous pick's stays out while the new one is on its way).
  const result = built && built.pick === pick ? built.result : undefined;
  const journey: Journey | undefined = result?.ok ? result.journey : undefined;
  const total = journey?.steps.length ?? 0;
  const command = useCallback((c: PlaybackCommand) => useAppStore.getState().playbackCommand(c), []);
  const tick = useCallback(() => command({ type: 'tick', total }), [command, total]);
  usePlaybackClock(journey, playback, tick);

  // After an edit the journey may be shorter: keep the step inside it.
  useEffect(() => {
    if (journey && playback.step > total - 1) command({ type: 'seek', step: total - 1, total });
  }, [journey, playback.step, total, command]);

  // The user's view before the journey, given back when the journey closes — unless something else asked
  // for a fit meanwhile (another scenario opened, the Fit button): then that view stands.
  // (React Flow's store, which is stable: the player's whole life is one effect.)
  const flow = useStoreApi();
  useEffect(() => {
    const [x, y, zoom] = flow.getState().transform;
    const seq = useAppStore.getState().fitRequest.seq;
    return () => {
      if (useAppStore.getState().fitRequest.seq === seq) void flow.getState().panZoom?.setViewport({ x, y, zoom }, { duration: motion(250) });
    };
  }, [flow]);

  // A newly picked journey is framed by the overlay (src/animation/JourneyOverlay.tsx, `follow`): whole when
  // it fits at a readable zoom, else from the part in play, which the camera then follows.
  const framed = useRef<JourneyPick | undefined>(undefined);
  useEffect(() => {
    if (!journey || framed.current === pick) return;
    framed.current = pick;
    // "Play journey" has given way to the player: its Play button takes the focus the button had.
    const active = document.activeElement;
    if (!active || active === document.body) document.querySelector<HTMLElement>('[data-testid="journey.play"]')?.focus({ preventScroll: true });
  }, [journey, pick]);

  // The explanation panel follows playback: the request in play is selected, its stage marked.
  const current = journey?.steps[playback.step];
  const request = useMemo(() => {
    if (!journey) return undefined;
    const index = journey.steps.slice(0, playback.step + 1).reverse().find((st) => st.request !== undefined)?.request;
    return index !== undefined ? journey.requests[index] : undefined;
  }, [journey, playback.step]);
  const journeyIds = useMemo(() => new Set(journey?.hops.flatMap((h) => [h.edgeId, h.evaluationId]).filter((x): x is string => !!x) ?? []), [journey]);
  const cursorStage = current?.gate !== undefined ? request?.gates[current.gate]?.stage : undefined;
  useEffect(() => {
    const { setPlaybackCursor, select, selected: sel } = useAppStore.getState();
    if (!request) {
      setPlaybackCursor(undefined);
      return;
    }
    setPlaybackCursor({ evaluationId: request.evaluationId, stepIndex: request.stepIndex, ...(cursorStage ? { stage: cursorStage } : {}) });
    const only = sel[0];
    if ((sel.length === 0 || (sel.length === 1 && only !== undefined && journeyIds.has(only))) && only !== request.evaluationId) select([request.evaluationId]);
  }, [request, cursorStage, journeyIds]);

  // Picking another edge while not playing closes the journey, so its own Play button shows.
  useEffect(() => {
    const only = selected.length === 1 ? selected[0] : undefined;
    if (!only || only === pick.picked || journeyIds.has(only) || playback.status === 'playing') return;
    const isEdge = scenario.edges.some((e) => e.id === only) || scenario.rules.some((r) => r.targets.some((t) => t.id === only));
    if (isEdge) useAppStore.getState().pickJourney(undefined);
  }, [selected, pick, journeyIds, playback.status, scenario]);

  const start = useCallback((picked: string, route: JourneyRoute, play: boolean) => useAppStore.getState().pickJourney(toPick(picked, route), play), []);

  const routes = useMemo(() => journeyRoutes(scenario, pick.picked), [scenario, pick]);

  const route = routeOf(pick);
  const routeIndex = routes.findIndex((r) => sameRoute(r, route));
  const step = Math.min(playback.step, total - 1);
const body = (
    <section className={`${CARD} @container flex ${journey ? 'h-[38vh]' : ''} flex-col`} aria-label="Journey" data-testid="journey.panel" {...FIT_OBSTACLE} onKeyDown={transportKeys(total, command)}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h2 className="text-sm font-semibold">Journey</h2>
        {routes.length > 1 ? (
          <label className="order-last min-w-0 basis-full text-[11px] text-slate-700 dark:text-slate-300">
            <span className="sr-only">Path</span>
            <select
              className="block w-full max-w-md rounded-md border border-slate-300 bg-white px-1 py-0.5 text-xs dark:border-slate-600 dark:bg-slate-800"
              value={Math.max(0, routeIndex)}
              onChange={(e) => {
                const r = routes[Number(e.target.value)];
                if (r) start(pick.picked, r, false);
              }}
              aria-label="Path to follow"
              data-testid="journey.route"
            >
              {routes.map((r, i) => (
                <option key={i} value={i}>
                  {routeLabel(scenario, r)}
                  {r.edges.length === 1 && scenario.principals.find((p) => p.id === scenario.edges.find((e) => e.id === r.edges[0])?.from)?.type === 'iam-role' ? ' (the role on its own)' : ''}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span className="min-w-0 flex-1 truncate text-xs text-slate-700 dark:text-slate-300" data-testid="journey.title">
            {routeLabel(scenario, route)}
          </span>
        )}
        {routes.length > 1 && <span className="flex-1" />}
        {comparison && (
          <button type="button" className="text-xs font-medium text-violet-800 underline decoration-dotted hover:decoration-solid dark:text-violet-300" onClick={onCompare} data-testid="journey.compare">
            Compare the two designs
          </button>
        )}
        <button type="button" className="rounded px-1.5 text-lg leading-none hover:bg-slate-100 dark:hover:bg-slate-800" aria-label="Close the journey"
          onClick={() => {
            useAppStore.getState().pickJourney(undefined);
            // Back to the edge the journey was played from (its label is a button), else the canvas.
            requestAnimationFrame(() => (document.querySelector<HTMLElement>(`[data-testid="edge-label.${CSS.escape(pick.picked)}"]`) ?? document.querySelector<HTMLElement>('[data-testid="canvas"]'))?.focus({ preventScroll: true }));
          }}
          data-testid="journey.close"
        >
          ×
        </button>
      </div>
      {journey ? (
        <>
          <div className="mt-2">
            <Transport playback={playback} total={total} onCommand={command} />
          </div>
          {/* The columns scroll on their own: each is focusable so the keyboard can scroll it too. */}
          <div className="mt-2 grid min-h-0 flex-1 grid-cols-1 gap-3 overflow-y-auto @[480px]:grid-cols-[minmax(0,0.8fr)_minmax(0,1.2fr)] @[480px]:overflow-visible">
            <div className="rounded focus-visible:outline-2 focus-visible:outline-sky-600 @[480px]:min-h-0 @[480px]:overflow-y-auto" role="region" aria-label="Who is acting, and what happens" tabIndex={0}>
              <JourneyNow journey={journey} step={step} narrationId={narrationId} />
            </div>
            <div className="rounded focus-visible:outline-2 focus-visible:outline-sky-600 @[480px]:min-h-0 @[480px]:overflow-y-auto" role="region" aria-label="Checks, statements and the swap" tabIndex={0}>
              <JourneyEvidence journey={journey} step={step} />
            </div>
          </div>
        </>
      ) : result && !result.ok ? (
        <p className="mt-2 text-xs text-red-800 dark:text-red-300" role="alert" data-testid="journey.problem">
          This journey cannot be played: {result.reason}
        </p>
      ) : (
        <p className="mt-2 text-xs text-slate-700 dark:text-slate-300" role="status" data-testid="journey.preparing">
          Following the request through the engine’s decisions…
        </p>
      )}
    </section>
  );

  return (
    <>
      {journey && <JourneyOverlay journey={journey} step={Math.min(playback.step, total - 1)} reducedMotion={reducedMotion} speed={playback.speed} follow />}
      {dock ? (
        createPortal(<div className="border-t border-slate-300 bg-white p-2 dark:border-slate-700 dark:bg-slate-900" style={{ paddingLeft: lessonInset + 8 }}>{body}</div>, dock)
      ) : (
        <Panel position="bottom-left" style={stripStyle(minimap, lessonInset)} className="pointer-events-none [&>*]:pointer-events-auto">
          {body}
        </Panel>
      )}
    </>
  );
}
