import { loadDoor } from '../../share/doorLoader';
import { payloadOf } from '../../share/fragment';
import type { LinkDecodeResult } from '../../share/link';
import { loadLessonPanel } from '../lessons/loadLessonPanel';
import { openSafely } from './actions';
import { useShareUi } from './shareUi';
import { copyText } from './clipboard';

/** Removes the fragment without a new history entry, so a reload does not reopen the link over later edits. */
function clearFragment(): void {
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
}

/**
 * Opens a share link in the address bar, if there is one. The fragment is cleared first, before anything
 * reads it: whatever happens next, a reload never tries the same link again (a link that broke the page at
 * start-up would otherwise break it at every reload). A broken link shows what is wrong, changes nothing,
 * and offers the link to copy (it is no longer in the address bar); a good one opens safely (unsaved work
 * is kept first) and is itself kept in Saved scenarios (and autosaved from then on). The link codec, the
 * lessons and the door are loaded once there is a link (README, "Initial JavaScript").
 */
export async function openLinkFromLocation(): Promise<void> {
  const fragment = window.location.hash;
  if (payloadOf(fragment) === undefined) return;
  const link = window.location.href;
  clearFragment();
  const ui = useShareUi.getState();
  let decodeFragment: typeof import('../../share/link').decodeFragment;
  let lessonById: typeof import('../../lessons').lessonById;
  try {
    [{ decodeFragment }, { lessonById }] = await Promise.all([import('../../share/link'), import('../../lessons'), loadDoor(), loadLessonPanel()]);
  } catch {
    ui.report({
      title: 'This link could not be opened',
      message: 'The part of the app that reads links could not be loaded (offline, or the app was updated).',
      details: [],
      testId: 'link-error',
      note: 'Nothing was changed: your current work is as it was. The link is no longer in the address bar; copy it, reload the page and paste it again.',
      actions: [{ label: 'Copy the link', run: async () => ((await copyText(link)) ? 'Copied.' : 'The browser did not allow copying.') }],
    });
    return;
  }
  let result: LinkDecodeResult | undefined;
  try {
    result = decodeFragment(fragment, { isLesson: (id) => lessonById(id) !== undefined });
  } catch (error) {
    // The decoder never throws by design; should it, the page stays and says so.
    result = { ok: false, problem: { code: 'corrupt', message: `The link could not be read (${error instanceof Error ? error.message : String(error)}).` } };
  }
  if (!result) return;
  if (!result.ok) {
    ui.report({
      title: 'This link could not be opened',
      message: result.problem.message,
      details: (result.problem.errors ?? []).slice(0, 12).map((e) => `${e.path}: ${e.message}`),
      testId: 'link-error',
      note: 'Nothing was changed: your current work is as it was. The link is no longer in the address bar, so a reload will not try it again.',
      actions: [{ label: 'Copy the link', run: async () => ((await copyText(link)) ? 'Copied.' : 'The browser did not allow copying.') }],
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
  const opened = openSafely(
    { scenario: result.scenario, origin: 'link', what: 'a link', keepAs: result.scenario.name, ...(lesson ? { lessonId: lesson.id } : {}) },
    [`Opened the shared scenario “${result.scenario.name}”${lesson ? ` with the lesson “${lesson.title}”` : ''}.`, ...notes].join(' '),
    clearFragment,
  );
  // The user is asked first (unsaved work could not be kept): until they choose, the link stays in the
  // address bar as it was — it decoded, so trying it again is safe.
  if (!opened) window.history.replaceState(window.history.state, '', link);
}

/** Opens the link the page was loaded with, and any link pasted into the address bar later. */
export function startIncomingLinks(): () => void {
  const open = (): void => void openLinkFromLocation();
  open();
  window.addEventListener('hashchange', open);
  return () => window.removeEventListener('hashchange', open);
}
