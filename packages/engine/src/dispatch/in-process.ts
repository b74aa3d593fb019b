import type {
  DispatchEvent,
  DispatchEventInput,
  EventOf,
  ExecutionJob,
  FlowBundle,
  RunCounts,
  StripeCallJob,
} from '@fireflow/protocol';
import type { Sandbox, SandboxLimits } from '../sandbox/types.ts';
import type { StripeCaller } from '../stripe/caller.ts';
import type { Dispatcher, EventListener, StartRunOptions } from './types.ts';
import { planRun } from './plan-run.ts';
import {
  DEFAULT_MAX_DEPTH,
  attemptCall,
  emitTooDeep,
  followUp,
  queuedEvent,
  runExecution,
  type StepContext,
} from './steps.ts';
import { emptyCounts, tallyEvent } from './run-tally.ts';

export interface InProcessDispatcherOptions {
  sandbox: Sandbox;
  caller: StripeCaller;
  redact: (text: string) => string;
  limits?: Partial<SandboxLimits>;
  maxDepth?: number;
  /** Settled runs whose events stay in memory for replay (default 200). */
  keepSettledRuns?: number;
}

interface RunState {
  id: string;
  /** Everything the steps need, made once per run (copying it per step cost ~1–3 µs each: see eventOf). */
  ctx: StepContext & { sandbox: Sandbox; limits: Partial<SandboxLimits> | undefined; caller: StripeCaller };
  started: number;
  nextId: number;
  pending: number;
  counts: RunCounts;
  events: DispatchEvent[];
  settled: EventOf<'run.settled'> | null;
  waiters: Array<(event: EventOf<'run.settled'>) => void>;
}

/** Runs everything in this process: executions on the sandbox pool, Stripe calls as promises. */
export function createInProcessDispatcher(options: InProcessDispatcherOptions): Dispatcher {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const keep = options.keepSettledRuns ?? 200;
  const listeners = new Set<EventListener>();
  const runs = new Map<string, RunState>();
  const settledOrder: string[] = [];
  let closing = false;
  let inFlight = 0;
  let idle: (() => void) | null = null;

  function emitFor(runId: string, input: DispatchEventInput): void {
    const run = runs.get(runId);
    if (!run) return;
    // Object.assign, not `{ ...input, id }`: see eventOf in steps.ts.
    const event = Object.assign({}, input, { id: run.nextId++ }) as DispatchEvent;
    tallyEvent(run.counts, event);
    run.events.push(event);
    for (const listener of listeners) listener(event);
  }

  function settle(runId: string, run: RunState): void {
    const status = run.counts.failed_executions > 0 ? 'failed' : 'succeeded';
    emitFor(runId, {
      type: 'run.settled',
      run_id: runId,
      context_id: run.events[0]?.context_id ?? runId,
      ts: Date.now(),
      status,
      counts: { ...run.counts },
      duration_ms: performance.now() - run.started,
    });
    run.settled = run.events.at(-1) as EventOf<'run.settled'>;
    for (const waiter of run.waiters.splice(0)) waiter(run.settled);
    settledOrder.push(runId);
    while (settledOrder.length > keep) runs.delete(settledOrder.shift() as string);
  }

  /** Work units: +1 before anything is queued, -1 after it and everything it queued is accounted for. */
  function track(run: RunState, delta: number): void {
    run.pending += delta;
    inFlight += delta;
    if (run.pending === 0) settle(run.id, run);
    if (inFlight === 0 && idle) idle();
  }

  function enqueueExecution(run: RunState, job: ExecutionJob): void {
    track(run, 1);
    run.ctx.emit(queuedEvent(job, run.ctx.bundle));
    void execute(run, job);
  }

  async function execute(run: RunState, job: ExecutionJob): Promise<void> {
    try {
      const calls = await runExecution(job, run.ctx);
      for (const call of calls) {
        track(run, 1);
        void callStripe(run, call);
      }
    } finally {
      track(run, -1);
    }
  }

  async function callStripe(run: RunState, call: StripeCallJob): Promise<void> {
    try {
      for (let attempt = 1; ; attempt += 1) {
        const step = await attemptCall(call, attempt, run.ctx);
        if (step.kind === 'retry') {
          await new Promise((resolve) => setTimeout(resolve, step.delayMs));
          continue;
        }
        const next = followUp(call, step, run.ctx.bundle, maxDepth);
        if (next.kind === 'job') enqueueExecution(run, next.job);
        if (next.kind === 'too_deep') emitTooDeep(next.job, maxDepth, run.ctx);
        return;
      }
    } finally {
      track(run, -1);
    }
  }

  return {
    kind: 'in-process',
    async startRun(bundle: FlowBundle, start: StartRunOptions) {
      if (closing) throw new Error('dispatcher is closing');
      const plan = planRun(bundle, start);
      const runId = plan.runId;
      const run: RunState = {
        id: runId,
        ctx: {
          bundle,
          redact: options.redact,
          emit: (event) => emitFor(runId, event),
          sandbox: options.sandbox,
          limits: options.limits,
          caller: options.caller,
        },
        started: performance.now(),
        nextId: 1,
        pending: 0,
        counts: emptyCounts(),
        events: [],
        settled: null,
        waiters: [],
      };
      runs.set(runId, run);
      run.ctx.emit(plan.started);
      enqueueExecution(run, plan.entryJob);
      return { run_id: runId };
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitForSettled(runId) {
      const run = runs.get(runId);
      if (!run) return Promise.reject(new Error(`unknown run ${runId}`));
      if (run.settled) return Promise.resolve(run.settled);
      return new Promise((resolve) => run.waiters.push(resolve));
    },
    async replay(runId, afterId) {
      return (runs.get(runId)?.events ?? []).filter((event) => event.id > afterId);
    },
    async close() {
      closing = true;
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => (idle = resolve)),
          new Promise((resolve) => setTimeout(resolve, 5_000).unref()),
        ]);
      }
      listeners.clear();
    },
  };
}
