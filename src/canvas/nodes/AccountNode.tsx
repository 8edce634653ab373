import { NodeResizer, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { AccountFlowNode } from '../../graph/toFlow';
import { Icon } from '../../ui/icons';

/** An AWS account: a container (sub-flow) holding its principals, resources and rules. */
function AccountNodeView({ data, selected }: NodeProps<AccountFlowNode>) {
  const { account, orgName, isManagement, count } = data;
  return (
    <div
      className={`h-full w-full rounded-xl border-2 bg-slate-50/70 dark:bg-slate-900/60 ${selected ? 'border-sky-500' : 'border-slate-300 dark:border-slate-700'}`}
      data-testid={`account.${account.id}`}
    >
      <NodeResizer isVisible={selected} minWidth={240} minHeight={160} lineClassName="!border-sky-500" handleClassName="!h-2.5 !w-2.5 !border-sky-500" />
      <div className="account-drag-handle flex cursor-grab items-center gap-2 rounded-t-xl border-b border-slate-200 bg-white/80 px-3 py-1.5 dark:border-slate-700 dark:bg-slate-800/80">
        <Icon name="account" className="h-4 w-4 text-slate-500" />
        <span className="truncate text-sm font-semibold">{account.name}</span>
        <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{account.id}</span>
        {orgName && (
          <span className="ml-auto truncate rounded bg-slate-200 px-1.5 py-0.5 text-[10px] font-medium text-slate-700 dark:bg-slate-700 dark:text-slate-200">
            {isManagement ? `${orgName} · management` : orgName}
          </span>
        )}
      </div>
      {count === 0 && (
        <p className="px-3 py-4 text-xs text-slate-500 dark:text-slate-400">Add a user, role or resource from the palette, or drag one here.</p>
      )}
    </div>
  );
}

export const AccountNode = memo(AccountNodeView);
