import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { ArchiveError, acceptFlowFiles, unzipFlowFiles, zipFlowFiles } from './zip.ts';

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

describe('zipFlowFiles', () => {
  it('gives the same bytes for the same files, whatever order they come in', () => {
    const a = zipFlowFiles({ 'main.js': text('print(1)'), 'flow.json': text('{}\n') });
    const b = zipFlowFiles({ 'flow.json': text('{}\n'), 'main.js': text('print(1)') });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('round-trips through unzipFlowFiles and re-zips byte-identically', () => {
    const files = { 'flow.json': text('{"name":"x"}\n'), 'main.js': text('let a = 1;\n'), 'b_c-d.e.js': text('') };
    const zipped = zipFlowFiles(files);
    const back = unzipFlowFiles(zipped);
    expect(back.folder).toBeNull();
    expect(Object.keys(back.files).sort()).toEqual(['b_c-d.e.js', 'flow.json', 'main.js']);
    expect(Buffer.from(back.files['main.js'] as Uint8Array).toString()).toBe('let a = 1;\n');
    expect(Buffer.from(zipFlowFiles(back.files)).equals(Buffer.from(zipped))).toBe(true);
  });

  it('refuses to write a name that is not a flow file', () => {
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
  ])('%s → %s', (name, code) => {
    const zip = zipSync({ [name]: text('x'), 'main.js': text('') });
    expect(codeOf(() => unzipFlowFiles(zip))).toBe(code);
  });

  it('refuses nested folders', () => {
    const zip = zipSync({ 'flow/sub/main.js': text(''), 'flow/flow.json': text('{}') });
    expect(codeOf(() => unzipFlowFiles(zip))).toBe('ZIP_NESTED');
  });

  it('refuses files spread over two top-level folders', () => {
    const zip = zipSync({ 'a/main.js': text(''), 'b/flow.json': text('{}') });
    expect(codeOf(() => unzipFlowFiles(zip))).toBe('ZIP_NESTED');
  });

  it('answers garbage and empty archives with a code', () => {
    expect(codeOf(() => unzipFlowFiles(text('this is not a zip at all, just text')))).toBe('ZIP_INVALID');
    expect(codeOf(() => unzipFlowFiles(zipSync({})))).toBe('ZIP_EMPTY');
  });

  it('caps declared sizes before inflating (zip bombs)', () => {
    const big = new Uint8Array(2 * 1024 * 1024);
    const zip = zipSync({ 'main.js': big });
    expect(codeOf(() => unzipFlowFiles(zip))).toBe('ZIP_TOO_LARGE');
    expect(codeOf(() => unzipFlowFiles(zipSync({ 'a.js': text('1'), 'b.js': text('2') }), { maxFiles: 1, maxFileBytes: 10, maxTotalBytes: 10 }))).toBe(
      'ZIP_TOO_LARGE',
    );
  });
});

describe('unzipFlowFiles with a lying size header', () => {
  it('never inflates past the declared size', () => {
    const zip = zipSync({ 'main.js': new Uint8Array(512 * 1024).fill(97) });
    const view = Buffer.from(zip);
    const central = view.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    view.writeUInt32LE(10, central + 24); // uncompressed size in the central directory
    let inflated: number;
    try {
      inflated = unzipFlowFiles(view).files['main.js']?.length ?? 0;
    } catch (error) {
      expect(error).toBeInstanceOf(ArchiveError);
      return;
    }
    expect(inflated).toBeLessThanOrEqual(10);
  });
});

describe('unzipFlowFiles accepts what people make', () => {
  it('takes one top-level folder (Finder/Explorer "compress") and names it', () => {
    const zip = zipSync({ 'my-flow/': new Uint8Array(0), 'my-flow/main.js': text('print(1)'), '__MACOSX/my-flow/._main.js': text('junk') });
    const result = unzipFlowFiles(zip);
    expect(result.folder).toBe('my-flow');
    expect(Object.keys(result.files)).toEqual(['main.js']);
  });
});

describe('acceptFlowFiles', () => {
  it('applies the same path rules to uploaded files', () => {
    expect(codeOf(() => acceptFlowFiles({ '../main.js': text('') }))).toBe('ZIP_UNSAFE_PATH');
    expect(acceptFlowFiles({ 'f/main.js': text('x'), 'f/flow.json': text('{}') }).folder).toBe('f');
  });
});
