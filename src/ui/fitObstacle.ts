/**
 * Marks an element that floats over the editing canvas (the legend, the lesson panel, the journey strip):
 * when the view is fitted, the diagram is kept clear of it (src/canvas/ViewFit.tsx).
 */
export const FIT_OBSTACLE = { 'data-fit-obstacle': 'true' } as const;
