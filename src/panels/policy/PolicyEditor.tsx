import { json } from '@codemirror/lang-json';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { Annotation, EditorState, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useId, useRef, useState } from 'react';
import { checkPolicyText, statementRanges, type CheckOptions, type PolicyContextKind, type PolicyFix, type PolicyProblem } from '../../engine';
import { schemeTheme } from './editorTheme';
import { PolicyDocumentSchema, type PolicyDocument } from '../../model';
import { parseJsonText } from '../../share/json';

export interface PolicyEditorProps {
  readonly label: string;
  readonly value: PolicyDocument;
  readonly kind: PolicyContextKind;
  readonly resourceType?: string;
  /** Called with the new document whenever the text is valid JSON without errors. */
  readonly onCommit: (doc: PolicyDocument) => void;
  /** Statement to highlight (the one that decided the selected edge). */
  readonly highlight?: number;
  /** Where unsaved drafts are kept while the text has errors (survives switching selection). */
  readonly draftKey: string;
}

const drafts = new Map<string, string>();

/**
 * Marks the text replaced from outside (undo, redo, a template, a renumbered account): it shows the
 * scenario's document and is not committed back. Committed back, it was a new document object, so every
 * undo of a change to a policy on screen recorded a new edit and lost the redo.
 */
const fromScenario = Annotation.define<boolean>();

const setHighlight = StateEffect.define<{ from: number; to: number } | null>();
const highlightField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    let next = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(setHighlight)) next = e.value ? Decoration.set([Decoration.mark({ class: 'cm-decided-statement' }).range(e.value.from, e.value.to)]) : Decoration.none;
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const format = (doc: PolicyDocument): string => JSON.stringify(doc, null, 2);

/**
 * CodeMirror 6 JSON editor for one policy, with the engine's checks inline. Loaded on demand so the
 * initial bundle stays small. Text with errors is kept as a draft and not applied.
 */
