import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { WhatIf } from '../../engine/fix';
import { fileNameFor } from '../../share/file';
import { whatIfMarkdown } from '../../share/whatIfReport';
import { useAppStore } from '../../store/store';
import { WHATIF_DOCK_ID } from '../../ui/fitObstacle';
import { downloadText } from '../share/download';
import { EdgeChangeList, PolicyDiffView, selectEdge } from '../fix/parts';

/**
 * The what-if comparison beside the canvas: which edges change decision between the baseline and the
 * current scenario (highlighted on the canvas, every other edge dimmed), what was added or removed, a
 * side-by-side diff of each changed policy, and the Markdown report. Built by the engine in the worker
 * (src/engine/fix/whatIf.ts) after every evaluation, so it follows the edits made while it is open.
 */
export default function WhatIfPanel() {
  const whatIf = useAppStore((s) => s.whatIf);
  const dock = useWhatIfDock();
  // The diagram is fitted when the comparison opens: the highlighted edges and their labels in view.
  useEffect(() => useAppStore.getState().requestFit(undefined, undefined, undefined, undefined, true), []);
  if (!whatIf) return null;
  const result = whatIf.result;
  const panel = (
    <section aria-label="What-if comparison" data-testid="whatif-panel" className="flex min-h-0 flex-1 flex-col">
      <header className="flex items-start gap-2 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <h3 className="min-w-0 flex-1 text-sm font-semibold leading-snug">Now compared with {whatIf.label}</h3>
        <button type="button" className="rounded px-1.5 text-sm text-slate-700 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-800" aria-label="Close the comparison" title="Close the comparison" onClick={() => useAppStore.getState().closeWhatIf()} data-testid="whatif-panel.close">
          ✕
        </button>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto px-4 py-2 text-sm">
        {whatIf.error !== undefined && (
          <p role="alert" className="text-xs text-red-800 dark:text-red-300">
            {whatIf.error}
          </p>
        )}
        {!result && whatIf.error === undefined && <p className="text-xs">Deciding both versions…</p>}
        {result && <Result result={result} />}
      </div>
    </section>
  );
  return (
    <>
      {/* The panel is a tab of the inspector's column; the overlay stays on the canvas whichever tab is shown. */}
      {dock && createPortal(panel, dock)}
      {result && <WhatIfOverlay result={result} />}
    </>
  );
}

/** The inspector column's what-if tab, once it is in the page (the inspector renders it with the comparison). */
function useWhatIfDock(): HTMLElement | null {
  const [dock, setDock] = useState<HTMLElement | null>(() => document.getElementById(WHATIF_DOCK_ID));
  useEffect(() => {
    // The column renders the tab in the same commit as the comparison opens, or again when it is expanded
    // from a rail: looked for on every frame until it is there, and again if it goes.
    let frame = 0;
    const look = (): void => {
      const found = document.getElementById(WHATIF_DOCK_ID);
      setDock((d) => (d === found ? d : found));
      frame = requestAnimationFrame(look);
    };
    look();
    return () => cancelAnimationFrame(frame);
  }, []);
  return dock;
}

