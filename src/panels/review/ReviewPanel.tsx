import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { reviewDepth, reviewZone, setReviewDepth, setReviewZone, type Scenario, type ZoneOfTrust } from '../../model';
import { cancelAnalysis, resumeAnalysis, useAppStore } from '../../store/store';
import { Icon } from '../../ui/icons';
import { Dialog } from '../share/Dialog';
import { AccessMatrix } from './AccessMatrix';
import { FindingsList } from './FindingsList';
import { useAnalysisLookup } from './lookup';
import { ReachList } from './ReachList';

/**
 * The access review, beside the canvas: the zone of trust (an account or an organization) and how many role
 * hops to follow, the analysis's progress (it runs in the evaluation worker and can be stopped), the
 * findings, who can reach a resource or what a principal can reach, and the access matrix. Loaded on demand,
 * when the review is first opened.
 */


const edit = (f: (s: Scenario) => Scenario): void => useAppStore.getState().edit(f);

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

function zoneValue(zone: ZoneOfTrust | undefined): string {
  return zone ? (zone.kind === 'account' ? `account:${zone.accountId}` : `org:${zone.organizationId}`) : '';
}

function Status() {
  const { status, progress, summary, error, stale } = useAppStore(
    useShallow((s) => ({ status: s.analysisStatus, progress: s.analysisProgress, summary: s.analysisSummary, error: s.analysisError, stale: s.analysisRevision !== s.evaluatedRevision })),
  );
  const percent = progress ? Math.round((100 * progress.done) / Math.max(1, progress.total)) : 0;
  return (
    <div className="text-xs" data-testid="review.status" data-status={status}>
      {status === 'running' && (
        <div className="flex items-center gap-2">
          <div className="h-2 flex-1 overflow-hidden rounded bg-slate-200 dark:bg-slate-700" role="progressbar" aria-label="Access analysis" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
            <div className="h-full bg-sky-600 dark:bg-sky-400" style={{ width: `${percent}%` }} />
          </div>
          <span role="status" className="whitespace-nowrap">
            Analysing… {percent}%
          </span>
          <button type="button" className="btn" onClick={cancelAnalysis} data-testid="review.cancel">
            Stop
          </button>
        </div>
      )}
      {(status === 'cancelled' || status === 'failed') && (
        <div className="flex items-center gap-2">
          <span role="status" className={status === 'failed' ? 'text-red-800 dark:text-red-300' : ''}>
            {status === 'failed' ? `The analysis failed: ${error ?? 'unknown error'}` : stale ? 'Stopped: the results below are from before your last changes.' : 'Stopped.'}
          </span>
          <button type="button" className="btn ml-auto" onClick={resumeAnalysis} data-testid="review.resume">
            Run again
          </button>
        </div>
      )}
      {status === 'done' && summary && (
        <p className="text-slate-700 dark:text-slate-300" role="status" data-testid="review.figures">
          {plural(summary.subjects.length, 'principal')} × {plural(summary.resources.length, 'resource')} · {plural(summary.stats.decisions, 'decision')} in {summary.stats.ms < 1000 ? `${Math.round(summary.stats.ms)} ms` : `${(summary.stats.ms / 1000).toFixed(1)} s`}
          {summary.stats.incremental ? ` (${summary.stats.pairsReused.toLocaleString('en-US')} pairs kept)` : ''}
        </p>
      )}
    </div>
  );
}

