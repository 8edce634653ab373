import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import '../../src/index.css';
import { App } from '../../src/app/App';
import { renderSettings } from '../../src/canvas/Canvas';
import { parseScenario, updateOrganization, updateResource, type Scenario } from '../../src/model';
import { useAppStore } from '../../src/store/store';
import { domCounts, startFrames, stopFrames, untilFrame, type BenchApi } from './probe';
import { generateScenario } from './scenario';

/**
 * Our app, as shipped (same components, same store, same worker), opened on the generated scenario.
 * The scenario enters through parseScenario like any file would. No autosave runs here.
 */
const params = new URLSearchParams(location.search);
// ?virtualize=1 renders only what is in view (React Flow's onlyRenderVisibleElements), whatever the size.
if (params.get('virtualize') === '1') renderSettings.virtualizeAbove = 0;
const generated = generateScenario({ nodes: Number(params.get('nodes') ?? 1000), edges: Number(params.get('edges') ?? 2000) });
const parsed = parseScenario(JSON.parse(JSON.stringify(generated)));
if (!parsed.ok) throw new Error(`Generated scenario does not parse: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
const scenario: Scenario = parsed.scenario;
useAppStore.getState().replace(scenario);
useAppStore.temporal.getState().clear();

const nodes = scenario.organizations.length + scenario.accounts.length + scenario.principals.length + scenario.resources.length + scenario.rules.length;
const edges = scenario.edges.length + scenario.rules.reduce((n, r) => n + r.targets.length, 0);

/** Every edge in the DOM shows the store's current verdict, and the store has caught up with the scenario. */
function recoloured(): boolean {
  const s = useAppStore.getState();
  if (s.evaluatedRevision !== s.revision) return false;
  for (const el of document.querySelectorAll('.react-flow__edge')) {
    const id = el.getAttribute('data-id') ?? '';
    if (el.getAttribute('data-decision') !== (s.verdicts.get(id)?.status ?? 'pending')) return false;
  }
  return true;
}

async function timeEdit(edit: (s: Scenario) => Scenario, affected: () => number): Promise<{ ms: number; edges: number }> {
  const t0 = performance.now();
  useAppStore.getState().edit(edit);
  await untilFrame(recoloured);
  return { ms: performance.now() - t0, edges: affected() };
}

const DENY_ALL = { Sid: 'BenchDenyAll', Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' };
// The resource with the most incoming edges: its policy edit recolours those edges.
const incoming = new Map<string, number>();
for (const e of scenario.edges) incoming.set(e.to, (incoming.get(e.to) ?? 0) + 1);
const busiest = [...incoming.entries()].filter(([id]) => scenario.resources.some((r) => r.id === id && r.type !== 'kms-key')).sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
let flip = false;

const api: BenchApi = {
  nodes,
  edges,
  rendered: untilFrame(() => {
    const c = domCounts();
    return c.nodes >= nodes && c.edges >= edges;
  }).then(() => performance.now()),
  decided: untilFrame(() => {
    const c = domCounts();
    return c.nodes >= nodes && c.edges >= edges && c.pending === 0 && recoloured();
  }).then(() => performance.now()),
  startFrames,
  stopFrames,
  recolourSome: () => {
    flip = !flip;
    const on = flip;
    return timeEdit(
      (s) =>
        updateResource(s, busiest, (r) => {
          const statements = Array.isArray(r.policy?.Statement) ? r.policy.Statement.filter((x) => x['Sid'] !== 'BenchDenyAll') : [];
          return { ...r, policy: { Version: '2012-10-17', Statement: on ? [...statements, DENY_ALL] : statements } };
        }),
      () => incoming.get(busiest) ?? 0,
    );
  },
  recolourAll: () => {
    flip = !flip;
    const on = flip;
    return timeEdit(
      (s) =>
        updateOrganization(s, 'o-benchmark01', (o) => ({
          ...o,
          policies: o.policies.map((p) => (p.id === 'scp-guard' ? { ...p, document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: on ? 's3:*' : 'kms:ScheduleKeyDeletion', Resource: '*' }] } } : p)),
        })),
      () => edges,
    );
  },
};
window.__bench = api;
// For diagnosing a run by hand in the browser's console.
(window as unknown as { __store: typeof useAppStore }).__store = useAppStore;
performance.mark('bench:start');

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
