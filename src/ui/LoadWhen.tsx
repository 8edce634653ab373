import { Suspense, useState, type ReactNode } from 'react';
import { LoadBoundary } from './LoadBoundary';

/**
 * A part of the app loaded on demand (`React.lazy`): rendered from the first time `when` is true and kept
 * mounted after, so a dialog's own open/close (the native `<dialog>`'s focus return) works as if it had
 * always been there, and its code is fetched only when someone first opens it. While it loads, a small
 * note says so; when it cannot load, `LoadBoundary` keeps the rest of the app and offers a reload. This is
 * how the initial JavaScript stays within its budget (README, "Initial JavaScript").
 */
export function LoadWhen(props: { readonly when: boolean; readonly what: string; readonly children: ReactNode; readonly fallback?: ReactNode }) {
  const [wanted, setWanted] = useState(props.when);
  if (props.when && !wanted) setWanted(true);
  if (!wanted && !props.when) return null;
  return (
    <LoadBoundary what={props.what} place={(message) => <div className="fixed inset-x-0 top-28 z-50 flex justify-center px-3">{message}</div>}>
      <Suspense fallback={props.fallback === undefined ? <LoadingNote what={props.what} /> : props.fallback}>{props.children}</Suspense>
    </LoadBoundary>
  );
}

/** "Opening the lessons…": shown while a part's code is fetched, centred below the header and the legend (clear of both). */
export function LoadingNote({ what }: { readonly what: string }) {
  return (
    <div className="pointer-events-none fixed inset-x-0 top-28 z-50 flex justify-center px-3">
      <p role="status" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 shadow dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100" data-testid="loading-part">
        Opening the {what}…
      </p>
    </div>
  );
}
