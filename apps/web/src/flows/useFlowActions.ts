import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ImportConflictDetails, type CreateFlowBody } from '@fireflow/protocol';
import { createFlow, deleteFlow, flowKeys, flowQuery, importFlow, saveFlow } from '../api/flows.ts';
import { ApiRequestError, errorMessage } from '../api/http.ts';
import { useRouter } from '../app/router/context.ts';
import { useToast } from '../app/toasts/context.ts';

export function useCreateFlow() {
  const client = useQueryClient();
  const { navigate } = useRouter();
  return useMutation({
    mutationFn: (body: CreateFlowBody) => createFlow(body),
    onSuccess: async (_, body) => {
      await client.invalidateQueries({ queryKey: flowKeys.list() });
      await navigate({ name: 'editor', flowId: body.id });
    },
  });
}

export function useDeleteFlow() {
  const client = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (id: string) => deleteFlow(id),
    onSuccess: (_, id) => {
      client.removeQueries({ queryKey: flowKeys.detail(id) });
      toast({ kind: 'success', title: `Deleted "${id}"` });
    },
    onError: (error) => toast({ kind: 'error', title: 'Could not delete the flow', message: errorMessage(error) }),
    onSettled: () => client.invalidateQueries({ queryKey: flowKeys.list() }),
  });
}

/** Renames a flow from the list: the name lives in flow.json, so this is a read-modify-write of the document. */
export function useRenameFlow() {
  const client = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: async ({ id, name }: { id: string; name: string }) => {
      const doc = await client.fetchQuery({ ...flowQuery(id), staleTime: 0 });
      await saveFlow(id, { flow: { ...doc.flow, name }, scripts: doc.scripts }, doc.version ?? '');
    },
    onError: (error) => toast({ kind: 'error', title: 'Could not rename the flow', message: errorMessage(error) }),
    onSettled: (_, __, { id }) => {
      void client.invalidateQueries({ queryKey: flowKeys.list() });
      void client.invalidateQueries({ queryKey: flowKeys.detail(id) });
    },
  });
}

/** A 409 for an id already taken: which id, and a free one like it. */
function importConflict(error: unknown): ImportConflictDetails | null {
  if (!(error instanceof ApiRequestError) || error.code !== 'FLOW_EXISTS') return null;
  const details = ImportConflictDetails.safeParse(error.details);
  return details.success ? details.data : null;
}

/** An import waiting on the user: the file, and the id it wanted that is taken. */
export interface PendingImport extends ImportConflictDetails {
  file: File;
}

interface ImportRequest {
  file: File;
  id?: string;
  overwrite?: boolean;
}

/** Imports a zip; a taken id is not an error but a question (`pending`): rename, overwrite, or cancel. */
export function useImportFlow() {
  const client = useQueryClient();
  const toast = useToast();
  const { navigate } = useRouter();
  const [pending, setPending] = useState<PendingImport | null>(null);
  const mutation = useMutation({
    mutationFn: ({ file, id, overwrite }: ImportRequest) => importFlow(file, { id, overwrite: overwrite ?? false }),
    onSuccess: async ({ id }) => {
      setPending(null);
      await client.invalidateQueries({ queryKey: flowKeys.list() });
      client.removeQueries({ queryKey: flowKeys.detail(id) });
      toast({ kind: 'success', title: `Imported "${id}"` });
      await navigate({ name: 'editor', flowId: id });
    },
    onError: (error, { file }) => {
      const conflict = importConflict(error);
      if (conflict) {
        setPending({ ...conflict, file });
        return;
      }
      setPending(null);
      toast({ kind: 'error', title: 'Import failed', message: errorMessage(error) });
    },
  });
  return {
    mutate: mutation.mutate,
    isPending: mutation.isPending,
    pending,
    rename: (id: string) => pending && mutation.mutate({ file: pending.file, id }),
    overwrite: () => pending && mutation.mutate({ file: pending.file, id: pending.id, overwrite: true }),
    cancel: () => setPending(null),
  };
}

/** An import under way, and what the user may do when its name is taken. */
export type ImportFlow = ReturnType<typeof useImportFlow>;
