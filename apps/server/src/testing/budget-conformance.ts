import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_SECRET_KEY, type StripeMock } from '@fireflow/stripe-mock';
import type { DispatchEvent } from '@fireflow/protocol';
import type { Dispatcher, RunBudgets, StripeSettings } from '@fireflow/engine';
import { logsOf, ofType, oneStepFlow, runToSettled } from '@fireflow/engine/testkit';

export type BudgetedFactory = (stripe: StripeSettings, budgets: Partial<RunBudgets>) => Promise<Dispatcher>;

const BUDGETS = { executions: 12, stripeCalls: 15, callsInFlight: 3, logBytes: 4_096 } satisfies RunBudgets;

/** A response script that fires `fanOut` calls wired back to its own Stripe node: growth without end. */
function fanOutFlow(fanOut: number) {
  const create = `for (let i = 0; i < ${fanOut}; i++) new_product().name("fan " + i).create_async();`;
  const bundle = oneStepFlow('product', { main: create, response: create });
  bundle.flow.edges.push({ from: 'on_response', to: 'stripe' });
  return bundle;
}

/** The most calls of the run that were sent and not yet answered at any one time, from its own events. */
function mostInFlight(events: DispatchEvent[]): number {
  const sent = new Map<string, number>();
  const spans: Array<[number, number]> = [];
  for (const event of events) {
    if (event.type === 'stripe.request.sent' && !sent.has(event.request_id)) sent.set(event.request_id, event.ts);
    const final = event.type === 'stripe.request.succeeded' || (event.type === 'stripe.request.failed' && event.final);
    if (final) spans.push([sent.get(event.request_id) ?? event.ts, event.ts]);
  }
  return Math.max(0, ...spans.map(([at]) => spans.filter(([start, end]) => start <= at && end > at).length));
}

const BUDGET_FAILURE = /^run budget "(executions|stripe_calls|log_bytes)" reached/;

/** Per-run budgets (SPEC §2), part of the dispatcher conformance suite. */
export function budgetConformance(name: string, factory: BudgetedFactory, mockOf: () => StripeMock): void {
  describe(`run budgets: ${name}`, () => {
    let dispatcher: Dispatcher;
    beforeAll(async () => {
      const stripe = { baseUrl: mockOf().url, secrets: { STRIPE_SECRET_KEY: MOCK_SECRET_KEY }, backoffBaseMs: 20 };
      dispatcher = await factory(stripe, BUDGETS);
    });
    afterAll(async () => {
      await dispatcher?.close();
    });

    it('stops a fan-out chain at a budget: failed with RUN_BUDGET, every call sent is answered, none created twice', async () => {
      const { events, settled } = await runToSettled(dispatcher, fanOutFlow(3));
      expect(settled.status).toBe('failed');
      const refusals = ofType(events, 'execution.failed').filter((event) => event.error.code === 'RUN_BUDGET');
      expect(refusals.length).toBeGreaterThan(0);
      for (const refusal of refusals) expect(refusal.error.message).toMatch(BUDGET_FAILURE);
      expect(ofType(events, 'execution.started').length).toBeLessThanOrEqual(BUDGETS.executions);
      const sent = new Set(ofType(events, 'stripe.request.sent').map((event) => event.request_id));
      expect(sent.size).toBeLessThanOrEqual(BUDGETS.stripeCalls);
      const answered = new Set([
        ...ofType(events, 'stripe.request.succeeded').map((event) => event.request_id),
        ...ofType(events, 'stripe.request.failed')
          .filter((event) => event.final)
          .map((event) => event.request_id),
      ]);
      expect(answered).toEqual(sent);
      const keys = Object.values(mockOf().counters().byIdempotencyKey);
      expect(keys.every((key) => key.created <= 1)).toBe(true);
    });

    it('refuses an execution whose calls would pass the Stripe-call budget, and sends none of them', async () => {
      const bundle = oneStepFlow('product', {
        main: 'for (let i = 0; i < 20; i++) new_product().name("many " + i).create_async();',
        response: 'print("unexpected");',
      });
      const { events, settled } = await runToSettled(dispatcher, bundle);
      expect(settled.status).toBe('failed');
      expect(ofType(events, 'execution.failed')[0]?.error).toMatchObject({ code: 'RUN_BUDGET', file: 'main.js' });
      expect(ofType(events, 'execution.failed')[0]?.error.message).toContain('"stripe_calls"');
      expect(ofType(events, 'stripe.request.sent')).toHaveLength(0);
    });

    it('queues calls beyond the in-flight budget instead of failing them', async () => {
      mockOf().setLatency(150);
      try {
        const bundle = oneStepFlow('product', {
          main: 'for (let i = 0; i < 10; i++) new_product().name("queued " + i).create_async();',
          response: 'print(parsed_data.name);',
        });
        const { events, settled } = await runToSettled(dispatcher, bundle);
        expect(settled.status).toBe('succeeded');
        expect(ofType(events, 'stripe.request.succeeded')).toHaveLength(10);
        expect(mostInFlight(events)).toBeLessThanOrEqual(BUDGETS.callsInFlight);
        expect(logsOf(events, 'on_response').sort()).toEqual(
          Array.from({ length: 10 }, (_, i) => `queued ${i}`).sort(),
        );
      } finally {
        mockOf().setLatency(0);
      }
    });

    it('cuts the log text at the run budget, marks the cut and fails the execution that reached it', async () => {
      const bundle = oneStepFlow('product', {
        main: 'print("a".repeat(3000)); new_product().name("first").create_async();',
        response: 'print("b".repeat(3000)); new_product().name("never").create_async();',
      });
      bundle.flow.edges.push({ from: 'on_response', to: 'stripe' });
      const { events, settled } = await runToSettled(dispatcher, bundle);
      expect(settled.status).toBe('failed');
      expect(logsOf(events, 'main')).toEqual(['a'.repeat(3000)]);
      const [cut, ...rest] = logsOf(events, 'on_response');
      expect(rest).toEqual([]);
      expect(cut?.startsWith('b'.repeat(BUDGETS.logBytes - 3000))).toBe(true);
      expect(cut).not.toContain('b'.repeat(BUDGETS.logBytes - 3000 + 1));
      expect(cut).toMatch(/cut: run log budget reached/);
      const failed = ofType(events, 'execution.failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ node_id: 'on_response', error: { code: 'RUN_BUDGET' } });
      expect(failed[0]?.error.message).toContain('"log_bytes"');
      expect(ofType(events, 'stripe.request.sent')).toHaveLength(1);
    });

    it('leaves other runs alone: a plain run still succeeds after budget-stopped ones', async () => {
      const bundle = oneStepFlow('product', {
        main: 'new_product().name("plain").create_async();',
        response: 'print("ok");',
      });
      const { settled } = await runToSettled(dispatcher, bundle);
      expect(settled.status).toBe('succeeded');
    });
  });
}
