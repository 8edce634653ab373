import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { DECISION_LOOK } from '../canvas/appearance';
import type { Decision, StageTrace, StatementRef, StatementTrace } from '../engine';
import type { EdgeVerdict } from '../graph/verdict';
import { policyCaption } from '../model';
import type { StepExplanation } from '../store/evaluationProtocol';
import { useAppStore } from '../store/store';
import { Icon } from '../ui/icons';
import { LoadBoundary } from '../ui/LoadBoundary';

// Proposals are asked of the worker and drawn on demand: their panel (and its diff view) is its own chunk.
const EdgeFixes = lazy(() => import('./fix/EdgeFixes'));

const OUTCOME: Record<StageTrace['outcome'], { word: string; icon: 'allowed' | 'denied' | 'implicit' | 'mixed'; cls: string }> = {
  allow: { word: 'allows', icon: 'allowed', cls: 'text-green-800 dark:text-green-300' },
  deny: { word: 'explicit deny', icon: 'denied', cls: 'text-red-800 dark:text-red-300' },
  'no-allow': { word: 'no allow', icon: 'implicit', cls: 'text-amber-800 dark:text-amber-300' },
  'not-applicable': { word: 'does not apply', icon: 'mixed', cls: 'text-slate-600 dark:text-slate-400' },
};

/**
 * AWS's order: explicit deny, RCPs, SCPs, resource-based policy, identity policies, boundary, session. A rule
 * outside the policy documents (`aws-rule`) has no number: it stands before the order, and only when it
 * decides.
 */
const STAGE_NUMBER: Partial<Record<StageTrace['stage'], number>> = { 'explicit-deny': 1, rcp: 2, scp: 3, resource: 4, identity: 5, boundary: 6, session: 7 };

const mark = (ok: boolean): string => (ok ? '✓' : '✕');

