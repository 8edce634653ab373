import { Icon, type IconName } from './icons';

/** A toolbar button: icon and/or text, with its shortcut in the tooltip and an accessible name. */
export function ToolbarButton(props: {
  readonly label: string;
  readonly icon?: IconName;
  readonly shortcut?: string;
  readonly onClick: () => void;
  readonly disabled?: boolean;
  readonly testId?: string;
  readonly text?: string;
  readonly pressed?: boolean;
}) {
  return (
    <button
      type="button"
      onClick={props.onClick}
      disabled={props.disabled}
      aria-label={props.label}
      aria-keyshortcuts={props.shortcut?.replace(/\+/g, '+')}
      {...(props.pressed !== undefined ? { 'aria-pressed': props.pressed } : {})}
      title={props.shortcut ? `${props.label} (${props.shortcut})` : props.label}
      data-testid={props.testId}
      className="btn"
    >
      {props.icon && <Icon name={props.icon} className="h-4 w-4" />}
      {props.text && <span>{props.text}</span>}
    </button>
  );
}
