import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { LessonGallery } from '../lessons/LessonGallery';
import { LessonPanel } from '../lessons/LessonPanel';
import { resolvePending } from './actions';
import { buttonClass, Dialog } from './Dialog';
import { FileMenu } from './FileMenu';
import { LibraryDialog } from './LibraryDialog';
import { ShareDialog } from './ShareDialog';
import { useShareUi } from './shareUi';

const toolbarButton = 'inline-flex items-center gap-1 rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800';

/**
 * Lessons, saved scenarios, files and sharing: the header toolbar entries and everything they open
 * (dialogs, notices, the lesson panel). Mounted once in the header, inside React Flow's provider.
 */
export function ShareToolbar() {
  const { fitView, getNodes, getNodesBounds } = useReactFlow();
  useEffect(() => {
    // After a scenario is replaced, React Flow measures the new nodes on the next frames. The lesson
    // panel floats over the canvas's left edge and the open legend over its top right corner: keep the
    // diagram clear of both, placing it below or beside the legend, whichever leaves it larger.
    const fit = (): void => {
      const canvas = document.querySelector('.react-flow')?.getBoundingClientRect();
      const panel = document.querySelector('[data-testid="lesson-panel"]')?.getBoundingClientRect();
      const legend = document.querySelector('[aria-label="Edge legend"]')?.closest('details')?.getBoundingClientRect();
      const nodes = getNodes();
      if (!canvas || nodes.length === 0) return;
      const margin = 32;
      const left = panel ? Math.max(0, panel.right - canvas.left) + margin : margin;
      const below = legend && legend.height > 0 ? Math.max(0, legend.bottom - canvas.top) + 16 : margin;
      const beside = legend && legend.width > 0 ? Math.max(0, canvas.right - legend.left) + 16 : margin;
      const bounds = getNodesBounds(nodes);
      const zoom = (top: number, right: number): number => Math.min((canvas.width - left - right) / bounds.width, (canvas.height - top - margin) / bounds.height);
      const [top, right] = zoom(below, margin) >= zoom(margin, beside) ? [below, margin] : [margin, beside];
      void fitView({ padding: { top: `${Math.round(top)}px`, right: `${Math.round(right)}px`, bottom: `${margin}px`, left: `${Math.round(left)}px` } });
    };
    useShareUi.getState().setFitView(() => requestAnimationFrame(() => requestAnimationFrame(fit)));
    return () => useShareUi.getState().setFitView(undefined);
  }, [fitView, getNodes, getNodesBounds]);
  const show = useShareUi((s) => s.show);
  return (
    <>
      <button type="button" className={toolbarButton} onClick={() => show('lessons')} data-testid="toolbar.lessons" aria-haspopup="dialog" title="Ready-made lessons">
        Lessons
      </button>
      <button type="button" className={toolbarButton} onClick={() => show('library')} data-testid="toolbar.library" aria-haspopup="dialog" title="Scenarios saved in this browser">
        Scenarios
      </button>
      <FileMenu />
      <button
        type="button"
        className="inline-flex items-center gap-1 rounded-md bg-sky-700 px-2.5 py-1 text-xs font-medium text-white hover:bg-sky-800 dark:bg-sky-700 dark:hover:bg-sky-800"
        onClick={() => show('share')}
        data-testid="toolbar.share"
        aria-haspopup="dialog"
        title="Copy a link to this scenario"
      >
        Share
      </button>
      <ShareDialog />
      <LibraryDialog />
      <LessonGallery />
      <ProblemsDialog />
      <PendingDialog />
      <Toast />
      <LessonPanel />
    </>
  );
}

function ProblemsDialog() {
  const problems = useShareUi((s) => s.problems);
  const close = (): void => useShareUi.getState().report(undefined);
  return (
    <Dialog open={!!problems} onClose={close} title={problems?.title ?? ''} testId={problems?.testId ?? 'problems'}>
      {problems && (
        <div className="space-y-3 text-sm">
          <p role="alert" data-testid="problem-message">
            {problems.message}
          </p>
          {problems.details.length > 0 && (
            <ul className="list-disc space-y-0.5 pl-5 font-mono text-xs" data-testid="problem-details">
              {problems.details.map((d, i) => (
                <li key={`${i}-${d}`}>{d}</li>
              ))}
            </ul>
          )}
          <p className="text-slate-600 dark:text-slate-400">Nothing was changed: your current work is as it was.</p>
          <button type="button" className={buttonClass.primary} onClick={close} autoFocus>
            OK
          </button>
        </div>
      )}
    </Dialog>
  );
}

function PendingDialog() {
  const pending = useShareUi((s) => s.pending);
  return (
    <Dialog open={!!pending} onClose={() => resolvePending('cancel')} title="Your current work could not be kept" testId="pending-open">
      {pending && (
        <div className="space-y-3 text-sm">
          <p role="alert">
            Opening {pending.request.what} would replace the scenario on the canvas, and it could not be saved first. {pending.message}
          </p>
          <div className="flex flex-wrap gap-2">
            <button type="button" className={buttonClass.primary} onClick={() => resolvePending('download-then-open')} autoFocus>
              Download my work, then open
            </button>
            <button type="button" className={buttonClass.danger} onClick={() => resolvePending('open')}>
              Open without keeping it
            </button>
            <button type="button" className={buttonClass.secondary} onClick={() => resolvePending('cancel')}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

function Toast() {
  const toast = useShareUi((s) => s.toast);
  if (!toast) return null;
  return (
    <div
      role={toast.kind === 'error' ? 'alert' : 'status'}
      data-testid="share-toast"
      className={`fixed bottom-10 left-1/2 z-40 flex max-w-[min(44rem,calc(100vw-2rem))] -translate-x-1/2 items-start gap-3 rounded-lg border px-3 py-2 text-sm shadow-lg ${
        toast.kind === 'error' ? 'border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-50' : 'border-slate-200 bg-white text-slate-900 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100'
      }`}
    >
      <p className="min-w-0 flex-1">{toast.text}</p>
      {toast.action && (
        <button
          type="button"
          className="shrink-0 rounded border border-current px-2 py-0.5 text-xs font-medium"
          onClick={() => {
            toast.action?.run();
            useShareUi.getState().notify(undefined);
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" aria-label="Dismiss" className="shrink-0 px-1 text-base leading-none" onClick={() => useShareUi.getState().notify(undefined)} data-testid="share-toast-dismiss">
        ×
      </button>
    </div>
  );
}
