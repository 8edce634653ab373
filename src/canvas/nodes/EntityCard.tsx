import { Handle, Position } from '@xyflow/react';
import type { ReactNode } from 'react';
import { Icon, type IconName } from '../../ui/icons';

/** The shared look of principals, resources and rules: icon, kind, name, and connection handles. */
export function EntityCard(props: {
  readonly testId: string;
  readonly icon: IconName;
  readonly tint: string;
  readonly kind: string;
  readonly name: string;
  readonly selected: boolean;
  readonly source?: boolean;
  readonly target?: boolean;
  readonly badge?: ReactNode;
}) {
  const { testId, icon, tint, kind, name, selected, source = true, target = true, badge } = props;
  return (
    <div
      className={`flex w-[188px] items-center gap-2 rounded-lg border bg-white px-2.5 py-2 shadow-sm dark:bg-slate-800 ${selected ? 'border-sky-500 ring-2 ring-sky-400/50' : 'border-slate-300 dark:border-slate-600'}`}
      data-testid={testId}
    >
      {target && <Handle type="target" position={Position.Left} className="!h-2.5 !w-2.5 !border-2 !border-white !bg-slate-500" aria-label={`Connect into ${name}`} />}
      <span className={`shrink-0 ${tint}`}>
        <Icon name={icon} className="h-6 w-6" />
      </span>
      <span className="min-w-0">
        <span className="block text-[10px] font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">{kind}</span>
        <span className="block truncate text-sm font-medium" title={name}>
          {name}
        </span>
      </span>
      {badge && <span className="ml-auto shrink-0">{badge}</span>}
      {source && <Handle type="source" position={Position.Right} className="!h-2.5 !w-2.5 !border-2 !border-white !bg-sky-600" aria-label={`Connect from ${name}`} />}
    </div>
  );
}
