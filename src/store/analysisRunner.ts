import type { ActionLists, AnalysisJob, ZoneOfTrust } from '../engine';
import type { EvaluationSession } from './evaluationSession';
import type { WorkerReply } from './evaluationProtocol';

/**
 * Runs the access analysis in slices where the engine lives (the evaluation worker, or in-process without
 * one): each slice decides until its time is up, reports progress, and yields to the message loop, so an
 * evaluation, a question or a cancel that arrives meanwhile is handled between slices. A newer analysis, a
 * cancel, or an evaluation (the running analysis would describe a scenario that no longer is) stops it.
 */

/** How long one slice may run before yielding (a frame or two: messages wait at most that long). */
export const SLICE_MS = 24;

let lists: Promise<ActionLists> | undefined;
/**
 * The action names of the services the app knows (src/engine/check/actions.ts), loaded on first use: the
 * lists stay out of the worker's first load (evaluation does not need them) and come as their own chunk.
 */
export function loadActionLists(): Promise<ActionLists> {
  lists ??= import('../engine/check/actions').then((m) => (service: string) => m.serviceActions(service)?.actions);
  return lists;
}

export class AnalysisRunner {
  private current: { readonly id: number; readonly job: AnalysisJob; readonly zone: ZoneOfTrust | undefined } | undefined;
  /** The id of an analysis waiting for the action lists. */
  private starting: number | undefined;

  constructor(
    private readonly session: EvaluationSession,
    private readonly post: (reply: WorkerReply) => void,
    private readonly schedule: (run: () => void) => void = (run) => void setTimeout(run, 0),
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Starts an analysis (stopping the one running, which is answered as cancelled). */
  start(id: number, zone: ZoneOfTrust | undefined): void {
    this.cancel();
    this.starting = id;
    void loadActionLists().then(
      (actionLists) => {
        if (this.starting !== id) return;
        this.starting = undefined;
        const job = this.session.startAnalysis(actionLists, this.clock);
        if (!job) {
          this.post({ type: 'failed', id, message: 'Nothing has been decided yet.' });
          return;
        }
        this.current = { id, job, zone };
        this.post({ type: 'analysis-progress', id, progress: job.progress() });
        this.schedule(this.slice);
      },
      (error: unknown) => {
        if (this.starting !== id) return;
        this.starting = undefined;
        this.post({ type: 'failed', id, message: `The action lists could not be loaded: ${error instanceof Error ? error.message : String(error)}` });
      },
    );
  }

  /** Stops the running analysis, if any (it is answered as cancelled). */
  cancel(): void {
    const id = this.current?.id ?? this.starting;
    this.current = undefined;
    this.starting = undefined;
    if (id !== undefined) this.post({ type: 'analysis-cancelled', id });
  }

  get running(): boolean {
    return this.current !== undefined || this.starting !== undefined;
  }

  private readonly slice = (): void => {
    const c = this.current;
    if (!c) return;
    try {
      const deadline = this.clock() + SLICE_MS;
      const done = c.job.step(() => this.clock() > deadline);
      if (this.current !== c) return;
      if (!done) {
        this.post({ type: 'analysis-progress', id: c.id, progress: c.job.progress() });
        this.schedule(this.slice);
        return;
      }
      this.current = undefined;
      this.post({ type: 'analyzed', id: c.id, summary: this.session.finishAnalysis(c.job, c.zone) });
    } catch (error) {
      this.current = undefined;
      this.post({ type: 'failed', id: c.id, message: error instanceof Error ? error.message : String(error) });
    }
  };
}
