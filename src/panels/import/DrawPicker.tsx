import { useDeferredValue, useId, useMemo, useState } from 'react';
import { editWithLayout } from '../../canvas/autoLayout';
import { PRINCIPAL_LOOK, RESOURCE_LOOK } from '../../canvas/appearance';
import { drawnIds, findRows, matchesFind, parseFindQuery, setDrawn, type FindRow } from '../../model';
import { useAppStore } from '../../store/store';
import { Icon, type IconName } from '../../ui/icons';
import { buttonClass, Dialog } from '../share/Dialog';
import { useImportUi } from './importUi';

/** Rows shown at once: a list of thousands is searched, not scrolled. */
const SHOWN = 200;
/** More drawn cards than this make a picture nobody reads: the picker says so before drawing them. */
export const READABLE_CARDS = 150;

const TYPE_FILTERS: readonly { readonly value: string; readonly label: string }[] = [
  { value: '', label: 'Any type' },
  { value: 'type:role', label: 'IAM roles' },
  { value: 'type:user', label: 'IAM users' },
  { value: 'type:service', label: 'Service principals' },
  { value: 'type:root', label: 'Root users' },
  { value: 'type:resource', label: 'Resources' },
  { value: 'type:account', label: 'Accounts' },
];

function rowIcon(row: FindRow): IconName {
  if (row.kind === 'account') return 'account';
  if (row.kind === 'principal') return (PRINCIPAL_LOOK as Record<string, { icon: IconName }>)[row.type]?.icon ?? 'user';
  return (RESOURCE_LOOK as Record<string, { icon: IconName }>)[row.type]?.icon ?? 'bucket';
}

/**
 * Choose what to draw: search the scenario by name, ARN, account, type or tag, tick what to draw, apply —
 * one undo step that also lays out what is drawn. What is not drawn stays in the scenario, decided like the
 * rest, and can be drawn any time from here.
 */
export function DrawPicker() {
  const open = useImportUi((s) => s.picker);
  const close = (): void => useImportUi.getState().set({ picker: false });
  return (
    <Dialog open={open} onClose={close} title="Choose what to draw" description="Everything stays in the scenario and is decided, drawn or not. Drawing something also draws its account." testId="draw-picker" wide>
      {open && <PickerBody onDone={close} />}
    </Dialog>
  );
}

