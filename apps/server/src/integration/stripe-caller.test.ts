import { createStripeCaller, type StripeCaller } from '@fireflow/engine';
import { failedOutcome, stripeCallJob } from '@fireflow/engine/testkit';
import { MOCK_SECRET_KEY, startStripeMock, type StripeMock } from '@fireflow/stripe-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

describe('createStripeCaller against the mock', () => {
  let mock: StripeMock;
  let caller: StripeCaller;
  beforeAll(async () => {
    mock = await startStripeMock();
    caller = createStripeCaller({ baseUrl: mock.url, secrets: { STRIPE_SECRET_KEY: MOCK_SECRET_KEY } });
  });
  afterAll(async () => {
    caller.close();
    await mock.close();
  });
  beforeEach(() => mock.reset());

  it('creates the object and keeps Stripe’s answer as raw text, with the object id', async () => {
    const outcome = await caller.attempt(stripeCallJob({ name: 'Hat', metadata: { sku: 'h 1' } }));
    if (outcome.kind !== 'succeeded') throw new Error(JSON.stringify(outcome.error));
    const product = JSON.parse(outcome.body) as { id: string; name: string; metadata: Record<string, string> };
    expect(outcome.status).toBe(200);
    expect(outcome.object_id).toBe(product.id);
    expect(product).toMatchObject({ name: 'Hat', metadata: { sku: 'h 1' } });
  });

  it('sends the idempotency key, so the same call twice creates once and answers the same object', async () => {
    const first = await caller.attempt(stripeCallJob({ name: 'Once' }, 'fireflow_ex_2_0'));
    const second = await caller.attempt(stripeCallJob({ name: 'Once' }, 'fireflow_ex_2_0'));
    expect(first.kind === 'succeeded' && second.kind === 'succeeded' && first.object_id === second.object_id).toBe(
      true,
    );
    expect(mock.counters().byIdempotencyKey.fireflow_ex_2_0).toEqual({ requests: 2, created: 1 });
  });

  it('returns Stripe’s error body for a 400, final at once', async () => {
    const outcome = failedOutcome(await caller.attempt(stripeCallJob({ description: 'no name' })));
    expect(outcome).toMatchObject({ status: 400, retryable: false });
    expect(outcome.error.error).toMatchObject({ type: 'invalid_request_error', param: 'name' });
  });

  it('marks 429 and 500 retryable and a missing secret final', async () => {
    mock.faults.enqueue({ type: '429' });
    expect(failedOutcome(await caller.attempt(stripeCallJob({ name: 'A' })))).toMatchObject({
      status: 429,
      retryable: true,
    });
    mock.faults.enqueue({ type: '500' });
    expect(failedOutcome(await caller.attempt(stripeCallJob({ name: 'A' })))).toMatchObject({
      status: 500,
      retryable: true,
    });
    const unset = createStripeCaller({ baseUrl: mock.url, secrets: {} });
    const outcome = failedOutcome(await unset.attempt(stripeCallJob({ name: 'A' })));
    expect(outcome).toMatchObject({
      status: null,
      retryable: false,
      error: { error: { type: 'authentication_error' } },
    });
    unset.close();
  });

  it('turns a dropped connection into a retryable api_connection_error', async () => {
    mock.faults.enqueue({ type: 'drop' });
    const outcome = failedOutcome(await caller.attempt(stripeCallJob({ name: 'A' })));
    expect(outcome).toMatchObject({
      status: null,
      retryable: true,
      error: { error: { type: 'api_connection_error' } },
    });
  });
});
