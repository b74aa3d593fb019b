import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

/** parseArgs with its exceptions turned into a UsageError the commands answer with exit code 2. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The <flowDir> argument, absolute; a path that is not a folder is a usage mistake told in one line. */
export function flowDirArgument(arg: string): string {
  const flowDir = path.resolve(arg);
  if (!statSync(flowDir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`no flow folder at ${arg}`);
  return flowDir;
}
