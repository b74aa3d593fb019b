import type { DisplayStatus } from '../../shared/kinds.ts';
import type { RequestRecord } from './model/runModel.ts';

/** A Stripe call's status for display: the HTTP status when there is one. */
export function requestStatus(request: RequestRecord): { status: DisplayStatus; label: string } {
  const http = request.httpStatus ? ` ${request.httpStatus}` : '';
  switch (request.status) {
    case 'pending':
      return { status: 'running', label: request.attempts > 1 ? `Retry ${request.attempts}` : 'Pending' };
    case 'retrying':
      return { status: 'retrying', label: `Retrying${http}` };
    case 'succeeded':
      return { status: 'succeeded', label: `HTTP${http}` };
    case 'failed':
      return { status: 'failed', label: http ? `HTTP${http}` : 'Failed' };
  }
}
