import type { DispatchEvent, DispatchEventInput, RunCounts } from '@fireflow/protocol';

/** Hand-built events for tests of the server's plumbing (the engine makes the real ones). */
export class EventScript {
  private next = 1;
  readonly runId: string;
  readonly flowId: string;

  constructor(runId: string, flowId: string) {
    this.runId = runId;
    this.flowId = flowId;
  }

  private make(input: DispatchEventInput): DispatchEvent {
    return { ...input, id: this.next++ } as DispatchEvent;
  }

  started(ts = Date.now()): DispatchEvent {
    return this.make({
      type: 'run.started',
      run_id: this.runId,
      context_id: this.runId,
      ts,
      flow_id: this.flowId,
      flow_name: this.flowId,
      entry: 'main',
    });
  }

  log(message: string): DispatchEvent {
    return this.make({
      type: 'execution.log',
      run_id: this.runId,
      context_id: this.runId,
      ts: Date.now(),
      execution_id: 'ex_1',
      node_id: 'main',
      level: 'log',
      message,
    });
  }

  settled(status: 'succeeded' | 'failed' = 'succeeded', counts: Partial<RunCounts> = {}): DispatchEvent {
    return this.make({
      type: 'run.settled',
      run_id: this.runId,
      context_id: this.runId,
      ts: Date.now(),
      status,
      counts: { executions: 1, failed_executions: 0, stripe_calls: 0, stripe_failures: 0, ...counts },
      duration_ms: 3,
    });
  }
}
