import { queryOptions } from '@tanstack/react-query';
import { RunDetail, RunList, StartRunAccepted, type StartRunBody } from '@fireflow/protocol';
import { requestJson } from './http.ts';

export const runKeys = {
  all: ['runs'] as const,
  list: (flowId: string) => [...runKeys.all, 'list', flowId] as const,
  detail: (runId: string) => [...runKeys.all, 'detail', runId] as const,
};

export const runListQuery = (flowId: string) =>
  queryOptions({
    queryKey: runKeys.list(flowId),
    queryFn: ({ signal }) => requestJson(`/api/runs?flow=${encodeURIComponent(flowId)}`, RunList, { signal }),
  });

export const runQuery = (runId: string) =>
  queryOptions({
    queryKey: runKeys.detail(runId),
    queryFn: ({ signal }) => requestJson(`/api/runs/${encodeURIComponent(runId)}`, RunDetail, { signal }),
  });

export function startRun(flowId: string, body: StartRunBody = {}) {
  return requestJson(`/api/flows/${encodeURIComponent(flowId)}/runs`, StartRunAccepted, { method: 'POST', json: body });
}

export const runEventsUrl = (runId: string) => `/api/events?run=${encodeURIComponent(runId)}`;
export const flowEventsUrl = (flowId: string) => `/api/events?flow=${encodeURIComponent(flowId)}`;

export function replayExecution(runId: string, executionId: string) {
  const path = `/api/runs/${encodeURIComponent(runId)}/executions/${encodeURIComponent(executionId)}/replay`;
  return requestJson(path, StartRunAccepted, { method: 'POST' });
}
