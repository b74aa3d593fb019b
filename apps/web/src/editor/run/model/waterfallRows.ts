import type { ExecutionRecord, RequestRecord, RunModel } from './runModel.ts';

export type Span =
  | { type: 'execution'; key: string; depth: number; execution: ExecutionRecord }
  | { type: 'request'; key: string; depth: number; request: RequestRecord };

/** Every execution and Stripe call, in tree order, for the waterfall. */
export function waterfallSpans(model: RunModel): Span[] {
  const spans: Span[] = [];
  const stack: Array<{ type: 'execution' | 'request'; id: string; depth: number }> = [];
  for (let i = model.rootIds.length - 1; i >= 0; i -= 1)
    stack.push({ type: 'execution', id: model.rootIds[i]!, depth: 0 });
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next.type === 'request') {
      const request = model.requests.get(next.id);
      if (!request) continue;
      spans.push({ type: 'request', key: `r:${request.id}`, depth: next.depth, request });
      for (let i = request.childExecutionIds.length - 1; i >= 0; i -= 1) {
        stack.push({ type: 'execution', id: request.childExecutionIds[i]!, depth: next.depth + 1 });
      }
      continue;
    }
    const execution = model.executions.get(next.id);
    if (!execution) continue;
    spans.push({ type: 'execution', key: `e:${execution.id}`, depth: next.depth, execution });
    for (let i = execution.items.length - 1; i >= 0; i -= 1) {
      const item = execution.items[i]!;
      if (item.type === 'request') stack.push({ type: 'request', id: item.requestId, depth: next.depth + 1 });
    }
  }
  return spans;
}

export interface TimeAxis {
  start: number;
  end: number;
  ticks: number[];
}

const STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000, 120_000, 300_000];

/** A shared axis from the run's first event to its end (or latest event), with up to `maxTicks` round ticks. */
export function timeAxis(model: RunModel, maxTicks = 6): TimeAxis {
  const start = model.startedAt ?? 0;
  const end = Math.max(start + 1, model.settledAt ?? model.lastTs ?? start + 1);
  const span = end - start;
  const step = STEPS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks);
  const ticks: number[] = [];
  for (let t = 0; t <= span; t += step) ticks.push(t);
  return { start, end, ticks };
}
