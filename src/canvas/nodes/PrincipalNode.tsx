import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { PrincipalFlowNode } from '../../graph/toFlow';
import { PRINCIPAL_LOOK } from '../appearance';
import { EntityCard } from './EntityCard';

function PrincipalNodeView({ data, selected }: NodeProps<PrincipalFlowNode>) {
  const { principal } = data;
  const look = PRINCIPAL_LOOK[principal.type];
  const { policies } = principal;
  return (
    <EntityCard
      testId={`principal.${principal.id}`}
      icon={look.icon}
      tint={look.tint}
      kind={principal.service ?? look.label}
      kindIsId={principal.type === 'service'}
      name={principal.name}
      selected={!!selected}
      target={principal.type === 'iam-role'}
      badge={
        principal.type === 'iam-user' || principal.type === 'iam-role' ? (
          <span className="policy-badge" title={`${policies} identity polic${policies === 1 ? 'y' : 'ies'}`}>
            {policies === 0 ? 'no policy' : `${policies} polic${policies === 1 ? 'y' : 'ies'}`}
          </span>
        ) : undefined
      }
    />
  );
}

export const PrincipalNode = memo(PrincipalNodeView);
