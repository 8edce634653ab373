import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { DECISION_LEGEND } from '../canvas/legend';
import { runAutoLayout } from '../canvas/autoLayout';
import { Canvas } from '../canvas/Canvas';
import { addPaletteItem } from '../canvas/palette';
import { Inspector } from '../panels/Inspector';
import { LESSON_PANEL_RIGHT, PANEL_WIDTH } from '../panels/panelLayout';
import { Palette } from '../panels/Palette';
import { startImport } from '../panels/import/actions';
import { useImportUi } from '../panels/import/importUi';
import { openExample } from '../panels/share/actions';
import { startIncomingLinks } from '../panels/share/incomingLink';
import { ShareToolbar } from '../panels/share/ShareToolbar';
import { StorageNotice } from '../panels/share/StorageNotice';
import { usePanelLayout } from '../panels/usePanelLayout';
import { useLibrary } from '../store/library';
import type { Scenario } from '../model';
import { redo, stopEngine, undo, useAppStore, type AppState } from '../store/store';
import { CANVAS_AREA_ID, FIT_OBSTACLE, JOURNEY_DOCK_ID } from '../ui/fitObstacle';
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

/** An edge or rule target by the names of its ends ("alice → reports-b"), for the status line. */
function decisionName(scenario: Scenario, id: string): string {
  const name = (nodeId: string): string => scenario.principals.find((p) => p.id === nodeId)?.name ?? scenario.resources.find((r) => r.id === nodeId)?.name ?? nodeId;
  const edge = scenario.edges.find((e) => e.id === id);
  if (edge) return `${name(edge.from)} → ${name(edge.to)}`;
  for (const rule of scenario.rules) {
    const target = rule.targets.find((t) => t.id === id);
    if (target) return `${rule.name} → ${name(target.resourceId)}`;
  }
  return id;
}

const seconds = (ms: number): string => `${(ms / 1000).toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} s`;

/**
 * The engine's side of the status line: how many edges are decided and how long it took; while a long
 * evaluation runs, where it is and any decision past its budget (named, the worker reports it); when the
 * worker has been silent for long, a way to stop it; after, the decisions that were slow, with a way to them.
 */
function EngineStatus() {
  const { evaluationMs, count, evaluating, stats, progress, slow, silentMs, scenario } = useAppStore(
    useShallow((s) => ({
      evaluationMs: s.evaluationMs,
      count: s.verdicts.size,
      evaluating: s.evaluatedRevision !== s.revision,
      stats: s.evaluationStats,
      progress: s.evaluationProgress,
      slow: s.slowDecisions,
      silentMs: s.engineSilentMs,
      scenario: s.scenario,
    })),
  );
  // Most changes are decided within a frame or two: the line says "Deciding…" only for one that takes
  // longer, rather than flickering (and repainting the window) on every keystroke in a policy.
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!evaluating) return;
    const timer = setTimeout(() => setLate(true), DECIDING_AFTER_MS);
    return () => {
      clearTimeout(timer);
      setLate(false);
    };
  }, [evaluating]);
  const slowest = evaluating ? progress?.slowest : slow[0];
  return (
    <>
      {silentMs !== undefined && evaluating && (
        <span role="alert" className="flex shrink-0 items-center gap-2 text-red-700 dark:text-red-300" data-testid="engine-silent">
          The engine has not answered for {Math.floor(silentMs / 1000)} s.
          <button type="button" className="rounded border border-current px-1.5 py-0.5 font-medium" onClick={stopEngine} data-testid="engine-stop">
            Stop it
          </button>
        </span>
      )}
      {slowest && (
        <span className="flex min-w-0 shrink items-center gap-1.5 text-amber-800 dark:text-amber-300" data-testid="engine-slow" title="A decision took longer than half a second. Long wildcard patterns against long names are the usual cause.">
          <span className="truncate">
            Slow decision: {decisionName(scenario, slowest.id)} took {seconds(slowest.ms)}
            {!evaluating && slow.length > 1 ? ` (and ${slow.length - 1} more)` : ''}
          </span>
          <button type="button" className="shrink-0 underline" onClick={() => useAppStore.getState().select([slowest.id])} data-testid="engine-slow.show">
            Show
          </button>
        </span>
      )}
      <span className="shrink-0 text-slate-600 dark:text-slate-400" data-testid="evaluation-status" title={`${stats.evaluated} decided, ${stats.reused} unchanged`}>
        {evaluating && late
          ? progress
            ? `Deciding… ${progress.done.toLocaleString('en-US')} of ${progress.total.toLocaleString('en-US')} · ${seconds(progress.elapsedMs)}`
            : 'Deciding…'
          : `${count} edge${count === 1 ? '' : 's'} decided · ${evaluationMs.toFixed(1)} ms`}
      </span>
    </>
  );
}

