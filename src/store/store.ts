import { temporal } from 'zundo';
import { create } from 'zustand';
import type { ImpliedEdges, ImpliedOptions } from '../engine';
import type { EdgeVerdict } from '../graph/verdict';
import type { JourneyResult } from '../journey/journey';
import type { EdgeProposals, LeastPrivilege, WhatIf } from '../engine/fix';
import { applyChanges, emptyScenario, reviewDepth, reviewZone, type Scenario, type ScenarioChange } from '../model';
import { createAnalysisSlice, type AnalysisSlice } from './analysisSlice';
import { MODEL_PARTS, type AnalysisAnswer, type AnalysisQuery, type ComparisonPlay, type EvaluationProgress, type ModelPart, type ScenarioPatch, type SlowDecision, type StepExplanation } from './evaluationProtocol';
import { createEvaluator, type Evaluator } from './evaluator';
import { createPlaybackSlice, playbackReducer, routeOf, type JourneyPick, type PlaybackSlice } from './playback';

/**
 * The app's one store, built from slices: the scenario (with undo/redo through zundo), the selection and
 * UI state, and the engine's verdicts, which are derived from the scenario (in a worker) and never edited
 * directly.
 */

export interface ScenarioSlice {
  readonly scenario: Scenario;
  /** Applies a pure edit (see src/model/edit.ts). No-op edits (same object back) record no history. */
  readonly edit: (f: (s: Scenario) => Scenario) => void;
  /** Replaces the whole scenario (open a file, a link, a lesson). Undo brings the previous one back. */
  readonly replace: (s: Scenario) => void;
}

export interface SelectionSlice {
  /** Selected node ids and edge ids. */
  readonly selected: readonly string[];
  readonly select: (ids: readonly string[]) => void;
  /**
   * A short message for the status line about the step just taken: `refused` when the editor declined a
   * gesture (a connection to nothing, an edge AssumeRole cannot make: shown as "Cannot do that: …"),
   * `error` when something failed (autosave, the engine), `info` otherwise. It goes when the next step starts.
   */
  readonly notice?: Notice;
  readonly notify: (notice?: Notice) => void;
  /** The statement the explanation panel points at: the inspector highlights it in its editor. */
  readonly focus?: StatementFocus;
  readonly setFocus: (focus?: StatementFocus) => void;
  /**
   * Asks the canvas to fit the view (src/canvas/ViewFit.tsx): the Fit button, Shift+1, opening a scenario,
   * auto-layout, a panel opened, closed or collapsed, a journey started (its nodes only). `seq` grows with
   * every request; the canvas serves each once, clear of every panel that floats over it.
   */
  readonly fitRequest: FitRequest;
  readonly requestFit: (nodes?: readonly string[], room?: FitRequest['room'], minZoom?: number, keep?: string, labels?: boolean) => void;
}

export interface Notice {
  readonly kind: 'info' | 'refused' | 'error';
  readonly text: string;
}

/** One request to fit the view: the whole diagram, or only `nodes` (a journey's). */
export interface FitRequest {
  readonly seq: number;
  readonly nodes?: readonly string[];
  /** Room to keep around the nodes, in flow units (what a journey draws above and below its path). */
  readonly room?: { readonly top: number; readonly bottom: number; readonly sides: number };
  /** The smallest zoom the fit may pick (a journey's, so its badges and gates stay readable). */
  readonly minZoom?: number;
  /** A node kept in view when the nodes are not shown whole (the one a reach question is about). */
  readonly keep?: string;
  /**
   * Fit the edge labels laid out beyond the cards too (the what-if comparison, whose point is its labels).
   * Only on request: label sizes follow the zoom, so a fit that counted them would not give the same view
   * twice.
   */
  readonly labels?: boolean;
}

export interface StatementFocus {
  readonly ownerId: string;
  readonly kind: string;
  readonly name: string;
  readonly index: number;
}

