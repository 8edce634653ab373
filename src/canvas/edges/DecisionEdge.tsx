import { BaseEdge, Position, type EdgeProps } from '@xyflow/react';
import { memo, useContext, type MouseEvent } from 'react';
import { createPortal } from 'react-dom';
import { edgeSides, sidesPath, type Box } from '../../graph/edgeRoute';
import type { DecisionFlowEdge } from '../../graph/toFlow';
import { stepStatus } from '../../graph/verdict';
import { selectOnCanvas } from '../../store/selection';
import { Icon } from '../../ui/icons';
import { DECISION_LOOK, SHORT_REASON } from '../appearance';
import { EdgeLabelsSelectContext, LabelHostContext, LabelPlacementContext } from './labelHost';
import { MarkerPrefixContext, markerUrl } from './markers';

/** Handles sit centred on the card's border: React Flow reports the outer side of a 14-px handle. */
const HANDLE_HALF = 7;

/**
 * An edge coloured and dashed by the engine's decision, with a label naming each action and its outcome,
 * and for a denial a few words on why. React Flow's `g[data-id]` wrapper carries `data-decision`
 * (allowed, explicit-deny, implicit-deny, mixed, invalid, pending) for tests and tools.
 *
 * The label is a button: clicking it selects the edge (and opens its explanation) exactly like clicking
 * the line, with Shift/Ctrl/⌘ adding to the selection. On a read-only canvas (the journeys' compare view)
 * it is plain text: nothing there belongs to the app's selection.
 */

function DecisionEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected }: EdgeProps<DecisionFlowEdge>) {
  // The ends' boxes, from React Flow's handle positions and the sizes the derivation knows (no per-edge
  // subscription to the nodes: on 2,000 edges those cost a selector run each on every store update).
  const se = data?.ends.source;
  const te = data?.ends.target;
  const s: Box | undefined = se && sourcePosition === Position.Right ? { x: sourceX - HANDLE_HALF - se.width, y: sourceY - se.handleY, w: se.width, h: se.height } : undefined;
  const t: Box | undefined = te && targetPosition === Position.Left ? { x: targetX + HANDLE_HALF, y: targetY - te.handleY, w: te.width, h: te.height } : undefined;
  // The sides are chosen from the ends' boxes (src/graph/edgeRoute.ts, shared with the journey overlay).
  const [path, midX, midY] = sidesPath(s && t ? edgeSides(s, t) : { sx: sourceX, sy: sourceY, sp: sourcePosition, tx: targetX, ty: targetY, tp: targetPosition });
  // Where the canvas laid the label out (small diagrams: clear of cards, headers and other labels), else
  // the line's middle.
  const placed = useContext(LabelPlacementContext)?.get(id);
  const labelX = placed?.x ?? midX;
  const labelY = placed?.y ?? midY;
  const lookName = data?.look ?? 'pending';
  const look = DECISION_LOOK[lookName];
  const kind = data?.kind ?? 'access';
  const verdict = data?.verdict;
  const steps = verdict?.steps ?? [];
  const shown = kind === 'target' ? steps.slice(-1) : steps;
  const denied = steps.find((s) => !s.allowed);
  const reason = denied && lookName !== 'allowed' ? SHORT_REASON[denied.reason] : undefined;
  const onClick = (event: MouseEvent) => {
    event.stopPropagation();
    selectOnCanvas(id, event.shiftKey || event.metaKey || event.ctrlKey);
  };
  const what = kind === 'assume' ? 'AssumeRole' : kind === 'target' ? 'EventBridge delivery' : 'Access';
  // The summary sentence speaks of one action; with several, each is read with its own decision first.
  const perAction = shown.length > 1 ? `${shown.map((s) => `${s.label} ${DECISION_LOOK[stepStatus(s)].label.toLowerCase()}`).join(', ')}. ` : '';
  const spoken = `${what} ${data?.title ?? ''}: ${perAction}${verdict?.summary ?? look.label}`;
  const labelHost = useContext(LabelHostContext);
  const selects = useContext(EdgeLabelsSelectContext);
  const markers = useContext(MarkerPrefixContext);
  const content = (
    <>
      <span className="flex items-center gap-1">
        <Icon name={kind === 'assume' ? 'swap' : look.icon} className="h-3.5 w-3.5 shrink-0" />
        {kind === 'assume' ? (
          <span>AssumeRole {look.mark}</span>
        ) : shown.length > 0 ? (
          <span className="flex flex-wrap gap-x-1.5">
            {kind === 'target' && data?.via && <span>as {data.via}:</span>}
            {shown.map((s, i) => (
              <span key={`${s.label}:${i}`} className="whitespace-nowrap" data-action={s.label} data-decision={stepStatus(s)}>
                {s.label} {DECISION_LOOK[stepStatus(s)].mark}
              </span>
            ))}
          </span>
        ) : kind === 'target' ? (
          <span>{verdict ? 'delivery · needs a role' : 'delivery'}</span>
        ) : (
          <span>{(data?.actions ?? []).join(' · ') || look.label}</span>
        )}
      </span>
      {reason && <span className="text-[11px] font-normal opacity-90">{reason}</span>}
    </>
  );
  const labelClass = `edge-label nodrag nopan absolute flex max-w-[260px] flex-col items-start rounded-md border px-1.5 py-0.5 text-left text-xs font-medium leading-snug ${look.chip}`;
  // Centred on (labelX, labelY). `translate` rather than `transform`, so the canvas's label scale (CSS
  // `scale`, set by src/canvas/LabelScale.tsx) composes with it about the label's centre.
  const labelStyle = { translate: `calc(${labelX}px - 50%) calc(${labelY}px - 50%)` };
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerUrl(markers, lookName)}
        interactionWidth={20}
        className={`decision-edge-path look-${lookName}`}
        style={{ stroke: look.stroke, strokeWidth: selected ? look.width + 1.5 : look.width }}
      />
      {labelHost &&
        createPortal(
        selects ? (
          <button
            type="button"
            className={`${labelClass} pointer-events-auto ${selected ? 'edge-label--selected ring-2 ring-sky-500' : ''}`}
            style={labelStyle}
            data-testid={`edge-label.${id}`}
            data-decision={lookName}
            title={verdict?.summary ?? look.label}
            aria-label={spoken}
            aria-pressed={!!selected}
            onClick={onClick}
          >
            {content}
          </button>
        ) : (
          <div className={labelClass} style={labelStyle} data-testid={`edge-label.${id}`} data-decision={lookName} title={verdict?.summary ?? look.label}>
            <span className="sr-only">{`${what} ${data?.title ?? ''}: `}</span>
            {content}
          </div>
        ),
          labelHost,
        )}
    </>
  );
}

export const DecisionEdge = memo(DecisionEdgeView);
