// Apart from connect.ts so that naming a Redis error does not load ioredis (the in-process default never needs it).

/** Why a Redis connection could not be made at start: a URL that is not one, or a server that does not answer. */
export class RedisConnectError extends Error {
  constructor(
    readonly reason: 'bad_url' | 'unreachable',
    message: string,
  ) {
    super(message);
    this.name = 'RedisConnectError';
  }
}

/** `redis://user:secret@host:6379/0` → `redis://user:***@host:6379/0`, for messages. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}
