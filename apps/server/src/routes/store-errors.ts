import type { FlowConflictDetails } from '@fireflow/protocol';
import { HttpError } from '../http/errors.ts';
import { FlowStoreError } from '../store/store-error.ts';
import { ArchiveError } from '../transfer/zip.ts';
import { documentOrNull } from './flow-body.ts';

const STATUS: Record<FlowStoreError['code'], number> = {
  FLOW_NOT_FOUND: 404,
  FLOW_EXISTS: 409,
  FLOW_CONFLICT: 412,
  FLOW_INVALID: 400,
  INVALID_FILE_NAME: 400,
};

/** The store's and the archive reader's own errors, said in HTTP; anything else passes through unchanged. */
export function translateError(error: unknown): unknown {
  if (error instanceof ArchiveError) return new HttpError(400, error.code, `Cannot import: ${error.message}.`);
  if (!(error instanceof FlowStoreError)) return error;
  if (error.code === 'FLOW_CONFLICT' && error.current) {
    const { load, version } = error.current;
    const details: FlowConflictDetails = { version, current: documentOrNull(error.flowId, load, version) };
    return new HttpError(
      412,
      'FLOW_CONFLICT',
      `${error.message} Reload it, or save again with If-Match: "${version}" to overwrite.`,
      details,
    );
  }
  return new HttpError(STATUS[error.code], error.code, error.message, error.details);
}
