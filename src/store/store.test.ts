import { beforeEach, describe, expect, it } from 'vitest';
import { HEAVY_TEST_MS } from '../testing/timeouts';
import { connect, emptyScenario, updatePrincipal } from '../model';
import { seedCrossAccount } from '../model/fixtures/seedCrossAccount';
import { redo, settled, undo, useAppStore } from './store';

describe('the store keeps verdicts in step with the scenario', () => {
  // The first evaluation loads the engine (and its action lists) into the test process.
  beforeEach(async () => {
    useAppStore.getState().replace(emptyScenario());
    useAppStore.temporal.getState().clear();
    await settled();
  }, HEAVY_TEST_MS);

  it('Given the seed is opened, when evaluation settles, then every edge and rule target has a verdict', async () => {
    useAppStore.getState().replace(seedCrossAccount);
    expect(useAppStore.getState().evaluatedRevision).not.toBe(useAppStore.getState().revision);
    await settled();
    const v = useAppStore.getState().verdicts;
    expect([...v.keys()].sort()).toEqual(['alice-assume', 'alice-put', 'alice-scan', 'rule-queue']);
    expect(v.get('alice-put')?.status).toBe('allowed');
  }, HEAVY_TEST_MS);

  it('Given the seed, when alice loses her identity policy and the edit is undone and redone, then the bucket edge follows each step', async () => {
    useAppStore.getState().replace(seedCrossAccount);
    await settled();
    useAppStore.getState().edit((s) => updatePrincipal(s, 'alice', (p) => (p.type === 'iam-user' ? { ...p, policies: [] } : p)));
    await settled();
    expect(useAppStore.getState().verdicts.get('alice-put')?.status).toBe('implicit-deny');
    undo();
    await settled();
    expect(useAppStore.getState().verdicts.get('alice-put')?.status).toBe('allowed');
    redo();
    await settled();
    expect(useAppStore.getState().verdicts.get('alice-put')?.status).toBe('implicit-deny');
  });

  it('Given several edits in a burst, when they settle, then the verdicts match the last one', async () => {
    useAppStore.getState().replace(seedCrossAccount);
    for (let i = 0; i < 5; i++) {
      useAppStore.getState().edit((s) => {
        const r = connect(s, 'alice', 'queue');
        return 'error' in r ? s : r.scenario;
      });
    }
    await settled();
    const { scenario, verdicts } = useAppStore.getState();
    expect(scenario.edges.filter((e) => e.to === 'queue')).toHaveLength(5);
    for (const e of scenario.edges) expect(verdicts.has(e.id)).toBe(true);
  });

  it('Given a decided scenario, when only a position changes, then nothing is evaluated again', async () => {
    useAppStore.getState().replace(seedCrossAccount);
    await settled();
    const before = useAppStore.getState().verdicts;
    useAppStore.getState().edit((s) => ({ ...s, layout: { nodes: { ...s.layout.nodes, alice: { x: 99, y: 99 } } } }));
    await settled();
    expect(useAppStore.getState().verdicts).toBe(before);
  });
});

describe('the picked journey follows the scenario', () => {
  beforeEach(async () => {
    useAppStore.getState().replace(emptyScenario());
    await settled();
  });

  /** Resolves when the store holds a journey built for the current pick that satisfies `ready`. */
  const built = (ready: (s: ReturnType<typeof useAppStore.getState>) => boolean = () => true): Promise<void> =>
    new Promise((resolve) => {
      const check = (): boolean => {
        const s = useAppStore.getState();
        return !!s.journeyPick && s.journeyBuilt?.pick === s.journeyPick && ready(s);
      };
      if (check()) return resolve();
      const stop = useAppStore.subscribe(() => {
        if (check()) {
          stop();
          resolve();
        }
      });
    });

  it('Given the seed, when alice’s write is picked to play, then it plays once built; after an edit it is built again; opening another scenario closes it', async () => {
    useAppStore.getState().replace(seedCrossAccount);
    await settled();
    useAppStore.getState().pickJourney({ picked: 'alice-put', edges: ['alice-put'] }, true);
    await built();
    const first = useAppStore.getState().journeyBuilt?.result;
    expect(first?.ok && first.journey.outcome).toBe('allowed');
    expect(useAppStore.getState().playback.status).toBe('playing');
    expect(useAppStore.getState().journeyAutoplay).toBe(false);

    useAppStore.getState().edit((s) => updatePrincipal(s, 'alice', (p) => (p.type === 'iam-user' ? { ...p, policies: [] } : p)));
    await built((s) => s.journeyBuilt?.result.ok === true && s.journeyBuilt.result.journey.outcome === 'denied');
    undo();
    await built((s) => s.journeyBuilt?.result.ok === true && s.journeyBuilt.result.journey.outcome === 'allowed');

    useAppStore.getState().replace(emptyScenario());
    expect(useAppStore.getState().journeyPick).toBeUndefined();
    expect(useAppStore.getState().journeyBuilt).toBeUndefined();
  });

  it('Given a picked journey, when its edge is deleted, then the journey says it can no longer be played', async () => {
    useAppStore.getState().replace(seedCrossAccount);
    await settled();
    useAppStore.getState().pickJourney({ picked: 'alice-put', edges: ['alice-put'] });
    await built();
    useAppStore.getState().edit((s) => ({ ...s, edges: s.edges.filter((e) => e.id !== 'alice-put') }));
    await built((s) => s.journeyBuilt?.result.ok === false);
    expect(useAppStore.getState().journeyBuilt?.result).toEqual({ ok: false, reason: 'The edge alice-put no longer exists.' });
  });
});

describe('the status line notice belongs to the scenario it was about', () => {
  it('Given "Edge added" in the status line, when another scenario replaces this one, then the notice is cleared', () => {
    useAppStore.getState().notify({ kind: 'info', text: 'Edge added. Pick its actions in the inspector; the colour shows the decision.' });
    useAppStore.getState().replace(seedCrossAccount);
    expect(useAppStore.getState().notice).toBeUndefined();
  });
});
