import { useState, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';

/** The platform's name for the command key in shortcuts: "Ctrl" or "⌘". */
const MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** "Mod+Shift+Z" as this platform writes it: "Ctrl+Shift+Z" or "⌘⇧Z". */
export function formatShortcut(shortcut: string): string {
  if (!MAC) return shortcut.replace(/Mod\+/g, 'Ctrl+');
  return shortcut.replace(/Mod\+/g, '⌘').replace(/Shift\+/g, '⇧').replace(/Alt\+/g, '⌥');
}

/**
 * A control with a tooltip: its name and, if it has one, its keyboard shortcut. Shown while the pointer is
 * over it or it has keyboard focus, hidden by Escape (WCAG 1.4.13), and never in the way of the pointer.
 * The tooltip is decoration for sighted users: the control carries its own accessible name, and the
 * shortcut is given to assistive technology by `aria-keyshortcuts` and the description `shortcutId` names.
 */
export function Tooltip(props: {
  readonly text: string;
  readonly shortcut?: string;
  readonly shortcutId?: string;
  readonly align?: 'start' | 'center' | 'end';
  /** Below the control (the header's buttons), or to its right (an icon rail along the window's left edge). */
  readonly side?: 'below' | 'right';
  /** The wrapper's layout, when the control must fill its row. */
  readonly className?: string;
  readonly children: ReactNode;
}) {
  // Beside the control, the tooltip is placed `fixed` from the control's box when shown: a rail scrolls, and
  // its overflow would clip anything positioned inside it.
  const [shown, setShown] = useState<false | { x: number; y: number }>(false);
  const { text, shortcut, shortcutId, align = 'center', side = 'below', className = 'inline-flex' } = props;
  const show = (el: Element): void => {
    const r = el.getBoundingClientRect();
    setShown({ x: r.right + 8, y: r.top + r.height / 2 });
  };
  const place = side === 'right' ? '-translate-y-1/2' : `top-full mt-1.5 ${align === 'start' ? 'left-0' : align === 'end' ? 'right-0' : 'left-1/2 -translate-x-1/2'}`;
  return (
    <span
      className={`relative ${className}`}
      onPointerEnter={(e) => show(e.currentTarget)}
      onPointerLeave={() => setShown(false)}
      onFocus={(e: FocusEvent) => {
        if (e.target instanceof HTMLElement && e.target.matches(':focus-visible')) show(e.currentTarget);
        else setShown(false);
      }}
      onBlur={() => setShown(false)}
      onPointerDown={() => setShown(false)}
      onKeyDown={(e: KeyboardEvent) => {
        if (e.key === 'Escape' && shown) setShown(false);
      }}
    >
      {props.children}
      {shortcut && shortcutId && (
        <span id={shortcutId} className="sr-only">
          Shortcut: {formatShortcut(shortcut)}
        </span>
      )}
      {shown && (
        <span
          aria-hidden="true"
          data-testid="tooltip"
          style={side === 'right' && shown ? { position: 'fixed', left: shown.x, top: shown.y } : undefined}
          className={`pointer-events-none absolute z-50 flex items-center gap-2 whitespace-nowrap rounded-md bg-slate-900 px-2 py-1 text-xs font-medium text-white shadow-lg dark:bg-slate-100 dark:text-slate-900 ${place}`}
        >
          {text}
          {shortcut && <kbd className="rounded border border-white/30 px-1 font-mono text-[11px] font-normal dark:border-slate-900/30">{formatShortcut(shortcut)}</kbd>}
        </span>
      )}
    </span>
  );
}
