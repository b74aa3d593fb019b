import { describe, expect, it } from 'vitest';
import { formatSseComment, formatSseFrame } from './sse.ts';

describe('formatSseFrame', () => {
  it('writes event, id and data lines and a blank line', () => {
    expect(formatSseFrame({ event: 'run.started', id: '1', data: '{"a":1}' })).toBe('event: run.started\nid: 1\ndata: {"a":1}\n\n');
  });

  it('splits multi-line data into several data lines', () => {
    expect(formatSseFrame({ data: 'a\nb\r\nc' })).toBe('data: a\ndata: b\ndata: c\n\n');
  });

  it('refuses newlines in event names and ids', () => {
    expect(() => formatSseFrame({ event: 'x\ndata: forged', data: '' })).toThrow(/newline/);
    expect(() => formatSseFrame({ id: '1\r', data: '' })).toThrow(/newline/);
  });
});

describe('formatSseComment', () => {
  it('is a single comment line whatever the text', () => {
    expect(formatSseComment('hi\nthere')).toBe(': hi there\n\n');
  });
});