export interface EvaluationSlice {
  /** The engine's decision for every edge and rule target, by id. */
  readonly verdicts: ReadonlyMap<string, EdgeVerdict>;
  /** Counts scenario changes; `evaluatedRevision` catches up when the verdicts for it have arrived. */
  readonly revision: number;
  readonly evaluatedRevision: number;
  /** Milliseconds the engine took for the last evaluation, and how many edges it decided or reused. */
  readonly evaluationMs: number;
  readonly evaluationStats: { readonly evaluated: number; readonly reused: number };
  /** While a long evaluation runs: where it is, as the worker reports it. */
  readonly evaluationProgress?: EvaluationProgress;
  /** Decisions of the last evaluation that ran past their budget (the worker names them), slowest first. */
  readonly slowDecisions: readonly SlowDecision[];
  /** How long the worker has been silent during an evaluation, once that is past {@link ENGINE_SILENT_MS}. */
  readonly engineSilentMs?: number;
  /** The full trace of one edge, for the explanation panel. */
  readonly explain: (edgeId: string) => Promise<StepExplanation[] | undefined>;
  /**
   * The scenario the canvas draws: the latest one, presented together with its verdicts when they come
   * within PRESENT_WAIT_MS, else on its own. Drawing the change and its decisions in one update halves
   * the canvas work of an edit on a large scenario; panels show `scenario` at once.
   */
  readonly presented: Scenario;
}

/** How long the canvas waits for the verdicts of a change before drawing the change alone. */
export const PRESENT_WAIT_MS = 60;

/**
 * How long the evaluation worker may go without a word during an evaluation before the status line says so
 * and offers to stop it. The worker reports progress every quarter second between decisions, so silence
 * this long means one decision has run for that long.
 */
export const ENGINE_SILENT_MS = 8_000;

/**
 * The picked journey as the engine built it (in the evaluation worker, on the evaluation the verdicts
 * came from). It is built again whenever new verdicts arrive, so it follows every edit, undo and redo.
 */
export interface JourneySlice {
  /** The latest journey built for `journeyPick`; absent while the first one is on its way. */
  readonly journeyBuilt?: { readonly pick: JourneyPick; readonly result: JourneyResult; readonly revision: number };
  /** The seed example's two designs, played by the engine on the current scenario. */
  readonly compare: () => Promise<ComparisonPlay | undefined>;
  /**
   * The edges the scenario's trust and resource policies imply, computed by the engine on the scenario the
   * worker holds: resolves once every change made before the call has reached it.
   */
  readonly implied: (options?: ImpliedOptions) => Promise<ImpliedEdges>;
}

/**
 * The fix analyses (src/engine/fix), asked of the evaluation worker on the scenario it holds: proposals for
 * an edge, least privilege for a principal, and the what-if comparison shown over the canvas.
 */
export interface FixSlice {
  /** Proposals that decide `edgeId` the other way (`allow` a denied edge, `deny` one that should be denied). */
  readonly fixes: (edgeId: string, direction: 'allow' | 'deny', action?: string) => Promise<EdgeProposals>;
  readonly leastPrivilege: (principalId: string) => Promise<LeastPrivilege>;
  /**
   * Applies changes as one edit (one undo step). A change that no longer fits the scenario (the policy was
   * edited since it was proposed) is refused with a notice and nothing changes.
   */
  readonly applyChanges: (changes: readonly ScenarioChange[], done: string) => boolean;
  /** The what-if comparison: the baseline it compares with, and its latest result (built after every evaluation). */
  readonly whatIf?: WhatIfState;
  readonly startWhatIf: (baseline: Scenario, label: string) => void;
  readonly closeWhatIf: () => void;
  /**
   * Which tab of the inspector's column is shown while a comparison is open: the comparison when it opens,
   * the inspector once something is selected (on the canvas or from the comparison's list).
   */
  readonly sideTab: 'whatif' | 'inspector';
  readonly showSideTab: (tab: 'whatif' | 'inspector') => void;
}

export interface WhatIfState {
  readonly baseline: Scenario;
  readonly label: string;
  readonly result?: WhatIf;
  readonly error?: string;
  /** The evaluated revision the result was built on. */
  readonly revision?: number;
}

export type AppState = ScenarioSlice & SelectionSlice & EvaluationSlice & PlaybackSlice & JourneySlice & AnalysisSlice & FixSlice;

const initialScenario = emptyScenario();
let evaluator: Promise<Evaluator> | undefined;
/** The evaluator once it exists: a change is then posted to it at once, not a microtask later. */
let ready: Evaluator | undefined;
const getEvaluator = (): Promise<Evaluator> =>
  (evaluator ??= createEvaluator().then((e) => {
    ready = e;
    return e;
  }));

