import { describe, expect, it } from 'vitest';
import type { DispatchEvent, StripeCallJob } from '@fireflow/protocol';
import { oneStepFlow } from '../../testkit/flows.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import type { StripeCaller } from '../../stripe/caller.ts';
import { harnessSuite, PAYMENT_SCRIPTS, startJobHarness } from './job-harness.ts';

/**
 * Stripe after a dropped connection: the first attempt with a key creates the object but its answer is lost (a
 * final connection error: one attempt per call); a later attempt with the same key gets the object, replayed.
 */
function droppedFirstAnswer() {
  const created = new Map<string, string>();
  const stripe = { attempts: 0, created };
  const caller: StripeCaller = {
    maxAttempts: 1,
    retryDelayMs: () => 0,
    close: () => undefined,
    async attempt(call: StripeCallJob) {
      stripe.attempts += 1;
      const object = created.get(call.idempotency_key);
      if (object === undefined) {
        created.set(call.idempotency_key, `pi_${created.size + 1}`);
        const error = { error: { type: 'api_connection_error', message: 'connection dropped' } };
        return { kind: 'failed', status: null, error, retryable: true, duration_ms: 1 };
      }
      return {
        kind: 'succeeded',
        status: 200,
        body: JSON.stringify({ id: object }),
        object_id: object,
        duration_ms: 1,
      };
    },
  };
  return { caller, stripe };
}

const ofType = <T extends DispatchEvent['type']>(events: DispatchEvent[], type: T) =>
  events.filter((event): event is Extract<DispatchEvent, { type: T }> => event.type === type);

describe('a job re-run after completing its unit queues the follow-ups its first run kept', () => {
  const suite = harnessSuite();

  /**
   * A run of `scripts` whose entry queued its Stripe call, and that call's first run: Stripe created the object but
   * its answer was lost, and the worker died right after completing the call, before queueing its follow-up.
   */
  async function callWhoseWorkerDied(scripts: Parameters<typeof oneStepFlow>[1]) {
    const { caller, stripe } = droppedFirstAnswer();
    const bundle = oneStepFlow('payment_intent', scripts);
    const run = await startJobHarness({ ...suite, bundle, caller, crashOnFirst: ['execution'] });
    await run.runExecution(run.entryJob);
    const [call] = run.queues.calls;
    if (!call) throw new Error('the entry execution queued no call');
    await expect(run.runCall(call)).rejects.toThrow('worker killed');
    return { run, call, stripe };
  }

  it('runs the follow-up of the first answer, without calling Stripe again, so the events tell one story', async () => {
    const { run, call, stripe } = await callWhoseWorkerDied(PAYMENT_SCRIPTS);
    await run.runCall(call, true);
    const [followUp] = run.queues.executions;
    expect(followUp).toMatchObject({ node_id: 'on_error', input: { trigger: 'error' } });
    expect(stripe.attempts).toBe(1);
    expect(stripe.created.size).toBe(1);
    if (!followUp) throw new Error('the re-delivered call queued no follow-up');

    await run.runExecution(followUp);
    const events = await run.store.readEvents(run.runId, 0);
    expect(ofType(events, 'stripe.request.failed')).toMatchObject([{ final: true }]);
    expect(ofType(events, 'stripe.request.succeeded')).toHaveLength(0);
    const queued = ofType(events, 'execution.queued').find((event) => event.execution_id === followUp.execution_id);
    const started = ofType(events, 'execution.started').find((event) => event.execution_id === followUp.execution_id);
    expect(queued).toMatchObject({ node_id: 'on_error', trigger: 'error' });
    expect(started).toMatchObject({
      node_id: 'on_error',
      input: { parsed_error: { error: { type: 'api_connection_error' } } },
    });
    expect(ofType(events, 'execution.log').map((event) => event.message)).toEqual(['failed api_connection_error']);
    expect(events.at(-1)).toMatchObject({ type: 'run.settled', counts: { executions: 2, stripe_failures: 1 } });
  });

  it('settles the run when the answer a second call would get goes to a port with nothing wired', async () => {
    const { run, call, stripe } = await callWhoseWorkerDied({
      main: PAYMENT_SCRIPTS.main,
      error: PAYMENT_SCRIPTS.error,
    });
    await run.runCall(call, true);
    const [followUp] = run.queues.executions;
    if (!followUp) throw new Error('the re-delivered call queued no follow-up');
    await run.runExecution(followUp);
    expect(stripe.attempts).toBe(1);
    expect(await run.store.settledEvent(run.runId)).toMatchObject({
      counts: { executions: 2, failed_executions: 0, stripe_calls: 1, stripe_failures: 1 },
    });
  });

  it('queues the kept follow-up even when the call runs again unnoticed (its job added a second time)', async () => {
    const { run, call, stripe } = await callWhoseWorkerDied({
      main: PAYMENT_SCRIPTS.main,
      error: PAYMENT_SCRIPTS.error,
    });
    // A first delivery: nothing tells the worker the call was made, so it is made again, answered with the object.
    await run.runCall(call);
    expect(stripe.attempts).toBe(2);
    expect(stripe.created.size).toBe(1);
    expect(run.queues.executions).toMatchObject([{ node_id: 'on_error', input: { trigger: 'error' } }]);
    const events = await run.store.readEvents(run.runId, 0);
    expect(ofType(events, 'stripe.request.sent')).toHaveLength(1);
  });

  it('queues the calls an execution fired on its first run, without running its script again', async () => {
    let runs = 0;
    const counting: Sandbox = {
      run(task) {
        runs += 1;
        return suite.sandbox.run(task);
      },
      close: async () => undefined,
    };
    const { caller } = droppedFirstAnswer();
    const main = 'const amount = 1 + Math.floor(Math.random() * 1e9); print(amount);\n'.concat(
      'new_payment_intent().amount(amount).currency("usd").create_async();',
    );
    const bundle = oneStepFlow('payment_intent', { main });
    const run = await startJobHarness({ ...suite, bundle, sandbox: counting, caller, crashOnFirst: ['call'] });
    await expect(run.runExecution(run.entryJob)).rejects.toThrow('worker killed');
    await run.runExecution(run.entryJob, true);
    const events = await run.store.readEvents(run.runId, 0);
    const [printed] = ofType(events, 'execution.log');
    expect(run.queues.calls).toMatchObject([{ params: { amount: Number(printed?.message) } }]);
    expect(runs).toBe(1);
  });
});
