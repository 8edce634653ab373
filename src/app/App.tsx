import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { DECISION_LOOK } from '../canvas/appearance';
import { Canvas } from '../canvas/Canvas';
import { Inspector } from '../panels/Inspector';
import { Palette } from '../panels/Palette';
import { startIncomingLinks } from '../panels/share/incomingLink';
import { ShareToolbar } from '../panels/share/ShareToolbar';
import { restoreAutosave, startAutosave } from '../store/persistence';
import { redo, undo, useAppStore } from '../store/store';
import { Header } from '../ui/Header';
import { Legend } from '../ui/Legend';
import { ToolbarButton } from '../ui/ToolbarButton';
import { handleShortcut } from './shortcuts';

const LEGEND = [
  { ...DECISION_LOOK.allowed, description: 'every action is allowed' },
  { ...DECISION_LOOK['explicit-deny'], description: 'a Deny statement matches' },
  { ...DECISION_LOOK['implicit-deny'], description: 'nothing allows it' },
  { ...DECISION_LOOK.mixed, description: 'some actions pass (see the label)' },
];

function Toolbar() {
  const { fitView } = useReactFlow();
  const { canUndo, canRedo } = useStore(useAppStore.temporal, useShallow((t) => ({ canUndo: t.pastStates.length > 0, canRedo: t.futureStates.length > 0 })));
  return (
    <>
      <ToolbarButton label="Undo" icon="undo" shortcut="Ctrl+Z" onClick={undo} disabled={!canUndo} testId="toolbar.undo" />
      <ToolbarButton label="Redo" icon="redo" shortcut="Ctrl+Shift+Z" onClick={redo} disabled={!canRedo} testId="toolbar.redo" />
      <ToolbarButton label="Fit view" icon="layout" onClick={() => void fitView({ padding: 0.15, duration: 200 })} testId="toolbar.fit" text="Fit" />
      <ShareToolbar />
    </>
  );
}

function StatusLine() {
  const { notice, evaluationMs, count } = useAppStore(useShallow((s) => ({ notice: s.notice, evaluationMs: s.evaluationMs, count: s.evaluation.edges.size })));
  return (
    <div className="flex h-7 shrink-0 items-center gap-3 border-t border-slate-200 bg-white px-3 text-xs dark:border-slate-800 dark:bg-slate-900" role="status" aria-live="polite">
      {notice ? (
        <span className={notice.kind === 'error' ? 'text-red-700 dark:text-red-300' : ''} data-testid="notice">
          {notice.text}
        </span>
      ) : (
        <span className="text-slate-600 dark:text-slate-400">Drag from a principal's right handle to a role or a resource to ask whether it may act on it.</span>
      )}
      <span className="ml-auto text-slate-500 dark:text-slate-400">
        {count} edge{count === 1 ? '' : 's'} decided in {evaluationMs.toFixed(1)} ms
      </span>
    </div>
  );
}

function EmptyState() {
  const empty = useAppStore((s) => s.scenario.accounts.length === 0 && s.scenario.principals.length === 0);
  if (!empty) return null;
  return (
    <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
      <div className="pointer-events-auto max-w-sm rounded-xl border border-dashed border-slate-300 bg-white/95 p-6 text-center shadow-sm dark:border-slate-700 dark:bg-slate-900/95">
        <p className="text-lg font-medium">Start by adding an account</p>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Pick <strong>AWS account</strong> in the palette, put users, roles and resources in it, then drag from a principal to a resource. Each edge turns green or red, and
          clicking it tells you why.
        </p>
      </div>
    </div>
  );
}

function Workspace() {
  return (
    <div className="flex min-h-0 flex-1">
      <Palette />
      <main className="relative min-w-0 flex-1" aria-label="Scenario canvas">
        <Canvas />
        <EmptyState />
        <div className="absolute right-3 top-3 z-10 w-64">
          <Legend entries={LEGEND} />
        </div>
      </main>
      <Inspector />
    </div>
  );
}

/** The application: header and toolbar, palette, canvas, inspector, status line. */
export function App() {
  useEffect(() => {
    const restored = restoreAutosave();
    if (restored) useAppStore.getState().replace(restored);
    useAppStore.temporal.getState().clear();
    const stop = startAutosave();
    const stopLinks = startIncomingLinks();
    window.addEventListener('keydown', handleShortcut);
    return () => {
      stop();
      stopLinks();
      window.removeEventListener('keydown', handleShortcut);
    };
  }, []);
  return (
    <ReactFlowProvider>
      <div className="flex h-full flex-col">
        <Header title="Crossaccount" tagline="See who can reach what across AWS accounts — and why">
          <Toolbar />
        </Header>
        <Workspace />
        <StatusLine />
      </div>
    </ReactFlowProvider>
  );
}
