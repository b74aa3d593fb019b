import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { ArchiveError, acceptFlowFiles, zipFlowFiles } from './zip.ts';
import { unzipFlowFiles } from './zip-read.ts';

const text = (value: string) => strToU8(value);
const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ArchiveError) return error.code;
    throw error;
  }
  throw new Error('expected an ArchiveError');
};
const asyncCodeOf = async (fn: () => Promise<unknown>): Promise<string> => {
  try {
    await fn();
  } catch (error) {
    if (error instanceof ArchiveError) return error.code;
    throw error;
  }
  throw new Error('expected an ArchiveError');
};

describe('zipFlowFiles', () => {
  it('gives the same bytes for the same files, whatever order they come in', async () => {
    const a = zipFlowFiles({ 'main.js': text('print(1)'), 'flow.json': text('{}\n') });
    const b = zipFlowFiles({ 'flow.json': text('{}\n'), 'main.js': text('print(1)') });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('round-trips through unzipFlowFiles and re-zips byte-identically', async () => {
    const files = { 'flow.json': text('{"name":"x"}\n'), 'main.js': text('let a = 1;\n'), 'b_c-d.e.js': text('') };
    const zipped = zipFlowFiles(files);
    const back = await unzipFlowFiles(zipped);
    expect(back.folder).toBeNull();
    expect(Object.keys(back.files).sort()).toEqual(['b_c-d.e.js', 'flow.json', 'main.js']);
    expect(Buffer.from(back.files['main.js'] as Uint8Array).toString()).toBe('let a = 1;\n');
    expect(Buffer.from(zipFlowFiles(back.files)).equals(Buffer.from(zipped))).toBe(true);
  });

  it('refuses to write a name that is not a flow file', async () => {
    expect(codeOf(() => zipFlowFiles({ '../x.js': text('') }))).toBe('ZIP_BAD_NAME');
  });
});

describe('unzipFlowFiles refuses unsafe archives', () => {
  it.each([
    ['../evil.js', 'ZIP_UNSAFE_PATH'],
    ['a/../../evil.js', 'ZIP_UNSAFE_PATH'],
    ['/etc/evil.js', 'ZIP_UNSAFE_PATH'],
    ['C:/evil.js', 'ZIP_UNSAFE_PATH'],
    ['..\\evil.js', 'ZIP_UNSAFE_PATH'],
    ['./main.js', 'ZIP_UNSAFE_PATH'],
    ['notes.txt', 'ZIP_BAD_NAME'],
    ['main.ts', 'ZIP_BAD_NAME'],
  ])('%s → %s', async (name, code) => {
    const zip = zipSync({ [name]: text('x'), 'main.js': text('') });
    expect(await asyncCodeOf(() => unzipFlowFiles(zip))).toBe(code);
  });

  it('refuses nested folders', async () => {
    const zip = zipSync({ 'flow/sub/main.js': text(''), 'flow/flow.json': text('{}') });
    expect(await asyncCodeOf(() => unzipFlowFiles(zip))).toBe('ZIP_NESTED');
  });

  it('refuses files spread over two top-level folders', async () => {
    const zip = zipSync({ 'a/main.js': text(''), 'b/flow.json': text('{}') });
    expect(await asyncCodeOf(() => unzipFlowFiles(zip))).toBe('ZIP_NESTED');
  });

  it('answers garbage and empty archives with a code', async () => {
    expect(await asyncCodeOf(() => unzipFlowFiles(text('this is not a zip at all, just text')))).toBe('ZIP_INVALID');
    expect(await asyncCodeOf(() => unzipFlowFiles(zipSync({})))).toBe('ZIP_EMPTY');
  });

  it('caps declared sizes before inflating (zip bombs)', async () => {
    const big = new Uint8Array(2 * 1024 * 1024);
    const zip = zipSync({ 'main.js': big });
    expect(await asyncCodeOf(() => unzipFlowFiles(zip))).toBe('ZIP_TOO_LARGE');
    expect(
      await asyncCodeOf(() =>
        unzipFlowFiles(zipSync({ 'a.js': text('1'), 'b.js': text('2') }), {
          maxFiles: 1,
          maxFileBytes: 10,
          maxTotalBytes: 10,
        }),
      ),
    ).toBe('ZIP_TOO_LARGE');
  });
});

describe('unzipFlowFiles with a lying size header', () => {
  it('stops at the real size cap, not the declared one', async () => {
    const zip = zipSync({ 'main.js': new Uint8Array(512 * 1024).fill(97) });
    const view = Buffer.from(zip);
    const central = view.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    view.writeUInt32LE(10, central + 24); // uncompressed size in the central directory
    expect(
      await asyncCodeOf(() => unzipFlowFiles(view, { maxFiles: 10, maxFileBytes: 1024, maxTotalBytes: 4096 })),
    ).toBe('ZIP_TOO_LARGE');
    // Under the cap, a size that does not match the header is still refused.
    expect(await asyncCodeOf(() => unzipFlowFiles(view))).toBe('ZIP_INVALID');
  });

  it('refuses an entry whose CRC does not match', async () => {
    const view = Buffer.from(zipSync({ 'main.js': text('print(1);\n') }));
    const central = view.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    view.writeUInt32LE((view.readUInt32LE(central + 16) ^ 1) >>> 0, central + 16);
    expect(await asyncCodeOf(() => unzipFlowFiles(view))).toBe('ZIP_CRC');
  });
});

describe('unzipFlowFiles accepts what people make', () => {
  it('takes one top-level folder (Finder/Explorer "compress") and names it', async () => {
    const zip = zipSync({
      'my-flow/': new Uint8Array(0),
      'my-flow/main.js': text('print(1)'),
      '__MACOSX/my-flow/._main.js': text('junk'),
    });
    const result = await unzipFlowFiles(zip);
    expect(result.folder).toBe('my-flow');
    expect(Object.keys(result.files)).toEqual(['main.js']);
  });
});

describe('acceptFlowFiles', () => {
  it('applies the same path rules to uploaded files', async () => {
    expect(codeOf(() => acceptFlowFiles({ '../main.js': text('') }))).toBe('ZIP_UNSAFE_PATH');
    expect(acceptFlowFiles({ 'f/main.js': text('x'), 'f/flow.json': text('{}') }).folder).toBe('f');
  });
});
