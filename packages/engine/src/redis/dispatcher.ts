import type { DispatchEvent, FlowBundle } from '@fireflow/protocol';
import type { Dispatcher, EventListener, StartRunOptions } from '../dispatch/types.ts';
import { planRun } from '../dispatch/plan-run.ts';
import { queuedEvent } from '../dispatch/steps.ts';
import { closeRedis, connectRedis, within } from './connect.ts';
import { startEventFeed } from './event-feed.ts';
import { executionUnit } from './keys.ts';
import { createQueueSet } from './queues.ts';
import { createRunStore } from './run-store.ts';
import { budgetFields } from './budget-store.ts';
import { resolveBudgets, type RunBudgets } from '../dispatch/budgets.ts';
import { createSettleWaiters } from './settle-waiters.ts';
import { watchForLostRuns } from './lost-runs.ts';
import { RunJournals } from '../events/run-journals.ts';
import type { JournalEntry } from '../events/run-journal.ts';

export interface RedisDispatcherOptions {
  redisUrl: string;
  /** Entries (writes of one or more events) kept per run stream, and events per run this producer follows in memory (default 10 000). */
  maxEventsPerRun?: number;
  /** How long the first connection may take before this fails (default 3 s). */
  connectTimeoutMs?: number;
  log?: (message: string) => void;
  /** Per-run budgets (SPEC §2), stored with each run this starts; workers enforce them. */
  budgets?: Partial<RunBudgets>;
  /** How often runs still going are looked for in Redis, to end lost ones with RUN_LOST (default 15 s). */
  lostRunCheckMs?: number;
}

/**
 * The producer side of Redis mode (`fireflow serve --redis`, `fireflow run --redis`): starts runs by queueing their
 * entry execution for `fireflow worker` processes, and streams every run's events from Redis — also runs another
 * server started (SPEC §6).
 */
export async function createRedisDispatcher(options: RedisDispatcherOptions): Promise<Dispatcher> {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const connect = (name: string, extra: { log?: typeof log; autoPipelining?: boolean }) =>
    connectRedis(options.redisUrl, {
      name,
      ...extra,
      ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
    });
  // BullMQ on one connection; run state (auto-pipelined) and the subscription on their own.
  const client = await connect('fireflow-server', { log });
  const others = await Promise.all([
    connect('fireflow-server-runs', { autoPipelining: true }),
    connect('fireflow-server-events', {}),
  ]).catch(async (error: unknown) => {
    await closeRedis(client);
    throw error;
  });
  const [storeClient, subscriber] = others;
  const store = createRunStore(
    storeClient,
    options.maxEventsPerRun === undefined ? {} : { maxEventsPerRun: options.maxEventsPerRun },
  );
  const queues = createQueueSet(client, log);
  const budget = budgetFields(resolveBudgets(options.budgets));
  const listeners = new Set<EventListener>();
  // Runs followed here: each event delivered once, whichever way it came (a notice, a read after a gap, a lost run).
  const journals = new RunJournals({
    keepSettled: 20_000,
    maxGoing: 20_000,
    ...(options.maxEventsPerRun === undefined ? {} : { maxEvents: options.maxEventsPerRun }),
  });
  const waiters = createSettleWaiters(store);
  const checkedQueues = new Set<string>();

  /** Work for a queue no worker serves waits without a word; say so, once per queue. */
  async function warnIfUnserved(workerId: string): Promise<void> {
    if (checkedQueues.has(workerId)) return;
    checkedQueues.add(workerId);
    const count = await queues.workersServing(workerId).catch(() => 1);
    if (count === 0) log(`no fireflow worker is serving queue "${workerId}" yet; the run waits until one starts`);
  }

  let closing = false;
  function deliver(event: DispatchEvent, entry: JournalEntry): void {
    lost.seen(event);
    waiters.offer(event);
    if (event.type === 'execution.queued') void warnIfUnserved(event.worker_id);
    for (const listener of listeners) {
      try {
        listener(event, entry);
      } catch (error) {
        log(`event listener failed: ${(error as Error).message}`);
      }
    }
  }
  const lost = watchForLostRuns({
    client: storeClient,
    deliver: (event) => {
      const entry = journals.append(event);
      if (entry) deliver(event, entry);
    },
    lastId: (runId) => journals.lastId(runId),
    log,
    ...(options.lostRunCheckMs === undefined ? {} : { intervalMs: options.lostRunCheckMs }),
  });
  const feed = await startEventFeed({
    subscriber,
    store,
    journals,
    log,
    // With nobody listening (benchmarks, tests waiting for settlement) only `run.started` and `run.settled` are
    // worth parsing. The text test is exact: in JSON text that quoting can only be a key and its value.
    wanted: (json) =>
      listeners.size > 0 || json.includes('"type":"run.settled"') || json.includes('"type":"run.started"'),
    deliver,
  });
  return {
    kind: 'redis',
    async startRun(bundle: FlowBundle, start: StartRunOptions) {
      if (closing) throw new Error('dispatcher is closing');
      const { runId, contextId, started, entryJob: job } = planRun(bundle, start);
      const startedAt = started.ts;
      const events = [started, queuedEvent(job, bundle)].map((event) => JSON.stringify(event));
      const unit = executionUnit(job.execution_id);
      const { bundleDigest } = await store.start({
        runId,
        flowId: start.flow_id,
        contextId,
        bundle,
        startedAt,
        unit,
        entryJob: job,
        events,
        budget,
      });
      lost.seen(Object.assign({ id: 1 }, started) as DispatchEvent);
      waiters.startedHere(runId);
      await queues.addExecution(job, bundleDigest).catch((error: unknown) => {
        waiters.notQueued(runId);
        throw error;
      });
      return { run_id: runId };
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitForSettled: (runId) => waiters.wait(runId),
    adopt(events) {
      const last = events.at(-1);
      // Its events so far are the caller's: only where it left off matters here.
      if (last) journals.follow(last.run_id, 0)?.skipTo(last.id);
      for (const event of events) lost.seen(event);
    },
    available: () => client.status === 'ready' && storeClient.status === 'ready',
    replay: (runId, afterId) => store.readEvents(runId, afterId),
    async close() {
      closing = true;
      lost.close();
      listeners.clear();
      await within(feed.close(), 1_000);
      await within(queues.close(), 2_000);
      await Promise.all([closeRedis(subscriber), closeRedis(storeClient), closeRedis(client)]);
    },
  };
}
