import { useEffect, useMemo, useRef } from 'react';
import { DECISION_LOOK } from '../canvas/appearance';
import { explainStep, type Decision, type EdgeEvaluation, type StageTrace, type StatementRef, type StatementTrace } from '../engine';
import { useAppStore } from '../store/store';
import { Icon } from '../ui/icons';

const OUTCOME: Record<StageTrace['outcome'], { word: string; icon: 'allowed' | 'denied' | 'implicit' | 'mixed'; cls: string }> = {
  allow: { word: 'passes', icon: 'allowed', cls: 'text-green-800 dark:text-green-300' },
  deny: { word: 'explicit deny', icon: 'denied', cls: 'text-red-800 dark:text-red-300' },
  'no-allow': { word: 'no allow', icon: 'implicit', cls: 'text-amber-800 dark:text-amber-300' },
  'not-applicable': { word: 'not applicable', icon: 'mixed', cls: 'text-slate-500 dark:text-slate-400' },
};

const STAGE_NUMBER: Record<StageTrace['stage'], number> = { 'explicit-deny': 1, rcp: 2, scp: 3, resource: 4, identity: 5, boundary: 6, session: 7 };

function mark(ok: boolean): string {
  return ok ? '✓' : '✕';
}

/** One statement's element-by-element match, in words and marks. */
function StatementLine({ st }: { st: StatementTrace }) {
  const name = st.sid ? `"${st.sid}"` : `#${st.index + 1}`;
  return (
    <li className={`font-mono text-[11px] ${st.applies ? 'font-semibold' : 'text-slate-600 dark:text-slate-400'}`}>
      {st.effect} {name}: action {mark(st.action.matched)} · resource {st.resource.present ? mark(st.resource.matched) : '—'}
      {st.principal ? ` · principal ${mark(st.principal.matched)}${st.principal.kind ? ` (${st.principal.kind})` : ''}` : ''}
      {st.conditions.length > 0 ? ` · conditions ${mark(st.conditionsMatched)}` : ''}
      {st.conditions
        .filter((c) => !c.matched)
        .map((c) => (
          <span key={`${c.operator}:${c.key}`} className="block pl-3 font-normal">
            {c.operator} {c.key}: request {c.requestValues ? JSON.stringify(c.requestValues) : 'absent'} vs {JSON.stringify(c.policyValues)}
          </span>
        ))}
    </li>
  );
}

