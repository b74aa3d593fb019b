import { describe, expect, it } from 'vitest';
import { HttpError } from './errors.ts';
import { etag, parseIfMatch } from './etag.ts';

describe('If-Match', () => {
  it('reads one tag, a list, or *', () => {
    expect(parseIfMatch(etag('abc'))).toEqual(['abc']);
    expect(parseIfMatch('"a", "b"')).toEqual(['a', 'b']);
    expect(parseIfMatch(' * ')).toBe('*');
  });

  it('never matches a weak tag: a save needs the exact bytes the client saw', () => {
    expect(parseIfMatch('W/"abc"')).toEqual([]);
    expect(parseIfMatch('W/"abc", "def"')).toEqual(['def']);
  });

  it('refuses a missing header with 428 IF_MATCH_REQUIRED', () => {
    for (const header of [undefined, '', '  ']) {
      let thrown: unknown;
      try {
        parseIfMatch(header);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(HttpError);
      expect(thrown).toMatchObject({ status: 428, code: 'IF_MATCH_REQUIRED' });
    }
  });
});
