import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { principalName, type PrincipalFlowNode } from '../../graph/toFlow';
import { PRINCIPAL_LOOK } from '../appearance';
import { EntityCard } from './EntityCard';

function PrincipalNodeView({ data, selected }: NodeProps<PrincipalFlowNode>) {
  const { principal } = data;
  const look = PRINCIPAL_LOOK[principal.type];
  const policies = principal.type === 'iam-user' || principal.type === 'iam-role' ? principal.policies.length : 0;
  return (
    <EntityCard
      testId={`principal.${principal.id}`}
      icon={look.icon}
      tint={look.tint}
      kind={principal.type === 'service' ? principal.service : look.label}
      kindIsId={principal.type === 'service'}
      name={principalName(principal)}
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