/** One statement's element-by-element match, in words and marks. */
function StatementLine({ st }: { st: StatementTrace }) {
  const name = st.sid ? `"${st.sid}"` : `#${st.index + 1}`;
  return (
    <li className={`font-mono text-[11px] ${st.applies ? 'font-semibold' : 'text-slate-600 dark:text-slate-400'}`}>
      {st.effect} {name}: action {mark(st.action.matched)} · resource {st.resource.present ? mark(st.resource.matched) : '—'}
      {st.principal ? ` · principal ${mark(st.principal.matched)}${st.principal.kind ? ` (${st.principal.kind})` : ''}` : ''}
      {st.principal?.malformed !== undefined && (
        <span className="block pl-3 font-normal" data-testid="explanation.malformed-principal">
          names no one: the principal is written as {st.principal.malformed}, and only &quot;*&quot; may be a plain string
        </span>
      )}
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

/** Links that select the policy's owner and highlight the statement in its editor. */
function FocusLinks({ refs }: { refs: readonly StatementRef[] }) {
  if (refs.length === 0) return null;
  const seen = new Set<string>();
  // A policy that belongs to nothing drawn (the access analysis's stand-in for an outsider's own account)
  // has nothing to show.
  const unique = refs.filter((r) => r.source.ownerId !== undefined).filter((r) => {
    const key = `${r.source.ownerId ?? ''}:${r.source.via?.groupId ?? ''}:${r.source.name}:${r.index}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return (
    <ul className="mt-1 space-y-0.5">
      {unique.map((r) => {
        const owner = r.source.ownerId ?? '';
        return (
          <li key={`${owner}:${r.source.via?.groupId ?? ''}:${r.source.name}:${r.index}`}>
            <button
              type="button"
              className="link text-left text-xs"
              data-testid="explanation.statement-link"
              onClick={() => {
                const { select, setFocus, scenario } = useAppStore.getState();
                // Organization policies are edited on their organization; everything else on its owner (a group's
                // policy on the group, a managed policy on its own entry: the inspector opens either).
                const org = scenario.organizations.find((o) => o.policies.some((p) => p.id === owner));
                select([org ? org.id : owner]);
                setFocus({ ownerId: owner, kind: r.source.kind, name: r.source.name, index: r.index });
              }}
            >
              Show {r.effect} {r.sid ? `"${r.sid}"` : `statement ${r.index + 1}`} in {policyCaption(r.source)} →
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** "Explicit deny in any policy" passes when nothing denies: worded so it never reads "explicit deny … allows". */
const EXPLICIT_DENY_WORD: Partial<Record<StageTrace['outcome'], string>> = { allow: 'no Deny', deny: 'denied' };
/** A rule outside the policy documents either needs no permission or is AWS refusing: never an explicit Deny. */
const AWS_RULE_WORD: Partial<Record<StageTrace['outcome'], string>> = { allow: 'allowed', deny: 'refused by AWS' };

function Stage({ stage, deciding, inPlay = false }: { stage: StageTrace; deciding: readonly StatementRef[]; inPlay?: boolean }) {
  const look = OUTCOME[stage.outcome];
  const words = stage.stage === 'explicit-deny' ? EXPLICIT_DENY_WORD : stage.stage === 'aws-rule' ? AWS_RULE_WORD : undefined;
  const o = words ? { ...look, word: words[stage.outcome] ?? look.word } : look;
  const number = STAGE_NUMBER[stage.stage];
  // Journey playback (src/panels/journey) marks the stage in play and keeps it in view.
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (inPlay) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [inPlay]);
  const mine = deciding.filter((r) => stage.policies.some((p) => p.source === r.source) || stage.levels?.some((l) => l.policies.some((p) => p.source === r.source)));
  // Several policies in one stage (SCPs at each level, several identity policies): each one's statements
  // are captioned with its name, and for an organization policy the level it is attached to.
  const captioned = stage.policies.length > 1 || !!stage.levels;
  const groups = stage.policies
    .filter((p) => p.statements.length > 0)
    .map((p) => {
      const level = p.source.target !== undefined ? stage.levels?.find((l) => l.target === p.source.target)?.label ?? p.source.target : undefined;
      return { key: `${p.source.ownerId}:${p.source.via?.groupId ?? ''}:${p.source.name}:${p.source.target ?? ''}`, caption: level ? `${p.source.name} on ${level}` : policyCaption(p.source), p };
    });
  return (
    <li
      ref={ref}
      className={`rounded border bg-white p-2 dark:bg-slate-950 ${inPlay ? 'border-sky-600 ring-2 ring-sky-500 dark:border-sky-400' : 'border-slate-300 dark:border-slate-700'}`}
      data-stage={stage.stage}
      data-outcome={stage.outcome}
      data-in-play={inPlay ? 'true' : undefined}
      aria-current={inPlay ? 'step' : undefined}
    >
      <div className="flex items-start gap-1.5">
        {inPlay && <span className="sr-only">In play in the journey: </span>}
        <span className="w-4 shrink-0 text-right text-xs text-slate-600 dark:text-slate-400">{number !== undefined ? `${number}.` : ''}</span>
        <span className={`shrink-0 ${o.cls}`}>
          <Icon name={o.icon} className="h-4 w-4" />
        </span>
        <span className="text-xs font-medium">{stage.title}</span>
        <span className={`ml-auto whitespace-nowrap text-[11px] font-medium ${o.cls}`}>{o.word}</span>
      </div>
      {stage.note && <p className="ml-6 text-[11px] text-slate-700 dark:text-slate-300">{stage.note}</p>}
      {stage.levels && <p className="ml-6 text-[11px]">{stage.levels.map((l) => `${l.label} ${mark(l.allowed)}`).join(' → ')}</p>}
      {groups.map(({ key, caption, p }) => (
        <div key={key} className="ml-6 mt-1" data-testid="explanation.policy">
          {captioned && <p className="text-[11px] text-slate-700 dark:text-slate-300">{caption}</p>}
          <ul className="space-y-0.5">
            {p.statements.map((st) => (
              <StatementLine key={st.index} st={st} />
            ))}
          </ul>
        </div>
      ))}
      <div className="ml-6">
        <FocusLinks refs={mine} />
      </div>
    </li>
  );
}

/** "Account A (111111111111)" for an account drawn on the canvas, else the bare id. */
function useAccountLabel(): (id: string | undefined) => string {
  const accounts = useAppStore((s) => s.scenario.accounts);
  return (id) => {
    if (id === undefined) return 'the resource account';
    const name = accounts.find((a) => a.id === id)?.name;
    return name && name !== id ? `${name} (${id})` : id;
  };
}

/** One request's decision, stage by stage in AWS's order (both accounts' for a cross-account request). */
export function StepView({ decision, label, multi, inPlay }: { decision: Decision; label: string; multi: boolean; inPlay?: StageTrace['stage'] | undefined }) {
  const look = DECISION_LOOK[decision.allowed ? 'allowed' : decision.decision === 'explicit-deny' ? 'explicit-deny' : 'implicit-deny'];
  const { principalAccount, resourceAccount } = decision.request;
  const accountLabel = useAccountLabel();
  const sides = decision.crossAccount
    ? ([
        ['principal', `In ${accountLabel(principalAccount)} — the caller’s account`, principalAccount],
        ['resource', `In ${accountLabel(resourceAccount)} — the resource’s account`, resourceAccount],
      ] as const)
    : ([['all', 'In one account: the policies are evaluated together', undefined]] as const);
  // Shown above both accounts: a rule outside the policy documents (when one decides), then the explicit deny.
  const before = decision.stages.filter((s) => s.stage === 'aws-rule' || s.stage === 'explicit-deny');
  return (
    <section className="mt-3" aria-label={`Decision for ${label}`} data-testid={`explanation.step.${label}`} data-decision={decision.allowed ? 'allowed' : decision.decision}>
      {multi && (
        <h4 className="flex items-center gap-1.5 text-sm font-semibold">
          <Icon name={look.icon} className="h-4 w-4" /> {label}: {look.label.toLowerCase()}
        </h4>
      )}
      <p className="mt-1 break-words text-xs text-slate-700 dark:text-slate-300">
        <span className="font-mono">{decision.request.principal}</span> → <span className="font-semibold">{decision.request.action}</span> on <span className="break-all font-mono">{decision.request.resource}</span>
      </p>
      {multi && <p className="mt-1 text-xs">{decision.summary}</p>}
      {before.length > 0 && (
        <ol className="mt-2 space-y-1">
          {before.map((s) => (
            <Stage key={s.stage} stage={s} deciding={decision.deciding} inPlay={inPlay === s.stage} />
          ))}
        </ol>
      )}
      {sides.map(([side, title, account]) => {
        // Every failing side: a cross-account request that neither account allows fails in both.
        const failed = side !== 'all' && (decision.failedSides ? decision.failedSides.some((f) => f.side === side) : decision.failedAccount !== undefined && account === decision.failedAccount);
        return (
          <div key={side} className="mt-2" data-side={side} data-failed={failed ? 'true' : undefined}>
            <h5 className={`text-[11px] font-semibold uppercase tracking-wide ${failed ? 'text-red-800 dark:text-red-300' : 'text-slate-600 dark:text-slate-400'}`}>
              {title}
              {failed ? ' — this evaluation fails' : ''}
            </h5>
            <ol className="mt-1 space-y-1">
              {decision.stages
                .filter((s) => s.stage !== 'explicit-deny' && s.stage !== 'aws-rule' && (side === 'all' || s.side === side))
                .map((s) => (
                  <Stage key={s.stage} stage={s} deciding={decision.deciding} inPlay={inPlay === s.stage} />
                ))}
            </ol>
          </div>
        );
      })}
    </section>
  );
}

/** Asks the evaluation worker for the full trace of an edge, again whenever its verdict changes. */
function useTrace(edgeId: string, verdict: EdgeVerdict | undefined): StepExplanation[] | undefined {
  const [trace, setTrace] = useState<{ verdict: EdgeVerdict; steps: StepExplanation[] | undefined }>();
  useEffect(() => {
    if (!verdict) return;
    let live = true;
    void useAppStore
      .getState()
      .explain(edgeId)
      .then(
        (steps) => live && setTrace({ verdict, steps }),
        () => live && setTrace({ verdict, steps: undefined }),
      );
    return () => {
      live = false;
    };
  }, [edgeId, verdict]);
  return trace && trace.verdict === verdict ? trace.steps : undefined;
}

/**
 * "How to allow it" on a denied edge, "Should be denied?" on an allowed one: opens the proposals (the smallest
 * changes that decide the edge the other way, each previewed over the whole scenario).
 */
function FixToggle({ edgeId, verdict }: { readonly edgeId: string; readonly verdict: EdgeVerdict }) {
  const [open, setOpen] = useState<string>();
  if (verdict.status === 'invalid') return null;
  const denied = verdict.status !== 'allowed';
  // Open for this edge in this direction: once a proposal turns the edge, the section closes and the button
  // offers the other direction.
  const key = `${edgeId}:${denied ? 'allow' : 'deny'}`;
  const shown = open === key;
  return (
    <div className="mt-2">
      <button
        type="button"
        className={`rounded border px-2 py-1 text-xs font-semibold ${denied ? 'border-sky-700 bg-sky-700 text-white hover:bg-sky-800 dark:border-sky-500 dark:bg-sky-700' : 'border-slate-400 bg-white text-slate-800 hover:bg-slate-100 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800'}`}
        aria-expanded={shown}
        onClick={() => setOpen(shown ? undefined : key)}
        data-testid="fix.toggle"
      >
        {shown ? 'Hide the proposals' : denied ? 'How to allow it…' : 'Should be denied?…'}
      </button>
      {shown && (
        <LoadBoundary what="proposals">
          <Suspense fallback={<p className="mt-2 text-xs">Loading…</p>}>
            <EdgeFixes edgeId={edgeId} verdict={verdict} />
          </Suspense>
        </LoadBoundary>
      )}
    </div>
  );
}

/** Why an edge is decided as it is: AWS's evaluation order, both accounts for cross-account requests. */
export function Explanation({ edgeId }: { edgeId: string }) {
  const verdict = useAppStore((s) => s.verdicts.get(edgeId));
  const steps = useTrace(edgeId, verdict);
  const cursor = useAppStore((s) => s.playbackCursor);
  if (!verdict) return <p className="text-sm text-slate-700 dark:text-slate-300">Deciding…</p>;
  const look = DECISION_LOOK[verdict.status];
  return (
    <div data-testid="explanation">
      <div className={`flex items-center gap-2 rounded-md border px-2 py-1.5 text-sm font-semibold ${look.chip}`} data-decision={verdict.status} data-testid="explanation.decision">
        <Icon name={look.icon} className="h-4 w-4" /> {look.label}
      </div>
      <p className="mt-2 text-sm" data-testid="explanation.summary">
        {verdict.summary}
      </p>
      <FixToggle edgeId={edgeId} verdict={verdict} />
      {verdict.steps.length > 0 && !steps && <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">Tracing each policy…</p>}
      {steps?.map((t, i) => (
        <StepView key={`${t.label}:${i}`} decision={t.decision} label={t.label} multi={steps.length > 1} inPlay={cursor?.evaluationId === edgeId && cursor.stepIndex === i ? cursor.stage : undefined} />
      ))}
    </div>
  );
}