export const useAppStore = create<AppState>()(
  temporal(
    (set, get) => ({
      scenario: initialScenario,
      presented: initialScenario,
      edit: (f) => {
        const before = get().scenario;
        const after = f(before);
        if (after !== before) set({ scenario: after });
      },
      // A journey belongs to the scenario it was picked in: replacing the scenario closes it (and the status
      // line's notice, which was about the old one).
      replace: (scenario) =>
        set({ scenario, selected: [], focus: undefined, notice: undefined, fitRequest: { seq: get().fitRequest.seq + 1 }, journeyPick: undefined, journeyBuilt: undefined, playbackCursor: undefined, reachFocus: undefined, reach: undefined, accessQuestion: undefined, accessExplanation: undefined, whatIf: undefined }),
      selected: [],
      // A new selection is what the inspector shows: an access explanation it showed gives way, and the
      // inspector's tab comes forward (not the what-if comparison's).
      select: (ids) => set({ selected: ids, ...(get().accessQuestion ? { accessQuestion: undefined, accessExplanation: undefined } : {}), ...(ids.length > 0 ? { sideTab: 'inspector' as const } : {}) }),
      notify: (notice) => set({ notice }),
      setFocus: (focus) => set({ focus }),
      fitRequest: { seq: 0 },
      requestFit: (nodes, room, minZoom, keep, labels) => set({ fitRequest: { seq: get().fitRequest.seq + 1, ...(nodes ? { nodes } : {}), ...(room ? { room } : {}), ...(minZoom !== undefined ? { minZoom } : {}), ...(keep !== undefined ? { keep } : {}), ...(labels ? { labels } : {}) } }),
      verdicts: new Map(),
      revision: 0,
      evaluatedRevision: 0,
      evaluationMs: 0,
      evaluationStats: { evaluated: 0, reused: 0 },
      slowDecisions: [],
      explain: async (edgeId) => (await getEvaluator()).explain(edgeId),
      compare: async () => (await getEvaluator()).compare(),
      fixes: async (edgeId, direction, action) => (await getEvaluator()).fixes(edgeId, direction, action),
      leastPrivilege: async (principalId) => (await getEvaluator()).leastPrivilege(principalId),
      applyChanges: (changes, done) => {
        const result = applyChanges(get().scenario, changes);
        if ('error' in result) {
          set({ notice: { kind: 'refused', text: result.error } });
          return false;
        }
        set({ scenario: result.scenario, notice: { kind: 'info', text: done } });
        return true;
      },
      startWhatIf: (baseline, label) => set({ whatIf: { baseline, label }, sideTab: 'whatif' }),
      closeWhatIf: () => set({ whatIf: undefined }),
      sideTab: 'inspector',
      showSideTab: (tab) => set({ sideTab: tab }),
      implied: async (options = {}) => {
        await settled();
        // The worker holds the model only: what is drawn travels with the request.
        return (await getEvaluator()).implied({ ...options, hidden: get().scenario.layout.hidden ?? [] });
      },
      ...createPlaybackSlice(set),
      ...createAnalysisSlice(set),
    }),
    {
      partialize: (state) => ({ scenario: state.scenario }),
      equality: (a, b) => a.scenario === b.scenario,
      limit: 200,
    },
  ),
);

// The verdicts follow the scenario: whenever the scenario object changes (including by undo and redo), the
// parts the engine reads that changed are sent for evaluation. One evaluation is in flight at a time;
// changes made meanwhile are sent together when it returns, so a burst of edits costs one evaluation.
let sent: Partial<Record<ModelPart, ReadonlyMap<string, unknown>>> = {};
let sentArrays: Partial<Record<ModelPart, unknown>> = {};
let inFlight = false;
let presentTimer: ReturnType<typeof setTimeout> | undefined;
/** When the worker was last heard from during the evaluation in flight, and the timer that watches it. */
let heardAt = 0;
let watchdog: ReturnType<typeof setInterval> | undefined;
/** Set when the user stopped the engine: the error that follows says so. */
let stopped = false;

function watch(): void {
  heardAt = Date.now();
  clearInterval(watchdog);
  watchdog = setInterval(() => {
    const silent = Date.now() - heardAt;
    if (silent >= ENGINE_SILENT_MS) useAppStore.setState({ engineSilentMs: silent });
  }, 1_000);
}

function unwatch(): void {
  clearInterval(watchdog);
  watchdog = undefined;
  useAppStore.setState({ evaluationProgress: undefined, engineSilentMs: undefined });
}

/**
 * Stops the evaluation worker (the user's choice, offered when it has been silent for long): the decisions
 * on the canvas stay as they were before the last change, and the next change starts a new worker, to which
 * the whole scenario is sent.
 */
