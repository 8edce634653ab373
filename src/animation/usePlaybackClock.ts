import { useEffect } from 'react';
import type { PlaybackState } from '../store/playback';
import type { Journey, StepKind } from '../journey/journey';

/** How long each kind of step stays on screen at speed 1, in milliseconds. */
export const DWELL_MS: Record<StepKind, number> = { start: 1400, gate: 1300, arrive: 1700, swap: 3200, stop: 1500 };

/**
 * Advances a playing journey: after the current step's dwell time (divided by the speed) it calls `tick`.
 * Stepping by hand, pausing or a new journey cancel the pending advance.
 */
export function usePlaybackClock(journey: Journey | undefined, playback: PlaybackState, tick: () => void): void {
  const kind = journey?.steps[playback.step]?.kind;
  useEffect(() => {
    if (!journey || playback.status !== 'playing' || !kind) return;
    const timer = setTimeout(tick, DWELL_MS[kind] / playback.speed);
    return () => clearTimeout(timer);
  }, [journey, playback.status, playback.step, playback.speed, kind, tick]);
}
