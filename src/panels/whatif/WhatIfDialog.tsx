import { useState } from 'react';
import { decodeFragment } from '../../share/link';
import { describeProblem, readScenarioFile } from '../../share/file';
import { library, useLibrary } from '../../store/library';
import { useAppStore } from '../../store/store';
import { buttonClass, Dialog } from '../share/Dialog';
import { useShareUi } from '../share/shareUi';
import type { Scenario } from '../../model';

/**
 * Chooses what the current scenario is compared with: a saved scenario, this scenario N edits ago (the undo
 * history), a scenario file or a share link. Every one of them enters through the one door
 * (`parseScenario`, behind the library, the file reader and the link decoder); a bad one is reported where
 * it was chosen and nothing changes.
 */
export default function WhatIfDialog() {
  const open = useShareUi((s) => s.dialog === 'whatif');
  const close = (): void => useShareUi.getState().show(undefined);
  return (
    <Dialog open={open} onClose={close} title="Compare with another version" description="See which edges change decision and how each policy differs, highlighted on the canvas." testId="whatif-dialog" wide>
      {open && <Choices />}
    </Dialog>
  );
}

function start(baseline: Scenario, label: string): void {
  useAppStore.getState().startWhatIf(baseline, label);
  useShareUi.getState().show(undefined);
}

function Choices() {
  const entries = useLibrary((s) => s.entries);
  const currentId = useLibrary((s) => s.currentId);
  const past = useAppStore.temporal.getState().pastStates;
  const [edits, setEdits] = useState(Math.min(1, past.length));
  const [problem, setProblem] = useState<{ where: string; lines: readonly string[] }>();
  const [link, setLink] = useState('');
  const fail = (where: string, lines: readonly string[]): void => setProblem({ where, lines });

  const fromLibrary = (id: string, name: string): void => {
    const r = library().load(id);
    if (!r.ok) return fail('saved', [`“${name}” could not be read:`, ...r.problems.map(describeProblem)]);
    start(r.scenario, `saved scenario “${name}”`);
  };
  const fromHistory = (): void => {
    const states = useAppStore.temporal.getState().pastStates;
    const state = states[states.length - edits];
    if (!state?.scenario) return fail('history', ['There are not that many edits to go back.']);
    start(state.scenario, `this scenario ${edits} edit${edits === 1 ? '' : 's'} ago`);
  };
  const fromFile = async (file: File): Promise<void> => {
    let text: string;
    try {
      text = await file.text();
    } catch {
      return fail('file', [`“${file.name}” could not be read.`]);
    }
    const r = readScenarioFile(text, file.size);
    if (!r.ok) return fail('file', [`“${file.name}” could not be opened:`, ...r.problems.map(describeProblem)]);
    start(r.scenario, `file “${file.name}”`);
  };
  const fromLink = (): void => {
    const at = link.indexOf('#');
    const r = at >= 0 ? decodeFragment(link.slice(at)) : undefined;
    if (!r) return fail('link', ['This is not a Crossaccount share link: it should contain “#s=”.']);
    if (!r.ok) return fail('link', [r.problem.message, ...(r.problem.errors ?? []).map((e) => `${e.path}: ${e.message}`)]);
    start(r.scenario, 'the shared link');
  };
  const message = (where: string) =>
    problem?.where === where ? (
      <div role="alert" className="mt-1 rounded border border-red-300 bg-red-50 p-2 text-xs text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100" data-testid={`whatif-dialog.problem.${where}`}>
        {problem.lines.map((l, i) => (
          <p key={i} className={i > 0 ? 'font-mono' : ''}>
            {l}
          </p>
        ))}
      </div>
    ) : null;

  return (
    <div className="space-y-4 text-sm">
      <section aria-labelledby="whatif-saved">
        <h3 id="whatif-saved" className="font-semibold">
          A saved scenario
        </h3>
        {entries.length === 0 ? (
          <p className="text-xs text-slate-600 dark:text-slate-400">Nothing is saved in this browser yet (Scenarios → Save).</p>
        ) : (
          <ul className="mt-1 max-h-48 divide-y divide-slate-200 overflow-auto rounded border border-slate-200 dark:divide-slate-700 dark:border-slate-700" data-testid="whatif-dialog.saved">
            {entries.map((e) => (
              <li key={e.id} className="flex items-center gap-2 px-2 py-1">
                <span className="min-w-0 flex-1 truncate">
                  {e.name}
                  {e.id === currentId && <span className="ml-1 text-xs text-slate-600 dark:text-slate-400">(open now, as last saved)</span>}
                </span>
                <button type="button" className={buttonClass.secondary} onClick={() => fromLibrary(e.id, e.name)} aria-label={`Compare with ${e.name}`} data-testid={`whatif-dialog.saved.${e.id}`}>
                  Compare
                </button>
              </li>
            ))}
          </ul>
        )}
        {message('saved')}
      </section>
      <section aria-labelledby="whatif-history">
        <h3 id="whatif-history" className="font-semibold">
          This scenario, some edits ago
        </h3>
        {past.length === 0 ? (
          <p className="text-xs text-slate-600 dark:text-slate-400">No edits yet: the undo history is empty.</p>
        ) : (
          <div className="mt-1 flex items-center gap-2">
            <label className="flex items-center gap-2 text-xs">
              Edits ago
              <input type="number" min={1} max={past.length} value={edits} onChange={(e) => setEdits(Math.max(1, Math.min(past.length, Math.round(Number(e.target.value)) || 1)))} className="w-20 rounded border border-slate-300 px-1 py-0.5 dark:border-slate-600 dark:bg-slate-800" data-testid="whatif-dialog.edits" />
            </label>
            <span className="text-xs text-slate-600 dark:text-slate-400">of {past.length}</span>
            <button type="button" className={buttonClass.secondary} onClick={fromHistory} data-testid="whatif-dialog.history">
              Compare
            </button>
          </div>
        )}
        {message('history')}
      </section>
      <section aria-labelledby="whatif-file">
        <h3 id="whatif-file" className="font-semibold">
          A scenario file
        </h3>
        <input type="file" accept=".json,application/json" className="mt-1 text-xs" aria-label="Scenario file to compare with" data-testid="whatif-dialog.file" onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void fromFile(file);
          e.target.value = '';
        }} />
        {message('file')}
      </section>
      <section aria-labelledby="whatif-link">
        <h3 id="whatif-link" className="font-semibold">
          A share link
        </h3>
        <div className="mt-1 flex gap-2">
          <input type="text" value={link} onChange={(e) => setLink(e.target.value)} placeholder="https://…/#s=…" aria-label="Share link to compare with" className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 font-mono text-xs dark:border-slate-600 dark:bg-slate-800" data-testid="whatif-dialog.link" />
          <button type="button" className={buttonClass.secondary} onClick={fromLink} disabled={link.trim() === ''} data-testid="whatif-dialog.link-compare">
            Compare
          </button>
        </div>
        {message('link')}
      </section>
      <p className="text-xs text-slate-600 dark:text-slate-400">Nothing is opened or changed: the current scenario stays as it is. The comparison never leaves this browser.</p>
    </div>
  );
}
