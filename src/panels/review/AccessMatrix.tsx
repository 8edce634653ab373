import { useEffect, useMemo, useState } from 'react';
import type { MatrixCell, MatrixFilter, MatrixView } from '../../engine';
import { reviewDepth } from '../../model';
import { askAnalysis, useAppStore } from '../../store/store';
import { Icon } from '../../ui/icons';
import { downloadText } from '../share/download';
import { AccessExplanationView } from './AccessExplanationView';
import { nameOf, type AnalysisLookup } from './lookup';

/**
 * The access matrix: principals × resources, each cell all / some / none / explicitly denied with the count
 * of allowed actions (through roles unless turned off), filtered by account, service and action; a cell
 * opens the engine's explanation beside the table; the view exports to CSV. The worker computes the cells
 * (src/engine/analysis/queries.ts `accessMatrix`); this only draws them.
 */

const CELL: Record<MatrixCell['state'], { readonly mark: string; readonly word: string; readonly cls: string }> = {
  all: { mark: '✓', word: 'every relevant action allowed', cls: 'bg-green-100 text-green-950 dark:bg-green-950 dark:text-green-100' },
  some: { mark: '◐', word: 'some actions allowed', cls: 'bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100' },
  denied: { mark: '✕', word: 'explicitly denied', cls: 'bg-red-100 text-red-950 dark:bg-red-950 dark:text-red-100' },
  none: { mark: '·', word: 'no access', cls: 'text-slate-500 dark:text-slate-400' },
};

function cellText(c: MatrixCell): string {
  if (c.state === 'none') return CELL.none.mark;
  if (c.state === 'denied') return CELL.denied.mark;
  return `${CELL[c.state].mark} ${c.allowed}${c.state === 'some' ? `/${c.relevant}` : ''}${c.throughRoles ? ' ↪' : ''}`;
}