export function stopEngine(): void {
  if (!ready) return;
  stopped = true;
  const current = ready;
  ready = undefined;
  evaluator = undefined;
  current.dispose();
}

/** Shows the latest scenario on the canvas (with whatever verdicts are in). */
function present(): void {
  clearTimeout(presentTimer);
  presentTimer = undefined;
  const { scenario, presented } = useAppStore.getState();
  if (scenario !== presented) useAppStore.setState({ presented: scenario });
}

/** The delta of one part against what the worker has: new order, and the items it does not have as-is. */
function delta<T extends { readonly id: string }>(items: readonly T[], known: ReadonlyMap<string, unknown> | undefined): { ids: string[]; items: T[] } {
  return { ids: items.map((x) => x.id), items: known ? items.filter((x) => known.get(x.id) !== x) : [...items] };
}

function schedule(): void {
  if (inFlight) return;
  const { scenario, revision } = useAppStore.getState();
  const patch: ScenarioPatch = {};
  let any = false;
  for (const part of MODEL_PARTS) {
    if (scenario[part] !== sentArrays[part]) {
      (patch as Record<string, unknown>)[part] = delta(scenario[part] as readonly { id: string }[], sent[part]);
      any = true;
    }
  }
  if (!any) {
    // Only the layout or the name changed: decisions stand.
    clearTimeout(presentTimer);
    presentTimer = undefined;
    useAppStore.setState({ evaluatedRevision: revision, presented: scenario });
    return;
  }
  inFlight = true;
  watch();
  presentTimer ??= setTimeout(present, PRESENT_WAIT_MS);
  const onProgress = (progress: EvaluationProgress): void => {
    heardAt = Date.now();
    useAppStore.setState({ evaluationProgress: progress, engineSilentMs: undefined });
  };
  const arrays = Object.fromEntries(MODEL_PARTS.map((p) => [p, scenario[p]]));
  // Posted now, in the store update that made the change: the worker decides while React renders the edit
  // (a promise callback would run after that render, which on a large scenario is most of the wait).
  void (ready ? ready.evaluate(patch, onProgress) : getEvaluator().then((e) => e.evaluate(patch, onProgress)))
    .then(
      (result) => {
        for (const part of MODEL_PARTS) {
          if (patch[part]) sent[part] = new Map((scenario[part] as readonly { id: string }[]).map((x) => [x.id, x]));
        }
        sentArrays = arrays;
        const verdicts = new Map(useAppStore.getState().verdicts);
        for (const v of result.changed) verdicts.set(v.id, v);
        for (const id of result.removed) verdicts.delete(id);
        clearTimeout(presentTimer);
        presentTimer = undefined;
        useAppStore.setState({ verdicts, evaluatedRevision: revision, presented: useAppStore.getState().scenario, evaluationMs: result.ms, evaluationStats: { evaluated: result.evaluated, reused: result.reused }, slowDecisions: result.slow });
      },
      (error: unknown) => {
        // Keep the last verdicts and say so; the next change sends everything again.
        sent = {};
        sentArrays = {};
        present();
        useAppStore.setState({ evaluatedRevision: revision });
        useAppStore.getState().notify(
          stopped
            ? { kind: 'error', text: 'The engine was stopped: the decisions on the canvas are from before the last change. The next change decides everything again.' }
            : { kind: 'error', text: `The engine could not decide this scenario: ${error instanceof Error ? error.message : String(error)}` },
        );
        stopped = false;
      },
    )
    .finally(() => {
      inFlight = false;
      unwatch();
      if (useAppStore.getState().revision !== useAppStore.getState().evaluatedRevision) schedule();
    });
}

useAppStore.subscribe((state, previous) => {
  if (state.scenario !== previous.scenario) {
    useAppStore.setState({ revision: state.revision + 1 });
    schedule();
  }
});

// The picked journey follows the verdicts: it is asked for when picked and again after every evaluation.
// The worker answers in order, so the journey is built on (at least) the evaluation whose verdicts just
// arrived; an answer overtaken by a newer request or a different pick is dropped.
let journeyRequest = 0;

