import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { executionError } from './errors.ts';
import { resolveLimits, workerStackSizeMb } from './limits.ts';
import { SHARED, type PoolWorkerData, type TaskBatch, type TaskEnvelope, type WorkerMessage } from './pool-protocol.ts';
import { compileQuickJS } from './quickjs.ts';
import { TaskQueue, type PendingTask } from './task-queue.ts';
import { DEFAULT_LIMITS, type Sandbox, type ScriptResult, type ScriptTask } from './types.ts';
import { workerExecArgv } from './worker-flags.ts';

export { workerExecArgv } from './worker-flags.ts';

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
  /**
   * A task still running this long holds up the tasks queued behind it: the pool takes those back, and when
   * every worker is held up, burst workers run the rest. Default 250 ms.
   */
  slowMs?: number;
  /**
   * Burst workers kept started and idle for when every worker is held up by a slow script, so an ordinary run
   * does not wait for the runaway ones to be stopped (a thread takes far longer to start on a machine they keep
   * busy). Default 3.
   */
  spareThreads?: number;
  /** Most burst workers in all: beyond the spares they start on demand and leave after 5 s idle. Default 6. */
  burstThreads?: number;
}

/** A pool is a Sandbox that can also say how busy it is. */
export interface SandboxPool extends Sandbox {
  /**
   * `running`: per regular worker, tasks handed to it and not answered yet; `burst`: the same per burst worker;
   * `queued`: tasks waiting for a worker; `hardStops`: threads terminated for a runaway script; `spawnFailures`:
   * workers that could not be replaced.
   */
  stats(): { running: number[]; burst: number[]; queued: number; hardStops: number; spawnFailures: number };
  /** Starts the spares now if they are not yet, and resolves once every worker being started is ready. */
  warm(): Promise<void>;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  running: Map<number, PendingTask & { seq: number }>;
  /** See SHARED: what the worker is running, and which tasks it must skip. */
  shared: Float64Array;
  seq: number;
  /** A burst worker: used only while every regular worker is held up (see SandboxPoolOptions.spareThreads). */
  extra: boolean;
  /** A spare: a burst worker that stays when idle. */
  spare: boolean;
  idleSince: number;
  /** Set before the pool ends the worker: the task it stopped, or -1 when the worker is retired. */
  ending: number | null;
}

/** How long past its CPU limit a script may run before its thread is terminated (SPEC §2). */
const HARD_STOP_GRACE_MS = 250;
const WATCH_EVERY_MS = 25;
const EXTRA_IDLE_MS = 5000;
const SPARES_AFTER_MS = 1000;

function internal(task: ScriptTask, message: string): ScriptResult {
  const error = { code: 'INTERNAL' as const, message, file: task.file, line: 0, column: 0 };
  return { ok: false, logs: [], requests: [], duration_ms: 0, error };
}

function timedOut(task: ScriptTask, durationMs: number): ScriptResult {
  const error = executionError({ message: '' }, 'timeout', task.file, resolveLimits(task.limits));
  return { ok: false, logs: [], requests: [], duration_ms: durationMs, error };
}

const now = () => performance.timeOrigin + performance.now();

/**
 * Runs scripts on worker threads in FIFO order, each task going to the least busy worker. A script still running
 * 250 ms past its CPU limit has its thread terminated (it fails with SCRIPT_TIMEOUT) and replaced; a worker that
 * dies is replaced and only the task it was running fails. Resolves once every worker is ready.
 */
