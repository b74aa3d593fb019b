import { appendFile, readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DispatchEvent } from '@fireflow/protocol';
import {
  indexFile,
  line,
  parseIndexLines,
  runEventsIn,
  segmentFile,
  segmentNumber,
  type IndexLine,
} from './run-log-format.ts';
import type { StoredRun } from './run-history.ts';

export interface LoadedRun {
  summary: StoredRun;
  seg: number;
  /** Bytes of its events, when its end line says. */
  bytes?: number;
  /** Events so far of a run still going (resume mode); null otherwise. */
  events: DispatchEvent[] | null;
}

export interface LoadedFlow {
  dir: string;
  /** Oldest first. */
  runs: LoadedRun[];
  segmentsOnDisk: number[];
  /** Size of each segment file, to share out among the runs in it. */
  segmentBytes: Map<number, number>;
  indexLines: number;
}

function summaryOf(
  start: Extract<IndexLine, { t: 'start' }>,
  end: Extract<IndexLine, { t: 'end' }> | undefined,
): StoredRun {
  const summary: StoredRun = {
    run_id: start.run_id,
    flow_id: start.flow_id,
    status: end?.status ?? 'running',
    started_at: start.started_at,
    duration_ms: end?.duration_ms ?? null,
    counts: end?.counts ?? null,
  };
  if (end?.truncated) summary.truncated = true;
  if (end?.interrupted) summary.interrupted = true;
  if (end?.first_error !== undefined) summary.first_error = end.first_error;
  if (start.trigger !== undefined) summary.trigger = start.trigger;
  if (start.event_type !== undefined) summary.event_type = start.event_type;
  return summary;
}

async function loadFlow(dir: string, onUnfinished: 'interrupt' | 'resume'): Promise<LoadedFlow> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const segmentsOnDisk = names.flatMap((name) => segmentNumber(name) ?? []);
  const segmentBytes = new Map<number, number>();
  for (const seg of segmentsOnDisk) {
    const size = await stat(segmentFile(dir, seg)).then(
      (info) => info.size,
      () => 0,
    );
    segmentBytes.set(seg, size);
  }
  const text = await readFile(indexFile(dir), 'utf8').catch(() => '');
  const lines = parseIndexLines(text);
  const starts = new Map<string, Extract<IndexLine, { t: 'start' }>>();
  const ends = new Map<string, Extract<IndexLine, { t: 'end' }>>();
  for (const entry of lines) {
    if (entry.t === 'start') starts.set(entry.run_id, entry);
    else ends.set(entry.run_id, entry);
  }
  const runs: LoadedRun[] = [];
  const interrupted: IndexLine[] = [];
  for (const start of starts.values()) {
    let end = ends.get(start.run_id);
    let events: DispatchEvent[] | null = null;
    if (!end && onUnfinished === 'interrupt') {
      end = { t: 'end', run_id: start.run_id, status: 'failed', duration_ms: null, counts: null, interrupted: true };
      interrupted.push(end);
    } else if (!end) {
      const segment = await readFile(segmentFile(dir, start.seg), 'utf8').catch(() => '');
      events = runEventsIn(segment, start.run_id).events;
    }
    runs.push({
      summary: summaryOf(start, end),
      seg: start.seg,
      events,
      ...(end?.bytes === undefined ? {} : { bytes: end.bytes }),
    });
  }
  if (interrupted.length > 0) {
    // Written now so the decision is made once, even if this server dies before it compacts the index.
    const lead = text === '' || text.endsWith('\n') ? '' : '\n';
    await appendFile(indexFile(dir), lead + interrupted.map(line).join(''));
  }
  return { dir, runs, segmentsOnDisk, segmentBytes, indexLines: lines.length + interrupted.length };
}

/** Rebuilds the history from each flow's index. A run with a start but no end was going when the server stopped. */
export async function loadFlowLogs(dataDir: string, onUnfinished: 'interrupt' | 'resume'): Promise<LoadedFlow[]> {
  const root = path.join(dataDir, 'runs');
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const flows: LoadedFlow[] = [];
  for (const entry of entries) {
    if (entry.isDirectory()) flows.push(await loadFlow(path.join(root, entry.name), onUnfinished));
  }
  return flows;
}
