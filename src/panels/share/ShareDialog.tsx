import { useEffect, useRef, useState } from 'react';
import { lessonById } from '../../lessons';
import { SAFE_LINK_LENGTH, shareUrl } from '../../share/link';
import { useLibrary } from '../../store/library';
import { useAppStore } from '../../store/store';
import { downloadScenario } from './actions';
import { buttonClass, Dialog } from './Dialog';
import { useShareUi } from './shareUi';
import { copyText } from './clipboard';

type CopyState = 'copying' | 'copied' | 'failed';

/**
 * The Share dialog: the link for the current scenario (model and layout in the URL fragment, never sent
 * to a server), copied at once, with its length; past {@link SAFE_LINK_LENGTH} characters it says that
 * chat tools may cut it and offers the file instead. The text field is the fallback when the clipboard
 * is not available.
 */
export function ShareDialog() {
  const open = useShareUi((s) => s.dialog === 'share');
  const close = (): void => useShareUi.getState().show(undefined);
  return (
    <Dialog open={open} onClose={close} title="Share this scenario" description="The whole scenario travels inside the link, after the #: it is never sent to any server." testId="share-dialog">
      {open && <ShareBody />}
    </Dialog>
  );
}

function ShareBody() {
  // The link is made once when the dialog opens: it shares the scenario as it is now, and the lesson open
  // beside it (reopened for whoever opens the link).
  const [lesson] = useState(() => {
    const id = useLibrary.getState().lessonId;
    return id ? lessonById(id) : undefined;
  });
  const [url] = useState(() => shareUrl(window.location.href, useAppStore.getState().scenario, lesson ? { lessonId: lesson.id } : {}));
  const [state, setState] = useState<CopyState>('copying');
  const field = useRef<HTMLTextAreaElement>(null);
  const long = url.length > SAFE_LINK_LENGTH;

  useEffect(() => {
    let live = true;
    void copyText(url).then((ok) => {
      if (!live) return;
      setState(ok ? 'copied' : 'failed');
      if (!ok) field.current?.select();
    });
    return () => {
      live = false;
    };
  }, [url]);

  return (
    <div className="space-y-3 text-sm">
      <p role="status" data-testid="share-status" className={state === 'failed' ? 'text-amber-800 dark:text-amber-200' : ''}>
        {state === 'copying' && 'Copying the link…'}
        {state === 'copied' && <>✓ Link copied to the clipboard.</>}
        {state === 'failed' && 'The browser did not allow copying automatically: the link is selected below — press Ctrl+C (⌘C on a Mac) to copy it.'}{' '}
        <span data-testid="share-length">
          It is {url.length.toLocaleString('en-US')} characters long.
        </span>
      </p>
      {long && (
        <div role="alert" data-testid="share-too-long" className="rounded-md border border-amber-400 bg-amber-50 p-3 text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100">
          <p className="font-medium">This link is longer than {SAFE_LINK_LENGTH.toLocaleString('en-US')} characters.</p>
          <p className="mt-1">
            Browsers open it, but chat tools, e-mail clients and some older software cut long links, and a cut link cannot be opened. To be safe, send the scenario as a file.
          </p>
          <button type="button" className={`${buttonClass.primary} mt-2`} onClick={() => downloadScenario()} data-testid="share-download">
            Download file
          </button>
        </div>
      )}
      <label className="block">
        <span className="text-xs font-medium text-slate-700 dark:text-slate-300">Link</span>
        <textarea
          ref={field}
          readOnly
          value={url}
          rows={long ? 5 : 3}
          onFocus={(e) => e.currentTarget.select()}
          className="mt-1 block w-full resize-none break-all rounded-md border border-slate-300 bg-slate-50 p-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-950"
          data-testid="share-url"
          spellCheck={false}
        />
      </label>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={buttonClass.primary}
          onClick={() => {
            void copyText(url).then((ok) => {
              setState(ok ? 'copied' : 'failed');
              if (!ok) field.current?.select();
            });
          }}
        >
          Copy link
        </button>
        {!long && (
          <button type="button" className={buttonClass.secondary} onClick={() => downloadScenario()}>
            Download file instead
          </button>
        )}
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Whoever opens the link sees this scenario exactly: the same accounts, policies, edges and decisions{lesson ? <>, with the lesson <span data-testid="share-lesson">“{lesson.title}”</span> open beside it</> : ''}. Their own work is kept in their Saved scenarios first.
      </p>
    </div>
  );
}
