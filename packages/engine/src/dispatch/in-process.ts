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
  emitRefused,
  emitTooDeep,
  followUp,
  queuedEvent,
  runExecution,
  type StepContext,
} from './steps.ts';
import { emptyCounts, tallyEvent } from './run-tally.ts';
import { createBudgetLedger, resolveBudgets, type RunBudgetGate, type RunBudgets } from './budgets.ts';
import { RunJournals } from '../events/run-journals.ts';

export interface InProcessDispatcherOptions {
  sandbox: Sandbox;
  caller: StripeCaller;
  redact: (text: string) => string;
  limits?: Partial<SandboxLimits>;
  maxDepth?: number;
  /** Per-run budgets (SPEC §2); unset ones take `DEFAULT_RUN_BUDGETS`. */
  budgets?: Partial<RunBudgets>;
  /** Settled runs whose `run.settled` stays in memory for `waitForSettled` (default 200); their events do not. */
  keepSettledRuns?: number;
  /** Events of a running run kept for `replay`, newest (default 10 000, like a Redis run stream). */
  maxEventsPerRun?: number;
  log?: (message: string) => void;
}

interface RunState {
  id: string;
  /** Everything the steps need, made once per run (copying it per step cost ~1–3 µs each: see eventOf). */
  ctx: StepContext & {
    sandbox: Sandbox;
    limits: Partial<SandboxLimits> | undefined;
    caller: StripeCaller;
    budget: RunBudgetGate;
  };
  contextId: string;
  started: number;
  nextId: number;
  pending: number;
  counts: RunCounts;
  waiters: Array<(event: EventOf<'run.settled'>) => void>;
  callsInFlight: number;
  /** Calls admitted by the budget, waiting for one of the run's in-flight slots. */
  waitingCalls: StripeCallJob[];
}

/** Runs everything in this process: executions on the sandbox pool, Stripe calls as promises. */
export function createInProcessDispatcher(options: InProcessDispatcherOptions): Dispatcher {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const keep = options.keepSettledRuns ?? 200;
  const maxEvents = options.maxEventsPerRun ?? 10_000;
  const budgets = resolveBudgets(options.budgets);
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const listeners = new Set<EventListener>();
  const runs = new Map<string, RunState>();
  // A run's newest events, for `replay` while it goes; once it settles only its run.settled stays here.
  const journals = new RunJournals({ keepSettled: keep, maxEvents });
  let closing = false;
  let inFlight = 0;
  let idle: (() => void) | null = null;

  function emitFor(runId: string, input: DispatchEventInput): DispatchEvent | undefined {
    const run = runs.get(runId);
    if (!run) return undefined;
    // Object.assign, not `{ ...input, id }`: see eventOf in steps.ts.
    const event = Object.assign({}, input, { id: run.nextId++ }) as DispatchEvent;
    tallyEvent(run.counts, event);
    const entry = journals.append(event);
    if (!entry) return undefined;
    for (const listener of listeners) {
      try {
        listener(event, entry);
      } catch (error) {
        log(`event listener failed: ${(error as Error).message}`);
      }
    }
    return event;
  }

  function settle(runId: string, run: RunState): void {
    const status = run.counts.failed_executions > 0 ? 'failed' : 'succeeded';
    const settled = emitFor(runId, {
      type: 'run.settled',
      run_id: runId,
      context_id: run.contextId,
      ts: Date.now(),
      status,
      counts: { ...run.counts },
      duration_ms: performance.now() - run.started,
    }) as EventOf<'run.settled'>;
    runs.delete(runId);
    for (const waiter of run.waiters.splice(0)) waiter(settled);
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
        if (run.callsInFlight < budgets.callsInFlight) void callStripe(run, call);
        else run.waitingCalls.push(call);
      }
    } finally {
      track(run, -1);
    }
  }

  /** A call holds one of its run's in-flight slots from its first attempt to its final answer, retries included. */
  async function callStripe(run: RunState, call: StripeCallJob): Promise<void> {
    run.callsInFlight += 1;
    try {
      for (let attempt = 1; ; attempt += 1) {
        const step = await attemptCall(call, attempt, run.ctx);
        if (step.kind === 'retry') {
          await new Promise((resolve) => setTimeout(resolve, step.delayMs));
          continue;
        }
        const next = followUp(call, step, run.ctx.bundle, maxDepth);
        if (next.kind === 'too_deep') emitTooDeep(next.job, maxDepth, run.ctx);
        if (next.kind !== 'job') return;
        const refused = await run.ctx.budget.admitDispatch(next.job.execution_id);
        if (refused) emitRefused(next.job, refused, run.ctx);
        else enqueueExecution(run, next.job);
        return;
      }
    } finally {
      run.callsInFlight -= 1;
      const waiting = run.waitingCalls.shift();
      if (waiting) void callStripe(run, waiting);
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
          budget: createBudgetLedger(budgets),
        },
        contextId: plan.contextId,
        started: performance.now(),
        nextId: 1,
        pending: 0,
        counts: emptyCounts(),
        waiters: [],
        callsInFlight: 0,
        waitingCalls: [],
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
      const settled = journals.settled(runId);
      if (settled) return Promise.resolve(settled);
      const run = runs.get(runId);
      if (!run) return Promise.reject(new Error(`unknown run ${runId}`));
      return new Promise((resolve) => run.waiters.push(resolve));
    },
    async replay(runId, afterId) {
      return journals.after(runId, afterId).map((entry) => entry.event);
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
