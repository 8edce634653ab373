import { useEffect, useState } from 'react';
import { editWithLayout } from '../../canvas/autoLayout';
import type { ImpliedEdges } from '../../engine';
import { addEntities, type Scenario } from '../../model';
import { useAppStore } from '../../store/store';
import { buttonClass, Dialog } from '../share/Dialog';
import { useShareUi } from '../share/shareUi';
import { useImportUi } from './importUi';

/** Edges listed in the preview; the rest are counted. */
const LISTED = 150;

/**
 * Offers the edges the scenario's trust and resource policies imply (the engine's `impliedEdges`, in the
 * evaluation worker), with a preview of each and why, and adds them as one undoable step. The engine then
 * decides each: an implied edge is a question ("may this caller?"), not an answer.
 */
export function ImpliedEdgesDialog() {
  const open = useImportUi((s) => s.implied);
  const close = (): void => useImportUi.getState().set({ implied: false });
  return (
    <Dialog open={open} onClose={close} title="Add the edges its policies imply" description="Trust policies name who may assume each role; resource policies name who may call each resource. Each becomes an edge the engine decides." testId="implied-edges" wide>
      {open && <ImpliedBody onDone={close} />}
    </Dialog>
  );
}

function nameOf(s: Scenario, id: string, added: ImpliedEdges | undefined): string {
  const p = s.principals.find((x) => x.id === id) ?? added?.principals.find((x) => x.id === id);
  if (p) return p.type === 'account-root' ? `root of ${p.accountId}` : p.type === 'service' ? p.service : p.name;
  return s.resources.find((r) => r.id === id)?.name ?? id;
}

