import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { DECISION_LEGEND } from '../canvas/legend';
import { runAutoLayout } from '../canvas/autoLayout';
import { Canvas } from '../canvas/Canvas';
import { addPaletteItem } from '../canvas/palette';
import { Inspector } from '../panels/Inspector';
import { LESSON_PANEL_RIGHT } from '../panels/lessons/LessonPanel';
import { whatIfPanelRight } from '../panels/whatif/geometry';
import { PANEL_WIDTH } from '../panels/panelLayout';
import { Palette } from '../panels/Palette';
import { openExample } from '../panels/share/actions';
import { startIncomingLinks } from '../panels/share/incomingLink';
import { ShareToolbar } from '../panels/share/ShareToolbar';
import { usePanelLayout } from '../panels/usePanelLayout';
import { useLibrary } from '../store/library';
import { redo, undo, useAppStore, type AppState } from '../store/store';
import { CANVAS_AREA_ID, FIT_OBSTACLE } from '../ui/fitObstacle';
import { Header } from '../ui/Header';
import { Legend } from '../ui/Legend';
import { ToolbarButton, ToolbarGroup } from '../ui/ToolbarButton';
import { SHORTCUTS } from './shortcuts';


function EditingTools() {
  const { canUndo, canRedo } = useStore(useAppStore.temporal, useShallow((t) => ({ canUndo: t.pastStates.length > 0, canRedo: t.futureStates.length > 0 })));
  const empty = useAppStore((s) => s.scenario.accounts.length === 0 && s.scenario.principals.length === 0);
  const [laying, setLaying] = useState(false);
  return (
    <>
      <ToolbarGroup label="History">
        <ToolbarButton label="Undo" icon="undo" shortcut="Mod+Z" onClick={undo} disabled={!canUndo} testId="toolbar.undo" />
        <ToolbarButton label="Redo" icon="redo" shortcut="Mod+Shift+Z" onClick={redo} disabled={!canRedo} testId="toolbar.redo" />
      </ToolbarGroup>
      <ToolbarGroup label="View" rule>
        <ToolbarButton
          label="Auto-layout: arrange everything, keeping accounts as containers"
          icon="layout"
          text={laying ? 'Arranging…' : 'Auto-layout'}
          disabled={empty || laying}
          testId="toolbar.layout"
          onClick={() => {
            setLaying(true);
            void runAutoLayout().finally(() => {
              setLaying(false);
              useAppStore.getState().requestFit();
            });
          }}
        />
        <ToolbarButton label="Fit the whole scenario in view" icon="fit" text="Fit" shortcut="Shift+1" onClick={() => useAppStore.getState().requestFit()} testId="toolbar.fit" tooltipAlign="end" />
      </ToolbarGroup>
    </>
  );
}

/**
 * Scenario menus beside the title: lessons, saved scenarios, files and sharing (src/panels/share). Every
 * way of opening a scenario there keeps the user's unsaved work recoverable first.
 */
function ScenarioMenus() {
  return (
    <>
      <ShareToolbar />
    </>
  );
}

/** How long a change must take to decide before the status line says "Deciding…". */
const DECIDING_AFTER_MS = 250;

/** Keys that only modify the next one: pressing them starts nothing. */
const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

/**
 * A notice in the status line is about the step that posted it ("Edge added…", "Cannot do that: …"): it
 * goes when the next step starts — the next press of a pointer or a key anywhere in the app — so it never
 * reads as being about what the user does next. Listened to in the capture phase, so a step that posts a
 * notice of its own clears the previous one first and keeps its own.
 */
function useClearOnNextStep(notice: AppState['notice']): void {
  useEffect(() => {
    if (!notice) return;
    const clear = (event: Event): void => {
      if (event instanceof KeyboardEvent && MODIFIER_KEYS.has(event.key)) return;
      if (useAppStore.getState().notice === notice) useAppStore.getState().notify(undefined);
    };
    window.addEventListener('pointerdown', clear, true);
    window.addEventListener('keydown', clear, true);
    return () => {
      window.removeEventListener('pointerdown', clear, true);
      window.removeEventListener('keydown', clear, true);
    };
  }, [notice]);
}

