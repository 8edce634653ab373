import { Icon, type IconName } from './icons';

export function ToolbarButton(props: { readonly label: string; readonly icon?: IconName; readonly shortcut?: string; readonly onClick: () => void; readonly disabled?: boolean; readonly testId?: string; readonly text?: string }) {
  return (
    <button
      type="button"
      onClick={props.onClick}
      disabled={props.disabled}
      aria-label={props.label}
      title={props.shortcut ? `${props.label} (${props.shortcut})` : props.label}
      data-testid={props.testId}
      className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 disabled:opacity-40 dark:border-slate-600 dark:hover:bg-slate-800"
    >
      {props.icon && <Icon name={props.icon} className="h-4 w-4" />}
      {props.text && <span>{props.text}</span>}
    </button>
  );
}
