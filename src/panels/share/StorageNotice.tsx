import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { resolveConflict, useLibrary } from '../../store/library';
import { releaseUnreadable, retryKeepingUnreadable } from '../../store/persistence';
import { useStorageStatus } from '../../store/storageStatus';
import { downloadScenario } from './actions';
import { buttonClass } from './Dialog';
import { downloadText } from './download';
import { useShareUi } from './shareUi';

/**
 * What the user must know about keeping their work, under the header: storage blocked, an autosave that
 * failed, unreadable work the autosave is paused for, this tab's saved scenario changed or deleted in another
 * tab, and what the start-up restore kept or opened. Each says what happened, where the work is (by name),
 * and what the user can do. A strip of its own (never over the canvas); standing conditions stay until they
 * are resolved, one-off messages until dismissed.
 */
export function StorageNotice() {
  const status = useStorageStatus(useShallow((s) => ({ blocked: s.blocked, autosaveFailure: s.autosaveFailure, unreadable: s.unreadable, conflict: s.conflict, message: s.message })));
  const { entries, currentId } = useLibrary(useShallow((s) => ({ entries: s.entries, currentId: s.currentId })));
  const current = currentId ? entries.find((e) => e.id === currentId) : undefined;
  const [answer, setAnswer] = useState<{ readonly for: string; readonly text: string }>();
  const strip = useRef<HTMLElement>(null);
  // Panels placed below the header with `position: fixed` (the lesson panel) move down by the strip's height.
  useLayoutEffect(() => {
    const el = strip.current;
    const root = document.documentElement;
    if (!el) {
      root.style.removeProperty('--notice-height');
      return;
    }
    const update = (): void => root.style.setProperty('--notice-height', `${el.getBoundingClientRect().height}px`);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--notice-height');
    };
  });
  const items: ReactNode[] = [];
  const openLibrary = (): void => useShareUi.getState().show('library');

  if (status.blocked) {
    items.push(
      <Item key="blocked" kind="error" label="Not saved" testId="storage.blocked" text="this browser does not let Crossaccount store anything for this site, so nothing you do here is kept: your work is lost when this page is closed or reloaded. Save it as a file to keep it.">
        <button type="button" className={buttonClass.small} onClick={() => downloadScenario()}>
          Save as file
        </button>
      </Item>,
    );
  }

  if (status.unreadable) {
    const work = status.unreadable;
    const where = current ? `your changes are still saved to “${current.name}”` : 'your changes are kept only in this tab';
    items.push(
      <Item
        key="unreadable"
        kind="error"
        label="Autosave paused"
        testId="storage.unreadable"
        text={`your autosaved work could not be opened (${work.reason}), and the browser's storage has no room to keep a copy of it in Saved scenarios. So that it is not overwritten, it stays where it is and autosave is off; ${where}. Download it, or free some space (delete saved scenarios you no longer need) and try again.`}
        answer={answer?.for === 'unreadable' ? answer.text : undefined}
      >
        <button
          type="button"
          className={buttonClass.small}
          data-testid="storage.unreadable.download"
          onClick={() => {
            const day = new Date(work.foundAt).toISOString().slice(0, 19).replace(/[:T]/g, '-');
            downloadText(`crossaccount-unreadable-autosave-${day}.json`, work.text, 'text/plain');
            setAnswer({ for: 'unreadable', text: 'Downloaded, exactly as it was stored. Autosave stays paused until you resume it.' });
          }}
        >
          Download it
        </button>
        <button
          type="button"
          className={buttonClass.small}
          data-testid="storage.unreadable.retry"
          onClick={() => {
            if (!retryKeepingUnreadable()) setAnswer({ for: 'unreadable', text: 'Still no room: it is still kept where it was, and autosave is still paused.' });
          }}
        >
          Try again to keep it
        </button>
        <button type="button" className={buttonClass.smallDanger} data-testid="storage.unreadable.release" onClick={releaseUnreadable}>
          Overwrite it and resume autosave
        </button>
      </Item>,
    );
  }

  if (status.autosaveFailure && !status.blocked) {
    items.push(
      <Item key="failure" kind="error" label="Autosave failed" testId="storage.autosave-failed" text={`${status.autosaveFailure} Until then, your latest changes are only on this page.`}>
        <button type="button" className={buttonClass.small} onClick={openLibrary}>
          Saved scenarios
        </button>
        <button type="button" className={buttonClass.small} onClick={() => downloadScenario()}>
          Save as file
        </button>
      </Item>,
    );
  }

  if (status.conflict) {
    const c = status.conflict;
    const resolve = (choice: Parameters<typeof resolveConflict>[0]): void => {
      const r = resolveConflict(choice);
      if (!r.ok) setAnswer({ for: 'conflict', text: r.message });
      else {
        setAnswer(undefined);
        useStorageStatus.getState().set({ message: { kind: 'info', text: r.ok && r.backup ? `${r.message} This tab's previous work is kept in Saved scenarios as “${r.backup.name}”.` : r.message } });
      }
    };
    items.push(
      c.kind === 'changed' ? (
        <Item key="conflict" kind="warning" label="Another tab" testId="storage.conflict" text={`“${c.name}” was changed in another tab. So that neither tab's work is lost, this tab no longer saves to it: choose which to keep.`} answer={answer?.for === 'conflict' ? answer.text : undefined}>
          <button type="button" className={buttonClass.small} data-testid="storage.conflict.theirs" onClick={() => resolve('theirs')}>
            Open the other tab's version
          </button>
          <button type="button" className={buttonClass.small} data-testid="storage.conflict.copy" onClick={() => resolve('copy')}>
            Keep this tab's as a copy
          </button>
        </Item>
      ) : (
        <Item key="conflict" kind="warning" label="Another tab" testId="storage.conflict" text={`“${c.name}” was deleted in another tab. This tab's work is still here, but it is no longer in Saved scenarios.`} answer={answer?.for === 'conflict' ? answer.text : undefined}>
          <button type="button" className={buttonClass.small} data-testid="storage.conflict.again" onClick={() => resolve('again')}>
            Save it again as “{c.name}”
          </button>
          <button type="button" className={buttonClass.small} data-testid="storage.conflict.leave" onClick={() => resolve('leave')}>
            Leave it unsaved
          </button>
        </Item>
      ),
    );
  }

  if (status.message) {
    const message = status.message;
    items.push(
      <Item key="message" kind={message.kind} label={message.kind === 'error' ? 'Recovered' : 'Note'} testId="storage.message" text={message.text}>
        {/Saved scenarios/.test(message.text) && (
          <button type="button" className={buttonClass.small} onClick={openLibrary}>
            Saved scenarios
          </button>
        )}
        <button type="button" className={buttonClass.small} data-testid="storage.message.dismiss" onClick={() => useStorageStatus.getState().set({ message: undefined })}>
          Dismiss
        </button>
      </Item>,
    );
  }

  if (items.length === 0) return null;
  return (
    <section ref={strip} aria-label="Saving your work" className="shrink-0 border-b border-slate-200 dark:border-slate-800" data-testid="storage-notice">
      {items}
    </section>
  );
}

const KIND_CLASS = {
  error: 'bg-red-50 text-red-950 dark:bg-red-950 dark:text-red-50',
  warning: 'bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-50',
  info: 'bg-sky-50 text-slate-900 dark:bg-slate-800 dark:text-slate-100',
} as const;

function Item(props: { readonly kind: keyof typeof KIND_CLASS; readonly label: string; readonly text: string; readonly testId: string; readonly answer?: string | undefined; readonly children: ReactNode }) {
  return (
    <div role={props.kind === 'info' ? 'status' : 'alert'} data-testid={props.testId} className={`flex flex-wrap items-center gap-x-3 gap-y-1.5 px-4 py-2 text-sm ${KIND_CLASS[props.kind]}`}>
      <p className="min-w-0 flex-1 basis-[28rem]">
        <strong className="mr-1.5 font-semibold">{props.label}:</strong>
        {props.text}
      </p>
      <div className="flex flex-wrap items-center gap-1.5">
        {props.children}
        {props.answer && <span className="text-xs">{props.answer}</span>}
      </div>
    </div>
  );
}
