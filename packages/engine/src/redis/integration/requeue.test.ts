import { describe, expect, it } from 'vitest';
import { oneStepFlow } from '../../testkit/flows.ts';
import type { StripeCaller } from '../../stripe/caller.ts';
import { harnessSuite, startJobHarness } from './job-harness.ts';

const bundle = oneStepFlow('payment_intent', {
  main: 'new_payment_intent().amount(2000).currency("usd").create_async();',
  response: 'print(`paid ${parsed_data.id}`);',
});

describe('a worker killed between completing a unit and queueing its follow-ups', () => {
  const suite = harnessSuite();

  it('loses no call and no dispatch: the re-delivered job queues them, and writes and counts nothing twice', async () => {
    let stripeCalls = 0;
    const caller: StripeCaller = {
      maxAttempts: 4,
      retryDelayMs: () => 0,
      close: () => undefined,
      async attempt() {
        stripeCalls += 1;
        return { kind: 'succeeded', status: 200, body: '{"id":"pi_1"}', object_id: 'pi_1', duration_ms: 1 };
      },
    };
    const run = await startJobHarness({ ...suite, bundle, caller, crashOnFirst: ['call', 'execution'] });
    const { queues } = run;

    await expect(run.runExecution(run.entryJob)).rejects.toThrow('worker killed');
    expect(queues.calls).toHaveLength(0);
    await run.runExecution(run.entryJob, true);
    const [call] = queues.calls;
    if (!call) throw new Error('the re-delivered execution queued no call');

    await expect(run.runCall(call)).rejects.toThrow('worker killed');
    await run.runCall(call, true);
    expect(stripeCalls).toBe(1); // the re-delivered call queued its kept follow-up without calling Stripe again
    const [response] = queues.executions;
    if (!response) throw new Error('the re-delivered call queued no response execution');

    await run.runExecution(response);
    const events = await run.store.readEvents(run.runId, 0);
    const types = events.map((event) => event.type);
    expect(types.filter((type) => type === 'execution.started')).toHaveLength(2);
    expect(types.filter((type) => type === 'stripe.request.sent')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({
      type: 'run.settled',
      status: 'succeeded',
      counts: { executions: 2, failed_executions: 0, stripe_calls: 1, stripe_failures: 0 },
    });
  });
});