export default function PolicyEditor({ label, value, kind, resourceType, onCommit, highlight, draftKey }: PolicyEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const committed = useRef<PolicyDocument>(value);
  const commitRef = useRef(onCommit);
  // The checks of the text shown, errors first (a draft kept with errors shows them from the start).
  const [problems, setProblems] = useState<readonly PolicyProblem[]>(() => bySeverity(checkPolicyText(drafts.get(draftKey) ?? format(value), { kind, ...(resourceType ? { resourceType } : {}) })));
  const [applied, setApplied] = useState(() => !drafts.has(draftKey));
  const listId = useId();

  useEffect(() => {
    commitRef.current = onCommit;
  }, [onCommit]);

  useEffect(() => {
    if (!host.current) return;
    const options = { kind, ...(resourceType ? { resourceType } : {}) };
    // The checks of the last text, shared by the change handler and the linter (one run per change).
    let checked: { text: string; problems: PolicyProblem[] } | undefined;
    const check = (text: string): PolicyProblem[] => {
      if (checked?.text !== text) checked = { text, problems: checkPolicyText(text, options) };
      return checked.problems;
    };
    const onText = (text: string): void => {
      const found = check(text);
      const errors = found.filter((p) => p.severity === 'error').length;
      let applied = false;
      if (errors === 0) {
        // The same door as files and links: nesting bounded, keys named __proto__ dropped.
        const json = parseJsonText(text);
        const parsed = json.ok ? PolicyDocumentSchema.safeParse(json.value) : undefined;
        if (parsed?.success) {
          committed.current = parsed.data;
          commitRef.current(parsed.data);
          applied = true;
          drafts.delete(draftKey);
        }
      }
      if (!applied) drafts.set(draftKey, text);
      setProblems(bySeverity(found));
      setApplied(applied);
    };
    const theme = schemeTheme(() => view.current);
    const state = EditorState.create({
      doc: drafts.get(draftKey) ?? format(value),
      extensions: [
        basicSetup,
        json(),
        lintGutter(),
        linter(
          (v): Diagnostic[] =>
            check(v.state.doc.toString()).map((p) => ({
              from: p.from,
              to: p.to,
              severity: p.severity,
              message: p.message,
              source: p.code,
              // The check's one-click fix, offered in the problem's tooltip too.
              ...(p.fix ? { actions: [{ name: p.fix.label, apply: (target: EditorView) => applyFix(target, p.fix as PolicyFix, options) }] } : {}),
            })),
          { delay: 150 },
        ),
        highlightField,
        EditorView.updateListener.of((u) => {
          if (!u.docChanged) return;
          if (u.transactions.some((t) => t.annotation(fromScenario))) {
            setProblems(bySeverity(check(u.state.doc.toString())));
            setApplied(true);
            return;
          }
          onText(u.state.doc.toString());
        }),
        EditorView.contentAttributes.of({ 'aria-label': label }),
        // No inner scrolling: long policies grow the panel, and long lines wrap.
        EditorView.lineWrapping,
        // A problem's tooltip stays beside the editor: it wraps instead of stretching across the canvas.
        EditorView.theme({ '&': { fontSize: '12px' }, '.cm-tooltip-lint': { maxWidth: '24rem' }, '.cm-diagnostic': { overflowWrap: 'anywhere' } }),
        theme.extension,
      ],
    });
    const v = new EditorView({ state, parent: host.current });
    view.current = v;
    return () => {
      theme.stop();
      v.destroy();
      view.current = null;
    };
    // The editor is created once per policy; value changes are synced below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draftKey, kind, resourceType]);

  // External changes (undo, redo, a template) replace the text unless it is the document we just committed.
  useEffect(() => {
    const v = view.current;
    if (!v || value === committed.current) return;
    committed.current = value;
    drafts.delete(draftKey);
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: format(value) }, annotations: fromScenario.of(true) });
  }, [value, draftKey]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const range = highlight === undefined ? undefined : statementRanges(v.state.doc.toString()).find((r) => r.index === highlight);
    v.dispatch({ effects: [setHighlight.of(range ?? null), ...(range ? [EditorView.scrollIntoView(range.from, { y: 'center' })] : [])] });
  }, [highlight, value]);

  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.length - errors.length;
  const first = errors[0];
  const goTo = (p: PolicyProblem): void => {
    const v = view.current;
    if (!v) return;
    const at = Math.min(p.from, v.state.doc.length);
    v.dispatch({ selection: { anchor: at, head: Math.min(Math.max(p.to, at), v.state.doc.length) }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
    v.focus();
  };

  return (
    <div>
      <div ref={host} className="overflow-hidden rounded-md border border-slate-300 dark:border-slate-600" data-testid={`policy-editor.${draftKey}`} />
      <p className={`mt-1 text-xs ${errors.length ? 'text-red-700 dark:text-red-300' : 'text-slate-600 dark:text-slate-400'}`} role="status">
        {errors.length
          ? `Not applied: fix ${errors.length} error${errors.length > 1 ? 's' : ''} (your text is kept).`
          : !applied
            ? 'Not applied: the text is not a policy yet (your text is kept).'
            : warnings
              ? `Applied, with ${warnings} warning${warnings > 1 ? 's' : ''}.`
              : 'Applied.'}
        {/* The first error is read out with the count; the list below is there to move through. */}
        {first && <span className="sr-only">{` Line ${first.line}, column ${first.column}: ${first.message}`}</span>}
      </p>
      {problems.length > 0 && (
        <>
          <p id={listId} className="sr-only">
            Problems in {label}
          </p>
          <ul aria-labelledby={listId} className="mt-1 space-y-0.5" data-testid={`policy-problems.${draftKey}`}>
            {problems.slice(0, MAX_LISTED).map((p, i) => (
              <li key={`${p.from}:${p.code}:${i}`}>
                <button
                  type="button"
                  onClick={() => goTo(p)}
                  className={`flex w-full items-baseline gap-1.5 rounded px-1 py-0.5 text-left text-xs hover:bg-slate-100 dark:hover:bg-slate-800 ${
                    p.severity === 'error' ? 'text-red-800 dark:text-red-200' : 'text-slate-600 dark:text-slate-400'
                  }`}
                  aria-label={`${p.severity === 'error' ? 'Error' : 'Warning'} at line ${p.line}, column ${p.column}: ${p.message} Move the cursor there.`}
                  data-severity={p.severity}
                >
                  <span className={`shrink-0 font-semibold ${p.severity === 'error' ? '' : 'font-medium'}`}>{p.severity === 'error' ? '✕ Error' : '⚠ Warning'}</span>
                  <span className="shrink-0 font-mono tabular-nums">
                    {p.line}:{p.column}
                  </span>
                  <span className="min-w-0 [overflow-wrap:anywhere]">{p.message}</span>
                </button>
                {p.fix && (
                  // The check's one-click fix: an ordinary edit of the text (applied, and undone, like typing).
                  <button
                    type="button"
                    className="link ml-[4.75rem] mt-0.5 break-all text-left font-mono text-[11px]"
                    onClick={() => {
                      const v = view.current;
                      if (v) applyFix(v, p.fix as PolicyFix, { kind, ...(resourceType ? { resourceType } : {}) });
                    }}
                    aria-label={`Fix line ${p.line}: ${(p.fix as PolicyFix).label}`}
                    data-testid="policy-problem.fix"
                  >
                    {p.fix.label}
                  </button>
                )}
              </li>
            ))}
            {problems.length > MAX_LISTED && <li className="px-1 text-xs text-slate-600 dark:text-slate-400">…and {problems.length - MAX_LISTED} more (fix these first).</li>}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * Applies a check's fix to the editor's text. The fix was computed on the text the problems were listed for;
 * if the text has changed since, the fix is looked up again on the current text (same problem, same edit)
 * and nothing happens when it no longer applies.
 */
function applyFix(view: EditorView, fix: PolicyFix, options: CheckOptions): void {
  const fixes = checkPolicyText(view.state.doc.toString(), options).flatMap((p) => (p.fix ? [p.fix] : []));
  const current = fixes.find((f) => f.from === fix.from && f.to === fix.to && f.insert === fix.insert) ?? fixes.find((f) => f.insert === fix.insert && f.label === fix.label);
  if (!current) return;
  view.dispatch({ changes: { from: current.from, to: current.to, insert: current.insert }, selection: { anchor: current.from + current.insert.length } });
  view.focus();
}

/** How many problems are listed under an editor: enough for real mistakes, not a wall for a pasted wrong file. */
const MAX_LISTED = 12;

function bySeverity(problems: readonly PolicyProblem[]): PolicyProblem[] {
  return [...problems].sort((a, b) => (a.severity === b.severity ? a.from - b.from : a.severity === 'error' ? -1 : 1));
}
