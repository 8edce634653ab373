import { Icon, type IconName } from './icons';

export interface LegendEntry {
  readonly label: string;
  readonly description: string;
  readonly icon: IconName;
  readonly mark: string;
  readonly stroke: string;
  readonly dash?: string;
}

/** What each edge style means: colour, line style, icon and mark together, in one row. */
export function Legend({ entries }: { readonly entries: readonly LegendEntry[] }) {
  return (
    <ul className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-lg border border-slate-300 bg-white/95 px-3 py-1.5 text-xs shadow-sm dark:border-slate-700 dark:bg-slate-900/95" aria-label="Edge legend" data-testid="legend">
      {entries.map((e) => (
        <li key={e.label} className="flex items-center gap-1.5" title={`${e.label}: ${e.description}`}>
          <svg width="30" height="10" aria-hidden="true" className="shrink-0">
            <line x1="1" y1="5" x2="29" y2="5" stroke={e.stroke} strokeWidth="3" strokeDasharray={e.dash} />
          </svg>
          <Icon name={e.icon} className="h-4 w-4 shrink-0" />
          <span className="font-semibold">{e.label}</span>
          <span className="sr-only">: {e.description}</span>
        </li>
      ))}
    </ul>
  );
}
