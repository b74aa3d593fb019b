import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventScript } from '../testing/events.ts';
import { RunHistory } from './run-history.ts';

let dataDir: string;
const quiet = { error: () => {} };

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'fireflow-history-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('RunHistory', () => {
  it('keeps a run on disk across a reopen', async () => {
    const history = await RunHistory.open({ dataDir, logger: quiet });
    const run = new EventScript('run_a', 'flow-a');
    for (const event of [run.started(), run.log('hello'), run.settled('succeeded')]) history.record(event);
    expect(history.summary('run_a')?.status).toBe('succeeded');
    await history.close();

    const reopened = await RunHistory.open({ dataDir, logger: quiet });
    expect(reopened.list('flow-a').map((r) => [r.run_id, r.status])).toEqual([['run_a', 'succeeded']]);
    const detail = await reopened.detail('run_a');
    expect(detail?.events.map((e) => e.type)).toEqual(['run.started', 'execution.log', 'run.settled']);
    expect(detail?.counts?.executions).toBe(1);
  });

  it('writes events in batches, many runs to a file', async () => {
    const history = await RunHistory.open({ dataDir, logger: quiet, flushMs: 10_000 });
    const run = new EventScript('run_b', 'flow-b');
    history.record(run.started());
    for (let i = 0; i < 50; i += 1) history.record(run.log(`line ${i}`));
    // Nothing on disk yet: the batch waits for the timer or the settlement.
    expect(await readdir(path.join(dataDir, 'runs')).catch(() => [])).toEqual([]);
    history.record(run.settled());
    await history.close();
    const text = await readFile(path.join(dataDir, 'runs', 'flow-b', 'seg-0.jsonl'), 'utf8');
    expect(text.trim().split('\n')).toHaveLength(52);
  });

  it('marks a run that was going when the server stopped as failed and interrupted', async () => {
    const history = await RunHistory.open({ dataDir, logger: quiet, flushMs: 1 });
    const run = new EventScript('run_c', 'flow-c');
    history.record(run.started());
    history.record(run.log('working'));
    await history.close();

    const reopened = await RunHistory.open({ dataDir, logger: quiet, onUnfinished: 'interrupt' });
    expect(reopened.summary('run_c')).toMatchObject({ status: 'failed', interrupted: true });
    await reopened.close();
    // The marker is on disk, so the next start does not have to decide again.
    const again = await RunHistory.open({ dataDir, logger: quiet, onUnfinished: 'resume' });
    expect(again.summary('run_c')).toMatchObject({ status: 'failed', interrupted: true });
  });

  it('resumes an unfinished run when the dispatcher may still be running it (Redis)', async () => {
    const history = await RunHistory.open({ dataDir, logger: quiet, flushMs: 1 });
    const run = new EventScript('run_d', 'flow-d');
    history.record(run.started());
    await history.close();
    const reopened = await RunHistory.open({ dataDir, logger: quiet, onUnfinished: 'resume' });
    expect(reopened.summary('run_d')?.status).toBe('running');
    expect(reopened.unfinished()).toEqual([{ runId: 'run_d', lastId: 1 }]);
    reopened.record(run.settled());
    expect((await reopened.events('run_d'))?.map((e) => e.id)).toEqual([1, 2]);
  });

  it('caps events per run and says so', async () => {
    const history = await RunHistory.open({ dataDir, logger: quiet, maxEventsPerRun: 5 });
    const run = new EventScript('run_e', 'flow-e');
    history.record(run.started());
    for (let i = 0; i < 10; i += 1) history.record(run.log(`line ${i}`));
    history.record(run.settled());
    await history.close();
    const reopened = await RunHistory.open({ dataDir, logger: quiet });
    const detail = await reopened.detail('run_e');
    expect(detail?.events).toHaveLength(5);
    expect(detail?.events.at(-1)?.type).toBe('run.settled');
    expect(detail?.truncated).toBe(true);
  });

  it('keeps only the newest runs per flow, on disk too', async () => {
    const history = await RunHistory.open({ dataDir, logger: quiet, maxRunsPerFlow: 3 });
    for (let i = 0; i < 120; i += 1) {
      const run = new EventScript(`run_${i}`, 'flow-f');
      history.record(run.started(1_000 + i));
      history.record(run.settled());
    }
    expect(history.list('flow-f').map((r) => r.run_id)).toEqual(['run_119', 'run_118', 'run_117']);
    await history.close();
    // 50 runs to a segment: the first two segments hold only pruned runs and are gone.
    expect((await readdir(path.join(dataDir, 'runs', 'flow-f'))).sort()).toEqual(['index.jsonl', 'seg-2.jsonl']);

    const reopened = await RunHistory.open({ dataDir, logger: quiet, maxRunsPerFlow: 3 });
    expect(reopened.list('flow-f').map((r) => r.run_id)).toEqual(['run_119', 'run_118', 'run_117']);
    expect((await reopened.detail('run_118'))?.events.map((e) => e.type)).toEqual(['run.started', 'run.settled']);
    await reopened.close();
    const index = await readFile(path.join(dataDir, 'runs', 'flow-f', 'index.jsonl'), 'utf8');
    expect(index.trim().split('\n')).toHaveLength(6);
  });

  it('ignores duplicate deliveries of an event', async () => {
    const history = await RunHistory.open({ dataDir, logger: quiet });
    const run = new EventScript('run_g', 'flow-g');
    const started = run.started();
    const log = run.log('once');
    history.record(started);
    history.record(log);
    history.record(log);
    expect((await history.events('run_g'))?.map((e) => e.id)).toEqual([1, 2]);
  });
});
