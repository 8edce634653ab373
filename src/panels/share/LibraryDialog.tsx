import { useEffect, useState } from 'react';
import { describeProblem } from '../../share/file';
import { deleteEntry, library, saveCurrentAs, useLibrary, type LibraryEntry } from '../../store/library';
import { useAppStore } from '../../store/store';
import { openSafely } from './actions';
import { buttonClass, Dialog } from './Dialog';
import { downloadText } from './download';
import { useShareUi } from './shareUi';

const ORIGIN_LABEL: Record<LibraryEntry['origin'], string> = {
  saved: 'Saved',
  backup: 'Kept automatically',
  link: 'From a link',
  file: 'From a file',
  lesson: 'From a lesson',
  copy: 'Copy',
  unreadable: 'Could not be read',
};

function when(t: number): string {
  return t > 0 ? new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : 'unknown date';
}

function size(chars: number): string {
  return chars < 1024 ? `${chars} B` : chars < 1048576 ? `${(chars / 1024).toFixed(1)} KB` : `${(chars / 1048576).toFixed(1)} MB`;
}

/** Saved scenarios in this browser: save the current one, open, rename, duplicate, download, delete. */
export function LibraryDialog() {
  const open = useShareUi((s) => s.dialog === 'library');
  const close = (): void => useShareUi.getState().show(undefined);
  return (
    <Dialog open={open} onClose={close} wide title="Saved scenarios" description="Kept in this browser only. The scenario you opened from this list is saved automatically as you work." testId="library-dialog">
      {open && <LibraryBody />}
    </Dialog>
  );
}

