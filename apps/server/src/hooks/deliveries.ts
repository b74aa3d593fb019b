import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Redis } from 'ioredis';

/**
 * Which Stripe events already started a run, per webhook node: Stripe redelivers (and retries on timeouts), and
 * each event id must start at most one run per node.
 */
export interface WebhookDeliveries {
  /**
   * Records `runId` as the run of this delivery unless one is recorded already; returns the run id that owns the
   * delivery — `runId` when this call claimed it, the first run's id for a redelivery.
   */
  claim(key: DeliveryKey, runId: string): Promise<string>;
  /** Forgets a claim whose run could not start, so Stripe's retry may start it. */
  release(key: DeliveryKey, runId: string): Promise<void>;
}

export interface DeliveryKey {
  flowId: string;
  nodeId: string;
  eventId: string;
}

const keyText = ({ flowId, nodeId, eventId }: DeliveryKey): string => `${flowId}/${nodeId}/${eventId}`;

interface SeenLine {
  key: string;
  run_id: string | null;
}

/**
 * One server: the seen deliveries in a map, appended to `<dataDir>/webhooks/seen.jsonl` so a restart remembers
 * them. Claims are taken in memory before the append, so two concurrent deliveries of one event cannot both win.
 */
export function fileDeliveries(dataDir: string): WebhookDeliveries {
  const file = path.join(dataDir, 'webhooks', 'seen.jsonl');
  const seen = new Map<string, string>();
  let loaded: Promise<void> | null = null;
  let writes: Promise<void> = Promise.resolve();

  async function load(): Promise<void> {
    await mkdir(path.dirname(file), { recursive: true });
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const { key, run_id } = JSON.parse(line) as SeenLine;
        if (run_id === null) seen.delete(key);
        else seen.set(key, run_id);
      } catch {
        // A line cut by a crash mid-append: that delivery was never answered, so Stripe will send it again.
      }
    }
  }
  const append = (line: SeenLine): Promise<void> => {
    writes = writes.then(() => appendFile(file, `${JSON.stringify(line)}\n`));
    return writes;
  };

  return {
    async claim(key, runId) {
      await (loaded ??= load());
      const text = keyText(key);
      const owner = seen.get(text);
      if (owner !== undefined) return owner;
      seen.set(text, runId);
      await append({ key: text, run_id: runId });
      return runId;
    },
    async release(key, runId) {
      const text = keyText(key);
      if (seen.get(text) !== runId) return;
      seen.delete(text);
      await append({ key: text, run_id: null });
    },
  };
}

/** One process that forgets at exit (`fireflow run`): a map. */
export function memoryDeliveries(): WebhookDeliveries {
  const seen = new Map<string, string>();
  return {
    claim(key, runId) {
      const text = keyText(key);
      const owner = seen.get(text) ?? runId;
      seen.set(text, owner);
      return Promise.resolve(owner);
    },
    release(key, runId) {
      if (seen.get(keyText(key)) === runId) seen.delete(keyText(key));
      return Promise.resolve();
    },
  };
}

/** Stripe stops redelivering an event after three days; a week leaves room. */
const REDIS_TTL_SECONDS = 7 * 24 * 60 * 60;

/** Several servers on one Redis: `SET NX` decides which delivery wins, whichever instance it reached. */
export function redisDeliveries(redis: Redis, prefix = 'fireflow:hook'): WebhookDeliveries {
  const redisKey = (key: DeliveryKey) => `${prefix}:${keyText(key)}`;
  return {
    async claim(key, runId) {
      const name = redisKey(key);
      const set = await redis.set(name, runId, 'EX', REDIS_TTL_SECONDS, 'NX');
      if (set === 'OK') return runId;
      return (await redis.get(name)) ?? runId;
    },
    async release(key, runId) {
      const name = redisKey(key);
      if ((await redis.get(name)) === runId) await redis.del(name);
    },
  };
}
