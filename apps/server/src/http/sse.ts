import type { Request, Response } from 'express';

export interface SseFrame {
  event?: string;
  id?: string;
  data: string;
}

/** A newline in an event name or id would let a value forge extra SSE fields, so it is refused outright. */
function assertSingleLine(value: string, what: string): void {
  if (/[\r\n]/.test(value)) throw new Error(`SSE ${what} must not contain a newline`);
}

export function formatSseFrame(frame: SseFrame): string {
  let out = '';
  if (frame.event !== undefined) {
    assertSingleLine(frame.event, 'event name');
    out += `event: ${frame.event}\n`;
  }
  if (frame.id !== undefined) {
    assertSingleLine(frame.id, 'id');
    out += `id: ${frame.id}\n`;
  }
  for (const line of frame.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** A comment line: ignored by EventSource, keeps proxies and idle timers from closing the stream. */
export function formatSseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

export interface SseOptions {
  heartbeatMs: number;
  /**
   * Bytes queued for a client past which it must keep reading: if it takes nothing for `stallMs`, or the queue
   * passes `hardBufferedBytes` (default 4× this), it is cut off instead of growing memory (it resumes with
   * Last-Event-ID, losing nothing). A burst it is working through is not a reason to cut it off.
   */
  maxBufferedBytes: number;
  hardBufferedBytes?: number;
  stallMs: number;
  /** Reconnection delay suggested to EventSource. */
  retryMs: number;
}

export const DEFAULT_SSE_OPTIONS: SseOptions = {
  heartbeatMs: 15_000,
  maxBufferedBytes: 8 * 1024 * 1024,
  stallMs: 5_000,
  retryMs: 1_000,
};

/** One open event stream. Every exit path (client gone, cut off, server closing) runs the cleanups once. */
export class SseStream {
  private readonly res: Response;
  private readonly maxBufferedBytes: number;
  private readonly hardBufferedBytes: number;
  private readonly stallMs: number;
  /** Writes the socket has finished (the kernel took them, so the client is reading): the sign of progress. */
  private flushed = 0;
  private readonly onFlushed = () => {
    this.flushed += 1;
  };
  /** Armed while the queue is past maxBufferedBytes: checks every stallMs that the client took something. */
  private stallCheck: NodeJS.Timeout | null = null;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly cleanups: Array<() => void> = [];
  private done = false;

  constructor(req: Request, res: Response, options: SseOptions) {
    this.res = res;
    this.maxBufferedBytes = options.maxBufferedBytes;
    this.hardBufferedBytes = options.hardBufferedBytes ?? options.maxBufferedBytes * 4;
    this.stallMs = options.stallMs;
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    req.socket.setNoDelay(true);
    this.heartbeat = setInterval(() => this.write(formatSseComment('heartbeat')), options.heartbeatMs);
    this.heartbeat.unref();
    res.on('close', () => this.finish());
    this.write(`retry: ${options.retryMs}\n\n`);
  }

  get closed(): boolean {
    return this.done;
  }

  /** Runs when the stream ends for any reason. */
  onClose(cleanup: () => void): void {
    if (this.done) cleanup();
    else this.cleanups.push(cleanup);
  }

  send(frame: SseFrame): boolean {
    return this.write(formatSseFrame(frame));
  }

  /**
   * For senders that can wait (replaying history): resolves once the client has taken most of what is queued,
   * or the stream is gone. Live events cannot wait, which is why the cut-off exists.
   */
  drain(): Promise<void> {
    if (this.done || this.res.writableLength < this.maxBufferedBytes / 2) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.res.off('drain', done);
        resolve();
      };
      this.res.on('drain', done);
      this.onClose(done);
    });
  }

  /** Ends the stream normally (run settled, server shutting down). */
  end(): void {
    if (this.done) return;
    this.res.end();
    this.finish();
  }

  private write(chunk: string): boolean {
    if (this.done) return false;
    const queuedBefore = this.res.writableLength;
    this.res.write(chunk, this.onFlushed);
    // Judged on what was already waiting, so one large event on its own never trips it.
    if (this.tooFarBehind(queuedBefore)) {
      // The client reconnects with Last-Event-ID and resumes from history; nothing is lost by cutting it off.
      this.res.destroy();
      this.finish();
      return false;
    }
    return true;
  }

  /**
   * A client is cut off when its queue passes hardBufferedBytes, or stays past maxBufferedBytes while it takes
   * nothing for stallMs; not while it works through a burst. Progress is judged on a timer, because a burst of
   * writes in one tick gives the socket no chance to flush.
   */
  private tooFarBehind(queued: number): boolean {
    if (queued > this.hardBufferedBytes) return true;
    if (queued > this.maxBufferedBytes && !this.stallCheck) this.watchForStall(this.flushed);
    return false;
  }

  private watchForStall(flushedBefore: number): void {
    this.stallCheck = setTimeout(() => {
      this.stallCheck = null;
      if (this.done || this.res.writableLength <= this.maxBufferedBytes) return;
      if (this.flushed > flushedBefore) return this.watchForStall(this.flushed);
      this.res.destroy();
      this.finish();
    }, this.stallMs);
    this.stallCheck.unref();
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    clearInterval(this.heartbeat);
    if (this.stallCheck) clearTimeout(this.stallCheck);
    for (const cleanup of this.cleanups.splice(0)) {
      try {
        cleanup();
      } catch {
        // A failing cleanup must not keep the others from running.
      }
    }
  }
}

/** Open streams of one app, so shutdown can end them instead of waiting for clients to leave. */
export class SseRegistry {
  private readonly streams = new Set<SseStream>();

  add(stream: SseStream): void {
    this.streams.add(stream);
    stream.onClose(() => this.streams.delete(stream));
  }

  get size(): number {
    return this.streams.size;
  }

  closeAll(): void {
    for (const stream of [...this.streams]) stream.end();
  }
}
