import {
  applyNodeChanges,
  Background,
  ConnectionLineType,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnConnectEnd,
} from '@xyflow/react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { createFlowBuilder, fitFrames, type AppNode, type DecisionFlowEdge } from '../graph/toFlow';
import { connect, layoutOf, moveRule, moveToAccount, removeIds, setPosition, type Scenario } from '../model';
import { applySelectionChanges, selectOnCanvas } from '../store/selection';
import { JourneyLayer } from '../panels/journey/JourneyLayer';
import { useAppStore } from '../store/store';
import { Icon } from '../ui/icons';
import { PRINCIPAL_LOOK, RESOURCE_LOOK, RULE_LOOK } from './appearance';
import { EdgeLabelLayout, samePlacement } from './edges/EdgeLabelLayout';
import { LabelHostContext, LabelPlacementContext } from './edges/labelHost';
import { DecisionMarkers, MarkerPrefixContext, useMarkerPrefix } from './edges/markers';
import { ZoomMotion } from './ZoomMotion';
import { edgeTypes, nodeTypes } from './nodeTypes';
import { ViewFit } from './ViewFit';
import { absoluteBox, addPaletteItem, fitAccounts, makeRoom, nodeAt, PALETTE_MIME, type PaletteItem } from './palette';
import { crowded, freeSpot } from '../graph/freeSpot';

export { motion } from './motion';

/**
 * React Flow's own fit for the very first paint only (before the floating panels exist); every later fit,
 * and the first one once the panels are there, is `ViewFit`'s.
 */
const FIRST_PAINT_FIT = { padding: { top: '64px', right: '32px', bottom: '32px', left: '56px' }, maxZoom: 1 } as const;

/**
 * Rendering choices for large scenarios, measured with `npm run bench:ui`:
 * above `virtualizeAbove` nodes only what is in view is rendered (React Flow's `onlyRenderVisibleElements`).
 * At 1,000 nodes, mounting and unmounting while zooming cost more than drawing everything (and hiding
 * labels during a zoom gesture cost more than it saved), so it starts far above that. A setting rather
 * than a constant so the benchmark can measure the canvas with it.
 */
export const renderSettings = { virtualizeAbove: 5000 };


function minimapColor(node: AppNode): string {
  switch (node.type) {
    case 'principal':
      return PRINCIPAL_LOOK[node.data.principal.type].color;
    case 'resource':
    case 'bus':
      return RESOURCE_LOOK[node.data.resource.type].color;
    case 'rule':
      return RULE_LOOK.color;
    case 'account':
      return 'var(--minimap-account)';
    case 'organization':
      return 'var(--minimap-org)';
  }
}

function minimapStroke(node: AppNode): string {
  return node.type === 'account' ? 'var(--minimap-account-stroke)' : node.type === 'organization' ? 'var(--minimap-org-stroke)' : 'transparent';
}

// React Flow copies its props into its store and compares them by identity: constant props live here, so
// a re-render of the canvas does not look like a settings change (which re-runs every node and edge selector).
const SNAP_GRID: [number, number] = [8, 8];
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const ARIA_LABELS = { 'node.a11yDescription.default': 'Press Enter or Space to select; arrow keys move it; Delete removes it.' };
const MINIMAP_SIZE = { width: 180, height: 120 };

const isPaletteItem = (v: unknown): v is PaletteItem => typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string';

/**
 * Draws the edge a gesture asked for through the model's `connect` (one undo step), selects it, or says in
 * the status line why it cannot be drawn.
 */
function connectAndSelect(source: string, target: string): void {
  const { edit, notify, select } = useAppStore.getState();
  let created: string | undefined;
  edit((s) => {
    const r = connect(s, source, target);
    if ('error' in r) {
      notify({ kind: 'refused', text: r.error });
      return s;
    }
    created = r.id;
    return r.scenario;
  });
  if (created) {
    notify({ kind: 'info', text: 'Edge added. Pick its actions in the inspector; the colour shows the decision.' });
    select([created]);
  }
}

/**
 * Keeps `data-evaluating` on the canvas ("true" while the engine decides a change, for tests and tools) in
 * step with the store. Set on the DOM from here, so the flag going up and down around every edit does not
 * re-render the canvas and React Flow with it.
 */
