import { lazy, Suspense, useCallback } from 'react';
import type { PolicyContextKind } from '../engine';
import type { PolicyDocument } from '../model';
import { useAppStore } from '../store/store';
import { templatesFor, type TemplateContext } from './policy/templates';
import { LoadBoundary } from '../ui/LoadBoundary';

// CodeMirror and the policy checks load on demand, the first time a policy is shown.
const PolicyEditor = lazy(() => import('./policy/PolicyEditor'));

/** One policy with its editor; highlights the statement the explanation points at. */
export function PolicyBlock(props: {
  readonly ownerId: string;
  readonly kind: PolicyContextKind;
  readonly name: string;
  readonly doc: PolicyDocument;
  readonly resourceType?: string;
  readonly onChange: (doc: PolicyDocument) => void;
  readonly onRemove?: () => void;
  readonly onRename?: (name: string) => void;
}) {
  const focus = useAppStore((s) => s.focus);
  const highlight = focus && focus.ownerId === props.ownerId && focus.name === props.name ? focus.index : undefined;
  const { onChange } = props;
  const commit = useCallback((doc: PolicyDocument) => onChange(doc), [onChange]);
  return (
    <div className="mb-3" data-testid={`policy.${props.ownerId}.${props.kind}.${props.name}`}>
      <div className="mb-1 flex items-center gap-2">
        {props.onRename ? (
          <input
            className="min-w-0 flex-1 rounded border border-transparent bg-transparent px-1 text-xs font-semibold hover:border-slate-300 focus:border-slate-400 dark:hover:border-slate-600"
            defaultValue={props.name}
            aria-label={`Name of policy ${props.name}`}
            onBlur={(e) => {
              const v = e.target.value.trim();
              if (v && v !== props.name) props.onRename?.(v);
              else e.target.value = props.name;
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') e.currentTarget.blur();
            }}
          />
        ) : (
          <span className="text-xs font-semibold">{props.name}</span>
        )}
        {props.onRemove && (
          <button type="button" onClick={props.onRemove} className="ml-auto text-xs text-red-800 underline hover:no-underline dark:text-red-300" aria-label={`Remove ${props.name}`}>
            Remove
          </button>
        )}
      </div>
      <LoadBoundary what="policy editor">
      <Suspense fallback={<pre className="max-h-80 overflow-auto rounded border border-slate-300 p-2 text-[12px] dark:border-slate-600">{JSON.stringify(props.doc, null, 2)}</pre>}>
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
      </LoadBoundary>
    </div>
  );
}

/** What a template menu adds, with its article ("an identity policy"). */
const TEMPLATE_NOUN: Record<PolicyContextKind, string> = {
  identity: 'an identity policy',
  boundary: 'a permissions boundary',
  session: 'a session policy',
  resource: 'a policy',
  trust: 'a trust policy',
  key: 'a policy',
  scp: 'a service control policy',
  rcp: 'a resource control policy',
};

/** A menu of ready policies for a policy kind, filled in from the drawing. */
export function TemplateMenu({ kind, context, onPick, label }: { readonly kind: PolicyContextKind; readonly context: TemplateContext; readonly onPick: (name: string, doc: PolicyDocument) => void; readonly label: string }) {
  const templates = templatesFor(kind);
  return (
    <select
      aria-label={`${label} ${TEMPLATE_NOUN[kind]} from a template`}
      className="field w-auto max-w-[11rem] !py-0.5 !text-xs"
      value=""
      data-testid={`template.${kind}`}
      onChange={(e) => {
        const t = templates.find((x) => x.id === e.target.value);
        if (t) onPick(t.name(context), t.build(context));
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
