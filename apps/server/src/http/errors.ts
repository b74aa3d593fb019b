import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiError } from '@fireflow/protocol';

/** The one error the routes throw; the error middleware turns it into `{ error: { code, message, details? } }`. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** What a route answers while the dispatcher's Redis cannot be reached, rather than waiting or a wrong 404. */
export function dispatcherUnavailable(): HttpError {
  return new HttpError(503, 'REDIS_UNAVAILABLE', 'Redis cannot be reached right now; try again once it is back.');
}

export function errorBody(code: string, message: string, details?: unknown): ApiError {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** body-parser marks its failures with `type`; map them to our codes instead of leaking its messages. */
function fromBodyParser(error: { type?: unknown; status?: unknown; limit?: unknown }): HttpError | null {
  switch (error.type) {
    case 'entity.parse.failed':
      return new HttpError(400, 'INVALID_JSON', 'The request body is not valid JSON.');
    case 'entity.too.large':
      return new HttpError(
        413,
        'PAYLOAD_TOO_LARGE',
        `The request body is larger than the limit (${String(error.limit)} bytes).`,
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'The request body encoding is not supported.');
    case 'request.aborted':
      return new HttpError(400, 'REQUEST_ABORTED', 'The request was aborted.');
    default:
      if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
        return new HttpError(error.status, 'BAD_REQUEST', 'The request could not be read.');
      }
      return null;
  }
}

export interface ErrorLogger {
  error(message: string, error: unknown): void;
}

/**
 * Known errors answer with their status; anything else is logged and answered as a 500 without internals.
 * `translate` turns the typed errors of storage and the archive reader into HttpErrors.
 */
export function errorMiddleware(
  logger: ErrorLogger,
  translate: (error: unknown) => unknown = (error) => error,
): ErrorRequestHandler {
  return (thrown: unknown, req, res, next) => {
    if (res.headersSent) {
      next(thrown);
      return;
    }
    const error = translate(thrown);
    const known =
      error instanceof HttpError ? error : error && typeof error === 'object' ? fromBodyParser(error as object) : null;
    if (known) {
      res.status(known.status).json(errorBody(known.code, known.message, known.details));
      return;
    }
    logger.error(`${req.method} ${req.originalUrl} failed`, error);
    res.status(500).json(errorBody('INTERNAL', 'Internal server error.'));
  };
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'NOT_FOUND', `No route for ${req.method} ${req.baseUrl}${req.path}.`));
};