function PickerBody({ onDone }: { onDone: () => void }) {
  const scenario = useAppStore((s) => s.scenario);
  const rows = useMemo(() => findRows(scenario), [scenario]);
  const [drawn, setDrawnLocal] = useState<ReadonlySet<string>>(() => drawnIds(scenario));
  const [text, setText] = useState('');
  const [type, setType] = useState('');
  const [account, setAccount] = useState('');
  const query = useDeferredValue(`${text} ${type} ${account ? `account:${account}` : ''}`);
  const parsed = useMemo(() => parseFindQuery(query), [query]);
  const matches = useMemo(() => rows.filter((r) => matchesFind(r, parsed)), [rows, parsed]);
  const searchId = useId();
  const drawable = rows.filter((r) => r.kind !== 'account');
  const drawnCards = drawable.filter((r) => drawn.has(r.id)).length;
  const before = useMemo(() => drawnIds(scenario), [scenario]);
  const changed = rows.some((r) => drawn.has(r.id) !== before.has(r.id));

  const toggle = (ids: readonly string[], on: boolean): void => {
    const next = new Set(drawn);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    setDrawnLocal(next);
  };
  const apply = (): void => {
    const show = rows.filter((r) => drawn.has(r.id)).map((r) => r.id);
    const hide = rows.filter((r) => !drawn.has(r.id)).map((r) => r.id);
    onDone();
    void editWithLayout((s) => setDrawn(s, show, hide)).then(() => useAppStore.getState().requestFit());
  };

  return (
    <div className="space-y-3 text-sm">
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-[minmax(0,1fr)_11rem_14rem]">
        <div>
          <label htmlFor={searchId} className="block text-xs font-medium">
            Search
          </label>
          <input
            id={searchId}
            type="search"
            className="field mt-0.5 w-full"
            placeholder="name, ARN, account, tag:team=payments, type:role…"
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="draw-picker.search"
            autoFocus
          />
        </div>
        <label className="block text-xs font-medium">
          Type
          <select className="field mt-0.5 w-full" value={type} onChange={(e) => setType(e.target.value)} data-testid="draw-picker.type">
            {TYPE_FILTERS.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-xs font-medium">
          Account
          <select className="field mt-0.5 w-full" value={account} onChange={(e) => setAccount(e.target.value)} data-testid="draw-picker.account">
            <option value="">Any account</option>
            {scenario.accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name === a.id ? a.id : `${a.name} (${a.id})`}
              </option>
            ))}
          </select>
        </label>
      </div>
      {parsed.unknown.length > 0 && <p className="text-xs text-amber-800 dark:text-amber-300">Not understood: {parsed.unknown.join(', ')}. Types: user, role, service, root, resource, account, bucket, topic, queue, function, api, bus, table, key.</p>}
      <div className="flex flex-wrap items-center gap-2">
        <p className="text-xs" role="status" data-testid="draw-picker.count">
          {matches.length.toLocaleString('en-US')} match{matches.length === 1 ? '' : 'es'} · {drawnCards.toLocaleString('en-US')} of {drawable.length.toLocaleString('en-US')} principals and resources to draw
        </p>
        <span className="ml-auto flex gap-2">
          <button type="button" className={buttonClass.small} onClick={() => toggle(matches.map((m) => m.id), true)} disabled={matches.length === 0} data-testid="draw-picker.draw-matches">
            Draw all {matches.length.toLocaleString('en-US')}
          </button>
          <button type="button" className={buttonClass.small} onClick={() => toggle(matches.map((m) => m.id), false)} disabled={matches.length === 0} data-testid="draw-picker.hide-matches">
            Draw none of them
          </button>
        </span>
      </div>
      <ul className="max-h-[45vh] divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-700" aria-label="Matches" data-testid="draw-picker.list">
        {matches.slice(0, SHOWN).map((r) => (
          <li key={r.id}>
            <label className="flex cursor-pointer items-center gap-2 px-2 py-1.5 hover:bg-slate-50 dark:hover:bg-slate-800">
              <input type="checkbox" checked={drawn.has(r.id)} onChange={(e) => toggle([r.id], e.target.checked)} data-testid={`draw-picker.row.${r.id}`} aria-label={`Draw ${r.typeLabel} ${r.name}`} />
              <Icon name={rowIcon(r)} className="h-4 w-4 shrink-0 text-slate-600 dark:text-slate-300" />
              <span className="min-w-0 flex-1">
                <span className="block truncate text-sm">{r.name}</span>
                <span className="block truncate font-mono text-[11px] text-slate-600 dark:text-slate-400" title={r.arn}>
                  {r.arn}
                </span>
              </span>
              <span className="shrink-0 text-right text-[11px] text-slate-600 dark:text-slate-400">
                {r.typeLabel}
                {r.accountId && r.kind !== 'account' ? <span className="block">{r.accountName && r.accountName !== r.accountId ? r.accountName : r.accountId}</span> : null}
              </span>
            </label>
          </li>
        ))}
        {matches.length === 0 && <li className="px-2 py-3 text-xs text-slate-600 dark:text-slate-400">Nothing matches. Try fewer words, or another type or account.</li>}
        {matches.length > SHOWN && (
          <li className="px-2 py-2 text-xs text-slate-600 dark:text-slate-400">
            {(matches.length - SHOWN).toLocaleString('en-US')} more match: narrow the search to see them, or use “Draw all” for every match.
          </li>
        )}
      </ul>
      {drawnCards > READABLE_CARDS && (
        <p className="text-xs text-amber-800 dark:text-amber-300" role="note" data-testid="draw-picker.too-many">
          {drawnCards.toLocaleString('en-US')} cards make a picture too dense to read; drawing them takes a while too. Fewer (up to about {READABLE_CARDS}) stay readable.
        </p>
      )}
      <div className="flex flex-wrap gap-2 border-t border-slate-200 pt-3 dark:border-slate-700">
        <button type="button" className={buttonClass.primary} onClick={apply} disabled={!changed} data-testid="draw-picker.apply">
          Draw {drawnCards.toLocaleString('en-US')} and lay out
        </button>
        <button type="button" className={buttonClass.secondary} onClick={onDone}>
          Cancel
        </button>
        <p className="self-center text-xs text-slate-600 dark:text-slate-400">One step: Undo (Ctrl+Z) puts the picture back.</p>
      </div>
    </div>
  );
}
