import { lazy, useEffect, useLayoutEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { loadDoor } from '../../share/doorLoader';
import { useLibrary } from '../../store/library';
import { useAppStore } from '../../store/store';
import { CANVAS_AREA_ID } from '../../ui/fitObstacle';
import { LoadWhen } from '../../ui/LoadWhen';
import { ToolbarButton } from '../../ui/ToolbarButton';
import { useImportUi } from '../import/importUi';
import { loadedLessonPanel, loadLessonPanel } from '../lessons/loadLessonPanel';
import { resolvePending } from './actions';
import { buttonClass, Dialog } from './Dialog';
import { FileMenu } from './FileMenu';
import { useShareUi } from './shareUi';

// Loaded when first opened (README, "Initial JavaScript"). Those that open saved or ready-made scenarios
// load the door with them: they read through it synchronously.
const ShareDialog = lazy(() => import('./ShareDialog').then((m) => ({ default: m.ShareDialog })));
const LibraryDialog = lazy(() => loadDoor().then(() => import('./LibraryDialog').then((m) => ({ default: m.LibraryDialog }))));
// The gallery brings the lesson panel with it, so a lesson opened from it has its panel at once.
const LessonGallery = lazy(() => Promise.all([loadDoor(), loadLessonPanel()]).then(() => import('../lessons/LessonGallery').then((m) => ({ default: m.LessonGallery }))));
const LessonPanel = lazy(() =>
  loadLessonPanel().then(({ LessonPanel: Panel }) => ({
    // The canvas is fitted clear of the lesson panel when a lesson opens (src/canvas/ViewFit.tsx); when the
    // panel's code arrives after that fit (a reload with a lesson open, a link naming one), it is fitted again.
    default: function LessonPanelLoaded() {
      useEffect(() => useAppStore.getState().requestFit(), []);
      return <Panel />;
    },
  })),
);
const ImportDialogs = lazy(() => import('../import/ImportDialogs').then((m) => ({ default: m.ImportDialogs })));

/**
 * Lessons, saved scenarios, files and sharing: the header's scenario group and everything it opens
 * (dialogs, notices, the lesson panel). Mounted once in the header, inside React Flow's provider. The
 * buttons are the header's own (src/ui/ToolbarButton.tsx); fitting the view is the canvas's
 * (src/canvas/ViewFit.tsx), which keeps the diagram clear of the lesson panel.
 */
/** The lesson panel: at once when its code is here (a lesson opened from the gallery or a link), else lazily. */
function LessonPanelNow() {
  // Decided once: switching from the lazy wrapper to the loaded one later would remount the panel.
  const [Loaded] = useState(() => loadedLessonPanel()?.LessonPanel);
  return Loaded ? <Loaded /> : <LessonPanel />;
}

export function ShareToolbar() {
  const show = useShareUi((s) => s.show);
  const dialog = useShareUi((s) => s.dialog);
  const lessonOpen = useLibrary((s) => s.lessonId !== undefined);
  const importing = useImportUi((s) => s.running !== undefined || s.report !== undefined || s.picker || s.implied);
  return (
    <>
      <ToolbarButton label="Lessons: ready-made scenarios to learn from" icon="book" text="Lessons" onClick={() => show('lessons')} testId="toolbar.lessons" popup={{ haspopup: 'dialog' }} tooltipAlign="start" />
      <ToolbarButton label="Scenarios saved in this browser" icon="folder" text="Scenarios" onClick={() => show('library')} testId="toolbar.library" popup={{ haspopup: 'dialog' }} />
      <FileMenu />
      <ToolbarButton label="Share: copy a link to this scenario" icon="share" text="Share" primary onClick={() => show('share')} testId="toolbar.share" popup={{ haspopup: 'dialog' }} />
      <LoadWhen when={dialog === 'share'} what="share dialog">
        <ShareDialog />
      </LoadWhen>
      <LoadWhen when={dialog === 'library'} what="saved scenarios">
        <LibraryDialog />
      </LoadWhen>
      <LoadWhen when={dialog === 'lessons'} what="lessons">
        <LessonGallery />
      </LoadWhen>
      <ProblemsDialog />
      <PendingDialog />
      <LoadWhen when={importing} what="import">
        <ImportDialogs />
      </LoadWhen>
      <Toast />
      <LoadWhen when={lessonOpen} what="lesson" fallback={null}>
        <LessonPanelNow />
      </LoadWhen>
    </>
  );
}

function ProblemsDialog() {
  const problems = useShareUi((s) => s.problems);
  const [answer, setAnswer] = useState<string>();
  const close = (): void => {
    setAnswer(undefined);
    useShareUi.getState().report(undefined);
  };
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
          <p className="text-slate-600 dark:text-slate-400">{problems.note ?? 'Nothing was changed: your current work is as it was.'}</p>
          <div className="flex flex-wrap items-center gap-2">
            <button type="button" className={buttonClass.primary} onClick={close} autoFocus>
              OK
            </button>
            {problems.actions?.map((a) => (
              <button
                key={a.label}
                type="button"
                className={buttonClass.secondary}
                onClick={() => {
                  void Promise.resolve(a.run()).then((text) => setAnswer(text || undefined));
                }}
              >
                {a.label}
              </button>
            ))}
            {answer && (
              <span role="status" className="text-xs text-slate-700 dark:text-slate-300">
                {answer}
              </span>
            )}
          </div>
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

/** How long a plain notice stays; one that offers a way back stays longer. An error stays until dismissed. */
export const TOAST_MS = 8000;
export const TOAST_WITH_ACTION_MS = 15000;

/** Where the notice sits in the canvas area: below the legend, clear of a panel floating at either side. */
interface Placement {
  readonly left: number;
  readonly right: number;
}

function placementIn(host: HTMLElement): Placement {
  const area = host.getBoundingClientRect();
  let left = 0;
  let right = 0;
  // Panels floating over the canvas (the lesson panel) that reach into the band the notice is drawn in.
  for (const el of document.querySelectorAll<HTMLElement>('[data-fit-obstacle]')) {
    if (host.contains(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.bottom < area.top + 72 || r.top > area.top + 160 || r.right <= area.left || r.left >= area.right) continue;
    if (r.left + r.width / 2 < area.left + area.width / 2) left = Math.max(left, r.right - area.left);
    else right = Math.max(right, area.right - r.left);
  }
  return { left, right };
}

/**
 * The notice after opening, saving or exporting, drawn inside the canvas area (never over the palette or
 * the inspector). A notice goes by itself after a while — one offering a way back ("Back to my previous
 * work", also in Saved scenarios as the kept entry) after longer — and at the first press on the canvas;
 * the pointer over it or focus in it holds it. An error stays until dismissed.
 */
function Toast() {
  const toast = useShareUi((s) => s.toast);
  const [held, setHeld] = useState(false);
  const [place, setPlace] = useState<Placement>({ left: 0, right: 0 });
  const transient = !!toast && toast.kind === 'info';
  // A notice comes after a user's action or a link opened after the first render: the canvas area is there.
  const host = toast ? document.getElementById(CANVAS_AREA_ID) : null;
  useEffect(() => {
    if (!transient || held) return;
    const timer = setTimeout(() => {
      if (useShareUi.getState().toast === toast) useShareUi.getState().notify(undefined);
    }, toast.action ? TOAST_WITH_ACTION_MS : TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, transient, held]);
  useEffect(() => {
    if (!transient || !host) return;
    const canvas = host.querySelector('.react-flow');
    if (!canvas) return;
    // The first press on the drawing means the user is back at work: the notice makes way.
    const dismiss = (): void => {
      if (useShareUi.getState().toast === toast) useShareUi.getState().notify(undefined);
    };
    canvas.addEventListener('pointerdown', dismiss, { capture: true, once: true });
    return () => canvas.removeEventListener('pointerdown', dismiss, { capture: true });
  }, [toast, transient, host]);
  useLayoutEffect(() => {
    if (!toast || !host) return;
    const update = (): void => setPlace(placementIn(host));
    update();
    // The lesson panel opens with the notice of its lesson: place again once it is laid out.
    const frame = requestAnimationFrame(update);
    window.addEventListener('resize', update);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('resize', update);
    };
  }, [toast, host]);
  if (!toast || !host) return null;
  return createPortal(
    <div className="pointer-events-none absolute inset-x-0 top-[4.5rem] z-40 flex justify-center px-3" style={{ paddingLeft: place.left + 12, paddingRight: place.right + 12 }}>
      <div
        role={toast.kind === 'error' ? 'alert' : 'status'}
        data-testid="share-toast"
        data-transient={transient ? 'true' : 'false'}
        onPointerEnter={() => setHeld(true)}
        onPointerLeave={() => setHeld(false)}
        onFocus={() => setHeld(true)}
        onBlur={() => setHeld(false)}
        className={`pointer-events-auto flex max-w-[44rem] min-w-0 items-start gap-3 rounded-lg border px-3 py-2 text-sm shadow-lg ${
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
    </div>,
    host,
  );
}