function Result({ result }: { readonly result: WhatIf }) {
  const [openPolicy, setOpenPolicy] = useState<number | undefined>(0);
  const decided = result.changed.filter((c) => c.before !== 'absent' && c.after !== 'absent');
  const drawnInOne = result.changed.filter((c) => c.before === 'absent' || c.after === 'absent');
  const exportReport = (): void => {
    const scenario = useAppStore.getState().scenario;
    downloadText(fileNameFor({ name: `${scenario.name} what-if` }, 'md'), whatIfMarkdown(result), 'text/markdown');
  };
  return (
    <div className="space-y-3">
      <p className="text-xs" data-testid="whatif-panel.summary">
        <strong>{decided.length}</strong> edge{decided.length === 1 ? '' : 's'} change decision, {result.unchanged} keep it
        {drawnInOne.length > 0 ? `, ${drawnInOne.length} drawn in only one version` : ''}; {result.policies.length} polic{result.policies.length === 1 ? 'y' : 'ies'} changed.
      </p>
      <button type="button" className="rounded border border-sky-700 px-2 py-1 text-xs font-semibold text-sky-900 hover:bg-sky-50 dark:border-sky-400 dark:text-sky-100 dark:hover:bg-sky-950" onClick={exportReport} data-testid="whatif-panel.export">
        Export Markdown report
      </button>
      <section aria-label="Edges that change decision">
        <h3 className="text-xs font-semibold">Edges that change decision</h3>
        {decided.length === 0 ? <p className="text-xs text-slate-700 dark:text-slate-300">None: every edge drawn in both is decided the same.</p> : <EdgeChangeList changes={decided} testId="whatif.edge" onSelect={selectEdge} />}
      </section>
      {drawnInOne.length > 0 && (
        <section aria-label="Edges drawn in only one version">
          <h3 className="text-xs font-semibold">Drawn in only one version</h3>
          <EdgeChangeList changes={drawnInOne} testId="whatif.only" onSelect={selectEdge} />
        </section>
      )}
      {result.entities.length > 0 && (
        <section aria-label="Entities added or removed">
          <h3 className="text-xs font-semibold">Added or removed</h3>
          <ul className="list-disc pl-4 text-xs">
            {result.entities.map((e) => (
              <li key={e.text}>{e.text}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-label="Policies changed">
        <h3 className="text-xs font-semibold">Policies changed</h3>
        {result.policies.length === 0 && <p className="text-xs text-slate-700 dark:text-slate-300">No policy document differs.</p>}
        <ul className="space-y-1">
          {result.policies.map((p, i) => (
            <li key={`${p.title}:${i}`} data-testid={`whatif.policy.${i}`}>
              <button type="button" className="link text-left text-xs" aria-expanded={openPolicy === i} onClick={() => setOpenPolicy(openPolicy === i ? undefined : i)}>
                {openPolicy === i ? '▾' : '▸'} {p.title}
              </button>
              {openPolicy === i && <PolicyDiffView diff={p} testId={`whatif.policy.${i}.diff`} maxHeight="14rem" />}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/**
 * The comparison on the canvas: the edges whose decision changed are highlighted and every other edge is
 * dimmed, by attribute selectors on React Flow's edge wrappers and the edge labels (no edge is re-rendered;
 * the ids are escaped for CSS). The decision colours stay: highlighting adds a halo, it never recolours.
 */
function WhatIfOverlay({ result }: { readonly result: WhatIf }) {
  const ids = result.changed.filter((c) => c.after !== 'absent').map((c) => CSS.escape(c.id));
  const edge = (id: string): string => `.react-flow__edge[data-id="${id}"]`;
  const label = (id: string): string => `[data-testid="edge-label.${id}"]`;
  const changedEdges = ids.map(edge).join(', ');
  const changedLabels = ids.map(label).join(', ');
  const css = [
    `[data-whatif="on"] .react-flow__edge { opacity: 0.18; transition: opacity 150ms; }`,
    `[data-whatif="on"] .edge-label { opacity: 0.25; }`,
    ids.length > 0 ? `[data-whatif="on"] :is(${changedEdges}) { opacity: 1; }` : '',
    ids.length > 0 ? `[data-whatif="on"] :is(${changedEdges}) path.decision-edge-path { filter: drop-shadow(0 0 3px rgb(14 165 233)) drop-shadow(0 0 6px rgb(14 165 233)); }` : '',
    ids.length > 0 ? `[data-whatif="on"] :is(${changedLabels}) { opacity: 1; outline: 3px solid rgb(14 165 233); outline-offset: 1px; }` : '',
    `@media (prefers-reduced-motion: reduce) { [data-whatif="on"] .react-flow__edge { transition: none; } }`,
  ].join('\n');
  return (
    <>
      <style data-testid="whatif-overlay">{css}</style>
      <WhatIfMark />
    </>
  );
}

/** Marks the document while the overlay is on (the selectors above apply only then). */
function WhatIfMark() {
  // A ref callback: set on mount, removed on unmount, with nothing left behind if the panel goes.
  return (
    <span
      hidden
      ref={(el) => {
        const root = document.documentElement;
        if (el) root.setAttribute('data-whatif', 'on');
        else root.removeAttribute('data-whatif');
      }}
    />
  );
}