function StatusLine() {
  const { notice, evaluationMs, count, evaluating, stats } = useAppStore(
    useShallow((s) => ({ notice: s.notice, evaluationMs: s.evaluationMs, count: s.verdicts.size, evaluating: s.evaluatedRevision !== s.revision, stats: s.evaluationStats })),
  );
  useClearOnNextStep(notice);
  // Most changes are decided within a frame or two: the line says "Deciding…" only for one that takes
  // longer, rather than flickering (and repainting the window) on every keystroke in a policy.
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!evaluating) return;
    const timer = setTimeout(() => setSlow(true), DECIDING_AFTER_MS);
    return () => {
      clearTimeout(timer);
      setSlow(false);
    };
  }, [evaluating]);
  return (
    <footer className="flex h-8 shrink-0 items-center gap-3 border-t border-slate-200 bg-white px-3 text-xs dark:border-slate-800 dark:bg-slate-900">
      <span role="status" aria-live="polite" className="min-w-0 truncate">
        {notice ? (
          <span className={notice.kind === 'info' ? 'text-slate-800 dark:text-slate-200' : 'text-red-700 dark:text-red-300'} data-testid="notice" data-kind={notice.kind} title={notice.text}>
            {notice.kind === 'refused' ? 'Cannot do that: ' : ''}
            {notice.text}
          </span>
        ) : (
          <span className="text-slate-600 dark:text-slate-400">Drag from a principal’s right-hand dot to a role or a resource to ask whether it may act on it. Click any edge to see why.</span>
        )}
      </span>
      <details
        className="relative ml-auto shrink-0"
        onKeyDown={(e) => {
          // Escape closes the list and leaves focus on its summary (a disclosure, not a modal).
          if (e.key === 'Escape' && e.currentTarget.open) {
            e.currentTarget.open = false;
            e.currentTarget.querySelector('summary')?.focus();
          }
        }}
      >
        <summary className="cursor-pointer text-slate-700 dark:text-slate-300" data-testid="keyboard-help">
          Keyboard
        </summary>
        <div className="absolute bottom-7 right-0 z-20 w-72 rounded-lg border border-slate-300 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            {SHORTCUTS.map(([keys, what]) => (
              <div key={keys} className="contents">
                <dt className="font-mono text-[11px]">{keys}</dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </div>
      </details>
      <span className="shrink-0 text-slate-600 dark:text-slate-400" data-testid="evaluation-status" title={`${stats.evaluated} decided, ${stats.reused} unchanged`}>
        {evaluating && slow ? 'Deciding…' : `${count} edge${count === 1 ? '' : 's'} decided · ${evaluationMs.toFixed(1)} ms`}
      </span>
    </footer>
  );
}

function EmptyState() {
  const empty = useAppStore((s) => s.scenario.accounts.length === 0 && s.scenario.principals.length === 0);
  const { getNodes } = useReactFlow();
  if (!empty) return null;
  return (
    <div className="pointer-events-none absolute inset-0 flex items-center justify-center p-6">
      <section aria-labelledby="empty-title" className="pointer-events-auto max-w-md rounded-xl border border-slate-300 bg-white/95 p-6 shadow-md dark:border-slate-700 dark:bg-slate-900/95" data-testid="empty-state">
        <h2 id="empty-title" className="text-lg font-semibold">
          Draw who can reach what
        </h2>
        <ol className="mt-3 list-decimal space-y-1.5 pl-5 text-sm text-slate-700 dark:text-slate-300">
          <li>Add an <strong>AWS account</strong> or two from the palette.</li>
          <li>Put users, roles and resources (an S3 bucket…) inside them.</li>
          <li>Drag from a user’s right-hand dot to a resource. The edge turns green when AWS would allow it, red or amber when not.</li>
          <li>Click the edge to read why, step by step, and edit the policy that decided it.</li>
        </ol>
        <div className="mt-4 flex gap-2">
          <button type="button" className="btn btn-primary" onClick={() => addPaletteItem({ kind: 'account' }, getNodes() as never)} data-testid="empty.add-account">
            Add an account
          </button>
          <button type="button" className="btn" onClick={openExample} data-testid="empty.example">
            Open the example
          </button>
        </div>
      </section>
    </div>
  );
}

/** Refits the canvas when a side panel changes width: its own button, or the window crossing a breakpoint. */
function useRefitOnPanelChange(): void {
  const { palette, inspector } = usePanelLayout();
  const shape = `${palette}/${inspector}`;
  const last = useRef(shape);
  useEffect(() => {
    if (last.current === shape) return;
    last.current = shape;
    useAppStore.getState().requestFit();
  }, [shape]);
}

function Workspace() {
  useRefitOnPanelChange();
  const { palette } = usePanelLayout();
  const lessonOpen = useLibrary((s) => s.lessonId !== undefined);
  const whatIfOpen = useAppStore((s) => s.whatIf !== undefined);
  // The lesson panel and the what-if comparison float over the canvas's left side: the legend is centred in
  // what they leave free.
  const panelsRight = Math.max(lessonOpen ? LESSON_PANEL_RIGHT : 0, whatIfOpen ? whatIfPanelRight(lessonOpen) : 0);
  const legendInset = panelsRight > 0 ? Math.max(0, panelsRight - PANEL_WIDTH.palette[palette]) : 0;
  return (
    <div className="flex min-h-0 flex-1">
      <Palette />
      <main id={CANVAS_AREA_ID} className="relative min-w-0 flex-1" aria-label="Scenario canvas">
        <Canvas />
        <EmptyState />
        <div className="pointer-events-none absolute inset-x-0 top-3 z-10 flex justify-center px-3" style={legendInset ? { paddingLeft: legendInset + 12 } : undefined}>
          <div className="pointer-events-auto" {...FIT_OBSTACLE}>
            <Legend entries={DECISION_LEGEND} />
          </div>
        </div>
      </main>
      <Inspector />
    </div>
  );
}

/** The application: header with scenario menus and editing tools, palette, canvas, inspector, status line. */
export function App() {
  // Share links open after the first render, once the lesson/share UI can fit the view; the autosave was
  // restored before it (src/app/bootstrap.ts), so unsaved work is kept before a link replaces it.
  useEffect(() => startIncomingLinks(), []);
  return (
    <ReactFlowProvider>
      <div className="flex h-full flex-col">
        <Header title="Crossaccount" tagline="See who can reach what across AWS accounts — and why" menus={<ScenarioMenus />}>
          <EditingTools />
        </Header>
        <Workspace />
        <StatusLine />
      </div>
    </ReactFlowProvider>
  );
}
