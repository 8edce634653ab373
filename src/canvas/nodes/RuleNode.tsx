import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { RuleFlowNode } from '../../graph/toFlow';
import { EntityCard } from './EntityCard';

function RuleNodeView({ data, selected }: NodeProps<RuleFlowNode>) {
  return <EntityCard testId={`rule.${data.rule.id}`} icon="rule" tint="text-rose-700 dark:text-rose-300" kind="EventBridge rule" name={data.rule.name} selected={!!selected} target={false} />;
}

export const RuleNode = memo(RuleNodeView);
