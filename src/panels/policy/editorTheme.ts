import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Compartment, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

/**
 * The policy editor's look in light and dark schemes, following the system like the rest of the app.
 * Token colours are chosen for at least 4.5:1 contrast on their background (WCAG 1.4.3).
 */

const light = [
  EditorView.theme({ '&': { backgroundColor: '#ffffff', color: '#0f172a' }, '.cm-gutters': { backgroundColor: '#f8fafc', color: '#475569', borderRight: '1px solid #e2e8f0' }, '.cm-activeLine': { backgroundColor: '#f1f5f9' }, '.cm-activeLineGutter': { backgroundColor: '#e2e8f0' } }, { dark: false }),
  syntaxHighlighting(
    HighlightStyle.define([
      { tag: t.propertyName, color: '#1d4ed8' },
      { tag: t.string, color: '#9a3412' },
      { tag: [t.number, t.bool, t.null], color: '#6d28d9' },
      { tag: [t.brace, t.squareBracket, t.punctuation, t.separator], color: '#334155' },
    ]),
  ),
];

const dark = [
  EditorView.theme(
    {
      '&': { backgroundColor: '#0f172a', color: '#e2e8f0' },
      '.cm-content': { caretColor: '#f8fafc' },
      '.cm-cursor, .cm-dropCursor': { borderLeftColor: '#f8fafc' },
      '.cm-gutters': { backgroundColor: '#020617', color: '#94a3b8', borderRight: '1px solid #1e293b' },
      '.cm-activeLine': { backgroundColor: '#1e293b' },
      '.cm-activeLineGutter': { backgroundColor: '#1e293b' },
      '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: '#334155' },
      '.cm-tooltip': { backgroundColor: '#1e293b', color: '#e2e8f0', border: '1px solid #334155' },
    },
    { dark: true },
  ),
  syntaxHighlighting(
    HighlightStyle.define([
      { tag: t.propertyName, color: '#93c5fd' },
      { tag: t.string, color: '#fdba74' },
      { tag: [t.number, t.bool, t.null], color: '#c4b5fd' },
      { tag: [t.brace, t.squareBracket, t.punctuation, t.separator], color: '#cbd5e1' },
    ]),
  ),
];

const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;

/** The theme for the current scheme, switched live when the system scheme changes. */
export function schemeTheme(view: () => EditorView | null): { extension: Extension; stop: () => void } {
  const compartment = new Compartment();
  const pick = () => (query?.matches ? dark : light);
  const onChange = () => view()?.dispatch({ effects: compartment.reconfigure(pick()) });
  query?.addEventListener('change', onChange);
  return { extension: compartment.of(pick()), stop: () => query?.removeEventListener('change', onChange) };
}
