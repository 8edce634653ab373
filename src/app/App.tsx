import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { Header } from '../ui/Header';

/** The application shell: header, canvas, inspector. */
export function App() {
  return (
    <div className="flex h-full flex-col">
      <Header title="Crossaccount" tagline="See who can reach what across AWS accounts — and why" />
      <div className="flex min-h-0 flex-1">
        <main className="relative min-w-0 flex-1" aria-label="Scenario canvas">
          <ReactFlowProvider>
            <ReactFlow nodes={[]} edges={[]} colorMode="system" fitView proOptions={{ hideAttribution: false }}>
              <Background />
              <Controls />
              <MiniMap pannable zoomable ariaLabel="Minimap" />
            </ReactFlow>
          </ReactFlowProvider>
          <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
            <div className="max-w-sm rounded-xl border border-dashed border-slate-300 bg-white/90 p-6 text-center shadow-sm dark:border-slate-700 dark:bg-slate-900/90">
              <p className="text-lg font-medium">Start by adding an account</p>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                Then put users, roles and resources in it, connect who wants to do what, and watch each edge decided by AWS&apos;s rules.
              </p>
            </div>
          </div>
        </main>
        <aside aria-label="Inspector" className="w-80 shrink-0 overflow-y-auto border-l border-slate-200 bg-slate-50 p-4 text-sm dark:border-slate-800 dark:bg-slate-900">
          <h2 className="mb-2 font-semibold">Inspector</h2>
          <p className="text-slate-600 dark:text-slate-400">Select an account, principal, resource or edge to inspect it.</p>
        </aside>
      </div>
    </div>
  );
}
