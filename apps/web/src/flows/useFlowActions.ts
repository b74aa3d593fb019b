import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FlowId, type CreateFlowBody } from '@fireflow/protocol';
import { createFlow, deleteFlow, flowKeys, flowQuery, importFlow, saveFlow } from '../api/flows.ts';
import { ApiRequestError, errorMessage } from '../api/http.ts';
import { useConfirm } from '../app/confirm/context.ts';
import { useRouter } from '../app/router/context.ts';
import { useToast } from '../app/toasts/context.ts';

class ImportCancelled extends Error {}

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

/**
 * Exports download as `<id>.zip`, so the file name is the best guess at the id the user expects back
 * (`checkout (1).zip` → `checkout`); anything that is not a valid id is left to the server to decide.
 */
export function idFromFileName(name: string): string | undefined {
  const stem = name.replace(/\.zip$/i, '').replace(/\s*\(\d+\)$/, '');
  return FlowId.safeParse(stem).success ? stem : undefined;
}

/** A 409 for an id already taken carries a free id to offer instead. */
function suggestedId(error: unknown): string | null {
  if (!(error instanceof ApiRequestError) || error.code !== 'FLOW_EXISTS') return null;
  const details = error.details as { suggestion?: unknown } | undefined;
  return typeof details?.suggestion === 'string' ? details.suggestion : null;
}

export function useImportFlow() {
  const client = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const { navigate } = useRouter();
  return useMutation({
    mutationFn: async ({ file, id }: { file: File; id?: string }) => {
      const wanted = id ?? idFromFileName(file.name);
      try {
        return await importFlow(file, wanted);
      } catch (error) {
        const suggestion = suggestedId(error);
        if (!suggestion || id) throw error;
        const ok = await confirm({
          title: 'A flow with this id already exists',
          message: `${errorMessage(error)} Import it as "${suggestion}" instead?`,
          confirmLabel: `Import as ${suggestion}`,
        });
        if (!ok) throw new ImportCancelled();
        return importFlow(file, suggestion);
      }
    },
    onSuccess: async ({ id }) => {
      await client.invalidateQueries({ queryKey: flowKeys.list() });
      client.removeQueries({ queryKey: flowKeys.detail(id) });
      toast({ kind: 'success', title: `Imported "${id}"` });
      await navigate({ name: 'editor', flowId: id });
    },
    onError: (error) => {
      if (!(error instanceof ImportCancelled))
        toast({ kind: 'error', title: 'Import failed', message: errorMessage(error) });
    },
  });
}
