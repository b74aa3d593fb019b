import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunHistory } from '../store/run-history.ts';
import { EventScript } from '../testing/events.ts';
import { FakeDispatcher } from '../testing/fake-dispatcher.ts';
import { RunFeed } from './run-feed.ts';

let dataDir: string;
const quiet = { error: () => {} };
const bundle = { flow: { version: 1 as const, name: 'f', entry: 'main', nodes: [], edges: [] }, scripts: {} };

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'fireflow-feed-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('RunFeed', () => {
  it('records before it fans out, so a listener can always find the event in the history', async () => {
    const history = await RunHistory.open({ dataDir, logger: quiet });
    const dispatcher = new FakeDispatcher({ manual: true });
    const feed = new RunFeed(dispatcher, history);
    const seenInHistory: boolean[] = [];
    feed.subscribeFlow('f', (event) => {
      void history
        .events(event.run_id, event.id - 1)
        .then((events) => seenInHistory.push(events?.[0]?.id === event.id));
    });
    await dispatcher.startRun(bundle, { flow_id: 'f', run_id: 'run_1' });
    dispatcher.log('run_1', 'x');
    await history.close();
    expect(seenInHistory).toEqual([true, true]);
    feed.close();
  });

  it('resolves a settle waiter registered before the run starts, and cancels cleanly', async () => {
    const history = await RunHistory.open({ dataDir, logger: quiet });
    const dispatcher = new FakeDispatcher({ manual: true });
    const feed = new RunFeed(dispatcher, history);
    const waiter = feed.waitForSettled('run_w');
    const cancelled = feed.waitForSettled('run_w');
    cancelled.cancel();
    await dispatcher.startRun(bundle, { flow_id: 'f', run_id: 'run_w' });
    dispatcher.settle('run_w', 'failed');
    expect((await waiter.promise)?.status).toBe('failed');
    expect(await cancelled.promise).toBeNull();
    feed.close();
    await history.close();
  });

  it('catches up on runs that went on while the server was down (Redis)', async () => {
    const before = await RunHistory.open({ dataDir, logger: quiet });
    before.record(new EventScript('run_c', 'f').started());
    await before.close();
    // The workers kept going: the dispatcher has an event the history never saw.
    const dispatcher = new FakeDispatcher({ manual: true });
    await dispatcher.startRun(bundle, { flow_id: 'f', run_id: 'run_c' });
    dispatcher.log('run_c', 'while the server was down');

    const history = await RunHistory.open({ dataDir, logger: quiet, onUnfinished: 'resume' });
    const feed = new RunFeed(dispatcher, history);
    await feed.catchUp(dispatcher);
    expect((await history.events('run_c'))?.map((e) => e.type)).toEqual(['run.started', 'execution.log']);
    feed.close();
    await history.close();
  });

  it('keeps its flow journal within its log-text bound, dropping the oldest events', async () => {
    const history = await RunHistory.open({ dataDir, logger: quiet });
    const dispatcher = new FakeDispatcher({ manual: true });
    const feed = new RunFeed(dispatcher, history, { journalBytes: 10_000 });
    // Kept for flows someone streams: a resume point can only come from such a stream.
    feed.subscribeFlow('f', () => {});
    await dispatcher.startRun(bundle, { flow_id: 'f', run_id: 'run_1' });
    for (let i = 0; i < 30; i += 1) dispatcher.log('run_1', String(i % 10).repeat(1_000));
    const journal = feed.journalAfter('f', 'run_1', 1);
    expect(journal).toBeNull();
    const kept = (await history.events('run_1', 0)) ?? [];
    const last = kept.at(-1);
    const tail = feed.journalAfter('f', 'run_1', (last?.id ?? 0) - 5) ?? [];
    expect(tail).toHaveLength(5);
    await history.close();
    feed.close();
  });

  it('keeps no flow journal for a flow nobody streams', async () => {
    const history = await RunHistory.open({ dataDir, logger: quiet });
    const dispatcher = new FakeDispatcher({ manual: true });
    const feed = new RunFeed(dispatcher, history);
    await dispatcher.startRun(bundle, { flow_id: 'f', run_id: 'run_1' });
    dispatcher.log('run_1', 'x');
    expect(feed.journalAfter('f', 'run_1', 1)).toBeNull();
    feed.subscribeFlow('f', () => {});
    dispatcher.log('run_1', 'y');
    dispatcher.log('run_1', 'z');
    expect(feed.journalAfter('f', 'run_1', 3)?.map((entry) => entry.json)).toEqual([
      (await history.entries('run_1', 3))?.[0]?.json,
    ]);
    await history.close();
    feed.close();
  });
});
