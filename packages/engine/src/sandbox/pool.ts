import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerStackSizeMb } from './limits.ts';
import type { PoolWorkerData, TaskBatch, TaskEnvelope, WorkerMessage } from './pool-protocol.ts';
import { compileQuickJS } from './quickjs.ts';
import { TaskQueue, type PendingTask } from './task-queue.ts';
import { DEFAULT_LIMITS, type Sandbox, type ScriptResult, type ScriptTask } from './types.ts';

export interface SandboxPoolOptions {
  /** Worker threads. Default: `os.availableParallelism()`. */
  threads?: number;
  /**
   * Tasks handed to one worker before it has answered them, while few are waiting. More lets a busy pool send and
   * answer tasks in fewer, larger messages; 1 gives strictly even spreading when scripts are slow. Default 4.
   * When many wait, each worker is handed up to its share of the backlog (at most `maxBatch`): see dispatch.
   */
  pipeline?: number;
  /** Most tasks one worker may hold when a backlog builds up. Default 512. */
  maxBatch?: number;
  /** Largest script stack a task may ask for; sizes each worker's native stack. Default 1 MiB. */
  maxStackBytes?: number;
  /** Worker entry module, CommonJS (tests swap in one that can crash). Default: `./pool-worker.cjs`. */
  workerUrl?: URL;
}

/** A pool is a Sandbox that can also say how busy it is. */
export interface SandboxPool extends Sandbox {
  /** `running`: per worker, tasks handed to it and not answered yet; `queued`: tasks waiting for a worker. */
  stats(): { running: number[]; queued: number };
}

interface Slot {
  worker: Worker;
  ready: boolean;
  running: Map<number, PendingTask>;
  /** Written by the worker: the id of the task it is running (see PoolWorkerData.current). */
  current: Float64Array;
}

/** Flags a worker thread accepts and a user may want in it too (profiling, source maps, warnings). */
const WORKER_FLAG =
  /^--(cpu-prof|heap-prof|enable-source-maps|conditions|no-warnings|no-deprecation|trace-warnings|trace-deprecation|trace-uncaught)/;
/** Those of them whose value may come as the next argument (`--cpu-prof-dir /tmp/p`). */
const VALUE_FLAG = /^--((cpu|heap)-prof-(dir|name|interval)|conditions)$/;

/**
 * What the workers get of the process's flags. Not all of them: a worker would inherit `--import tsx` and start a
 * loader thread of its own (the entry registers tsx in-thread instead), and process-wide flags such as
 * `--max-old-space-size`, passed on explicitly, make Worker throw.
 */
export function workerExecArgv(argv: readonly string[]): string[] {
  const kept: string[] = [];
  argv.forEach((arg, index) => {
    if (!WORKER_FLAG.test(arg)) return;
    kept.push(arg);
    const value = argv[index + 1];
    if (VALUE_FLAG.test(arg) && value !== undefined) kept.push(value);
  });
  return kept;
}

function internal(task: ScriptTask, message: string): ScriptResult {
  const error = { code: 'INTERNAL' as const, message, file: task.file, line: 0, column: 0 };
  return { ok: false, logs: [], requests: [], duration_ms: 0, error };
}

/**
 * Runs scripts on worker threads in FIFO order, each task going to the least busy worker. A worker that dies is
 * replaced, and the tasks it was running fail with `INTERNAL` instead of hanging. Resolves once every worker is
 * ready.
 */
