import type { GateStatement } from '../../journey/gates';
import type { Journey, JourneyRequest, Swap } from '../../journey/journey';
import { contextAt } from '../../journey/view';
import { ActorBadge, GateList, Section, StatementSnippet } from './parts';

/** The swap: who gave up what, what the session acts with, and what the caller's own requests become. */
export function SwapCard({ swap }: { swap: Swap }) {
  return (
    <Section title={`Identity swap at ${swap.roleName}`} testId="journey.swap">
      <div className="mt-1 flex flex-wrap items-center gap-1.5">
        <ActorBadge actor={swap.from} struck testId="journey.swap.from" />
        <span aria-hidden="true">⇄</span>
        <span className="sr-only">becomes</span>
        <ActorBadge actor={swap.to} testId="journey.swap.to" />
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-2 gap-y-1 text-[11px]">
        <dt className="font-semibold">Given up while the session lasts</dt>
        <dd data-testid="journey.given-up">
          {swap.givenUp.length > 0 ? (
            swap.givenUp.map((n) => (
              <del key={n} className="mr-1.5 rounded bg-slate-100 px-1 decoration-red-600 decoration-2 dark:bg-slate-800 dark:decoration-red-400">
                {n}
              </del>
            ))
          ) : (
            <span className="text-slate-600 dark:text-slate-400">{swap.from.kind === 'service' ? 'nothing: a service principal has no identity policies' : 'no identity policies'}</span>
          )}
        </dd>
        <dt className="font-semibold">Now acting with</dt>
        <dd data-testid="journey.taken-on">
          {swap.takenOn.length > 0 ? (
            swap.takenOn.map((n) => (
              <span key={n} className="mr-1.5 rounded bg-violet-100 px-1 font-medium text-violet-950 dark:bg-violet-900 dark:text-violet-50">
                {n}
              </span>
            ))
          ) : (
            <span>no identity policies: the session may do nothing that a resource policy does not grant it</span>
          )}
          {swap.caps.length > 0 && <span className="block text-slate-700 dark:text-slate-300">capped by {swap.caps.join(' and ')}</span>}
        </dd>
      </dl>
      {swap.reach.length > 0 && (
        <div className="mt-2">
          <p className="text-[11px] font-semibold">What {swap.from.label} could do on its own, tried as the session (engine):</p>
          <ul className="mt-1 space-y-1" data-testid="journey.reach">
            {swap.reach.map((r) => {
              const lost = r.asCaller.allowed && !r.asSession.allowed;
              return (
                <li key={`${r.edgeId}:${r.action}`} className={`rounded border px-1.5 py-1 text-[11px] ${lost ? 'border-red-700 bg-red-50 dark:border-red-400 dark:bg-red-950/50' : 'border-slate-300 dark:border-slate-600'}`} data-lost={lost ? 'true' : undefined}>
                  <span className="font-medium">
                    {r.action} on {r.resourceLabel}
                  </span>
                  : as {swap.from.label} {r.asCaller.allowed ? '✓ allowed' : '✕ denied'}; as the session {r.asSession.allowed ? '✓ allowed' : '✕ denied'}
                  {lost && <span className="font-semibold"> — lost while the session lasts</span>}
                  {!r.asSession.allowed && <span className="mt-0.5 block text-slate-700 dark:text-slate-300">{r.asSession.summary}</span>}
                  {r.note && <span className="mt-0.5 block italic text-slate-700 dark:text-slate-300" data-testid="journey.reach-note">{r.note}</span>}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </Section>
  );
}

function statementsAt(request: JourneyRequest | undefined, gate: number | undefined, arrived: boolean): readonly GateStatement[] {
  if (!request) return [];
  if (gate !== undefined) return request.gates[gate]?.statements ?? [];
  return arrived ? request.deciding : [];
}

/** Who is acting and what is happening now (the live narration). */
export function JourneyNow({ journey, step, narrationId }: { journey: Journey; step: number; narrationId?: string }) {
  const ctx = contextAt(journey, step);
  if (!ctx) return null;
  const { current, request } = ctx;
  const leg = journey.legs[current.leg];
  const finished = step === journey.steps.length - 1;
  // At a swap the session's first request is next: its note explains which session name the badge shows.
  const note = current.kind === 'swap' ? journey.requests[(request?.index ?? -1) + 1]?.note : request?.note;
  return (
    <div>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-[11px] font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">Now acting</span>
        <ActorBadge actor={current.actor} testId="journey.acting" />
      </div>
      {note && (
        <div className="mt-1.5 rounded border border-amber-600 bg-amber-50 px-2 py-1 text-[11px] leading-snug text-amber-950 dark:border-amber-400 dark:bg-amber-950/60 dark:text-amber-50" data-testid="journey.session-note">
          <p>
            <span aria-hidden="true">⚠ </span>
            {note.text}
          </p>
          <details className="mt-0.5">
            <summary className="cursor-pointer font-medium">The engine, for the chosen name</summary>
            <p className="mt-0.5">{note.named}</p>
          </details>
        </div>
      )}
      <p id={narrationId} className="mt-2 rounded bg-slate-100 px-2 py-1.5 text-xs leading-snug dark:bg-slate-800" role="status" aria-live="polite" data-testid="journey.narration" data-step-kind={current.kind}>
        {current.kind === 'start' || current.kind === 'swap' ? <span className="sr-only">Now acting: {current.actor.badge}. </span> : null}
        {current.text}
      </p>
      {journey.legs.length > 1 && leg && (
        <p className="mt-1 text-[11px] text-slate-600 dark:text-slate-400">
          Part {current.leg + 1} of {journey.legs.length}: {leg.title}
        </p>
      )}
      {finished && (
        <Section title="Result (engine)" testId="journey.result">
          <ul className="mt-1 space-y-1">
            {journey.legs.map((l, i) => (
              <li key={i} className={`text-xs ${l.outcome === 'allowed' ? 'text-green-900 dark:text-green-200' : 'text-red-900 dark:text-red-200'}`} data-outcome={l.outcome}>
                <span aria-hidden="true" className="font-bold">
                  {l.outcome === 'allowed' ? '✓' : '✕'}
                </span>{' '}
                {journey.legs.length > 1 && <span className="font-semibold">{l.title}: </span>}
                {l.summary}
              </li>
            ))}
          </ul>
        </Section>
      )}
    </div>
  );
}

/** The evidence for the current step: the gates, the statement in play, the swap. */
export function JourneyEvidence({ journey, step }: { journey: Journey; step: number }) {
  const ctx = contextAt(journey, step);
  if (!ctx) return null;
  const { current, request, swap } = ctx;
  const gate = current.gate !== undefined && request ? request.gates[current.gate] : undefined;
  const refs = statementsAt(request, current.gate, current.kind === 'arrive');
  return (
    <div>
      {swap && current.kind === 'swap' && <SwapCard swap={swap} />}
      {request && <GateList journey={journey} request={request} step={step} {...(current.gate !== undefined ? { currentGate: current.gate } : {})} />}
      {gate && refs.length === 0 && current.kind === 'stop' && <p className="mt-2 text-[11px]">No statement of this stage allows the request: that is an implicit deny.</p>}
      <StatementSnippet refs={refs} {...(current.kind === 'arrive' ? { title: 'Statements that allowed it' } : {})} />
      {swap && current.kind !== 'swap' && <SwapCard swap={swap} />}
    </div>
  );
}
