import { createContext, useId } from 'react';
import { createPortal } from 'react-dom';
import type { EdgeLook } from '../../graph/verdict';

/**
 * The arrowheads of decision edges: one per look, defined once per canvas, and referenced by each edge
 * (`markerEnd`, see DecisionEdge). React Flow can define them itself from an object on every edge, but it
 * then builds and sorts a key for each of the 2,000 edges of a large scenario on every change of the edges
 * (a recolour included); a plain reference costs it nothing.
 *
 * The definitions are drawn in the canvas's edge-label layer, inside React Flow's viewport, so a picture
 * of the canvas (src/share/image.ts clones the viewport) keeps its arrowheads. They are the shape React
 * Flow draws for `MarkerType.ArrowClosed`, 18 × 18, in the look's colour.
 */

const LOOKS: readonly EdgeLook[] = ['allowed', 'explicit-deny', 'implicit-deny', 'mixed', 'invalid', 'pending'];

/** The prefix of this canvas's marker ids; every canvas on the page has its own. */
export const MarkerPrefixContext = createContext<string>('decision');

/** A unique, CSS-safe id prefix for one canvas's markers. */
export function useMarkerPrefix(): string {
  return `decision-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
}

export function markerUrl(prefix: string, look: EdgeLook): string {
  return `url(#${prefix}-arrow-${look})`;
}

/** The definitions, portalled into `host` (the canvas's edge-label layer). */
export function DecisionMarkers({ host, prefix }: { readonly host: HTMLElement | null; readonly prefix: string }) {
  if (!host) return null;
  return createPortal(
    <svg className="decision-markers" aria-hidden="true" width="0" height="0" style={{ position: 'absolute', overflow: 'hidden' }}>
      <defs>
        {LOOKS.map((look) => (
          <marker key={look} id={`${prefix}-arrow-${look}`} className="react-flow__arrowhead" markerWidth="18" markerHeight="18" viewBox="-10 -10 20 20" markerUnits="strokeWidth" orient="auto-start-reverse" refX="0" refY="0">
            <polyline className="arrowclosed" style={{ stroke: `var(--decision-${look})`, fill: `var(--decision-${look})`, strokeWidth: 1 }} strokeLinecap="round" strokeLinejoin="round" points="-5,-4 0,0 -5,4 -5,-4" />
          </marker>
        ))}
      </defs>
    </svg>,
    host,
  );
}
