import type { ExecutionRecord, LogEntry, RequestRecord, RunModel } from './runModel.ts';

export type TreeRow =
  | { type: 'execution'; key: string; depth: number; execution: ExecutionRecord; hasChildren: boolean }
  | { type: 'log'; key: string; depth: number; log: LogEntry; execution: ExecutionRecord }
  | { type: 'failure'; key: string; depth: number; execution: ExecutionRecord }
  | { type: 'request'; key: string; depth: number; request: RequestRecord; hasChildren: boolean };

type Task =
  | { type: 'execution'; id: string; depth: number }
  | { type: 'request'; id: string; depth: number }
  | { type: 'row'; row: TreeRow };

/**
 * The run as a depth-first list: execution → its logs and Stripe calls (in the order they happened) → the
 * executions each call dispatched. `collapsed` holds execution and request ids whose children are hidden.
 * An explicit stack, because dispatch chains may be 64 deep and runs may have tens of thousands of rows.
 */
export function treeRows(model: RunModel, collapsed: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const stack: Task[] = [];
  for (let i = model.rootIds.length - 1; i >= 0; i -= 1)
    stack.push({ type: 'execution', id: model.rootIds[i]!, depth: 0 });

  while (stack.length > 0) {
    const task = stack.pop()!;
    if (task.type === 'row') {
      rows.push(task.row);
    } else if (task.type === 'request') {
      const request = model.requests.get(task.id);
      if (!request) continue;
      rows.push({
        type: 'request',
        key: `r:${request.id}`,
        depth: task.depth,
        request,
        hasChildren: request.childExecutionIds.length > 0,
      });
      if (collapsed.has(request.id)) continue;
      for (let i = request.childExecutionIds.length - 1; i >= 0; i -= 1) {
        stack.push({ type: 'execution', id: request.childExecutionIds[i]!, depth: task.depth + 1 });
      }
    } else {
      const execution = model.executions.get(task.id);
      if (!execution) continue;
      const hasChildren = execution.items.length > 0 || execution.error !== null;
      rows.push({ type: 'execution', key: `e:${execution.id}`, depth: task.depth, execution, hasChildren });
      if (collapsed.has(execution.id)) continue;
      const depth = task.depth + 1;
      if (execution.error)
        stack.push({ type: 'row', row: { type: 'failure', key: `f:${execution.id}`, depth, execution } });
      for (let i = execution.items.length - 1; i >= 0; i -= 1) {
        const item = execution.items[i]!;
        stack.push(
          item.type === 'log'
            ? { type: 'row', row: { type: 'log', key: `l:${item.log.eventId}`, depth, log: item.log, execution } }
            : { type: 'request', id: item.requestId, depth },
        );
      }
    }
  }
  return rows;
}
