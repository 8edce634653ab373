import { describe, expect, it } from 'vitest';
import { createPlaybackSlice, INITIAL_PLAYBACK, playbackReducer, type PlaybackSlice, type PlaybackState } from './playback';

const run = (state: PlaybackState, ...commands: Parameters<typeof playbackReducer>[1][]): PlaybackState => commands.reduce(playbackReducer, state);

describe('playback state machine', () => {
  it('Given a picked journey, when Play is pressed, then it plays from the first step', () => {
    expect(run(INITIAL_PLAYBACK, { type: 'play', total: 5 })).toEqual({ status: 'playing', step: 0, speed: 1 });
  });

  it('Given playing, when the clock ticks, then it advances and finishes on the last step', () => {
    const s = run(INITIAL_PLAYBACK, { type: 'play', total: 3 }, { type: 'tick', total: 3 });
    expect(s).toMatchObject({ status: 'playing', step: 1 });
    expect(run(s, { type: 'tick', total: 3 })).toMatchObject({ status: 'finished', step: 2 });
  });

  it('Given paused, when the clock ticks, then nothing moves', () => {
    const s = run(INITIAL_PLAYBACK, { type: 'play', total: 3 }, { type: 'pause' });
    expect(run(s, { type: 'tick', total: 3 })).toBe(s);
  });

  it('Given playing, when stepping forward by hand, then it advances one step and pauses', () => {
    expect(run(INITIAL_PLAYBACK, { type: 'play', total: 4 }, { type: 'forward', total: 4 })).toMatchObject({ status: 'paused', step: 1 });
  });

  it('Given the last step, when stepping forward, then it stays there, finished', () => {
    const s = run(INITIAL_PLAYBACK, { type: 'forward', total: 2 }, { type: 'forward', total: 2 });
    expect(s).toMatchObject({ status: 'finished', step: 1 });
  });

  it('Given a finished journey, when stepping back, then it is paused one step earlier', () => {
    const s = run(INITIAL_PLAYBACK, { type: 'seek', step: 9, total: 3 }, { type: 'back' });
    expect(s).toMatchObject({ status: 'paused', step: 1 });
  });

  it('Given the first step and not playing, when stepping back, then nothing changes', () => {
    expect(run(INITIAL_PLAYBACK, { type: 'back' })).toBe(INITIAL_PLAYBACK);
  });

  it('Given a finished journey, when Play is pressed, then it starts over', () => {
    const s = run(INITIAL_PLAYBACK, { type: 'seek', step: 2, total: 3 }, { type: 'play', total: 3 });
    expect(s).toMatchObject({ status: 'playing', step: 0 });
  });

  it('Given any point, when Replay is pressed, then it plays from the first step', () => {
    expect(run(INITIAL_PLAYBACK, { type: 'seek', step: 2, total: 5 }, { type: 'replay', total: 5 })).toMatchObject({ status: 'playing', step: 0 });
  });

  it('Given playing, when toggled twice, then it pauses and plays again at the same step', () => {
    const s = run(INITIAL_PLAYBACK, { type: 'play', total: 5 }, { type: 'tick', total: 5 }, { type: 'toggle', total: 5 });
    expect(s).toMatchObject({ status: 'paused', step: 1 });
    expect(run(s, { type: 'toggle', total: 5 })).toMatchObject({ status: 'playing', step: 1 });
  });

  it('Given a speed, then only the offered speeds are accepted and the speed survives a reset', () => {
    const s = run(INITIAL_PLAYBACK, { type: 'speed', speed: 2 }, { type: 'speed', speed: 7 });
    expect(s.speed).toBe(2);
    expect(run(s, { type: 'reset' })).toEqual({ status: 'idle', step: 0, speed: 2 });
  });

  it('Given a journey of one step, when Play is pressed, then it is finished at once', () => {
    expect(run(INITIAL_PLAYBACK, { type: 'play', total: 1 })).toMatchObject({ status: 'finished', step: 0 });
  });

  it('Given a shorter journey after an edit, when seeking, then the step is clamped to its end', () => {
    expect(run(INITIAL_PLAYBACK, { type: 'seek', step: 40, total: 6 })).toMatchObject({ step: 5, status: 'finished' });
  });
});

describe('playback slice', () => {
  it('Given a slice, when a journey is picked, then playback resets to its first step and keeps the speed', () => {
    let state = {} as PlaybackSlice;
    const set = (p: Partial<PlaybackSlice> | ((s: PlaybackSlice) => Partial<PlaybackSlice>)): void => {
      state = { ...state, ...(typeof p === 'function' ? p(state) : p) };
    };
    state = createPlaybackSlice(set);
    state.playbackCommand({ type: 'speed', speed: 4 });
    state.playbackCommand({ type: 'play', total: 3 });
    state.pickJourney({ picked: 'e', edges: ['e'] });
    expect(state.journeyPick).toEqual({ picked: 'e', edges: ['e'] });
    expect(state.journeyAutoplay).toBe(false);
    expect(state.playback).toEqual({ status: 'idle', step: 0, speed: 4 });
    // Outside a browser there is no matchMedia: motion is assumed allowed.
    expect(state.reducedMotion).toBe(false);
  });

  it('Given a slice, when a journey is picked to play and then closed, then autoplay is asked for and dropped with the pick', () => {
    let state = {} as PlaybackSlice;
    const set = (p: Partial<PlaybackSlice> | ((s: PlaybackSlice) => Partial<PlaybackSlice>)): void => {
      state = { ...state, ...(typeof p === 'function' ? p(state) : p) };
    };
    state = createPlaybackSlice(set);
    state.pickJourney({ picked: 'e', edges: ['e'] }, true);
    expect(state.journeyAutoplay).toBe(true);
    state.pickJourney(undefined, true);
    expect(state.journeyPick).toBeUndefined();
    expect(state.journeyAutoplay).toBe(false);
  });
});
