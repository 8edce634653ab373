import { useEffect, useState } from 'react';
import { useLibrary } from '../../store/library';
import { JOURNEY_DOCK_ID } from '../../ui/fitObstacle';

/**
 * Where the journey panel docks: along the bottom of the canvas, clear of React Flow's zoom controls (left),
 * the minimap when it is shown (right) and the lesson panel, which floats over the canvas's left edge while
 * a lesson is open (src/panels/lessons/LessonPanel.tsx).
 */

const CONTROLS = 48;
const MINIMAP = 204;
const GAP = 12;

/** How far the lesson panel reaches into the canvas from its left edge, in pixels (0 when closed). */
export function useLessonInset(): number {
  const lessonId = useLibrary((s) => s.lessonId);
  const [inset, setInset] = useState(0);
  useEffect(() => {
    const measure = (): void => {
      const panel = document.querySelector('[data-testid="lesson-panel"]')?.getBoundingClientRect();
      const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
      setInset(panel && canvas && panel.width > 0 ? Math.max(0, Math.round(panel.right - canvas.left)) : 0);
    };
    // The panel renders with the lesson; it is measured once it is on screen, and again when it is
    // collapsed or expanded, or the window changes size. Its code is loaded on demand: when it is not in
    // the page yet, it is measured as it arrives.
    const frame = requestAnimationFrame(measure);
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : undefined;
    const find = (): Element | null => document.querySelector('[data-testid="lesson-panel"]');
    const panel = find();
    let arrival: MutationObserver | undefined;
    if (panel) observer?.observe(panel);
    else if (lessonId !== undefined && typeof MutationObserver === 'function') {
      arrival = new MutationObserver(() => {
        const found = find();
        if (!found) return;
        arrival?.disconnect();
        observer?.observe(found);
        measure();
      });
      arrival.observe(document.body, { childList: true, subtree: true });
    }
    window.addEventListener('resize', measure);
    return () => {
      cancelAnimationFrame(frame);
      observer?.disconnect();
      arrival?.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [lessonId]);
  return inset;
}

/** The journey strip's style for React Flow's bottom-left `<Panel>`. */
export function stripStyle(minimap: boolean, lessonInset: number): { left: number; right: number } {
  return { left: Math.max(CONTROLS, lessonInset + GAP), right: minimap ? MINIMAP : GAP };
}

/**
 * The dock below the canvas where the journey strip and player go (src/app/App.tsx), once it is in the
 * page; `null` where the app has none (the strip then floats over the canvas's bottom).
 */
export function useJourneyDock(): HTMLElement | null {
  const [dock, setDock] = useState<HTMLElement | null>(() => (typeof document === 'object' ? document.getElementById(JOURNEY_DOCK_ID) : null));
  useEffect(() => {
    // Rendered in the same commit as the canvas: found once the page has it.
    if (!dock) setDock(document.getElementById(JOURNEY_DOCK_ID));
  }, [dock]);
  return dock;
}
