import { JournalEntry, RunPosition, type Dispatcher } from '@fireflow/engine';
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

/** The event's one JSON text is the frame's data. */
export function eventFrame(entry: JournalEntry, id: string = String(entry.event.id)) {
  return { event: entry.event.type, id, data: entry.json };
}

/** History and dispatcher may both hold an event: the union in id order (repeats go at the sender's id check). */
function inIdOrder(...lists: JournalEntry[][]): JournalEntry[] {
  return lists.flat().sort((a, b) => a.event.id - b.event.id);
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
  const sent = new RunPosition(lastId);
  const deliver = (entry: JournalEntry): void => {
    if (stream.closed || !sent.advance(entry.event.id)) return;
    stream.send(eventFrame(entry));
    if (entry.event.type === 'run.settled') stream.end();
  };
  const { backlog, goLive } = bufferUntilLive(deliver);
  stream.onClose(deps.feed.subscribeRun(runId, (_event, entry) => backlog(entry)));

  const known = deps.runHistory.summary(runId);
  const stored = (await deps.runHistory.entries(runId, lastId)) ?? [];
  const needDispatcher = !known || known.status === 'running' || known.truncated === true;
  const fromDispatcher = needDispatcher ? await deps.dispatcher.replay(runId, lastId).catch(() => []) : [];
  const replayed = fromDispatcher.map((event) => new JournalEntry(event));
  await sendPaced(stream, inIdOrder(stored, replayed), deliver);
  await goLive(stream);

  // A run that ended without a run.settled we could send (interrupted, or settled at or before lastId).
  const now = deps.runHistory.summary(runId);
  if (now && now.status !== 'running' && !deps.runHistory.isLive(runId)) stream.end();
}

/** Replays at the client's pace, so a long history does not trip the slow-client cut-off. */
export async function sendPaced(
  stream: EventSink,
  entries: readonly JournalEntry[],
  deliver: (entry: JournalEntry) => void,
): Promise<void> {
  for (const entry of entries) {
    if (stream.closed) return;
    deliver(entry);
    await stream.drain();
  }
}

/**
 * Live events are queued while the replay is sent; `goLive` sends the queue (still at the client's pace, still
 * queueing newcomers behind it) and switches to direct delivery only once the queue is empty, so order holds.
 */
export function bufferUntilLive(deliver: (entry: JournalEntry) => void) {
  const queue: JournalEntry[] = [];
  let live = false;
  return {
    backlog: (entry: JournalEntry) => (live ? deliver(entry) : queue.push(entry)),
    async goLive(stream: EventSink): Promise<void> {
      for (let i = 0; i < queue.length; i += 1) {
        if (stream.closed) return;
        deliver(queue[i] as JournalEntry);
        await stream.drain();
      }
      queue.length = 0;
      live = true;
    },
  };
}