function buildPickedJourney(): void {
  const { journeyPick: pick, evaluatedRevision } = useAppStore.getState();
  const request = ++journeyRequest;
  if (!pick) return;
  const keep = (result: JourneyResult): void => {
    const state = useAppStore.getState();
    if (request !== journeyRequest || state.journeyPick !== pick) return;
    const before = state.journeyBuilt;
    // The same journey again (an unrelated edge changed): keep the object, so nothing on screen restarts.
    if (before && before.pick === pick && JSON.stringify(before.result) === JSON.stringify(result)) return;
    const journeyBuilt = { pick, result, revision: evaluatedRevision };
    // "Play" was pressed before the journey existed: it starts as soon as it does.
    if (state.journeyAutoplay && result.ok) useAppStore.setState({ journeyBuilt, journeyAutoplay: false, playback: playbackReducer(state.playback, { type: 'play', total: result.journey.steps.length }) });
    else useAppStore.setState({ journeyBuilt });
  };
  void getEvaluator()
    .then((e) => e.journey([routeOf(pick)]))
    .then(keep, (error: unknown) => keep({ ok: false, reason: `The engine could not build this journey: ${error instanceof Error ? error.message : String(error)}` }));
}

useAppStore.subscribe((state, previous) => {
  if (state.journeyPick !== previous.journeyPick || (state.journeyPick && state.verdicts !== previous.verdicts)) buildPickedJourney();
});

// The access analysis follows the verdicts while it is wanted (the review panel is open, or the canvas or the
// inspector asks about reach): it is asked for when wanted and again after every evaluation and change of the
// zone of trust. One runs at a time; the worker stops one that an evaluation overtakes, and it is asked for
// again once the verdicts are in. A cancel by the user pauses it until `resumeAnalysis`.
let analysisInFlight = false;
let userCancelled = false;
/** The zone (as text) the last analysis was asked for. */
let analyzedZone = '';

const zoneKey = (scenario: Scenario): string => JSON.stringify(reviewZone(scenario) ?? null);

function wantsAnalysis(s: AppState): boolean {
  return s.reviewOpen || s.reachFocus !== undefined || s.accessQuestion !== undefined;
}

function runAnalysis(): void {
  const state = useAppStore.getState();
  if (!wantsAnalysis(state) || userCancelled || analysisInFlight) return;
  if (state.evaluatedRevision !== state.revision) return;
  const zone = zoneKey(state.scenario);
  if (state.analysisRevision === state.evaluatedRevision && zone === analyzedZone && state.analysisStatus === 'done') {
    askAnalysisQueries();
    return;
  }
  analysisInFlight = true;
  const revision = state.evaluatedRevision;
  analyzedZone = zone;
  useAppStore.setState({ analysisStatus: 'running', analysisProgress: undefined, analysisError: undefined });
  void getEvaluator()
    .then((e) => e.analyze(reviewZone(state.scenario), (analysisProgress) => useAppStore.setState({ analysisProgress })))
    .then(
      (summary) => {
        if (summary) {
          useAppStore.setState({ analysisSummary: summary, analysisRevision: revision, analysisStatus: 'done', analysisProgress: undefined });
          askAnalysisQueries();
        } else if (userCancelled) useAppStore.setState({ analysisStatus: 'cancelled', analysisProgress: undefined });
      },
      (error: unknown) => {
        useAppStore.setState({ analysisStatus: 'failed', analysisProgress: undefined, analysisError: error instanceof Error ? error.message : String(error) });
      },
    )
    .finally(() => {
      analysisInFlight = false;
      const now = useAppStore.getState();
      if (now.analysisStatus === 'failed') return;
      if (now.analysisRevision !== now.evaluatedRevision || zoneKey(now.scenario) !== analyzedZone || now.analysisStatus !== 'done') runAnalysis();
    });
}

/** Stops the running analysis; it stays stopped until `resumeAnalysis`. */
export function cancelAnalysis(): void {
  userCancelled = true;
  if (analysisInFlight) void getEvaluator().then((e) => e.cancelAnalysis());
  else useAppStore.setState({ analysisStatus: 'cancelled', analysisProgress: undefined });
}

/** Runs the analysis again after a cancel or a failure. */
export function resumeAnalysis(): void {
  userCancelled = false;
  if (useAppStore.getState().analysisStatus !== 'running') useAppStore.setState({ analysisStatus: 'idle' });
  runAnalysis();
}

/** Asks the last finished analysis a question (the matrix, its CSV). */
export async function askAnalysis(query: AnalysisQuery): Promise<AnalysisAnswer> {
  return (await getEvaluator()).ask(query);
}

let reachRequest = 0;
let explainRequest = 0;