export async function createSandboxPool(options: SandboxPoolOptions = {}): Promise<SandboxPool> {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const pipeline = Math.max(1, options.pipeline ?? 4);
  const maxBatch = Math.max(pipeline, options.maxBatch ?? 512);
  const slowMs = options.slowMs ?? 250;
  const spareThreads = Math.max(0, options.spareThreads ?? 3);
  const burstThreads = Math.max(spareThreads, options.burstThreads ?? 6);
  const compiled = await compileQuickJS();
  const stackSizeMb = workerStackSizeMb(Math.max(options.maxStackBytes ?? 0, DEFAULT_LIMITS.stackBytes));
  const url = options.workerUrl ?? new URL('./pool-worker.cjs', import.meta.url);
  const execArgv = workerExecArgv(process.execArgv);
  const queue = new TaskQueue();
  const slots = new Set<Slot>();
  let nextId = 0;
  let closed = false;
  let dispatchQueued = false;
  let hardStops = 0;
  let spawnFailures = 0;
  const starting = new Set<Promise<void>>();

  /** The worker has been on its current task for `slowMs` or more: nothing more should wait behind it. */
  const isSlow = (slot: Slot, at: number): boolean =>
    slot.shared[SHARED.current]! >= 0 && at - slot.shared[SHARED.startedAt]! >= slowMs;

  /** Every regular worker is on a slow script, so burst workers may take tasks. */
  const heldUp = (at: number): boolean => {
    for (const slot of slots) if (!slot.extra && slot.ready && slot.ending === null && !isSlow(slot, at)) return false;
    return true;
  };

  const leastBusy = (limit: number, at: number, burst: boolean): Slot | undefined => {
    let best: Slot | undefined;
    for (const slot of slots) {
      if (!slot.ready || slot.ending !== null || slot.running.size >= limit || (slot.extra && !burst)) continue;
      if (slot.running.size > 0 && isSlow(slot, at)) continue;
      if (!best || slot.running.size < best.running.size) best = slot;
    }
    return best;
  };

  /**
   * How many tasks a worker may hold now. A worker hands back its results when the main thread's event loop gets
   * to them, which under a flood of I/O can take hundreds of ms: with only `pipeline` tasks each, the workers sat
   * idle while thousands waited. So with a backlog, each worker holds its share of it.
   */
  const limit = (at: number): number => {
    let ready = 0;
    let held = 0;
    for (const slot of slots) {
      if (!slot.ready) continue;
      // While a slow script holds a worker, a task handed out early may wait behind the next one: one at a time.
      if (isSlow(slot, at)) return 1;
      ready += 1;
      held += slot.running.size;
    }
    return ready === 0 ? 0 : Math.min(maxBatch, Math.max(pipeline, Math.ceil((queue.size + held) / ready)));
  };

  /** Hands out waiting tasks one at a time to the least busy worker, then sends each worker its share at once. */
  const dispatch = (): void => {
    dispatchQueued = false;
    const batches = new Map<Slot, TaskEnvelope[]>();
    const at = now();
    const most = limit(at);
    const burst = heldUp(at);
    for (let slot = leastBusy(most, at, burst); slot && queue.size > 0; slot = leastBusy(most, at, burst)) {
      const pending = queue.shift()!;
      const seq = (slot.seq += 1);
      slot.running.set(pending.id, { ...pending, seq });
      let batch = batches.get(slot);
      if (!batch) batches.set(slot, (batch = []));
      batch.push({ id: pending.id, seq, task: pending.task });
    }
    for (const [slot, tasks] of batches) {
      slot.worker.ref();
      slot.worker.postMessage({ type: 'tasks', tasks } satisfies TaskBatch);
    }
  };
  /**
   * Tasks submitted in the same turn of the event loop share a message: under load one turn takes in many
   * requests and Stripe answers, each with its own callback, and a message per callback would wake a worker
   * for each. `setImmediate` runs right after the turn's I/O, so a lone task is not held back.
   */
  const scheduleDispatch = (): void => {
    if (dispatchQueued) return;
    dispatchQueued = true;
    setImmediate(dispatch);
  };

  const spawn = (extra = false, spare = false): Promise<void> =>
    new Promise((resolve, reject) => {
      const shared = new Float64Array(new SharedArrayBuffer(SHARED.length * Float64Array.BYTES_PER_ELEMENT));
      shared[SHARED.current] = -1;
      shared[SHARED.skipThrough] = -1;
      const workerData: PoolWorkerData = { compiled, shared: shared.buffer as SharedArrayBuffer };
      const slot: Slot = {
        worker: new Worker(url, { workerData, execArgv, resourceLimits: { stackSizeMb } }),
        ready: false,
        running: new Map(),
        shared,
        seq: 0,
        extra,
        spare,
        idleSince: now(),
        ending: null,
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
        if (slot.running.size === 0) {
          slot.worker.unref();
          slot.idleSince = now();
        }
        scheduleDispatch();
      });
      slot.worker.on('error', (error) => {
        if (!slot.ready) reject(error);
      });
      slot.worker.on('exit', (code) => {
        slots.delete(slot);
        const reason = closed ? 'the sandbox was closed' : `the sandbox worker died (exit code ${code})`;
        const current = slot.ending ?? slot.shared[SHARED.current];
        // Only the task it was running fails; the ones it had not answered yet (not started, or done but not
        // reported) run again elsewhere, first: a script's only effects are the result it returns.
        const rerun: PendingTask[] = [];
        for (const pending of slot.running.values()) {
          if (closed) pending.resolve(internal(pending.task, reason));
          else if (pending.id !== current) rerun.push(pending);
          else if (slot.ending === current)
            pending.resolve(timedOut(pending.task, now() - slot.shared[SHARED.startedAt]!));
          else pending.resolve(internal(pending.task, reason));
        }
        slot.running.clear();
        queue.unshift(rerun);
        if (!slot.ready) reject(new Error(`sandbox worker exited during startup (code ${code})`));
        // Replace only workers that had started (one that cannot start would fail again, in a loop), and not
        // an extra worker that was retired.
        else if (!closed && slot.ending !== -1) replace(slot.extra, slot.spare);
        if (!closed && slots.size === 0) queue.drain((task) => internal(task, 'no sandbox worker could start'));
        scheduleDispatch();
      });
    });
  const replace = (extra: boolean, spare: boolean): void => {
    const started = spawn(extra, spare).catch(() => {
      spawnFailures += 1;
    });
    starting.add(started);
    void started.finally(() => starting.delete(started));
  };

  /** Takes back the tasks queued behind a slow one, for other workers; the worker skips them if it gets there. */
  const reclaim = (slot: Slot): void => {
    const runningSeq = slot.shared[SHARED.seq]!;
    const back = [...slot.running.values()].filter((pending) => pending.seq > runningSeq);
    if (back.length === 0) return;
    slot.shared[SHARED.skipThrough] = slot.seq;
    for (const pending of back) slot.running.delete(pending.id);
    queue.unshift(back.sort((a, b) => a.seq - b.seq));
  };

  /** Every WATCH_EVERY_MS: stop runaway scripts, unblock what waits behind slow ones, and size the pool. */
  const watch = (): void => {
    const at = now();
    let extras = 0;
    for (const slot of slots) {
      if (slot.extra) extras += 1;
      if (!slot.ready || slot.ending !== null) continue;
      const id = slot.shared[SHARED.current]!;
      if (id >= 0 && at - slot.shared[SHARED.startedAt]! > slot.shared[SHARED.cpuMs]! + HARD_STOP_GRACE_MS) {
        slot.ending = id;
        hardStops += 1;
        void slot.worker.terminate();
        continue;
      }
      if (isSlow(slot, at)) reclaim(slot);
      if (slot.extra && !slot.spare && slot.running.size === 0 && at - slot.idleSince > EXTRA_IDLE_MS) {
        slot.ending = -1;
        void slot.worker.terminate();
      }
    }
    if (queue.size > 0 && heldUp(at)) {
      const idle = [...slots].filter((slot) => slot.extra && (!slot.ready || slot.running.size === 0)).length;
      const wanted = Math.min(queue.size - idle, burstThreads - extras);
      for (let i = 0; i < wanted; i += 1) replace(true, false);
    }
    if (queue.size > 0) scheduleDispatch();
  };

  const terminateAll = () => Promise.all([...slots].map((slot) => slot.worker.terminate()));
  try {
    await Promise.all(Array.from({ length: threads }, () => spawn()));
  } catch (error) {
    closed = true;
    await terminateAll();
    throw error;
  }
  // Spares start a moment later, in the background: the pool is usable as soon as its regular workers are, and a
  // short-lived process (one CLI run) never pays for them.
  let sparesDue: NodeJS.Timeout | null = setTimeout(() => startSpares(), SPARES_AFTER_MS);
  sparesDue.unref();
  const startSpares = () => {
    if (sparesDue === null || closed) return;
    clearTimeout(sparesDue);
    sparesDue = null;
    for (let i = 0; i < spareThreads; i += 1) replace(true, true);
  };
  const watcher = setInterval(watch, WATCH_EVERY_MS);
  watcher.unref();
  return {
    stats: () => ({
      running: [...slots].filter((slot) => !slot.extra).map((slot) => slot.running.size),
      burst: [...slots].filter((slot) => slot.extra).map((slot) => slot.running.size),
      queued: queue.size,
      hardStops,
      spawnFailures,
    }),
    async warm() {
      startSpares();
      while (starting.size > 0) await Promise.all(starting);
    },
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
      clearInterval(watcher);
      if (sparesDue) clearTimeout(sparesDue);
      queue.drain((task) => internal(task, 'the sandbox was closed'));
      await terminateAll();
    },
  };
}
