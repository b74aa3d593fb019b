import type { DispatchEvent, EventOf, ExecutionInput, FlowBundle, RunTrigger } from '@fireflow/protocol';
import type { JournalEntry } from '../events/run-journal.ts';

export interface StartRunOptions {
  flow_id: string;
  /** Entry node id; default the flow's `entry`. */
  entry?: string;
  /** Default: a fresh id. */
  run_id?: string;
  /** Default: the run id. */
  context_id?: string;
  /** What the entry script gets (default: nothing, as an entry); a replay's recorded inputs or sample data. */
  input?: ExecutionInput;
  /** Default `manual`. */
  trigger?: RunTrigger;
  /** A replay: the execution it repeats. */
  replay_of?: string;
  /** A webhook run: the Stripe event that started it. */
  event?: { id: string; type: string };
}

/** `entry`: the event as the dispatcher's journal holds it, with the JSON every reader shares. */
export type EventListener = (event: DispatchEvent, entry: JournalEntry) => void;

/**
 * Moves a run's executions and Stripe calls to whoever runs them. The in-process dispatcher and the Redis
 * dispatcher both implement this and pass the same conformance suite (`dispatch/conformance.ts`).
 */
export interface Dispatcher {
  readonly kind: 'in-process' | 'redis';
  /** Snapshots the bundle, queues the entry execution and resolves once `run.started` is emitted. */
  startRun(bundle: FlowBundle, options: StartRunOptions): Promise<{ run_id: string }>;
  /** Every event of every run this dispatcher can see, each once, in per-run `id` order. Returns an unsubscribe. */
  onEvent(listener: EventListener): () => void;
  /** Resolves with the run's `run.settled` event (at once if it has already settled). */
  waitForSettled(run_id: string): Promise<EventOf<'run.settled'>>;
  /** Events of a run with `id > afterId`, oldest first, as far as the dispatcher still has them. */
  replay(run_id: string, afterId: number): Promise<DispatchEvent[]>;
  /**
   * Hands over a run that its caller still holds as going but this dispatcher did not start (a server's history
   * after a restart), with the events known of it: the dispatcher sees it to the end — in Redis mode, a run whose
   * state Redis lost ends with `RUN_LOST`. Absent where runs cannot outlive their process.
   */
  adopt?(events: DispatchEvent[]): void;
  /**
   * False while what the dispatcher runs on (Redis) cannot be reached: its answers would wait for it, so callers
   * answer "unavailable" instead. Absent: always available.
   */
  available?(): boolean;
  /** Sandbox threads that died here and could not be started again (a pool in this process). */
  sandboxSpawnFailures?(): number;
  /** Stops taking work, lets running work finish (bounded), releases resources. */
  close(): Promise<void>;
}
