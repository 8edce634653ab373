import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ReachEntry } from '../../engine';
import { reviewDepth } from '../../model';
import { useAppStore } from '../../store/store';
import { Icon } from '../../ui/icons';
import { actionsText, chainOf, nameOf, nodeOfSubject, pathText, type AnalysisLookup } from './lookup';

/**
 * "Who can reach this?" / "What can this reach?": every principal (or resource) the analysis found, the
 * actions, and the shortest path through roles; each can be explained by the engine and, when it starts at
 * a principal on the canvas, played as a journey (the identity swapped at every role).
 */

/** What an outsider's row stands for, beside its name (a drawn principal and "Anyone" say it themselves). */
const SUBJECT_WORD: Record<string, string> = { drawn: '', account: 'drawn or not', principal: 'named, not drawn', organization: 'not drawn', public: '', service: 'AWS service' };

function Entry({ entry, kind, lookup }: { readonly entry: ReachEntry; readonly kind: 'who' | 'what'; readonly lookup: AnalysisLookup }) {
  const other = kind === 'who' ? entry.subject : entry.resource;
  const subject = lookup.subjects.get(entry.subject);
  const chain = entry.actions.length > 0 ? chainOf(entry.path) : undefined;
  const last = entry.path[entry.path.length - 1];
  const word = kind === 'who' ? (subject ? SUBJECT_WORD[subject.kind] : '') : '';
  return (
    <li className="rounded-md border border-slate-200 p-1.5 text-xs dark:border-slate-700" data-testid={`reach-entry.${other}`} data-through-roles={entry.throughRoles ? 'true' : 'false'} data-allowed={entry.actions.length > 0 ? 'true' : 'false'}>
      <div className="flex items-start gap-1.5">
        <Icon name={entry.actions.length > 0 ? 'allowed' : 'denied'} className={`mt-0.5 h-3.5 w-3.5 shrink-0 ${entry.actions.length > 0 ? 'text-green-700 dark:text-green-400' : 'text-red-700 dark:text-red-400'}`} />
        <span className="min-w-0 flex-1">
          <span className="font-semibold">{nameOf(lookup, other)}</span>
          {word && <span className="ml-1 text-[11px] text-slate-600 dark:text-slate-400">({word})</span>}
          <span className="block">
            {entry.actions.length > 0 ? <span title={entry.actions.join(', ')}>{actionsText(entry.actions, entry.relevant)}</span> : <span className="text-red-800 dark:text-red-300">explicitly denied: {actionsText(entry.denied, entry.relevant)}</span>}
            {entry.throughRoles && <span className="ml-1 whitespace-nowrap rounded bg-violet-100 px-1 text-[11px] font-medium text-violet-950 dark:bg-violet-950 dark:text-violet-100">through roles</span>}
          </span>
          {entry.path.length > 1 && <span className="block text-[11px] text-slate-700 dark:text-slate-300" data-testid="reach-entry.path">{pathText(lookup, entry.path)}</span>}
          {last && last.context.length > 0 && <span className="block text-[11px] text-slate-600 dark:text-slate-400">presents {last.context.map((c) => `${c.key} = ${c.values.join(', ')}`).join('; ')}</span>}
        </span>
      </div>
      <div className="mt-1 flex gap-3 pl-5">
        <button
          type="button"
          className="link"
          data-testid="reach-entry.explain"
          onClick={() => {
            const { select, askAccess } = useAppStore.getState();
            const node = kind === 'who' ? entry.resource : nodeOfSubject(lookup, entry.subject);
            if (node) select([node]);
            askAccess({ subject: entry.subject, resource: entry.resource, ...(entry.actions[0] ? { action: entry.actions[0] } : {}) });
          }}
        >
          Explain
        </button>
        {chain && (
          <button
            type="button"
            className="link"
            data-testid="reach-entry.play"
            onClick={() => {
              const action = last?.action;
              useAppStore.getState().pickJourney({ picked: entry.resource, edges: [], chain, ...(action ? { action } : {}) }, true);
            }}
          >
            Play journey
          </button>
        )}
      </div>
    </li>
  );
}

