import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDispatcher } from '@fireflow/engine';
import { MOCK_SECRET_KEY, startStripeMock, type StripeMock } from '@fireflow/stripe-mock';
import { ApiError, FlowDocument, RunDetail, StartRunSettled, StripeSamples, type EventOf } from '@fireflow/protocol';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { jsonRequest, request } from '../testing/http-client.ts';

// The run inspector's data, replays and runs with sample data, through the real engine and the Stripe mock.

let mock: StripeMock;
let t: TestServer | null = null;
beforeAll(async () => {
  mock = await startStripeMock({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await mock.close();
});
afterEach(async () => {
  await t?.stop();
  t = null;
});

const api = (p: string) => `${t?.url}/api${p}`;
async function serveWithPaymentFlow(): Promise<FlowDocument> {
  const dispatcher = await createLocalDispatcher({
    stripe: { baseUrl: mock.url, secrets: { STRIPE_SECRET_KEY: MOCK_SECRET_KEY } },
    threads: 1,
  });
  t = await startTestServer({ dispatcher });
  await jsonRequest(api('/flows'), 'POST', { id: 'pay', name: 'Pay', template: 'payment_intent' });
  return FlowDocument.parse((await request(api('/flows/pay'))).json());
}
async function settledRun(path: string, body?: unknown): Promise<RunDetail> {
  const res = await jsonRequest(api(`${path}?wait=1`), 'POST', body ?? {});
  expect(res.status, res.body.toString()).toBe(200);
  const { run_id } = StartRunSettled.parse(res.json());
  return RunDetail.parse((await request(api(`/runs/${run_id}`))).json());
}
function eventsOf<T extends RunDetail['events'][number]['type']>(run: RunDetail, type: T): Array<EventOf<T>> {
  return run.events.filter((event): event is EventOf<T> => event.type === type);
}
const logs = (run: RunDetail) => eventsOf(run, 'execution.log').map((event) => event.message);
const nodeOfFile = (doc: FlowDocument, file: string) =>
  doc.flow.nodes.find((node) => node.type === 'script' && node.file === file)?.id ?? '';

describe('the run inspector over HTTP', () => {
  it("returns each Stripe call's params, answer and Request-Id, and each execution's inputs", async () => {
    await serveWithPaymentFlow();
    const run = await settledRun('/flows/pay/runs');
    const [sent] = eventsOf(run, 'stripe.request.sent');
    const [answer] = eventsOf(run, 'stripe.request.succeeded');
    expect(sent?.params).toMatchObject({ amount: 2000, currency: 'usd' });
    expect(answer?.body).toMatchObject({ object: 'payment_intent', id: answer?.object_id, amount: 2000 });
    expect(answer?.stripe_request_id).toMatch(/^req_/);
    const response = eventsOf(run, 'execution.started')[1];
    expect(response?.input?.parsed_data).toEqual(answer?.body);
    expect(response?.input?.request?.idempotency_key).toBe(sent?.idempotency_key);
  });

  it('replays a response script after an edit, with the recorded answer and no new Stripe call', async () => {
    const doc = await serveWithPaymentFlow();
    const first = await settledRun('/flows/pay/runs');
    const queued = eventsOf(first, 'execution.queued').find((event) => event.trigger === 'response');
    const objectId = eventsOf(first, 'stripe.request.succeeded')[0]?.object_id;
    const file = 'new_create_payment_intent_response.js';
    const edited = { ...doc.scripts, [file]: 'print(`fixed ${parsed_data.id} ${execution.trigger}`);' };
    const saved = await jsonRequest(api('/flows/pay'), 'PUT', { flow: doc.flow, scripts: edited }, { 'if-match': '*' });
    expect(saved.status).toBeLessThan(300);
    const callsBefore = mock.counters().requests;

    const replay = await settledRun(`/runs/${first.run_id}/executions/${queued?.execution_id}/replay`);
    expect(eventsOf(replay, 'run.started')[0]).toMatchObject({ trigger: 'replay', replay_of: queued?.execution_id });
    expect(logs(replay)).toEqual([`fixed ${objectId} replay`]);
    expect(eventsOf(replay, 'stripe.request.sent')).toEqual([]);
    expect(mock.counters().requests).toBe(callsBefore);
  });

  it('answers 404 for an execution the run does not have', async () => {
    await serveWithPaymentFlow();
    const run = await settledRun('/flows/pay/runs');
    const res = await request(api(`/runs/${run.run_id}/executions/ex_nope/replay`), { method: 'POST' });
    expect(res.status).toBe(404);
    expect(ApiError.parse(res.json()).error.code).toBe('EXECUTION_NOT_FOUND');
  });

  it('runs one script node alone with sample data', async () => {
    const doc = await serveWithPaymentFlow();
    const node = nodeOfFile(doc, 'new_create_payment_intent_error.js');
    const sample = { error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } };
    const run = await settledRun('/flows/pay/runs', { node, input: { parsed_error: sample } });
    expect(run.status).toBe('succeeded');
    expect(logs(run)).toEqual(['payment intent failed: card_error (card_declined): Your card was declined.']);
    expect(eventsOf(run, 'execution.started')[0]?.input?.parsed_error).toEqual(sample);
  });

  it("serves samples from Stripe's fixtures for every kind", async () => {
    await serveWithPaymentFlow();
    const samples = StripeSamples.parse((await request(api('/samples'))).json());
    expect(samples.payment_intent?.response).toMatchObject({ object: 'payment_intent', currency: 'usd' });
    expect(samples.payment_intent?.error.error).toMatchObject({ type: 'card_error', code: 'card_declined' });
    expect(samples.price?.error.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_missing' });
  });

  it('refuses sample inputs it does not know, naming the field', async () => {
    await serveWithPaymentFlow();
    const res = await jsonRequest(api('/flows/pay/runs'), 'POST', { node: 'main', input: { parsed_dta: {} } });
    expect(res.status).toBe(400);
    expect(ApiError.parse(res.json()).error.message).toMatch(/input/);
  });
});
