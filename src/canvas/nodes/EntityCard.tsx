import { Handle, Position } from '@xyflow/react';
import type { ReactNode } from 'react';
import { Icon, type IconName } from '../../ui/icons';

/**
 * The shared look of principals, resources and rules: icon, kind, name, and connection handles. Cards are
 * sized by the derivation (handed to React Flow already measured): wide enough for the name on two lines
 * with every word whole (`cardWidth`, src/graph/toFlow.ts), breaking only between words; a name longer
 * than the widest card is cut short, and the card's tooltip and accessible name say it whole.
 */
export function EntityCard(props: {
  readonly testId: string;
  readonly icon: IconName;
  readonly tint: string;
  /** The kind above the name ("IAM user"), or for a service principal its service ("events.amazonaws.com"). */
  readonly kind: string;
  /** The kind line is an identifier (a service principal's service): set in monospace, as written. */
  readonly kindIsId?: boolean;
  readonly name: string;
  readonly selected: boolean;
  readonly source?: boolean;
  readonly target?: boolean;
  readonly badge?: ReactNode;
  /** Compact cards (rules docked on a bus). */
  readonly compact?: boolean;
  readonly className?: string;
}) {
  const { testId, icon, tint, kind, kindIsId = false, name, selected, source = true, target = true, badge, compact = false, className = '' } = props;
  return (
    <div
      className={`entity-card relative flex h-full w-full items-center gap-2.5 rounded-lg border bg-white shadow-sm dark:bg-slate-800 ${compact ? 'px-2 py-1' : 'px-3 py-2'} ${
        selected ? 'border-sky-600 ring-2 ring-sky-500/60 dark:border-sky-400' : 'border-slate-300 dark:border-slate-600'
      } ${className}`}
      data-testid={testId}
      title={kindIsId ? `${name} (${kind})` : name}
    >
      {target && <Handle type="target" position={Position.Left} className="entity-handle entity-handle--target" title={`Drop a connection here to reach ${name}`} />}
      <span className={`card-detail shrink-0 ${tint}`}>
        <Icon name={icon} className={compact ? 'h-5 w-5' : 'h-7 w-7'} />
      </span>
      <span className="min-w-0 flex-1">
        <span className="card-detail lod-detail flex items-center gap-1 leading-3">
          <span
            className={`truncate text-slate-600 dark:text-slate-400 ${kindIsId ? 'font-mono text-[11px]' : 'text-[11px] font-semibold uppercase tracking-[0.03em]'}`}
            data-testid={kindIsId ? `${testId}.service` : undefined}
          >
            {kind}
          </span>
          {badge && <span className="ml-auto shrink-0">{badge}</span>}
        </span>
        <span className={`entity-name lod-name font-medium ${compact ? 'block truncate text-sm leading-tight' : 'line-clamp-2 text-[15px] leading-[1.15] [overflow-wrap:break-word]'}`} data-testid={`${testId}.name`}>
          {name}
        </span>
      </span>
      {source && <Handle type="source" position={Position.Right} className="entity-handle entity-handle--source" title={`Drag from here to connect ${name} to a role or resource`} />}
    </div>
  );
}
