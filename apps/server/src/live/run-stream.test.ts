import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DispatchEvent } from '@fireflow/protocol';
import type { SseFrame } from '../http/sse.ts';
import { RunHistory } from '../store/run-history.ts';
import { FakeDispatcher } from '../testing/fake-dispatcher.ts';
import { RunFeed } from './run-feed.ts';
import { streamRun, type EventSink } from './run-stream.ts';
import { streamFlow } from './flow-stream.ts';

/** Records frames instead of writing them to a socket. */
class RecordingSink implements EventSink {
  readonly frames: SseFrame[] = [];
  closed = false;
  private readonly cleanups: Array<() => void> = [];
  send(frame: SseFrame): boolean {
    if (!this.closed) this.frames.push(frame);
    return !this.closed;
  }
  async drain(): Promise<void> {}
  end(): void {
    this.closed = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
  onClose(cleanup: () => void): void {
    this.cleanups.push(cleanup);
  }
  ids(): string[] {
    return this.frames.map((frame) => frame.id ?? '');
  }
}

let dataDir: string;
let history: RunHistory;
let dispatcher: FakeDispatcher;
let feed: RunFeed;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'fireflow-stream-'));
  history = await RunHistory.open({ dataDir, logger: { error: () => {} } });
  dispatcher = new FakeDispatcher({ manual: true });
  feed = new RunFeed(dispatcher, history);
});
afterEach(async () => {
  feed.close();
  await history.close();
  await rm(dataDir, { recursive: true, force: true });
});

const bundle = { flow: { version: 1 as const, name: 'f', entry: 'main', nodes: [], edges: [] }, scripts: {} };

describe('streamRun', () => {
  it('loses nothing and repeats nothing when events arrive while the replay is being read', async () => {
    const { run_id } = await dispatcher.startRun(bundle, { flow_id: 'f', run_id: 'run_race' });
    dispatcher.log(run_id, 'two');
    dispatcher.log(run_id, 'three');
    // The replay read itself is slow enough that two more events land during it: one that the replay
    // then also returns (a duplicate to drop), one emitted after it computed its answer (a gap to avoid).
    const replay = dispatcher.replay.bind(dispatcher);
    dispatcher.replay = async (id, after) => {
      dispatcher.log(run_id, 'four');
      const events: DispatchEvent[] = await replay(id, after);
      dispatcher.log(run_id, 'five');
      return events;
    };
    const sink = new RecordingSink();
    await streamRun(sink, run_id, 1, { dispatcher, runHistory: history, feed });
    dispatcher.settle(run_id);
    expect(sink.ids()).toEqual(['2', '3', '4', '5', '6']);
    expect(sink.frames.at(-1)?.event).toBe('run.settled');
    expect(sink.closed).toBe(true);
  });

  it('streams a settled run from the history and ends', async () => {
    const { run_id } = await dispatcher.startRun(bundle, { flow_id: 'f', run_id: 'run_done' });
    dispatcher.log(run_id, 'x');
    dispatcher.settle(run_id);
    const sink = new RecordingSink();
    await streamRun(sink, run_id, 0, { dispatcher, runHistory: history, feed });
    expect(sink.frames.map((f) => f.event)).toEqual(['run.started', 'execution.log', 'run.settled']);
    expect(sink.closed).toBe(true);
  });

  it('stops listening when the client goes', async () => {
    const { run_id } = await dispatcher.startRun(bundle, { flow_id: 'f', run_id: 'run_gone' });
    const sink = new RecordingSink();
    await streamRun(sink, run_id, 0, { dispatcher, runHistory: history, feed });
    sink.end();
    dispatcher.log(run_id, 'after');
    expect(sink.frames).toHaveLength(1);
  });
});

describe('streamFlow', () => {
  it('resumes from <run_id>:<id> across runs, in order', async () => {
    const deps = { runHistory: history, feed, onFlowChange: () => () => {} };
    await dispatcher.startRun(bundle, { flow_id: 'f', run_id: 'run_a' });
    dispatcher.log('run_a', 'a2');
    dispatcher.log('run_a', 'a3');
    await dispatcher.startRun(bundle, { flow_id: 'f', run_id: 'run_b' });
    await dispatcher.startRun(bundle, { flow_id: 'other', run_id: 'run_other' });
    const sink = new RecordingSink();
    await streamFlow(sink, 'f', { runId: 'run_a', eventId: 2 }, deps);
    dispatcher.settle('run_b');
    expect(sink.ids()).toEqual(['run_a:3', 'run_b:1', 'run_b:2']);
  });
});

describe('one JSON text per event', () => {
  it('serializes each event once for the history and every stream that sends it', async () => {
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const flowSink = new RecordingSink();
      await streamFlow(flowSink, 'f', null, { runHistory: history, feed, onFlowChange: () => () => {} });
      const { run_id } = await dispatcher.startRun(bundle, { flow_id: 'f', run_id: 'run_once' });
      const runSink = new RecordingSink();
      await streamRun(runSink, run_id, 0, { dispatcher, runHistory: history, feed });
      dispatcher.log(run_id, 'x');
      dispatcher.settle(run_id);
      await history.close();
      const events = stringify.mock.calls.filter(
        ([value]) => typeof value === 'object' && value !== null && 'type' in value,
      );
      expect(events.map(([value]) => (value as DispatchEvent).id)).toEqual([1, 2, 3]);
      expect(runSink.frames.map((frame) => frame.data)).toEqual(flowSink.frames.map((frame) => frame.data));
      expect(runSink.frames.map((frame) => JSON.parse(frame.data) as DispatchEvent)).toEqual(
        await history.events(run_id),
      );
    } finally {
      stringify.mockRestore();
    }
  });
});
