import type { Actor } from './actors';
import type { Gate } from './gates';
import type { Journey, JourneyRequest, JourneyStep, Swap } from './journey';

/**
 * Reading a built journey at a step: pure functions over the plain data the evaluation worker returns,
 * for the canvas overlay and the journey panel (main thread; no engine here).
 */

/** What a shown gate looks like at a step: `pending` until the token reaches it. */
export type GateView = Gate['state'] | 'pending';

export function gateViewAt(journey: Journey, gate: Gate, step: number): GateView {
  const at = journey.gateSteps[gate.id];
  if (at === undefined || step < at) return 'pending';
  return gate.state;
}

/** The principal a journey starts with, for titles. */
export function originOf(journey: Journey): Actor | undefined {
  return journey.steps[0]?.actor;
}

export interface StepContext {
  readonly current: JourneyStep;
  /** The request in play: the current step's, or the last one before it (at a swap). */
  readonly request?: JourneyRequest;
  /** The latest swap at or before the step. */
  readonly swap?: Swap;
}

export function contextAt(journey: Journey, step: number): StepContext | undefined {
  const current = journey.steps[step];
  if (!current) return undefined;
  let requestIndex = current.request;
  let swapIndex: number | undefined;
  for (let i = step; i >= 0 && (requestIndex === undefined || swapIndex === undefined); i--) {
    const s = journey.steps[i];
    if (requestIndex === undefined && s?.request !== undefined) requestIndex = s.request;
    if (swapIndex === undefined && s?.swap !== undefined) swapIndex = s.swap;
  }
  const request = requestIndex !== undefined ? journey.requests[requestIndex] : undefined;
  const swap = swapIndex !== undefined ? journey.swaps[swapIndex] : undefined;
  return { current, ...(request ? { request } : {}), ...(swap ? { swap } : {}) };
}
