import { Component, type ReactNode } from 'react';

/**
 * Around a part of the app loaded on demand (the policy editor, the journey player, the compare view, the
 * action advice): when its code cannot be fetched — offline, or a tab left open across a new deployment —
 * React would unmount the whole app. This keeps the rest of the app and says what happened, with a reload.
 */
interface Props {
  /** What failed to load, as the message names it ("policy editor"). */
  readonly what: string;
  /** Places the message (e.g. in a canvas panel); by default it stands where the part would have. */
  readonly place?: (message: ReactNode) => ReactNode;
  readonly children: ReactNode;
}

export class LoadBoundary extends Component<Props, { readonly failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const message = (
      <p role="alert" className="rounded border border-amber-600 bg-amber-50 p-2 text-xs text-amber-950 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-100" data-testid="load-failed">
        The {this.props.what} could not be loaded (offline, or the app was updated).{' '}
        <button type="button" className="link" onClick={() => window.location.reload()}>
          Reload
        </button>{' '}
        — your work is saved in this browser.
      </p>
    );
    return this.props.place ? this.props.place(message) : message;
  }
}
