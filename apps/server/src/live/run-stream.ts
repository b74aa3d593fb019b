import type { Dispatcher } from '@fireflow/engine';
import type { DispatchEvent } from '@fireflow/protocol';
import type { SseFrame } from '../http/sse.ts';
import type { RunHistory } from '../store/run-history.ts';
import type { RunFeed } from './run-feed.ts';

export interface RunStreamDeps {
  dispatcher: Dispatcher;
  runHistory: RunHistory;
  feed: RunFeed;
}

/** The part of an SSE stream the streaming logic needs (SseStream in the server, a recorder in tests). */
export interface EventSink {
  readonly closed: boolean;
  send(frame: SseFrame): boolean;
  /** Resolves when the client has caught up enough to send more (used while replaying). */
  drain(): Promise<void>;
  end(): void;
  onClose(cleanup: () => void): void;
}

export function eventFrame(event: DispatchEvent, id: string = String(event.id)) {
  return { event: event.type, id, data: JSON.stringify(event) };
}

/** History and dispatcher may both hold an event; one copy each, in id order. */
export function mergeById(...lists: DispatchEvent[][]): DispatchEvent[] {
  const byId = new Map<number, DispatchEvent>();
  for (const list of lists) for (const event of list) if (!byId.has(event.id)) byId.set(event.id, event);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Whether the run exists anywhere we can read it from. */
export async function runIsKnown(runId: string, deps: RunStreamDeps): Promise<boolean> {
  if (deps.runHistory.summary(runId)) return true;
  const events = await deps.dispatcher.replay(runId, 0).catch(() => []);
  return events.length > 0;
}

/**
 * Streams one run: subscribe first (buffering), then replay what happened after `lastId` from the history and
 * the dispatcher, then drain the buffer and go live. Ids only go up, so nothing is sent twice and, because
 * the subscription predates the replay, nothing falls between them. Ends after `run.settled`.
 */
export async function streamRun(stream: EventSink, runId: string, lastId: number, deps: RunStreamDeps): Promise<void> {
  let lastSent = lastId;
  const deliver = (event: DispatchEvent): void => {
    if (event.id <= lastSent || stream.closed) return;
    lastSent = event.id;
    stream.send(eventFrame(event));
    if (event.type === 'run.settled') stream.end();
  };
  const { backlog, goLive } = bufferUntilLive(deliver);
  stream.onClose(deps.feed.subscribeRun(runId, backlog));

  const known = deps.runHistory.summary(runId);
  const stored = (await deps.runHistory.events(runId, lastId)) ?? [];
  const needDispatcher = !known || known.status === 'running' || known.truncated === true;
  const fromDispatcher = needDispatcher ? await deps.dispatcher.replay(runId, lastId).catch(() => []) : [];
  await sendPaced(stream, mergeById(stored, fromDispatcher), deliver);
  await goLive(stream);

  // A run that ended without a run.settled we could send (interrupted, or settled at or before lastId).
  const now = deps.runHistory.summary(runId);
  if (now && now.status !== 'running' && !deps.runHistory.isLive(runId)) stream.end();
}

/** Replays at the client's pace, so a long history does not trip the slow-client cut-off. */
export async function sendPaced(
  stream: EventSink,
  events: DispatchEvent[],
  deliver: (event: DispatchEvent) => void,
): Promise<void> {
  for (const event of events) {
    if (stream.closed) return;
    deliver(event);
    await stream.drain();
  }
}

/**
 * Live events are queued while the replay is sent; `goLive` sends the queue (still at the client's pace, still
 * queueing newcomers behind it) and switches to direct delivery only once the queue is empty, so order holds.
 */
export function bufferUntilLive(deliver: (event: DispatchEvent) => void) {
  const queue: DispatchEvent[] = [];
  let live = false;
  return {
    backlog: (event: DispatchEvent) => (live ? deliver(event) : queue.push(event)),
    async goLive(stream: EventSink): Promise<void> {
      for (let i = 0; i < queue.length; i += 1) {
        if (stream.closed) return;
        deliver(queue[i] as DispatchEvent);
        await stream.drain();
      }
      queue.length = 0;
      live = true;
    },
  };
}
