import { crc32, createInflateRaw } from 'node:zlib';
import {
  admitEntry,
  ArchiveError,
  DEFAULT_ARCHIVE_LIMITS,
  flatten,
  type ArchiveLimits,
  type EntryTally,
  type FlowFiles,
} from './zip.ts';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const UTF8_NAMES = 0x0800;
const ENCRYPTED = 0x0001;

interface Entry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

const invalid = (why: string) => new ArchiveError('ZIP_INVALID', `not a readable zip file (${why})`);

function readU16(data: Buffer, at: number): number {
  if (at + 2 > data.length) throw invalid('truncated');
  return data.readUInt16LE(at);
}
function readU32(data: Buffer, at: number): number {
  if (at + 4 > data.length) throw invalid('truncated');
  return data.readUInt32LE(at);
}

/** The end-of-central-directory record is within the last 64 KiB + 22 bytes (its comment is at most 64 KiB). */
function findEndRecord(data: Buffer): number {
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at -= 1) {
    if (data.readUInt32LE(at) === EOCD) return at;
  }
  throw invalid('no end of central directory');
}

/** The central directory: every entry's name and sizes, read before anything is inflated. */
function centralDirectory(data: Buffer): Entry[] {
  const end = findEndRecord(data);
  const count = readU16(data, end + 10);
  const offset = readU32(data, end + 16);
  if (count === 0xffff || offset === 0xffffffff)
    throw new ArchiveError('ZIP_UNSUPPORTED', 'ZIP64 archives are not supported');
  const entries: Entry[] = [];
  let at = offset;
  for (let i = 0; i < count; i += 1) {
    if (readU32(data, at) !== CENTRAL) throw invalid('bad central directory');
    const flags = readU16(data, at + 8);
    const nameLength = readU16(data, at + 28);
    const skip = nameLength + readU16(data, at + 30) + readU16(data, at + 32);
    if (at + 46 + skip > data.length) throw invalid('truncated');
    const raw = data.subarray(at + 46, at + 46 + nameLength);
    const name = raw.toString(flags & UTF8_NAMES ? 'utf8' : 'latin1');
    if (flags & ENCRYPTED) throw new ArchiveError('ZIP_UNSUPPORTED', `"${name}" is encrypted`);
    entries.push({
      name,
      method: readU16(data, at + 10),
      crc: readU32(data, at + 16),
      compressedSize: readU32(data, at + 20),
      declaredSize: readU32(data, at + 24),
      localOffset: readU32(data, at + 42),
    });
    at += 46 + skip;
  }
  return entries;
}

function compressedBytes(data: Buffer, entry: Entry): Buffer {
  const at = entry.localOffset;
  if (readU32(data, at) !== LOCAL) throw invalid(`bad local header for "${entry.name}"`);
  const start = at + 30 + readU16(data, at + 26) + readU16(data, at + 28);
  const end = start + entry.compressedSize;
  if (end > data.length) throw invalid(`"${entry.name}" runs past the end of the archive`);
  return data.subarray(start, end);
}

/**
 * Inflates on zlib's thread pool, counting real bytes as they come: past `cap` it stops at once, whatever the
 * header declared, so a bomb costs at most `cap` bytes of work and the event loop stays free meanwhile.
 */
function inflate(name: string, compressed: Buffer, cap: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw();
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    const fail = (error: ArchiveError) => {
      if (done) return;
      done = true;
      inflater.destroy();
      reject(error);
    };
    inflater.on('data', (chunk: Buffer) => {
      if (done) return;
      total += chunk.length;
      if (total > cap) fail(new ArchiveError('ZIP_TOO_LARGE', `"${name}" inflates to more than ${cap} bytes`));
      else chunks.push(chunk);
    });
    inflater.on('error', (error) => fail(invalid(`"${name}" does not inflate: ${error.message}`)));
    inflater.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks, total));
    });
    inflater.end(compressed);
  });
}

async function entryBytes(data: Buffer, entry: Entry, cap: number): Promise<Buffer> {
  const compressed = compressedBytes(data, entry);
  let bytes: Buffer;
  if (entry.method === 0) {
    if (compressed.length > cap) throw new ArchiveError('ZIP_TOO_LARGE', `"${entry.name}" is larger than ${cap} bytes`);
    bytes = compressed;
  } else if (entry.method === 8) {
    bytes = await inflate(entry.name, compressed, cap);
  } else {
    throw new ArchiveError(
      'ZIP_UNSUPPORTED',
      `"${entry.name}" uses compression method ${entry.method} (only stored and deflate are read)`,
    );
  }
  if (bytes.length !== entry.declaredSize) throw invalid(`"${entry.name}" is not the size its header declares`);
  if (crc32(bytes) >>> 0 !== entry.crc >>> 0)
    throw new ArchiveError('ZIP_CRC', `"${entry.name}" is corrupt (its CRC does not match)`);
  return bytes;
}

/**
 * Reads a flow archive: flat `flow.json` + `*.js` entries, or the same inside one top-level folder (what
 * "compress folder" makes). Every name and declared size is checked before anything is inflated; then each entry
 * is inflated off the main thread against the real byte caps, and its CRC is checked.
 */
export async function unzipFlowFiles(
  input: Uint8Array,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<FlowFiles> {
  const data = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (data.length < 22) throw invalid('too short');
  const tally: EntryTally = { seen: new Set(), total: 0 };
  const kept = centralDirectory(data).filter((entry) => admitEntry(entry.name, entry.declaredSize, tally, limits));
  const raw: Record<string, Uint8Array> = {};
  let total = 0;
  for (const entry of kept) {
    const cap = Math.min(limits.maxFileBytes, limits.maxTotalBytes - total);
    const bytes = await entryBytes(data, entry, cap);
    total += bytes.length;
    raw[entry.name] = bytes;
  }
  return flatten(raw);
}
