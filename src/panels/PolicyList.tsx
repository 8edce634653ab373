import { lazy, Suspense, useCallback } from 'react';
import type { PolicyContextKind } from '../engine';
import type { PolicyDocument } from '../model';
import { useAppStore } from '../store/store';
import { templatesFor, type TemplateContext } from './policy/templates';

const PolicyEditor = lazy(() => import('./policy/PolicyEditor'));

export interface PolicyItem {
  readonly name: string;
  readonly doc: PolicyDocument;
}

/** One policy with its editor; highlights the statement the explanation points at. */
export function PolicyBlock(props: {
  readonly ownerId: string;
  readonly kind: PolicyContextKind;
  readonly name: string;
  readonly doc: PolicyDocument;
  readonly resourceType?: string;
  readonly onChange: (doc: PolicyDocument) => void;
  readonly onRemove?: () => void;
}) {
  const focus = useAppStore((s) => s.focus);
  const highlight = focus && focus.ownerId === props.ownerId && focus.name === props.name ? focus.index : undefined;
  const { onChange } = props;
  const commit = useCallback((doc: PolicyDocument) => onChange(doc), [onChange]);
  return (
    <div className="mb-3">
      <div className="mb-1 flex items-center gap-2">
        <span className="text-xs font-medium">{props.name}</span>
        {props.onRemove && (
          <button type="button" onClick={props.onRemove} className="ml-auto text-[11px] text-red-700 underline dark:text-red-300" aria-label={`Remove ${props.name}`}>
            Remove
          </button>
        )}
      </div>
      <Suspense fallback={<pre className="rounded border border-slate-300 p-2 text-[11px] dark:border-slate-600">{JSON.stringify(props.doc, null, 2)}</pre>}>
        <PolicyEditor
          label={`${props.name} JSON`}
          value={props.doc}
          kind={props.kind}
          {...(props.resourceType ? { resourceType: props.resourceType } : {})}
          onCommit={commit}
          {...(highlight !== undefined ? { highlight } : {})}
          draftKey={`${props.ownerId}:${props.kind}:${props.name}`}
        />
      </Suspense>
    </div>
  );
}

/** A menu of templates for a policy kind. */
export function TemplateMenu({ kind, context, onPick, label }: { readonly kind: PolicyContextKind; readonly context: TemplateContext; readonly onPick: (name: string, doc: PolicyDocument) => void; readonly label: string }) {
  const templates = templatesFor(kind);
  return (
    <select
      aria-label={label}
      className="rounded border border-slate-300 bg-white px-1 py-0.5 text-[11px] dark:border-slate-600 dark:bg-slate-800"
      value=""
      onChange={(e) => {
        const t = templates.find((x) => x.id === e.target.value);
        if (t) onPick(t.label, t.build(context));
      }}
    >
      <option value="">{label}…</option>
      {templates.map((t) => (
        <option key={t.id} value={t.id}>
          {t.label}
        </option>
      ))}
    </select>
  );
}
