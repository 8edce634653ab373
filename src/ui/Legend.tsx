import { Icon, type IconName } from './icons';

export interface LegendEntry {
  readonly label: string;
  readonly description: string;
  readonly icon: IconName;
  readonly stroke: string;
  readonly dash?: string;
}

/** What each edge style means: colour, line style and icon together. */
export function Legend({ entries }: { readonly entries: readonly LegendEntry[] }) {
  return (
    <details className="rounded-lg border border-slate-200 bg-white/95 p-2 text-[11px] shadow-sm dark:border-slate-700 dark:bg-slate-900/95" open>
      <summary className="cursor-pointer font-semibold">Legend</summary>
      <ul className="mt-1 space-y-1" aria-label="Edge legend">
        {entries.map((e) => (
          <li key={e.label} className="flex items-center gap-2">
            <svg width="36" height="10" aria-hidden="true">
              <line x1="2" y1="5" x2="34" y2="5" stroke={e.stroke} strokeWidth="2.5" strokeDasharray={e.dash} />
            </svg>
            <Icon name={e.icon} className="h-3.5 w-3.5" />
            <span>
              <span className="font-medium">{e.label}</span> — {e.description}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
