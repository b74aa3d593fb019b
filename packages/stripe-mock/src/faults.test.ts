import { describe, expect, it } from 'vitest';
import { createFaultQueue, normalizeFault, parseFaultHeader, parseLatencyHeader } from './faults.ts';

describe('fault queue', () => {
  it('hits the next matching requests as many times as asked, then stops', () => {
    const queue = createFaultQueue();
    queue.enqueue({ type: '429', times: 2, path: '/v1/payment_intents' });
    expect(queue.take('/v1/products').failure).toBeNull();
    expect(queue.take('/v1/payment_intents').failure).toEqual({ type: '429', phase: 'before' });
    expect(queue.take('/v1/payment_intents/pi_1').failure).toEqual({ type: '429', phase: 'before' });
    expect(queue.take('/v1/payment_intents').failure).toBeNull();
  });

  it('adds a latency fault on top of a failure fault, each consumed once', () => {
    const queue = createFaultQueue();
    queue.enqueue({ type: 'latency', latencyMs: 250 });
    queue.enqueue({ type: 'drop', phase: 'after' });
    expect(queue.take('/v1/prices')).toEqual({ extraLatencyMs: 250, failure: { type: 'drop', phase: 'after' } });
    expect(queue.take('/v1/prices')).toEqual({ extraLatencyMs: 0, failure: null });
  });

  it('leaves failures queued when a request brings its own fault header', () => {
    const queue = createFaultQueue();
    queue.enqueue({ type: '500' });
    expect(queue.take('/v1/prices', false).failure).toBeNull();
    expect(queue.list()).toHaveLength(1);
    queue.clear();
    expect(queue.list()).toEqual([]);
  });

  it('refuses malformed faults with a message naming the field', () => {
    expect(() => normalizeFault({ type: '418' })).toThrow(/fault.type/);
    expect(() => normalizeFault({ type: '429', times: 0 })).toThrow(/fault.times/);
    expect(() => normalizeFault({ type: 'latency' })).toThrow(/latencyMs/);
    expect(() => normalizeFault({ type: '500', path: 'v1' })).toThrow(/fault.path/);
    expect(normalizeFault({ type: 'latency', latency_ms: 5 })).toMatchObject({ latencyMs: 5, times: 1 });
  });
});

describe('fault headers', () => {
  it('reads Fireflow-Mock-Fault and Fireflow-Mock-Latency-Ms', () => {
    expect(parseFaultHeader('drop')).toEqual({ type: 'drop', phase: 'before' });
    expect(parseFaultHeader('500-after')).toEqual({ type: '500', phase: 'after' });
    expect(parseFaultHeader('teapot')).toBeNull();
    expect(parseFaultHeader(undefined)).toBeUndefined();
    expect(parseLatencyHeader('2000')).toBe(2000);
    expect(parseLatencyHeader('-1')).toBeNull();
  });
});
