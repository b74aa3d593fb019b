import type { Connection, EdgeChange, NodeChange, XYPosition } from '@xyflow/react';
import type { Diagnostic, DispatchEvent, FlowDocument, RunDetail } from '@fireflow/protocol';
import type { ClipboardContent } from '../graph/clipboard.ts';
import type { NodeTemplate } from '../graph/factory.ts';
import type { EditorNode, GraphSnapshot } from '../graph/types.ts';
import type { RunModel } from '../run/model/runModel.ts';

export interface GraphSlice extends GraphSnapshot {
  flowId: string;
  /** Bumped by every edit; the document is dirty while it differs from `savedRevision`. */
  revision: number;
  savedRevision: number;
  diagnostics: Diagnostic[];
  /** Why the last canvas gesture was refused, shown on the canvas until the next one. */
  refusal: { message: string; seq: number } | null;
  /** Asks the canvas to bring a node into view (from the run log). */
  focusRequest: { nodeId: string; seq: number } | null;
  clipboard: ClipboardContent | null;

  loadDocument: (doc: FlowDocument) => void;
  markSaved: (revision: number) => void;
  setDiagnostics: (diagnostics: Diagnostic[]) => void;
  refuse: (message: string | null) => void;
  onNodesChange: (changes: NodeChange<EditorNode>[]) => void;
  onEdgesChange: (changes: EdgeChange[]) => void;
  addNode: (template: NodeTemplate, position: XYPosition) => string;
  connect: (connection: Connection) => void;
  deleteSelection: () => void;
  renameNode: (id: string, next: string) => string | null;
  renameFile: (id: string, next: string) => string | null;
  /** Sets the queue a script node's executions go to; empty means `default`. Returns why a value was refused. */
  setWorkerId: (id: string, next: string) => string | null;
  /** Sets a webhook node's event types (comma-separated) or secret name. Returns why a value was refused. */
  setWebhook: (id: string, field: 'events' | 'secret', next: string) => string | null;
  setEntry: (id: string) => void;
  setName: (name: string) => void;
  setScript: (file: string, text: string) => void;
  selectNode: (id: string, focus?: boolean) => void;
  autoLayout: () => void;
  copySelection: () => number;
  paste: () => number;
}

export interface HistorySlice {
  past: GraphSnapshot[];
  future: GraphSnapshot[];
  /** Records the current graph as an undo step; call right before changing it. */
  commit: () => void;
  undo: () => void;
  redo: () => void;
}

export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** The run item the inspector shows. */
export type InspectTarget = { type: 'execution'; id: string } | { type: 'request'; id: string };

/** Asks the script editor to show a place in a file (a failed execution's error). */
export interface RevealRequest {
  file: string;
  line: number;
  column: number;
  seq: number;
}

export interface RunSlice {
  inspected: InspectTarget | null;
  reveal: RevealRequest | null;
  inspect: (target: InspectTarget | null) => void;
  revealLocation: (file: string, line: number, column: number) => void;
  run: {
    runId: string | null;
    source: 'live' | 'history';
    connection: ConnectionStatus;
    /** True once the stream dropped at least once during this run. */
    reconnected: boolean;
    model: RunModel;
    /** Bumped per applied batch: the model is mutated in place for speed at 10k events. */
    version: number;
    /** Script texts the live run started with; its failures are shown as markers only while a file still reads so. */
    scripts: Record<string, string> | null;
  };
  startLiveRun: (runId: string) => void;
  showRun: (detail: RunDetail) => void;
  appendRunEvents: (runId: string, events: DispatchEvent[]) => void;
  setConnection: (runId: string, status: ConnectionStatus) => void;
}

export type EditorState = GraphSlice & HistorySlice & RunSlice;

export const snapshotOf = (s: GraphSnapshot): GraphSnapshot => ({
  name: s.name,
  entry: s.entry,
  nodes: s.nodes,
  edges: s.edges,
  scripts: s.scripts,
});
