import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the native `<dialog>` element: the browser traps focus, closes on Escape, restores
 * focus on close and exposes it to assistive technology as a dialog.
 */
export function Dialog(props: {
  readonly open: boolean;
  readonly title: string;
  readonly description?: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly testId: string;
  readonly wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const { open, onClose } = props;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const handle = (): void => onClose();
    dialog.addEventListener('close', handle);
    return () => dialog.removeEventListener('close', handle);
  }, [onClose]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      {...(props.description ? { 'aria-describedby': descriptionId } : {})}
      data-testid={props.testId}
      className={`m-auto max-h-[85vh] w-[calc(100vw-2rem)] ${props.wide ? 'max-w-4xl' : 'max-w-xl'} overflow-hidden rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100`}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (e.target === e.currentTarget) onClose();
      }}
    >
      {open && (
        <div className="flex max-h-[85vh] flex-col">
          <div className="flex items-start gap-3 border-b border-slate-200 px-5 py-3 dark:border-slate-700">
            <div className="min-w-0 flex-1">
              <h2 id={titleId} className="text-base font-semibold">
                {props.title}
              </h2>
              {props.description && (
                <p id={descriptionId} className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">
                  {props.description}
                </p>
              )}
            </div>
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className="rounded-md px-2 py-1 text-lg leading-none text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
            >
              ×
            </button>
          </div>
          <div className="min-h-0 overflow-y-auto px-5 py-4">{props.children}</div>
        </div>
      )}
    </dialog>
  );
}

/** Buttons used across the share dialogs. */
export const buttonClass = {
  primary:
    'inline-flex items-center justify-center gap-1.5 rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-50 dark:bg-sky-700 dark:hover:bg-sky-800',
  secondary:
    'inline-flex items-center justify-center gap-1.5 rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800',
  danger:
    'inline-flex items-center justify-center gap-1.5 rounded-md border border-red-300 px-3 py-1.5 text-sm text-red-800 hover:bg-red-50 dark:border-red-800 dark:text-red-200 dark:hover:bg-red-950',
  small:
    'inline-flex items-center justify-center gap-1 rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800',
  smallDanger:
    'inline-flex items-center justify-center gap-1 rounded border border-red-300 px-2 py-0.5 text-xs text-red-800 hover:bg-red-50 dark:border-red-800 dark:text-red-200 dark:hover:bg-red-950',
};
