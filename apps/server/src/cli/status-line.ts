import type { DispatchEvent } from '@fireflow/protocol';

/** The live "executions running, Stripe calls in flight" line shown under the output on a terminal. */
export function createStatusLine(stream: NodeJS.WriteStream) {
  let running = 0;
  let inFlight = 0;
  let shown = false;
  const clear = () => {
    if (shown) stream.write('\r\u001b[2K');
    shown = false;
  };
  return {
    /** Writes `line` above the status line, then redraws it. */
    print(line: string | null, event: DispatchEvent) {
      if (event.type === 'execution.started') running += 1;
      if (event.type === 'execution.finished' || event.type === 'execution.failed') running = Math.max(0, running - 1);
      if (event.type === 'stripe.request.sent') inFlight += 1;
      if (event.type === 'stripe.request.succeeded' || event.type === 'stripe.request.failed') inFlight -= 1;
      clear();
      if (line !== null) stream.write(`${line}\n`);
      if (event.type !== 'run.settled') {
        stream.write(`\u001b[2m… ${running} executions running, ${inFlight} Stripe calls in flight\u001b[0m`);
        shown = true;
      }
    },
    clear,
  };
}
