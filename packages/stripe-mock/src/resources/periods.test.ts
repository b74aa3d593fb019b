import { describe, expect, it } from 'vitest';
import { addInterval } from './periods.ts';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('addInterval', () => {
  it('adds days and weeks as fixed seconds', () => {
    expect(addInterval(at('2024-03-01T12:00:00Z'), 'day', 2)).toBe(at('2024-03-03T12:00:00Z'));
    expect(addInterval(at('2024-03-01T12:00:00Z'), 'week', 1)).toBe(at('2024-03-08T12:00:00Z'));
  });

  it('adds calendar months and years, clamping to the month end', () => {
    expect(addInterval(at('2024-01-31T09:30:00Z'), 'month', 1)).toBe(at('2024-02-29T09:30:00Z'));
    expect(addInterval(at('2024-05-15T00:00:00Z'), 'month', 3)).toBe(at('2024-08-15T00:00:00Z'));
    expect(addInterval(at('2024-02-29T00:00:00Z'), 'year', 1)).toBe(at('2025-02-28T00:00:00Z'));
  });
});
