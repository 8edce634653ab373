import { Background, Controls, MarkerType, MiniMap, ReactFlow, ReactFlowProvider, useEdgesState, useNodesState, type Edge, type Node } from '@xyflow/react';
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import { toFlow } from '../../src/graph/toFlow';
import { domCounts, startFrames, stopFrames, untilFrame, type BenchApi } from './probe';
import { generateScenario } from './scenario';

/**
 * The baseline: plain @xyflow/react with its defaults, rendering the same nodes (same ids, positions,
 * sizes and parents) and the same edges (with their actions as labels) as our canvas — no custom node or
 * edge types, no store, no engine.
 */
const params = new URLSearchParams(location.search);
const scenario = generateScenario({ nodes: Number(params.get('nodes') ?? 1000), edges: Number(params.get('edges') ?? 2000) });
const graph = toFlow(scenario, undefined);
const initialNodes: Node[] = graph.nodes.map((n) => ({
  id: n.id,
  position: n.position,
  ...(n.parentId ? { parentId: n.parentId } : {}),
  ...(n.width !== undefined ? { width: n.width, height: n.height } : {}),
  type: n.type === 'organization' || n.type === 'account' || n.type === 'bus' ? 'group' : 'default',
  data: { label: n.type === 'principal' ? n.data.principal.name : n.type === 'resource' || n.type === 'bus' ? n.data.resource.name : n.type === 'rule' ? n.data.rule.name : n.type === 'account' ? n.data.account.name : n.data.organization.name },
}));
const initialEdges: Edge[] = graph.edges.map((e) => ({
  id: e.id,
  source: e.source,
  target: e.target,
  label: e.data?.actions.join(', ') || 'delivery',
  markerEnd: { type: MarkerType.ArrowClosed },
}));

let setEdgesOutside: ((f: (edges: Edge[]) => Edge[]) => void) | undefined;

function strokeOf(id: string): string | null {
  return document.querySelector(`.react-flow__edge[data-id="${id}"] .react-flow__edge-path`)?.getAttribute('style') ?? null;
}

async function timeRecolour(ids: readonly string[]): Promise<{ ms: number; edges: number }> {
  const colour = strokeOf(ids[0] ?? '')?.includes('rgb(185, 28, 28)') ? '#15803d' : '#b91c1c';
  const want = new Set(ids);
  const t0 = performance.now();
  setEdgesOutside?.((edges) => edges.map((e) => (want.has(e.id) ? { ...e, style: { stroke: colour } } : e)));
  const rgb = colour === '#b91c1c' ? 'rgb(185, 28, 28)' : 'rgb(21, 128, 61)';
  await untilFrame(() => ids.every((id) => (strokeOf(id) ?? '').includes(colour) || (strokeOf(id) ?? '').includes(rgb)));
  return { ms: performance.now() - t0, edges: ids.length };
}

const incoming = new Map<string, string[]>();
for (const e of scenario.edges) incoming.set(e.to, [...(incoming.get(e.to) ?? []), e.id]);
const busiest = [...incoming.entries()].filter(([id]) => scenario.resources.some((r) => r.id === id && r.type !== 'kms-key')).sort((a, b) => b[1].length - a[1].length)[0]?.[1] ?? [];

const api: BenchApi = {
  nodes: initialNodes.length,
  edges: initialEdges.length,
  rendered: untilFrame(() => {
    const c = domCounts();
    return c.nodes >= initialNodes.length && c.edges >= initialEdges.length;
  }).then(() => performance.now()),
  decided: Promise.resolve(Number.NaN),
  startFrames,
  stopFrames,
  recolourSome: () => timeRecolour(busiest),
  recolourAll: () => timeRecolour(initialEdges.map((e) => e.id)),
};
window.__bench = api;
performance.mark('bench:start');

function Bare() {
  const [nodes, , onNodesChange] = useNodesState(initialNodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState(initialEdges);
  useEffect(() => {
    setEdgesOutside = setEdges;
  }, [setEdges]);
  return (
    <ReactFlow nodes={nodes} edges={edges} onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} fitView minZoom={0.05}>
      <Background />
      <Controls />
      <MiniMap />
    </ReactFlow>
  );
}

// The same canvas size as ours (the runner passes it), so both fit the scenario at the same zoom.
const size = { width: params.get('w') ? `${params.get('w')}px` : '100%', height: params.get('h') ? `${params.get('h')}px` : '100%' };
const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <div style={size}>
    <ReactFlowProvider>
      <Bare />
    </ReactFlowProvider>
  </div>,
);
