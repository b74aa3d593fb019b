import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDispatcher, type Dispatcher } from '@fireflow/engine';
import { MOCK_SECRET_KEY, startStripeMock, type StripeMock } from '@fireflow/stripe-mock';
import { RunDetail, type EventOf } from '@fireflow/protocol';
import { autoRegisterWebhooks } from '../hooks/mock-autoregister.ts';
import { silentLogger } from '../logger.ts';
import { REPO_ROOT } from '../testing/cli.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { jsonRequest, request } from '../testing/http-client.ts';

// The offline loop in the server: with the built-in mock, a flow's webhook nodes are registered with it, so a
// create call's own event comes back signed and starts the webhook node's script — with no secret to copy.

describe('the built-in mock sends webhooks back to the server', () => {
  let mock: StripeMock;
  let dispatcher: Dispatcher;
  let t: TestServer;
  let stopHooks: () => void;

  beforeAll(async () => {
    mock = await startStripeMock();
    dispatcher = await createLocalDispatcher({
      stripe: { baseUrl: mock.url, secrets: { STRIPE_SECRET_KEY: MOCK_SECRET_KEY } },
      threads: 1,
    });
    const flowsDir = await mkdtemp(path.join(tmpdir(), 'fireflow-loop-'));
    await cp(path.join(REPO_ROOT, 'flows', 'webhook'), path.join(flowsDir, 'webhook'), { recursive: true });
    const secrets = new Map<string, string>();
    // No STRIPE_WEBHOOK_SECRET in this environment: the secret the mock answered is the one used.
    t = await startTestServer({ dispatcher, flowsDir, env: {}, registeredWebhookSecrets: secrets });
    const hooks = autoRegisterWebhooks(mock, t.url, t.flowStore, secrets, silentLogger);
    stopHooks = hooks.stop;
    await hooks.ready;
  });
  afterAll(async () => {
    stopHooks();
    await t.stop();
    await mock.close();
  });

  it('runs the webhook script after the create call that caused the event', async () => {
    const webhookRun = new Promise<EventOf<'run.started'>>((resolve) => {
      const off = dispatcher.onEvent((event) => {
        if (event.type === 'run.started' && event.trigger === 'webhook') {
          off();
          resolve(event);
        }
      });
    });
    const started = await jsonRequest(`${t.url}/api/flows/webhook/runs?wait=1`, 'POST', {});
    expect(started.status, started.body.toString()).toBe(200);
    const hook = await webhookRun;
    expect(hook).toMatchObject({ entry: 'handle_payment_succeeded', event_type: 'payment_intent.succeeded' });
    expect(hook.event_id).toMatch(/^evt_/);
    await dispatcher.waitForSettled(hook.run_id);
    const detail = RunDetail.parse((await request(`${t.url}/api/runs/${hook.run_id}`)).json());
    const logs = detail.events.filter((e): e is EventOf<'execution.log'> => e.type === 'execution.log');
    expect(logs.map((log) => log.message)).toEqual([
      expect.stringMatching(/^Webhook payment_intent\.succeeded \(evt_\w+\): pi_\w+ paid 4200 usd, order order_2001$/),
    ]);
  });
});