/** Entries are listed a page at a time: "who can reach" a public bucket of a large scenario is thousands. */
const PAGE = 100;

export function ReachList({ lookup }: { readonly lookup: AnalysisLookup }) {
  const [shown, setShown] = useState(PAGE);
  const { focus, reach, scenario, status } = useAppStore(useShallow((s) => ({ focus: s.reachFocus, reach: s.reach, scenario: s.scenario, status: s.analysisStatus })));
  // A new question starts at the first page.
  const [shownFor, setShownFor] = useState(focus);
  if (focus !== shownFor) {
    setShownFor(focus);
    setShown(PAGE);
  }
  const result = reach && focus && reach.focus === focus ? reach.result : undefined;
  const entries = useMemo(() => (result ? [...result.entries].sort((a, b) => Number(a.throughRoles) - Number(b.throughRoles) || b.actions.length - a.actions.length) : []), [result]);
  const resources = useMemo(() => [...lookup.resources.values()].sort((a, b) => a.label.localeCompare(b.label)), [lookup]);
  const subjects = useMemo(() => [...lookup.subjects.values()].filter((s) => s.kind === 'drawn' || s.kind === 'account' || s.kind === 'public').sort((a, b) => a.label.localeCompare(b.label)), [lookup]);
  const pick = (kind: 'who' | 'what', key: string): void => useAppStore.getState().setReachFocus(key ? { kind, key } : undefined);
  return (
    <div data-testid="reach">
      <div className="grid grid-cols-1 gap-2 text-xs">
        <label className="flex flex-col gap-0.5">
          <span className="font-medium">Who can reach…</span>
          <select className="field" value={focus?.kind === 'who' ? focus.key : ''} onChange={(e) => pick('who', e.target.value)} data-testid="reach.who">
            <option value="">Choose a resource or role</option>
            {resources.map((r) => (
              <option key={r.key} value={r.key}>
                {r.label} ({r.type === 'iam-role' ? 'IAM role' : r.type}, {r.account})
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-0.5">
          <span className="font-medium">What can … reach</span>
          <select className="field" value={focus?.kind === 'what' ? focus.key : ''} onChange={(e) => pick('what', e.target.value)} data-testid="reach.what">
            <option value="">Choose a principal</option>
            {subjects.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {focus && (
        <div className="mt-3">
          <div className="flex items-start gap-2">
            <h3 className="min-w-0 flex-1 text-xs font-semibold" data-testid="reach.title">
              {focus.kind === 'who' ? `Who can reach ${nameOf(lookup, focus.key)}` : `What ${nameOf(lookup, focus.key)} can reach`}{' '}
              <span className="font-normal text-slate-600 dark:text-slate-400">(up to {reviewDepth(scenario)} role hop{reviewDepth(scenario) === 1 ? '' : 's'})</span>
            </h3>
            <button type="button" className="link shrink-0 text-xs" onClick={() => useAppStore.getState().setReachFocus(undefined)} data-testid="reach.clear">
              Clear
            </button>
          </div>
          {!result ? (
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400" role="status">
              {status === 'running' ? 'The analysis is running…' : 'Asking…'}
            </p>
          ) : entries.length === 0 ? (
            <p className="mt-1 text-xs" role="status">
              {focus.kind === 'who' ? 'Nobody reaches it.' : 'It reaches nothing.'}
            </p>
          ) : (
            <ul className="mt-1 space-y-1.5" aria-label={focus.kind === 'who' ? 'Principals that reach it' : 'Resources it reaches'}>
              {entries.slice(0, shown).map((e) => (
                <Entry key={focus.kind === 'who' ? e.subject : e.resource} entry={e} kind={focus.kind} lookup={lookup} />
              ))}
            </ul>
          )}
          {entries.length > shown && (
            <button type="button" className="btn mt-2" onClick={() => setShown((n) => n + PAGE)} data-testid="reach.more">
              Show {Math.min(PAGE, entries.length - shown)} more of {entries.length - shown}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
