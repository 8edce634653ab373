import { useSyncExternalStore } from 'react';
import { useAppStore } from '../store/store';

/**
 * How far the access review panel (src/panels/review/ReviewPanel.tsx, `right-2`, 18rem wide below 1280 px and
 * 22rem from there, Tailwind's `xl`) reaches into the canvas from its right edge, with a gap: the minimap,
 * docked at the canvas's bottom right, keeps clear of it while the review is open.
 */
export const REVIEW_WIDE_FROM = 1280;

export function reviewInset(wide: boolean): number {
  return 8 + (wide ? 352 : 288) + 8;
}

const query = (): MediaQueryList | undefined => (typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(`(min-width: ${REVIEW_WIDE_FROM}px)`) : undefined);

function subscribe(onChange: () => void): () => void {
  const q = query();
  q?.addEventListener('change', onChange);
  return () => q?.removeEventListener('change', onChange);
}

/** The review panel's inset while it is open (0 when closed), following the window's width. */
export function useReviewInset(): number {
  const wide = useSyncExternalStore(subscribe, () => query()?.matches ?? true);
  const open = useAppStore((s) => s.reviewOpen);
  return open ? reviewInset(wide) : 0;
}
