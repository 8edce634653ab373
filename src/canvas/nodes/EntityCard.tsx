import { Handle, Position } from '@xyflow/react';
import type { ReactNode } from 'react';
import { Icon, type IconName } from '../../ui/icons';

/** The shared look of principals, resources, buses and rules: icon, kind, name, and connection handles. */
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
  /** Compact cards (rules docked on a bus). */
  readonly compact?: boolean;
  readonly className?: string;
}) {
  const { testId, icon, tint, kind, name, selected, source = true, target = true, badge, compact = false, className = '' } = props;
  return (
    <div
      className={`entity-card relative flex h-full w-full items-center gap-2.5 rounded-lg border bg-white shadow-sm dark:bg-slate-800 ${compact ? 'px-2 py-1' : 'px-3 py-2'} ${
        selected ? 'border-sky-600 ring-2 ring-sky-500/60 dark:border-sky-400' : 'border-slate-300 dark:border-slate-600'
      } ${className}`}
      data-testid={testId}
    >
      {target && <Handle type="target" position={Position.Left} className="entity-handle entity-handle--target" title={`Drop a connection here to reach ${name}`} />}
      <span className={`card-detail shrink-0 ${tint}`}>
        <Icon name={icon} className={compact ? 'h-5 w-5' : 'h-7 w-7'} />
      </span>
      <span className="min-w-0 flex-1">
        <span className="card-detail flex items-center gap-1">
          <span className={`truncate font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400 ${compact ? 'text-[10px]' : 'text-[11px]'}`}>{kind}</span>
          {badge && <span className="ml-auto shrink-0">{badge}</span>}
        </span>
        <span className={`block truncate font-medium leading-tight ${compact ? 'text-sm' : 'text-[15px]'}`} title={name}>
          {name}
        </span>
      </span>
      {source && <Handle type="source" position={Position.Right} className="entity-handle entity-handle--source" title={`Drag from here to connect ${name} to a role or resource`} />}
    </div>
  );
}
