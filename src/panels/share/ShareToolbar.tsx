import { useEffect, useState } from 'react';
import { ToolbarButton } from '../../ui/ToolbarButton';
import { LessonGallery } from '../lessons/LessonGallery';
import { LessonPanel } from '../lessons/LessonPanel';
import { resolvePending } from './actions';
import { buttonClass, Dialog } from './Dialog';
import { FileMenu } from './FileMenu';
import { LibraryDialog } from './LibraryDialog';
import { ShareDialog } from './ShareDialog';
import { useShareUi } from './shareUi';

/**
 * Lessons, saved scenarios, files and sharing: the header's scenario group and everything it opens
 * (dialogs, notices, the lesson panel). Mounted once in the header, inside React Flow's provider. The
 * buttons are the header's own (src/ui/ToolbarButton.tsx); fitting the view is the canvas's
 * (src/canvas/ViewFit.tsx), which keeps the diagram clear of the lesson panel.
 */
export function ShareToolbar() {
  const show = useShareUi((s) => s.show);
  return (
    <>
      <ToolbarButton label="Lessons: ready-made scenarios to learn from" icon="book" text="Lessons" onClick={() => show('lessons')} testId="toolbar.lessons" popup={{ haspopup: 'dialog' }} tooltipAlign="start" />
      <ToolbarButton label="Scenarios saved in this browser" icon="folder" text="Scenarios" onClick={() => show('library')} testId="toolbar.library" popup={{ haspopup: 'dialog' }} />
      <FileMenu />
      <ToolbarButton label="Share: copy a link to this scenario" icon="share" text="Share" primary onClick={() => show('share')} testId="toolbar.share" popup={{ haspopup: 'dialog' }} />
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

/** How long a plain notice stays (an error, or one that offers a way back, stays until dismissed). */
export const TOAST_MS = 8000;

/**
 * The notice after opening, saving or exporting. A plain notice goes by itself after a while (the pointer
 * over it or focus in it holds it); an error or a notice with an action ("Back to my previous work") stays
 * until dismissed — that action is also in Saved scenarios.
 */
function Toast() {
  const toast = useShareUi((s) => s.toast);
  const [held, setHeld] = useState(false);
  const transient = !!toast && toast.kind === 'info' && !toast.action;
  useEffect(() => {
    if (!transient || held) return;
    const timer = setTimeout(() => {
      if (useShareUi.getState().toast === toast) useShareUi.getState().notify(undefined);
    }, TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, transient, held]);
  if (!toast) return null;
  return (
    <div
      role={toast.kind === 'error' ? 'alert' : 'status'}
      data-testid="share-toast"
      data-transient={transient ? 'true' : 'false'}
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
      className={`fixed top-28 left-1/2 z-40 flex max-w-[min(44rem,calc(100vw-2rem))] -translate-x-1/2 items-start gap-3 rounded-lg border px-3 py-2 text-sm shadow-lg ${
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
