import { appendFile, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { indexFile, line, segmentFile, type IndexLine } from './run-log-format.ts';

/** A segment the history refers to could not be read: its runs' events are unknown, not empty. */
export class HistoryReadError extends Error {
  constructor(file: string, cause: unknown) {
    super(`run history file ${file} cannot be read: ${(cause as Error).message ?? String(cause)}`, { cause });
    this.name = 'HistoryReadError';
  }
}

/** A new segment starts after this many runs or bytes, so one file never holds too much to scan. */
const RUNS_PER_SEGMENT = 50;
const SEGMENT_BYTES = 16 * 1024 * 1024;

interface Segment {
  runs: Set<string>;
  pending: string[];
  writing: Promise<void>;
}

/**
 * The files of one flow's run history: segments of interleaved events and an index. Appends are buffered and
 * written by `flush()`; writes to one file are chained so they land in order.
 */
export class FlowLog {
  readonly dir: string;
  private current: number;
  private currentRuns = 0;
  private currentBytes = 0;
  private readonly segments = new Map<number, Segment>();
  private indexPending: string[] = [];
  private indexWriting: Promise<void> = Promise.resolve();
  private ready: Promise<unknown> | null = null;
  private readonly onError: (error: unknown) => void;
  /** Lines in index.jsonl (written or pending): compaction keeps it near the number of runs kept. */
  indexLines: number;

  constructor(dir: string, nextSegment: number, indexLines: number, onError: (error: unknown) => void) {
    this.dir = dir;
    this.current = nextSegment;
    this.indexLines = indexLines;
    this.onError = onError;
  }

  /** Registers a run found on disk at start-up. */
  adopt(runId: string, seg: number): void {
    this.segment(seg).runs.add(runId);
  }

  /** The segment a new run's events go to. */
  assign(runId: string): number {
    if (this.currentRuns >= RUNS_PER_SEGMENT || this.currentBytes >= SEGMENT_BYTES) {
      this.current += 1;
      this.currentRuns = 0;
      this.currentBytes = 0;
    }
    this.currentRuns += 1;
    this.segment(this.current).runs.add(runId);
    return this.current;
  }

  private segment(seg: number): Segment {
    let segment = this.segments.get(seg);
    if (!segment) {
      segment = { runs: new Set(), pending: [], writing: Promise.resolve() };
      this.segments.set(seg, segment);
    }
    return segment;
  }

  appendEvent(seg: number, text: string): void {
    this.segment(seg).pending.push(text);
    if (seg === this.current) this.currentBytes += text.length;
  }

  appendIndex(entry: IndexLine): void {
    this.indexPending.push(line(entry));
    this.indexLines += 1;
  }

  private mkdir(): Promise<unknown> {
    this.ready ??= mkdir(this.dir, { recursive: true }).catch((error: unknown) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }

  private chain(previous: Promise<void>, task: () => Promise<unknown>): Promise<void> {
    return previous
      .then(() => this.mkdir())
      .then(task)
      .then(
        () => undefined,
        (error: unknown) => this.onError(error),
      );
  }

  /** Starts writing what is buffered; resolves when those writes are done. */
  flush(): Promise<void> {
    const writes: Promise<void>[] = [];
    for (const [seg, segment] of this.segments) {
      if (segment.pending.length === 0) continue;
      const text = segment.pending.splice(0).join('');
      segment.writing = this.chain(segment.writing, () => appendFile(segmentFile(this.dir, seg), text));
      writes.push(segment.writing);
    }
    if (this.indexPending.length > 0) {
      const text = this.indexPending.splice(0).join('');
      this.indexWriting = this.chain(this.indexWriting, () => appendFile(indexFile(this.dir), text));
      writes.push(this.indexWriting);
    }
    return Promise.all(writes).then(() => undefined);
  }

  /** Forgets a pruned run; a segment with no runs left (and no longer current) is deleted. */
  release(runId: string, seg: number): void {
    const segment = this.segments.get(seg);
    if (!segment) return;
    segment.runs.delete(runId);
    if (segment.runs.size > 0 || seg === this.current) return;
    this.segments.delete(seg);
    segment.pending.length = 0;
    void segment.writing.then(() => unlink(segmentFile(this.dir, seg))).catch(() => undefined);
  }

  /** Deletes a segment file nothing refers to (left by pruning before a crash). */
  removeOrphan(seg: number): void {
    if (this.segments.has(seg)) return;
    void unlink(segmentFile(this.dir, seg)).catch(() => undefined);
  }

  /** Replaces the index with exactly these lines (temp file + rename). */
  compact(entries: IndexLine[]): void {
    this.indexPending = [];
    this.indexLines = entries.length;
    const text = entries.map(line).join('');
    const temp = `${indexFile(this.dir)}.${randomBytes(6).toString('hex')}.tmp`;
    this.indexWriting = this.chain(this.indexWriting, async () => {
      await writeFile(temp, text);
      await rename(temp, indexFile(this.dir));
    });
  }

  /** A segment's text once every write to it so far has landed. */
  async readSegment(seg: number): Promise<string> {
    await this.segments.get(seg)?.writing;
    const file = segmentFile(this.dir, seg);
    return readFile(file, 'utf8').catch((error: unknown) => {
      throw new HistoryReadError(file, error);
    });
  }

  async settled(): Promise<void> {
    await Promise.all([this.indexWriting, ...[...this.segments.values()].map((segment) => segment.writing)]);
  }
}
