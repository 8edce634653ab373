import { lazy, Suspense, useState } from 'react';
import { LoadBoundary } from '../../ui/LoadBoundary';

const LeastPrivilegeDialog = lazy(() => import('../fix/LeastPrivilegeDialog'));

/** Opens the least-privilege view of a user or role (loaded on demand). */
export function LeastPrivilegeButton({ principalId }: { readonly principalId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="mb-3">
      <button type="button" className="rounded border border-slate-400 px-2 py-1 text-xs font-medium hover:bg-slate-100 dark:border-slate-500 dark:hover:bg-slate-800" aria-haspopup="dialog" onClick={() => setOpen(true)} data-testid="inspector.least-privilege">
        Least privilege…
      </button>
      {open && (
        <LoadBoundary what="least-privilege view">
          <Suspense fallback={null}>
            <LeastPrivilegeDialog principalId={principalId} onClose={() => setOpen(false)} />
          </Suspense>
        </LoadBoundary>
      )}
    </div>
  );
}
