import { describe, expect, it } from 'vitest';
import { plural, runStatusLabel } from './runLabel.ts';

describe('runStatusLabel', () => {
  it('says how many Stripe calls failed in a run that still succeeded', () => {
    expect(runStatusLabel('succeeded', 1)).toBe('Succeeded · 1 Stripe error');
    expect(runStatusLabel('succeeded', 2)).toBe('Succeeded · 2 Stripe errors');
    expect(runStatusLabel('failed', 0)).toBe('Failed');
  });

  it('counts with the right plural', () => {
    expect(plural(1, 'execution')).toBe('1 execution');
    expect(plural(0, 'execution')).toBe('0 executions');
  });
});