/** Asks the finished analysis what the canvas focus and the inspector want to show. */
function askAnalysisQueries(): void {
  const { reachFocus, accessQuestion, scenario, analysisStatus } = useAppStore.getState();
  if (analysisStatus !== 'done') return;
  const maxDepth = reviewDepth(scenario);
  if (reachFocus) {
    const request = ++reachRequest;
    const query: AnalysisQuery = reachFocus.kind === 'who' ? { kind: 'who', resource: reachFocus.key, maxDepth } : { kind: 'what', subject: reachFocus.key, maxDepth };
    void askAnalysis(query).then((answer) => {
      if (request !== reachRequest || useAppStore.getState().reachFocus !== reachFocus) return;
      if (answer.kind === 'reach') useAppStore.setState({ reach: { focus: reachFocus, result: answer.result } });
    }, () => undefined);
  }
  if (accessQuestion) {
    const request = ++explainRequest;
    void askAnalysis({ kind: 'explain', subject: accessQuestion.subject, resource: accessQuestion.resource, maxDepth, ...(accessQuestion.action !== undefined ? { action: accessQuestion.action } : {}) }).then(
      (answer) => {
        if (request !== explainRequest || useAppStore.getState().accessQuestion !== accessQuestion) return;
        useAppStore.setState({ accessExplanation: { question: accessQuestion, explanation: answer.kind === 'explain' ? answer.explanation : undefined, ...(answer.kind === 'none' ? { reason: answer.reason } : {}) } });
      },
      (error: unknown) => {
        if (request !== explainRequest) return;
        useAppStore.setState({ accessExplanation: { question: accessQuestion, explanation: undefined, reason: error instanceof Error ? error.message : String(error) } });
      },
    );
  }
}

useAppStore.subscribe((state, previous) => {
  const wanted = wantsAnalysis(state);
  if (!wanted) return;
  if (!wantsAnalysis(previous) || state.evaluatedRevision !== previous.evaluatedRevision || state.scenario.review !== previous.scenario.review) runAnalysis();
  if (state.reachFocus !== previous.reachFocus || state.accessQuestion !== previous.accessQuestion || (state.scenario.review?.maxDepth !== previous.scenario.review?.maxDepth && state.analysisStatus === 'done')) askAnalysisQueries();
});

// The what-if comparison follows the verdicts like a journey: built when started and after every evaluation,
// on the worker's current scenario; an answer overtaken by a newer request or another baseline is dropped.
let whatIfRequest = 0;

/** The baseline as a patch against what the worker holds: the items both versions share are not sent again. */
function baselinePatch(baseline: Scenario): ScenarioPatch {
  const patch: ScenarioPatch = {};
  for (const part of MODEL_PARTS) (patch as Record<string, unknown>)[part] = delta(baseline[part] as readonly { id: string }[], sent[part]);
  return patch;
}

function buildWhatIf(): void {
  const { whatIf, evaluatedRevision } = useAppStore.getState();
  const request = ++whatIfRequest;
  if (!whatIf) return;
  const keep = (next: Partial<WhatIfState>): void => {
    const state = useAppStore.getState();
    if (request !== whatIfRequest || state.whatIf?.baseline !== whatIf.baseline) return;
    useAppStore.setState({ whatIf: { baseline: whatIf.baseline, label: whatIf.label, ...next, revision: evaluatedRevision } });
  };
  void getEvaluator()
    .then((e) => e.whatIf(baselinePatch(whatIf.baseline), whatIf.baseline.name, useAppStore.getState().scenario.name, whatIf.label))
    .then(
      (result) => keep({ result }),
      (error: unknown) => keep({ error: `The comparison could not be made: ${error instanceof Error ? error.message : String(error)}` }),
    );
}

useAppStore.subscribe((state, previous) => {
  if (state.whatIf?.baseline !== previous.whatIf?.baseline || (state.whatIf && state.verdicts !== previous.verdicts)) buildWhatIf();
});

/** Resolves when the verdicts match the current scenario (tests, benchmarks). */
export function settled(): Promise<void> {
  const done = () => useAppStore.getState().evaluatedRevision === useAppStore.getState().revision;
  if (done()) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = useAppStore.subscribe(() => {
      if (done()) {
        stop();
        resolve();
      }
    });
  });
}

export const undo = (): void => useAppStore.temporal.getState().undo();
export const redo = (): void => useAppStore.temporal.getState().redo();
