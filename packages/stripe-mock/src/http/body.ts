import type { IncomingMessage } from 'node:http';
import { errors } from '../errors.ts';

/** Stripe's own limit on a request body is far above anything the four create calls send. */
const MAX_BODY_BYTES = 1 << 20;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    let tooLarge = false;
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      if (tooLarge) return;
      body += chunk;
      if (body.length > MAX_BODY_BYTES) tooLarge = true;
    });
    // Read to the end even when too large, so the keep-alive connection stays usable.
    req.on('end', () => (tooLarge ? reject(errors.bodyTooLarge()) : resolve(body)));
    req.on('error', reject);
  });
}

export const isFormContentType = (contentType: string | undefined): boolean =>
  contentType === undefined || contentType.toLowerCase().startsWith('application/x-www-form-urlencoded');
