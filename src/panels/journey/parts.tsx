import type { ReactNode } from 'react';
import { ACTOR_TONE, GATE_LOOK } from '../../animation/JourneyOverlay';
import type { Actor } from '../../journey/actors';
import type { GateStatement } from '../../journey/gates';
import type { Journey, JourneyRequest } from '../../journey/journey';
import { statementName } from '../../journey/statements';
import { gateViewAt } from '../../journey/view';
import { SPEEDS, type PlaybackCommand, type PlaybackState } from '../../store/playback';
import { Glyph } from './glyph';

/** Pieces of the journey panel, shared by the canvas panel and the compare view. */

const BUTTON_BASE = 'inline-flex h-8 min-w-8 items-center justify-center gap-1 rounded-md border px-2 text-xs font-medium disabled:opacity-40';
const BUTTON = `${BUTTON_BASE} border-slate-300 bg-white hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700`;
const PRIMARY = `${BUTTON_BASE} min-w-[5.5rem] border-sky-700 bg-sky-700 text-white hover:bg-sky-800 dark:border-sky-400 dark:bg-sky-700 dark:hover:bg-sky-800`;

export function Transport({
  playback,
  total,
  onCommand,
  label = 'journey',
  testId = 'journey',
}: {
  playback: PlaybackState;
  total: number;
  onCommand: (c: PlaybackCommand) => void;
  label?: string;
  testId?: string;
}) {
  const playing = playback.status === 'playing';
  return (
    <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label={`Playback of the ${label}`}>
      <button type="button" className={BUTTON} aria-label="Step back" title="Step back (←)" disabled={playback.step === 0} onClick={() => onCommand({ type: 'back' })} data-testid={`${testId}.back`}>
        <Glyph name="back" />
      </button>
      <button
        type="button"
        className={PRIMARY}
        aria-label={playing ? `Pause the ${label}` : `Play the ${label}`}
        title={playing ? 'Pause (Space)' : 'Play (Space)'}
        onClick={() => onCommand({ type: 'toggle', total })}
        data-testid={`${testId}.play`}
      >
        <Glyph name={playing ? 'pause' : 'play'} /> {playing ? 'Pause' : 'Play'}
      </button>
      <button
        type="button"
        className={BUTTON}
        aria-label="Step forward"
        title="Step forward (→)"
        disabled={playback.step >= total - 1}
        onClick={() => onCommand({ type: 'forward', total })}
        data-testid={`${testId}.forward`}
      >
        <Glyph name="forward" />
      </button>
      <button type="button" className={BUTTON} aria-label={`Replay the ${label}`} title="Replay" onClick={() => onCommand({ type: 'replay', total })} data-testid={`${testId}.replay`}>
        <Glyph name="replay" />
      </button>
      <label className="ml-1 flex items-center gap-1 text-xs text-slate-700 dark:text-slate-300">
        Speed
        <select
          className="h-8 rounded-md border border-slate-300 bg-white px-1 text-xs dark:border-slate-600 dark:bg-slate-800"
          value={playback.speed}
          onChange={(e) => onCommand({ type: 'speed', speed: Number(e.target.value) })}
          data-testid={`${testId}.speed`}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <span className="ml-auto text-[11px] tabular-nums text-slate-600 dark:text-slate-400" data-testid={`${testId}.progress`} data-status={playback.status}>
        Step {Math.min(playback.step + 1, total)} of {total}
        {playback.status === 'finished' ? ' · end' : ''}
      </span>
    </div>
  );
}

