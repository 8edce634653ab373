import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyScenario, markIntended, setReviewZone, updateResource } from '../model';
import { seedCrossAccount } from '../model/fixtures/seedCrossAccount';
import { cancelAnalysis, resumeAnalysis, settled, useAppStore } from './store';
import type { AppState } from './store';

/** Resolves when the store's state passes `test` (the analysis runs in slices between other work). */
function until(test: (s: AppState) => boolean): Promise<void> {
  if (test(useAppStore.getState())) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = useAppStore.subscribe((s) => {
      if (test(s)) {
        stop();
        resolve();
      }
    });
  });
}

const publicBucket = updateResource(setReviewZone(seedCrossAccount, { kind: 'account', accountId: '222222222222' }), 'bucket', (r) => ({
  ...r,
  policy: { Version: '2012-10-17', Statement: [{ Sid: 'Everyone', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket-b/*' }] },
}));

describe('the store runs the access analysis where the engine is', () => {
  beforeEach(async () => {
    useAppStore.getState().setReviewOpen(false);
    useAppStore.getState().replace(emptyScenario());
    await settled();
  });
  afterEach(() => {
    resumeAnalysis();
    useAppStore.getState().setReviewOpen(false);
  });

  it('Given a bucket open to everyone, when the review is opened, then the analysis reports a public finding, first', async () => {
    useAppStore.getState().replace(publicBucket);
    useAppStore.getState().setReviewOpen(true);
    await until((s) => s.analysisStatus === 'done' && s.analysisRevision === s.revision);
    const findings = useAppStore.getState().analysisSummary?.findings ?? [];
    expect(findings[0]).toMatchObject({ kind: 'public', resource: 'bucket', subject: 'public', actions: ['s3:GetObject'] });
  }, 30_000);

  it('Given the analysis, when the canvas asks who can reach the bucket, then alice is among them, through the role she can assume', async () => {
    useAppStore.getState().replace(publicBucket);
    useAppStore.getState().setReachFocus({ kind: 'who', key: 'bucket' });
    await until((s) => s.reach?.focus.key === 'bucket');
    // Her own policy allows neither read of a bucket in B: she reaches it as ExportRole, whose account owns it.
    const alice = useAppStore.getState().reach?.result.entries.find((e) => e.subject === 'p:alice');
    expect(alice?.actions).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(alice?.path.map((h) => h.to)).toEqual(['p:export-role', 'bucket']);
    useAppStore.getState().setReachFocus(undefined);
  }, 30_000);

  it('Given the analysis is done, when the bucket is made private, then it runs again and the finding is gone; marking intended travels in the scenario', async () => {
    useAppStore.getState().replace(publicBucket);
    useAppStore.getState().setReviewOpen(true);
    await until((s) => s.analysisStatus === 'done' && s.analysisRevision === s.revision);
    useAppStore.getState().edit((s) => markIntended(s, 'bucket', 'public', ['s3:GetObject']));
    expect(useAppStore.getState().scenario.review?.intended).toHaveLength(1);
    useAppStore.getState().edit((s) => updateResource(s, 'bucket', (r) => ({ ...r, policy: { Version: '2012-10-17', Statement: [] } })));
    await settled();
    await until((s) => s.analysisStatus === 'done' && s.analysisRevision === s.revision);
    expect(useAppStore.getState().analysisSummary?.findings.some((f) => f.subject === 'public')).toBe(false);
    expect(useAppStore.getState().analysisSummary?.stats.incremental).toBe(true);
  }, 30_000);

  it('Given an analysis the user cancels, then it stays cancelled until resumed', async () => {
    useAppStore.getState().replace(publicBucket);
    useAppStore.getState().setReviewOpen(true);
    cancelAnalysis();
    await until((s) => s.analysisStatus === 'cancelled');
    resumeAnalysis();
    await until((s) => s.analysisStatus === 'done');
    expect(useAppStore.getState().analysisSummary?.findings.length).toBeGreaterThan(0);
  }, 30_000);

  it('Given an access question, then the inspector gets the engine\'s traced decision; selecting something else clears it', async () => {
    useAppStore.getState().replace(publicBucket);
    useAppStore.getState().askAccess({ subject: 'public', resource: 'bucket', action: 's3:GetObject' });
    await until((s) => s.accessExplanation !== undefined);
    const e = useAppStore.getState().accessExplanation?.explanation;
    expect(e?.allowed).toBe(true);
    expect(e?.decisions[0]?.stages.find((st) => st.stage === 'resource')?.outcome).toBe('allow');
    useAppStore.getState().select(['bucket']);
    expect(useAppStore.getState().accessQuestion).toBeUndefined();
  }, 30_000);
});