function LibraryBody() {
  const { entries, currentId, refresh } = useLibrary();
  const scenarioName = useAppStore((s) => s.scenario.name);
  const [name, setName] = useState(scenarioName);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string; details?: readonly string[] }>();
  useEffect(() => refresh(), [refresh]);
  const current = entries.find((e) => e.id === currentId);

  return (
    <div className="space-y-4 text-sm">
      <form
        className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 p-3 dark:border-slate-700"
        onSubmit={(e) => {
          e.preventDefault();
          const r = saveCurrentAs(name);
          setMessage(r.ok ? { kind: 'info', text: `Saved as “${r.value.name}”. Changes are now saved automatically.` } : { kind: 'error', text: r.message });
        }}
      >
        <div className="min-w-0 flex-1">
          <p className="mb-1 text-xs text-slate-600 dark:text-slate-400" data-testid="library-current">
            {current ? (
              <>
                The scenario on the canvas is <strong>“{current.name}”</strong>, saved automatically.
              </>
            ) : (
              'The scenario on the canvas is not in this list yet.'
            )}
          </p>
          <label className="block">
            <span className="text-xs font-medium">Save the current scenario as</span>
            <input
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              maxLength={200}
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-950"
              data-testid="library-save-name"
            />
          </label>
        </div>
        <button type="submit" className={buttonClass.primary} data-testid="library-save">
          Save as new
        </button>
      </form>

      {message && (
        <div role={message.kind === 'error' ? 'alert' : 'status'} data-testid="library-message" className={message.kind === 'error' ? 'rounded-md border border-red-300 bg-red-50 p-2 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100' : 'text-green-800 dark:text-green-300'}>
          <p>{message.text}</p>
          {message.details && message.details.length > 0 && (
            <ul className="mt-1 list-disc pl-5 font-mono text-xs">
              {message.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}

      {entries.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400" data-testid="library-empty">
          Nothing saved yet. Save the current scenario above; work that would otherwise be replaced by a link, a file or a lesson is also kept here automatically.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700" aria-label="Saved scenarios" data-testid="library-list">
          {entries.map((entry) => (
            <EntryRow key={entry.id} entry={entry} current={entry.id === currentId} onMessage={setMessage} />
          ))}
        </ul>
      )}
    </div>
  );
}

function EntryRow({ entry, current, onMessage }: { readonly entry: LibraryEntry; readonly current: boolean; readonly onMessage: (m: { kind: 'info' | 'error'; text: string; details?: readonly string[] }) => void }) {
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const [draft, setDraft] = useState(entry.name);
  const refresh = useLibrary((s) => s.refresh);

  const openEntry = (): void => {
    const r = library().load(entry.id);
    if (!r.ok) {
      onMessage({
        kind: 'error',
        text: `“${entry.name}” could not be opened. It is kept as it is: download it to repair it, or delete it.`,
        details: r.problems.slice(0, 10).map(describeProblem),
      });
      return;
    }
    if (openSafely({ scenario: r.scenario, origin: 'saved', what: `“${entry.name}”`, entryId: entry.id, entryFingerprint: r.fingerprint }, `Opened “${entry.name}”.`)) useShareUi.getState().show(undefined);
  };

  return (
    <li className="flex flex-wrap items-center gap-2 px-3 py-2" data-testid={`library-entry`} data-entry-name={entry.name}>
      <div className="min-w-0 flex-1">
        {mode === 'rename' ? (
          <form
            className="flex gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              const r = library().rename(entry.id, draft);
              if (!r.ok) onMessage({ kind: 'error', text: r.message });
              else setMode('view');
              refresh();
            }}
          >
            <input
              autoFocus
              aria-label={`New name for ${entry.name}`}
              value={draft}
              maxLength={200}
              onChange={(e) => setDraft(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  e.stopPropagation();
                  setMode('view');
                }
              }}
              className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-0.5 dark:border-slate-600 dark:bg-slate-950"
              data-testid="library-rename-input"
            />
            <button type="submit" className={buttonClass.small}>
              Save
            </button>
            <button type="button" className={buttonClass.small} onClick={() => setMode('view')}>
              Cancel
            </button>
          </form>
        ) : (
          <>
            <p className="truncate font-medium" title={entry.name}>
              {entry.name}
              {current && <span className="ml-2 rounded bg-sky-100 px-1.5 py-0.5 text-[11px] font-medium text-sky-900 dark:bg-sky-900 dark:text-sky-100">on the canvas</span>}
            </p>
            <p className="text-xs text-slate-600 dark:text-slate-400">
              {ORIGIN_LABEL[entry.origin]} · {when(entry.updatedAt)} · {size(entry.size)}
              {entry.problem && <span className="text-red-700 dark:text-red-300"> · {entry.problem}</span>}
            </p>
          </>
        )}
      </div>
      {mode === 'delete' ? (
        <div className="flex items-center gap-2" role="group" aria-label={`Confirm deleting ${entry.name}`}>
          <span className="text-xs">Delete for good?</span>
          <button
            type="button"
            className={buttonClass.danger}
            autoFocus
            data-testid="library-confirm-delete"
            onClick={() => {
              deleteEntry(entry.id);
              onMessage({ kind: 'info', text: `Deleted “${entry.name}”.` });
            }}
          >
            Delete
          </button>
          <button type="button" className={buttonClass.small} onClick={() => setMode('view')}>
            Keep
          </button>
        </div>
      ) : (
        mode === 'view' && (
          <div className="flex flex-wrap gap-1.5">
            <button type="button" className={buttonClass.small} onClick={openEntry} aria-label={`Open ${entry.name}`} data-testid="library-open">
              Open
            </button>
            <button type="button" className={buttonClass.small} onClick={() => setMode('rename')} aria-label={`Rename ${entry.name}`} data-testid="library-rename">
              Rename
            </button>
            <button
              type="button"
              className={buttonClass.small}
              aria-label={`Duplicate ${entry.name}`}
              data-testid="library-duplicate"
              onClick={() => {
                const r = library().duplicate(entry.id);
                onMessage(r.ok ? { kind: 'info', text: `Made “${r.value.name}”.` } : { kind: 'error', text: r.message });
                refresh();
              }}
            >
              Duplicate
            </button>
            <button
              type="button"
              className={buttonClass.small}
              aria-label={`Download ${entry.name}`}
              onClick={() => {
                const raw = library().raw(entry.id);
                if (raw === undefined) return;
                // Indented when it parses; as stored when it does not (so nothing is lost).
                let text = raw;
                try {
                  text = `${JSON.stringify(JSON.parse(raw), null, 2)}\n`;
                } catch {
                  // keep the raw text
                }
                downloadText(`${entry.name.replace(/[^\w.-]+/g, '-').slice(0, 80) || 'scenario'}.json`, text);
              }}
            >
              Download
            </button>
            <button type="button" className={buttonClass.small} onClick={() => setMode('delete')} aria-label={`Delete ${entry.name}`} data-testid="library-delete">
              Delete
            </button>
          </div>
        )
      )}
    </li>
  );
}
