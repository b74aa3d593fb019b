import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventScript } from '../testing/events.ts';
import { RunHistory } from './run-history.ts';
import { HistoryReadError } from './flow-log.ts';

let dataDir: string;
const quiet = { error: () => {} };

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'fireflow-history-bytes-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** A settled run whose events take about 6 KB on disk. */
function recordRun(history: RunHistory, runId: string): void {
  const run = new EventScript(runId, 'flow-a');
  history.record(run.started());
  for (let i = 0; i < 5; i += 1) history.record(run.log('x'.repeat(1_000)));
  history.record(run.settled('succeeded'));
}

describe('RunHistory byte cap', () => {
  it('drops the oldest settled runs once a flow holds more bytes than allowed, and again on reopen', async () => {
    const history = await RunHistory.open({ dataDir, logger: quiet, maxBytesPerFlow: 20_000, flushMs: 1 });
    for (let i = 0; i < 10; i += 1) recordRun(history, `run_${i}`);
    const kept = history.list('flow-a').map((run) => run.run_id);
    expect(kept).toEqual(['run_9', 'run_8', 'run_7']);
    await history.close();

    const smaller = await RunHistory.open({ dataDir, logger: quiet, maxBytesPerFlow: 13_000 });
    expect(smaller.list('flow-a').map((run) => run.run_id)).toEqual(['run_9', 'run_8']);
    expect((await smaller.detail('run_9'))?.events).toHaveLength(7);
    await smaller.close();
  });

  it('never drops a run still going, however large', async () => {
    const history = await RunHistory.open({ dataDir, logger: quiet, maxBytesPerFlow: 1_000, flushMs: 1 });
    const run = new EventScript('run_live', 'flow-a');
    history.record(run.started());
    for (let i = 0; i < 5; i += 1) history.record(run.log('y'.repeat(1_000)));
    recordRun(history, 'run_done');
    expect(history.list('flow-a').map((each) => each.run_id)).toEqual(['run_live']);
    await history.close();
  });

  it('reports a segment it cannot read as an error, not as a run without events', async () => {
    const history = await RunHistory.open({ dataDir, logger: quiet, flushMs: 1 });
    recordRun(history, 'run_lost');
    await history.close();
    await unlink(path.join(dataDir, 'runs', 'flow-a', 'seg-0.jsonl'));
    const reopened = await RunHistory.open({ dataDir, logger: quiet });
    expect(reopened.summary('run_lost')?.status).toBe('succeeded');
    await expect(reopened.detail('run_lost')).rejects.toBeInstanceOf(HistoryReadError);
  });
});
