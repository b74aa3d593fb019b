import { JournalEntry, RunJournal } from '@fireflow/engine';
import type { DispatchEvent, RunDetail, RunSummary } from '@fireflow/protocol';
import { FlowLog } from './flow-log.ts';
import { flowLogDir, line, runEventsIn, type IndexLine } from './run-log-format.ts';
import { loadFlowLogs } from './run-log-load.ts';
import { firstErrorOf } from './first-error.ts';

export const DEFAULT_HISTORY_BYTES_PER_FLOW = 256 * 1024 * 1024;

/** A summary plus what the history knows beyond the protocol's fields. */
export type StoredRun = RunSummary & { truncated?: boolean; interrupted?: boolean };

interface LiveRun {
  /**
   * The run's events for detail and replay while it goes: the dispatcher's own journal of the run when it
   * delivered one (shared, not copied), else one of its own.
   */
  journal: RunJournal;
  /** Events written to disk, up to the event cap; the rest are counted as dropped. */
  written: number;
  dropped: number;
}

interface RunRecord {
  summary: StoredRun;
  seg: number;
  /** Bytes of its events on disk (estimated for runs loaded at start: their segment's size shared out). */
  bytes: number;
  log: FlowLog;
  /** In memory until the run has settled and its last events are on disk. */
  live: LiveRun | null;
}

interface FlowRuns {
  log: FlowLog;
  /** Oldest first. */
  runs: RunRecord[];
  bytes: number;
}

export interface RunHistoryOptions {
  dataDir: string;
  maxRunsPerFlow?: number;
  /** Bytes of events kept per flow (default 256 MiB); the oldest settled runs go first. */
  maxBytesPerFlow?: number;
  maxEventsPerRun?: number;
  flushMs?: number;
  /**
   * What a run found unfinished on disk at start means. In-process runs died with the old process, so they become
   * `failed` with `interrupted: true`; with Redis the run may still be going on the workers, so it stays live.
   */
  onUnfinished?: 'interrupt' | 'resume';
  logger?: { error(message: string, error: unknown): void };
}

function startLine(record: RunRecord): IndexLine {
  const { run_id, flow_id, started_at, trigger, event_type } = record.summary;
  return {
    t: 'start',
    run_id,
    flow_id,
    seg: record.seg,
    started_at,
    ...(trigger === 'webhook' || trigger === 'replay' ? { trigger } : {}),
    ...(event_type === undefined ? {} : { event_type }),
  };
}

function endLine(record: Pick<RunRecord, 'summary' | 'bytes'>): IndexLine | null {
  const summary = record.summary;
  if (summary.status === 'running') return null;
  return {
    t: 'end',
    run_id: summary.run_id,
    status: summary.status,
    duration_ms: summary.duration_ms,
    counts: summary.counts,
    ...(summary.truncated ? { truncated: true } : {}),
    ...(summary.interrupted ? { interrupted: true } : {}),
    bytes: record.bytes,
    ...(summary.first_error === undefined ? {} : { first_error: summary.first_error }),
  };
}

function resumedRun(runId: string, events: DispatchEvent[]): LiveRun {
  const journal = new RunJournal(runId);
  for (const event of events) journal.append(event);
  return { journal, written: events.length, dropped: 0 };
}

/**
 * Run history on disk under `<dataDir>/runs`, bounded per flow and per run. Events are buffered and appended in
 * batches every `flushMs`, many runs to a file, never one write per event or per run.
 */
