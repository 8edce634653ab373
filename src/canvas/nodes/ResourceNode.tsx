import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ResourceFlowNode } from '../../graph/toFlow';
import { RESOURCE_TYPES } from '../../model';
import { RESOURCE_LOOK } from '../appearance';
import { EntityCard } from './EntityCard';

function ResourceNodeView({ data, selected }: NodeProps<ResourceFlowNode>) {
  const { resource } = data;
  const look = RESOURCE_LOOK[resource.type];
  const info = RESOURCE_TYPES[resource.type];
  return (
    <EntityCard
      testId={`resource.${resource.id}`}
      icon={look.icon}
      tint={look.tint}
      kind={look.short}
      name={resource.name}
      selected={!!selected}
      source={false}
      badge={info.policyName ? <span className="policy-badge" title={resource.hasPolicy ? info.policyName : `No ${info.policyName.toLowerCase()}`}>{resource.hasPolicy ? 'policy' : 'no policy'}</span> : undefined}
    />
  );
}

export const ResourceNode = memo(ResourceNodeView);
