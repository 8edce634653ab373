import { lessonById } from '../../lessons';
import { decodeFragment } from '../../share/link';
import { openSafely } from './actions';
import { useShareUi } from './shareUi';

/** Removes the fragment without a new history entry, so a reload does not reopen the link over later edits. */
function clearFragment(): void {
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
}

/**
 * Opens a share link in the address bar, if there is one. A broken link shows what is wrong and changes
 * nothing (its fragment stays, so the user can still copy it); a good one opens safely (unsaved work is
 * kept first), is itself kept in Saved scenarios (and autosaved from then on), and its fragment is cleared
 * so a reload does not reopen it over later edits.
 */
export function openLinkFromLocation(): void {
  const result = decodeFragment(window.location.hash, { isLesson: (id) => lessonById(id) !== undefined });
  if (!result) return;
  const ui = useShareUi.getState();
  if (!result.ok) {
    ui.report({
      title: 'This link could not be opened',
      message: result.problem.message,
      details: (result.problem.errors ?? []).slice(0, 12).map((e) => `${e.path}: ${e.message}`),
      testId: 'link-error',
    });
    return;
  }
  // The lesson open when the link was made reopens beside the diagram (the scenario is the shared one, edits
  // included); a name this app does not know is ignored with a notice.
  const lesson = result.lesson?.ok ? lessonById(result.lesson.id) : undefined;
  const notes = [
    result.migratedFrom !== undefined ? `It was made with scenario format version ${result.migratedFrom} and has been brought up to date.` : '',
    result.droppedProtoKeys > 0 ? `${result.droppedProtoKeys === 1 ? 'One key' : `${result.droppedProtoKeys} keys`} named "__proto__" ${result.droppedProtoKeys === 1 ? 'was' : 'were'} ignored.` : '',
    result.lesson && !result.lesson.ok ? result.lesson.notice : '',
  ].filter(Boolean);
  openSafely(
    { scenario: result.scenario, origin: 'link', what: 'a link', keepAs: result.scenario.name, ...(lesson ? { lessonId: lesson.id } : {}) },
    [`Opened the shared scenario “${result.scenario.name}”${lesson ? ` with the lesson “${lesson.title}”` : ''}.`, ...notes].join(' '),
    clearFragment,
  );
}

/** Opens the link the page was loaded with, and any link pasted into the address bar later. */
export function startIncomingLinks(): () => void {
  openLinkFromLocation();
  window.addEventListener('hashchange', openLinkFromLocation);
  return () => window.removeEventListener('hashchange', openLinkFromLocation);
}
