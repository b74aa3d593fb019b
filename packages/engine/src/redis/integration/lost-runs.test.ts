import { describe, expect, it } from 'vitest';
import type { DispatchEvent } from '@fireflow/protocol';
import { oneStepFlow } from '../../testkit/flows.ts';
import { planRun } from '../../dispatch/plan-run.ts';
import { executionUnit, runKeys } from '../keys.ts';
import { watchForLostRuns } from '../lost-runs.ts';
import { createRunStore } from '../run-store.ts';
import { redisSuite } from './job-harness.ts';

const bundle = oneStepFlow('product', { main: 'print(1);' });
const noCounts = { executions: 0, failed_executions: 0, stripe_calls: 0, stripe_failures: 0 };

describe('a producer following runs it could not hear for a while', () => {
  const suite = redisSuite();

  /** A run in Redis, its `run.started` as the producer saw it, and (`settle`) its entry completed. */
  async function run(settle: boolean) {
    const store = createRunStore(suite.client);
    const { runId, contextId, started, entryJob } = planRun(bundle, { flow_id: 'f' });
    const unit = executionUnit(entryJob.execution_id);
    const record = { runId, flowId: 'f', contextId, bundle, startedAt: started.ts, unit, budget: [] };
    await store.start({ ...record, events: [JSON.stringify(started)] });
    const completion = { events: [], deltas: { ...noCounts, executions: 1 }, followUps: [] };
    const settled = settle ? (await store.complete(runId, unit, completion)).settled : null;
    return { runId, started: Object.assign({ id: 1 }, started) as DispatchEvent, settled };
  }

  /** A watch over the runs it is shown, checking only when told to; what it delivered. */
  function watch() {
    const delivered: DispatchEvent[] = [];
    const lost = watchForLostRuns({
      client: suite.client,
      deliver: (event) => delivered.push(event),
      lastId: () => 1,
      log: () => undefined,
      intervalMs: 3_600_000,
    });
    return { lost, delivered };
  }

  it('learns how a run ended from its state once its events have expired', async () => {
    const { runId, started, settled } = await run(true);
    await suite.client.del(runKeys(runId).events);
    const { lost, delivered } = watch();
    try {
      lost.seen(started);
      await lost.check();
      expect(settled).toMatchObject({ type: 'run.settled', status: 'succeeded' });
      expect(delivered).toEqual([settled]);
      // Settled now: the next check leaves it alone.
      await lost.check();
      expect(delivered).toHaveLength(1);
    } finally {
      lost.close();
    }
  });

  it('leaves a settled run whose events are still there to the feed, which delivers them all', async () => {
    const { started } = await run(true);
    const { lost, delivered } = watch();
    try {
      lost.seen(started);
      await lost.check();
      expect(delivered).toEqual([]);
    } finally {
      lost.close();
    }
  });

  it('ends a run whose state Redis no longer has with RUN_LOST', async () => {
    const { runId, started } = await run(false);
    await suite.client.del(runKeys(runId).meta, runKeys(runId).events);
    const { lost, delivered } = watch();
    try {
      lost.seen(started);
      await lost.check();
      expect(delivered.map((event) => event.type)).toEqual(['execution.failed', 'run.settled']);
      expect(delivered[0]).toMatchObject({ error: { code: 'RUN_LOST' } });
      expect(delivered[1]).toMatchObject({ status: 'failed' });
    } finally {
      lost.close();
    }
  });
});
