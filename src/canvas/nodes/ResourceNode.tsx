import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ResourceFlowNode } from '../../graph/toFlow';
import { RESOURCE_TYPES } from '../../model';
import { RESOURCE_LOOK } from '../appearance';
import { EntityCard } from './EntityCard';

function ResourceNodeView({ data, selected }: NodeProps<ResourceFlowNode>) {
  const { resource } = data;
  const look = RESOURCE_LOOK[resource.type];
  return (
    <EntityCard
      testId={`resource.${resource.id}`}
      icon={look.icon}
      tint={look.tint}
      kind={RESOURCE_TYPES[resource.type].label}
      name={resource.name}
      selected={!!selected}
      source={false}
      badge={resource.policy ? <span title={RESOURCE_TYPES[resource.type].policyName} className="rounded bg-slate-100 px-1 text-[10px] text-slate-700 dark:bg-slate-700 dark:text-slate-200">policy</span> : undefined}
    />
  );
}

export const ResourceNode = memo(ResourceNodeView);
