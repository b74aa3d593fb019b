import http from 'node:http';

export interface ReceivedFrame {
  event: string | null;
  id: string | null;
  data: string;
}

type Waiter = {
  match: (frame: ReceivedFrame) => boolean;
  resolve: (frame: ReceivedFrame) => void;
  reject: (error: Error) => void;
};

/** A test EventSource over node:http: collects frames and comments, and lets a test wait for a given frame. */
export class SseClient {
  readonly frames: ReceivedFrame[] = [];
  readonly comments: string[] = [];
  status = 0;
  headers: http.IncomingHttpHeaders = {};
  /** Resolves when the server ends the stream (or the connection drops). */
  readonly ended: Promise<void>;
  private readonly req: http.ClientRequest;
  private response: http.IncomingMessage | null = null;
  private readonly waiters = new Set<Waiter>();
  private buffer = '';
  private readonly commentWaiters: Array<() => void> = [];

  private constructor(url: string, headers: Record<string, string>, onOpen: (error?: Error) => void) {
    let end!: () => void;
    this.ended = new Promise((resolve) => (end = resolve));
    this.req = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      this.response = res;
      this.status = res.statusCode ?? 0;
      this.headers = res.headers;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => this.take(chunk));
      res.on('close', () => {
        for (const waiter of this.waiters)
          waiter.reject(new Error(`stream ended before the awaited frame (got ${this.frames.length})`));
        this.waiters.clear();
        end();
      });
      onOpen();
    });
    this.req.on('error', (error) => {
      onOpen(error);
      end();
    });
  }

  static connect(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const client: SseClient = new SseClient(url, headers, (error) => (error ? reject(error) : resolve(client)));
    });
  }

  private take(chunk: string): void {
    this.buffer += chunk;
    let cut: number;
    while ((cut = this.buffer.indexOf('\n\n')) !== -1) {
      const block = this.buffer.slice(0, cut);
      this.buffer = this.buffer.slice(cut + 2);
      const frame: ReceivedFrame = { event: null, id: null, data: '' };
      const data: string[] = [];
      let isFrame = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) {
          this.comments.push(line.slice(1).trim());
          for (const resolve of this.commentWaiters.splice(0)) resolve();
          continue;
        }
        const colon = line.indexOf(': ');
        const field = colon === -1 ? '' : line.slice(0, colon);
        const value = line.slice(colon + 2);
        if (field === 'event') frame.event = value;
        else if (field === 'id') frame.id = value;
        else if (field === 'data') data.push(value);
        else continue;
        isFrame = true;
      }
      if (!isFrame) continue;
      frame.data = data.join('\n');
      this.frames.push(frame);
      for (const waiter of [...this.waiters]) {
        if (waiter.match(frame)) {
          this.waiters.delete(waiter);
          waiter.resolve(frame);
        }
      }
    }
  }

  /** The first frame (already received or still to come) that matches. */
  waitFor(match: (frame: ReceivedFrame) => boolean): Promise<ReceivedFrame> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => this.waiters.add({ match, resolve, reject }));
  }

  /** Resolves at the next comment line (heartbeats). */
  nextComment(): Promise<void> {
    return new Promise((resolve) => this.commentWaiters.push(resolve));
  }

  /** Stops reading without closing: the server's socket buffer fills up. */
  pause(): void {
    this.response?.pause();
  }

  resume(): void {
    this.response?.resume();
  }

  close(): void {
    this.req.destroy();
  }
}

/** The streams one test opened, so that afterEach can close every one of them. */
export class SseClientSet {
  private readonly open: SseClient[] = [];

  async connect(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = await SseClient.connect(url, headers);
    this.open.push(client);
    return client;
  }

  closeAll(): void {
    for (const client of this.open.splice(0)) client.close();
  }
}
