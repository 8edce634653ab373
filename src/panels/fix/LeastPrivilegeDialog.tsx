import type { LeastPrivilege } from '../../engine/fix';
import { useAppStore } from '../../store/store';
import { buttonClass, Dialog } from '../share/Dialog';
import { EdgeChangeList, PolicyDiffView, selectEdge, useWorkerAnswer } from './parts';

/**
 * Least privilege for a user or role: the identity policy that allows exactly its allowed drawn edges
 * (src/engine/fix/leastPrivilege.ts, in the evaluation worker), beside its current policies, with what they
 * grant beyond it; replacing them is one edit (Ctrl+Z undoes it).
 */
export default function LeastPrivilegeDialog({ principalId, onClose }: { readonly principalId: string; readonly onClose: () => void }) {
  const answer = useWorkerAnswer(`lp:${principalId}`, () => useAppStore.getState().leastPrivilege(principalId));
  const lp = answer.value;
  return (
    <Dialog open onClose={onClose} title={`Least privilege${lp ? ` for ${lp.principalName}` : ''}`} description="The identity policy that allows exactly the allowed edges drawn from it — no more — beside what it has now." testId="least-privilege" wide>
      {answer.error !== undefined && <p role="alert">{answer.error}</p>}
      {!lp && answer.error === undefined && <p className="text-sm">Working out what its drawn edges need…</p>}
      {lp && <Body lp={lp} onClose={onClose} />}
    </Dialog>
  );
}

function Body({ lp, onClose }: { readonly lp: LeastPrivilege; readonly onClose: () => void }) {
  if (!lp.ok) return <p className="text-sm" data-testid="least-privilege.reason">{lp.reason}</p>;
  const replace = (): void => {
    if (!lp.replace) return;
    if (useAppStore.getState().applyChanges([lp.replace], `Replaced ${lp.principalName}'s identity policies with ${lp.policyName}. Ctrl+Z undoes it.`)) onClose();
  };
  return (
    <div className="space-y-3 text-sm">
      {lp.statements.length === 0 && <p>No allowed edge drawn from {lp.principalName} needs an identity permission: the least-privilege policy allows nothing.</p>}
      {lp.diff && <PolicyDiffView diff={lp.diff} testId="least-privilege.diff" maxHeight="22rem" />}
      {lp.excess.length > 0 && (
        <section aria-label="What the current policies grant beyond it">
          <h3 className="text-xs font-semibold">What the current policies grant beyond it</h3>
          <ul className="mt-1 max-h-40 list-disc space-y-0.5 overflow-auto pl-4 text-xs" data-testid="least-privilege.excess">
            {lp.excess.map((e) => (
              <li key={e.text} data-kind={e.kind}>
                {e.text} <span className="text-slate-600 dark:text-slate-400">— {e.statement.sid ? `"${e.statement.sid}"` : `statement ${e.statement.index + 1}`} of {e.statement.source.name}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {lp.notNeeded.length > 0 && (
        <section aria-label="Allowed without an identity permission">
          <h3 className="text-xs font-semibold">Allowed without an identity permission</h3>
          <ul className="mt-1 list-disc pl-4 text-xs">
            {lp.notNeeded.map((n) => (
              <li key={`${n.id}:${n.label}`}>
                {n.label}: {n.why}
              </li>
            ))}
          </ul>
        </section>
      )}
      {lp.kept.length > 0 && <p className="text-xs">Kept as they are (the user stays in its groups): {lp.kept.join(', ')}.</p>}
      <section aria-label="What replacing would change">
        <h3 className="text-xs font-semibold">Replacing the current policies</h3>
        {lp.sideEffects.length === 0 ? (
          <p className="text-xs" data-testid="least-privilege.no-change">Every drawn edge keeps its decision.</p>
        ) : (
          <EdgeChangeList
            changes={lp.sideEffects}
            testId="least-privilege.changes"
            onSelect={(id) => {
              selectEdge(id);
              onClose();
            }}
          />
        )}
      </section>
      <div className="flex gap-2">
        <button type="button" className={buttonClass.primary} onClick={replace} data-testid="least-privilege.replace">
          Replace with {lp.policyName}
        </button>
        <button type="button" className={buttonClass.secondary} onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
