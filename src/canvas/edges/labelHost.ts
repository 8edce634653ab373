import { createContext } from 'react';

/**
 * Where edge labels are rendered: React Flow's edge-label layer, found once by the canvas. React Flow's
 * own `EdgeLabelRenderer` looks the layer up with `querySelector` in a store selector — once per edge on
 * every store update, which on 2,000 edges cost seconds per edit. This context finds it once.
 */
export const LabelHostContext = createContext<HTMLElement | null>(null);

/**
 * Whether edge labels select their edge in the app's store when clicked: true on the editing canvas, false
 * on read-only canvases (the compare view), whose edges are not the scenario's.
 */
export const EdgeLabelsSelectContext = createContext<boolean>(true);

/**
 * Where each edge's label is centred (flow coordinates), when the canvas lays its labels out
 * (src/canvas/edges/EdgeLabelLayout.tsx, small diagrams); absent, a label sits at its line's middle.
 */
export const LabelPlacementContext = createContext<ReadonlyMap<string, { readonly x: number; readonly y: number }> | undefined>(undefined);
