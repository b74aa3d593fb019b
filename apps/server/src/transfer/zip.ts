import { zipSync, type Zippable } from 'fflate';
import { ScriptFileName } from '@fireflow/protocol';

/** Why an archive was refused; the routes answer these as 400s. */
export class ArchiveError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ArchiveError';
    this.code = code;
  }
}

export interface ArchiveLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxFiles: 200,
  maxFileBytes: 1024 * 1024,
  maxTotalBytes: 16 * 1024 * 1024,
};

/** Local-time constructor on purpose: fflate writes DOS times from local getters, so this is the same bytes in every zone. */
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);

/** Files a flow folder may hold: its flow.json and plain-named scripts. */
export function isFlowFileName(name: string): boolean {
  return name === 'flow.json' || ScriptFileName.safeParse(name).success;
}

/** Sorted entries, fixed times, fixed level: the same files always give the same bytes. */
export function zipFlowFiles(files: Record<string, Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  for (const name of Object.keys(files).sort()) {
    if (!isFlowFileName(name)) throw new ArchiveError('ZIP_BAD_NAME', `"${name}" is not a flow file name`);
    entries[name] = [files[name] as Uint8Array, { mtime: FIXED_MTIME, level: 6 }];
  }
  return zipSync(entries);
}

/** Zips made by macOS Finder carry these; they are metadata, not flow files. */
function isOsClutter(name: string): boolean {
  return name.startsWith('__MACOSX/') || name === '.DS_Store' || name.endsWith('/.DS_Store');
}

function checkEntryPath(name: string): void {
  if (name.includes('\\') || name.includes('\0')) {
    throw new ArchiveError('ZIP_UNSAFE_PATH', `entry "${name}" has a backslash or NUL in its path`);
  }
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) {
    throw new ArchiveError('ZIP_UNSAFE_PATH', `entry "${name}" has an absolute path`);
  }
  const segments = name.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.')) {
    throw new ArchiveError('ZIP_UNSAFE_PATH', `entry "${name}" tries to leave the flow folder`);
  }
}

export interface EntryTally {
  seen: Set<string>;
  total: number;
}

/** True when the entry is a file to keep; throws on anything unsafe. Runs before the entry is inflated. */
export function admitEntry(name: string, size: number, tally: EntryTally, limits: ArchiveLimits): boolean {
  if (isOsClutter(name)) return false;
  checkEntryPath(name);
  if (name.endsWith('/')) return false;
  if (tally.seen.has(name)) throw new ArchiveError('ZIP_DUPLICATE', `"${name}" appears twice`);
  tally.seen.add(name);
  tally.total += size;
  if (tally.seen.size > limits.maxFiles) throw new ArchiveError('ZIP_TOO_LARGE', `more than ${limits.maxFiles} files`);
  if (size > limits.maxFileBytes)
    throw new ArchiveError('ZIP_TOO_LARGE', `"${name}" is larger than ${limits.maxFileBytes} bytes`);
  if (tally.total > limits.maxTotalBytes) {
    throw new ArchiveError('ZIP_TOO_LARGE', `the files add up to more than ${limits.maxTotalBytes} bytes`);
  }
  return true;
}

export interface FlowFiles {
  files: Record<string, Uint8Array>;
  /** The top-level folder the files were in, if any: a suggested flow id. */
  folder: string | null;
}

/** The same rules for files uploaded one by one (relative paths, e.g. from a folder picker). */
export function acceptFlowFiles(
  entries: Record<string, Uint8Array>,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): FlowFiles {
  const tally: EntryTally = { seen: new Set(), total: 0 };
  const kept: Record<string, Uint8Array> = {};
  for (const [name, bytes] of Object.entries(entries)) {
    if (admitEntry(name, bytes.length, tally, limits)) kept[name] = bytes;
  }
  return flatten(kept);
}

export function flatten(raw: Record<string, Uint8Array>): FlowFiles {
  const names = Object.keys(raw);
  if (names.length === 0) throw new ArchiveError('ZIP_EMPTY', 'the zip holds no files');
  let folder: string | null = null;
  if (names.some((name) => name.includes('/'))) {
    const tops = new Set(names.map((name) => name.split('/')[0]));
    const twoDeep = names.every((name) => name.split('/').length === 2);
    if (tops.size !== 1 || !twoDeep) {
      const nested = names.find((name) => name.includes('/')) ?? '';
      throw new ArchiveError('ZIP_NESTED', `entry "${nested}" is in a sub-folder; a flow is one flat folder`);
    }
    folder = [...tops][0] ?? null;
  }
  const files: Record<string, Uint8Array> = {};
  for (const name of names) {
    const base = folder === null ? name : name.slice(folder.length + 1);
    if (!isFlowFileName(base)) {
      throw new ArchiveError(
        'ZIP_BAD_NAME',
        `"${base}" is not a flow file: only flow.json and plain script names like main.js ([A-Za-z0-9_.-]+.js) are allowed`,
      );
    }
    if (files[base] !== undefined) throw new ArchiveError('ZIP_DUPLICATE', `"${base}" appears twice`);
    files[base] = raw[name] as Uint8Array;
  }
  return { files, folder };
}