function FocusLink({ refs }: { refs: readonly StatementRef[] }) {
  const { select, setFocus, scenario } = useAppStore.getState();
  if (refs.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5">
      {refs.map((r) => {
        const owner = r.source.ownerId ?? '';
        // Organization policies are edited on the management account's inspector.
        const org = scenario.organizations.find((o) => o.policies.some((p) => p.id === owner));
        const nodeId = org ? org.managementAccountId : owner;
        return (
          <li key={`${owner}:${r.source.name}:${r.index}`}>
            <button
              type="button"
              className="text-left text-xs text-sky-800 underline decoration-dotted hover:decoration-solid dark:text-sky-300"
              onClick={() => {
                select([nodeId]);
                setFocus({ ownerId: owner, kind: r.source.kind, name: r.source.name, index: r.index });
              }}
            >
              {r.effect} {r.sid ? `"${r.sid}"` : `statement ${r.index + 1}`} of {r.source.name} →
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function Stage({ stage, deciding, inPlay = false }: { stage: StageTrace; deciding: readonly StatementRef[]; inPlay?: boolean }) {
  const o = OUTCOME[stage.outcome];
  const mine = deciding.filter((r) => stage.policies.some((p) => p.source === r.source));
  // Journey playback marks the stage in play (src/panels/journey) and keeps it in view.
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (inPlay) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [inPlay]);
  return (
    <li ref={ref} className={`rounded border p-2 ${inPlay ? 'border-sky-600 ring-2 ring-sky-500 dark:border-sky-400' : 'border-slate-200 dark:border-slate-700'}`} data-stage={stage.stage} data-outcome={stage.outcome} data-in-play={inPlay ? 'true' : undefined}>
      <div className="flex items-center gap-1.5">
        <span className="w-4 text-right text-xs text-slate-500">{STAGE_NUMBER[stage.stage]}.</span>
        <span className={o.cls}>
          <Icon name={o.icon} className="h-3.5 w-3.5" />
        </span>
        <span className="text-xs font-medium">{stage.title}</span>
        <span className={`ml-auto whitespace-nowrap text-[11px] ${o.cls}`}>{o.word}</span>
      </div>
      {stage.note && <p className="ml-6 text-[11px] text-slate-600 dark:text-slate-400">{stage.note}</p>}
      {stage.levels && (
        <p className="ml-6 text-[11px]">
          {stage.levels.map((l) => `${l.label} ${mark(l.allowed)}`).join(' → ')}
        </p>
      )}
      {stage.policies.some((p) => p.statements.length > 0) && (
        <ul className="ml-6 mt-1 space-y-0.5">
          {stage.policies.flatMap((p) => p.statements.map((st) => <StatementLine key={`${p.source.ownerId}:${p.source.name}:${p.source.target ?? ''}:${st.index}`} st={st} />))}
        </ul>
      )}
      <div className="ml-6">
        <FocusLink refs={mine} />
      </div>
    </li>
  );
}

function StepView({ decision, label, multi, inPlay }: { decision: Decision; label: string; multi: boolean; inPlay?: StageTrace['stage'] | undefined }) {
  const look = DECISION_LOOK[decision.allowed ? 'allowed' : decision.decision === 'explicit-deny' ? 'explicit-deny' : 'implicit-deny'];
  const { principalAccount, resourceAccount } = decision.request;
  const sides = decision.crossAccount
    ? ([
        ['principal', `Evaluated in ${principalAccount} — the caller's account`],
        ['resource', `Evaluated in ${resourceAccount ?? 'the resource account'} — the resource's account`],
      ] as const)
    : ([['all', 'Evaluated in one account']] as const);
  const main = decision.stages.filter((s) => s.stage !== 'explicit-deny');
  return (
    <section className="mt-3" aria-label={`Decision for ${label}`}>
      {multi && (
        <h4 className="flex items-center gap-1.5 text-sm font-semibold">
          <Icon name={look.icon} className="h-4 w-4" /> {label}: {look.label.toLowerCase()}
        </h4>
      )}
      <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">
        <span className="font-mono">{decision.request.principal}</span> → <span className="font-semibold">{decision.request.action}</span> on{' '}
        <span className="break-all font-mono">{decision.request.resource}</span>
      </p>
      {multi && <p className="mt-1 text-xs">{decision.summary}</p>}
      <ol className="mt-2 space-y-1">
        <Stage stage={decision.stages[0] as StageTrace} deciding={decision.deciding} />
      </ol>
      {sides.map(([side, title]) => (
        <div key={side} className="mt-2">
          <h5 className={`text-[11px] font-semibold uppercase tracking-wide ${decision.failedAccount && side !== 'all' && (side === 'principal' ? principalAccount : resourceAccount) === decision.failedAccount ? 'text-red-800 dark:text-red-300' : 'text-slate-600 dark:text-slate-400'}`}>
            {title}
            {decision.failedAccount && side !== 'all' && (side === 'principal' ? principalAccount : resourceAccount) === decision.failedAccount ? ' — this evaluation fails' : ''}
          </h5>
          <ol className="mt-1 space-y-1">
            {main
              .filter((s) => side === 'all' || s.side === side)
              .map((s) => (
                <Stage key={s.stage} stage={s} deciding={decision.deciding} inPlay={inPlay === s.stage} />
              ))}
          </ol>
        </div>
      ))}
    </section>
  );
}

/** Why an edge is decided as it is: AWS's evaluation order, both accounts for cross-account requests. */
export function Explanation({ edge }: { edge: EdgeEvaluation }) {
  const evaluation = useAppStore((s) => s.evaluation);
  const traced = useMemo(() => edge.steps.map((s) => ({ label: s.label, decision: explainStep(evaluation, s) })), [edge, evaluation]);
  const look = DECISION_LOOK[edge.status];
  const cursor = useAppStore((s) => s.playbackCursor);
  return (
    <div data-testid="explanation">
      <div className={`flex items-center gap-2 rounded-md border px-2 py-1.5 text-sm font-semibold ${look.chip}`} data-decision={edge.status}>
        <Icon name={look.icon} className="h-4 w-4" /> {look.label}
      </div>
      <p className="mt-2 text-sm" data-testid="explanation-summary">
        {edge.summary}
      </p>
      {traced.map((t, i) => (
        <StepView key={`${t.label}:${i}`} decision={t.decision} label={t.label} multi={traced.length > 1} inPlay={cursor?.evaluationId === edge.id && cursor.stepIndex === i ? cursor.stage : undefined} />
      ))}
    </div>
  );
}
