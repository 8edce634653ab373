import { NodeResizer, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { AccountFlowNode } from '../../graph/toFlow';
import { openDrawPicker } from '../../panels/import/importUi';
import { Icon } from '../../ui/icons';

/** An AWS account: a container (sub-flow) holding its principals, resources and rules. */
function AccountNodeView({ data, selected }: NodeProps<AccountFlowNode>) {
  const { account, orgName, isManagement, count, hidden } = data;
  return (
    <div
      className={`relative h-full w-full rounded-xl border-2 bg-slate-50/90 dark:bg-slate-900/80 ${selected ? 'border-sky-600 dark:border-sky-400' : 'border-slate-400 dark:border-slate-600'}`}
      data-testid={`account.${account.id}`}
    >
      <NodeResizer isVisible={!!selected} minWidth={260} minHeight={160} lineClassName="!border-sky-500" handleClassName="!h-3 !w-3 !border-sky-600" />
      <div className="account-drag-handle flex cursor-grab items-center gap-2 rounded-t-[10px] border-b border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-800">
        <Icon name="account" className="h-5 w-5 shrink-0 text-slate-600 dark:text-slate-300" />
        {/* In a narrow header the id gives way first (cut short, whole in its tooltip), then the name. */}
        <span className="lod-name min-w-[5rem] truncate text-[15px] font-semibold" title={account.name}>
          {account.name}
        </span>
        <span className="lod-detail min-w-0 shrink-[4] truncate font-mono text-xs text-slate-700 dark:text-slate-300" title={account.id}>
          {account.id}
        </span>
        {orgName && isManagement && (
          // In the header, after the id (a tab on the border spilled out of the account's box).
          <span className="lod-detail ml-auto shrink-0 rounded bg-indigo-100 px-1.5 text-[11px] font-medium leading-[18px] text-indigo-900 ring-1 ring-indigo-300 dark:bg-indigo-900 dark:text-indigo-100 dark:ring-indigo-700" title={`Management account of ${orgName}`}>
            management
          </span>
        )}
      </div>
      {count === 0 && hidden === 0 && <p className="lod-name px-3 py-4 text-sm text-slate-600 dark:text-slate-400">Empty account. Add a user, role or resource from the palette, or drag one in here.</p>}
      {count === 0 && hidden > 0 && (
        <div className="px-3 py-3 text-sm text-slate-700 dark:text-slate-300" data-testid={`account.${account.id}.hidden`}>
          <p>
            {hidden.toLocaleString('en-US')} principal{hidden === 1 ? '' : 's'} and resource{hidden === 1 ? '' : 's'}, not drawn — in the scenario and decided.
          </p>
          <button type="button" className="nodrag link mt-1 text-sm" onClick={(e) => (e.stopPropagation(), openDrawPicker())}>
            Choose what to draw…
          </button>
        </div>
      )}
      {count > 0 && hidden > 0 && (
        // A tab on the account's bottom border: how much more the account holds than is drawn.
        <button
          type="button"
          className="nodrag absolute -bottom-3 right-3 rounded bg-white px-1.5 text-[11px] font-medium leading-[20px] text-slate-800 ring-1 ring-slate-400 hover:bg-slate-100 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-500 dark:hover:bg-slate-700"
          onClick={(e) => (e.stopPropagation(), openDrawPicker())}
          title="Choose what to draw"
          data-testid={`account.${account.id}.hidden`}
        >
          +{hidden.toLocaleString('en-US')} not drawn
        </button>
      )}
    </div>
  );
}

export const AccountNode = memo(AccountNodeView);