export async function createSandboxPool(options: SandboxPoolOptions = {}): Promise<SandboxPool> {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const pipeline = Math.max(1, options.pipeline ?? 4);
  const maxBatch = Math.max(pipeline, options.maxBatch ?? 512);
  const compiled = await compileQuickJS();
  const stackSizeMb = workerStackSizeMb(Math.max(options.maxStackBytes ?? 0, DEFAULT_LIMITS.stackBytes));
  const url = options.workerUrl ?? new URL('./pool-worker.cjs', import.meta.url);
  const execArgv = workerExecArgv(process.execArgv);
  const queue = new TaskQueue();
  const slots = new Set<Slot>();
  let nextId = 0;
  let closed = false;
  let dispatchQueued = false;

  const leastBusy = (limit: number): Slot | undefined => {
    let best: Slot | undefined;
    for (const slot of slots) {
      if (slot.ready && slot.running.size < limit && (!best || slot.running.size < best.running.size)) best = slot;
    }
    return best;
  };

  /**
   * How many tasks a worker may hold now. A worker hands back its results when the main thread's event loop gets
   * to them, which under a flood of I/O (10,000 Stripe answers arriving at once) can take hundreds of ms: with
   * only `pipeline` tasks each, the workers sat idle while thousands waited. So with a backlog, each worker
   * holds its share of it.
   */
  const limit = (): number => {
    let ready = 0;
    let held = 0;
    for (const slot of slots) {
      if (!slot.ready) continue;
      ready += 1;
      held += slot.running.size;
    }
    return ready === 0 ? 0 : Math.min(maxBatch, Math.max(pipeline, Math.ceil((queue.size + held) / ready)));
  };

  /** Hands out waiting tasks one at a time to the least busy worker, then sends each worker its share at once. */
  const dispatch = (): void => {
    dispatchQueued = false;
    const batches = new Map<Slot, TaskEnvelope[]>();
    const most = limit();
    for (let slot = leastBusy(most); slot && queue.size > 0; slot = leastBusy(most)) {
      const pending = queue.shift()!;
      slot.running.set(pending.id, pending);
      let batch = batches.get(slot);
      if (!batch) batches.set(slot, (batch = []));
      batch.push({ id: pending.id, task: pending.task });
    }
    for (const [slot, tasks] of batches) {
      slot.worker.ref();
      slot.worker.postMessage({ type: 'tasks', tasks } satisfies TaskBatch);
    }
  };
  /** Tasks submitted in the same tick (e.g. the follow-ups of one batch of results) share a message. */
  const scheduleDispatch = (): void => {
    if (dispatchQueued) return;
    dispatchQueued = true;
    queueMicrotask(dispatch);
  };

  const spawn = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const current = new Float64Array(new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT)).fill(-1);
      const workerData: PoolWorkerData = { compiled, current: current.buffer as SharedArrayBuffer };
      const slot: Slot = {
        worker: new Worker(url, { workerData, execArgv, resourceLimits: { stackSizeMb } }),
        ready: false,
        running: new Map(),
        current,
      };
      slots.add(slot);
      slot.worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          slot.ready = true;
          resolve();
        } else {
          for (const { id, result } of message.results) {
            slot.running.get(id)?.resolve(result);
            slot.running.delete(id);
          }
        }
        // An idle worker must not keep the process alive; a busy one must.
        if (slot.running.size === 0) slot.worker.unref();
        scheduleDispatch();
      });
      slot.worker.on('error', (error) => {
        if (!slot.ready) reject(error);
      });
      slot.worker.on('exit', (code) => {
        slots.delete(slot);
        const reason = closed ? 'the sandbox was closed' : `the sandbox worker died (exit code ${code})`;
        // Only the task it was running when it died fails; the ones it had not answered yet (not started, or done
        // but not reported) run again elsewhere, first: a script's only effects are the result it returns.
        const rerun: PendingTask[] = [];
        for (const pending of slot.running.values()) {
          if (closed || pending.id === slot.current[0]) pending.resolve(internal(pending.task, reason));
          else rerun.push(pending);
        }
        slot.running.clear();
        queue.unshift(rerun);
        if (!slot.ready) reject(new Error(`sandbox worker exited during startup (code ${code})`));
        // Replace only workers that had started: one that cannot start would fail again, in a loop.
        else if (!closed) void spawn().catch(() => undefined);
        if (!closed && slots.size === 0) queue.drain((task) => internal(task, 'no sandbox worker could start'));
        scheduleDispatch();
      });
    });

  const terminateAll = () => Promise.all([...slots].map((slot) => slot.worker.terminate()));
  try {
    await Promise.all(Array.from({ length: threads }, spawn));
  } catch (error) {
    closed = true;
    await terminateAll();
    throw error;
  }
  return {
    stats: () => ({ running: [...slots].map((slot) => slot.running.size), queued: queue.size }),
    run(task) {
      if (closed) return Promise.reject(new Error('the sandbox is closed'));
      return new Promise<ScriptResult>((resolve) => {
        queue.push({ id: nextId++, task, resolve });
        scheduleDispatch();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      queue.drain((task) => internal(task, 'the sandbox was closed'));
      await terminateAll();
    },
  };
}
