import {
  applyNodeChanges,
  Background,
  ConnectionLineType,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import { useCallback, useMemo, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { toFlow, type AppNode } from '../graph/toFlow';
import { addAccount, addPrincipal, addResource, addRule, connect, moveToAccount, removeIds, setPosition, type PrincipalKind, type ResourceType } from '../model';
import { useAppStore } from '../store/store';
import { JourneyLayer } from '../panels/journey/JourneyLayer';
import { edgeTypes, nodeTypes } from './nodeTypes';
import { DECISION_LOOK } from './appearance';

/** What the palette puts on the drag payload. */
export type PaletteItem =
  | { readonly kind: 'account' }
  | { readonly kind: 'principal'; readonly type: PrincipalKind }
  | { readonly kind: 'resource'; readonly type: ResourceType }
  | { readonly kind: 'rule' };

export const PALETTE_MIME = 'application/x-crossaccount-item';

function absolutePosition(node: AppNode, byId: Map<string, AppNode>): { x: number; y: number } {
  const parent = node.parentId ? byId.get(node.parentId) : undefined;
  return parent ? { x: parent.position.x + node.position.x, y: parent.position.y + node.position.y } : node.position;
}

/** The account whose box contains a point of the flow, if any. */
function accountAt(nodes: readonly AppNode[], point: { x: number; y: number }): AppNode | undefined {
  return nodes.find(
    (n) => n.type === 'account' && point.x >= n.position.x && point.y >= n.position.y && point.x <= n.position.x + (n.width ?? 0) && point.y <= n.position.y + (n.height ?? 0),
  );
}

/** Adds a palette item at a flow position: inside the account under it (or the first account). */
export function addPaletteItem(item: PaletteItem, at: { x: number; y: number }, nodes: readonly AppNode[]): void {
  const { edit, notify, select } = useAppStore.getState();
  const account = accountAt(nodes, at) ?? nodes.find((n) => n.type === 'account');
  const inside = account ? { x: Math.max(8, at.x - account.position.x), y: Math.max(40, at.y - account.position.y) } : at;
  let created: string | undefined;
  edit((s) => {
    if (item.kind === 'account') {
      const r = addAccount(s, at);
      created = r.id;
      return r.scenario;
    }
    if (item.kind === 'principal') {
      if (item.type !== 'service' && s.accounts.length === 0) {
        notify({ kind: 'error', text: 'Add an account first: users, roles and resources live in an account.' });
        return s;
      }
      const r = addPrincipal(s, item.type, account?.id, item.type === 'service' && !account ? at : inside);
      created = r.id;
      return r.scenario;
    }
    if (item.kind === 'resource') {
      if (s.accounts.length === 0) {
        notify({ kind: 'error', text: 'Add an account first: users, roles and resources live in an account.' });
        return s;
      }
      const r = addResource(s, item.type, account?.id, inside);
      created = r.id;
      return r.scenario;
    }
    const bus = s.resources.find((r) => r.type === 'events-bus' && (!account || r.accountId === account.id)) ?? s.resources.find((r) => r.type === 'events-bus');
    const r = addRule(s, bus?.id ?? '', inside);
    if ('error' in r) {
      notify({ kind: 'error', text: r.error });
      return s;
    }
    created = r.id;
    return r.scenario;
  });
  if (created) {
    select([created]);
    notify(undefined);
  }
}

/** The React Flow canvas: a view of the scenario that turns gestures into model edits. */
export function Canvas() {
  const { scenario, evaluation, selected } = useAppStore(useShallow((s) => ({ scenario: s.scenario, evaluation: s.evaluation, selected: s.selected })));
  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const graph = useMemo(() => toFlow(scenario, evaluation, selectedSet), [scenario, evaluation, selectedSet]);
  const edges = useMemo(
    () => graph.edges.map((e) => ({ ...e, markerEnd: { type: MarkerType.ArrowClosed, color: DECISION_LOOK[e.data?.evaluation?.status ?? 'invalid'].stroke, width: 18, height: 18 } })),
    [graph.edges],
  );
  // Nodes live in local state while being dragged or resized; the scenario gets the result on release.
  const [nodes, setNodes] = useState<AppNode[]>(graph.nodes);
  const [derivedFrom, setDerivedFrom] = useState(graph.nodes);
  if (derivedFrom !== graph.nodes) {
    // The scenario changed: adopt the newly derived nodes (React's "adjust state on prop change" pattern).
    setDerivedFrom(graph.nodes);
    setNodes(graph.nodes);
  }
  const { screenToFlowPosition, getNode, getNodes } = useReactFlow<AppNode>();

  const onNodesChange = useCallback(
    (changes: NodeChange<AppNode>[]) => {
      setNodes((current) => applyNodeChanges(changes, current));
      for (const c of changes) {
        if (c.type === 'dimensions' && c.resizing === false && c.dimensions) {
          const node = getNode(c.id);
          const { width, height } = c.dimensions;
          if (node) useAppStore.getState().edit((s) => setPosition(s, c.id, node.position, { width, height }));
        }
      }
    },
    [getNode],
  );

  const onEdgesChange = useCallback((_changes: EdgeChange[]) => {
    // Edges are derived from the scenario; selection and removal are handled by onSelectionChange/onDelete.
  }, []);

  const onSelectionChange = useCallback(({ nodes: ns, edges: es }: OnSelectionChangeParams) => {
    const ids = [...ns.map((n) => n.id), ...es.map((e) => e.id)];
    const current = useAppStore.getState().selected;
    if (ids.length !== current.length || ids.some((id, i) => id !== current[i])) useAppStore.getState().select(ids);
  }, []);

  const onNodeDragStop = useCallback(
    (_e: unknown, _node: AppNode, dragged: AppNode[]) => {
      const current = getNodes();
      const byId = new Map(current.map((n) => [n.id, n]));
      useAppStore.getState().edit((s) => {
        let next = s;
        for (const node of dragged) {
          if (node.type === 'account') {
            next = setPosition(next, node.id, node.position);
            continue;
          }
          const abs = absolutePosition(node, byId);
          const center = { x: abs.x + (node.measured?.width ?? 188) / 2, y: abs.y + (node.measured?.height ?? 60) / 2 };
          const target = accountAt(current, center);
          const isService = node.type === 'principal' && node.data.principal.type === 'service';
          if (target && target.id !== node.parentId && node.type !== 'rule' && !isService) {
            // Dropped into another account: it moves there and its ARN follows.
            next = moveToAccount(next, node.id, target.id, { x: abs.x - target.position.x, y: abs.y - target.position.y });
          } else {
            next = setPosition(next, node.id, node.position);
          }
        }
        return next;
      });
    },
    [getNodes],
  );

  const onConnect = useCallback((c: Connection) => {
    const { edit, notify, select } = useAppStore.getState();
    let created: string | undefined;
    edit((s) => {
      const r = connect(s, c.source, c.target);
      if ('error' in r) {
        notify({ kind: 'error', text: r.error });
        return s;
      }
      created = r.id;
      return r.scenario;
    });
    if (created) {
      notify(undefined);
      select([created]);
    }
  }, []);

  const onDelete = useCallback(({ nodes: ns, edges: es }: { nodes: AppNode[]; edges: { id: string }[] }) => {
    const ids = new Set([...ns.map((n) => n.id), ...es.map((e) => e.id)]);
    if (ids.size > 0) useAppStore.getState().edit((s) => removeIds(s, ids));
  }, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(PALETTE_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const raw = event.dataTransfer.getData(PALETTE_MIME);
      if (!raw) return;
      event.preventDefault();
      const item = JSON.parse(raw) as PaletteItem;
      addPaletteItem(item, screenToFlowPosition({ x: event.clientX, y: event.clientY }), nodes);
    },
    [screenToFlowPosition, nodes],
  );

  return (
    <ReactFlow<AppNode>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onSelectionChange={onSelectionChange}
      onNodeDragStop={onNodeDragStop}
      onConnect={onConnect}
      onDelete={onDelete}
      onDragOver={onDragOver}
      onDrop={onDrop}
      colorMode="system"
      snapToGrid
      snapGrid={[8, 8]}
      fitView
      minZoom={0.1}
      connectionLineType={ConnectionLineType.Bezier}
      deleteKeyCode={['Delete', 'Backspace']}
      multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
      ariaLabelConfig={{ 'node.a11yDescription.default': 'Press Enter or Space to select; arrow keys move it; Delete removes it.' }}
    >
      <Background gap={16} />
      <Controls position="bottom-left" />
      <MiniMap pannable zoomable ariaLabel="Minimap of the scenario" position="bottom-right" />
      <JourneyLayer />
    </ReactFlow>
  );
}
