import { useMemo, useState } from 'react';
import type { Finding, FindingKind } from '../../engine';
import { intendedMark, intendedState, markIntended, unmarkIntended, type Scenario } from '../../model';
import { useAppStore } from '../../store/store';
import { Icon, type IconName } from '../../ui/icons';
import { actionsText, nameOf, type AnalysisLookup } from './lookup';

/**
 * The findings of the zone of trust, as a security reviewer reads them in IAM Access Analyzer: public access
 * first, then cross-account, organization and service access; each with the statement that grants it and
 * the conditions that narrow it, a way to the canvas and to the engine's explanation, and an "intended"
 * mark kept in the scenario (so a review travels in a file or a link).
 */

const KIND: Record<FindingKind, { readonly word: string; readonly icon: IconName; readonly cls: string }> = {
  public: { word: 'Public', icon: 'share', cls: 'border-red-700 bg-red-50 text-red-900 dark:border-red-400 dark:bg-red-950 dark:text-red-100' },
  'cross-account': { word: 'Cross-account', icon: 'account', cls: 'border-amber-700 bg-amber-50 text-amber-950 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-100' },
  organization: { word: 'Organization', icon: 'org', cls: 'border-violet-700 bg-violet-50 text-violet-950 dark:border-violet-400 dark:bg-violet-950 dark:text-violet-100' },
  service: { word: 'Service', icon: 'service', cls: 'border-teal-700 bg-teal-50 text-teal-950 dark:border-teal-400 dark:bg-teal-950 dark:text-teal-100' },
};

export function KindBadge({ kind }: { readonly kind: FindingKind }) {
  const k = KIND[kind];
  return (
    <span className={`inline-flex shrink-0 items-center gap-1 rounded border px-1.5 py-0.5 text-[11px] font-semibold ${k.cls}`}>
      <Icon name={k.icon} className="h-3 w-3" />
      {k.word}
    </span>
  );
}

const edit = (f: (s: Scenario) => Scenario): void => useAppStore.getState().edit(f);

/** Selects a node on the canvas (and asks who can reach it, for a resource). */
function showOnCanvas(resource: string): void {
  const { select, setReachFocus } = useAppStore.getState();
  select([resource]);
  setReachFocus({ kind: 'who', key: resource });
}

function FindingCard({ finding, lookup, scenario }: { readonly finding: Finding; readonly lookup: AnalysisLookup; readonly scenario: Scenario }) {
  const [more, setMore] = useState(false);
  const mark = intendedMark(scenario, finding.resource, finding.subject);
  const review = intendedState(mark, finding.actions);
  const resource = lookup.resources.get(finding.resource);
  const subject = lookup.subjects.get(finding.subject);
  const relevant = resource?.relevantActions ?? 0;
  const statements = finding.grantedBy;
  return (
    <li className="rounded-lg border border-slate-300 bg-white p-2 text-xs dark:border-slate-600 dark:bg-slate-950" data-testid={`finding.${finding.id}`} data-kind={finding.kind} data-review={review.state}>
      <div className="flex items-start gap-2">
        <KindBadge kind={finding.kind} />
        <button type="button" className="link min-w-0 flex-1 truncate text-left text-sm font-semibold" onClick={() => showOnCanvas(finding.resource)} title="Show on the canvas: who can reach this" data-testid="finding.resource">
          {resource?.label ?? finding.resource}
        </button>
      </div>
      <p className="mt-1 leading-snug">
        <span className="font-medium" data-testid="finding.subject">
          {subject?.label ?? finding.subject}
        </span>{' '}
        can <span title={finding.actions.join(', ')}>{actionsText(finding.actions, relevant)}</span>
        {finding.actions.length > 3 && (
          <button type="button" className="link ml-1" onClick={() => setMore((m) => !m)} aria-expanded={more}>
            {more ? 'fewer' : 'list them'}
          </button>
        )}
      </p>
      {more && <p className="mt-1 break-words font-mono text-[11px] text-slate-700 dark:text-slate-300">{finding.actions.join(', ')}</p>}
      {subject?.assumedIdentity && <p className="mt-1 text-[11px] text-slate-600 dark:text-slate-400">If its own account allows it (not drawn: decided as if it does).</p>}
      {statements.length > 0 && (
        <p className="mt-1">
          Granted by{' '}
          {statements.map((ref, i) => (
            <span key={`${ref.source.ownerId}:${ref.index}`}>
              {i > 0 && ', '}
              <button
                type="button"
                className="link"
                data-testid="finding.statement"
                onClick={() => {
                  const { select, setFocus } = useAppStore.getState();
                  const owner = ref.source.ownerId ?? finding.resource;
                  select([owner]);
                  setFocus({ ownerId: owner, kind: ref.source.kind, name: ref.source.name, index: ref.index });
                }}
              >
                {ref.source.name} {ref.sid ? `“${ref.sid}”` : `statement ${ref.index + 1}`}
              </button>
            </span>
          ))}
        </p>
      )}
      <p className="mt-1" data-testid="finding.conditions">
        {finding.conditions.length === 0 ? (
          <span className="font-medium text-red-800 dark:text-red-300">No condition narrows it.</span>
        ) : (
          <>
            Narrowed by{' '}
            {finding.conditions.map((c, i) => (
              <code key={`${c.operator}:${c.key}:${i}`} className="mr-1 inline-block rounded bg-slate-100 px-1 py-0.5 text-[11px] dark:bg-slate-800">
                {c.key} {c.operator} {c.values.join(' | ')}
              </code>
            ))}
          </>
        )}
      </p>
      {finding.context.length > 0 && <p className="mt-1 text-slate-700 dark:text-slate-300">The caller presents {finding.context.map((c) => `${c.key} = ${c.values.join(', ')}`).join('; ')}.</p>}
      {finding.includes.length > 0 && (
        <p className="mt-1 text-slate-700 dark:text-slate-300" data-testid="finding.includes">
          Includes {finding.includes.map((x) => `${nameOf(lookup, x.subject)} (${actionsText(x.actions, relevant)})`).join(', ')}.
        </p>
      )}
      {review.state === 'changed' && (
        <p className="mt-1 rounded bg-amber-100 px-1.5 py-1 font-medium text-amber-950 dark:bg-amber-950 dark:text-amber-100" data-testid="finding.changed">
          Marked intended, but it now also allows {review.added.join(', ')}.
        </p>
      )}
      <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1">
        <button
          type="button"
          className="link"
          data-testid="finding.explain"
          onClick={() => {
            // The resource is selected on the canvas and the inspector explains the access instead of it.
            const { select, askAccess } = useAppStore.getState();
            select([finding.resource]);
            askAccess({ subject: finding.subject, resource: finding.resource, ...(finding.actions[0] ? { action: finding.actions[0] } : {}) });
          }}
        >
          Explain
        </button>
        <button type="button" className="link" onClick={() => showOnCanvas(finding.resource)} data-testid="finding.show">
          Who can reach it
        </button>
        <label className="ml-auto inline-flex items-center gap-1">
          <input
            type="checkbox"
            checked={review.state === 'intended'}
            data-testid="finding.intended"
            onChange={(e) => edit((s) => (e.target.checked ? markIntended(s, finding.resource, finding.subject, finding.actions) : unmarkIntended(s, finding.resource, finding.subject)))}
          />
          Intended
        </label>
      </div>
    </li>
  );
}

