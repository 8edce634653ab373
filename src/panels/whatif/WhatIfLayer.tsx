import { lazy, Suspense } from 'react';
import { useAppStore } from '../../store/store';
import { LoadBoundary } from '../../ui/LoadBoundary';
import { useShareUi } from '../share/shareUi';

const WhatIfDialog = lazy(() => import('./WhatIfDialog'));
const WhatIfPanel = lazy(() => import('./WhatIfPanel'));

/** The what-if dialog and panel, each loaded the first time it is needed. */
export function WhatIfLayer() {
  const dialog = useShareUi((s) => s.dialog === 'whatif');
  const active = useAppStore((s) => s.whatIf !== undefined);
  return (
    <>
      {dialog && (
        <LoadBoundary what="comparison">
          <Suspense fallback={null}>
            <WhatIfDialog />
          </Suspense>
        </LoadBoundary>
      )}
      {active && (
        <LoadBoundary what="comparison">
          <Suspense fallback={null}>
            <WhatIfPanel />
          </Suspense>
        </LoadBoundary>
      )}
    </>
  );
}
