import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLocalDispatcher, type Dispatcher } from '@fireflow/engine';
import { MOCK_SECRET_KEY, startStripeMock, type StripeMock } from '@fireflow/stripe-mock';
import { FlowFile, RunDetail, type EventOf } from '@fireflow/protocol';
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
  let flowsDir: string;

  async function endpoints(): Promise<Array<{ url: string; enabled_events: string[] }>> {
    const response = await fetch(`${mock.url}/v1/webhook_endpoints`, {
      headers: { authorization: `Bearer ${MOCK_SECRET_KEY}` },
    });
    return ((await response.json()) as { data: Array<{ url: string; enabled_events: string[] }> }).data;
  }
  async function editFlow(edit: (flow: FlowFile) => FlowFile): Promise<void> {
    const file = path.join(flowsDir, 'webhook', 'flow.json');
    const flow = FlowFile.parse(JSON.parse(await readFile(file, 'utf8')));
    await writeFile(file, JSON.stringify(edit(flow)));
  }

  beforeAll(async () => {
    mock = await startStripeMock();
    dispatcher = await createLocalDispatcher({
      stripe: { baseUrl: mock.url, secrets: { STRIPE_SECRET_KEY: MOCK_SECRET_KEY } },
      threads: 1,
    });
    flowsDir = await mkdtemp(path.join(tmpdir(), 'fireflow-loop-'));
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

  it('follows edits: a changed event list replaces the endpoint, a removed node removes it', async () => {
    await editFlow((flow) => ({
      ...flow,
      nodes: flow.nodes.map((n) => (n.type === 'webhook' ? { ...n, events: ['payment_intent.created'] } : n)),
    }));
    await vi.waitFor(
      async () => expect((await endpoints()).map((e) => e.enabled_events)).toEqual([['payment_intent.created']]),
      {
        timeout: 5_000,
      },
    );
    await editFlow((flow) => ({
      ...flow,
      nodes: flow.nodes.filter((n) => n.type !== 'webhook'),
      edges: flow.edges.filter((e) => e.from !== 'on_payment_succeeded'),
    }));
    await vi.waitFor(async () => expect(await endpoints()).toEqual([]), { timeout: 5_000 });
  });
});
