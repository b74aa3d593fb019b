import type {
  BodyCut,
  ExecutionError,
  LogLevel,
  RecordedInput,
  RunCounts,
  StripeErrorBody,
  StripeKind,
  Trigger,
} from '@fireflow/protocol';

export type ExecutionStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export type RequestStatus = 'pending' | 'retrying' | 'succeeded' | 'failed';

export interface LogEntry {
  eventId: number;
  ts: number;
  level: LogLevel;
  message: string;
}

/** What an execution did, in order: a log line or a Stripe call it fired. */
export type ExecutionItem = { type: 'log'; log: LogEntry } | { type: 'request'; requestId: string };

export interface ExecutionRecord {
  id: string;
  nodeId: string;
  file: string;
  trigger: Trigger;
  parentRequestId: string | null;
  workerId: string;
  depth: number;
  queuedAt: number;
  startedAt: number | null;
  endedAt: number | null;
  durationMs: number | null;
  status: ExecutionStatus;
  error: ExecutionError | null;
  items: ExecutionItem[];
  /** What the script got, when the run kept it. */
  input: RecordedInput | null;
}

/** One try of a Stripe call, as the inspector lists it. */
export interface AttemptRecord {
  attempt: number;
  sentAt: number;
  httpStatus: number | null;
  durationMs: number | null;
  outcome: 'pending' | 'succeeded' | 'failed';
  stripeRequestId: string | null;
}

export interface RequestRecord {
  id: string;
  executionId: string;
  nodeId: string;
  kind: StripeKind;
  path: string;
  params: Record<string, unknown>;
  sentAt: number;
  endedAt: number | null;
  durationMs: number | null;
  status: RequestStatus;
  attempts: number;
  httpStatus: number | null;
  objectId: string | null;
  error: StripeErrorBody | null;
  childExecutionIds: string[];
  idempotencyKey: string;
  /** Stripe's answer to the successful attempt, when the run kept it. */
  body: unknown;
  bodyCut: BodyCut | null;
  stripeRequestId: string | null;
  attemptLog: AttemptRecord[];
}

/** Per canvas node: how many of its executions/calls are in flight, and how the last one ended. */
export interface NodeActivity {
  active: number;
  last: 'succeeded' | 'failed' | null;
}

export interface RunModel {
  runId: string | null;
  flowName: string | null;
  status: 'idle' | 'running' | 'succeeded' | 'failed';
  startedAt: number | null;
  settledAt: number | null;
  lastTs: number | null;
  durationMs: number | null;
  counts: RunCounts | null;
  executions: Map<string, ExecutionRecord>;
  requests: Map<string, RequestRecord>;
  /** Executions with no parent request, in queue order. */
  rootIds: string[];
  nodes: Map<string, NodeActivity>;
  lastEventId: number;
  eventCount: number;
  /** `replay` when this run replays an execution (`replayOf`). */
  trigger: 'manual' | 'webhook' | 'replay';
  replayOf: string | null;
}

export function emptyRunModel(runId: string | null = null): RunModel {
  return {
    runId,
    flowName: null,
    status: runId ? 'running' : 'idle',
    startedAt: null,
    settledAt: null,
    lastTs: null,
    durationMs: null,
    counts: null,
    executions: new Map(),
    requests: new Map(),
    rootIds: [],
    nodes: new Map(),
    lastEventId: 0,
    eventCount: 0,
    trigger: 'manual',
    replayOf: null,
  };
}

export type NodeRunState = 'running' | 'succeeded' | 'failed';

export function nodeRunState(model: RunModel, nodeId: string): NodeRunState | null {
  const activity = model.nodes.get(nodeId);
  if (!activity) return null;
  return activity.active > 0 ? 'running' : activity.last;
}
