import type { FlowLoad } from './flow-load.ts';

export type FlowStoreErrorCode =
  'FLOW_NOT_FOUND' | 'FLOW_EXISTS' | 'FLOW_CONFLICT' | 'FLOW_INVALID' | 'INVALID_FILE_NAME';

/** Why the store refused a write; the HTTP edge and the CLI each say it their own way. */
export class FlowStoreError extends Error {
  readonly code: FlowStoreErrorCode;
  readonly flowId: string;
  readonly details: unknown;
  /** For FLOW_CONFLICT: the flow as it is now. */
  readonly current: { load: FlowLoad; version: string } | null;

  constructor(
    code: FlowStoreErrorCode,
    flowId: string,
    message: string,
    extra: { details?: unknown; current?: { load: FlowLoad; version: string } } = {},
  ) {
    super(message);
    this.name = 'FlowStoreError';
    this.code = code;
    this.flowId = flowId;
    this.details = extra.details;
    this.current = extra.current ?? null;
  }
}

export const flowNotFound = (id: string) => new FlowStoreError('FLOW_NOT_FOUND', id, `No flow with id "${id}".`);
export const flowExists = (id: string) =>
  new FlowStoreError('FLOW_EXISTS', id, `A flow with id "${id}" already exists.`);
