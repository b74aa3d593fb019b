import { Redis } from 'ioredis';
import { RedisConnectError, describeRedisUrl } from './connect-error.ts';

export interface ConnectOptions {
  /** Shown in `CLIENT LIST`, e.g. `fireflow:worker`. */
  name: string;
  /** How long the first connection may take before start fails (default 3 s). */
  connectTimeoutMs?: number;
  /**
   * Sends commands issued in the same tick in one write (ioredis auto-pipelining). Only for connections without
   * BullMQ's scripts: ioredis copies every script defined on a connection into each pipeline it builds.
   */
  autoPipelining?: boolean;
  /** Told when an established connection drops and when it is back. */
  log?: (message: string) => void;
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RedisConnectError('bad_url', `Redis URL must look like redis://127.0.0.1:6379, got "${url}"`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new RedisConnectError(
      'bad_url',
      `Redis URL must start with redis:// or rediss://, got "${describeRedisUrl(url)}"`,
    );
  }
}

/**
 * Connects once or fails within `connectTimeoutMs`, naming the URL — no endless retry loop at start. Once up, the
 * connection reconnects forever and queues commands meanwhile (`maxRetriesPerRequest: null`, which BullMQ's
 * blocking connections require anyway), so a Redis restart is a pause, not a crash.
 */
export async function connectRedis(url: string, options: ConnectOptions): Promise<Redis> {
  checkUrl(url);
  let established = false;
  let down = false;
  let lastError: Error | null = null;
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: null,
    enableAutoPipelining: options.autoPipelining === true,
    connectionName: options.name,
    connectTimeout: options.connectTimeoutMs ?? 3_000,
    // ioredis waits 2 s for a closing socket by default, which holds a failed start open for no reason.
    disconnectTimeout: 200,
    retryStrategy: (times) => (established ? Math.min(50 * 2 ** times, 1_000) : null),
  });
  client.on('error', (error: Error) => {
    lastError = error;
    if (!established || down) return;
    down = true;
    options.log?.(`Redis at ${describeRedisUrl(url)} is unreachable (${error.message}); reconnecting`);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    options.log?.(`Redis at ${describeRedisUrl(url)} is back`);
  });
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    // ioredis rejects with "Connection is closed"; the socket's own error says why.
    const why = (lastError ?? (error as Error)).message;
    throw new RedisConnectError('unreachable', `cannot reach Redis at ${describeRedisUrl(url)}: ${why}`);
  }
  established = true;
  return client;
}

/**
 * Waits for `promise` at most `ms`: closing steps that talk to Redis (unsubscribe, BullMQ's close) wait for a
 * Redis that is down forever, since commands queue until it is back.
 */
export async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
  ]);
  clearTimeout(timer);
}

/** Quits politely, or drops the socket if Redis is not there to answer. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  try {
    await Promise.race([client.quit(), new Promise((_, reject) => setTimeout(reject, 1_000).unref())]);
  } catch {
    client.disconnect();
  }
}
