import path from 'node:path';
import { HttpError } from './errors.ts';

/** A folder of the server's and the words that stand for it in a message. */
export type NamedDir = [dir: string, words: string];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces the server's own folders (and anything under them) in an error's message and details with plain words:
 * where the server keeps its files is not the client's business, and messages from lower layers name them.
 */
export function pathScrubber(dirs: NamedDir[]): (error: unknown) => unknown {
  const rules = dirs
    .filter(([dir]) => dir !== '')
    .map(
      ([dir, words]) =>
        [new RegExp(`${escapeRegExp(path.resolve(dir))}(?:[\\\\/][^\\s"'\`:,)]*)?`, 'g'), words] as const,
    );
  const scrub = (text: string) => rules.reduce((out, [pattern, words]) => out.replace(pattern, words), text);
  return (error) => {
    if (!(error instanceof HttpError)) return error;
    const message = scrub(error.message);
    const details =
      error.details === undefined ? undefined : (JSON.parse(scrub(JSON.stringify(error.details))) as unknown);
    if (message === error.message && JSON.stringify(details) === JSON.stringify(error.details)) return error;
    return new HttpError(error.status, error.code, message, details);
  };
}