function StatusLine() {
  const notice = useAppStore((s) => s.notice);
  useClearOnNextStep(notice);
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
      <EngineStatus />
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
        <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">Or drop AWS exports, a Terraform plan or a CloudFormation template here (File ▸ Import AWS data…): your own accounts, organization and resource policies, read in your browser.</p>
      </section>
    </div>
  );
}

/** What dropping files on the canvas does, shown while files are dragged over it. */
function DropOverlay() {
  const dragging = useImportUi((s) => s.dragging);
  if (!dragging) return null;
  return (
    <div className="pointer-events-none absolute inset-3 z-30 flex items-center justify-center rounded-xl border-4 border-dashed border-sky-600 bg-sky-50/85 dark:border-sky-400 dark:bg-slate-900/85" data-testid="drop-overlay">
      <div className="max-w-md text-center">
        <p className="text-lg font-semibold">Drop AWS exports to import them</p>
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
          get-account-authorization-details, Organizations and resource-policy outputs, a bundle from scripts/collect-aws.sh, a Terraform plan (terraform show -json) or a CloudFormation template — several at once. They become a new scenario; your current work is kept in Saved scenarios. Nothing leaves your browser.
        </p>
      </div>
    </div>
  );
}

/** Files dragged from the desktop over the canvas area: AWS exports to import (src/panels/import). */
function onFilesOver(event: React.DragEvent): void {
  if (!event.dataTransfer.types.includes('Files')) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = 'copy';
  if (!useImportUi.getState().dragging) useImportUi.getState().set({ dragging: true });
}

function onFilesLeave(event: React.DragEvent): void {
  // Leaving the area, not moving between its children.
  if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
  if (useImportUi.getState().dragging) useImportUi.getState().set({ dragging: false });
}

function onFilesDrop(event: React.DragEvent): void {
  if (!event.dataTransfer.types.includes('Files') || event.dataTransfer.files.length === 0) return;
  event.preventDefault();
  useImportUi.getState().set({ dragging: false });
  void startImport([...event.dataTransfer.files]);
}

/**
 * Files dropped outside the canvas would make the browser open them in place of the app: such drops are
 * stopped, and the status line says where to drop.
 */
function useFileDropGuard(): void {
  useEffect(() => {
    const hasFiles = (e: DragEvent): boolean => e.dataTransfer?.types.includes('Files') ?? false;
    const over = (e: DragEvent): void => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent): void => {
      if (useImportUi.getState().dragging) useImportUi.getState().set({ dragging: false });
      if (!hasFiles(e) || e.defaultPrevented) return;
      e.preventDefault();
      useAppStore.getState().notify({ kind: 'info', text: 'To import AWS exports, drop them on the canvas (or use File ▸ Import AWS data…).' });
    };
    const end = (): void => {
      if (useImportUi.getState().dragging) useImportUi.getState().set({ dragging: false });
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    window.addEventListener('dragend', end);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
      window.removeEventListener('dragend', end);
    };
  }, []);
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
  useFileDropGuard();
  const { palette } = usePanelLayout();
  const lessonOpen = useLibrary((s) => s.lessonId !== undefined);
  // The lesson panel floats over the canvas's left side: the legend is centred in what it leaves free.
  const legendInset = lessonOpen ? Math.max(0, LESSON_PANEL_RIGHT - PANEL_WIDTH.palette[palette]) : 0;
  return (
    <div className="flex min-h-0 flex-1">
      <Palette />
      <main id={CANVAS_AREA_ID} className="relative flex min-w-0 flex-1 flex-col" aria-label="Scenario canvas" onDragOver={onFilesOver} onDragLeave={onFilesLeave} onDrop={onFilesDrop}>
        <div className="relative min-h-0 flex-1">
          <Canvas />
          <EmptyState />
          <DropOverlay />
          <div className="pointer-events-none absolute inset-x-0 top-3 z-10 flex justify-center px-3" style={legendInset ? { paddingLeft: legendInset + 12 } : undefined}>
            <div className="pointer-events-auto" {...FIT_OBSTACLE}>
              <Legend entries={DECISION_LEGEND} />
            </div>
          </div>
        </div>
        {/* The journey player docks here, below the canvas: it never covers the part being played. */}
        <div id={JOURNEY_DOCK_ID} className="shrink-0 empty:hidden" />
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
        <StorageNotice />
        <Workspace />
        <StatusLine />
      </div>
    </ReactFlowProvider>
  );
}
