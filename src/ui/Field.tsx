import { useId, useState, type ReactNode } from 'react';

/** A labelled text input that commits on blur or Enter, and shows its validation message. */
export function TextField(props: {
  readonly label: string;
  readonly value: string;
  readonly onCommit: (value: string) => void;
  /** Returns an error message, or undefined when the value is acceptable. */
  readonly validate?: (value: string) => string | undefined;
  readonly testId?: string;
  readonly mono?: boolean;
  readonly placeholder?: string;
  readonly hint?: string;
  readonly inputMode?: 'numeric' | 'text';
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const text = draft ?? props.value;
  const error = draft !== undefined ? props.validate?.(draft) : undefined;
  const commit = () => {
    if (draft === undefined) return;
    if (!props.validate?.(draft)) props.onCommit(draft);
    if (!props.validate?.(draft)) setDraft(undefined);
  };
  return (
    <div className="mb-2">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700 dark:text-slate-300">
        {props.label}
      </label>
      <input
        id={id}
        value={text}
        placeholder={props.placeholder}
        inputMode={props.inputMode}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(undefined);
        }}
        aria-invalid={!!error}
        aria-describedby={[error ? `${id}-error` : '', props.hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined}
        data-testid={props.testId}
        className={`field mt-0.5 w-full ${props.mono ? 'font-mono text-xs' : ''} ${error ? '!border-red-600' : ''}`}
      />
      {error && (
        <p id={`${id}-error`} className="mt-0.5 text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      {props.hint && (
        <p id={`${id}-hint`} className="mt-0.5 text-[11px] text-slate-600 dark:text-slate-400">
          {props.hint}
        </p>
      )}
    </div>
  );
}

export function Section({ title, children, actions }: { readonly title: string; readonly children: ReactNode; readonly actions?: ReactNode }) {
  return (
    <section className="mb-4">
      <div className="mb-1 flex items-center gap-2">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">{title}</h3>
        <div className="ml-auto flex gap-1">{actions}</div>
      </div>
      {children}
    </section>
  );
}

/** A copyable monospace value (ARNs). */
export function CopyValue({ label, value }: { readonly label: string; readonly value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="mb-2">
      <span className="block text-xs font-medium text-slate-700 dark:text-slate-300">{label}</span>
      <div className="mt-0.5 flex items-start gap-1">
        <code className="min-w-0 flex-1 break-all rounded bg-slate-100 px-1.5 py-1 text-[11px] dark:bg-slate-800" data-testid="arn">
          {value}
        </code>
        <button
          type="button"
          className="btn !px-1.5 !py-1 !text-[11px]"
          aria-label={`Copy ${label}`}
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}

/** A labelled select. */
export function SelectField(props: {
  readonly label: string;
  readonly value: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly onChange: (value: string) => void;
  readonly hint?: string;
  readonly testId?: string;
}) {
  const id = useId();
  return (
    <div className="mb-2">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700 dark:text-slate-300">
        {props.label}
      </label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)} className="field mt-0.5 w-full" data-testid={props.testId} aria-describedby={props.hint ? `${id}-hint` : undefined}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.hint && (
        <p id={`${id}-hint`} className="mt-0.5 text-[11px] text-slate-600 dark:text-slate-400">
          {props.hint}
        </p>
      )}
    </div>
  );
}
