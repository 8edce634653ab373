import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo, type MouseEvent } from 'react';
import type { DecisionFlowEdge } from '../../graph/toFlow';
import { stepStatus } from '../../graph/verdict';
import { selectOnCanvas } from '../../store/selection';
import { Icon } from '../../ui/icons';
import { DECISION_LOOK, SHORT_REASON } from '../appearance';

/**
 * An edge coloured and dashed by the engine's decision, with a label naming each action and its outcome,
 * and for a denial a few words on why. React Flow's `g[data-id]` wrapper carries `data-decision`
 * (allowed, explicit-deny, implicit-deny, mixed, invalid, pending) for tests and tools.
 *
 * The label is a button: clicking it selects the edge (and opens its explanation) exactly like clicking
 * the line, with Shift/Ctrl/⌘ adding to the selection.
 */
function DecisionEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd }: EdgeProps<DecisionFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
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
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        {...(markerEnd ? { markerEnd } : {})}
        interactionWidth={20}
        className="decision-edge-path"
        style={{ stroke: look.stroke, strokeWidth: selected ? look.width + 1.5 : look.width, ...(look.dash ? { strokeDasharray: look.dash } : {}) }}
      />
      <EdgeLabelRenderer>
        <button
          type="button"
          className={`edge-label nodrag nopan pointer-events-auto absolute flex max-w-[260px] flex-col items-start rounded-md border px-1.5 py-0.5 text-left text-xs font-medium leading-snug shadow-sm ${look.chip} ${selected ? 'ring-2 ring-sky-500' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, zIndex: selected ? 6 : 5 }}
          data-testid={`edge-label.${id}`}
          data-decision={lookName}
          title={verdict?.summary ?? look.label}
          aria-label={`${what} ${data?.title ?? ''}: ${verdict?.summary ?? look.label}`}
          aria-pressed={!!selected}
          onClick={onClick}
        >
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
        </button>
      </EdgeLabelRenderer>
    </>
  );
}

export const DecisionEdge = memo(DecisionEdgeView);
