import { RunPosition, type JournalEntry } from '@fireflow/engine';
import type { DispatchEvent, FlowChanged } from '@fireflow/protocol';
import type { RunHistory } from '../store/run-history.ts';
import type { RunFeed } from './run-feed.ts';
import { bufferUntilLive, eventFrame, sendPaced, type EventSink } from './run-stream.ts';

export interface FlowStreamDeps {
  runHistory: RunHistory;
  feed: RunFeed;
  onFlowChange(listener: (change: FlowChanged) => void): () => void;
}

const MAX_TRACKED_RUNS = 10_000;

/** Flow-stream event ids are `<run_id>:<event id>`: unique across the flow's runs, and enough to resume. */
export function flowEventId(event: DispatchEvent): string {
  return `${event.run_id}:${event.id}`;
}

export function parseFlowEventId(value: string): { runId: string; eventId: number } | null {
  const match = /^([A-Za-z0-9_-]{1,128}):(\d{1,15})$/.exec(value);
  return match ? { runId: match[1] as string, eventId: Number(match[2]) } : null;
}

export function changeFrame(change: FlowChanged) {
  return { event: 'flow.changed', data: JSON.stringify(change) };
}

/**
 * Events after a resume point. Exact while the point is in the feed's journal; beyond it, rebuilt from the
 * history as "the rest of that run, then every later run of the flow".
 */
async function missedEvents(
  flowId: string,
  from: { runId: string; eventId: number },
  deps: FlowStreamDeps,
): Promise<JournalEntry[]> {
  const journal = deps.feed.journalAfter(flowId, from.runId, from.eventId);
  if (journal) return journal;
  const runIds = deps.runHistory.runIds(flowId);
  const index = runIds.indexOf(from.runId);
  const later = index === -1 ? [] : runIds.slice(index + 1);
  const out: JournalEntry[] = [...((await deps.runHistory.entries(from.runId, from.eventId)) ?? [])];
  for (const runId of later) out.push(...((await deps.runHistory.entries(runId, 0)) ?? []));
  return out;
}

/**
 * Streams every run of one flow plus its `flow.changed` notices (sent without an id, so they do not move the
 * resume point). Same subscribe → replay → drain order as a run stream; per-run ids drop duplicates.
 */
export async function streamFlow(
  stream: EventSink,
  flowId: string,
  resume: { runId: string; eventId: number } | null,
  deps: FlowStreamDeps,
): Promise<void> {
  const sent = new Map<string, RunPosition>();
  if (resume) sent.set(resume.runId, new RunPosition(resume.eventId));
  const deliver = (entry: JournalEntry): void => {
    const { event } = entry;
    const position = sent.get(event.run_id) ?? new RunPosition();
    if (!position.advance(event.id)) return;
    sent.delete(event.run_id);
    sent.set(event.run_id, position);
    // Bounded: the oldest runs' places go first (Map keeps insertion order; re-setting moves a run to the end).
    if (sent.size > MAX_TRACKED_RUNS) sent.delete(sent.keys().next().value as string);
    stream.send(eventFrame(entry, flowEventId(event)));
  };
  const { backlog, goLive } = bufferUntilLive(deliver);
  stream.onClose(deps.feed.subscribeFlow(flowId, (_event, entry) => backlog(entry)));
  stream.onClose(
    deps.onFlowChange((change) => {
      if (change.flow_id === flowId) stream.send(changeFrame(change));
    }),
  );
  const missed = resume ? await missedEvents(flowId, resume, deps) : [];
  await sendPaced(stream, missed, deliver);
  await goLive(stream);
}

/** `?flows=1`: only the notices, for the flow list. */
export function streamFlowChanges(stream: EventSink, deps: Pick<FlowStreamDeps, 'onFlowChange'>): void {
  stream.onClose(deps.onFlowChange((change) => stream.send(changeFrame(change))));
}
