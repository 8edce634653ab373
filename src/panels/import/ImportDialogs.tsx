import { useState, type FormEvent } from 'react';
import type { FileVerdict, ImportNote, ImportProgress } from '../../import';
import { STAND_IN_ACCOUNT } from '../../import/standIn';
import { ACCOUNT_ID_PATTERN, hasHidden, REGION_PATTERN, type Scenario } from '../../model';
import { Icon } from '../../ui/icons';
import { buttonClass, Dialog } from '../share/Dialog';
import { startImport } from './actions';
import { DrawPicker } from './DrawPicker';
import { ImpliedEdgesDialog } from './ImpliedEdgesDialog';
import { openDrawPicker, openImpliedEdges, useImportUi } from './importUi';

/** Everything importing shows: progress, the report, the picker and the implied edges. Mounted once. */
export function ImportDialogs() {
  return (
    <>
      <ProgressDialog />
      <ReportDialog />
      <DrawPicker />
      <ImpliedEdgesDialog />
    </>
  );
}

/**
 * About what local storage holds for one site (Chromium and Firefox: 5 million characters; the autosave,
 * saved scenarios and this tab's copy share it).
 */
const STORAGE_CHARS = 4_000_000;

const PHASES: Record<ImportProgress['phase'], string> = { reading: 'Reading', importing: 'Importing', combining: 'Combining the files', checking: 'Checking the scenario' };

/** How far the import is, as a fraction: reading and importing each file, then combining and checking. */
function fraction(p: ImportProgress | undefined): number {
  if (!p) return 0;
  const per = p.total > 0 ? p.done / p.total : 1;
  switch (p.phase) {
    case 'reading':
      return 0.25 * per;
    case 'importing':
      return 0.25 + 0.5 * per;
    case 'combining':
      return 0.8;
    case 'checking':
      return 0.9;
  }
}

