import { describe, expect, it } from 'vitest';
import { TaskQueue, type PendingTask } from './task-queue.ts';
import { task } from './test-fixtures/tasks.ts';
import type { ScriptResult } from './types.ts';

const pending = (id: number, settled: Map<number, ScriptResult> = new Map()): PendingTask => ({
  id,
  task: task(`print(${id})`),
  resolve: (result) => settled.set(id, result),
});

describe('TaskQueue', () => {
  it('is first in, first out, across its internal compaction', () => {
    const queue = new TaskQueue();
    const out: number[] = [];
    for (let id = 0; id < 5000; id += 1) {
      queue.push(pending(id));
      if (id % 3 === 0) out.push(queue.shift()!.id);
    }
    while (queue.size > 0) out.push(queue.shift()!.id);
    expect(out).toEqual(Array.from({ length: 5000 }, (_, id) => id));
    expect(queue.shift()).toBeUndefined();
  });

  it('drain settles every waiting task and empties the queue', () => {
    const queue = new TaskQueue();
    const settled = new Map<number, ScriptResult>();
    [1, 2, 3].forEach((id) => queue.push(pending(id, settled)));
    const closed: ScriptResult = { ok: true, logs: [], requests: [], duration_ms: 0 };
    queue.drain(() => closed);
    expect([...settled.keys()]).toEqual([1, 2, 3]);
    expect(queue.size).toBe(0);
  });

  it('puts tasks back at the front in their order', () => {
    const queue = new TaskQueue();
    for (let id = 0; id < 4; id += 1) queue.push(pending(id));
    queue.shift();
    queue.unshift([pending(10), pending(11)]);
    const out: number[] = [];
    for (let item = queue.shift(); item; item = queue.shift()) out.push(item.id);
    expect(out).toEqual([10, 11, 1, 2, 3]);
  });
});
