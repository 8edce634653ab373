import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { IconName } from '../../ui/icons';
import { ToolbarButton } from '../../ui/ToolbarButton';

export interface MenuItem {
  readonly label: string;
  readonly hint?: string;
  readonly onSelect: () => void;
  readonly testId: string;
  readonly disabled?: boolean;
}

/**
 * A menu button (WAI-ARIA menu button pattern): Enter, Space or ArrowDown opens it on the first item;
 * arrows, Home and End move; Escape or Tab closes and returns focus to the button.
 */
export function MenuButton(props: { readonly label: string; readonly text: string; readonly icon?: IconName; readonly items: readonly MenuItem[]; readonly testId: string }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const focusItem = (index: number): void => {
    const items = menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)');
    if (!items || items.length === 0) return;
    items[(index + items.length) % items.length]?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent): void => {
      if (!(e.target instanceof Node)) return;
      if (!menu.current?.contains(e.target) && !button.current?.contains(e.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    requestAnimationFrame(() => focusItem(0));
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? [])];
    const at = items.findIndex((x) => x === document.activeElement);
    if (e.key === 'ArrowDown') focusItem(at + 1);
    else if (e.key === 'ArrowUp') focusItem(at - 1);
    else if (e.key === 'Home') focusItem(0);
    else if (e.key === 'End') focusItem(items.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') {
      setOpen(false);
      if (e.key === 'Escape') button.current?.focus();
      if (e.key === 'Tab') return;
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="relative">
      <ToolbarButton
        ref={button}
        label={props.label}
        text={props.text}
        {...(props.icon ? { icon: props.icon } : {})}
        popup={{ haspopup: 'menu', expanded: open, controls: menuId }}
        testId={props.testId}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
        trailing={
          <svg viewBox="0 0 24 24" className="-mr-0.5 h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden="true" focusable="false">
            <path d="M6 9l6 6 6-6" />
          </svg>
        }
      />
      {open && (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={props.label}
          onKeyDown={onMenuKey}
          className="absolute right-0 z-50 mt-1 min-w-60 rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {props.items.map((item) => (
            <button
              key={item.testId}
              type="button"
              role="menuitem"
              disabled={item.disabled}
              data-testid={item.testId}
              onClick={() => {
                setOpen(false);
                item.onSelect();
              }}
              className="flex w-full flex-col items-start rounded-md px-3 py-1.5 text-left text-sm hover:bg-slate-100 focus:bg-slate-100 disabled:opacity-50 dark:hover:bg-slate-800 dark:focus:bg-slate-800"
            >
              <span>{item.label}</span>
              {item.hint && <span className="text-xs text-slate-600 dark:text-slate-400">{item.hint}</span>}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
