import { LESSONS, lessonScenario, type Lesson } from '../../lessons';
import { openSafely } from '../share/actions';
import { Dialog } from '../share/Dialog';
import { useShareUi } from '../share/shareUi';

/** Opens a lesson: unsaved work is kept first, the lesson text stays visible in the lesson panel. */
export function openLesson(lesson: Lesson): void {
  const parsed = lessonScenario(lesson);
  const ui = useShareUi.getState();
  if (!parsed.ok) {
    ui.report({ title: `The lesson “${lesson.title}” could not be opened`, message: 'Its scenario is not valid.', details: parsed.errors.map((e) => `${e.path}: ${e.message}`), testId: 'lesson-error' });
    return;
  }
  if (openSafely({ scenario: parsed.scenario, origin: 'lesson', what: `the lesson “${lesson.title}”`, lessonId: lesson.id }, `Opened the lesson “${lesson.title}”.`)) ui.show(undefined);
}

/** The gallery of lessons: one card per lesson, each a button (Tab to move, Enter to open). */
export function LessonGallery() {
  const open = useShareUi((s) => s.dialog === 'lessons');
  const close = (): void => useShareUi.getState().show(undefined);
  return (
    <Dialog
      open={open}
      onClose={close}
      wide
      title="Lessons"
      description="Ready-made scenarios from the cross-account guides. Each opens with its explanation and a change to try; your current work is kept in Saved scenarios."
      testId="lesson-gallery"
    >
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Lessons">
        {LESSONS.map((lesson, i) => (
          <li key={lesson.id}>
            <button
              type="button"
              onClick={() => openLesson(lesson)}
              data-testid={`lesson-card.${lesson.id}`}
              className="flex h-full w-full flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3 text-left shadow-sm transition-colors hover:border-sky-500 hover:bg-sky-50 focus-visible:border-sky-500 dark:border-slate-700 dark:bg-slate-800 dark:hover:border-sky-400 dark:hover:bg-slate-700"
            >
              <span className="text-xs font-medium text-slate-600 dark:text-slate-400">Lesson {i + 1}</span>
              <span className="font-semibold leading-snug">{lesson.title}</span>
              <span className="text-sm text-slate-700 dark:text-slate-300">{lesson.summary}</span>
              <span className="mt-auto flex flex-wrap gap-1 pt-1">
                {lesson.tags.map((tag) => (
                  <span key={tag} className="rounded-full border border-slate-300 px-2 py-0.5 text-[11px] text-slate-700 dark:border-slate-600 dark:text-slate-300">
                    {tag}
                  </span>
                ))}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
