import { useCallback, useEffect, useMemo, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type FinalConnectionState,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useColorScheme } from '../../shared/useColorScheme.ts';
import { connectionProblem } from '../graph/connection.ts';
import type { EditorNode } from '../graph/types.ts';
import { NODE_TYPES } from '../nodes/registry.ts';
import { snapshotOf } from '../store/state.ts';
import { useEditor, useEditorStoreApi } from '../store/useEditor.ts';
import { CanvasActions } from './CanvasActions.tsx';
import { FIT_VIEW } from './fitView.ts';
import { ConnectionHint } from './ConnectionHint.tsx';
import { EdgeLegend } from './EdgeLegend.tsx';
import { PALETTE_MIME, readPaletteDrag } from './paletteDrag.ts';
import { minimapColor } from './minimapColor.ts';

const NODE_HALF = { x: 100, y: 40 };

export function Canvas() {
  const store = useEditorStoreApi();
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const focusRequest = useEditor((s) => s.focusRequest);
  const scheme = useColorScheme();
  const { screenToFlowPosition, getInternalNode, setCenter, getZoom } = useReactFlow<EditorNode, Edge>();

  const styledEdges = useMemo(
    () => edges.map((e) => ({ ...e, className: `ff-edge ff-edge-${e.sourceHandle ?? 'call'}` })),
    [edges],
  );

  useEffect(() => {
    if (!focusRequest) return;
    const node = getInternalNode(focusRequest.nodeId);
    if (!node) return;
    const { x, y } = node.internals.positionAbsolute;
    void setCenter(x + (node.measured.width ?? 0) / 2, y + (node.measured.height ?? 0) / 2, {
      zoom: getZoom(),
      duration: 300,
    });
  }, [focusRequest, getInternalNode, getZoom, setCenter]);

  const isValidConnection = useCallback(
    (edge: Edge | Connection) =>
      connectionProblem(snapshotOf(store.getState()), {
        source: edge.source,
        target: edge.target,
        sourceHandle: edge.sourceHandle ?? null,
        targetHandle: edge.targetHandle ?? null,
      }) === null,
    [store],
  );

  const onConnectEnd = useCallback(
    (_: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid !== false || !state.fromNode || !state.toNode) return;
      const forward = state.fromHandle?.type !== 'target';
      const connection: Connection = forward
        ? {
            source: state.fromNode.id,
            sourceHandle: state.fromHandle?.id ?? null,
            target: state.toNode.id,
            targetHandle: null,
          }
        : {
            source: state.toNode.id,
            sourceHandle: state.toHandle?.id ?? null,
            target: state.fromNode.id,
            targetHandle: null,
          };
      store
        .getState()
        .refuse(connectionProblem(snapshotOf(store.getState()), connection) ?? 'These handles cannot be connected.');
    },
    [store],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const template = readPaletteDrag(event.dataTransfer);
      if (!template) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      store.getState().addNode(template, { x: Math.round(at.x - NODE_HALF.x), y: Math.round(at.y - NODE_HALF.y) });
    },
    [screenToFlowPosition, store],
  );

  const state = store.getState();
  return (
    <section
      className="canvas"
      aria-label="Flow canvas"
      onDragOver={(e) =>
        e.dataTransfer.types.includes(PALETTE_MIME) && (e.preventDefault(), (e.dataTransfer.dropEffect = 'copy'))
      }
      onDrop={onDrop}
    >
      <ReactFlow<EditorNode, Edge>
        nodes={nodes}
        edges={styledEdges}
        nodeTypes={NODE_TYPES}
        onNodesChange={state.onNodesChange}
        onEdgesChange={state.onEdgesChange}
        onConnect={state.connect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeDragStart={state.commit}
        onSelectionDragStart={state.commit}
        deleteKeyCode={null}
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        colorMode={scheme}
        fitView
        fitViewOptions={FIT_VIEW}
        minZoom={0.2}
        maxZoom={2}
        snapToGrid
        snapGrid={[8, 8]}
        defaultEdgeOptions={{ type: 'smoothstep' }}
        proOptions={{ hideAttribution: true }}
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1} />
        <MiniMap pannable zoomable nodeColor={minimapColor} ariaLabel="Minimap of the flow" className="ff-minimap" />
        <Controls showInteractive={false} position="bottom-left" />
        <Panel position="top-right">
          <CanvasActions />
        </Panel>
        <Panel position="top-center">
          <ConnectionHint />
        </Panel>
        {/* A key, not a control: clicks go through it to the nodes it may cover on a short canvas. */}
        <Panel position="top-left" style={{ pointerEvents: 'none' }}>
          <EdgeLegend />
        </Panel>
      </ReactFlow>
    </section>
  );
}
