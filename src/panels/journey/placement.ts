import { useEffect, useState } from 'react';
import { useLibrary } from '../../store/library';
import { useAppStore } from '../../store/store';
import { JOURNEY_DOCK_ID } from '../../ui/fitObstacle';

/**
 * Where the journey panel docks: along the bottom of the canvas, clear of React Flow's zoom controls (left),
 * the minimap when it is shown (right) and the lesson panel, which floats over the canvas's left edge while
 * a lesson is open (src/panels/lessons/LessonPanel.tsx).
 */

const CONTROLS = 48;
const MINIMAP = 204;
const GAP = 12;

/**
 * How far the panels floating over the canvas's left edge reach into it, in pixels (0 when none is open): the
 * lesson panel and the what-if comparison (src/panels/whatif/WhatIfPanel.tsx).
 */
export function useLessonInset(): number {
  const lessonId = useLibrary((s) => s.lessonId);
  const whatIf = useAppStore((s) => s.whatIf !== undefined);
  const [inset, setInset] = useState(0);
  useEffect(() => {
    const panels = (): Element[] => [...document.querySelectorAll('[data-testid="lesson-panel"], [data-testid="whatif-panel"]')];
    const measure = (): void => {
      const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
      let right = 0;
      for (const panel of panels()) {
        const box = panel.getBoundingClientRect();
        if (box.width > 0) right = Math.max(right, box.right);
      }
      setInset(canvas && right > 0 ? Math.max(0, Math.round(right - canvas.left)) : 0);
    };
    // A panel renders with its lesson or comparison (the comparison's is loaded on demand): it is measured
    // on the next frames until it is on screen, and again when it is collapsed or expanded, or the window
    // changes size.
    let frames = 0;
    let frame = 0;
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : undefined;
    const look = (): void => {
      measure();
      const found = panels();
      for (const panel of found) observer?.observe(panel);
      if (found.length === 0 && (lessonId !== undefined || whatIf) && frames++ < 120) frame = requestAnimationFrame(look);
    };
    frame = requestAnimationFrame(look);
    window.addEventListener('resize', measure);
    return () => {
      cancelAnimationFrame(frame);
      observer?.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [lessonId, whatIf]);
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
