import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { PrincipalFlowNode } from '../../graph/toFlow';
import { PRINCIPAL_LOOK } from '../appearance';
import { EntityCard } from './EntityCard';

function PrincipalNodeView({ data, selected }: NodeProps<PrincipalFlowNode>) {
  const { principal } = data;
  const look = PRINCIPAL_LOOK[principal.type];
  return (
    <EntityCard
      testId={`principal.${principal.id}`}
      icon={look.icon}
      tint={look.tint}
      kind={look.label}
      name={principal.type === 'service' ? principal.service : principal.name}
      selected={!!selected}
      target={principal.type === 'iam-role'}
    />
  );
}

export const PrincipalNode = memo(PrincipalNodeView);
