import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failedOutcome, stripeCallJob } from '../testkit/stripe-job.ts';
import { createStripeCaller, errorBodyOf } from './caller.ts';

// Against the Stripe mock: apps/server/src/integration/stripe-caller.test.ts (the engine does not import the mock).
describe('createStripeCaller against a server that misbehaves', () => {
  let server: http.Server;
  let base: string;
  let answer: (res: http.ServerResponse) => void;
  beforeAll(async () => {
    server = http.createServer((_req, res) => answer(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('holds more calls open at once than one agent takes, and answers each its own', async () => {
    const calls = 600;
    const held: Array<() => void> = [];
    answer = (res) => {
      // nothing is answered until every call is open: a cap on connections anywhere would hang here
      const id = `prod_${held.length}`;
      held.push(() => res.writeHead(200, { 'content-type': 'application/json' }).end(`{"id":"${id}"}`));
      if (held.length === calls) held.forEach((reply) => reply());
    };
    const caller = createStripeCaller({ baseUrl: base, secrets: { STRIPE_SECRET_KEY: 'sk_test_x' } });
    const outcomes = await Promise.all(
      Array.from({ length: calls }, (_, i) => caller.attempt(stripeCallJob({ name: 'A' }, `fireflow_ex_many_${i}`))),
    );
    caller.close();
    expect(outcomes.every((outcome) => outcome.kind === 'succeeded')).toBe(true);
    expect(new Set(outcomes.map((outcome) => (outcome.kind === 'succeeded' ? outcome.object_id : null))).size).toBe(
      calls,
    );
  });

  it('synthesizes an api_error for a 502 whose body is not Stripe’s', async () => {
    answer = (res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
    const caller = createStripeCaller({ baseUrl: base, secrets: { STRIPE_SECRET_KEY: 'sk_test_x' } });
    const outcome = failedOutcome(await caller.attempt(stripeCallJob({ name: 'A' })));
    caller.close();
    expect(outcome).toMatchObject({ status: 502, retryable: true, error: { error: { type: 'api_error' } } });
  });

  it('gives up on a server that never answers after timeoutMs, as a retryable connection error', async () => {
    answer = () => undefined;
    const caller = createStripeCaller({ baseUrl: base, secrets: { STRIPE_SECRET_KEY: 'sk_test_x' }, timeoutMs: 200 });
    const outcome = failedOutcome(await caller.attempt(stripeCallJob({ name: 'A' })));
    caller.close();
    expect(outcome.retryable).toBe(true);
    expect(outcome.error.error).toMatchObject({
      type: 'api_connection_error',
      message: expect.stringContaining('200 ms'),
    });
  });
});

describe('errorBodyOf', () => {
  it('keeps Stripe’s fields and drops non-string values of the typed ones', () => {
    const text = JSON.stringify({
      error: { type: 'card_error', code: null, decline_code: 'insufficient_funds', doc_url: 'u' },
    });
    expect(errorBodyOf(402, text)).toEqual({
      error: { type: 'card_error', decline_code: 'insufficient_funds', doc_url: 'u' },
    });
  });
});
