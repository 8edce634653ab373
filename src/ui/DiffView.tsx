/**
 * A side-by-side diff of two texts, from rows computed elsewhere (props in): unchanged lines face each
 * other, removed lines are marked "−" on the left, added lines "+" on the right and changed lines "~" on
 * both, so the change is never told by colour alone.
 */
export interface DiffViewRow {
  readonly kind: 'same' | 'removed' | 'added' | 'changed';
  readonly left?: { readonly n: number; readonly text: string };
  readonly right?: { readonly n: number; readonly text: string };
}

const SIDE: Record<DiffViewRow['kind'], { left: string; right: string; mark: [string, string] }> = {
  same: { left: '', right: '', mark: [' ', ' '] },
  removed: { left: 'bg-red-50 text-red-900 dark:bg-red-950/60 dark:text-red-100', right: '', mark: ['−', ' '] },
  added: { left: '', right: 'bg-green-50 text-green-900 dark:bg-green-950/60 dark:text-green-100', mark: [' ', '+'] },
  changed: { left: 'bg-red-50 text-red-900 dark:bg-red-950/60 dark:text-red-100', right: 'bg-green-50 text-green-900 dark:bg-green-950/60 dark:text-green-100', mark: ['~', '~'] },
};

/** Unchanged runs longer than this are folded to their first and last lines. */
const CONTEXT = 3;

export function DiffView(props: { readonly rows: readonly DiffViewRow[]; readonly beforeLabel: string; readonly afterLabel: string; readonly testId?: string; readonly maxHeight?: string }) {
  const { rows } = props;
  // Fold long unchanged runs: what changed is what the reader came for.
  const shown: Array<DiffViewRow | { fold: number }> = [];
  let run: DiffViewRow[] = [];
  const flush = (last: boolean): void => {
    if (run.length > CONTEXT * 2 + 1) {
      const head = shown.length === 0 ? [] : run.slice(0, CONTEXT);
      const tail = last ? [] : run.slice(-CONTEXT);
      shown.push(...head, { fold: run.length - head.length - tail.length }, ...tail);
    } else shown.push(...run);
    run = [];
  };
  for (const r of rows) {
    if (r.kind === 'same') run.push(r);
    else {
      flush(false);
      shown.push(r);
    }
  }
  flush(true);
  const changes = rows.filter((r) => r.kind !== 'same').length;
  // A document that is new (or removed) has one side only: shown as one column, marked throughout.
  const oneSide = rows.length > 0 && rows.every((r) => r.kind === 'added') ? 'right' : rows.length > 0 && rows.every((r) => r.kind === 'removed') ? 'left' : undefined;
  const label = `${props.beforeLabel} and ${props.afterLabel}: ${changes} changed line${changes === 1 ? '' : 's'}`;
  return (
    // Focusable, so the diff can be scrolled from the keyboard (it scrolls both ways).
    <div className="overflow-auto rounded border border-slate-300 dark:border-slate-600" style={{ maxHeight: props.maxHeight ?? '18rem' }} data-testid={props.testId} tabIndex={0} role="region" aria-label={label}>
      <table className="w-max min-w-full border-collapse font-mono text-[11px] leading-4" aria-label={label}>
        <thead className="sticky top-0 bg-slate-100 text-left font-sans text-[11px] font-semibold dark:bg-slate-800">
          <tr>
            {oneSide ? (
              <th colSpan={2} className="px-1.5 py-0.5">
                {oneSide === 'right' ? `${props.afterLabel} — new` : `${props.beforeLabel} — removed`}
              </th>
            ) : (
              <>
                <th colSpan={2} className="px-1.5 py-0.5">
                  {props.beforeLabel}
                </th>
                <th colSpan={2} className="border-l border-slate-300 px-1.5 py-0.5 dark:border-slate-600">
                  {props.afterLabel}
                </th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {shown.map((r, i) =>
            'fold' in r ? (
              <tr key={`fold-${i}`} className="text-slate-600 dark:text-slate-400">
                <td colSpan={oneSide ? 2 : 4} className="px-1.5 py-0.5 font-sans italic">
                  {r.fold} unchanged line{r.fold === 1 ? '' : 's'}
                </td>
              </tr>
            ) : oneSide ? (
              <tr key={i} data-kind={r.kind}>
                <td className={`select-none px-1 text-right align-top text-slate-500 dark:text-slate-400 ${SIDE[r.kind][oneSide]}`}>{r[oneSide]?.n ?? ''}</td>
                <td className={`whitespace-pre px-1 align-top ${SIDE[r.kind][oneSide]}`}>{`${SIDE[r.kind].mark[oneSide === 'left' ? 0 : 1]} ${r[oneSide]?.text ?? ''}`}</td>
              </tr>
            ) : (
              <tr key={i} data-kind={r.kind}>
                <td className={`select-none px-1 text-right align-top text-slate-500 dark:text-slate-400 ${SIDE[r.kind].left}`}>{r.left?.n ?? ''}</td>
                <td className={`whitespace-pre px-1 align-top ${SIDE[r.kind].left}`}>{r.left ? `${SIDE[r.kind].mark[0]} ${r.left.text}` : ''}</td>
                <td className={`select-none border-l border-slate-300 px-1 text-right align-top text-slate-500 dark:border-slate-600 dark:text-slate-400 ${SIDE[r.kind].right}`}>{r.right?.n ?? ''}</td>
                <td className={`whitespace-pre px-1 align-top ${SIDE[r.kind].right}`}>{r.right ? `${SIDE[r.kind].mark[1]} ${r.right.text}` : ''}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
