import { useEffect, useState } from 'react';
import { Dialog } from '../share/Dialog';
import { DECISION_LOOK } from '../../canvas/appearance';
import type { EdgeChange, PolicyDiff } from '../../engine/fix';
import { DiffView } from '../../ui/DiffView';
import { Icon } from '../../ui/icons';
import { useAppStore } from '../../store/store';

/**
 * Pieces the fix panels share: an answer asked of the evaluation worker again after every evaluation, a
 * decision chip, the list of edges whose decision a change alters, and a policy's diff.
 */

/** Asks the worker again whenever an evaluation arrives (or `key` changes); `undefined` while it answers. */
export function useWorkerAnswer<T>(key: string, ask: () => Promise<T>): { readonly value?: T; readonly error?: string } {
  const revision = useAppStore((s) => s.evaluatedRevision);
  const [answer, setAnswer] = useState<{ key: string; revision: number; value?: T; error?: string }>();
  useEffect(() => {
    let live = true;
    ask().then(
      (value) => live && setAnswer({ key, revision, value }),
      (error: unknown) => live && setAnswer({ key, revision, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
    // `ask` is a new function every render; the question is identified by `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, revision]);
  if (!answer || answer.key !== key) return {};
  return answer.error !== undefined ? { error: answer.error } : answer.value !== undefined ? { value: answer.value } : {};
}

export function StatusChip({ status }: { readonly status: EdgeChange['before'] }) {
  if (status === 'absent') return <span className="rounded border border-slate-400 px-1 text-[11px] text-slate-700 dark:border-slate-500 dark:text-slate-300">not drawn</span>;
  const look = DECISION_LOOK[status];
  return (
    <span className={`inline-flex items-center gap-0.5 rounded border px-1 text-[11px] font-medium ${look.chip}`} data-decision={status}>
      <Icon name={look.icon} className="h-3 w-3" />
      {look.label}
    </span>
  );
}

/** Edges whose decision changes: name, before → after, and each action that flips. */
export function EdgeChangeList({ changes, testId, onSelect }: { readonly changes: readonly EdgeChange[]; readonly testId: string; readonly onSelect?: (id: string) => void }) {
  return (
    <ul className="space-y-1" data-testid={testId}>
      {changes.map((c) => (
        <li key={c.id} className="text-xs" data-testid={`${testId}.${c.id}`} data-before={c.before} data-after={c.after}>
          <div className="flex flex-wrap items-center gap-1">
            {onSelect ? (
              <button type="button" className="link text-left font-medium" onClick={() => onSelect(c.id)}>
                {c.label}
              </button>
            ) : (
              <span className="font-medium">{c.label}</span>
            )}
            <StatusChip status={c.before} />
            <span aria-label="becomes">→</span>
            <StatusChip status={c.after} />
          </div>
          {c.actions.length > 0 && (
            <p className="pl-2 text-[11px] text-slate-700 dark:text-slate-300">{c.actions.map((a) => `${a.label}: ${a.before ? 'allowed' : 'denied'} → ${a.after ? 'allowed' : 'denied'}`).join('; ')}</p>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A policy's change: its name, who makes it, and the side-by-side diff. */
export function PolicyDiffView({ diff, testId, maxHeight }: { readonly diff: PolicyDiff; readonly testId: string; readonly maxHeight?: string }) {
  const accounts = useAppStore((s) => s.scenario.accounts);
  const account = diff.account !== undefined ? accounts.find((a) => a.id === diff.account) : undefined;
  const [wide, setWide] = useState(false);
  const where = diff.account !== undefined ? ` — changed in ${account && account.name !== account.id ? `${account.name} (${account.id})` : diff.account}` : '';
  const view = (height?: string) => <DiffView rows={diff.rows} beforeLabel={diff.beforeText ? 'Now' : 'Now (none)'} afterLabel={diff.afterText ? 'After' : 'After (none)'} {...(height ? { maxHeight: height } : {})} />;
  return (
    <div className="mt-1" data-testid={testId}>
      <div className="flex items-start gap-2">
        <p className="min-w-0 flex-1 text-xs font-semibold">
          {diff.title}
          {where && <span className="font-normal text-slate-600 dark:text-slate-400">{where}</span>}
        </p>
        <button type="button" className="link shrink-0 text-[11px]" aria-haspopup="dialog" onClick={() => setWide(true)} aria-label={`Open the diff of ${diff.title} in a wide view`}>
          Wide view
        </button>
      </div>
      {view(maxHeight)}
      {wide && (
        <Dialog open onClose={() => setWide(false)} title={diff.title} description={where ? where.slice(3) : 'Side by side: now and after the change.'} testId={`${testId}.wide`} wide>
          {view('65vh')}
        </Dialog>
      )}
    </div>
  );
}

/** Selects an edge on the canvas (its explanation opens in the inspector). */
export function selectEdge(id: string): void {
  useAppStore.getState().select([id]);
}
