import { useState } from 'react';
import type { EdgeProposals, Proposal } from '../../engine/fix';
import type { EdgeVerdict } from '../../graph/verdict';
import { useAppStore } from '../../store/store';
import { EdgeChangeList, PolicyDiffView, selectEdge, useWorkerAnswer } from './parts';

const STAGE_WORDS: Record<string, string> = {
  'aws-rule': 'AWS rule',
  'explicit-deny': 'explicit deny',
  rcp: 'RCP',
  scp: 'SCP',
  resource: 'resource side',
  identity: 'identity policy',
  boundary: 'permissions boundary',
  session: 'session policy',
};

/**
 * What to change for an edge, from the engine (src/engine/fix, in the evaluation worker): for a denied edge,
 * every gate that fails and the proposals that allow it; for an allowed edge the user says should be denied,
 * the proposals that deny it. Each proposal shows the diff of every policy it changes and every other edge
 * whose decision it changes, and is applied as one edit (Ctrl+Z undoes it).
 */
export default function EdgeFixes({ edgeId, verdict }: { readonly edgeId: string; readonly verdict: EdgeVerdict }) {
  const denied = verdict.status !== 'allowed';
  const direction = denied ? 'allow' : 'deny';
  const answer = useWorkerAnswer(`${edgeId}:${direction}`, () => useAppStore.getState().fixes(edgeId, direction));
  const result = answer.value;
  return (
    <section className="mt-3 rounded-md border border-sky-300 bg-sky-50/60 p-2 dark:border-sky-800 dark:bg-sky-950/40" aria-label={denied ? 'How to allow this edge' : 'How to deny this edge'} data-testid="fix" data-direction={direction}>
      {answer.error !== undefined && (
        <p role="alert" className="text-xs text-red-800 dark:text-red-300">
          {answer.error}
        </p>
      )}
      {!result && answer.error === undefined && <p className="text-xs text-slate-700 dark:text-slate-300">Looking for the smallest change and trying each one on the whole scenario…</p>}
      {result && <Proposals result={result} />}
    </section>
  );
}

function Proposals({ result }: { readonly result: EdgeProposals }) {
  const accounts = useAppStore((s) => s.scenario.accounts);
  const accountLabel = (id: string | undefined): string => {
    const a = id !== undefined ? accounts.find((x) => x.id === id) : undefined;
    return a ? (a.name !== a.id ? `${a.name} (${a.id})` : a.id) : (id ?? '');
  };
  return (
    <div className="space-y-2">
      {result.gates.length > 0 && (
        <div>
          <h4 className="text-xs font-semibold">What fails</h4>
          <ul className="mt-0.5 space-y-0.5" data-testid="fix.gates">
            {result.gates.map((g, i) => (
              <li key={`${g.step}:${g.stage}:${g.side}:${i}`} className="text-[11px]" data-stage={g.stage} data-side={g.side}>
                <span className="font-semibold">
                  {g.step} · {STAGE_WORDS[g.stage] ?? g.stage}
                  {g.account !== undefined ? ` in ${accountLabel(g.account)}` : ''}:
                </span>{' '}
                {g.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      {result.blockers.length > 0 && (
        <div data-testid="fix.blockers">
          <h4 className="text-xs font-semibold">No change inside this scenario can {result.direction === 'allow' ? 'allow' : 'deny'} it</h4>
          <ul className="mt-0.5 space-y-1">
            {result.blockers.map((b, i) => (
              <li key={i} className="text-xs">
                {b.text}
                {b.source && <span className="block text-[11px] text-slate-600 dark:text-slate-400">{b.source}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {result.notes.map((n) => (
        <p key={n} className="text-xs text-slate-800 dark:text-slate-200" data-testid="fix.note">
          {n}
        </p>
      ))}
      {result.proposals.length > 0 && (
        <ol className="space-y-2" data-testid="fix.proposals">
          {result.proposals.map((p, i) => (
            <ProposalCard key={p.id} proposal={p} index={i} direction={result.direction} />
          ))}
        </ol>
      )}
    </div>
  );
}

function ProposalCard({ proposal, index, direction }: { readonly proposal: Proposal; readonly index: number; readonly direction: 'allow' | 'deny' }) {
  const [open, setOpen] = useState(index === 0);
  const apply = (): void => {
    useAppStore.getState().applyChanges(
      proposal.changes.map((c) => c.change),
      `Applied: ${proposal.title}. Ctrl+Z undoes it.`,
    );
  };
  const none = proposal.sideEffects.length === 0;
  return (
    <li className="rounded border border-slate-300 bg-white p-2 dark:border-slate-600 dark:bg-slate-900" data-testid={`fix.proposal.${index}`} data-scope={proposal.scope} data-side-effects={proposal.sideEffects.length}>
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <p className="text-xs font-semibold">
            {index === 0 ? 'Recommended: ' : ''}
            {proposal.title}
          </p>
          <p className="mt-0.5 flex flex-wrap gap-1 text-[11px]">
            <span className={`rounded border px-1 ${proposal.scope === 'exact' ? 'border-green-700 text-green-900 dark:border-green-400 dark:text-green-200' : 'border-amber-700 text-amber-900 dark:border-amber-400 dark:text-amber-200'}`}>
              {proposal.scope === 'exact' ? 'Exact: only this request' : 'Wider: reaches beyond this request'}
            </span>
            <span className={`rounded border px-1 ${none ? 'border-green-700 text-green-900 dark:border-green-400 dark:text-green-200' : 'border-amber-700 text-amber-900 dark:border-amber-400 dark:text-amber-200'}`} data-testid={`fix.proposal.${index}.summary`}>
              {none ? 'Changes no other edge' : `Also changes ${proposal.sideEffects.length} other edge${proposal.sideEffects.length === 1 ? '' : 's'}`}
            </span>
          </p>
        </div>
        <button
          type="button"
          className="shrink-0 rounded bg-sky-700 px-2 py-1 text-xs font-semibold text-white hover:bg-sky-800 focus-visible:outline-offset-2 dark:bg-sky-700 dark:hover:bg-sky-800"
          onClick={apply}
          data-testid={`fix.apply.${index}`}
          aria-label={`Apply: ${proposal.title}`}
        >
          Apply
        </button>
      </div>
      {!none && (
        <div className="mt-1">
          <p className="text-[11px] font-semibold">{direction === 'allow' ? 'Applying it also changes:' : 'Denying it this way also changes:'}</p>
          <EdgeChangeList changes={proposal.sideEffects} testId={`fix.proposal.${index}.side-effects`} onSelect={selectEdge} />
        </div>
      )}
      <button type="button" className="link mt-1 text-[11px]" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid={`fix.proposal.${index}.toggle`}>
        {open ? 'Hide the changes' : `Show the changes (${proposal.changes.length} polic${proposal.changes.length === 1 ? 'y' : 'ies'})`}
      </button>
      {open && (
        <ul className="mt-1 space-y-2">
          {proposal.changes.map((c, j) => (
            <li key={j}>
              <p className="text-[11px]">{c.what}</p>
              <PolicyDiffView diff={c.diff} testId={`fix.proposal.${index}.diff.${j}`} />
            </li>
          ))}
          {proposal.notes.map((n) => (
            <li key={n} className="text-[11px] text-slate-700 dark:text-slate-300">
              {n}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
