/** The public shapes of the mock; `index.ts` re-exports them by name. */
export interface StripeMockOptions {
  /** 0 = a random free port (default 0). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Added to every API request (not to `/_mock/` admin requests). */
  latencyMs?: number;
  /** Receives the one start-up line; the mock logs nothing per request. */
  log?: (line: string) => void;
}

export interface StripeMockCounters {
  /** API requests seen (admin `/_mock/` requests excluded). */
  requests: number;
  /** By route: `/v1/payment_intents` (create), `/v1/payment_intents/:id` (retrieve), else the raw path. */
  byPath: Record<string, number>;
  /** Requests that carried the key, and how many objects those requests created (0 or 1 unless the key was misused). */
  byIdempotencyKey: Record<string, { requests: number; created: number }>;
}

export interface FaultSpec {
  type: 'latency' | '429' | '500' | 'drop';
  /** How many matching requests it hits (default 1). */
  times?: number;
  /** Only requests to this path or below it, e.g. '/v1/payment_intents'. */
  path?: string;
  /** For `latency`. */
  latencyMs?: number;
  /**
   * For `500` and `drop` (default 'before'): 'before' fails the request without running it;
   * 'after' runs it — the object is created and its idempotent result saved — then fails the
   * answer, like a connection lost on the way back.
   */
  phase?: 'before' | 'after';
}

export interface StripeMock {
  /** e.g. 'http://127.0.0.1:41234'. */
  readonly url: string;
  readonly port: number;
  counters(): StripeMockCounters;
  setLatency(ms: number): void;
  readonly faults: { enqueue(fault: FaultSpec): void; clear(): void };
  /** Resolves once no webhook delivery is under way or waiting to be retried. */
  webhooksIdle(): Promise<void>;
  /** Forgets objects, idempotency records, counters and faults. */
  reset(): void;
  /** Also destroys open keep-alive sockets and pending delayed requests, so it returns promptly. */
  close(): Promise<void>;
}
