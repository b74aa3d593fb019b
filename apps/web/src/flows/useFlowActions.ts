import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateFlowBody } from '@fireflow/protocol';
import { createFlow, deleteFlow, flowKeys, flowQuery, importFlow, saveFlow } from '../api/flows.ts';
import { errorMessage } from '../api/http.ts';
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
      await saveFlow(id, { flow: { ...doc.flow, name }, scripts: doc.scripts });
    },
    onError: (error) => toast({ kind: 'error', title: 'Could not rename the flow', message: errorMessage(error) }),
    onSettled: (_, __, { id }) => {
      void client.invalidateQueries({ queryKey: flowKeys.list() });
      void client.invalidateQueries({ queryKey: flowKeys.detail(id) });
    },
  });
}

export function useImportFlow() {
  const client = useQueryClient();
  const toast = useToast();
  const { navigate } = useRouter();
  return useMutation({
    mutationFn: (file: Blob) => importFlow(file),
    onSuccess: async ({ id }) => {
      await client.invalidateQueries({ queryKey: flowKeys.list() });
      client.removeQueries({ queryKey: flowKeys.detail(id) });
      toast({ kind: 'success', title: `Imported "${id}"` });
      await navigate({ name: 'editor', flowId: id });
    },
    onError: (error) => toast({ kind: 'error', title: 'Import failed', message: errorMessage(error) }),
  });
}
