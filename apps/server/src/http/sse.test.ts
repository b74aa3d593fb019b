import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatSseComment, formatSseFrame, SseStream, type SseOptions } from './sse.ts';

describe('formatSseFrame', () => {
  it('writes event, id and data lines and a blank line', () => {
    expect(formatSseFrame({ event: 'run.started', id: '1', data: '{"a":1}' })).toBe(
      'event: run.started\nid: 1\ndata: {"a":1}\n\n',
    );
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

/** A response whose socket flushes writes only when told to, and whose queue size the test sets. */
function fakeExchange() {
  const res = Object.assign(new EventEmitter(), {
    writableLength: 0,
    destroyed: false,
    pending: [] as Array<() => void>,
    status: () => res,
    setHeader: () => res,
    flushHeaders: () => undefined,
    write(_chunk: string, flushed?: () => void) {
      if (flushed) res.pending.push(flushed);
      return true;
    },
    flush() {
      for (const done of res.pending.splice(0)) done();
    },
    flushOne() {
      res.pending.shift()?.();
    },
    destroy() {
      res.destroyed = true;
      res.emit('close');
    },
    end: () => undefined,
  });
  const req = { socket: { setNoDelay: () => undefined } } as unknown as Request;
  const stream = (options: SseOptions) => new SseStream(req, res as unknown as Response, options);
  return { res, stream };
}

describe('SseStream backlog', () => {
  const options: SseOptions = {
    heartbeatMs: 60_000,
    maxBufferedBytes: 1_000,
    hardBufferedBytes: 10_000,
    stallMs: 100,
    retryMs: 1_000,
  };
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps a client past maxBufferedBytes while its socket keeps flushing', () => {
    const { res, stream } = fakeExchange();
    const s = stream(options);
    res.flush();
    res.writableLength = 5_000;
    // A burst of writes queues up; the socket finishes one of them every stallMs.
    for (let i = 1; i <= 6; i += 1) s.send({ event: 'a', id: String(i), data: 'x' });
    for (let i = 0; i < 5; i += 1) {
      res.flushOne();
      vi.advanceTimersByTime(100);
    }
    expect(res.destroyed).toBe(false);
    expect(s.closed).toBe(false);
  });

  it('cuts off a client past maxBufferedBytes that takes nothing for stallMs', () => {
    const { res, stream } = fakeExchange();
    const s = stream(options);
    res.flush();
    res.writableLength = 5_000;
    s.send({ event: 'a', id: '1', data: 'x' });
    vi.advanceTimersByTime(99);
    expect(res.destroyed).toBe(false);
    vi.advanceTimersByTime(2);
    expect(res.destroyed).toBe(true);
    expect(s.closed).toBe(true);
  });

  it('cuts off at once past hardBufferedBytes, and never below maxBufferedBytes', () => {
    const quiet = fakeExchange();
    const calm = quiet.stream(options);
    quiet.res.writableLength = 900;
    calm.send({ event: 'a', id: '1', data: 'x' });
    vi.advanceTimersByTime(10_000);
    expect(quiet.res.destroyed).toBe(false);
    const flood = fakeExchange();
    const flooded = flood.stream(options);
    flood.res.writableLength = 10_001;
    expect(flooded.send({ event: 'a', id: '1', data: 'x' })).toBe(false);
    expect(flood.res.destroyed).toBe(true);
  });
});
