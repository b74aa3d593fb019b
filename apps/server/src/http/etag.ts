import type { IfMatch } from '../store/flow-store.ts';
import { HttpError } from './errors.ts';

/** Strong: the version is a hash of the bytes, so equal tags mean byte-equal flows. */
export function etag(version: string): string {
  return `"${version}"`;
}

/**
 * `If-Match: "v1", "v2"` or `*`. Weak tags never match (a save needs the exact bytes the client saw). Missing is
 * refused: a client that does not say which version it edited could undo someone else's save unseen.
 */
export function parseIfMatch(header: string | undefined): IfMatch {
  if (header === undefined || header.trim() === '') {
    throw new HttpError(
      428,
      'IF_MATCH_REQUIRED',
      'Saving a flow needs an If-Match header with the ETag from GET /api/flows/:id (or * to overwrite whatever is there).',
    );
  }
  if (header.trim() === '*') return '*';
  const tags = [...header.matchAll(/(W\/)?"([^"]*)"/g)].filter((m) => m[1] === undefined).map((m) => m[2] as string);
  return tags;
}