export function AccessMatrix({ lookup }: { readonly lookup: AnalysisLookup }) {
  const summary = useAppStore((s) => s.analysisSummary);
  const depth = useAppStore((s) => reviewDepth(s.scenario));
  const question = useAppStore((s) => s.accessQuestion);
  const [principalAccount, setPrincipalAccount] = useState('');
  const [resourceAccount, setResourceAccount] = useState('');
  const [service, setService] = useState('');
  const [action, setAction] = useState('');
  const [outsiders, setOutsiders] = useState(true);
  const [throughRoles, setThroughRoles] = useState(true);
  const [hideEmpty, setHideEmpty] = useState(true);
  const [view, setView] = useState<MatrixView>();
  const [error, setError] = useState<string>();
  const filter: MatrixFilter = useMemo(
    () => ({
      ...(principalAccount ? { principalAccounts: [principalAccount] } : {}),
      ...(resourceAccount ? { resourceAccounts: [resourceAccount] } : {}),
      ...(service ? { services: [service] } : {}),
      ...(action ? { action } : {}),
      outsiders,
      throughRoles,
      hideEmpty,
      maxDepth: depth,
      limit: 150,
    }),
    [principalAccount, resourceAccount, service, action, outsiders, throughRoles, hideEmpty, depth],
  );
  useEffect(() => {
    if (!summary) return;
    let live = true;
    void askAnalysis({ kind: 'matrix', filter }).then(
      (answer) => {
        if (!live) return;
        if (answer.kind === 'matrix') {
          setView(answer.view);
          setError(undefined);
        } else setError(answer.kind === 'none' ? answer.reason : 'Unexpected answer.');
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [summary, filter]);
  const accounts = useMemo(() => [...new Set(summary?.resources.map((r) => r.account) ?? [])].sort(), [summary]);
  const services = useMemo(() => [...new Set(summary?.resources.map((r) => r.service) ?? [])].sort(), [summary]);
  const exportCsv = (): void => {
    void askAnalysis({ kind: 'csv', filter }).then((answer) => {
      if (answer.kind === 'csv') downloadText('access-matrix.csv', answer.text, 'text/csv');
    });
  };
  const select = 'field py-0.5 text-xs';
  return (
    <div className="flex min-h-0 flex-col gap-3 lg:flex-row" data-testid="matrix">
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-end gap-x-3 gap-y-2 text-xs" role="group" aria-label="Filters">
          <label className="flex flex-col gap-0.5">
            <span className="font-medium">Principal account</span>
            <select className={select} value={principalAccount} onChange={(e) => setPrincipalAccount(e.target.value)} data-testid="matrix.principal-account">
              <option value="">All</option>
              {accounts.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-0.5">
            <span className="font-medium">Resource account</span>
            <select className={select} value={resourceAccount} onChange={(e) => setResourceAccount(e.target.value)} data-testid="matrix.resource-account">
              <option value="">All</option>
              {accounts.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-0.5">
            <span className="font-medium">Service</span>
            <select className={select} value={service} onChange={(e) => setService(e.target.value)} data-testid="matrix.service">
              <option value="">All</option>
              {services.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-0.5">
            <span className="font-medium">Action</span>
            <select className={`${select} max-w-[14rem]`} value={action} onChange={(e) => setAction(e.target.value)} data-testid="matrix.action">
              <option value="">Every action</option>
              {(view?.actions ?? []).map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          </label>
          <label className="inline-flex items-center gap-1">
            <input type="checkbox" checked={outsiders} onChange={(e) => setOutsiders(e.target.checked)} data-testid="matrix.outsiders" /> Outsiders
          </label>
          <label className="inline-flex items-center gap-1">
            <input type="checkbox" checked={throughRoles} onChange={(e) => setThroughRoles(e.target.checked)} data-testid="matrix.through-roles" /> Through roles
          </label>
          <label className="inline-flex items-center gap-1">
            <input type="checkbox" checked={hideEmpty} onChange={(e) => setHideEmpty(e.target.checked)} /> Hide empty
          </label>
          <button type="button" className="btn ml-auto" onClick={exportCsv} disabled={!view} data-testid="matrix.csv">
            <Icon name="download" className="h-3.5 w-3.5" /> Export CSV
          </button>
        </div>
        <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-[11px]" aria-label="Matrix legend">
          {(['all', 'some', 'denied', 'none'] as const).map((k) => (
            <li key={k} className="inline-flex items-center gap-1">
              <span className={`inline-block min-w-5 rounded px-1 text-center font-semibold ${CELL[k].cls}`}>{CELL[k].mark}</span> {CELL[k].word}
            </li>
          ))}
          <li>↪ only through roles</li>
          <li>n/m: allowed of relevant actions</li>
        </ul>
        {error && <p className="mt-2 text-xs text-red-800 dark:text-red-300">{error}</p>}
        {!view && !error && <p className="mt-2 text-xs" role="status">Computing the matrix…</p>}
        {view && view.rows.length === 0 && <p className="mt-2 text-xs" role="status">No principal reaches any resource with these filters.</p>}
        {view && view.rows.length > 0 && (
          <>
            <p className="mt-2 text-[11px] text-slate-600 dark:text-slate-400" data-testid="matrix.size">
              {view.rows.length} of {view.totalRows} principals × {view.columns.length} of {view.totalColumns} resources{view.truncated ? ' — narrow the filters to see the rest' : ''}.
            </p>
            <div className="mt-1 max-h-[55vh] overflow-auto rounded border border-slate-200 dark:border-slate-700">
              <table className="border-collapse text-[11px]" data-testid="matrix.table">
                <thead>
                  <tr>
                    <th scope="col" className="sticky left-0 top-0 z-20 bg-slate-100 px-2 py-1 text-left dark:bg-slate-800">
                      Principal \ Resource
                    </th>
                    {view.columns.map((c) => {
                      const r = lookup.resources.get(c);
                      return (
                        <th key={c} scope="col" className="sticky top-0 z-10 max-w-[8rem] bg-slate-100 px-1.5 py-1 text-left font-semibold dark:bg-slate-800" title={`${r?.label ?? c} (${r?.type ?? ''}, ${r?.account ?? ''})`}>
                          <span className="block truncate">{r?.label ?? c}</span>
                          <span className="block truncate font-normal text-slate-600 dark:text-slate-400">{r?.account}</span>
                        </th>
                      );
                    })}
                  </tr>
                </thead>
                <tbody>
                  {view.rows.map((row, i) => (
                    <tr key={row} className="border-t border-slate-200 dark:border-slate-700">
                      <th scope="row" className="sticky left-0 z-10 max-w-[12rem] bg-white px-2 py-1 text-left font-medium dark:bg-slate-900" title={lookup.subjects.get(row)?.description}>
                        <span className="block truncate">{nameOf(lookup, row)}</span>
                      </th>
                      {view.columns.map((col, j) => {
                        const cell = view.cells[i]?.[j] as MatrixCell;
                        const selected = question?.subject === row && question.resource === col;
                        const words = `${nameOf(lookup, row)} on ${nameOf(lookup, col)}: ${CELL[cell.state].word}${cell.allowed > 0 ? ` (${cell.allowed} of ${cell.relevant} actions${cell.throughRoles ? ', through roles' : ''})` : ''}`;
                        return (
                          <td key={col} className="p-0">
                            <button
                              type="button"
                              className={`block h-full w-full min-w-[3.5rem] whitespace-nowrap px-1.5 py-1 text-center font-semibold ${CELL[cell.state].cls} ${selected ? 'ring-2 ring-inset ring-sky-600' : ''}`}
                              aria-label={words}
                              title={words}
                              data-testid={`matrix.cell.${row}.${col}`}
                              data-state={cell.state}
                              onClick={() => useAppStore.getState().askAccess({ subject: row, resource: col, ...(action ? { action } : {}) })}
                            >
                              {cellText(cell)}
                            </button>
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </div>
      <aside className="min-h-0 overflow-y-auto border-t border-slate-200 pt-2 lg:w-[24rem] lg:shrink-0 lg:border-l lg:border-t-0 lg:pl-3 lg:pt-0 dark:border-slate-700" aria-label="Explanation of the cell">
        {question ? <AccessExplanationView testId="matrix.explanation" /> : <p className="text-xs text-slate-600 dark:text-slate-400">Choose a cell to see, step by step, why that principal can or cannot reach that resource.</p>}
      </aside>
    </div>
  );
}
