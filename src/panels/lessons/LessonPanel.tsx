import { useEffect, useRef, useState } from 'react';
import { DECISION_LOOK } from '../../canvas/appearance';
import type { EdgeStatus } from '../../engine';
import { KNOWN_ENGINE_GAPS, lessonById, lessonStatus, type Lesson, type TryThis } from '../../lessons';
import { closeLesson, useLibrary } from '../../store/library';
import { useAppStore } from '../../store/store';
import { FIT_OBSTACLE } from '../../ui/fitObstacle';
import { Icon } from '../../ui/icons';
import { LESSON_PANEL_RIGHT, PANEL_WIDTH } from '../panelLayout';

// Defined beside the panel widths so the shell can place things clear of the panel without loading it.
export { LESSON_PANEL_RIGHT };
import { usePanelLayout } from '../usePanelLayout';

function DecisionChip({ status }: { readonly status: EdgeStatus | undefined }) {
  const look = DECISION_LOOK[status ?? 'invalid'];
  return (
    <span className={`inline-flex shrink-0 items-center gap-1 rounded border px-1.5 py-0.5 text-[11px] font-medium ${look.chip}`}>
      <Icon name={look.icon} className="h-3 w-3" />
      {status ? look.label : 'missing'}
    </span>
  );
}

/**
 * The open lesson's text, beside the canvas while the user explores: what to look at (each promised
 * decision next to the live one) and "Try this" buttons that change the scenario through the normal,
 * undoable edit path.
 */
/** A journey played with less canvas than this beside the lesson panel folds the panel to its header. */
const FOLD_BELOW = 600;

export function LessonPanel() {
  const lessonId = useLibrary((s) => s.lessonId);
  const lesson = lessonId ? lessonById(lessonId) : undefined;
  if (!lesson) return null;
  return <LessonCard key={lesson.id} lesson={lesson} />;
}

