import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { DecisionFlowEdge } from '../../graph/toFlow';
import { useAppStore } from '../../store/store';
import { Icon } from '../../ui/icons';
import { DECISION_LOOK } from '../appearance';

/**
 * An edge coloured by the engine's decision. The path carries `data-decision` (allowed, explicit-deny,
 * implicit-deny, mixed, invalid) inside React Flow's `[data-id]` wrapper, for tests and tools.
 */
function DecisionEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd }: EdgeProps<DecisionFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const evaluation = data?.evaluation;
  const status = evaluation?.status ?? 'invalid';
  const look = DECISION_LOOK[status];
  const kind = data?.kind ?? 'access';
  const steps = evaluation?.steps ?? [];
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        {...(markerEnd ? { markerEnd } : {})}
        interactionWidth={18}
        style={{ stroke: look.stroke, strokeWidth: selected ? look.width + 1.5 : look.width, ...(look.dash ? { strokeDasharray: look.dash } : {}) }}
      />
      {/* An invisible twin carries the decision for tests and tools without affecting rendering. */}
      <path d={path} fill="none" stroke="none" data-decision={status} data-kind={kind} />
      <EdgeLabelRenderer>
        <div
          className={`nodrag nopan pointer-events-auto absolute flex max-w-[240px] items-center gap-1 rounded-md border px-1.5 py-0.5 text-[11px] font-medium shadow-sm ${look.chip} ${selected ? 'ring-2 ring-sky-400' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, zIndex: 1000 }}
          data-testid={`edge-label.${id}`}
          data-decision={status}
          title={evaluation?.summary}
          role="button"
          tabIndex={0}
          aria-label={`${kind === 'assume' ? 'AssumeRole' : kind === 'target' ? 'EventBridge delivery' : 'Access'}: ${look.label}. ${evaluation?.summary ?? ''} Press Enter for the explanation.`}
          onClick={() => useAppStore.getState().select([id])}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              useAppStore.getState().select([id]);
            }
          }}
        >
          <Icon name={kind === 'assume' ? 'swap' : look.icon} className="h-3.5 w-3.5 shrink-0" />
          {kind === 'assume' ? (
            <span>
              AssumeRole · {look.label.toLowerCase()}
            </span>
          ) : steps.length > 0 ? (
            <span className="flex flex-wrap gap-x-1.5">
              {kind === 'target' && data?.via && <span>via {data.via}:</span>}
              {(kind === 'target' ? steps.slice(-1) : steps).map((s) => (
                <span key={s.label} className="whitespace-nowrap">
                  {s.label} {s.decision.allowed ? '✓' : '✕'}
                </span>
              ))}
            </span>
          ) : (
            <span>{kind === 'target' ? 'delivery · needs a role' : look.label}</span>
          )}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const DecisionEdge = memo(DecisionEdgeView);
