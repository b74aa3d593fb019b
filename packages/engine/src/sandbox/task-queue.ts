import type { ScriptResult, ScriptTask } from './types.ts';

export interface PendingTask {
  id: number;
  task: ScriptTask;
  resolve: (result: ScriptResult) => void;
}

/** FIFO of tasks waiting for a worker; O(1) push and shift even when thousands are queued. */
export class TaskQueue {
  private items: (PendingTask | undefined)[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: PendingTask): void {
    this.items.push(item);
  }

  /** Puts `items` back at the front, in their order (tasks a dead worker never finished). */
  unshift(items: PendingTask[]): void {
    if (items.length === 0) return;
    this.items = [...items, ...this.items.slice(this.head)];
    this.head = 0;
  }

  shift(): PendingTask | undefined {
    if (this.head === this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Removes every waiting task, settling each with `result(task)`. */
  drain(result: (task: ScriptTask) => ScriptResult): void {
    for (let item = this.shift(); item; item = this.shift()) item.resolve(result(item.task));
  }
}