export class RunHistory {
  readonly dataDir: string;
  private readonly maxRuns: number;
  private readonly maxBytes: number;
  private readonly maxEvents: number;
  private readonly flushMs: number;
  private readonly logger: NonNullable<RunHistoryOptions['logger']>;
  private readonly records = new Map<string, RunRecord>();
  private readonly flows = new Map<string, FlowRuns>();
  private readonly dirty = new Set<FlowLog>();
  /** Settled runs whose last lines are in the next flush. */
  private settling: RunRecord[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writeFailed = false;

  private constructor(options: RunHistoryOptions) {
    this.dataDir = options.dataDir;
    this.maxRuns = options.maxRunsPerFlow ?? 200;
    this.maxBytes = options.maxBytesPerFlow ?? DEFAULT_HISTORY_BYTES_PER_FLOW;
    this.maxEvents = options.maxEventsPerRun ?? 20_000;
    this.flushMs = options.flushMs ?? 50;
    this.logger = options.logger ?? { error: (message, error) => console.error(message, error) };
  }

  static async open(options: RunHistoryOptions): Promise<RunHistory> {
    const history = new RunHistory(options);
    for (const flow of await loadFlowLogs(options.dataDir, options.onUnfinished ?? 'interrupt')) {
      const next = Math.max(-1, ...flow.segmentsOnDisk, ...flow.runs.map((run) => run.seg)) + 1;
      const log = new FlowLog(flow.dir, next, flow.indexLines, (error) => history.failed(error));
      const runsPerSegment = new Map<number, number>();
      for (const run of flow.runs) runsPerSegment.set(run.seg, (runsPerSegment.get(run.seg) ?? 0) + 1);
      for (const run of flow.runs) {
        const live = run.events ? resumedRun(run.summary.run_id, run.events) : null;
        log.adopt(run.summary.run_id, run.seg);
        const bytes =
          run.bytes ?? Math.ceil((flow.segmentBytes.get(run.seg) ?? 0) / (runsPerSegment.get(run.seg) ?? 1));
        history.add({ summary: run.summary, seg: run.seg, bytes, log, live });
      }
      const flowId = flow.runs[0]?.summary.flow_id;
      if (flowId !== undefined) history.prune(flowId);
      const kept = new Set(history.flows.get(flowId ?? '')?.runs.map((record) => record.seg));
      for (const seg of flow.segmentsOnDisk) if (!kept.has(seg)) log.removeOrphan(seg);
      if (flowId !== undefined) history.compactIfNeeded(flowId, true);
    }
    return history;
  }

  private failed(error: unknown): void {
    if (!this.writeFailed) this.logger.error('cannot write run history', error);
    this.writeFailed = true;
  }

  private add(record: RunRecord): void {
    this.records.set(record.summary.run_id, record);
    const flowId = record.summary.flow_id;
    const flow = this.flows.get(flowId) ?? { log: record.log, runs: [], bytes: 0 };
    flow.runs.push(record);
    flow.bytes += record.bytes;
    this.flows.set(flowId, flow);
  }

  private logFor(flowId: string): FlowLog {
    const existing = this.flows.get(flowId)?.log;
    if (existing) return existing;
    const log = new FlowLog(flowLogDir(this.dataDir, flowId), 0, 0, (error) => this.failed(error));
    this.flows.set(flowId, { log, runs: [], bytes: 0 });
    return log;
  }

  /**
   * Takes every event the dispatcher emits (`given`: as its journal holds it); must never throw (it runs inside
   * the dispatcher's emit). Returns the entry stored, or null when nothing was (a repeat, a run it does not hold).
   */
  record(event: DispatchEvent, given?: JournalEntry): JournalEntry | null {
    if (event.type === 'run.started' && !this.records.has(event.run_id)) {
      const log = this.logFor(event.flow_id);
      const summary: StoredRun = {
        run_id: event.run_id,
        flow_id: event.flow_id,
        status: 'running',
        started_at: new Date(event.ts).toISOString(),
        duration_ms: null,
        counts: null,
        ...(event.trigger === 'webhook' || event.trigger === 'replay' ? { trigger: event.trigger } : {}),
        ...(event.event_type === undefined ? {} : { event_type: event.event_type }),
      };
      const live = { journal: given?.journal ?? new RunJournal(event.run_id), written: 0, dropped: 0 };
      const record: RunRecord = { summary, seg: log.assign(event.run_id), bytes: 0, log, live };
      this.add(record);
      log.appendIndex(startLine(record));
      this.prune(event.flow_id);
    }
    const record = this.records.get(event.run_id);
    const live = record?.live;
    if (!record || !live) return null;
    // An entry of the very journal held here is new to it already; anything else passes its dedupe.
    const entry = given?.journal === live.journal ? given : live.journal.append(event, given?.json);
    if (!entry) return null;
    if (event.type !== 'run.settled' && live.written >= this.maxEvents - 1) {
      live.dropped += 1;
      return entry;
    }
    live.written += 1;
    if (record.summary.first_error === undefined) {
      const failure = firstErrorOf(event);
      if (failure !== null) record.summary.first_error = failure;
    }
    if (event.type === 'run.settled') {
      if (live.dropped > 0)
        record.log.appendEvent(record.seg, line({ marker: 'truncated', run_id: event.run_id, dropped: live.dropped }));
      Object.assign(record.summary, {
        status: event.status,
        duration_ms: event.duration_ms,
        counts: event.counts,
        ...(live.dropped > 0 ? { truncated: true } : {}),
      });
      this.settling.push(record);
    }
    const text = `${entry.jsonOnce}\n`;
    record.log.appendEvent(record.seg, text);
    record.bytes += text.length;
    const flow = this.flows.get(record.summary.flow_id);
    if (flow) flow.bytes += text.length;
    if (event.type === 'run.settled') {
      record.log.appendIndex(endLine(record) as IndexLine);
      if (flow && flow.bytes > this.maxBytes) this.prune(record.summary.flow_id);
    }
    this.dirty.add(record.log);
    this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
    return entry;
  }

  private flush(): Promise<void> {
    this.timer = null;
    const settled = this.settling;
    this.settling = [];
    const writes = [...this.dirty].map((log) => log.flush());
    this.dirty.clear();
    for (const flowId of new Set(settled.map((record) => record.summary.flow_id))) this.compactIfNeeded(flowId, false);
    return Promise.all(writes).then(() => {
      // On disk now: readers of these runs go to the file, and their events leave memory.
      for (const record of settled) record.live = null;
    });
  }

  /**
   * Oldest settled runs go first, until the flow is within its runs and its bytes; a run still going is never
   * dropped. Disk space comes back a segment at a time, once every run in it is gone.
   */
  private prune(flowId: string): void {
    const flow = this.flows.get(flowId);
    if (!flow) return;
    let excess = flow.runs.length - this.maxRuns;
    for (let i = 0; (excess > 0 || flow.bytes > this.maxBytes) && i < flow.runs.length;) {
      const record = flow.runs[i] as RunRecord;
      if (record.summary.status === 'running') {
        i += 1;
        continue;
      }
      flow.runs.splice(i, 1);
      flow.bytes -= record.bytes;
      excess -= 1;
      this.records.delete(record.summary.run_id);
      flow.log.release(record.summary.run_id, record.seg);
    }
  }

  /** The index gets a line per start and per end; rewritten once it is well past what the kept runs need. */
  private compactIfNeeded(flowId: string, force: boolean): void {
    const flow = this.flows.get(flowId);
    if (!flow) return;
    const entries = flow.runs.flatMap((record) => [
      startLine(record),
      ...(endLine(record) ? [endLine(record) as IndexLine] : []),
    ]);
    if (force ? flow.log.indexLines !== entries.length : flow.log.indexLines > entries.length * 2 + 100)
      flow.log.compact(entries);
  }

  /** Newest first. */
  list(flowId?: string, limit = this.maxRuns): StoredRun[] {
    const records = flowId === undefined ? [...this.records.values()] : [...(this.flows.get(flowId)?.runs ?? [])];
    const summaries = records.map((record) => ({ ...record.summary }));
    if (flowId === undefined) summaries.sort((a, b) => a.started_at.localeCompare(b.started_at));
    return summaries.reverse().slice(0, limit);
  }

  summary(runId: string): StoredRun | undefined {
    const record = this.records.get(runId);
    return record ? { ...record.summary } : undefined;
  }

  isLive(runId: string): boolean {
    const record = this.records.get(runId);
    return record?.live != null && record.summary.status === 'running';
  }

  /** Stored events with `id > afterId`, oldest first; null for a run the history does not know. */
  async events(runId: string, afterId = 0): Promise<DispatchEvent[] | null> {
    const entries = await this.entries(runId, afterId);
    return entries && entries.map((entry) => entry.event);
  }

  /** The same as journal entries, for senders of their JSON. */
  async entries(runId: string, afterId = 0): Promise<JournalEntry[] | null> {
    const record = this.records.get(runId);
    if (!record) return null;
    const journal = record.live?.journal;
    if (journal?.holdsAllAfter(afterId)) return journal.after(afterId);
    // Trimmed from memory (a run past the journal's bounds): every event it stored is on its way to disk.
    if (journal) await record.log.flush();
    const { events } = runEventsIn(await record.log.readSegment(record.seg), runId);
    return events.filter((event) => event.id > afterId).map((event) => new JournalEntry(event));
  }

  async detail(runId: string): Promise<(RunDetail & StoredRun) | null> {
    const summary = this.summary(runId);
    const events = await this.events(runId);
    return summary && events ? { ...summary, events } : null;
  }

  /** Runs still going, with the last event id stored (to catch up from the dispatcher after a restart). */
  unfinished(): Array<{ runId: string; lastId: number }> {
    return [...this.records.values()].flatMap((record) =>
      record.summary.status === 'running' && record.live
        ? [{ runId: record.summary.run_id, lastId: record.live.journal.lastId }]
        : [],
    );
  }

  /** Run ids of a flow, oldest first. */
  runIds(flowId: string): string[] {
    return (this.flows.get(flowId)?.runs ?? []).map((record) => record.summary.run_id);
  }

  /** Writes what is buffered and waits for every write. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.flush();
    await Promise.all([...this.flows.values()].map((flow) => flow.log.settled()));
  }
}
