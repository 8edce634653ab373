import { useEffect, useId, useRef } from 'react';

/** A modal question with two answers (native <dialog>: focus is trapped and Escape cancels). */
export function ConfirmDialog(props: {
  readonly open: boolean;
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  readonly cancelLabel?: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { open, onCancel } = props;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      className="m-auto max-w-md rounded-xl border border-slate-300 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id={titleId} className="text-base font-semibold">
        {props.title}
      </h2>
      <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{props.message}</p>
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" className="btn" onClick={onCancel} autoFocus>
          {props.cancelLabel ?? 'Cancel'}
        </button>
        <button type="button" className="btn btn-primary" onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
