import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { CreateFlowBody, FlowDocument, FlowList, ImportResult, PutFlowBody, ValidateResult } from '@fireflow/protocol';
import { requestJson } from './http.ts';

const flowUrl = (id: string) => `/api/flows/${encodeURIComponent(id)}`;

export const flowKeys = {
  all: ['flows'] as const,
  list: () => [...flowKeys.all, 'list'] as const,
  detail: (id: string) => [...flowKeys.all, 'detail', id] as const,
};

export const flowListQuery = () =>
  queryOptions({
    queryKey: flowKeys.list(),
    queryFn: ({ signal }) => requestJson('/api/flows', FlowList, { signal }),
  });

export const flowQuery = (id: string) =>
  queryOptions({
    queryKey: flowKeys.detail(id),
    queryFn: ({ signal }) => requestJson(flowUrl(id), FlowDocument, { signal }),
    // The editor owns the working copy; refetches happen on purpose (after save, or on a disk change).
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

const Anything = z.unknown();

export function createFlow(body: CreateFlowBody) {
  return requestJson('/api/flows', FlowDocument, { method: 'POST', json: CreateFlowBody.parse(body) });
}

/**
 * Saves over `version` (the one this client last read); a newer one on the server answers 412 FLOW_CONFLICT
 * instead of being overwritten. Answers the flow as it is on disk after the write.
 */
export function saveFlow(id: string, body: PutFlowBody, version: string) {
  return requestJson(flowUrl(id), FlowDocument, { method: 'PUT', json: body, headers: { 'if-match': `"${version}"` } });
}

export function deleteFlow(id: string) {
  return requestJson(flowUrl(id), Anything, { method: 'DELETE' });
}

/** Validates `body` (unsaved editor state) when given, else the flow as saved on disk. */
export function validateFlow(id: string, body?: PutFlowBody, signal?: AbortSignal) {
  return requestJson(`${flowUrl(id)}/validate`, ValidateResult, { method: 'POST', json: body ?? {}, signal });
}

/**
 * Imports a zip under the id its flow implies (the same rule as `fireflow import`); `id` picks another one,
 * `overwrite` replaces a flow that has it.
 */
export function importFlow(zip: Blob, choice: { id?: string | undefined; overwrite?: boolean } = {}) {
  const params = new URLSearchParams();
  if (choice.id) params.set('id', choice.id);
  if (choice.overwrite) params.set('overwrite', '1');
  const query = params.size > 0 ? `?${params.toString()}` : '';
  return requestJson(`/api/flows/import${query}`, ImportResult, {
    method: 'POST',
    body: zip,
    contentType: 'application/zip',
  });
}

export const exportUrl = (id: string) => `${flowUrl(id)}/export`;
