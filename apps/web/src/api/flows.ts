import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  CreateFlowBody,
  FlowDocument,
  FlowList,
  ImportResult,
  PutFlowBody,
  ValidateResult,
} from '@fireflow/protocol';
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
  return requestJson('/api/flows', Anything, { method: 'POST', json: CreateFlowBody.parse(body) });
}

export function saveFlow(id: string, body: PutFlowBody) {
  return requestJson(flowUrl(id), Anything, { method: 'PUT', json: body });
}

export function deleteFlow(id: string) {
  return requestJson(flowUrl(id), Anything, { method: 'DELETE' });
}

export function validateFlow(id: string, body?: PutFlowBody) {
  return requestJson(`${flowUrl(id)}/validate`, ValidateResult, { method: 'POST', json: body ?? {} });
}

export function importFlow(zip: Blob) {
  return requestJson('/api/flows/import', ImportResult, { method: 'POST', body: zip, contentType: 'application/zip' });
}

export const exportUrl = (id: string) => `${flowUrl(id)}/export`;
