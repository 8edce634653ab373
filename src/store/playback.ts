import type { StageName } from '../engine';
import type { ChainHop } from '../journey/chain';
import type { JourneyRoute } from '../journey/routes';

/**
 * The playback slice: which journey is picked and where its playback stands. The journey itself is built
 * by the engine's side (src/journey, in the evaluation worker) and kept by the store beside this slice;
 * this slice holds only the pick and a small state machine over step numbers; commands that move forward
 * take the journey's step count.
 */

/** The picked journey: the drawn edges it follows (see src/animation/journey.ts `JourneyRoute`). */
export interface JourneyPick {
  /** The edge or rule target the user picked. */
  readonly picked: string;
  readonly edges: readonly string[];
  readonly action?: string;
  /** A role chain from the access analysis (see `JourneyRoute.chain`). */
  readonly chain?: readonly ChainHop[];
}

/** The route a pick follows. */
export function routeOf(pick: JourneyPick): JourneyRoute {
  return { edges: pick.edges, ...(pick.action !== undefined ? { action: pick.action } : {}), ...(pick.chain ? { chain: pick.chain } : {}) };
}

export type PlaybackStatus = 'idle' | 'playing' | 'paused' | 'finished';

export interface PlaybackState {
  readonly status: PlaybackStatus;
  readonly step: number;
  /** Playback speed factor: 0.5, 1, 2 or 4. */
  readonly speed: number;
}

export const SPEEDS: readonly number[] = [0.5, 1, 2, 4];

export type PlaybackCommand =
  | { readonly type: 'play'; readonly total: number }
  | { readonly type: 'pause' }
  | { readonly type: 'toggle'; readonly total: number }
  /** The clock's advance while playing: keeps playing, finishes on the last step. */
  | { readonly type: 'tick'; readonly total: number }
  /** Step forward by hand: pauses (or finishes on the last step). */
  | { readonly type: 'forward'; readonly total: number }
  | { readonly type: 'back' }
  | { readonly type: 'seek'; readonly step: number; readonly total: number }
  | { readonly type: 'replay'; readonly total: number }
  | { readonly type: 'speed'; readonly speed: number }
  | { readonly type: 'reset' };

export const INITIAL_PLAYBACK: PlaybackState = { status: 'idle', step: 0, speed: 1 };

function at(state: PlaybackState, step: number, total: number, moving: boolean): PlaybackState {
  const last = Math.max(0, total - 1);
  const s = Math.min(last, Math.max(0, step));
  const status: PlaybackStatus = s >= last ? 'finished' : moving ? 'playing' : 'paused';
  return s === state.step && status === state.status ? state : { ...state, step: s, status };
}

/** The playback state machine: idle → playing ⇄ paused → finished, and back by replay or stepping. */
export function playbackReducer(state: PlaybackState, command: PlaybackCommand): PlaybackState {
  switch (command.type) {
    case 'play':
      if (command.total <= 1) return at(state, 0, command.total, false);
      // Playing a finished journey starts it over.
      return state.status === 'finished' ? { ...state, status: 'playing', step: 0 } : { ...state, status: 'playing' };
    case 'pause':
      return state.status === 'playing' ? { ...state, status: 'paused' } : state;
    case 'toggle':
      return state.status === 'playing' ? playbackReducer(state, { type: 'pause' }) : playbackReducer(state, { type: 'play', total: command.total });
    case 'tick':
      return state.status === 'playing' ? at(state, state.step + 1, command.total, true) : state;
    case 'forward':
      return at(state, state.step + 1, command.total, false);
    case 'back':
      return state.step === 0 && state.status !== 'playing' ? state : { ...state, step: Math.max(0, state.step - 1), status: 'paused' };
    case 'seek':
      return at(state, command.step, command.total, false);
    case 'replay':
      return command.total <= 1 ? at(state, 0, command.total, false) : { ...state, step: 0, status: 'playing' };
    case 'speed':
      return SPEEDS.includes(command.speed) ? { ...state, speed: command.speed } : state;
    case 'reset':
      return { ...INITIAL_PLAYBACK, speed: state.speed };
  }
}

/** What the explanation panel shows in sync with playback: the request and stage in play. */
export interface PlaybackCursor {
  /** Edge or rule target id whose evaluation the current request belongs to. */
  readonly evaluationId: string;
  /** Index of the request among that evaluation's steps. */
  readonly stepIndex: number;
  readonly stage?: StageName;
}

export interface PlaybackSlice {
  readonly journeyPick?: JourneyPick;
  /** Play as soon as the picked journey has been built. */
  readonly journeyAutoplay: boolean;
  readonly playback: PlaybackState;
  /** The user's `prefers-reduced-motion: reduce`, kept live. */
  readonly reducedMotion: boolean;
  readonly playbackCursor?: PlaybackCursor;
  /**
   * Picks a journey (or closes it with `undefined`); playback starts over at the first step, paused, or
   * playing once the journey is built when `play` is set.
   */
  readonly pickJourney: (pick?: JourneyPick, play?: boolean) => void;
  readonly playbackCommand: (command: PlaybackCommand) => void;
  readonly setReducedMotion: (reduced: boolean) => void;
  readonly setPlaybackCursor: (cursor?: PlaybackCursor) => void;
}

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

function reducedMotionQuery(): MediaQueryList | undefined {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(REDUCED_MOTION) : undefined;
}

type Set = (partial: Partial<PlaybackSlice> | ((s: PlaybackSlice) => Partial<PlaybackSlice>)) => void;

/** The slice, for the app store's initializer. */
export function createPlaybackSlice(set: Set): PlaybackSlice {
  return {
    playback: INITIAL_PLAYBACK,
    journeyAutoplay: false,
    reducedMotion: reducedMotionQuery()?.matches ?? false,
    pickJourney: (pick, play = false) => set((s) => ({ journeyPick: pick, journeyAutoplay: !!pick && play, playback: playbackReducer(s.playback, { type: 'reset' }), playbackCursor: undefined })),
    playbackCommand: (command) =>
      set((s) => {
        const next = playbackReducer(s.playback, command);
        return next === s.playback ? {} : { playback: next };
      }),
    setReducedMotion: (reducedMotion) => set({ reducedMotion }),
    setPlaybackCursor: (playbackCursor) => set({ playbackCursor }),
  };
}

/** Keeps `reducedMotion` in step with the system setting; returns a function that stops listening. */
export function followReducedMotion(setReducedMotion: (reduced: boolean) => void): () => void {
  const query = reducedMotionQuery();
  if (!query) return () => undefined;
  const onChange = (e: MediaQueryListEvent): void => setReducedMotion(e.matches);
  query.addEventListener('change', onChange);
  setReducedMotion(query.matches);
  return () => query.removeEventListener('change', onChange);
}
