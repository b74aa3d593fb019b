import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisDispatcher, startRedisWorker, type Dispatcher, type RedisWorkerHandle } from '@fireflow/engine';
import { startTestRedis, type TestRedis } from '@fireflow/engine/testkit';
import { MOCK_SECRET_KEY, startStripeMock, type StripeMock } from '@fireflow/stripe-mock';
import { webhookFlow } from '../../testing/webhook-flow.ts';
import { redisDeliveries } from '../../hooks/deliveries.ts';
import { startTestServer, type TestServer } from '../../testing/harness.ts';
import { request } from '../../testing/http-client.ts';

// SPEC §3 in Redis mode: two server instances on one Redis, and Stripe delivering one event to both.

const SECRET = 'whsec_redis_test';
const FLOW = webhookFlow('hook', ['customer.created']);

describe('webhooks on two server instances sharing one Redis', () => {
  let redis: TestRedis;
  let mock: StripeMock;
  let worker: RedisWorkerHandle;
  const dispatchers: Dispatcher[] = [];
  const clients: Redis[] = [];
  const servers: TestServer[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
    mock = await startStripeMock();
    worker = await startRedisWorker({
      redisUrl: redis.url,
      queues: ['default'],
      concurrency: 2,
      stripe: { baseUrl: mock.url, secrets: { STRIPE_SECRET_KEY: MOCK_SECRET_KEY } },
      threads: 1,
      rateLimit: 0,
    });
    const flowsDir = await mkdtemp(path.join(tmpdir(), 'fireflow-redis-hooks-'));
    await mkdir(path.join(flowsDir, 'hooks'));
    await writeFile(path.join(flowsDir, 'hooks', 'flow.json'), JSON.stringify(FLOW));
    await writeFile(path.join(flowsDir, 'hooks', 'main.js'), 'print("manual");');
    await writeFile(path.join(flowsDir, 'hooks', 'handle.js'), 'print(event.data.object.id);');
    for (let i = 0; i < 2; i++) {
      const dispatcher = await createRedisDispatcher({ redisUrl: redis.url });
      const client = new Redis(redis.url);
      dispatchers.push(dispatcher);
      clients.push(client);
      // Separate data folders: only Redis is shared, as between two machines.
      servers.push(
        await startTestServer({
          dispatcher,
          flowsDir,
          env: { HOOK_SECRET: SECRET },
          webhookDeliveries: redisDeliveries(client),
        }),
      );
    }
  });
  afterAll(async () => {
    for (const server of servers) await server.stop({ keepDirs: true });
    for (const client of clients) client.disconnect();
    await worker?.close();
    await mock?.close();
    await redis?.dispose();
  });

  it('starts one run for an event delivered to both instances', async () => {
    const payload = JSON.stringify({
      id: 'evt_shared',
      object: 'event',
      type: 'customer.created',
      data: { object: { id: 'cus_1' } },
    });
    const deliver = (server: TestServer) =>
      request(`${server.url}/api/hooks/hooks/hook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }),
        },
        body: payload,
      });
    const answers = await Promise.all([...servers, ...servers].map(deliver));
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 200]);
    const ids = new Set(answers.map((res) => res.json<{ run_id: string }>().run_id));
    expect(ids.size).toBe(1);
    const [runId] = [...ids];
    const settled = await dispatchers[1]?.waitForSettled(runId ?? '');
    expect(settled?.status).toBe('succeeded');
    expect(settled?.counts).toMatchObject({ executions: 1 });
    const events = (await dispatchers[0]?.replay(runId ?? '', 0)) ?? [];
    expect(events[0]).toMatchObject({
      type: 'run.started',
      trigger: 'webhook',
      event_id: 'evt_shared',
      event_type: 'customer.created',
    });
    // The worker, another process in production, got the event through the Redis job.
    expect(
      events.filter((e) => e.type === 'execution.log').map((e) => (e.type === 'execution.log' ? e.message : '')),
    ).toEqual(['cus_1']);
  });
});