/** Keyboard: Space / K play and pause, ← → step, Home replays. For the panel's container. */
export function transportKeys(total: number, onCommand: (c: PlaybackCommand) => void) {
  return (e: React.KeyboardEvent): void => {
    const target = e.target as HTMLElement;
    if (target.tagName === 'SELECT' || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA') return;
    if (e.key === ' ' || e.key === 'k') {
      if (target.tagName === 'BUTTON' && e.key === ' ') return; // the button's own click
      e.preventDefault();
      onCommand({ type: 'toggle', total });
    } else if (e.key === 'ArrowRight') {
      e.preventDefault();
      onCommand({ type: 'forward', total });
    } else if (e.key === 'ArrowLeft') {
      e.preventDefault();
      onCommand({ type: 'back' });
    } else if (e.key === 'Home') {
      e.preventDefault();
      onCommand({ type: 'replay', total });
    }
  };
}

export function ActorBadge({ actor, struck = false, testId }: { actor: Actor; struck?: boolean; testId?: string }) {
  const tone = ACTOR_TONE[actor.kind];
  return (
    <span className={`inline-flex max-w-full flex-col rounded-lg border-2 px-2 py-0.5 text-xs font-semibold ${tone.badge} ${struck ? 'line-through decoration-2 opacity-70' : ''}`} data-testid={testId} data-actor-kind={actor.kind}>
      <span className="break-words">{actor.badge}</span>
      {/* Struck out, the badge is already faded: its kind word is not faded again (4.5:1 contrast kept). */}
      <span className={`text-[10px] font-medium uppercase tracking-wide no-underline ${struck ? '' : 'opacity-80'}`}>{tone.word}</span>
    </span>
  );
}

/** A policy statement's JSON, keys tinted, in a highlighted box. Rendered as text nodes only. */
export function StatementSnippet({ refs, title }: { refs: readonly GateStatement[]; title?: string }) {
  const shown = refs.slice(0, 2);
  if (shown.length === 0) return null;
  return (
    <div className="mt-2" data-testid="journey.statement">
      <h4 className="text-[11px] font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">{title ?? 'Statement in play'}</h4>
      {shown.map(({ ref, json }) => {
        return (
          <figure key={`${ref.source.kind}:${ref.source.ownerId ?? ''}:${ref.source.name}:${ref.index}`} className="mt-1">
            <figcaption className="text-[11px] font-medium">
              {ref.effect} {statementName(ref)}
            </figcaption>
            {json && (
              <pre
                className={`mt-0.5 max-h-40 overflow-auto rounded border-l-4 px-2 py-1 font-mono text-[10.5px] leading-snug ${ref.effect === 'Deny' ? 'border-red-600 bg-red-50 dark:border-red-400 dark:bg-red-950/60' : 'border-amber-500 bg-amber-50 dark:border-amber-400 dark:bg-amber-950/40'}`}
              >
                {json.split('\n').map((line, i) => {
                  const m = /^(\s*)("[^"]*")(:\s?)(.*)$/.exec(line);
                  return (
                    <span key={i} className="block">
                      {m ? (
                        <>
                          {m[1]}
                          <span className="text-sky-800 dark:text-sky-300">{m[2]}</span>
                          {m[3]}
                          {m[4]}
                        </>
                      ) : (
                        line
                      )}
                    </span>
                  );
                })}
              </pre>
            )}
          </figure>
        );
      })}
      {refs.length > shown.length && <p className="text-[11px] text-slate-600 dark:text-slate-400">and {refs.length - shown.length} more</p>}
    </div>
  );
}

/**
 * The gates of one request as a row of chips in the engine's stage order (stages that do not apply are
 * dimmed), and below it what the current gate says.
 */
export function GateList({ journey, request, step, currentGate }: { journey: Journey; request: JourneyRequest; step: number; currentGate?: number }) {
  const focus = currentGate !== undefined ? request.gates[currentGate] : request.gates.find((g) => g.state === 'denied' && gateViewAt(journey, g, step) === 'denied');
  return (
    <section aria-label={`Checks for ${request.action}`}>
      <h4 className="text-[11px] font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
        Checks for {request.action} on {request.resourceLabel}
      </h4>
      <ol className="mt-1 flex flex-wrap gap-1">
        {request.gates.map((g, i) => {
          const view = g.state === 'skipped' ? 'skipped' : gateViewAt(journey, g, step);
          const look = GATE_LOOK[view];
          return (
            <li
              key={g.id}
              className={`flex items-center gap-1 rounded border px-1.5 py-0.5 text-[11px] ${look.cls} ${i === currentGate ? 'ring-2 ring-sky-500' : ''} ${view === 'skipped' ? 'opacity-75' : ''}`}
              data-testid={`journey.gate-row.${g.id}`}
              data-gate-state={view}
              aria-current={i === currentGate ? 'step' : undefined}
              title={`${g.title}: ${look.word}${g.note ? ` — ${g.note}` : ''}`}
            >
              <span aria-hidden="true" className="font-bold">
                {look.mark}
              </span>
              {g.label}
              <span className="sr-only">: {look.word}</span>
            </li>
          );
        })}
      </ol>
      {focus && (
        <p className="mt-1 text-[11px]" data-testid="journey.gate-detail">
          <span className="font-medium">{focus.title}</span> — {GATE_LOOK[gateViewAt(journey, focus, step)].word}
          {focus.note && (gateViewAt(journey, focus, step) !== 'passed' || focus.stage === 'aws-rule') ? `. ${focus.note}` : ''}
        </p>
      )}
    </section>
  );
}

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="mt-3 border-t border-slate-200 pt-2 dark:border-slate-700" data-testid={testId}>
      <h4 className="text-[11px] font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">{title}</h4>
      {children}
    </section>
  );
}
