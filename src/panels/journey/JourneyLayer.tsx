import { Panel, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { compareDesigns } from '../../animation/compare';
import { buildJourney, journeyRoutes, routeLabel, sameRoute, type Journey, type JourneyRoute } from '../../animation/journey';
import { JourneyOverlay } from '../../animation/JourneyOverlay';
import { usePlaybackClock } from '../../animation/usePlaybackClock';
import { followReducedMotion, type JourneyPick, type PlaybackCommand } from '../../store/playback';
import { useAppStore } from '../../store/store';
import { CompareView } from './CompareView';
import { JourneyEvidence, JourneyNow } from './JourneyDetails';
import { Glyph, Transport, transportKeys } from './parts';

/**
 * Journeys on the canvas: mounted once inside `<ReactFlow>`. Draws the picked journey over the canvas and
 * shows the journey panel docked at the bottom of the canvas (between React Flow's controls and the
 * minimap): a Play button for the selected edge, then the controls, who is acting, the gates and the
 * statement in play, the swap, and the engine's result; and the entry to the compare view of the seed
 * example's two designs.
 */

const CARD = 'nokey nopan nowheel nodrag rounded-xl border border-slate-200 bg-white/95 p-3 text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900/95 dark:text-slate-100';
/** The strip leaves React Flow's controls (left) and minimap (right) uncovered. */
const STRIP_STYLE = { left: 44, right: 222 } as const;

function toPick(picked: string, route: JourneyRoute): JourneyPick {
  return { picked, edges: route.edges, ...(route.action !== undefined ? { action: route.action } : {}) };
}

/** Where the journey's nodes are shown when it is picked: to the right of the panel. */
const FIT_PADDING = { top: '40px', right: '40px', bottom: '52%', left: '60px' } as const;

export function JourneyLayer() {
  const { scenario, evaluation, pick, playback, reducedMotion, selected } = useAppStore(
    useShallow((s) => ({ scenario: s.scenario, evaluation: s.evaluation, pick: s.journey, playback: s.playback, reducedMotion: s.reducedMotion, selected: s.selected })),
  );
  const [comparing, setComparing] = useState(false);
  const { fitView } = useReactFlow();
  const narrationId = useId();

  useEffect(() => followReducedMotion(useAppStore.getState().setReducedMotion), []);

  const built = useMemo(() => (pick ? buildJourney(scenario, evaluation, { edges: pick.edges, ...(pick.action !== undefined ? { action: pick.action } : {}) }) : undefined), [pick, scenario, evaluation]);
  const journey: Journey | undefined = built?.ok ? built.journey : undefined;
  const total = journey?.steps.length ?? 0;
  const command = useCallback((c: PlaybackCommand) => useAppStore.getState().playbackCommand(c), []);
  const tick = useCallback(() => command({ type: 'tick', total }), [command, total]);
  usePlaybackClock(journey, playback, tick);

  // After an edit the journey may be shorter: keep the step inside it.
  useEffect(() => {
    if (journey && playback.step > total - 1) command({ type: 'seek', step: total - 1, total });
  }, [journey, playback.step, total, command]);

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
    if (!pick || !only || journeyIds.has(only) || playback.status === 'playing') return;
    const isEdge = scenario.edges.some((e) => e.id === only) || scenario.rules.some((r) => r.targets.some((t) => t.id === only));
    if (isEdge) useAppStore.getState().pickJourney(undefined);
  }, [selected, pick, journeyIds, playback.status, scenario]);

  const start = useCallback(
    (picked: string, route: JourneyRoute, play: boolean) => {
      const { pickJourney } = useAppStore.getState();
      const result = buildJourney(scenario, evaluation, route);
      pickJourney(toPick(picked, route));
      if (result.ok) {
        if (play) command({ type: 'play', total: result.journey.steps.length });
        void fitView({ nodes: result.journey.nodes.map((id) => ({ id })), padding: FIT_PADDING, duration: reducedMotion ? 0 : 400, maxZoom: 1.4 });
      }
    },
    [scenario, evaluation, command, fitView, reducedMotion],
  );

  const only = selected.length === 1 ? selected[0] : undefined;
  const selectedRoutes = useMemo(() => (only ? journeyRoutes(scenario, only) : []), [scenario, only]);
  const routes = useMemo(() => (pick ? journeyRoutes(scenario, pick.picked) : []), [scenario, pick]);
  const comparison = useMemo(() => compareDesigns(scenario), [scenario]);

  let body: React.ReactNode = null;
  if (pick) {
    const route: JourneyRoute = { edges: pick.edges, ...(pick.action !== undefined ? { action: pick.action } : {}) };
    const routeIndex = routes.findIndex((r) => sameRoute(r, route));
    const step = Math.min(playback.step, total - 1);
    body = (
      <section className={`${CARD} @container flex max-h-[38vh] flex-col`} aria-label="Journey" data-testid="journey.panel" onKeyDown={transportKeys(total, command)}>
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
            <button type="button" className="text-xs font-medium text-violet-800 underline decoration-dotted hover:decoration-solid dark:text-violet-300" onClick={() => setComparing(true)} data-testid="journey.compare">
              Compare the two designs
            </button>
          )}
          <button type="button" className="rounded px-1.5 text-lg leading-none hover:bg-slate-100 dark:hover:bg-slate-800" aria-label="Close the journey" onClick={() => useAppStore.getState().pickJourney(undefined)} data-testid="journey.close">
            ×
          </button>
        </div>
        {journey ? (
          <>
            <div className="mt-2">
              <Transport playback={playback} total={total} onCommand={command} />
            </div>
            <div className="mt-2 grid min-h-0 flex-1 grid-cols-1 gap-3 overflow-y-auto @[480px]:grid-cols-[minmax(0,0.8fr)_minmax(0,1.2fr)] @[480px]:overflow-visible">
              <div className="@[480px]:min-h-0 @[480px]:overflow-y-auto">
                <JourneyNow journey={journey} step={step} narrationId={narrationId} />
              </div>
              <div className="@[480px]:min-h-0 @[480px]:overflow-y-auto">
                <JourneyEvidence journey={journey} step={step} scenario={scenario} />
              </div>
            </div>
          </>
        ) : (
          <p className="mt-2 text-xs text-red-800 dark:text-red-300" role="alert">
            This journey cannot be played: {built && !built.ok ? built.reason : 'it no longer exists.'}
          </p>
        )}
      </section>
    );
  } else if (selectedRoutes.length > 0 && only) {
    const first = selectedRoutes[0] as JourneyRoute;
    body = (
      <section className={`${CARD} inline-block max-w-full`} aria-label="Journey" data-testid="journey.panel">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
          <button
            type="button"
            className="inline-flex items-center gap-1 rounded-md border border-sky-700 bg-sky-700 px-3 py-1.5 text-xs font-semibold text-white hover:bg-sky-800 dark:border-sky-500 dark:bg-sky-600 dark:hover:bg-sky-500"
            onClick={() => start(only, first, true)}
            data-testid="journey.start"
            aria-label={`Play the journey ${routeLabel(scenario, first)}`}
          >
            <Glyph name="play" /> Play journey
          </button>
          <span className="min-w-0 text-xs">
            <span className="font-medium" data-testid="journey.title">
              {routeLabel(scenario, first)}
            </span>
            <span className="block text-[11px] text-slate-600 dark:text-slate-400">Follow the request: who is acting at each step, and which checks it passes.</span>
          </span>
          {comparison && (
            <button type="button" className="text-xs font-medium text-violet-800 underline decoration-dotted hover:decoration-solid dark:text-violet-300" onClick={() => setComparing(true)} data-testid="journey.compare">
              Compare the two designs
            </button>
          )}
        </div>
      </section>
    );
  } else if (comparison) {
    body = (
      <section className={`${CARD} inline-block max-w-full`} aria-label="Journey" data-testid="journey.panel">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
          <button type="button" className="rounded-md border border-violet-700 bg-violet-700 px-3 py-1.5 text-xs font-semibold text-white hover:bg-violet-800 dark:border-violet-400 dark:bg-violet-600 dark:hover:bg-violet-500" onClick={() => setComparing(true)} data-testid="journey.compare">
            Compare the two designs
          </button>
          <span className="min-w-0 text-xs">
            <span className="font-medium">Keep your identity, or swap it?</span>
            <span className="block text-[11px] text-slate-600 dark:text-slate-400">
              {comparison.caller.name} reaches {comparison.resource.name} by its policy, or by assuming {comparison.role.name}. Or click an edge and press Play.
            </span>
          </span>
        </div>
      </section>
    );
  }

  return (
    <>
      {journey && <JourneyOverlay journey={journey} step={Math.min(playback.step, total - 1)} reducedMotion={reducedMotion} speed={playback.speed} />}
      {body && (
        <Panel position="bottom-left" style={STRIP_STYLE} className="pointer-events-none [&>*]:pointer-events-auto">
          {body}
        </Panel>
      )}
      {comparing && comparison && <CompareView comparison={comparison} reducedMotion={reducedMotion} onClose={() => setComparing(false)} />}
    </>
  );
}