export function ReviewPanel() {
  const { scenario, summary, focus } = useAppStore(useShallow((s) => ({ scenario: s.scenario, summary: s.analysisSummary, focus: s.reachFocus })));
  const lookup = useAnalysisLookup();
  const [tab, setTab] = useState<'findings' | 'reach'>(focus ? 'reach' : 'findings');
  const [matrix, setMatrix] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // A reach question asked from the inspector or a finding shows its answer here (adjusted while rendering).
  const [seenFocus, setSeenFocus] = useState(focus);
  if (focus !== seenFocus) {
    setSeenFocus(focus);
    if (focus) setTab('reach');
  }
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    // The panel docks beside the canvas, which narrows: the diagram is fitted in what is left, and again
    // when it closes. (Opened with a reach question, the answer is fitted instead: src/canvas/ReachHighlight.tsx.)
    if (!useAppStore.getState().reachFocus) useAppStore.getState().requestFit();
    return () => useAppStore.getState().requestFit();
  }, []);
  const zone = reviewZone(scenario);
  const depth = reviewDepth(scenario);
  const findings = summary?.findings ?? [];
  const close = (): void => {
    useAppStore.getState().setReviewOpen(false);
    document.querySelector<HTMLElement>('[data-testid="toolbar.review"]')?.focus();
  };
  const tabClass = (active: boolean): string =>
    `whitespace-nowrap rounded-t-md border-b-2 px-2 py-1 text-xs font-semibold ${active ? 'border-sky-700 text-sky-900 dark:border-sky-400 dark:text-sky-200' : 'border-transparent text-slate-700 hover:text-slate-950 dark:text-slate-300 dark:hover:text-white'}`;
  return (
    <section
      aria-labelledby="review-title"
      data-testid="review-panel"
      className="flex w-[18rem] shrink-0 flex-col overflow-hidden border-l border-slate-200 bg-white xl:w-[22rem] dark:border-slate-800 dark:bg-slate-900"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !matrix) close();
      }}
    >
      <header className="flex items-start gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-700">
        <Icon name="review" className="mt-0.5 h-5 w-5 shrink-0 text-sky-800 dark:text-sky-300" />
        <div className="min-w-0 flex-1">
          <h2 id="review-title" ref={heading} tabIndex={-1} className="text-sm font-semibold">
            Access review
          </h2>
          <p className="text-[11px] leading-snug text-slate-600 dark:text-slate-400">Who can reach what — and who outside your zone of trust can.</p>
        </div>
        <button type="button" className="rounded px-1.5 text-lg leading-none text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800" aria-label="Close the access review" onClick={close} data-testid="review.close">
          ×
        </button>
      </header>
      <div className="space-y-2 border-b border-slate-200 px-3 py-2 dark:border-slate-700">
        <div className="flex items-end gap-2 text-xs">
          <label className="flex min-w-0 flex-1 flex-col gap-0.5">
            <span className="font-medium">Zone of trust</span>
            <select
              className="field py-0.5 text-xs"
              value={zoneValue(zone)}
              onChange={(e) => {
                const v = e.target.value;
                const next: ZoneOfTrust = v.startsWith('org:') ? { kind: 'organization', organizationId: v.slice(4) } : { kind: 'account', accountId: v.slice(8) };
                edit((s) => setReviewZone(s, next));
              }}
              data-testid="review.zone"
              disabled={scenario.accounts.length === 0}
            >
              {!zone && <option value="">No account yet</option>}
              {scenario.organizations.map((o) => (
                <option key={o.id} value={`org:${o.id}`}>
                  {o.name} (organization {o.id})
                </option>
              ))}
              {scenario.accounts.map((a) => (
                <option key={a.id} value={`account:${a.id}`}>
                  {a.name} (account {a.id})
                </option>
              ))}
            </select>
          </label>
          <label className="flex w-20 flex-col gap-0.5">
            <span className="font-medium">Role hops</span>
            <input
              type="number"
              min={1}
              max={10}
              className="field py-0.5 text-xs"
              value={depth}
              onChange={(e) => {
                const n = Number(e.target.value);
                if (Number.isInteger(n) && n >= 1 && n <= 10) edit((s) => setReviewDepth(s, n));
              }}
              data-testid="review.depth"
              aria-describedby="review-depth-hint"
            />
          </label>
        </div>
        <p id="review-depth-hint" className="sr-only">
          How many AssumeRole hops “who can reach” follows (1 to 10).
        </p>
        <Status />
      </div>
      <div className="flex items-end gap-1 border-b border-slate-200 px-2 pt-1 dark:border-slate-700">
        <div
          role="tablist"
          aria-label="Review"
          className="flex items-end gap-1"
          onKeyDown={(e) => {
            // The tabs pattern: the arrow keys move between the tabs.
            if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
            e.preventDefault();
            const next = tab === 'findings' ? 'reach' : 'findings';
            setTab(next);
            e.currentTarget.querySelector<HTMLElement>(`[data-testid="review.tab.${next}"]`)?.focus();
          }}
        >
          <button type="button" role="tab" aria-selected={tab === 'findings'} tabIndex={tab === 'findings' ? 0 : -1} aria-controls="review-tabpanel" className={tabClass(tab === 'findings')} onClick={() => setTab('findings')} data-testid="review.tab.findings">
            Findings{summary ? ` (${findings.length})` : ''}
          </button>
          <button type="button" role="tab" aria-selected={tab === 'reach'} tabIndex={tab === 'reach' ? 0 : -1} aria-controls="review-tabpanel" className={tabClass(tab === 'reach')} onClick={() => setTab('reach')} data-testid="review.tab.reach">
            Reach
          </button>
        </div>
        <button type="button" className="btn mb-1 ml-auto whitespace-nowrap" onClick={() => setMatrix(true)} disabled={!summary} data-testid="review.matrix">
          <Icon name="matrix" className="h-3.5 w-3.5" /> Matrix
        </button>
      </div>
      <div id="review-tabpanel" className="min-h-0 flex-1 overflow-y-auto px-3 py-2" role="tabpanel" aria-label={tab === 'findings' ? 'Findings' : 'Reach'}>
        {!summary ? (
          <p className="text-xs text-slate-600 dark:text-slate-400">{scenario.accounts.length === 0 ? 'Draw an account, principals and resources: the review analyses them.' : 'The first analysis is on its way…'}</p>
        ) : tab === 'findings' ? (
          <FindingsList findings={findings} lookup={lookup} scenario={scenario} />
        ) : (
          <ReachList lookup={lookup} />
        )}
      </div>
      <Dialog open={matrix} title="Access matrix" description="Principals × resources: what each principal can do on each resource, directly or through the roles it can assume." onClose={() => setMatrix(false)} testId="matrix-dialog" wide="full">
        <AccessMatrix lookup={lookup} />
      </Dialog>
    </section>
  );
}
