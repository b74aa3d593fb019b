import type { ImportConflictDetails } from '@fireflow/protocol';
import type { FlowStore } from '../store/flow-store.ts';
import { FlowStoreError } from '../store/store-error.ts';
import { freeIdLike, importId } from './import-id.ts';
import type { FlowFiles } from './zip.ts';

export interface ImportChoice {
  /** The id to import under instead of the one the archive implies. */
  id?: string | undefined;
  /** Replace a flow that already has that id. */
  overwrite: boolean;
}

/**
 * The one import rule, for the browser (POST /api/flows/import) and the CLI (`fireflow import`) alike: the id
 * comes from the archive's flow (see importId) unless one is asked for; a taken id is refused with a free one
 * like it, unless overwriting was asked for.
 */
export async function importFlow(store: FlowStore, files: FlowFiles, choice: ImportChoice): Promise<string> {
  const id = importId(files, choice.id);
  try {
    await store.importFiles(id, files.files, choice.overwrite);
  } catch (error) {
    if (!(error instanceof FlowStoreError) || error.code !== 'FLOW_EXISTS') throw error;
    const suggestion = await freeIdLike(store.dir, id);
    const details: ImportConflictDetails = { id, ...(suggestion ? { suggestion } : {}) };
    throw new FlowStoreError('FLOW_EXISTS', id, error.message, { details });
  }
  return id;
}
