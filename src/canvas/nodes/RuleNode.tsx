import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { RuleFlowNode } from '../../graph/toFlow';
import { RULE_LOOK } from '../appearance';
import { EntityCard } from './EntityCard';

/** An EventBridge rule, docked on its bus; its targets are edges from its right handle. */
function RuleNodeView({ data, selected }: NodeProps<RuleFlowNode>) {
  return <EntityCard testId={`rule.${data.rule.id}`} icon={RULE_LOOK.icon} tint={RULE_LOOK.tint} kind="Rule" name={data.rule.name} selected={!!selected} target={false} compact />;
}

export const RuleNode = memo(RuleNodeView);