function ProgressDialog() {
  const running = useImportUi((s) => s.running);
  const p = running?.progress;
  const value = running?.stage === 'drawing' ? 0.97 : fraction(p);
  const label = running?.stage === 'drawing' ? 'Laying out the first picture' : p ? `${PHASES[p.phase]}${p.file ? ` “${p.file}”` : ''}${p.total > 1 && (p.phase === 'reading' || p.phase === 'importing') ? ` (${p.done + 1} of ${p.total})` : ''}` : 'Starting';
  return (
    <Dialog open={!!running} onClose={() => running?.cancel()} title={`Importing ${running?.files === 1 ? 'a file' : `${running?.files ?? 0} files`}`} testId="import-progress">
      <div className="space-y-3 text-sm">
        <p className="text-slate-700 dark:text-slate-300">The files are read in your browser, off the page's main thread: nothing is uploaded. Your current work is kept in Saved scenarios before the new scenario opens.</p>
        <div>
          <div className="mb-1 flex justify-between gap-3 text-xs">
            <span className="min-w-0 truncate" data-testid="import-progress.label">
              {label}…
            </span>
            <span className="shrink-0 tabular-nums">{Math.round(value * 100)}%</span>
          </div>
          <div role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(value * 100)} aria-valuetext={label} className="h-2 overflow-hidden rounded bg-slate-200 dark:bg-slate-700">
            <div className="h-full bg-sky-600 transition-[width] duration-200 motion-reduce:transition-none dark:bg-sky-500" style={{ width: `${Math.round(value * 100)}%` }} />
          </div>
        </div>
        <button type="button" className={buttonClass.secondary} onClick={() => running?.cancel()} data-testid="import-progress.cancel">
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

const STATUS: Record<FileVerdict['status'], { word: string; icon: 'allowed' | 'mixed' | 'denied'; cls: string }> = {
  imported: { word: 'Imported', icon: 'allowed', cls: 'text-green-800 dark:text-green-300' },
  partial: { word: 'Partly imported', icon: 'mixed', cls: 'text-amber-800 dark:text-amber-300' },
  skipped: { word: 'Skipped', icon: 'denied', cls: 'text-red-800 dark:text-red-300' },
};

const LEVEL: Record<ImportNote['level'], { word: string; cls: string }> = {
  error: { word: 'Skipped', cls: 'text-red-800 dark:text-red-300' },
  warning: { word: 'Warning', cls: 'text-amber-800 dark:text-amber-300' },
  info: { word: 'Note', cls: 'text-slate-600 dark:text-slate-400' },
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** The singular of an importer's count words. */
const SINGULAR: Readonly<Record<string, string>> = {
  'customer managed policies': 'customer managed policy',
  'AWS managed policies': 'AWS managed policy',
  'non-default policy versions left out': 'non-default policy version left out',
  'event buses': 'event bus',
  'REST APIs': 'REST API',
  'organizational units': 'organizational unit',
  'policy summaries': 'policy summary',
  'account aliases': 'account alias',
  SCPs: 'SCP',
  RCPs: 'RCP',
  'inline policies': 'inline policy',
  'EventBridge rules': 'EventBridge rule',
  'resources of other types skipped': 'resource of another type skipped',
  'organization policies skipped (not SCPs or RCPs)': 'organization policy skipped (not an SCP or RCP)',
  'Auto Scaling groups': 'Auto Scaling group',
  'SSM documents': 'SSM document',
  'state machines': 'state machine',
  'task definitions': 'task definition',
};

function singular(word: string): string {
  return SINGULAR[word] ?? word.replace(/s$/, '');
}

/** "1 bucket", "3 buckets", "1 non-default policy version left out". */
function countText(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular(word) : word}`;
}

/** "20 accounts, 7,000 principals (5,000 roles, 2,000 users), 300 groups, 3,000 managed policies, 100 resources". */
export function scenarioSummary(s: Scenario): string {
  const roles = s.principals.filter((p) => p.type === 'iam-role').length;
  const users = s.principals.filter((p) => p.type === 'iam-user').length;
  const parts = [plural(s.accounts.length, 'account'), `${plural(s.principals.length, 'principal')}${roles + users > 0 ? ` (${plural(roles, 'role')}, ${plural(users, 'user')})` : ''}`];
  if (s.groups.length > 0) parts.push(plural(s.groups.length, 'group'));
  if (s.managedPolicies.length > 0) parts.push(plural(s.managedPolicies.length, 'managed policy', 'managed policies'));
  parts.push(plural(s.resources.length, 'resource'));
  if (s.organizations.length > 0) parts.push(plural(s.organizations.length, 'organization'));
  return parts.join(', ');
}

function VerdictItem({ v }: { v: FileVerdict }) {
  const look = STATUS[v.status];
  const counts = Object.entries(v.counts).filter(([, n]) => n > 0);
  return (
    <li className="rounded-md border border-slate-200 p-2 dark:border-slate-700" data-testid="import-report.file" data-status={v.status} data-file={v.file}>
      <div className="flex items-start gap-2">
        <span className={`mt-0.5 shrink-0 ${look.cls}`}>
          <Icon name={look.icon} className="h-4 w-4" />
        </span>
        <div className="min-w-0 flex-1">
          <p className="text-sm">
            <span className={`font-semibold ${look.cls}`}>{look.word}:</span> <span className="break-all font-mono text-xs">{v.file}</span>
          </p>
          {v.recognised && <p className="text-xs text-slate-700 dark:text-slate-300">Recognised as {v.recognised.label}.</p>}
          {counts.length > 0 && <p className="text-xs text-slate-700 dark:text-slate-300">{counts.map(([k, n]) => countText(n, k)).join(' · ')}</p>}
          {v.notes.length > 0 && (
            <details className="mt-1" open={v.status === 'skipped'}>
              <summary className="cursor-pointer text-xs font-medium">
                {plural(v.notes.length + v.moreNotes, 'note')}
                {v.notes.some((n) => n.level === 'error') ? ' — some parts were skipped' : ''}
              </summary>
              <ul className="mt-1 max-h-48 space-y-1 overflow-y-auto pr-1" tabIndex={0} aria-label={`Notes on ${v.file}`}>
                {v.notes.map((n, i) => (
                  <li key={`${i}-${n.path}`} className="text-xs" data-level={n.level}>
                    <span className={`font-medium ${LEVEL[n.level].cls}`}>{LEVEL[n.level].word}</span> <code className="break-all text-[11px] text-slate-600 dark:text-slate-400">{n.path}</code> {n.message}
                  </li>
                ))}
                {v.moreNotes > 0 && <li className="text-xs text-slate-600 dark:text-slate-400">… and {plural(v.moreNotes, 'more note')} of the same kinds.</li>}
              </ul>
            </details>
          )}
        </div>
      </div>
    </li>
  );
}

/**
 * A plan or template that does not say its account was built in a stand-in account: asked here, once, and
 * imported again with it (and a Region, if given) — a new scenario again, the one on the canvas kept.
 */
function AccountAsk({ retry }: { readonly retry: NonNullable<NonNullable<ReturnType<typeof useImportUi.getState>['report']>['retry']> }) {
  const [account, setAccount] = useState('');
  const [region, setRegion] = useState(retry.defaults?.region ?? '');
  const accountOk = ACCOUNT_ID_PATTERN.test(account) && account !== STAND_IN_ACCOUNT;
  const regionOk = region === '' || REGION_PATTERN.test(region);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!accountOk || !regionOk) return;
    useImportUi.getState().set({ report: undefined });
    void startImport(retry.files, { account, ...(region ? { region } : {}) });
  };
  return (
    <form onSubmit={submit} className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50" data-testid="import-report.account" aria-labelledby="import-account-title">
      <p id="import-account-title" className="font-medium">
        Which account does this deploy to?
      </p>
      <p className="mt-1 text-xs">A Terraform plan or CloudFormation template here does not say, so {STAND_IN_ACCOUNT} stands for it. Give the account (and Region) and it is imported again with them.</p>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-xs">
          Account id
          <input className="mt-0.5 w-40 rounded border border-slate-400 bg-white px-2 py-1 font-mono text-sm text-slate-900 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100" inputMode="numeric" maxLength={12} value={account} onChange={(e) => setAccount(e.currentTarget.value.trim())} aria-invalid={account !== '' && !accountOk} data-testid="import-report.account.id" placeholder="111122223333" />
        </label>
        <label className="flex flex-col text-xs">
          Region (optional)
          <input className="mt-0.5 w-36 rounded border border-slate-400 bg-white px-2 py-1 font-mono text-sm text-slate-900 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100" value={region} onChange={(e) => setRegion(e.currentTarget.value.trim())} aria-invalid={!regionOk} data-testid="import-report.account.region" placeholder="us-east-1" />
        </label>
        <button type="submit" className={buttonClass.primary} disabled={!accountOk || !regionOk} data-testid="import-report.account.apply">
          Import again in this account
        </button>
      </div>
      {account !== '' && !accountOk && <p className="mt-1 text-xs" role="alert">An account id is 12 digits.</p>}
      {!regionOk && <p className="mt-1 text-xs" role="alert">A Region looks like eu-west-1.</p>}
    </form>
  );
}

function ReportDialog() {
  const report = useImportUi((s) => s.report);
  const close = (): void => useImportUi.getState().set({ report: undefined });
  const scenario = report?.result.scenario;
  const skipped = report?.result.verdicts.filter((v) => v.status === 'skipped').length ?? 0;
  return (
    <Dialog open={!!report} onClose={close} title={scenario ? 'Import: a new scenario' : 'Nothing was imported'} testId="import-report" wide>
      {report && (
        <div className="space-y-3 text-sm">
          {scenario ? (
            <div role="status" data-testid="import-report.summary">
              <p>
                <strong>“{scenario.name}”</strong>: {scenarioSummary(scenario)}.
              </p>
              <p className="mt-1 text-slate-700 dark:text-slate-300">
                {[
                  report.opened ? 'It is open on the canvas.' : 'It opens once you choose what to do with your current work.',
                  report.opened && report.backup ? `Your previous work is kept in Saved scenarios as “${report.backup}”.` : '',
                  hasHidden(scenario) ? 'It is too large to draw at once: only its accounts are drawn. Everything is in the scenario and decided; choose what to draw.' : '',
                  scenario.edges.length === 0 ? 'Exports hold no edges: add the ones its trust and resource policies imply.' : '',
                ]
                  .filter(Boolean)
                  .join(' ')}
              </p>
            </div>
          ) : (
            <p role="alert" data-testid="import-report.failure">
              {report.result.failure} Nothing was changed: your current work is as it was.
            </p>
          )}
          {scenario && report.storedChars !== undefined && report.storedChars > STORAGE_CHARS && (
            <p className="rounded-md border border-amber-300 bg-amber-50 p-2 text-xs text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50" data-testid="import-report.storage">
              At {(report.storedChars / 1_000_000).toFixed(1)} million characters this scenario is larger than the browser keeps for this site, so it is not autosaved: save it as a file (File ▸ Save as file) to keep your work on it. Importing the files again gives it back too.
            </p>
          )}
          {scenario && report.retry && scenario.accounts.some((a) => a.id === STAND_IN_ACCOUNT) && <AccountAsk retry={report.retry} />}
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {plural(report.result.verdicts.length, 'file')}
            {skipped > 0 ? `, ${skipped} skipped` : ''}. Each note gives where in its file (a JSON path) and why.
          </p>
          <ul className="space-y-2" aria-label="Files">
            {report.result.verdicts.map((v) => (
              <VerdictItem key={v.file} v={v} />
            ))}
          </ul>
          <div className="flex flex-wrap gap-2 border-t border-slate-200 pt-3 dark:border-slate-700">
            {scenario && report.opened && hasHidden(scenario) && (
              <button type="button" className={buttonClass.primary} onClick={() => (close(), openDrawPicker())} data-testid="import-report.draw" autoFocus>
                Choose what to draw…
              </button>
            )}
            {scenario && report.opened && scenario.edges.length === 0 && (
              <button type="button" className={hasHidden(scenario) ? buttonClass.secondary : buttonClass.primary} onClick={() => (close(), openImpliedEdges())} data-testid="import-report.implied" {...(!hasHidden(scenario) ? { autoFocus: true } : {})}>
                Add the edges its policies imply…
              </button>
            )}
            <button type="button" className={buttonClass.secondary} onClick={close} data-testid="import-report.close">
              Close
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
