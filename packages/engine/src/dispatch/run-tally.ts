import type { DispatchEvent, RunCounts } from '@fireflow/protocol';

/** Counts for `run.settled`, folded from the run's own events so every dispatcher reports the same way. */
export function emptyCounts(): RunCounts {
  return { executions: 0, failed_executions: 0, stripe_calls: 0, stripe_failures: 0 };
}

export function tallyEvent(counts: RunCounts, event: Pick<DispatchEvent, 'type'> & { final?: boolean }): void {
  switch (event.type) {
    case 'execution.finished':
      counts.executions += 1;
      break;
    case 'execution.failed':
      counts.executions += 1;
      counts.failed_executions += 1;
      break;
    case 'stripe.request.succeeded':
      counts.stripe_calls += 1;
      break;
    case 'stripe.request.failed':
      if (event.final) {
        counts.stripe_calls += 1;
        counts.stripe_failures += 1;
      }
      break;
    default:
      break;
  }
}
