import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { BUS_HANDLE_Y, type BusFlowNode } from '../../graph/toFlow';
import { Icon } from '../../ui/icons';
import { RESOURCE_LOOK } from '../appearance';

/** An EventBridge event bus: a card with its rules docked underneath, so a rule visibly sits on its bus. */
function BusNodeView({ data, selected }: NodeProps<BusFlowNode>) {
  const { resource, rules } = data;
  const look = RESOURCE_LOOK['events-bus'];
  return (
    <div
      className={`relative h-full w-full rounded-lg border-2 bg-rose-50/80 shadow-sm dark:bg-rose-950/40 ${selected ? 'border-sky-600 ring-2 ring-sky-500/60 dark:border-sky-400' : 'border-rose-300 dark:border-rose-800'}`}
      data-testid={`resource.${resource.id}`}
    >
      <Handle type="target" position={Position.Left} style={{ top: BUS_HANDLE_Y }} className="entity-handle entity-handle--target" title={`Drop a connection here to reach ${resource.name}`} />
      <div className="flex h-[60px] items-center gap-2.5 px-3">
        <span className={`shrink-0 ${look.tint}`}>
          <Icon name={look.icon} className="h-7 w-7" />
        </span>
        <span className="min-w-0 flex-1">
          <span className="lod-detail block text-[11px] font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">Event bus</span>
          <span className="lod-name block truncate text-[15px] font-medium leading-tight" title={resource.name}>
            {resource.name}
          </span>
        </span>
        <span className="policy-badge lod-detail shrink-0 self-start" title={rules === 0 ? 'No rules on this bus' : `${rules} rule${rules === 1 ? '' : 's'}`}>
          {rules} rule{rules === 1 ? '' : 's'}
        </span>
      </div>
    </div>
  );
}

export const BusNode = memo(BusNodeView);