function EvaluatingFlag({ container }: { readonly container: React.RefObject<HTMLDivElement | null> }) {
  const evaluating = useAppStore((s) => s.evaluatedRevision !== s.revision || s.presented !== s.scenario);
  useLayoutEffect(() => {
    container.current?.setAttribute('data-evaluating', evaluating ? 'true' : 'false');
  }, [container, evaluating]);
  return null;
}

/** The React Flow canvas: a view of the scenario that turns gestures into model edits. */
/**
 * A card whose drag ended on top of another card, an edge line or its label is nudged to the nearest free
 * place in its account (src/graph/freeSpot.ts), which grows to hold it; dragged cards are placed one after
 * another, so two dropped together do not land on each other.
 */
function clearSpot(s: Scenario, id: string, accountId: string, box: { width: number; height: number }): Scenario {
  if (!crowded(s, id)) return s;
  const at = layoutOf(s.layout, id);
  if (!at) return s;
  return fitAccounts(setPosition(s, id, freeSpot(s, accountId, id, box, at)), [id]);
}

export function Canvas() {
  const { scenario, verdicts, selected } = useAppStore(useShallow((s) => ({ scenario: s.presented, verdicts: s.verdicts, selected: s.selected })));
  const [build] = useState(createFlowBuilder);
  // The minimap shows itself once a drawing outgrows a glance; the button in the controls overrides.
  const [minimap, setMinimap] = useState<boolean | undefined>(undefined);
  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const graph = useMemo(() => build(scenario, verdicts, selectedSet), [build, scenario, verdicts, selectedSet]);
  // Nodes live in local state while being dragged or resized; the scenario gets the result on release.
  const [nodes, setNodes] = useState<AppNode[]>(graph.nodes);
  const [derivedFrom, setDerivedFrom] = useState(graph.nodes);
  const [measuredOf] = useState(() => new WeakMap<AppNode, AppNode>());
  if (derivedFrom !== graph.nodes) {
    // The scenario changed: adopt the newly derived nodes (React's "adjust state on prop change" pattern),
    // keeping what React Flow measured. A node handed back without `measured` loses its handle bounds,
    // and React Flow unmounts every edge at it until it has measured it again — on a large scenario that
    // turned every edit into a remount of every edge.
    setDerivedFrom(graph.nodes);
    setNodes((current) => {
      const byId = new Map(current.map((n) => [n.id, n]));
      return graph.nodes.map((n) => {
        const local = byId.get(n.id);
        if (!local?.measured || local === n) return n;
        if (n.measured && n.measured.width === local.measured.width && n.measured.height === local.measured.height) return n;
        const kept = measuredOf.get(n);
        if (kept && kept.measured === local.measured) return kept;
        const merged = { ...n, measured: local.measured } as AppNode;
        measuredOf.set(n, merged);
        return merged;
      });
    });
  }
  const showMinimap = minimap ?? graph.nodes.length > 16;
  const derived = useRef(graph.nodes);
  useEffect(() => {
    derived.current = graph.nodes;
  }, [graph.nodes]);
  const { screenToFlowPosition, getNodes } = useReactFlow<AppNode, DecisionFlowEdge>();

  const onNodesChange = useCallback(
    (changes: NodeChange<AppNode>[]) => {
      setNodes((current) => fitFrames(applyNodeChanges(changes, current)));
      applySelectionChanges(changes.flatMap((c) => (c.type === 'select' ? [{ id: c.id, selected: c.selected }] : [])));
      // An account resized with its NodeResizer: keep the new box (and position, when resized from the top or left).
      const resized = changes.flatMap((c) => (c.type === 'dimensions' && c.resizing === false && c.dimensions ? [{ id: c.id, ...c.dimensions }] : []));
      if (resized.length === 0) return;
      const known = new Map(getNodes().map((n) => [n.id, n.position]));
      const moved = new Map(changes.flatMap((c) => (c.type === 'position' && c.position ? [[c.id, c.position] as const] : [])));
      useAppStore.getState().edit((s) =>
        resized.reduce((acc, r) => {
          const at = moved.get(r.id) ?? known.get(r.id);
          return at ? makeRoom(setPosition(acc, r.id, { x: Math.round(at.x), y: Math.round(at.y) }, { width: Math.round(r.width), height: Math.round(r.height) }), r.id) : acc;
        }, s),
      );
    },
    [getNodes],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<DecisionFlowEdge>[]) => {
    // Edges are derived from the scenario; only selection comes back from React Flow (removal goes through onDelete).
    applySelectionChanges(changes.flatMap((c) => (c.type === 'select' ? [{ id: c.id, selected: c.selected }] : [])));
  }, []);

  const onEdgeClick = useCallback((event: MouseEvent, edge: DecisionFlowEdge) => {
    selectOnCanvas(edge.id, event.shiftKey || event.metaKey || event.ctrlKey);
  }, []);

  const onNodeDragStop = useCallback(
    (_e: unknown, _node: AppNode, dragged: AppNode[]) => {
      const current = getNodes();
      const byId = new Map(current.map((n) => [n.id, n]));
      let problem: string | undefined;
      const before = useAppStore.getState().scenario;
      useAppStore.getState().edit((s) => {
        let next = s;
        for (const node of dragged) {
          if (node.type === 'account') {
            next = setPosition(next, node.id, { x: Math.round(node.position.x), y: Math.round(node.position.y) });
            continue;
          }
          const box = absoluteBox(byId.get(node.id) ?? node, byId);
          const center = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
          if (node.type === 'rule') {
            // A rule dropped on another bus moves there; anywhere else it stays docked on its own bus.
            const bus = nodeAt(current.filter((n) => n.id !== node.id), center, 'bus');
            if (bus && bus.id !== node.parentId) {
              const moved = moveRule(next, node.id, bus.id);
              if ('error' in moved) problem = moved.error;
              else next = moved;
            }
            continue;
          }
          if (node.type === 'organization') continue;
          const target = nodeAt(current, center, 'account');
          const isService = node.type === 'principal' && node.data.principal.type === 'service';
          if (target && target.id !== node.parentId && !isService) {
            // Dropped into another account: it moves there and its ARN follows.
            const t = absoluteBox(target, byId);
            next = clearSpot(moveToAccount(next, node.id, target.id, { x: Math.round(box.x - t.x), y: Math.round(box.y - t.y) }), node.id, target.id, box);
          } else if (!target && node.parentId) {
            // Dropped outside every account: it stays in its own, which grows to hold it.
            const x = Math.max(12, Math.round(node.position.x));
            const y = Math.max(52, Math.round(node.position.y));
            next = setPosition(next, node.id, { x, y });
            const box = layoutOf(next.layout, node.parentId);
            if (box) {
              const width = Math.max(box.width ?? 0, x + (node.width ?? 208) + 16);
              const height = Math.max(box.height ?? 0, y + (node.height ?? 64) + 20);
              next = makeRoom(setPosition(next, node.parentId, { x: box.x, y: box.y }, { width, height }), node.parentId);
            }
          } else {
            next = setPosition(next, node.id, { x: Math.round(node.position.x), y: Math.round(node.position.y) });
            if (node.parentId) next = clearSpot(next, node.id, node.parentId, box);
          }
        }
        return next;
      });
      if (problem) useAppStore.getState().notify({ kind: 'refused', text: problem });
      // Nothing changed in the model (a rule dragged off its bus): everything snaps back to where the model has it.
      if (useAppStore.getState().scenario === before) setNodes(derived.current);
    },
    [getNodes],
  );

  const onConnect = useCallback((c: Connection) => connectAndSelect(c.source, c.target), []);

  // A line dropped anywhere on a card connects to it, not only within reach of its 12-pixel dot: React Flow
  // calls onConnect only for a drop near a valid handle; every other drop ends here with `isValid` not true.
  const onConnectEnd = useCallback<OnConnectEnd>((event, state) => {
    if (state.isValid === true || !state.fromNode) return;
    const point = 'changedTouches' in event ? event.changedTouches[0] : event;
    // The topmost card under the pointer (an edge label drawn over a card does not hide it).
    const stack = point ? document.elementsFromPoint(point.clientX, point.clientY) : [];
    const over = stack.map((el) => el.closest<HTMLElement>('.react-flow__node')?.dataset.id).find((id) => id !== undefined);
    const from = state.fromNode.id;
    // Released over the card it started from: a cancelled gesture, nothing to say.
    if (over === from) return;
    if (!over) {
      useAppStore.getState().notify({ kind: 'refused', text: 'there is nothing to connect to there. Release the line over a role or a resource card.' });
      return;
    }
    // Dragged from a target dot (a card's left-hand dot), the card under the pointer is the source.
    if (state.fromHandle?.type === 'target') connectAndSelect(over, from);
    else connectAndSelect(from, over);
  }, []);

  const isValidConnection = useCallback<IsValidConnection<DecisionFlowEdge>>((c) => !('error' in connect(useAppStore.getState().scenario, c.source, c.target)), []);

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
      let item: unknown;
      try {
        item = JSON.parse(raw);
      } catch {
        return;
      }
      if (isPaletteItem(item)) addPaletteItem(item, getNodes(), screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [screenToFlowPosition, getNodes],
  );

  const [labelHost, setLabelHost] = useState<HTMLElement | null>(null);
  const [labelPlacement, setLabelPlacement] = useState<ReadonlyMap<string, { x: number; y: number }> | undefined>(undefined);
  const onLabelLayout = useCallback((next: ReadonlyMap<string, { x: number; y: number }> | undefined) => setLabelPlacement((prev) => (samePlacement(prev, next) ? prev : next)), []);
  const markerPrefix = useMarkerPrefix();
  const flowRef = useRef<HTMLDivElement>(null);
  const onInit = useCallback(() => setLabelHost(flowRef.current?.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') ?? null), []);

  return (
    <LabelHostContext.Provider value={labelHost}>
    <LabelPlacementContext.Provider value={labelPlacement}>
    <MarkerPrefixContext.Provider value={markerPrefix}>
    <ReactFlow<AppNode, DecisionFlowEdge>
      ref={flowRef}
      onInit={onInit}
      nodes={nodes}
      edges={graph.edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onEdgeClick={onEdgeClick}
      onNodeDragStop={onNodeDragStop}
      onConnect={onConnect}
      onConnectEnd={onConnectEnd}
      isValidConnection={isValidConnection}
      onDelete={onDelete}
      onDragOver={onDragOver}
      onDrop={onDrop}
      colorMode="system"
      snapToGrid
      snapGrid={SNAP_GRID}
      fitView
      fitViewOptions={FIRST_PAINT_FIT}
      minZoom={0.05}
      maxZoom={2.5}
      onlyRenderVisibleElements={nodes.length > renderSettings.virtualizeAbove}
      edgesFocusable={false}
      // Selected nodes are not raised: raising them would raise their edges above every label (React Flow
      // puts an edge at its endpoints' z), hiding the decisions the labels show.
      elevateNodesOnSelect={false}
      connectionLineType={ConnectionLineType.Bezier}
      connectionRadius={32}
      deleteKeyCode={DELETE_KEYS}
      multiSelectionKeyCode={MULTI_SELECT_KEYS}
      selectionKeyCode="Shift"
      data-testid="canvas"
      ariaLabelConfig={ARIA_LABELS}
    >
      <Background gap={16} />
      <Controls position="bottom-left" aria-label="Zoom controls">
        <ControlButton onClick={() => setMinimap(!showMinimap)} aria-label={showMinimap ? 'Hide the minimap' : 'Show the minimap'} title={showMinimap ? 'Hide the minimap' : 'Show the minimap'} aria-pressed={showMinimap}>
          <Icon name="minimap" className="h-4 w-4" />
        </ControlButton>
      </Controls>
      {showMinimap && (
      <MiniMap<AppNode>
        pannable
        zoomable
        ariaLabel="Minimap of the scenario"
        position="bottom-right"
        nodeColor={minimapColor}
        nodeStrokeColor={minimapStroke}
        nodeStrokeWidth={6}
        nodeBorderRadius={6}
        bgColor="var(--minimap-bg)"
        maskColor="var(--minimap-mask)"
        style={MINIMAP_SIZE}
      />
      )}
      <JourneyLayer minimap={showMinimap} />
      <ViewFit container={flowRef} />
      <EvaluatingFlag container={flowRef} />
      <ZoomMotion />
      <EdgeLabelLayout onLayout={onLabelLayout} />
    </ReactFlow>
    <DecisionMarkers host={labelHost} prefix={markerPrefix} />
    </MarkerPrefixContext.Provider>
    </LabelPlacementContext.Provider>
    </LabelHostContext.Provider>
  );
}
