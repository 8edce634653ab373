/**
 * Marks an element that floats over the editing canvas (the legend, the lesson panel, the journey strip):
 * when the view is fitted, the diagram is kept clear of it (src/canvas/ViewFit.tsx).
 */
export const FIT_OBSTACLE = { 'data-fit-obstacle': 'true' } as const;

/** The id of the element holding the canvas and what floats over it (notices are drawn inside it). */
export const CANVAS_AREA_ID = 'canvas-area';
/** Where the journey player docks: below the canvas, in the canvas area (src/app/App.tsx). */
export const JOURNEY_DOCK_ID = 'journey-dock';
/**
 * Where the what-if comparison docks: a tab of the inspector's column (src/panels/Inspector.tsx), so it never
 * floats over the diagram it describes.
 */
export const WHATIF_DOCK_ID = 'whatif-dock';
