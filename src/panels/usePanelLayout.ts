import { useSyncExternalStore } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useUiPrefs } from '../store/uiPrefs';
import { choiceAfterToggle, INSPECTOR_WIDE_FROM, PALETTE_FULL_FROM, panelLayout, type PanelChoices, type PanelLayout } from './panelLayout';

/**
 * The panels' layout for the current window (src/panels/panelLayout.ts). Re-renders only when the window
 * crosses a breakpoint, not on every pixel of a resize.
 */

const BREAKPOINTS = [PALETTE_FULL_FROM, INSPECTOR_WIDE_FROM].sort((a, b) => b - a);

function subscribe(onChange: () => void): () => void {
  const queries = BREAKPOINTS.map((w) => window.matchMedia(`(min-width: ${w}px)`));
  for (const q of queries) q.addEventListener('change', onChange);
  return () => {
    for (const q of queries) q.removeEventListener('change', onChange);
  };
}

/** The window's width rounded down to the largest breakpoint it reaches (0 below all of them). */
function widthClass(): number {
  return BREAKPOINTS.find((w) => window.matchMedia(`(min-width: ${w}px)`).matches) ?? 0;
}

export function usePanelLayout(): PanelLayout & { readonly toggle: (panel: keyof PanelChoices, open: boolean) => void } {
  const width = useSyncExternalStore(subscribe, widthClass);
  const choices = useUiPrefs(useShallow((s) => ({ palette: s.palette, inspector: s.inspector })));
  return {
    ...panelLayout(width, choices),
    toggle: (panel, open) => useUiPrefs.getState().set({ [panel]: choiceAfterToggle(widthClass(), panel, open) }),
  };
}