/** Findings are listed a page at a time: a large scenario has thousands. */
const PAGE = 50;

export function FindingsList({ findings, lookup, scenario }: { readonly findings: readonly Finding[]; readonly lookup: AnalysisLookup; readonly scenario: Scenario }) {
  const [showIntended, setShowIntended] = useState(false);
  const [shown, setShown] = useState(PAGE);
  const { active, intended } = useMemo(() => {
    const a: Finding[] = [];
    const i: Finding[] = [];
    for (const f of findings) (intendedState(intendedMark(scenario, f.resource, f.subject), f.actions).state === 'intended' ? i : a).push(f);
    return { active: a, intended: i };
  }, [findings, scenario]);
  const publicCount = active.filter((f) => f.isPublic).length;
  return (
    <div data-testid="findings">
      <p className="text-xs" data-testid="findings.count" role="status">
        {active.length === 0 ? (
          <span>No access from outside the zone of trust{intended.length > 0 ? ' that is not marked intended' : ''}.</span>
        ) : (
          <span>
            <strong>{active.length}</strong> finding{active.length === 1 ? '' : 's'} to review{publicCount > 0 ? <>, <strong className="text-red-800 dark:text-red-300">{publicCount} public</strong></> : ''}.
          </span>
        )}
      </p>
      {active.length > 0 && (
        <ul className="mt-2 space-y-2" aria-label="Findings">
          {active.slice(0, shown).map((f) => (
            <FindingCard key={f.id} finding={f} lookup={lookup} scenario={scenario} />
          ))}
        </ul>
      )}
      {active.length > shown && (
        <button type="button" className="btn mt-2" onClick={() => setShown((n) => n + PAGE)} data-testid="findings.more">
          Show {Math.min(PAGE, active.length - shown)} more of {active.length - shown}
        </button>
      )}
      {intended.length > 0 && (
        <div className="mt-3">
          <button type="button" className="link text-xs" aria-expanded={showIntended} onClick={() => setShowIntended((v) => !v)} data-testid="findings.intended-toggle">
            {showIntended ? 'Hide' : 'Show'} {intended.length} marked intended
          </button>
          {showIntended && (
            <ul className="mt-2 space-y-2" aria-label="Findings marked intended">
              {intended.slice(0, shown).map((f) => (
                <FindingCard key={f.id} finding={f} lookup={lookup} scenario={scenario} />
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