function LessonCard({ lesson }: { readonly lesson: Lesson }) {
  const [userCollapsed, setCollapsed] = useState(false);
  // While a journey plays in a narrow window, the lesson's text gives the canvas its room: the panel folds to
  // its header, and opens again when the journey closes (or when the reader opens it during that journey).
  const pick = useAppStore((s) => s.journeyPick);
  const { canvas, palette } = usePanelLayout();
  const besideLesson = canvas - Math.max(0, LESSON_PANEL_RIGHT - PANEL_WIDTH.palette[palette]);
  const [openedDuring, setOpenedDuring] = useState<unknown>(undefined);
  const folded = pick !== undefined && besideLesson < FOLD_BELOW && openedDuring !== pick;
  const collapsed = userCollapsed || folded;
  const heading = useRef<HTMLHeadingElement>(null);
  // A lesson just opened from the gallery: its text is where the reader goes next (not back to the
  // toolbar, where the closing gallery would leave focus). Not when the user is typing somewhere.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const active = document.activeElement;
      if (!active || active === document.body || active.closest('[data-testid="header.menus"]')) heading.current?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, []);
  const [tried, setTried] = useState<TryThis>();
  const [nothing, setNothing] = useState<string>();
  const statuses = useAppStore((s) => lesson.edges.map((e) => lessonStatus(s.verdicts, e.id, e.action) ?? '').join('|'));
  const live = statuses.split('|');
  // The explanation of a tried change shows while its edge has the promised new decision (not after undo).
  const triedNow = useAppStore((s) => (tried ? lessonStatus(s.verdicts, tried.edgeId, tried.action) : undefined));

  return (
    <section
      aria-label={`Lesson: ${lesson.title}`}
      data-testid="lesson-panel"
      {...FIT_OBSTACLE}
      className="fixed left-2 top-[calc(3.5rem+0.5rem+var(--notice-height,0px))] z-20 flex max-h-[calc(100vh-6rem-var(--notice-height,0px))] w-[20rem] flex-col overflow-hidden rounded-xl border border-slate-300 bg-white shadow-xl dark:border-slate-600 dark:bg-slate-900"
    >
      <header className="flex items-start gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-700">
        <div className="min-w-0 flex-1">
          <p className="text-[11px] font-medium uppercase tracking-wide text-sky-800 dark:text-sky-300">Lesson</p>
          <h2 ref={heading} tabIndex={-1} className="text-sm font-semibold leading-snug focus-visible:outline-offset-1" data-testid="lesson-title">
            {lesson.title}
          </h2>
        </div>
        <button
          type="button"
          className="rounded px-1.5 text-sm text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
          aria-expanded={!collapsed}
          aria-label={collapsed ? 'Show the lesson' : 'Hide the lesson text'}
          onClick={() => {
            if (folded) setOpenedDuring(pick);
            else setCollapsed((c) => !c);
            // Give the diagram the room the panel leaves (or takes back).
            useAppStore.getState().requestFit();
          }}
        >
          {collapsed ? '▸' : '▾'}
        </button>
        <button
          type="button"
          className="rounded px-1.5 text-lg leading-none text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
          aria-label="Close the lesson"
          data-testid="lesson-close"
          onClick={() => {
            closeLesson();
            useAppStore.getState().requestFit();
            // The panel is gone: focus goes back to where lessons are opened.
            document.querySelector<HTMLElement>('[data-testid="toolbar.lessons"]')?.focus();
          }}
        >
          ×
        </button>
      </header>
      {!collapsed && (
        <div className="min-h-0 space-y-3 overflow-y-auto px-3 py-2 text-[13px] leading-relaxed">
          {lesson.text.map((p) => (
            <p key={p}>{p}</p>
          ))}
          <div>
            <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">What to look at</h3>
            <ul className="space-y-1.5" aria-label="Edges in this lesson">
              {lesson.edges.map((e, i) => {
                const now = live[i] as EdgeStatus | '';
                const kept = now === e.expected;
                const gap = KNOWN_ENGINE_GAPS[`${lesson.id}/${e.id}`];
                const note = kept ? e.why : gap && gap.engine === now ? gap.note : `The lesson expects “${DECISION_LOOK[e.expected].label}”; it has changed with your edits.`;
                return (
                  <li
                    key={`${e.id}/${e.action ?? ''}`}
                    className="rounded-md border border-slate-200 p-1.5 dark:border-slate-700"
                    data-testid={`lesson-edge.${e.id}${e.action ? `.${e.action}` : ''}`}
                    data-decision={now || 'missing'}
                    data-expected={e.expected}
                  >
                    <div className="flex items-start gap-2">
                      <button
                        type="button"
                        className="min-w-0 flex-1 text-left font-medium hover:underline"
                        onClick={() => useAppStore.getState().select([e.id])}
                        title="Select this edge to see the full explanation"
                      >
                        {e.label}
                      </button>
                      <DecisionChip status={now || undefined} />
                    </div>
                    <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">{note}</p>
                  </li>
                );
              })}
            </ul>
          </div>
        </div>
      )}
      {!collapsed && (
        <div className="border-t border-slate-200 bg-slate-50 px-3 py-2 text-[13px] dark:border-slate-700 dark:bg-slate-950">
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">Try this</h3>
          <div className="space-y-1.5">
            {lesson.tryThis.map((t) => (
              <button
                key={t.id}
                type="button"
                data-testid={`lesson-try.${t.id}`}
                className="w-full rounded-md border border-sky-600 bg-sky-50 px-2 py-1.5 text-left text-[13px] font-medium text-sky-950 hover:bg-sky-100 dark:border-sky-500 dark:bg-sky-950 dark:text-sky-100 dark:hover:bg-sky-900"
                onClick={() => {
                  const before = useAppStore.getState().scenario;
                  useAppStore.getState().edit(t.apply);
                  if (useAppStore.getState().scenario === before) {
                    setNothing(t.id);
                    setTried(undefined);
                  } else {
                    setNothing(undefined);
                    setTried(t);
                    useAppStore.getState().select([t.edgeId]);
                  }
                }}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div role="status" aria-live="polite" className="mt-2 text-xs" data-testid="lesson-try-result">
            {tried && triedNow === tried.after && (
              <p className="rounded-md bg-slate-100 p-2 dark:bg-slate-800">
                <strong>{DECISION_LOOK[tried.before].label} → {DECISION_LOOK[tried.after].label}.</strong> {tried.explanation} Undo (Ctrl+Z) puts it back.
              </p>
            )}
            {nothing && <p>Nothing to change: the scenario already has this change.</p>}
          </div>
        </div>
      )}
    </section>
  );
}
