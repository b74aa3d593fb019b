import { RunJournals, type Dispatcher, type EventListener, type StartRunOptions } from '@fireflow/engine';
import type { DispatchEvent, EventOf, FlowBundle } from '@fireflow/protocol';
import { EventScript } from './events.ts';

interface FakeRun {
  script: EventScript;
  events: DispatchEvent[];
  settled: EventOf<'run.settled'> | null;
  waiters: Array<(event: EventOf<'run.settled'>) => void>;
}

/**
 * A FAKE dispatcher for route tests: no sandbox, no Stripe. A run emits `run.started`; then either finishes on
 * its own (a log line and `run.settled`) or, with `manual`, waits for the test to call `log` / `settle`.
 */
export class FakeDispatcher implements Dispatcher {
  readonly kind = 'in-process' as const;
  readonly starts: Array<{ bundle: FlowBundle; options: StartRunOptions }> = [];
  private readonly listeners = new Set<EventListener>();
  private readonly runs = new Map<string, FakeRun>();
  /** Like the real dispatchers: each event once, through the run's journal, to listeners with its entry. */
  private readonly journals = new RunJournals();
  private readonly manual: boolean;
  private readonly settleOnClose: boolean;
  private count = 0;

  /** `settleOnClose: false` plays a dispatcher whose runs outlast the shutdown bound (or a crash). */
  constructor(options: { manual?: boolean; settleOnClose?: boolean } = {}) {
    this.manual = options.manual ?? false;
    this.settleOnClose = options.settleOnClose ?? true;
  }

  private emit(run: FakeRun, event: DispatchEvent): void {
    run.events.push(event);
    const entry = this.journals.append(event);
    if (entry) for (const listener of this.listeners) listener(event, entry);
  }

  async startRun(bundle: FlowBundle, options: StartRunOptions): Promise<{ run_id: string }> {
    this.starts.push({ bundle, options });
    this.count += 1;
    const runId = options.run_id ?? `run_fake${this.count}`;
    const run: FakeRun = { script: new EventScript(runId, options.flow_id), events: [], settled: null, waiters: [] };
    this.runs.set(runId, run);
    this.emit(run, run.script.started());
    if (!this.manual) {
      setImmediate(() => {
        this.log(runId, 'hello from the fake dispatcher');
        this.settle(runId);
      });
    }
    return { run_id: runId };
  }

  private run(runId: string): FakeRun {
    const run = this.runs.get(runId);
    if (!run) throw new Error(`FakeDispatcher: unknown run ${runId}`);
    return run;
  }

  log(runId: string, message: string): void {
    const run = this.run(runId);
    this.emit(run, run.script.log(message));
  }

  settle(runId: string, status: 'succeeded' | 'failed' = 'succeeded'): void {
    const run = this.run(runId);
    const event = run.script.settled(status) as EventOf<'run.settled'>;
    run.settled = event;
    this.emit(run, event);
    for (const waiter of run.waiters.splice(0)) waiter(event);
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  waitForSettled(runId: string): Promise<EventOf<'run.settled'>> {
    const run = this.run(runId);
    if (run.settled) return Promise.resolve(run.settled);
    return new Promise((resolve) => run.waiters.push(resolve));
  }

  async replay(runId: string, afterId: number): Promise<DispatchEvent[]> {
    return (this.runs.get(runId)?.events ?? []).filter((event) => event.id > afterId);
  }

  /** Like the real ones, lets running work finish first: every unsettled run settles now. */
  async close(): Promise<void> {
    if (this.settleOnClose) for (const [runId, run] of this.runs) if (!run.settled) this.settle(runId);
    this.listeners.clear();
  }
}
