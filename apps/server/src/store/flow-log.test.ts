import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowLog } from './flow-log.ts';
import type { IndexLine } from './run-log-format.ts';

let dir: string;
const errors: unknown[] = [];

beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(tmpdir(), 'fireflow-flow-log-')), 'flow-a');
  errors.length = 0;
});
afterEach(async () => {
  await rm(path.dirname(dir), { recursive: true, force: true });
});

const start = (runId: string): IndexLine => ({ t: 'start', run_id: runId, flow_id: 'flow-a', seg: 0, started_at: '' });
const lines = async (name: string) => (await readFile(path.join(dir, name), 'utf8')).trim().split('\n');

describe('FlowLog', () => {
  it('appends to the index a compaction wrote, not to the file it replaced', async () => {
    const log = new FlowLog(dir, 0, 0, (error) => errors.push(error));
    log.appendIndex(start('run_1'));
    await log.flush();
    log.compact([start('run_2')]);
    log.appendIndex(start('run_3'));
    await log.flush();
    log.appendIndex(start('run_4'));
    await log.flush();
    await log.settled();
    expect((await lines('index.jsonl')).map((text) => (JSON.parse(text) as IndexLine).run_id)).toEqual([
      'run_2',
      'run_3',
      'run_4',
    ]);
    expect(errors).toEqual([]);
  });

  it('still appends to a segment after the next one became current', async () => {
    const log = new FlowLog(dir, 0, 0, (error) => errors.push(error));
    const first = log.assign('run_old');
    log.appendEvent(first, 'a\n');
    await log.flush();
    let next = first;
    for (let i = 0; next === first; i += 1) next = log.assign(`run_${i}`);
    log.appendEvent(first, 'b\n');
    log.appendEvent(next, 'c\n');
    await log.flush();
    log.appendEvent(first, 'd\n');
    await log.flush();
    await log.settled();
    expect(await lines(`seg-${first}.jsonl`)).toEqual(['a', 'b', 'd']);
    expect(await lines(`seg-${next}.jsonl`)).toEqual(['c']);
    expect(errors).toEqual([]);
  });
});
