import { queryOptions } from '@tanstack/react-query';
import { StripeSamples } from '@fireflow/protocol';
import { requestJson } from './http.ts';

/** Per Stripe kind, an answer and an error body from Stripe's fixtures; they never change while the server runs. */
export const samplesQuery = () =>
  queryOptions({
    queryKey: ['samples'] as const,
    queryFn: ({ signal }) => requestJson('/api/samples', StripeSamples, { signal }),
    staleTime: Infinity,
  });
