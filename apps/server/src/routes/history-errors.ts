import { HttpError } from '../http/errors.ts';
import { HistoryReadError } from '../store/flow-log.ts';

/** Reads of a run's stored events: a file that cannot be read is a server fault with its own code, not a 404. */
export function readingHistoryOf(runId: string) {
  return (error: unknown): never => {
    if (error instanceof HistoryReadError) {
      throw new HttpError(500, 'HISTORY_UNREADABLE', `The stored events of run "${runId}" cannot be read.`);
    }
    throw error;
  };
}
