import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_SECRET_KEY, startStripeMock, type StripeMock } from '@fireflow/stripe-mock';
import { replayInput, type Dispatcher, type RunBudgets, type StripeSettings } from '@fireflow/engine';
import { cyclicFlow, logsOf, ofType, oneStepFlow, runToSettled } from '@fireflow/engine/testkit';
import { budgetConformance } from './budget-conformance.ts';

export interface FactoryOptions {
  /** Replaces the default run budgets where set. */
  budgets?: Partial<RunBudgets>;
  /** Where the dispatcher reports what it cannot throw (default: stderr). */
  log?: (message: string) => void;
}

/** Builds a dispatcher against the given Stripe. */
export type DispatcherFactory = (stripe: StripeSettings, options?: FactoryOptions) => Promise<Dispatcher>;

const SPEC_EXAMPLE = `let payment_intent = new_payment_intent().amount(2000).currency("usd").customer("cus_customer123");
let result = payment_intent.create_async("worker-1", "context-123", "sk_test_...");
print(\`Request dispatched: \${result}\`);`;

/** The behaviour every dispatcher must show (SPEC §2, §3, §5), against the real Stripe mock over HTTP. */
export function dispatcherConformance(name: string, factory: DispatcherFactory): void {
  describe(`dispatcher conformance: ${name}`, () => {
    let mock: StripeMock;
    let dispatcher: Dispatcher;
    /** What the dispatcher logged: kept for the tests to check, not printed. */
    const logged: string[] = [];
    beforeAll(async () => {
      mock = await startStripeMock();
      dispatcher = await factory(
        { baseUrl: mock.url, secrets: { STRIPE_SECRET_KEY: MOCK_SECRET_KEY }, backoffBaseMs: 20 },
        { log: (message) => logged.push(message) },
      );
    });
    afterEach(() => {
      mock.reset();
      mock.setLatency(0);
    });
    afterAll(async () => {
      await dispatcher?.close();
      await mock?.close();
    });

    it('runs the SPEC example unchanged; the response script sees the payment intent', async () => {
      const bundle = oneStepFlow('payment_intent', {
        main: SPEC_EXAMPLE,
        response: 'print(`${parsed_data.id} ${parsed_data.status} ${parsed_data.object}`);',
        error: 'print("error script ran");',
      });
      const { events, settled } = await runToSettled(dispatcher, bundle);
      expect(settled.status).toBe('succeeded');
      expect(logsOf(events, 'main')).toEqual(['Request dispatched: payment_intent_request_dispatched']);
      const [line] = logsOf(events, 'on_response');
      expect(line).toMatch(/^pi_\w+ requires_payment_method payment_intent$/);
      expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));
      expect(events.map((event) => event.type)).toEqual([
        'run.started',
        'execution.queued',
        'execution.started',
        'execution.log',
        'execution.finished',
        'stripe.request.sent',
        'stripe.request.succeeded',
        'execution.queued',
        'execution.started',
        'execution.log',
        'execution.finished',
        'run.settled',
      ]);
      const queued = ofType(events, 'execution.queued');
      expect(queued[1]?.parent_request_id).toBe(ofType(events, 'stripe.request.sent')[0]?.request_id);
      expect(queued[1]?.worker_id).toBe('worker-1');
      expect(queued[1]?.context_id).toBe('context-123');
      expect(settled.counts).toEqual({ executions: 2, failed_executions: 0, stripe_calls: 1, stripe_failures: 0 });
    });

    it('sends a Stripe 400 straight to the error script, with parsed_error and request', async () => {
      const bundle = oneStepFlow('payment_intent', {
        main: 'new_payment_intent().amount(2000).create_async();',
        response: 'print("unexpected");',
        error: 'print(parsed_error.error.type, parsed_error.error.param, request.kind, typeof error_json);',
      });
      const { events, settled } = await runToSettled(dispatcher, bundle);
      expect(settled.status).toBe('succeeded');
      expect(ofType(events, 'stripe.request.sent')).toHaveLength(1);
      expect(ofType(events, 'stripe.request.failed')[0]).toMatchObject({ status: 400, final: true });
      expect(logsOf(events, 'on_error')).toEqual(['invalid_request_error currency payment_intent string']);
      expect(logsOf(events, 'on_response')).toEqual([]);
    });

    it('retries a 429 once with the same Idempotency-Key and creates once', async () => {
      mock.faults.enqueue({ type: '429', times: 1 });
      const bundle = oneStepFlow('product', {
        main: 'new_product().name("Retry me").create_async();',
        response: 'print(parsed_data.name);',
      });
      const { events, settled } = await runToSettled(dispatcher, bundle);
      expect(settled.status).toBe('succeeded');
      const sent = ofType(events, 'stripe.request.sent');
      expect(sent.map((event) => event.attempt)).toEqual([1, 2]);
      expect(sent[0]?.idempotency_key).toBe(sent[1]?.idempotency_key);
      expect(ofType(events, 'stripe.request.failed')[0]).toMatchObject({ status: 429, final: false });
      expect(mock.counters().byIdempotencyKey[sent[0]?.idempotency_key ?? '']).toEqual({ requests: 2, created: 1 });
      expect(logsOf(events, 'on_response')).toEqual(['Retry me']);
    });

    it('returns from create_async before the HTTP call completes', async () => {
      mock.setLatency(2000);
      const bundle = oneStepFlow('product', {
        main: 'print(new_product().name("slow").create_async());',
        response: 'print("answered");',
      });
      const { events } = await runToSettled(dispatcher, bundle);
      const finished = ofType(events, 'execution.finished')[0];
      const answered = ofType(events, 'stripe.request.succeeded')[0];
      expect(finished && answered && finished.id < answered.id).toBe(true);
      expect((answered?.ts ?? 0) - (finished?.ts ?? 0)).toBeGreaterThanOrEqual(1900);
      expect(finished?.duration_ms).toBeLessThan(1000);
    });

    it('hands responses to scripts as inert values', async () => {
      const tricky = 'a `backtick` ${process.exit(1)} "double" \'single\' \\ </script>';
      const bundle = oneStepFlow('product', {
        main: `new_product().name(${JSON.stringify(tricky)}).create_async();`,
        response: 'print(parsed_data.name); print(response_json.includes("backtick"));',
      });
      const { events, settled } = await runToSettled(dispatcher, bundle);
      expect(settled.status).toBe('succeeded');
      expect(logsOf(events, 'on_response')).toEqual([tricky, 'true']);
    });

    it('never lets a secret appear in any event', async () => {
      const literal = 'sk_test_literalkey0123456789';
      const bundle = oneStepFlow('product', {
        main: `print("${literal}"); print(secret("STRIPE_SECRET_KEY")); new_product().name("x").create_async(undefined, undefined, "${literal}");`,
        response: 'print("ok");',
      });
      const { events, settled } = await runToSettled(dispatcher, bundle);
      expect(settled.status).toBe('succeeded');
      const text = JSON.stringify(events);
      expect(text).not.toContain(literal);
      expect(text).not.toContain(MOCK_SECRET_KEY);
      expect(logsOf(events, 'main')[0]).toBe('sk_test_…6789');
    });

    it('settles failed when a script fails, with code, file, line and column', async () => {
      const bundle = oneStepFlow('product', { main: 'let a = 1;\n  null.boom;' });
      const { events, settled } = await runToSettled(dispatcher, bundle);
      expect(settled.status).toBe('failed');
      expect(ofType(events, 'execution.failed')[0]?.error).toMatchObject({
        code: 'SCRIPT_ERROR',
        file: 'main.js',
        line: 2,
      });
    });

    it('records the outcome of a Stripe node with nothing wired and dispatches nothing', async () => {
      const bundle = oneStepFlow('product', { main: 'new_product().name("alone").create_async();' });
      const { events, settled } = await runToSettled(dispatcher, bundle);
      expect(settled.status).toBe('succeeded');
      expect(ofType(events, 'stripe.request.succeeded')).toHaveLength(1);
      expect(ofType(events, 'execution.queued')).toHaveLength(1);
    });

    it('stops a dispatch cycle at the depth limit', async () => {
      const { events, settled } = await runToSettled(dispatcher, cyclicFlow());
      expect(settled.status).toBe('failed');
      const failed = ofType(events, 'execution.failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]?.error.code).toBe('DISPATCH_DEPTH');
      expect(ofType(events, 'stripe.request.succeeded')).toHaveLength(65);
    });

    it('runs many runs concurrently, each settling on its own', async () => {
      const bundle = oneStepFlow('product', {
        main: 'new_product().name("many").create_async();',
        response: 'print(execution.run_id);',
      });
      const results = await Promise.all(Array.from({ length: 20 }, () => runToSettled(dispatcher, bundle)));
      for (const { events, settled } of results) {
        expect(settled.status).toBe('succeeded');
        expect(logsOf(events, 'on_response')).toEqual([settled.run_id]);
      }
    });

    it('starts a webhook run at the script its webhook node wires, with event and event_json bound', async () => {
      const bundle = oneStepFlow('product', {
        main: 'print(event.type, event.data.object.id, JSON.parse(event_json).id); new_product().name(event.id).create_async();',
        response: 'print(parsed_data.name, execution.trigger);',
      });
      bundle.flow.nodes.push({
        id: 'hook',
        type: 'webhook',
        events: ['payment_intent.succeeded'],
        secret: 'STRIPE_WEBHOOK_SECRET',
        position: { x: -300, y: 0 },
      });
      bundle.flow.edges.push({ from: 'hook', to: 'main' });
      const event = { id: 'evt_conformance', type: 'payment_intent.succeeded', data: { object: { id: 'pi_hooked' } } };
      const { events, settled } = await runToSettled(dispatcher, bundle, 'test-flow', {
        entry: 'main',
        trigger: 'webhook',
        event: { id: event.id, type: event.type },
        input: { trigger: 'entry', event_json: JSON.stringify(event) },
      });
      expect(settled.status).toBe('succeeded');
      expect(ofType(events, 'run.started')[0]).toMatchObject({
        trigger: 'webhook',
        entry: 'main',
        event_id: 'evt_conformance',
        event_type: 'payment_intent.succeeded',
      });
      expect(ofType(events, 'execution.started')[0]?.input).toEqual({ event });
      expect(logsOf(events, 'main')).toEqual(['payment_intent.succeeded pi_hooked evt_conformance']);
      expect(logsOf(events, 'on_response')).toEqual(['evt_conformance response']);
    });

    it('isolates a listener that throws: the run and the other listeners go on', async () => {
      const unsubscribe = dispatcher.onEvent(() => {
        throw new Error('a broken listener');
      });
      try {
        const bundle = oneStepFlow('product', {
          main: 'new_product().name("isolated").create_async();',
          response: 'print("ok");',
        });
        const { events, settled } = await runToSettled(dispatcher, bundle);
        expect(settled.status).toBe('succeeded');
        expect(logsOf(events, 'on_response')).toEqual(['ok']);
        expect(logged).toContain('event listener failed: a broken listener');
      } finally {
        unsubscribe();
      }
    });

    budgetConformance(
      name,
      (stripe, budgets) => factory(stripe, { budgets }),
      () => mock,
    );
    it("keeps each execution's inputs and each Stripe answer with its Request-Id (SPEC §8)", async () => {
      const bundle = oneStepFlow('product', {
        main: 'new_product().name("kept").create_async();',
        response: 'print("ok");',
      });
      const { events } = await runToSettled(dispatcher, bundle);
      const sent = ofType(events, 'stripe.request.sent')[0];
      const answer = ofType(events, 'stripe.request.succeeded')[0];
      expect(answer?.body).toMatchObject({ object: 'product', name: 'kept', id: answer?.object_id });
      expect(answer?.stripe_request_id).toMatch(/^req_/);
      const [entry, response] = ofType(events, 'execution.started');
      expect(entry?.input).toEqual({});
      expect(response?.input?.parsed_data).toEqual(answer?.body);
      expect(response?.input?.request).toMatchObject({ id: sent?.request_id, idempotency_key: sent?.idempotency_key });
    });

    it('starts a run at a script node with given inputs, marked as a replay, without calling Stripe', async () => {
      const bundle = oneStepFlow('payment_intent', {
        main: 'new_payment_intent().amount(1).create_async();',
        response: 'print(execution.trigger, parsed_data.id, request.idempotency_key);',
      });
      const request = {
        id: 'req_1',
        kind: 'payment_intent' as const,
        node_id: 'stripe',
        params: {},
        idempotency_key: 'k_1',
      };
      // Collected as they happen: a settled run's events need not stay in the dispatcher.
      const { events, settled } = await runToSettled(dispatcher, bundle, 'test-flow', {
        entry: 'on_response',
        input: replayInput({ parsed_data: { id: 'pi_recorded' }, request }),
        trigger: 'replay',
        replay_of: 'ex_original',
      });
      expect(settled.status).toBe('succeeded');
      expect(ofType(events, 'run.started')[0]).toMatchObject({
        trigger: 'replay',
        replay_of: 'ex_original',
        entry: 'on_response',
      });
      expect(ofType(events, 'execution.queued')[0]?.trigger).toBe('replay');
      expect(logsOf(events, 'on_response')).toEqual(['replay pi_recorded k_1']);
      expect(ofType(events, 'stripe.request.sent')).toEqual([]);
      expect(mock.counters().requests).toBe(0);
    });
  });
}
