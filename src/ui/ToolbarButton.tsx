import { forwardRef, useId, type ReactNode } from 'react';
import { Icon, type IconName } from './icons';
import { Tooltip } from './Tooltip';

export interface ToolbarButtonProps {
  /** The accessible name, and the tooltip's text. */
  readonly label: string;
  readonly icon?: IconName;
  /** "Mod+Z", "Shift+1": shown in the tooltip as the platform writes it. */
  readonly shortcut?: string;
  readonly onClick: () => void;
  readonly disabled?: boolean;
  readonly testId?: string;
  /** Visible text beside the icon; without it the button is icon-only. */
  readonly text?: string;
  readonly pressed?: boolean;
  readonly primary?: boolean;
  readonly tooltipAlign?: 'start' | 'center' | 'end';
  /** Extra ARIA for buttons that open something (`aria-haspopup`, `aria-expanded`, `aria-controls`). */
  readonly popup?: { readonly haspopup: 'dialog' | 'menu'; readonly expanded?: boolean; readonly controls?: string };
  readonly trailing?: ReactNode;
  readonly onKeyDown?: (event: React.KeyboardEvent<HTMLButtonElement>) => void;
}

/** The header's one button style: icon and/or text, a tooltip with its name and shortcut. */
export const ToolbarButton = forwardRef<HTMLButtonElement, ToolbarButtonProps>(function ToolbarButton(props, ref) {
  const shortcutId = useId();
  return (
    <Tooltip text={props.label} {...(props.shortcut ? { shortcut: props.shortcut, shortcutId } : {})} align={props.tooltipAlign ?? 'center'}>
      <button
        ref={ref}
        type="button"
        onClick={props.onClick}
        onKeyDown={props.onKeyDown}
        disabled={props.disabled}
        aria-label={props.label}
        {...(props.shortcut ? { 'aria-keyshortcuts': props.shortcut.replace(/Mod\+/g, 'Control+'), 'aria-describedby': shortcutId } : {})}
        {...(props.pressed !== undefined ? { 'aria-pressed': props.pressed } : {})}
        {...(props.popup ? { 'aria-haspopup': props.popup.haspopup, ...(props.popup.expanded !== undefined ? { 'aria-expanded': props.popup.expanded } : {}), ...(props.popup.controls ? { 'aria-controls': props.popup.controls } : {}) } : {})}
        data-testid={props.testId}
        className={`btn h-8 whitespace-nowrap ${props.primary ? 'btn-primary' : ''} ${props.text ? '' : 'w-8 justify-center !px-0'}`}
      >
        {props.icon && <Icon name={props.icon} className="h-4 w-4" />}
        {props.text && <span>{props.text}</span>}
        {props.trailing}
      </button>
    </Tooltip>
  );
});

/** A labelled group of header buttons, set apart from the next group by a rule. */
export function ToolbarGroup({ label, children, rule = false }: { readonly label: string; readonly children: ReactNode; readonly rule?: boolean }) {
  return (
    <>
      {rule && <span className="mx-1 h-6 w-px shrink-0 bg-slate-200 dark:bg-slate-700" aria-hidden="true" />}
      <div role="group" aria-label={label} className="flex items-center gap-1.5">
        {children}
      </div>
    </>
  );
}
