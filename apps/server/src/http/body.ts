import express, { type RequestHandler } from 'express';
import { HttpError } from './errors.ts';

export const JSON_LIMIT_BYTES = 2 * 1024 * 1024;
export const ZIP_LIMIT_BYTES = 10 * 1024 * 1024;
/** A JSON import carries the files base64-encoded: a third more than the zip limit, plus some room. */
export const JSON_IMPORT_LIMIT_BYTES = 15 * 1024 * 1024;

export const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'];

function hasBody(req: Parameters<RequestHandler>[0]): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/** A body that is not JSON is refused as such, instead of surfacing later as "expected object". */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (hasBody(req) && !req.is('application/json')) {
    next(new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON (Content-Type: application/json).'));
    return;
  }
  next();
};

export const jsonBody = express.json({ limit: JSON_LIMIT_BYTES });
