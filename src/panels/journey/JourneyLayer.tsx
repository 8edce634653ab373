import { Panel } from '@xyflow/react';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useShallow } from 'zustand/react/shallow';
import { comparisonIngredients } from '../../journey/ingredients';
import { journeyRoutes, routeLabel, type JourneyRoute } from '../../journey/routes';
import { followReducedMotion } from '../../store/playback';
import { useAppStore } from '../../store/store';
import { FIT_OBSTACLE } from '../../ui/fitObstacle';
import { CARD, Glyph } from './glyph';
import { stripStyle, useJourneyDock, useLessonInset } from './placement';
import { LoadBoundary } from '../../ui/LoadBoundary';

// The player and the compare view are loaded when first used: they are not part of the initial bundle.
const JourneyPlayer = lazy(() => import('./JourneyPlayer').then((m) => ({ default: m.JourneyPlayer })));
const CompareView = lazy(() => import('./CompareView').then((m) => ({ default: m.CompareView })));

/**
 * Journeys on the canvas: mounted once inside `<ReactFlow>`. With an edge selected it offers "Play
 * journey" (docked at the bottom of the canvas, between React Flow's controls and the minimap); with a
 * journey picked it shows the player (src/panels/journey/JourneyPlayer.tsx); on a scenario that has the
 * seed example's two designs it offers to compare them.
 */
export function JourneyLayer({ minimap }: { minimap: boolean }) {
  const { scenario, pick, reducedMotion, selected } = useAppStore(useShallow((s) => ({ scenario: s.scenario, pick: s.journeyPick, reducedMotion: s.reducedMotion, selected: s.selected })));
  const [comparing, setComparing] = useState(false);
  const lessonInset = useLessonInset();
  const dock = useJourneyDock();
  useEffect(() => followReducedMotion(useAppStore.getState().setReducedMotion), []);

  const only = selected.length === 1 ? selected[0] : undefined;
  const selectedRoutes = useMemo(() => (only && !pick ? journeyRoutes(scenario, only) : []), [scenario, only, pick]);
  const comparison = useMemo(() => comparisonIngredients(scenario), [scenario]);
  const start = (picked: string, route: JourneyRoute): void => useAppStore.getState().pickJourney({ picked, edges: route.edges, ...(route.action !== undefined ? { action: route.action } : {}) }, true);

  let body: React.ReactNode = null;
  if (selectedRoutes.length > 0 && only) {
    const first = selectedRoutes[0] as JourneyRoute;
    body = (
      <section className={`${CARD} inline-block max-w-full`} aria-label="Journey" data-testid="journey.panel" {...FIT_OBSTACLE}>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
          <button
            type="button"
            className="inline-flex items-center gap-1 rounded-md border border-sky-700 bg-sky-700 px-3 py-1.5 text-xs font-semibold text-white hover:bg-sky-800 dark:border-sky-400 dark:bg-sky-700 dark:hover:bg-sky-800"
            onClick={() => start(only, first)}
            data-testid="journey.start"
            // The accessible name starts with the words on the button (WCAG 2.5.3, label in name), so "Play
            // journey" spoken to voice control finds it; the route follows for screen readers.
            aria-label={`Play journey: ${routeLabel(scenario, first)}`}
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
      <section className={`${CARD} inline-block max-w-full`} aria-label="Journey" data-testid="journey.panel" {...FIT_OBSTACLE}>
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
      {pick && (
        <LoadBoundary what="journey player" place={(m) => <Panel position="bottom-left" style={stripStyle(minimap, lessonInset)}>{m}</Panel>}>
        <Suspense fallback={<Panel position="bottom-left" style={stripStyle(minimap, lessonInset)}><section className={CARD} aria-label="Journey" data-testid="journey.panel" {...FIT_OBSTACLE}><p className="text-xs" role="status">Loading the journey player…</p></section></Panel>}>
          <JourneyPlayer pick={pick} minimap={minimap} lessonInset={lessonInset} comparison={comparison} onCompare={() => setComparing(true)} />
        </Suspense>
        </LoadBoundary>
      )}
      {!pick &&
        body &&
        (dock ? (
          // Docked below the canvas, like the player: nothing floats over the diagram's bottom edge.
          createPortal(<div className="border-t border-slate-300 bg-white p-2 dark:border-slate-700 dark:bg-slate-900" style={{ paddingLeft: lessonInset + 8 }}>{body}</div>, dock)
        ) : (
          <Panel position="bottom-left" style={stripStyle(minimap, lessonInset)} className="pointer-events-none [&>*]:pointer-events-auto">
            {body}
          </Panel>
        ))}
      {comparing && comparison && (
        <LoadBoundary what="comparison" place={(m) => <Panel position="bottom-left" style={stripStyle(minimap, lessonInset)}>{m}</Panel>}>
          <Suspense fallback={null}>
            <CompareView comparison={comparison} reducedMotion={reducedMotion} onClose={() => setComparing(false)} />
          </Suspense>
        </LoadBoundary>
      )}
    </>
  );
}
