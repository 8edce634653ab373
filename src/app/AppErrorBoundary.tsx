import { Component, type ErrorInfo, type ReactNode } from 'react';
import { emptyScenario } from '../model';
import { downloadScenario } from '../panels/share/actions';
import { isEmptyScenario, keepCurrentWork, openScenario, stamp } from '../store/library';
import { saveNow } from '../store/persistence';
import { useStorageStatus } from '../store/storageStatus';
import { useAppStore } from '../store/store';

/**
 * The root error boundary. Without it, an exception while drawing (or in an effect) unmounts the whole React
 * tree and leaves a blank page. The scenario lives outside React (the store) and is autosaved, so nothing is
 * lost: this screen says so and offers a way on — download the work, try again, or keep the work in Saved
 * scenarios and start from an empty canvas (for a scenario that breaks the drawing every time).
 */
interface State {
  readonly error?: Error;
  /** What the last action on this screen did, or why it could not. */
  readonly answer?: string;
}

export class AppErrorBoundary extends Component<{ readonly children: ReactNode }, State> {
  override state: State = {};

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept in the console for a bug report; the work is saved right away (an autosave timer may be pending).
    console.error('Crossaccount stopped drawing:', error, info.componentStack);
    saveNow(useAppStore.getState().scenario);
  }

  private readonly tryAgain = (): void => this.setState({ error: undefined, answer: undefined });

  private readonly keepAndStartEmpty = (): void => {
    const work = useAppStore.getState().scenario;
    let kept: string | undefined;
    if (!isEmptyScenario(work)) {
      const r = keepCurrentWork(`Work kept after an error — ${stamp(Date.now())}`);
      if (!r.ok) {
        this.setState({ answer: `It could not be kept: ${r.message} Download it first.` });
        return;
      }
      kept = r.value;
    }
    openScenario({ scenario: emptyScenario(), origin: 'example', what: 'an empty canvas', discardUnsaved: true });
    saveNow(useAppStore.getState().scenario);
    if (kept) useStorageStatus.getState().set({ message: { kind: 'info', text: `Your work is kept in Saved scenarios as “${kept}”. The canvas starts empty.` } });
    this.setState({ error: undefined, answer: undefined });
  };

  override render(): ReactNode {
    const { error, answer } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="flex h-full items-center justify-center bg-slate-50 p-6 text-slate-900 dark:bg-slate-950 dark:text-slate-100" data-testid="app-error">
        <section aria-labelledby="app-error-title" className="max-w-xl rounded-xl border border-slate-300 bg-white p-6 shadow-md dark:border-slate-700 dark:bg-slate-900">
          <h1 id="app-error-title" className="text-lg font-semibold">
            Something went wrong, and Crossaccount stopped drawing
          </h1>
          <p className="mt-3 text-sm">
            Your work is safe: the scenario is still here and saved in this browser. Download it, try again, or keep it in Saved scenarios and go on from an
            empty canvas.
          </p>
          <div className="mt-4 flex flex-wrap gap-2">
            <button type="button" className="btn btn-primary" onClick={() => downloadScenario()} data-testid="app-error.download">
              Download my work
            </button>
            <button type="button" className="btn" onClick={this.tryAgain} data-testid="app-error.retry">
              Try again
            </button>
            <button type="button" className="btn" onClick={this.keepAndStartEmpty} data-testid="app-error.start-empty">
              Keep it in Saved scenarios and start empty
            </button>
            <button type="button" className="btn" onClick={() => window.location.reload()}>
              Reload the page
            </button>
          </div>
          {answer && (
            <p role="alert" className="mt-3 text-sm text-red-800 dark:text-red-200">
              {answer}
            </p>
          )}
          <details className="mt-4 text-xs text-slate-700 dark:text-slate-300">
            <summary className="cursor-pointer">What went wrong</summary>
            <pre className="mt-2 whitespace-pre-wrap break-words font-mono">{error.message}</pre>
          </details>
        </section>
      </main>
    );
  }
}
