import { queryOptions } from '@tanstack/react-query';
import { Health } from '@fireflow/protocol';
import { requestJson } from './http.ts';

export const healthQuery = () =>
  queryOptions({
    queryKey: ['health'] as const,
    queryFn: ({ signal }) => requestJson('/api/health', Health, { signal }),
    refetchInterval: 30_000,
    retry: false,
  });