function ImpliedBody({ onDone }: { onDone: () => void }) {
  const scenario = useAppStore((s) => s.scenario);
  const [includeOutside, setIncludeOutside] = useState(false);
  const [plan, setPlan] = useState<{ for: boolean; result: ImpliedEdges } | { for: boolean; error: string }>();
  useEffect(() => {
    let live = true;
    useAppStore
      .getState()
      .implied({ includeOutside })
      .then(
        (result) => live && setPlan({ for: includeOutside, result }),
        (error: unknown) => live && setPlan({ for: includeOutside, error: error instanceof Error ? error.message : String(error) }),
      );
    return () => {
      live = false;
    };
  }, [includeOutside, scenario]);
  const current = plan && plan.for === includeOutside ? plan : undefined;
  if (!current) return <p className="text-sm" role="status">Reading the policies…</p>;
  if ('error' in current) return <p role="alert">The policies could not be read: {current.error}</p>;
  const r = current.result;
  const assume = r.edges.filter((e) => e.edge.kind === 'assume').length;
  const access = r.edges.length - assume;
  const apply = (): void => {
    onDone();
    const add = { accounts: r.accounts, principals: r.principals, edges: r.edges.map((e) => e.edge), hidden: r.hidden };
    void editWithLayout((s) => addEntities(s, add)).then(() => {
      useShareUi.getState().notify({ kind: 'info', text: `Added ${r.edges.length.toLocaleString('en-US')} edge${r.edges.length === 1 ? '' : 's'} its policies imply; each is decided by the engine. Undo (Ctrl+Z) removes them.` });
      useAppStore.getState().requestFit();
    });
  };
  const skipped = r.skipped;
  return (
    <div className="space-y-3 text-sm">
      <p role="status" data-testid="implied-edges.summary">
        {r.edges.length === 0 ? (
          <>No new edges: every principal the policies name is already connected, or none is in the scenario.</>
        ) : (
          <>
            <strong>{r.edges.length.toLocaleString('en-US')}</strong> edge{r.edges.length === 1 ? '' : 's'}: {assume.toLocaleString('en-US')} AssumeRole (from trust policies), {access.toLocaleString('en-US')} access (from resource policies)
            {r.principals.length > 0 ? `, starting from ${r.principals.length.toLocaleString('en-US')} new principal${r.principals.length === 1 ? '' : 's'} (root users and AWS services)` : ''}.
          </>
        )}
      </p>
      {r.edges.length > 0 && (
        <ul className="max-h-[40vh] divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200 text-xs dark:divide-slate-800 dark:border-slate-700" aria-label="Edges to add" tabIndex={0} data-testid="implied-edges.list">
          {r.edges.slice(0, LISTED).map(({ edge, provenance, note }) => (
            <li key={edge.id} className="px-2 py-1.5">
              <span className="font-medium">{nameOf(scenario, edge.from, r)}</span> → <span className="font-medium">{nameOf(scenario, edge.to, r)}</span>:{' '}
              {edge.kind === 'assume' ? `sts:AssumeRole${edge.externalId ? ` (external id ${edge.externalId})` : ''}` : edge.actions.join(', ')}
              <span className="block text-slate-600 dark:text-slate-400">
                {provenance.map((p) => `${p.policy === 'trust' ? 'trust policy' : 'policy'} of ${nameOf(scenario, p.ownerId, r)}, ${p.sid ? `statement "${p.sid}"` : `statement ${p.statementIndex + 1}`}`).join('; ')}
                {note ? ` — ${note}` : ''}
                {edge.kind === 'access' && edge.context ? ` — called for ${Object.values(edge.context).join(', ')}` : ''}
              </span>
            </li>
          ))}
          {r.edges.length > LISTED && <li className="px-2 py-1.5 text-slate-600 dark:text-slate-400">… and {(r.edges.length - LISTED).toLocaleString('en-US')} more.</li>}
        </ul>
      )}
      {(r.trustedAccounts.length > 0 || r.outside.length > 0 || skipped.everyone + skipped.federated + skipped.notPrincipal + skipped.session > 0) && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-2 text-xs text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50" data-testid="implied-edges.findings">
          <p className="font-semibold">Named, but not drawn as edges</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-4">
            {skipped.everyone > 0 && <li>{skipped.everyone.toLocaleString('en-US')} statement{skipped.everyone === 1 ? ' grants' : 's grant'} everyone (“*”), possibly narrowed by conditions: no one caller to draw.</li>}
            {r.trustedAccounts.length > 0 && (
              <li>
                {r.trustedAccounts.length.toLocaleString('en-US')} role{r.trustedAccounts.length === 1 ? ' trusts a whole account where no user or role may yet assume it' : 's trust a whole account where no user or role may yet assume them'} (for example {nameOf(scenario, r.trustedAccounts[0]?.roleId ?? '', r)} trusts {r.trustedAccounts[0]?.account}): anyone that account later allows could.
              </li>
            )}
            {r.outside.length > 0 && (
              <li>
                {r.outside.length.toLocaleString('en-US')} principal{r.outside.length === 1 ? '' : 's'} outside the scenario (for example {r.outside[0]?.arn}, named by {r.outside[0]?.namedBy[0]}).
              </li>
            )}
            {skipped.federated > 0 && <li>{skipped.federated.toLocaleString('en-US')} statement{skipped.federated === 1 ? '' : 's'} for federated users (SAML, OIDC).</li>}
            {skipped.notPrincipal > 0 && <li>{skipped.notPrincipal.toLocaleString('en-US')} statement{skipped.notPrincipal === 1 ? '' : 's'} with NotPrincipal.</li>}
            {skipped.session > 0 && <li>{skipped.session.toLocaleString('en-US')} role session{skipped.session === 1 ? '' : 's'} named by ARN.</li>}
          </ul>
        </div>
      )}
      {(r.outside.length > 0 || includeOutside) && (
        <label className="flex items-center gap-2 text-xs">
          <input type="checkbox" checked={includeOutside} onChange={(e) => setIncludeOutside(e.target.checked)} data-testid="implied-edges.outside" />
          Also add the accounts outside the scenario that policies name, with the users and roles they name (their own policies are unknown, so their side is decided as granting nothing)
        </label>
      )}
      <div className="flex flex-wrap gap-2 border-t border-slate-200 pt-3 dark:border-slate-700">
        <button type="button" className={buttonClass.primary} onClick={apply} disabled={r.edges.length === 0} data-testid="implied-edges.apply">
          Add {r.edges.length.toLocaleString('en-US')} edge{r.edges.length === 1 ? '' : 's'}
        </button>
        <button type="button" className={buttonClass.secondary} onClick={onDone}>
          Cancel
        </button>
        <p className="self-center text-xs text-slate-600 dark:text-slate-400">One step: Undo (Ctrl+Z) removes them all.</p>
      </div>
    </div>
  );
}
